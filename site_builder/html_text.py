"""Render stage, text made HTML: bodies, typography, code points HTML forbids."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from site_builder.model import CleanArticle
from site_builder.text.typography import typeset

# "js-default": no raw HTML, and links with javascript:/vbscript:/data: refused.
_MARKDOWN = MarkdownIt("js-default")


# Code points HTML forbids (C0 and C1 controls but whitespace, noncharacters). C1
# controls in text are Windows-1252 bytes read as Latin-1: U+0095 was a bullet.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def _repair(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0x80 <= code <= 0x9F:
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            return ""
    return ""


def printable(value: object) -> object:
    """``value`` without the code points HTML forbids, when it is text."""
    if isinstance(value, str):
        return type(value)(printable_text(value))
    return value


def printable_text(text: str) -> str:
    return _FORBIDDEN.sub(_repair, text) if _FORBIDDEN.search(text) else text


def typo_filter(text: object, lang: str) -> Markup:
    return escape(typeset(str(text), lang))


def body_html(article: CleanArticle) -> Markup:
    """The cleaned body as HTML: Markdown without raw HTML, or escaped paragraphs."""
    lang = article.lang
    if article.article.markup == "text":
        return Markup("\n").join(
            Markup("<p>{}</p>").format(typeset(p.text, lang))
            for p in article.paragraphs
        )
    tokens = _MARKDOWN.parse(article.text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            # The page's own title is the only h1: body headings start at h2.
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        for child in token.children or ():
            if child.type == "text":
                child.content = typeset(child.content, lang)
    return Markup(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))
