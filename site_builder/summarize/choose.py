"""Summarize stage: which scored sentences make the summary, and which the key points.

The summary must stand on its own, and say the news first. The lead (the first
sentence that leans on none before it and is no quotation) is taken first when it
ranks among the best ``LEAD_RANK``; then sentences are taken best first (the fitted
score, features.py), skipping one that repeats a sentence already taken (stem
Jaccard above ``REDUNDANT``), one that repeats the title, and one that leans on the
sentence before it ("It reduced ...", "Cette mesure ...") unless that sentence is
taken too: the reader would meet an antecedent the summary never gives; and a short
text that does not end like a sentence, which is a heading, a caption, a signature
or a prompt ("Les secours toujours mobilisés", "Thanks for reading"; ``heading``: a
body's opening headline is the title's, not the summary's). Picks are shown in
article order, except that a summary never opens on a quotation when the lead can
open it (scrapes often start on the quote the outlet led with; training split:
summaries opening on a quotation 3.9% -> 1.5%, ROUGE within 0.3 by fold).

Key points tell what the summary leaves out, in the source's own words: whole
sentences only (or a whole first clause: the part before a semicolon, or before the
attribution that closes it), never clipped, and no heading; none that repeats the
title or a summary sentence (stem Jaccard ``REPEAT``), none that leans on an unseen
sentence, no fragment (fewer than ``_POINT_MIN`` words) and no scraper debris.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from site_builder.summarize.features import Candidate, SentenceModel, worth
from site_builder.text.normalize import CJK_CLOSERS, CJK_STOPS

LEAD_RANK = 4  # the lead opens the summary unless this many sentences score higher
REDUNDANT = 0.5  # stem Jaccard above which a sentence repeats another
REPEAT = 0.6  # a key point this close to the title or a summary sentence repeats it
TITLE_REPEAT = 0.9  # a summary sentence this close to the title only repeats it (a
# lead that the title shortens still tells more, and stays; training split, en
# summary R-1 at 0.8 / 0.9 / never: 59.5 / 59.7 / 59.7)
_POINT_MIN = 6
_QUOTE_MARKS = frozenset("\"«“„\u2018'`")
_SUMMARY_MIN = 1  # sentences a summary keeps when a short article needs points
_POINT_MAX = 35
_POINT_LOOSE = 45  # when fewer than three points fit the strict limits
_POINT_LONGEST = 60  # and then a long whole sentence rather than too few points
# A text this short (words, characters) that does not end like a sentence is no
# point: of the training split's 10,609 points, 115 were; about three in four of
# them headings, captions, prompts or debris, the others sentences a scrape left
# without their stop.
_HEADING_WORDS, _HEADING_CHARACTERS = 12, 90
# How a sentence ends: its stop, or a quotation or a bracket closing after it.
_CLOSED = re.compile(rf"[.!?…»\"”’'\)\]{CJK_STOPS}{CJK_CLOSERS}]\s*$")
_DEBRIS = re.compile(r"=\d?em|\d+em[A-ZÀ-Þ]|&\w+;|\ufffd|\[\.\.\.\]|https?://")
# Quotes a tokeniser wrote as two marks: ``like this''.
_TEX_QUOTES = re.compile(r"``\s?|\s?''")
# What closes a sentence after its news: who said it. The clause before it is whole.
_SAID = re.compile(
    r",\s*(?:a-t-(?:il|elle|on)|ont-(?:ils|elles)|(?:a|ont)\s+(?:\w+\s+)?(?:dit"
    r"|déclaré|indiqué|affirmé|expliqué|ajouté|précisé|estimé|souligné|annoncé)"
    r"|(?:he|she|they|it)\s+(?:said|says|added|told)|said|says|sagte|sagt|erklärte"
    r"|teilte)\b[^,]*$",
    re.IGNORECASE,
)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def ranked(
    found: Sequence[Candidate], model: SentenceModel, structured: bool
) -> list[Candidate]:
    """Candidates best first; the earlier of equals first."""
    weights, power = model.weights(structured), model.power(structured)
    return sorted(found, key=lambda c: (-worth(weights, power, c), c.index))


def pick(
    best_first: Sequence[Candidate],
    count: int,
    max_words: int,
    title: frozenset[str],
) -> list[Candidate]:
    """The summary's sentences (see the module docstring), in article order (but
    a quotation never opens them when the lead is there)."""
    limits = count, max_words, title
    chosen = _pick(_lead_first(best_first), *limits)
    lead = _lead(best_first)
    if not chosen or lead is None or not _quotes(chosen[0]):
        return chosen
    # A quotation says how someone saw the news, not the news: the lead opens,
    # before a quotation the outlet led with.
    if all(c is not lead for c in chosen):
        chosen = _pick([lead, *(c for c in best_first if c is not lead)], *limits)
    if any(c is lead for c in chosen):
        chosen = [lead, *(c for c in chosen if c is not lead)]
    return chosen


def _quotes(candidate: Candidate) -> bool:
    """Whether the sentence opens on a quotation mark."""
    return candidate.text[:1] in _QUOTE_MARKS


def _pick(
    ordered: Sequence[Candidate], count: int, max_words: int, title: frozenset[str]
) -> list[Candidate]:
    chosen: list[Candidate] = []
    taken: set[int] = set()
    total = 0
    for candidate in ordered:
        if len(chosen) == count:
            break
        if candidate.leans and candidate.index - 1 not in taken:
            continue
        if heading(candidate.text):
            continue
        if title and jaccard(candidate.terms, title) >= TITLE_REPEAT:
            continue
        if any(jaccard(candidate.terms, c.terms) > REDUNDANT for c in chosen):
            continue
        length = len(candidate.text.split())
        if chosen and max_words and total + length > max_words:
            continue
        chosen.append(candidate)
        taken.add(candidate.index)
        total += length
    return sorted(chosen, key=lambda c: c.index)


def heading(text: str) -> bool:
    """Whether ``text`` is too short to be anything but a heading, a caption, a
    signature or a prompt when it does not end like a sentence."""
    short = len(text) <= _HEADING_CHARACTERS and len(text.split()) <= _HEADING_WORDS
    return short and not _CLOSED.search(text)


def as_shown(chosen: Sequence[Candidate]) -> list[str]:
    """The texts of ``chosen`` (in article order) as the reader sees them: a
    sentence whose linking opener points to a sentence not shown loses it."""
    taken = {c.index for c in chosen}
    return [c.text if c.index - 1 in taken else c.alone for c in chosen]


def summary_and_points(
    best_first: Sequence[Candidate],
    length: tuple[int, int],
    title: frozenset[str],
    limit: int,
) -> tuple[list[Candidate], tuple[str, ...]]:
    """The summary's sentences and the key points. A short article whose other
    sentences would not make three points gets a shorter summary (never under
    ``_SUMMARY_MIN`` sentences): an editor tells a short story in fewer words and
    leaves the reader its details as points."""
    count, max_words = length
    chosen = pick(best_first, count, max_words, title)
    found = points(best_first, chosen, title, limit)
    while len(found) < min(3, limit) and len(chosen) > _SUMMARY_MIN:
        shorter = pick(best_first, len(chosen) - 1, max_words, title)
        more = points(best_first, shorter, title, limit)
        if len(more) <= len(found):
            break
        chosen, found = shorter, more
    return chosen, found


def _lead_first(best_first: Sequence[Candidate]) -> list[Candidate]:
    """``best_first`` with the lead moved to the front, when it ranks among the
    first LEAD_RANK of the sentences that could open a summary (none that leans on
    the one before): the news comes first (a lead ranked lower is a hook, an
    anecdote or a detail, and the body's centre tells the story better)."""
    lead = _lead(best_first)
    openers = [c for c in best_first if not c.leans][:LEAD_RANK]  # can open it
    if lead is None or all(c is not lead for c in openers):
        return list(best_first)
    return [lead, *(c for c in best_first if c is not lead)]


def _lead(best_first: Sequence[Candidate]) -> Candidate | None:
    """The first candidate that leans on no sentence before it and is no
    quotation (a scrape often opens on the quote the outlet led with)."""
    return min(
        (c for c in best_first if not c.leans and not _quotes(c)),
        key=lambda c: c.index,
        default=None,
    )


def points(
    best_first: Sequence[Candidate],
    summary: Sequence[Candidate],
    title: frozenset[str],
    limit: int,
) -> tuple[str, ...]:
    """3 to ``limit`` key points (see the module docstring), in article order."""
    for longest in (_POINT_MAX, _POINT_LOOSE, _POINT_LONGEST):
        found = _points(best_first, summary, title, limit, longest)
        if len(found) >= 3:
            break
    return tuple(text for _, text in sorted(found))


def _points(
    best_first: Sequence[Candidate],
    summary: Sequence[Candidate],
    title: frozenset[str],
    limit: int,
    longest: int,
) -> list[tuple[int, str]]:
    shown = [c.terms for c in summary]
    if title:
        shown.append(title)
    taken = {c.index for c in summary}
    found: list[tuple[int, str]] = []
    for candidate in best_first:
        if len(found) == limit:
            break
        if candidate.index in taken:
            continue
        if candidate.leans and candidate.index - 1 not in taken:
            continue  # a point may follow on from the sentence shown before it
        if any(jaccard(candidate.terms, seen) >= REPEAT for seen in shown):
            continue
        follows = candidate.index - 1 in taken
        text = whole(candidate.text if follows else candidate.alone, longest)
        if text is None:
            continue
        found.append((candidate.index, text))
        shown.append(candidate.terms)
        taken.add(candidate.index)
    return found


def whole(sentence: str, longest: int) -> str | None:
    """``sentence``, or its first whole clause, within ``longest`` words; None when
    neither is (a point is never clipped) or the text is a fragment or debris."""
    if _DEBRIS.search(sentence) or sentence[:1].islower():
        return None
    if heading(sentence):
        return None
    if sentence.rstrip().endswith(":"):
        return None  # it announces a quotation or a list that is not shown
    text = plain_quotes(sentence)
    if len(text.split()) > longest:
        said = _SAID.search(text)
        text = text[: said.start()] if said else text
        if len(text.split()) > longest and "; " in text:
            text = text.split("; ", 1)[0]
        if len(text.split()) > longest:
            return None
        if not _balanced(text):
            return None
        text = text.rstrip(" ,;:") + ("" if text[-1:] in ".!?" else ".")
    if len(text.split()) < _POINT_MIN or not _balanced(text):
        return None
    return text


def plain_quotes(text: str) -> str:
    """``tokenised quotes'' as plain ones: "tokenised quotes"."""
    return _TEX_QUOTES.sub('"', text) if "``" in text or "''" in text else text


def _balanced(text: str) -> bool:
    """Quotes and brackets that open also close: the point is no cut quotation."""
    return (
        text.count('"') % 2 == 0
        and text.count("«") == text.count("»")
        and text.count("“") == text.count("”")
        and text.count("(") == text.count(")")
    )
