"""Dedup's reuse check: passages two texts share word for word.

Outlets telling one event in their own words share names, places and numbers, and
now and then a phrase or a quote. A text that repeats much of another's words yet
is no near copy (``copies``) is often something else: a publisher's follow-up (its
earlier article kept around a new development), an article quoting another, or
the same background pasted under another event. How much of each text lies in
passages the two share (word 5-grams, the unit of ``text.shingles``) is an input
of the story decision (``decision``): on the training split a large share on one
side weighs strongly against one event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from site_builder.dedup.signature import Signature
from site_builder.text.normalize import LINE, split_tokens, surface
from site_builder.text.shingles import BINS, I64, SHINGLE, Bools

F64 = npt.NDArray[np.float64]

# the texts of a pair are only read when MinHash estimates that this share of the
# smaller one's shingles lies in the larger: a covered word belongs to one to five
# shared shingles, so a text a tenth covered has about this share (an estimate
# from 128 bins errs by about 0.03 there)
SUSPECT = 0.1
# a pair of which one text has this share of its words in shared passages is also
# judged on what each text adds beyond them (``join``)
REST = 0.1


@dataclass(frozen=True, slots=True)
class Reuse:
    """What two texts share word for word, seen from each of them."""

    covered: tuple[float, float]  # share of each text's words in shared passages
    rests: tuple[str, str]  # each text without those passages


def reuse(first: str, second: str) -> Reuse:
    """The passages ``first`` and ``second`` share: runs of common word 5-grams."""
    return _reuse(_Tokens.of(first), _Tokens.of(second))


def _reuse(first: _Tokens, second: _Tokens) -> Reuse:
    """``reuse`` of tokenised texts: a word is covered if a shared 5-gram holds it."""
    shared = set(first.grams) & set(second.grams)
    covered, rests = [], []
    for side in (first, second):
        inside = np.zeros(len(side.surfaces), dtype=np.bool_)
        for start, gram in enumerate(side.grams):
            if gram in shared:
                inside[side.spots[start : start + SHINGLE]] = True
        covered.append(float(inside.sum()) / max(len(side.spots), 1))
        kept = np.flatnonzero(~inside).tolist()
        rests.append(" ".join([side.surfaces[i] for i in kept]))
    return Reuse((covered[0], covered[1]), (rests[0], rests[1]))


@dataclass(frozen=True, slots=True)
class Reused:
    """What the pairs of a gathering share word for word."""

    shares: F64  # (larger, smaller) share of words in shared passages, per pair
    rests: dict[int, tuple[str, str]]  # pair -> what each text adds, if much is shared


def reused(
    pairs: I64,
    signatures: Sequence[Signature],
    text: Callable[[int], str],
    langs: Sequence[str],
    looked: Bools | None = None,
) -> Reused:
    """The shares of each pair (i, j), and the rests of pairs sharing REST or more.

    ``signatures``, ``langs`` and ``text`` (a text's compared body) are per text.
    Only pairs in one language whose MinHash says they share many shingles are
    read, and only those ``looked`` marks (all when None); the others share
    nothing word for word that matters (0, 0).
    """
    shares = np.zeros((len(pairs), 2))
    rests: dict[int, tuple[str, str]] = {}
    tokens: dict[int, _Tokens] = {}
    chosen = np.arange(len(pairs)) if looked is None else np.flatnonzero(looked)
    for n in chosen[_suspects(pairs[chosen], signatures)].tolist():
        a, b = pairs[n].tolist()
        if langs[a] != langs[b]:
            continue  # a translation shares no words: its link rests on anchors
        for i in (a, b):
            if i not in tokens:
                tokens[i] = _Tokens.of(text(i))
        found = _reuse(tokens[a], tokens[b])
        shares[n] = (max(found.covered), min(found.covered))
        if max(found.covered) >= REST:
            rests[n] = found.rests
    return Reused(shares, rests)


def _suspects(pairs: I64, signatures: Sequence[Signature]) -> I64:
    """Pairs whose MinHash says they share many shingles."""
    linked = np.arange(len(pairs))
    if not len(linked):
        return linked
    ends = np.unique(pairs[linked])
    hashes = np.frombuffer(b"".join(signatures[i].minhash for i in ends), "<u4")
    row = np.searchsorted(ends, pairs[linked])
    matrix = hashes.reshape(len(ends), BINS)
    jaccard = (matrix[row[:, 0]] == matrix[row[:, 1]]).mean(axis=1)
    sizes = np.array([signatures[i].words for i in ends], dtype=np.float64)[row]
    # |A & B| = J (|A| + |B|) / (1 + J), over the smaller of the two
    contained = (
        jaccard * sizes.sum(axis=1) / (1 + jaccard) / np.maximum(sizes.min(axis=1), 1)
    )
    suspects: I64 = linked[contained >= SUSPECT]
    return suspects


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A text's tokens (line breaks left out), where its words stand, its 5-grams."""

    surfaces: list[str]
    spots: I64  # token position of each word (marks are no words)
    grams: list[tuple[str, ...]]

    @classmethod
    def of(cls, text: str) -> _Tokens:
        surfaces = [t for t in split_tokens(text) if t != LINE]
        folded = [_folded(t) for t in surfaces]
        spots = np.flatnonzero([bool(f) for f in folded]) if surfaces else _NO_SPOTS
        words = [folded[i] for i in spots.tolist()]
        grams = [tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
        return cls(surfaces, spots, grams)


_NO_SPOTS = np.zeros(0, dtype=np.int64)


@lru_cache(maxsize=1 << 16)
def _folded(token: str) -> str:
    """The folded word of a split token as ``text.shingles`` has it ("" for a mark)."""
    return surface(token).folded
