"""Story clustering for dedup: event profiles (names, numbers, stems), average linkage.

A profile is a tf-idf vector over two kinds of features: *anchors* (capitalised
words that do not open a sentence, and numbers of two digits or more) and the
stems of the other content words. Anchors count double: a story is an event, and
events are told apart by who, where and how many. Anchors also survive
translation, so two articles in different languages are compared on anchors only.

Stories are formed by average linkage (UPGMA): two groups merge while the mean
similarity over all their pairs is at least the threshold. Unlike single linkage it
does not chain two look-alike events through one ambiguous article; unlike a
centroid it lets a cluster of ten short reports absorb an eleventh.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import snowballstemmer
import stop_words

from site_builder.text.shingles import I64, Vocabulary

F64 = npt.NDArray[np.float64]

ANCHOR_WEIGHT = 2.0
TOP_FEATURES = 16  # of each profile, indexed to find candidate pairs
NEIGHBOURS = 24  # in date order, each profile is compared with this many per feature
SPREAD = 0.16  # the bar for one pair of articles: threshold + SPREAD
COMMON = 0.1  # features in a tenth of the articles weigh nothing ...
COMMON_FLOOR = 20  # ... as long as that tenth is at least this many articles
MIN_SHARED = 2  # distinct weighted features two texts must share to be compared
EDGE_FLOOR = 0.02  # weaker similarities count as zero
NEVER = -1.0e9  # a cannot-link pair: no average can recover from it

_STOP_LANGS = ("en", "fr", "de", "es", "it", "pt", "nl")
_STEMMERS = {"en": "english", "fr": "french", "de": "german", "es": "spanish",
             "it": "italian", "pt": "portuguese", "nl": "dutch"}  # fmt: skip


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from site_builder.text.normalize import fold

    words: set[str] = set()
    for lang in _STOP_LANGS:
        words.update(fold(w) for w in stop_words.get_stop_words(lang))
    return frozenset(words)


@lru_cache(maxsize=16)
def _stemmer(lang: str) -> snowballstemmer.Stemmer:
    return snowballstemmer.stemmer(_STEMMERS.get(lang, "porter"))


@dataclass
class Profiles:
    """Sparse feature counts of many texts, appended batch by batch (CSR layout)."""

    vocab: Vocabulary
    features: dict[str, int] = field(default_factory=dict)  # "a:paris", "s:heist"
    _kinds: dict[str, I64] = field(default_factory=dict)  # lang -> feature of folded id
    columns: list[I64] = field(default_factory=list)
    counts: list[I64] = field(default_factory=list)
    lengths: list[I64] = field(default_factory=list)

    def add(self, ids: I64, offsets: I64, langs: Sequence[str]) -> None:
        """Profile each text of a batch encoded by ``vocab.encode``."""
        vocab = self.vocab
        texts = len(offsets) - 1
        doc = np.repeat(np.arange(texts), np.diff(offsets))
        mark = vocab.mark[ids]
        opening = vocab.opens[ids].copy()
        opening[:1] = True
        opening[1:] |= vocab.closes[ids][:-1] | (doc[1:] != doc[:-1])
        anchor = (vocab.capital[ids] & ~opening) | vocab.numeric[ids]
        folded = vocab.folded_id[ids]
        feature = np.full(len(ids), -1, dtype=np.int64)
        lang_of = np.array(list(langs))[doc] if texts else np.array([], dtype=str)
        for lang in sorted(set(langs)):
            table = self._table(lang)
            here = lang_of == lang
            feature[here] = table[folded[here], anchor[here].astype(np.int64)]
        keep = (feature >= 0) & ~mark
        key = doc[keep] * (len(self.features) + 1) + feature[keep]
        unique, tf = np.unique(key, return_counts=True)
        self.columns.append((unique % (len(self.features) + 1)).astype(np.int32))
        self.counts.append(tf.astype(np.int32))
        self.lengths.append(
            np.bincount(unique // (len(self.features) + 1), minlength=texts)
        )

    def _table(self, lang: str) -> npt.NDArray[np.int64]:
        """Feature id of each folded word: column 0 as a plain word, 1 as an anchor."""
        table = self._kinds.get(lang, np.zeros((0, 2), dtype=np.int64))
        folded = self.vocab.folded
        if len(table) < len(folded):
            stop, stem = _stop_words(), _stemmer(lang).stemWord
            rows = []
            for word in folded[len(table) :]:
                digits = word.isdigit()
                if digits:
                    plain = anchor = (
                        self._feature("a:" + word) if len(word) >= 2 else -1
                    )
                elif word in stop or len(word) < 2:
                    plain = anchor = -1
                else:
                    plain = self._feature("s:" + stem(word))
                    anchor = self._feature("a:" + word)
                rows.append((plain, anchor))
            table = np.concatenate(
                [table, np.array(rows, dtype=np.int64).reshape(-1, 2)]
            )
            self._kinds[lang] = table
        return table

    def _feature(self, name: str) -> int:
        return self.features.setdefault(name, len(self.features))

    def matrix(self, select: I64) -> tuple[I64, I64, I64]:
        """(row offsets, feature columns, counts) of the texts numbered ``select``."""
        lengths = (
            np.concatenate(self.lengths) if self.lengths else np.zeros(0, np.int64)
        )
        starts = np.cumsum(lengths) - lengths
        columns = (
            np.concatenate(self.columns) if self.columns else np.zeros(0, np.int64)
        )
        counts = np.concatenate(self.counts) if self.counts else np.zeros(0, np.int64)
        size = lengths[select]
        rows = np.concatenate([[0], np.cumsum(size)]).astype(np.int64)
        entry = (
            np.arange(rows[-1])
            - np.repeat(rows[:-1], size)
            + np.repeat(starts[select], size)
        )
        return rows, columns[entry], counts[entry]

    def anchors(self) -> npt.NDArray[np.bool_]:
        """Whether each feature id is an anchor (a name or a number)."""
        return np.array(
            [name.startswith("a:") for name in self.features], dtype=np.bool_
        )

    def numbers(self) -> npt.NDArray[np.bool_]:
        """Whether each feature id is a number."""
        return np.array([name[2:].isdigit() for name in self.features], dtype=np.bool_)


@dataclass(frozen=True, slots=True)
class _Vectors:
    """tf-idf vectors of the selected texts, sorted by (text, feature)."""

    rows: I64  # where each text's entries start
    unit: I64  # text of each entry
    columns: I64  # feature of each entry
    df: I64  # texts holding each feature
    weight: F64  # raw tf-idf weight
    full: F64  # weight over the text's norm: for one language
    named: F64  # anchor weight over the norm of anchors: across languages
    number: npt.NDArray[np.bool_]


def _vectors(profiles: Profiles, select: Sequence[int]) -> _Vectors:
    rows, columns, counts = profiles.matrix(np.asarray(select, dtype=np.int64))
    total = len(rows) - 1
    unit = np.repeat(np.arange(total), np.diff(rows))
    df = np.bincount(columns, minlength=len(profiles.features))
    idf = _idf(df[columns], total)
    keep = idf > 0  # features too common to weigh are dropped before the big arrays
    unit, columns, idf = unit[keep], columns[keep].astype(np.int64), idf[keep]
    rows = np.concatenate([[0], np.cumsum(np.bincount(unit, minlength=total))])
    anchor = profiles.anchors()[columns] if len(columns) else np.zeros(0, np.bool_)
    number = profiles.numbers()[columns] if len(columns) else np.zeros(0, np.bool_)
    weight = (1.0 + np.log(counts[keep])) * idf * np.where(anchor, ANCHOR_WEIGHT, 1.0)
    names = np.where(anchor, weight, 0.0)
    full = (
        weight / np.sqrt(np.maximum(np.bincount(unit, weight**2, total), 1e-24))[unit]
    )
    named = names / np.sqrt(np.maximum(np.bincount(unit, names**2, total), 1e-24))[unit]
    return _Vectors(
        rows.astype(np.int64), unit, columns, df, weight, full, named, number
    )


def similarities(
    profiles: Profiles,
    select: Sequence[int],
    langs: Sequence[str],
    days: F64,
    window: float,
) -> tuple[I64, F64]:
    """Candidate pairs (i < j) of the ``select``-ed texts and their cosine similarity.

    Pairs and scores refer to positions in ``select``; ``langs`` and ``days`` are
    given for the selected texts (``nan`` for an unknown date). Pairs are proposed
    by the texts' strongest features, among texts published within ``window`` days
    of each other, so the work grows with the corpus, not with its square.
    """
    vectors = _vectors(profiles, select)
    pairs = _candidates(vectors, days, window)
    codes = np.unique(np.array(list(langs)), return_inverse=True)[1]
    same = codes[pairs[:, 0]] == codes[pairs[:, 1]]
    stride = len(profiles.features) + 1
    keys = vectors.unit * stride + vectors.columns
    scores = np.zeros(len(pairs))
    for start in range(0, len(pairs), 4096):
        part = slice(start, start + 4096)
        scores[part] = _dot(pairs[part], same[part], vectors, keys, stride)
    return pairs, scores


def _idf(df: I64, total: int) -> F64:
    """Inverse document frequency, zero for a feature common enough to name no event.

    "Common" is over COMMON of the articles, or COMMON_FLOOR articles in a small
    site, where a share says little.
    """
    common = max(COMMON * total, COMMON_FLOOR)
    return np.maximum(0.0, np.log(common / np.maximum(df, 1)))


def _candidates(vectors: _Vectors, days: F64, window: float) -> I64:
    """Pairs sharing a feature that is among the strongest of at least one of the two.

    Asking with every feature would compare everything that shares a common word;
    asking only with features strong in both would miss a short report whose
    names are minor details of a long article.
    """
    unit, columns, weight, df = (
        vectors.unit,
        vectors.columns,
        vectors.weight,
        vectors.df,
    )
    order = np.lexsort((-weight, unit))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - np.searchsorted(unit[order], unit[order])
    entries = np.nonzero((weight > 0) & (df[columns] >= 2))[0]
    day = days[unit[entries]]
    entries = entries[
        np.lexsort((unit[entries], np.nan_to_num(day, nan=np.inf), columns[entries]))
    ]
    feature, owner, asks = columns[entries], unit[entries], rank[entries] < TOP_FEATURES
    day = days[owner]
    found = [np.zeros((0, 2), dtype=np.int64)]
    for step in range(1, NEIGHBOURS + 1):
        near = ~(
            np.abs(day[step:] - day[:-step]) > window
        )  # nan: date unknown, near all
        hit = (feature[step:] == feature[:-step]) & near & (asks[step:] | asks[:-step])
        found.append(np.stack([owner[:-step][hit], owner[step:][hit]], axis=1))
    pairs: I64 = np.sort(np.concatenate(found), axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    if not len(pairs):
        return pairs
    # a pair proposed by one feature only is a coincidence (MIN_SHARED), unless
    # it is met again among the features neither text ranks high: rare enough
    pairs, seen = np.unique(pairs, axis=0, return_counts=True)
    return pairs[seen >= MIN_SHARED]


def _dot(
    pairs: I64, same: npt.NDArray[np.bool_], vectors: _Vectors, keys: I64, stride: int
) -> F64:
    """Cosine of each pair: every feature in one language, anchors only across two."""
    rows, columns, full, named = (
        vectors.rows,
        vectors.columns,
        vectors.full,
        vectors.named,
    )
    sizes = rows[pairs + 1] - rows[pairs]
    swap = sizes[:, 0] > sizes[:, 1]
    small = np.where(swap, pairs[:, 1], pairs[:, 0])
    large = np.where(swap, pairs[:, 0], pairs[:, 1])
    length = rows[small + 1] - rows[small]
    which = np.repeat(np.arange(len(pairs)), length)
    entry = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    entry += rows[small][which]
    # profiles are stored sorted by (text, feature): one binary search finds the
    # same feature in the other text of the pair
    target = large[which] * stride + columns[entry]
    found = np.minimum(np.searchsorted(keys, target), max(len(keys) - 1, 0))
    hit = keys[found] == target if len(keys) else np.zeros(0, np.bool_)
    weights = np.where(
        same[which], full[entry] * full[found], named[entry] * named[found]
    )
    weights = np.where(hit, weights, 0.0)
    shared = weights > 0
    evidence = np.bincount(which, shared, len(pairs))
    worded = np.bincount(which, shared & ~vectors.number[entry], len(pairs))
    # one shared name is a coincidence, and so are numbers alone: two unrelated
    # reports easily share a "12" and a "2024"
    enough = (evidence >= MIN_SHARED) & (worded >= 1)
    return np.where(enough, np.bincount(which, weights, len(pairs)), 0.0)


def _margin(total: float, left: int, right: int, threshold: float) -> float:
    """How far the mean similarity of two groups clears the bar for merging them.

    The bar is ``threshold`` plus a term shrinking like the standard error of a
    mean: one pair of articles needs strong evidence, a report joining a cluster of
    ten needs only a consistent weak likeness to all ten.
    """
    pairs = left * right
    return total / pairs - threshold - SPREAD / math.sqrt(pairs)


def average_linkage(count: int, pairs: I64, scores: F64, threshold: float) -> list[int]:
    """Cluster label (its smallest member) of each of ``count`` items."""
    links: list[dict[int, float]] = [{} for _ in range(count)]
    for (a, b), score in zip(pairs.tolist(), scores.tolist(), strict=True):
        if score >= EDGE_FLOOR or score <= NEVER:
            links[a][b] = links[b][a] = links[a].get(b, 0.0) + score
    size = [1] * count
    root = list(range(count))
    heap = [
        (-_margin(s, 1, 1, threshold), a, b)
        for a in range(count)
        for b, s in links[a].items()
        if a < b
    ]
    heap = [entry for entry in heap if entry[0] <= 0]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if root[a] != a or root[b] != b or b not in links[a]:
            continue
        if _margin(links[a][b], size[a], size[b], threshold) != -negative:
            continue  # superseded by a fresher entry
        root[b] = a
        size[a] += size[b]
        for c, score in links[b].items():
            del links[c][b]
            if c != a:
                links[a][c] = links[c][a] = links[a].get(c, 0.0) + score
        links[b] = {}
        for c, score in links[a].items():
            margin = _margin(score, size[a], size[c], threshold)
            if margin >= 0:
                heapq.heappush(heap, (-margin, min(a, c), max(a, c)))
    return [_find(root, item) for item in range(count)]


def _find(root: list[int], item: int) -> int:
    while root[item] != item:
        item = root[item]
    return item
