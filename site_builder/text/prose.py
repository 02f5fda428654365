"""Prose of a body for the summarizer: Markdown reduced to its paragraphs' plain text.

Only paragraphs with Markdown marks are parsed (each on its own: cleaned paragraphs
are whole blocks): emphasis and code lose their marks, links keep their text, and
headings, code blocks, tables and raw HTML are left out (they are not sentences a
summary could quote). A paragraph that is one plain emphasised line (a byline or a
caption: "*By Ann Lee, The Post.*") is the commonest marked one and needs no parser.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from markdown_it import MarkdownIt

from site_builder.model import CleanArticle

# Every Markdown paragraph the parser can change holds one of these marks; the
# line-start test is separate so that a scan for the marks can skip ahead in C.
_MARKS = re.compile(r"[*_`\[\]<>#|~\\]")
_LIST_START = re.compile(r"^\s*(?:[-+]\s|\d+[.)]\s)", re.MULTILINE)
# What inside "*...*" could start other markup, or break the line, for markdown-it
# with the js-default options (no HTML, no linkify, no typographer); the other
# characters it stops on ("#", "-", "+", "$"...) start no inline rule there.
_NOT_PLAIN = frozenset("\n\r\x00\\`~*_[]!<>&:")
# What a line may start with to open a block other than a paragraph (ASCII digits:
# ordered lists; "=" and "-": a setext underline or a rule)
_BLOCK_START = frozenset("-+*_#>`~<|=0123456789")
# A line of digits opens an ordered list only with one to nine digits, then "." or ")"
# and a space, a tab or the line's end; "2019 was" or "1.5 million" is a paragraph.
_ORDERED = re.compile(r"[0-9]{1,9}[.)](?:[ \t]|$)")
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")  # an ATX heading's opening


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("js-default")


def prose(article: CleanArticle) -> list[str]:
    """The article's prose paragraphs as plain text (see the module docstring)."""
    texts = [p.text for p in article.paragraphs]
    if article.article.markup != "markdown":
        return texts
    found: list[str] = []
    for text in texts:
        if _MARKS.search(text) or _LIST_START.search(text):
            emphasised = _emphasised_line(text)
            found.extend(plain_blocks(text) if emphasised is None else emphasised)
        else:
            found.append(text)
    return found


def _emphasised_line(text: str) -> list[str] | None:
    """What markdown-it makes of ``*words*`` when the words hold no other mark: an
    ``em`` around one text token, so the words themselves; None for anything else.

    The stars flank the words (no space inside them), so the first opens and the
    last closes; a line starting "*" then a non-space is no list or rule.
    """
    inner = text[1:-1]
    if (
        len(text) < 3
        or text[0] != "*"
        or text[-1] != "*"
        or inner[0].isspace()
        or inner[-1].isspace()
        or not _NOT_PLAIN.isdisjoint(inner)
    ):
        return None
    return [" ".join(inner.split())]


def plain_text_blocks(text: str) -> list[str]:
    """plain_blocks(text), without the parser for one line that no block rule can
    claim (no indent, no list, heading, quote, fence, rule or table start) and that
    holds no inline mark and no entity: markdown-it makes it one paragraph of its
    own words. One plain emphasised line needs no parser either (as in prose()), nor
    does a quoted line ("> ...") whose quotation needs none."""
    emphasised = _emphasised_line(text)
    if emphasised is not None:
        return emphasised
    if text[:2] == "> " and text[2:3].strip() and "\n" not in text and "\r" not in text:
        return plain_text_blocks(text[2:])  # a quoted line holds what it quotes
    first = text[:1]
    if (
        "\n" in text
        or "&" in text
        or (
            first in _BLOCK_START and not (first.isdigit() and not _ORDERED.match(text))
        )
        or first.isspace()
        or _MARKS.search(text)
    ):
        return plain_blocks(text)
    plain = " ".join(text.split())
    return [plain] if plain else []


def plain_blocks(text: str) -> list[str]:
    # one heading line holds no paragraph (markdown-it's heading rule)
    if (
        text[:1] == "#"
        and "\n" not in text
        and "\r" not in text
        and _HEADING.match(text)
    ):
        return []
    return parsed_blocks(text)


def parsed_blocks(text: str) -> list[str]:
    """Each paragraph's plain words as markdown-it reads ``text``: what every fast
    path above must give."""
    found = []
    tokens = _markdown().parse(text)
    for before, token in pairwise(tokens):
        if token.type != "inline" or before.type != "paragraph_open":
            continue
        plain = "".join(
            " " if child.type in ("softbreak", "hardbreak") else child.content
            for child in token.children or ()
            if child.type in ("text", "code_inline", "softbreak", "hardbreak")
        )
        if plain.strip():
            found.append(" ".join(plain.split()))
    return found
