"""Paragraphs of a body, each with its file line, for plain text and Markdown.

Three layouts reach us: paragraphs between blank lines, one paragraph per line (as
scrapers leave them), and one sentence per line (a tokenised corpus, ECB+): the last
is told from the second by its lines, nearly all single sentences, and its runs of
lines are regrouped into paragraphs of a few sentences (``regroup``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_builder.model import Markup, Paragraph

_SENTENCE_END = re.compile(r"[.!?…:;»\"”')\]]\s*$")
# Hard-wrapped text wraps at 60-80 columns: a shorter unterminated line is a heading,
# a dateline or a byline, and stands alone.
_WRAP_MIN = 50
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_STRUCTURE = re.compile(r"^\s*(?:#|[-*+•]\s|\d+[.)]\s|>|\||```|~~~|    )")
# A stop inside a line, between two sentences ("... rose. The firm"): an
# abbreviation ("Mr. Smith") counts too, which only makes a line look longer.
_INNER_STOP = re.compile(r"[a-z0-9%)\"”»’][.!?][\"”»’]?\s+[\"“«]?[A-ZÀ-Þ]")
MIN_SENTENCE_LINES = 5  # terminated lines, before a block is read as one sentence each
SINGLE_SHARE = 0.8  # of those lines holding one sentence (news paragraphs: 0.2-0.5)
TERMINATED_SHARE = 0.6  # of all lines ending a sentence (the rest: headline, dateline)
GROUP_SENTENCES = 3  # a regrouped paragraph: at most this many sentences...
GROUP_WORDS = 70  # ...and about this many words
MAX_GROUP_WORDS = 160  # even inside a quotation


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


def one_sentence_lines(lines: Sequence[str]) -> bool:
    """Whether ``lines`` hold one sentence each (a tokenised corpus), not one
    paragraph each: nearly every line that ends a sentence holds only that one."""
    ended = [line for line in lines if _SENTENCE_END.search(line)]
    if len(ended) < MIN_SENTENCE_LINES or len(ended) < TERMINATED_SHARE * len(lines):
        return False
    single = sum(1 for line in ended if not _INNER_STOP.search(line.rstrip()[:-1]))
    return single >= SINGLE_SHARE * len(ended)


def regroup(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """Runs of one-sentence lines joined into paragraphs of a few sentences.

    A run is paragraphs of one line each on consecutive lines, which
    ``one_sentence_lines`` accepts; other paragraphs are kept as they are. Inside a
    run the lead stands alone, a line that ends no sentence (a subheading) stands
    alone, a quotation is not cut, and a paragraph closes at ``GROUP_SENTENCES``
    sentences or about ``GROUP_WORDS`` words.
    """
    result: list[Paragraph] = []
    run: list[Paragraph] = []

    def flush() -> None:
        result.extend(
            _grouped(run) if one_sentence_lines([p.text for p in run]) else run
        )
        run.clear()

    for paragraph in paragraphs:
        if run and (paragraph.line != run[-1].line + 1 or "\n" in paragraph.text):
            flush()
        if "\n" in paragraph.text:
            result.append(paragraph)
        else:
            run.append(paragraph)
    flush()
    return tuple(result)


def _grouped(run: list[Paragraph]) -> list[Paragraph]:
    groups: list[list[Paragraph]] = []
    words = 0
    lead: list[Paragraph] | None = None  # the first group that ends a sentence
    for paragraph in run:
        ends = _SENTENCE_END.search(paragraph.text) is not None
        count = len(paragraph.text.split())
        current = groups[-1] if groups else None
        if (
            current is not None
            and current is not lead
            and ends
            and _SENTENCE_END.search(current[-1].text)
            and words + count <= MAX_GROUP_WORDS
            and (
                _open_quote(current)
                or (len(current) < GROUP_SENTENCES and words + count <= GROUP_WORDS)
            )
        ):
            current.append(paragraph)
            words += count
            continue
        groups.append([paragraph])
        words = count
        if ends and lead is None:
            lead = groups[-1]
    return [
        Paragraph(" ".join(p.text for p in group), group[0].line) for group in groups
    ]


def _open_quote(group: list[Paragraph]) -> bool:
    """Whether a quotation opened in ``group`` is still open at its end."""
    text = " ".join(p.text for p in group)
    # German opens with „ and closes with “, which opens an English quotation.
    curly = (
        text.count("„") > text.count("“")
        if "„" in text
        else text.count("“") > text.count("”")
    )
    return curly or text.count('"') % 2 == 1 or text.count("«") > text.count("»")


def _markdown_blocks(body: str) -> list[tuple[int, str]]:
    """Blocks between blank lines; a block of scraped lines (``_scraped_lines``)
    gives one block per line, which ``regroup`` may join again."""
    blocks: list[tuple[int, str]] = []
    for start, text in _blank_separated(body):
        lines = text.split("\n")
        if _scraped_lines(lines):
            blocks += [(start + n, line.strip()) for n, line in enumerate(lines)]
        else:
            blocks.append((start, text))
    return blocks


def _scraped_lines(lines: list[str]) -> bool:
    """Whether a Markdown block is scraped lines, not prose: most lines end a
    sentence (the others: a headline, a dateline), where a hard-wrapped
    paragraph's lines end mid-sentence but the last, and nothing is Markdown
    structure."""
    ended = sum(1 for line in lines if _SENTENCE_END.search(line))
    return (
        len(lines) > 2
        and ended >= max(2, TERMINATED_SHARE * len(lines))
        and not any(_STRUCTURE.match(line) for line in lines)
    )


def _blank_separated(body: str) -> list[tuple[int, str]]:
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
