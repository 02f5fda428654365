"""Dedup's time evidence: the years a text's lead places what it reports in.

A story is one event at one time. Two reports of one event often name other years
in their bodies (the last flood, the previous record, last year's figure), so the
years of whole texts agree or disagree by chance. Leads date what they report:
when both leads name years, share none, and the years of one lead are named
nowhere in the other text, the two tell of another time, and ``join`` keeps them
out of one story whatever the model says. An outlet's yearly story (a company's
annual bonus "after a record 2023" and, a year on, "after a record 2024") has the
same actors, the same action and the same wording: only its time tells the two
apart. A report leading on 2020 that looks back on 2019 still shares its time with
one leading on 2019 that looks ahead to 2020.

The lead is read as the story profile reads it (``signature``): a first line that
reads as a title, then the first sentence, of the compared text (publication stamps
left out: a stamp dates the report, and a report of a trial in 2013 leads on "the
2012 shooting"). A decade ("the 1940s") and a year inside a numeric date are no
year of the event.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from site_builder.dedup.signature import HEADLINE_WORDS
from site_builder.text.normalize import CJK_STOPS
from site_builder.text.sentences import split_sentences
from site_builder.text.shingles import I64, Bools

# four digits from 1900 to 2099 standing alone: "2019", "2019." and "2019年", not
# "12019", "2019,5", "3.2019", "2013-09-28" or "1940s" (an amount, a numeric date,
# a decade)
_YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d\d)(?!\d|[.,/-]\d|s\b|'s\b)")
_SENTENCE_END = tuple(".!?…:;" + CJK_STOPS)
_LEAD_CHARACTERS = 800  # the first sentences lie in the opening (train: all do)
# sentences read after the title: the first says what happened and when; more
# reach the background (training split, no dates, bench.story_times: with one, the
# rule keeps apart 1 same-headline pair and 2 ECB+ look-alike pairs and no pair of
# one event; with two, also 12 ECB+ pairs of one event; the title alone, none)
LEAD_SENTENCES = 1


def lead(text: str, lang: str, sentences: int = LEAD_SENTENCES) -> str:
    """The text's lead: its title line, if it opens on one, and first sentence
    (or first ``sentences``: ``bench.story_times`` tries more)."""
    lines = [line.strip() for line in text[:_LEAD_CHARACTERS].split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    title = ""
    first = lines[0]
    if (
        len(lines) > 1
        and len(first.split()) <= HEADLINE_WORDS
        and not first.endswith(_SENTENCE_END)
    ):
        title, lines = first, lines[1:]
    opening = split_sentences(" ".join(lines), lang)[:sentences]
    return "\n".join([title, *opening]).strip()


@dataclass(frozen=True, slots=True)
class Years:
    """The years a text names: in its lead, and anywhere."""

    lead: frozenset[int]
    named: frozenset[int]  # with those of the lead; empty when the lead names none


def years(text: str, lang: str, sentences: int = LEAD_SENTENCES) -> Years:
    """The years ``text`` names, in its lead and in all of it (none at all when
    the lead names none: ``elsewhen`` then never reads them)."""
    if not _YEAR.search(text, 0, _LEAD_CHARACTERS):
        return _NO_YEARS  # no year in the opening: no sentence to split
    found = frozenset(int(y) for y in _YEAR.findall(lead(text, lang, sentences)))
    if not found:
        return _NO_YEARS
    return Years(found, found | frozenset(int(y) for y in _YEAR.findall(text)))


_NO_YEARS = Years(frozenset(), frozenset())


def elsewhen(first: Years, second: Years) -> bool:
    """Whether two texts report another time: both leads name years, share none,
    and one lead's years are named nowhere in the other text (a report dated 2020
    that looks back on 2019 still shares its time with one dated 2019)."""
    if not first.lead or not second.lead or first.lead & second.lead:
        return False
    return not first.lead & second.named or not second.lead & first.named


def leads_disagree(
    pairs: I64, looked: Bools, years_of: Callable[[int], Years]
) -> Bools:
    """``elsewhen`` of each pair (i, j) that ``looked`` marks (the others False).

    ``years_of`` gives a text's years; it is asked once for each text of a marked
    pair only.
    """
    known: dict[int, Years] = {}

    def of(i: int) -> Years:
        if i not in known:
            known[i] = years_of(i)
        return known[i]

    found = np.zeros(len(pairs), dtype=np.bool_)
    for n in np.flatnonzero(looked).tolist():
        first, second = (of(int(i)) for i in pairs[n])
        found[n] = elsewhen(first, second)
    return found
