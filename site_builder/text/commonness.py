"""Vocabulary: how common a word is in its language, and the words that spell numbers.

Commonness is wordfreq's Zipf frequency (log10 of a word's uses per billion words,
about 7.7 for "the", 6.2 for "people", 4.6 for "Iran", 0 for a word it never saw),
read from the frequency lists inside its wheel: a background weight that lets a
story's own words ("election", "Téhéran") outrank the words every story uses
("people", "homme", "detto"). wordfreq's lists are frozen (2023), so a word it lacks
is taken as rare, never as unknown: the weight suits names that are new since then.

The lists are read directly (``wordfreq/data/*.msgpack.gz``, in the "cB" format
its ``read_cBpack`` reads: buckets of words by centibel) and only down to ``FLOOR``,
below which every word weighs the same: 45 ms a language, where importing wordfreq's
API (ftfy, regex, langcodes) alone takes 0.7 s and reading a whole list 0.15-0.5 s.

Number words ("dix", "zwanzig", "thousand") come from number_words.json, which
``python -m bench.number_words`` writes with num2words.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import msgpack  # type: ignore[import-untyped]  # wordfreq's own dependency

FLOOR = 3.0  # Zipf below which a word is taken as rare (the lists stop near 1)
_TOP = 9.0  # a word of bucket i (centibels) has Zipf 9 - i / 100
_NUMBERS = Path(__file__).with_name("number_words.json")


def zipf(word: str, lang: str) -> float:
    """``word``'s Zipf frequency in ``lang`` (lower-cased); ``FLOOR`` when rarer,
    or when wordfreq has no list for ``lang``."""
    return _buckets(lang).get(word.lower(), FLOOR)


def number_words(lang: str) -> frozenset[str]:
    """The lower-cased words that spell numbers in ``lang`` (empty if unknown)."""
    return _numbers().get(lang, frozenset())


def prepare(languages: Iterable[str]) -> None:
    """Read these languages' lists now: forked workers then share them instead of
    each reading them again."""
    for lang in languages:
        _buckets(lang)


@cache
def _numbers() -> dict[str, frozenset[str]]:
    table = json.loads(_NUMBERS.read_text(encoding="utf-8"))
    return {lang: frozenset(words) for lang, words in table.items()}


@cache
def _buckets(lang: str) -> dict[str, float]:
    """Word -> Zipf for the words of ``lang`` more common than ``FLOOR``."""
    path = _list_path(lang)
    if path is None:
        return {}
    found: dict[str, float] = {}
    last = round((_TOP - FLOOR) * 100)
    with gzip.open(path) as stream:
        unpacker = msgpack.Unpacker(stream, raw=False)
        count = unpacker.read_array_header()
        header = unpacker.unpack()
        if header != {"format": "cB", "version": 1}:
            raise ValueError(f"{path}: not a wordfreq cB list ({header!r})")
        for bucket in range(min(count - 1, last)):
            value = _TOP - bucket / 100
            for word in unpacker.unpack():
                found.setdefault(word, value)
    return found


def _list_path(lang: str) -> Path | None:
    """wordfreq's largest list for ``lang``, found without importing wordfreq."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    data = Path(spec.origin).parent / "data"
    for size in ("large", "small"):
        path = data / f"{size}_{lang}.msgpack.gz"
        if path.is_file():
            return path
    return None
