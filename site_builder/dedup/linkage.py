"""Story clustering for dedup: average linkage (UPGMA) of scored pairs, in a window.

Two groups merge while the mean probability over all their pairs clears a bar and
comes close to each group's own cohesion (the mean over the pairs inside it).
Unlike single linkage it does not chain two look-alike events through one
ambiguous article. The cohesion test keeps two tight groups apart when what joins
them is much weaker than what holds each together: two events of one kind (two
quakes on one island, two actors cast in one role) each make a tight group, and
those groups resemble each other only through their topic. A story spans days: no
merge makes two dated members further apart than the window allows (``spans``),
however strong the links through undated articles.
"""

from __future__ import annotations

import heapq
import math

import numpy as np
import numpy.typing as npt

from site_builder.dedup.spans import Spans, Window
from site_builder.text.shingles import I64

F64 = npt.NDArray[np.float64]

EDGE_FLOOR = 0.02  # weaker probabilities count as zero
NEVER = -1.0e9  # a cannot-link pair: no average can recover from it


class _Groups:
    """Sizes, summed inner probabilities and summed links of the groups so far."""

    def __init__(self, count: int, pairs: I64, scores: F64) -> None:
        self.links: list[dict[int, float]] = [{} for _ in range(count)]
        kept = (scores >= EDGE_FLOOR) | (scores <= NEVER)  # before the Python loop
        pairs, scores = pairs[kept], scores[kept]
        for (a, b), score in zip(pairs.tolist(), scores.tolist(), strict=True):
            if score >= EDGE_FLOOR or score <= NEVER:
                self.links[a][b] = self.links[b][a] = self.links[a].get(b, 0.0) + score
        self.size = [1] * count
        self.inner = [0.0] * count
        self.root = list(range(count))

    def mean(self, a: int, b: int) -> float:
        return self.links[a][b] / (self.size[a] * self.size[b])

    def cohesive(self, a: int, b: int, cohesion: float) -> bool:
        """Whether the link of a and b comes close enough to their own cohesion."""
        inside = [
            self.inner[g] * 2.0 / (self.size[g] * (self.size[g] - 1))
            for g in (a, b)
            if self.size[g] > 1
        ]
        return not inside or self.mean(a, b) >= cohesion * min(inside)

    def merge(self, a: int, b: int) -> None:
        self.root[b] = a
        self.inner[a] += self.inner[b] + self.links[a][b]
        self.size[a] += self.size[b]
        _absorb(self.links, a, b)


def average_linkage(
    pairs: I64,
    scores: F64,
    bar: float,
    window: Window,
    cohesion: float = 0.0,
    spread: float = 0.0,
) -> list[int]:
    """Cluster label (its smallest member) of each item; ``window`` has its days.

    Groups merge best first while their mean probability is at least ``bar`` plus
    ``spread`` over the square root of their number of pairs (one pair of articles
    needs strong evidence; a report joining ten needs a consistent likeness to all
    ten) and at least ``cohesion`` times the smaller mean within either group.
    """
    count = len(window.days)
    groups = _Groups(count, pairs, scores)
    spans = Spans(window)

    def clears(a: int, b: int) -> bool:
        pairs = groups.size[a] * groups.size[b]
        return groups.mean(a, b) >= bar + spread / math.sqrt(pairs)

    heap = [
        (-groups.mean(a, b), a, b)
        for a in range(count)
        for b in groups.links[a]
        if a < b and clears(a, b)
    ]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        root = groups.root
        if root[a] != a or root[b] != b or b not in groups.links[a]:
            continue
        if groups.mean(a, b) != -negative:
            continue  # superseded by a fresher entry
        if not spans.fits(a, b) or not groups.cohesive(a, b, cohesion):
            continue  # spans only grow; cohesion is tried again if a link changes
        groups.merge(a, b)
        spans.merge(a, b)
        for c in groups.links[a]:
            if clears(a, c):
                heapq.heappush(heap, (-groups.mean(a, c), min(a, c), max(a, c)))
    return [_find(groups.root, item) for item in range(count)]


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
