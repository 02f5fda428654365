"""Story evidence for dedup: what two texts share that says they report one event.

A story is one event: the same actors doing the same thing at the same time and
place. Topic words ("earthquake", "rehab", "election") and a shared headline say
only that two texts are of one kind, so the evidence is weighed on what is
specific to an event. For each candidate pair, from the two signatures alone:

- ``names``: cosine of the anchor vectors (names and numbers, tf-idf): who,
  where and how many; across languages the only words that survive translation.
- ``words``: cosine of every feature (names doubled, stems): the action, in one
  language; 0 across two.
- ``leads``: the smaller, over the two texts, of the share of a text's
  PROTAGONISTS strongest anchors that the other names. Two look-alike events (two
  actors cast in one role, two quakes on one island) share most of their
  vocabulary but not their protagonists.
- ``years``: 1 when both texts name years and share none: the same people at
  another time (last year's bonus, an anniversary).
- ``figures``: 1 when both texts give at least FIGURES other numbers and share
  none: the same kind of event with another toll, score or price.
- ``cross``: the texts are in two languages, and ``across``: ``names`` when
  they are (names weigh otherwise across languages, where they are all there is).

``reuse`` adds what two texts share word for word. A logistic model turns the
features into the probability that the two report one event (``decision``). A
pair has no evidence at all when its shared features all lie in a headline or a
lead, when it shares one feature only, or only numbers, or no name (where both
texts name someone), or when its years and its figures both disagree. A pair that
shares no name because a text names no one (or is written in a script without
capitals, where names are not marked) must share WIDE words in both bodies: its
words are then all that says "the same actors", and a handful of words two
texts of one template share ("the council report ... part 12") say nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from site_builder.dedup.cluster import MIN_SHARED, Profiles, Vectors, vectors
from site_builder.dedup.signature import NUMBER, anchor_hash
from site_builder.text.shingles import I64, Bools

F64 = npt.NDArray[np.float64]

PROTAGONISTS = 5  # strongest anchors of a text that another must name
FIGURES = 2  # numbers (not years) each text must give for their disagreement to count
FEATURES = ("names", "words", "leads", "years", "figures", "cross", "across")
# a pair without a shared name needs this many distinct words shared in both bodies
# (training split: SemEval one-event pairs in Arabic and Chinese share 13 to 58)
WIDE = 12
# scripts without capitals: a capital in such a text is a foreign word ("NBA"),
# no mark of whom the text names (SemEval zh-zh of the training split: 13 one-event
# pairs, 4 found before, 6 after; the other figures unchanged)
CASELESS = frozenset({"ar", "fa", "he", "ur", "zh", "ja", "ko", "th", "hi", "bn"})
_YEARS = range(1900, 2100)
_CHUNK = 4096  # pairs looked at a time: bounds the memory of the numpy arrays


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """One row per pair: ``values`` in FEATURES order, ``gated`` False without body
    evidence (see the module docstring)."""

    values: F64
    gated: Bools


@lru_cache(maxsize=1)
def _year_hashes() -> npt.NDArray[np.uint32]:
    return np.unique(np.array([anchor_hash(str(y)) for y in _YEARS], np.uint32))


class _Index:
    """Lookups shared by every chunk of pairs: who holds which feature."""

    def __init__(self, profiles: Profiles, texts: Vectors) -> None:
        self.vectors = texts
        self.stride = profiles.features + 1
        self.keys = texts.unit * self.stride + texts.columns
        # strongest anchors of each text, as (text, column), sorted by text
        order = np.lexsort((-texts.weight, texts.unit))
        order = order[texts.anchor[order]]
        first = np.searchsorted(texts.unit[order], texts.unit[order])
        top = order[np.arange(len(order)) - first < PROTAGONISTS]
        self.top = _Rows.of(texts.unit[top], texts.columns[top], len(texts.rows) - 1)
        # years come from the whole profile: a year in every other article still
        # tells this year's event from last year's
        total = len(profiles.rows) - 1
        unit = np.repeat(np.arange(total), np.diff(profiles.rows))
        # a year is one of 200 hashes: find each column's hash among them once
        years = _year_hashes()
        spot = np.minimum(np.searchsorted(years, profiles.hashes), len(years) - 1)
        year = (years[spot] == profiles.hashes)[profiles.columns]
        figure = ((profiles.flags & NUMBER) > 0) & ~year
        self.years = _Rows.of(unit[year], profiles.columns[year], total)
        self.figures = _Rows.of(unit[figure], profiles.columns[figure], total)


@dataclass(frozen=True, slots=True)
class _Rows:
    """(text, column) entries sorted by text, with where each text starts."""

    unit: I64
    columns: I64
    rows: I64

    @classmethod
    def of(cls, unit: I64, columns: I64, total: int) -> _Rows:
        order = np.argsort(unit, kind="stable")
        rows = np.concatenate([[0], np.cumsum(np.bincount(unit, minlength=total))])
        return cls(unit[order], columns[order], rows.astype(np.int64))

    def expand(self, texts: I64) -> tuple[I64, I64]:
        """(pair number, entry) for every entry of ``texts[k]``, for each k."""
        length = self.rows[texts + 1] - self.rows[texts]
        which = np.repeat(np.arange(len(texts)), length)
        start = np.repeat(np.cumsum(length) - length, length)
        entry = np.arange(int(length.sum())) - start + self.rows[texts][which]
        return which, entry


def _holds(keys: I64, target: I64) -> Bools:
    """Whether each ``text * stride + column`` of ``target`` is among ``keys``."""
    if not len(keys):
        return np.zeros(len(target), dtype=np.bool_)
    at = np.minimum(np.searchsorted(keys, target), len(keys) - 1)
    found: Bools = keys[at] == target
    return found


def pair_features(
    profiles: Profiles, pairs: I64, langs: Sequence[str], texts: Vectors | None = None
) -> PairFeatures:
    """The evidence features of each pair (i, j) of profiled texts."""
    index = _Index(profiles, texts if texts is not None else vectors(profiles))
    codes = np.unique(np.array(list(langs)), return_inverse=True)[1]
    cased = np.array([lang not in CASELESS for lang in langs], dtype=np.bool_)
    values = np.zeros((len(pairs), len(FEATURES)))
    gated = np.zeros(len(pairs), dtype=np.bool_)
    for start in range(0, len(pairs), _CHUNK):
        part = pairs[start : start + _CHUNK]
        same = codes[part[:, 0]] == codes[part[:, 1]]
        names, words, gate = _cosines(part, same, cased, index)
        years = _disagree(part, index.years, 1, index.stride)
        figures = _disagree(part, index.figures, FIGURES, index.stride)
        leads = _leads(part, index)
        values[start : start + len(part)] = np.stack(
            [names, words, leads, years, figures, ~same, names * ~same], axis=1
        )
        # years and figures both disagreeing: the same kind of event, another time
        # (1.4% of ECB+ same-event pairs of the training split, 12% of look-alikes)
        gated[start : start + len(part)] = gate & ~((years > 0) & (figures > 0))
    return PairFeatures(values, gated)


def _cosines(
    pairs: I64, same: Bools, cased: Bools, index: _Index
) -> tuple[F64, F64, Bools]:
    """Anchor cosine, full cosine (0 across languages) and the body-evidence gate."""
    texts = index.vectors
    rows = texts.rows
    sizes = rows[pairs + 1] - rows[pairs]
    swap = sizes[:, 0] > sizes[:, 1]
    small = np.where(swap, pairs[:, 1], pairs[:, 0])
    large = np.where(swap, pairs[:, 0], pairs[:, 1])
    which, entry = _Rows(texts.unit, texts.columns, rows).expand(small)
    # profiles are stored sorted by (text, feature): one binary search finds the
    # same feature in the other text of the pair
    target = large[which] * index.stride + texts.columns[entry]
    hit = _holds(index.keys, target)
    found = np.minimum(np.searchsorted(index.keys, target), len(index.keys) - 1)
    count = len(pairs)
    named = np.where(hit, texts.named[entry] * texts.named[found], 0.0)
    full = np.where(hit & same[which], texts.full[entry] * texts.full[found], 0.0)
    # evidence lies in the bodies: a shared headline or lead alone is no story, nor
    # is one shared name, nor numbers alone (two reports easily share "12", "2024")
    shared = hit & ((named > 0) | (full > 0))
    mine, theirs = texts.body[entry], texts.body[found]
    evidence = np.bincount(which, shared & (mine | theirs), count)
    both = np.bincount(which, shared & mine & theirs, count)
    worded = np.bincount(which, shared & ~texts.number[entry], count)
    # the same actors: a shared name where both texts name someone; else (a text
    # names no one, or its script marks no names) words shared widely in the bodies
    name = texts.anchor & ~texts.number
    named_both = np.bincount(which, hit & name[entry], count) >= 1
    has = (np.bincount(texts.unit, name, len(texts.rows) - 1) > 0) & cased
    anonymous = ~(has[pairs[:, 0]] & has[pairs[:, 1]])
    wide = np.bincount(which, shared & mine & theirs & ~texts.number[entry], count)
    gate: Bools = (
        (evidence >= MIN_SHARED)
        & (both >= 1)
        & (worded >= 1)
        & (named_both | (anonymous & (wide >= WIDE)))
    )
    names: F64 = np.bincount(which, named, count).astype(np.float64)
    words: F64 = np.bincount(which, full, count).astype(np.float64)
    return names, words, gate


def _leads(pairs: I64, index: _Index) -> F64:
    """The smaller share of a text's protagonists named by the other text."""
    shares = []
    for side in (0, 1):
        mine, other = pairs[:, side], pairs[:, 1 - side]
        which, entry = index.top.expand(mine)
        hit = _holds(index.keys, other[which] * index.stride + index.top.columns[entry])
        length = index.top.rows[mine + 1] - index.top.rows[mine]
        found = np.bincount(which, hit, len(pairs))
        shares.append(np.where(length > 0, found / np.maximum(length, 1), 0.0))
    least: F64 = np.minimum(shares[0], shares[1])
    return least


def _disagree(pairs: I64, entries: _Rows, least: int, stride: int) -> F64:
    """1.0 where both texts hold at least ``least`` entries and share none, else 0."""
    rows = entries.rows
    has = (rows[pairs + 1] - rows[pairs]) >= least
    which, entry = entries.expand(pairs[:, 0])
    target = pairs[:, 1][which] * stride + entries.columns[entry]
    keys = entries.unit * stride + entries.columns
    shared = np.bincount(which, _holds(keys, target), len(pairs))
    disagree: F64 = (has[:, 0] & has[:, 1] & (shared == 0)).astype(np.float64)
    return disagree
