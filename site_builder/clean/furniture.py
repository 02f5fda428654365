"""Clean stage, page furniture: what a page prints around its article, removed before
anything is drafted, each removal recorded (``Removal`` of kind "furniture").

Whole paragraphs that are furniture (``lines.standalone``: stamps, bylines, credits,
"Lire aussi", share and subscription prompts), spans inside a paragraph
(``inline.inline_cuts``: agency datelines, stamps and credits glued to the text,
where what precedes a dateline becomes its own paragraph), and a trailing list of
other pages' headlines. Precision first: every rule is anchored on something only
furniture writes, and a paragraph that goes on into news is never taken whole.
"""

from __future__ import annotations

import re

from site_builder.clean.inline import Cut, inline_cuts
from site_builder.clean.lines import standalone
from site_builder.model import Paragraph, Removal

_STRUCTURE = re.compile(r"^\s*(?:#|[-*+•]\s|\d+[.)]\s|>|\||```|~~~|    )")
MIN_LINKS = 3  # headlines in a row that end a body: a list of links to other pages
MAX_LINK = 110  # characters of such a headline
MIN_LINK_WORDS = 3


def remove_furniture(
    paragraphs: tuple[Paragraph, ...], markdown: bool, lang: str
) -> tuple[tuple[Paragraph, ...], tuple[Removal, ...]]:
    """``paragraphs`` without their furniture, and what was removed."""
    kept: list[Paragraph] = []
    removed: list[Removal] = []
    after_furniture: list[bool] = []  # per kept paragraph: furniture stood before it
    dropped = False
    for index, paragraph in enumerate(paragraphs):
        if markdown and _STRUCTURE.match(paragraph.text):
            pieces = [paragraph]
        elif (why := standalone(paragraph.text, index == 0)) is not None:
            removed.append(_removal(paragraph.text, paragraph.line, why))
            dropped = True
            continue
        else:
            cuts = inline_cuts(paragraph.text, index == 0, lang)
            pieces = _apply(paragraph, cuts, removed) if cuts else [paragraph]
        for piece in pieces:
            why = None if piece is paragraph else standalone(piece.text, not kept)
            if why is not None:
                removed.append(_removal(piece.text, piece.line, why))
                continue
            kept.append(piece)
            after_furniture.append(dropped)
            dropped = False
    links = _link_list(kept, after_furniture)
    removed += [_removal(p.text, p.line, "links to other pages") for p in links]
    return tuple(kept[: len(kept) - len(links)]), tuple(removed)


def _removal(text: str, line: int, why: str) -> Removal:
    return Removal("furniture", " ".join(text.split()), line, None, why)


def _apply(
    paragraph: Paragraph, cuts: list[Cut], removed: list[Removal]
) -> list[Paragraph]:
    """The paragraph without ``cuts``, split where a cut opens the body."""
    text, line = paragraph.text, paragraph.line
    pieces: list[Paragraph] = []
    current: list[str] = []
    position = 0
    for cut in cuts:
        current.append(text[position : cut.start])
        removed.append(_removal(text[cut.start : cut.end], line, cut.why))
        position = cut.end
        if cut.split:
            _close(current, line, pieces)
            current = []
    current.append(text[position:])
    _close(current, line, pieces)
    return pieces


def _close(parts: list[str], line: int, pieces: list[Paragraph]) -> None:
    joined = " ".join(" ".join(parts).split())
    if joined.strip(" -–—:|,;"):
        pieces.append(Paragraph(joined, line))


def _link_list(kept: list[Paragraph], after_furniture: list[bool]) -> list[Paragraph]:
    """A run of other pages' headlines ending the body (short lines without a final
    stop) that starts after furniture (credits, "Read more"): a list of cup ties or
    of results, with no furniture before it, is the article's own."""
    count = 0
    for paragraph in reversed(kept):
        if not _link_like(paragraph.text):
            break
        count += 1
    start = len(kept) - count
    if count < MIN_LINKS or start == 0 or not after_furniture[start]:
        return []
    return kept[start:]


def _link_like(text: str) -> bool:
    line = text.strip()
    return (
        "\n" not in line
        and len(line) <= MAX_LINK
        and len(line.split()) >= MIN_LINK_WORDS
        and line[-1:] not in ".!?…:;,\"”»)'’"
        and not _STRUCTURE.match(line)
        and line[:1].isupper()
    )
