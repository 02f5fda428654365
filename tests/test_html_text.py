"""Text made HTML: the Markdown parser chosen per body renders as the full one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from site_builder.render.html_text import _parser, printable_text

FULL = MarkdownIt("js-default")

# Every construct whose rules the parser leaves out when its sign is absent.
CONSTRUCTS = [
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "```\ncode <b>\n```",
    "~~~\nfence\n~~~",
    "a `code` and ~~struck~~ text",
    "[a link](https://example.org/x) and ![an image](i.png)",
    "[ref]\n\n[ref]: https://example.org/ref",
    "[bad](javascript:alert(1))",
    "> quoted\n> still",
    "# Heading\n\n## Sub",
    "<https://example.org/auto> and <b>raw</b>",
    "caf&eacute; &amp; &#233; & ampersand",
    "\\*not emphasis\\* and \\[not a link]",
    "*em* _em_ **strong** __strong__",
    "Plain text: no signs at all.\nA second line.",
    "- item\n- item\n\n1. one\n2. two",
    "Setext\n===\n\nrule\n\n---",
]


@pytest.mark.parametrize("text", CONSTRUCTS)
def test_each_construct_renders_as_with_every_rule(text: str) -> None:
    assert _parser(text).render(text) == FULL.render(text)


def test_a_text_without_signs_gets_a_parser_without_their_rules() -> None:
    rules = _parser("plain words").get_active_rules()
    assert "table" not in rules["block"]
    assert "link" not in rules["inline"]
    assert "table" in _parser("a | b").get_active_rules()["block"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"|`~[]()!<>&#\\*_-=+:;.1 \n", "\n\n", "    ", "word", "é"]),
        max_size=40,
    ).map("".join)
)
def test_any_text_renders_as_with_every_rule(text: str) -> None:
    assert _parser(text).render(text) == FULL.render(text)


def test_forbidden_code_points_are_removed_and_c1_bytes_repaired() -> None:
    assert printable_text("a\x00b\x85c\x81d\ufdd0") == "ab\u2026cd"
    assert printable_text("clean · text") == "clean · text"
