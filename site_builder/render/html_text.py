"""Render stage, text made HTML: bodies, typography, code points HTML forbids."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from site_builder.model import CleanArticle
from site_builder.summarize.choose import plain_quotes
from site_builder.text.prose import plain_text_blocks
from site_builder.text.sentences import split_sentences
from site_builder.text.typography import typeset

# Rules that return at once under "js-default" (no raw HTML, no linkify, no
# typographer), and rules that cannot match a text holding none of their signs: each
# one's first test is for its sign. Left out, the HTML is the same and the parse a
# fifth faster (a third on news text, which rarely has them): a body's parse tried
# every rule at every line and every punctuation mark.
_IDLE = ("html_block", "html_inline", "linkify", "replacements", "smartquotes")
_SIGNS = (
    ("|", ("table",)),
    ("`~", ("fence", "backticks", "strikethrough")),
    ("[", ("reference", "link", "image")),
    (">", ("blockquote",)),
    ("#", ("heading",)),
    ("<", ("autolink",)),
    ("&", ("entity",)),
    ("\\", ("escape",)),
    ("*_", ("emphasis",)),
)


def _parser(text: str) -> MarkdownIt:
    """A "js-default" parser (no raw HTML, links with javascript:/vbscript:/data:
    refused) without the rules ``text`` gives nothing to match."""
    absent = tuple(not any(sign in text for sign in signs) for signs, _ in _SIGNS)
    return _parser_without(absent)


@lru_cache(maxsize=64)
def _parser_without(absent: tuple[bool, ...]) -> MarkdownIt:
    parser = MarkdownIt("js-default")
    unused = [
        rule
        for (_, rules), off in zip(_SIGNS, absent, strict=True)
        for rule in rules
        if off
    ]
    parser.disable([*_IDLE, *unused])
    return parser


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


LEAD_CHARS = 120  # a card's summary: a line and a half wide, three on a phone


@lru_cache(maxsize=4096)  # a brief's card is shown on several listings
def lead_filter(text: object, lang: str) -> Markup:
    """A card's one-line summary: the summary's first sentence, cut between words
    with an ellipsis past ``LEAD_CHARS``; the story page has the rest."""
    sentences = split_sentences(str(text), lang)
    first = sentences[0] if sentences else str(text).strip()
    if len(first) > LEAD_CHARS:
        cut = first[: LEAD_CHARS + 1].rsplit(maxsplit=1)[0]
        first = cut.rstrip(" ,;:–—-") + "…"
    return escape(typeset(first, lang))


def body_html(article: CleanArticle, shown: tuple[str, ...] = ()) -> Markup:
    """The cleaned body as HTML: Markdown without raw HTML, or escaped paragraphs.

    ``shown``: what the page printed above the body (title, summary, key points):
    the body's sentences that say it again are left out (see unshown()).
    """
    lang = article.lang
    if article.article.markup == "text":
        said = _said(shown, lang)
        kept = (unshown(p.text, said, lang) for p in article.paragraphs)
        return Markup("\n").join(
            Markup("<p>{}</p>").format(typeset(text, lang)) for text in kept if text
        )
    text = unshown_blocks(article, shown)
    parser = _parser(text)
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            # The page's own title is the only h1: body headings start at h2.
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        for child in token.children or ():
            if child.type == "text":
                child.content = typeset(child.content, lang)
    return Markup(parser.renderer.render(tokens, parser.options, {}))


def _said(shown: tuple[str, ...], lang: str) -> frozenset[str]:
    """The sentences of ``shown``, spacing folded, and each whole text (a title
    taken from the body's first line is no sentence)."""
    sentences = {_fold(s) for text in shown for s in split_sentences(text, lang)}
    return frozenset(sentences | {_fold(text) for text in shown})


def _fold(text: str) -> str:
    return " ".join(plain_quotes(text).split())


def unshown(paragraph: str, said: frozenset[str], lang: str) -> str:
    """``paragraph`` without the sentences the page already printed above the body
    (``said``, from _said(): a story page never prints a sentence twice); "" when
    none is left."""
    if not said:
        return paragraph
    folded = _fold(paragraph)
    if folded in said:
        return ""
    # most paragraphs hold none of the few sentences shown: a substring scan in C
    # spares them the sentence splitter
    if not any(sentence[:40] in folded for sentence in said):
        return paragraph
    kept = [s for s in split_sentences(paragraph, lang) if _fold(s) not in said]
    return " ".join(kept)


def unshown_blocks(article: CleanArticle, shown: tuple[str, ...]) -> str:
    """A Markdown body without the blocks whose every sentence the page already
    printed; a block that says anything new stays whole (its markup cannot be cut
    inside without breaking it)."""
    if not shown:
        return article.text
    said = _said(shown, article.lang)
    opening = tuple(said)
    kept = []
    for paragraph in article.paragraphs:
        blocks = plain_text_blocks(paragraph.text) or [paragraph.text]
        if not _opens_said(blocks, opening):
            kept.append(paragraph.text)
            continue
        plain = [
            _fold(s) for text in blocks for s in split_sentences(text, article.lang)
        ]
        if not plain or not all(sentence in said for sentence in plain):
            kept.append(paragraph.text)
    return "\n\n".join(_headed(kept))


def _opens_said(blocks: list[str], said: tuple[str, ...]) -> bool:
    """Whether every block may open on a sentence already said: a block's first
    sentence, folded, begins its folded text (a sentence is a stripped slice of its
    block), so a block that begins with none of ``said`` has a sentence left to show
    and most paragraphs are spared the splitter. Tokenised quotes fold unevenly
    across a slice's edge: such blocks are split."""
    for block in blocks:
        if "``" in block or "''" in block:
            return True
        folded = " ".join(block.split())
        if folded and not folded.startswith(said):
            return False
    return True


_HEADING = re.compile(r"^(#{1,6})\s")


def _headed(blocks: list[str]) -> list[str]:
    """``blocks`` without the headings left with nothing under them."""
    kept: list[str] = []
    for block in reversed(blocks):
        heading = _HEADING.match(block)
        if heading:
            after = _HEADING.match(kept[-1]) if kept else None
            if not kept or (after and len(after.group(1)) <= len(heading.group(1))):
                continue
        kept.append(block)
    return kept[::-1]
