"""The words that stand before patterns: each alternative of a pattern holds one.

Several rules test a text for a few words (substring scans in C) before running a
pattern tried at every offset (clean.inline's trailers, text.stamps' stamp words,
clean.notices' kinds, text.anaphora's unsaid question). Those words must be a
necessary condition of the pattern: every alternative of it, read as the sequence of
what it requires, holds one of them in a run of literal characters. Adding an
alternative without its word fails here rather than silently skipping it.
"""

from __future__ import annotations

import re
import re._parser as sre_parse
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from site_builder.clean.inline import _TRAILERS
from site_builder.clean.notice_kinds import _NOTICES, _WORDS
from site_builder.text.anaphora import _UNSAID, _UNSAID_WORDS
from site_builder.text.stamps import _STAMP_PIECES, _STAMP_WORD

Item = tuple[Any, Any]


def _branch_of(item: Item) -> list[list[Item]] | None:
    """The alternatives of a BRANCH item, of a group holding only one, or of a set
    of single characters."""
    op, value = item
    if op is sre_parse.BRANCH:
        return [list(alternative) for alternative in value[1]]
    if op is sre_parse.SUBPATTERN and len(value[3]) == 1:
        return _branch_of(next(iter(value[3])))
    if op is sre_parse.IN and all(kind is sre_parse.LITERAL for kind, _ in value):
        return [[member] for member in value]  # "404|403" is parsed as "40[43]"
    return None


def _alternatives(items: list[Item]) -> Iterator[list[Item]]:
    """Each way through ``items``, alternations (nested ones too) opened up."""
    for at, item in enumerate(items):
        branches = _branch_of(item)
        if branches is not None:
            for branch in branches:
                yield from _alternatives(items[:at] + branch + items[at + 1 :])
            return
    yield items


def _runs(items: Sequence[Item]) -> list[str]:
    """The runs of literal characters every match of ``items`` holds in order."""
    runs, current = [], ""
    for op, value in items:
        if op is sre_parse.LITERAL:
            current += chr(value)
            continue
        if op is sre_parse.SUBPATTERN and _branch_of((op, value)) is None:
            inner = _runs(list(value[3]))
            if len(inner) == 1:  # a group of literals only: it continues the run
                current += inner[0]
                continue
            runs += [current, *inner]
        else:
            runs.append(current)
        current = ""
    return [*runs, current]


def _uncovered(pattern: re.Pattern[str], words: Sequence[str]) -> list[str]:
    """The alternatives of ``pattern`` none of whose literal runs holds a word."""
    folded = bool(pattern.flags & re.IGNORECASE)
    found = []
    for path in _alternatives(list(sre_parse.parse(pattern.pattern, pattern.flags))):
        runs = [run.lower() if folded else run for run in _runs(path)]
        if not any(word in run for run in runs for word in words):
            found.append(" ".join(run for run in runs if run))
    return found


@pytest.mark.parametrize(("pattern", "why", "words"), _TRAILERS)
def test_each_trailer_alternative_holds_one_of_its_words(
    pattern: re.Pattern[str], why: str, words: tuple[str, ...]
) -> None:
    assert _uncovered(pattern, words) == [], why


def test_each_stamp_word_holds_one_of_the_pieces() -> None:
    assert _uncovered(_STAMP_WORD, _STAMP_PIECES) == []


def test_each_unsaid_phrase_holds_one_of_its_words() -> None:
    assert _uncovered(_UNSAID, _UNSAID_WORDS) == []


@pytest.mark.parametrize("kind", range(len(_NOTICES)))
def test_each_notice_pattern_holds_one_of_its_kinds_words(kind: int) -> None:
    name, alone, pairs = _NOTICES[kind]
    alone_words, pair_words = _WORDS[kind]
    assert _uncovered(alone, alone_words) == [], name
    for pair, listed in zip(pairs, pair_words, strict=True):
        for pattern, words in zip(pair, listed, strict=False):
            assert _uncovered(pattern, words) == [], name


def test_an_alternative_without_its_word_is_found() -> None:
    # the check itself: a new alternative with no listed word is reported
    pattern = re.compile(r"(?<=\.)\s+(?:Read\s+more|See\s+also)\b")
    assert _uncovered(pattern, ("Read",)) == ["See also"]
