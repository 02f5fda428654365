"""Story clustering for dedup: average linkage (UPGMA) of scored pairs, in a window.

Two groups merge while the mean similarity over all their pairs clears a bar.
Unlike single linkage it does not chain two look-alike events through one ambiguous
article; unlike a centroid it lets a cluster of ten short reports absorb an
eleventh. A story spans days: no merge makes two dated members further apart than
the window, however strong the links through undated articles.
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import numpy.typing as npt

from site_builder.text.shingles import I64

F64 = npt.NDArray[np.float64]

SPREAD = 0.16  # the bar for one pair of articles: threshold + SPREAD
EDGE_FLOOR = 0.02  # weaker similarities count as zero
NEVER = -1.0e9  # a cannot-link pair: no average can recover from it


def _margin(total: float, left: int, right: int, threshold: float) -> float:
    """How far the mean similarity of two groups clears the bar for merging them.

    The bar is ``threshold`` plus a term shrinking like the standard error of a
    mean: one pair of articles needs strong evidence, a report joining a cluster of
    ten needs only a consistent weak likeness to all ten.
    """
    pairs = left * right
    return total / pairs - threshold - SPREAD / math.sqrt(pairs)


class _Spans:
    """The first and last known day of each cluster (inf and -inf while unknown)."""

    def __init__(self, days: F64, window: float) -> None:
        known = ~np.isnan(days)
        self.first = np.where(known, days, np.inf).tolist()
        self.last = np.where(known, days, -np.inf).tolist()
        self.window = window

    def fits(self, a: int, b: int) -> bool:
        first = min(self.first[a], self.first[b])
        last = max(self.last[a], self.last[b])
        return last - first <= self.window or math.isinf(first)

    def merge(self, into: int, other: int) -> None:
        self.first[into] = min(self.first[into], self.first[other])
        self.last[into] = max(self.last[into], self.last[other])


def average_linkage(
    pairs: I64, scores: F64, threshold: float, days: F64, window: float
) -> list[int]:
    """Cluster label (its smallest member) of each item; ``days`` has one per item."""
    count = len(days)
    links: list[dict[int, float]] = [{} for _ in range(count)]
    for (a, b), score in zip(pairs.tolist(), scores.tolist(), strict=True):
        if score >= EDGE_FLOOR or score <= NEVER:
            links[a][b] = links[b][a] = links[a].get(b, 0.0) + score
    size = [1] * count
    root = list(range(count))
    spans = _Spans(days, window)
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
        if not spans.fits(a, b):
            continue  # spans only grow: this pair can never merge
        root[b] = a
        size[a] += size[b]
        spans.merge(a, b)
        _absorb(links, a, b)
        for c, score in links[a].items():
            margin = _margin(score, size[a], size[c], threshold)
            if margin >= 0:
                heapq.heappush(heap, (-margin, min(a, c), max(a, c)))
    return [_find(root, item) for item in range(count)]


def _absorb(links: list[dict[int, float]], a: int, b: int) -> None:
    """Move the links of cluster ``b`` to cluster ``a``, summing shared ones."""
    for c, score in links[b].items():
        del links[c][b]
        if c != a:
            links[a][c] = links[c][a] = links[a].get(c, 0.0) + score
    links[b] = {}


def _find(root: list[int], item: int) -> int:
    while root[item] != item:
        item = root[item]
    return item
