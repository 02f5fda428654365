"""Ingest: HTML fragments of feeds (titles, descriptions) as plain text blocks."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from site_builder.load.html import escape_block

_BREAKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "ul",
        "ol",
        "table",
    ]
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BREAKS:
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BREAKS:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.blocks[-1].append(data)


def html_blocks(fragment: str, markup: bool = True) -> list[str]:
    """The text blocks of an HTML fragment (or of plain text when not ``markup``)."""
    if markup:
        parser = _Text()
        parser.feed(fragment)
        parser.close()
        blocks = ["".join(block) for block in parser.blocks]
    else:
        blocks = re.split(r"\n\s*\n", fragment)
    cleaned = (" ".join(block.split()) for block in blocks)
    return [block for block in cleaned if block]


def html_text(fragment: str, markup: bool = True) -> str:
    """An HTML fragment (a feed description) as Markdown-safe text blocks."""
    return "\n\n".join(escape_block(b) for b in html_blocks(fragment, markup))


def html_title(fragment: str | None, markup: bool = True) -> str | None:
    """A title that may carry tags or entities, as one line of plain text."""
    return " ".join(html_blocks(fragment or "", markup)) or None
