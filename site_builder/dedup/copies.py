"""Dedup's copies: exact (equal keys) and near (MinHash LSH), with editors' links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from site_builder.dedup.signature import Signature
from site_builder.model import SourceKind
from site_builder.text.shingles import BINS, Sketches, near_pairs


@dataclass(frozen=True, slots=True)
class Copies:
    """Groups of copies, by article number in path order."""

    root: list[int]  # the most canonical member of each article's group
    members: dict[int, list[int]]  # root -> its group, in path order
    kind: list[SourceKind]  # each article relative to its root
    key: list[bytes]  # exact-copy key (b"" for a text without words)
    apart: list[tuple[int, int]]  # pairs that editors keep apart


def sketches(signatures: Sequence[Signature]) -> Sketches:
    """The MinHash part of signatures, as ``text.shingles`` compares it."""
    matrix = np.frombuffer(b"".join(s.minhash for s in signatures), dtype="<u4")
    return Sketches(
        tuple(s.key for s in signatures),
        np.array([s.words for s in signatures], dtype=np.int64),
        matrix.astype(np.uint32).reshape(len(signatures), BINS),
    )


def find_copies(
    signatures: Sequence[Signature],
    rank: Sequence[int],
    links: Sequence[tuple[int, int]],
    apart: Sequence[tuple[int, int]],
) -> Copies:
    """Exact and near copies, joined: editors' ``links`` first, exact, then nearest.

    ``links`` are (copy, original) pairs editors asked for, ``apart`` the pairs they
    keep apart; neither is ever overruled.
    """
    keys = [s.key for s in signatures]
    joined = list(links)
    first: dict[bytes, int] = {}
    for i, key in enumerate(keys):
        if key and first.setdefault(key, i) != i:
            joined.append((first[key], i))
    singles = np.array(
        [i for i, key in enumerate(keys) if not key or first[key] == i], dtype=np.int64
    )
    pairs, _similarity = near_pairs(sketches(signatures), singles)
    joined.extend(map(tuple, pairs.tolist()))
    kept_apart = sorted(set(apart))
    root = _join(len(keys), joined, kept_apart, rank)
    members: dict[int, list[int]] = {}
    for i, r in enumerate(root):
        members.setdefault(r, []).append(i)
    kind = [
        SourceKind.EXACT if keys[i] and keys[i] == keys[r] else SourceKind.NEAR
        for i, r in enumerate(root)
    ]
    return Copies(root, members, kind, keys, kept_apart)


def _join(
    count: int,
    links: Sequence[tuple[int, int]],
    apart: Sequence[tuple[int, int]],
    rank: Sequence[int],
) -> list[int]:
    """Union-find over ``links`` that never joins a pair of ``apart``; roots by rank."""
    parent = list(range(count))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra == rb or any({find(x), find(y)} == {ra, rb} for x, y in apart):
            continue
        parent[max(ra, rb, key=lambda r: rank[r])] = min(ra, rb, key=lambda r: rank[r])
    return [find(i) for i in range(count)]
