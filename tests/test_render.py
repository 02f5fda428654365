"""Rendering: safe Markdown, French typography, links, overrides, template errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from briefs import variables
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup as MarkupSafe

from site_builder.config import load_config
from site_builder.errors import TemplateError
from site_builder.model import (
    Article,
    CleanArticle,
    DateSource,
    FrontMatter,
    Markup,
    Page,
    PageContext,
    Paragraph,
)
from site_builder.render.pages import (
    body_html,
    href,
    make_environment,
    render_page,
)
from site_builder.render.templates import References, template_digests
from site_builder.text.typography import NNBSP, french_spacing

EMPTY = PageContext()  # a page given no variables


def clean_article(
    text: str, markup: Markup = "markdown", lang: str = "en"
) -> CleanArticle:
    article = Article(
        "a.md",
        markup,
        FrontMatter(),
        text,
        1,
        datetime(2026, 1, 1, tzinfo=UTC),
        DateSource.FRONT_MATTER,
        "0",
    )
    paragraphs = tuple(Paragraph(block, 1) for block in text.split("\n\n"))
    return CleanArticle(article, paragraphs, (), lang, False)


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_markdown_never_emits_active_content(source: str) -> None:
    html = str(body_html(clean_article(source)))
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert 'href="vbscript' not in html
    assert 'href="data:' not in html


def test_plain_text_is_escaped_paragraph_by_paragraph() -> None:
    html = str(body_html(clean_article("a < b & c\n\n<b>not bold</b>", "text")))
    assert html == "<p>a &lt; b &amp; c</p>\n<p>&lt;b&gt;not bold&lt;/b&gt;</p>"


def test_body_headings_start_below_the_page_title() -> None:
    html = str(body_html(clean_article("# Part\n\n## Sub")))
    assert "<h2>Part</h2>" in html
    assert "<h3>Sub</h3>" in html
    assert "<h1" not in html


def test_french_spacing() -> None:
    assert french_spacing("Il a dit : « oui » ! Vraiment ?") == (
        f"Il a dit{NNBSP}: «{NNBSP}oui{NNBSP}»{NNBSP}! Vraiment{NNBSP}?"
    )
    assert french_spacing("à 12:30, voir https://x.example/?q=1") == (
        "à 12:30, voir https://x.example/?q=1"
    )
    html = str(body_html(clean_article("Pourquoi ? Parce que.", "markdown", "fr")))
    assert f"Pourquoi{NNBSP}?" in html


def test_links_are_relative_by_default_and_clean_when_absolute(tmp_path: Path) -> None:
    config = load_config(root=tmp_path)
    assert href(config, "briefs/x/index.html", True, "index.html") == "../../index.html"
    assert href(config, "index.html", True, "static/style.css") == "static/style.css"
    absolute = replace(config, relative_urls=False, base_url="https://ex.org/news/")
    assert href(absolute, "briefs/x/index.html", True, "briefs/y/index.html") == (
        "/news/briefs/y/"
    )
    assert href(config, "404.html", False, "index.html") == "/"


def test_site_templates_override_the_theme_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Custom lost</h1>{% endblock %}'
    )
    config = load_config(root=tmp_path)
    html = render_page(
        config,
        make_environment(config),
        Page("404.html", "404.html", "en", EMPTY),
    )
    assert "<h1>Custom lost</h1>" in html
    assert 'href="/static/style.css"' in html, "the theme's base.html is still used"


def test_template_errors_name_the_template_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "404.html").write_text(
        "line one\n{{ missing_variable.x }}\n"
    )
    config = load_config(root=tmp_path)
    with pytest.raises(TemplateError) as caught:
        render_page(
            config,
            make_environment(config),
            Page("404.html", "404.html", "en", EMPTY),
        )
    assert caught.value.line == 2
    assert str(caught.value.path).endswith("templates/404.html")
    assert "missing_variable" in caught.value.message


def test_template_syntax_errors_name_the_line(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "404.html").write_text("ok\n\n{% if %}\n")
    config = load_config(root=tmp_path)
    with pytest.raises(TemplateError) as caught:
        render_page(
            config,
            make_environment(config),
            Page("404.html", "404.html", "en", EMPTY),
        )
    assert caught.value.line == 3


def _render_404(tmp_path: Path, template: str, **context: object) -> str:
    """``template`` as the site's 404 page, rendered with ``context``."""
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "templates" / "404.html").write_text(template)
    config = load_config(root=tmp_path)
    page = Page("404.html", "404.html", "en", variables(**context))
    return render_page(config, make_environment(config), page)


def test_code_points_html_forbids_are_removed_from_every_printed_value(
    tmp_path: Path,
) -> None:
    html = _render_404(
        tmp_path,
        "{{ text }}|{{ text | upper }}|{{ card_html }}",
        text="a\x00b\x85c\ufffe",
        card_html=MarkupSafe("<b>\x95</b>"),
    )
    assert html == "ab\u2026c|AB\u2026C|<b>\u2022</b>"


def test_helpers_called_in_loops_and_helpers_asking_for_the_context(
    tmp_path: Path,
) -> None:
    def shout(context: Context, suffix: str) -> str:
        return context["lang"] + suffix

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "404.html").write_text(
        "{% for n in [1, 3] %}"
        "{{ ngettext('%(num)s source', '%(num)s sources', n) }}/"
        "{{ url('a/index.html') }}/{{ shout('!') }}/{% endfor %}"
        "{{ _('Every brief on “%(name)s”, newest first.', name=['x']) }}"
    )
    config = load_config(root=tmp_path)
    env = make_environment(config)
    env.globals["shout"] = pass_context(partial(shout))  # a partial asking for more
    html = render_page(config, env, Page("errors/404.html", "404.html", "en", EMPTY))
    assert html == (
        "1 source/../a/index.html/en!/3 sources/../a/index.html/en!/"
        "Every brief on “[&#39;x&#39;]”, newest first."
    )


def test_errors_in_the_card_template_name_it_and_its_line(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "_card.html").write_text("ok\n{{ entry.missing }}\n")
    with pytest.raises(TemplateError) as caught:
        _render_404(
            tmp_path, "{{ card(entry, 'h2') }}", entry=SimpleNamespace(path="x")
        )
    assert caught.value.line == 2
    assert str(caught.value.path).endswith("templates/_card.html")


def test_template_digests_do_not_depend_on_the_other_templates_asked(
    tmp_path: Path,
) -> None:
    env = make_environment(load_config(root=tmp_path))
    refs = References(env)
    together = template_digests(refs, ["brief.html", "list.html", "atom.xml"])
    alone = {name: template_digests(References(env), [name])[name] for name in together}
    assert together == alone
    assert len(set(together.values())) == 3


def test_what_a_template_uses_is_remembered_by_its_source(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "404.html").write_text('{% extends "base.html" %}')
    compiled = tmp_path / "compiled"
    env = make_environment(load_config(root=tmp_path), compiled)
    first = References(env, compiled)
    digests = template_digests(first, ["404.html"])
    first.save()
    again = References(env, compiled)
    assert again.known == first.known, "read back from references.json"
    assert template_digests(again, ["404.html"]) == digests
    assert not again.changed, "no template parsed again"
    (templates / "404.html").write_text('{% extends "base.html" %}{# edited #}')
    edited = References(
        make_environment(load_config(root=tmp_path), compiled), compiled
    )
    assert template_digests(edited, ["404.html"]) != digests
    assert edited.changed
