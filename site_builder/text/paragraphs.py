"""Paragraphs of a body, each with its file line, for plain text and Markdown."""

from __future__ import annotations

import re

from site_builder.model import Markup, Paragraph

_SENTENCE_END = re.compile(r"[.!?…:;»\"”')\]]\s*$")
# Hard-wrapped text wraps at 60-80 columns: a shorter unterminated line is a heading,
# a dateline or a byline, and stands alone.
_WRAP_MIN = 50
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def split_paragraphs(
    body: str, markup: Markup, first_line: int
) -> tuple[Paragraph, ...]:
    """Blocks of ``body``; ``first_line`` is the file line of the body's first line.

    Markdown: blocks between blank lines, fenced code kept whole. Plain text: blocks
    between blank lines, and inside a block a line ending a sentence also ends a
    paragraph (scraped text often has one paragraph per line, as in the seed), while
    a long line cut mid-sentence is joined to the next (hard-wrapped text).
    """
    blocks = _markdown_blocks(body) if markup == "markdown" else _text_blocks(body)
    return tuple(Paragraph(text, first_line + offset) for offset, text in blocks)


def _markdown_blocks(body: str) -> list[tuple[int, str]]:
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    fenced = False
    for number, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                blocks.append((start, "\n".join(current).rstrip()))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        blocks.append((start, "\n".join(current).rstrip()))
    return blocks


def _text_blocks(body: str) -> list[tuple[int, str]]:
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(body.split("\n")):
        line = " ".join(raw.split())
        if not line:
            if current:
                blocks.append((start, " ".join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
        if _SENTENCE_END.search(line) or len(line) < _WRAP_MIN:
            blocks.append((start, " ".join(current)))
            current = []
    if current:
        blocks.append((start, " ".join(current)))
    return blocks
