"""The template machinery: same output as stock Jinja, through the faster paths."""

from __future__ import annotations

from functools import partial

import jinja2
import pytest
from markupsafe import Markup, escape

from site_builder.render.template_runtime import Environment, escape_output

TEMPLATES = {
    "base.html": "<title>{% block title %}{{ text }}{% endblock %}</title>"
    "<meta content='{{ self.title() }}'>{% block main %}{% endblock %}",
    "page.html": """{% extends "base.html" %}
{% macro item(x) %}<li>{{ x }}</li>{% endmacro %}
{% macro box() %}<div>{{ caller() }}</div>{% endmacro %}
{% block main %}{{ text }}|{{ safe }}|{{ number }}|{{ none }}|{{ text ~ safe }}
{% set held %}<i>{{ text }}</i>{% endset %}{{ held }}|{{ held | length }}
{% for x in [text, safe, 3] %}{{ item(x) }}{{ join(x) }}{% endfor %}
{% filter upper %}{{ text }}{% endfilter %}
{% call box() %}{{ text }}{% endcall %}
{% autoescape false %}{{ text }}{% endautoescape %}
{% autoescape true %}{{ text }}{% endautoescape %}
{{ 'const <&>' }}{% endblock %}""",
    "page.txt": "{{ text }}|{{ safe }}|{{ join(text) }}",
}
VALUES = {
    "text": "a < b & \"c\" 'd' > e",
    "safe": Markup("<b>bold</b>"),
    "number": 42,
    "none": None,
    "join": partial("{}-{}".format, "<x>"),  # a partial: the fast call
}


def _environment(kind: type[jinja2.Environment]) -> jinja2.Environment:
    return kind(
        loader=jinja2.DictLoader(TEMPLATES),
        autoescape=lambda name: name is not None and name.endswith(".html"),
        undefined=jinja2.StrictUndefined,
    )


@pytest.mark.parametrize("name", ["page.html", "page.txt"])
def test_templates_render_as_with_stock_jinja(name: str) -> None:
    ours = _environment(Environment).get_template(name).render(VALUES)
    stock = _environment(jinja2.Environment).get_template(name).render(VALUES)
    assert ours == stock
    assert "a &lt; b &amp;" in ours or name.endswith(".txt")


def test_printed_values_go_through_the_fast_escape() -> None:
    source = _environment(Environment).compile(
        "{{ text }}", "page.html", raw=True, defer_init=False
    )
    assert "environment.escape_output(" in source


def test_escape_output_escapes_as_markupsafe() -> None:
    text = "<a href=\"x\">'&'</a>"
    assert escape_output(text) == str(escape(text))
    safe = Markup("<b>")
    assert escape_output(safe) is safe
    assert escape_output(7) == "7"
    with pytest.raises(jinja2.UndefinedError):
        escape_output(jinja2.StrictUndefined(name="missing"))


def test_undefined_values_still_fail_when_printed() -> None:
    template = _environment(Environment).from_string("{{ missing }}")
    with pytest.raises(jinja2.UndefinedError):
        template.render()
