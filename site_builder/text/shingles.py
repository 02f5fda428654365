"""Shingles and signatures: word ids, MinHash (one-permutation) sketches and LSH bands.

Why our own MinHash rather than datasketch's: datasketch hashes every shingle with
128 permutations, one article at a time (about 2 ms an article). Here every word is
hashed once per vocabulary entry (blake2b, so results do not depend on
PYTHONHASHSEED), shingles are combined with numpy across a whole batch of articles,
and one-permutation hashing (Li, Owen & Zhang 2012) with rotation densification
(Shrivastava & Li 2014) fills 128 bins from a single hash per shingle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from site_builder.text.normalize import split_tokens, surface

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

SHINGLE = 5  # words per shingle: word 5-grams, the unit the corpus labels use
BINS = 128  # signature length
_BIN_SHIFT = np.uint64(64 - 7)  # top 7 bits of a shingle hash pick one of 128 bins
_EMPTY = np.uint32(0xFFFFFFFF)
_POSITION = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
    dtype=np.uint64,
)  # fmt: skip


def _hash64(text: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(text.encode(), digest_size=8).digest(), "little"
    )


class Vocabulary:
    """Surface tokens -> small ints, with per-token facts kept in numpy arrays.

    Facts are computed once per distinct surface form, so the per-token work in
    Python is a regex match and a dict lookup.
    """

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.surfaces: list[str] = []
        self.folded: list[
            str
        ] = []  # folded form of each surface (digits only for numbers)
        self._folded_index: dict[str, int] = {}
        self.folded_id = np.zeros(0, dtype=np.int64)
        self.word_hash = np.zeros(0, dtype=np.uint64)  # of the folded form; 0 if none
        self.mark = np.zeros(0, dtype=np.bool_)  # no word in it: a line break, a dash
        self.capital = np.zeros(0, dtype=np.bool_)  # starts with an upper-case letter
        self.numeric = np.zeros(0, dtype=np.bool_)
        self.opens = np.zeros(0, dtype=np.bool_)  # may start a sentence ("«Nous")
        self.closes = np.zeros(0, dtype=np.bool_)  # ends a sentence ("said.")
        self.stops = np.zeros(0, dtype=np.bool_)  # ends a Chinese sentence ("。")

    def __len__(self) -> int:
        return len(self.surfaces)

    def encode(self, texts: Iterable[str]) -> tuple[I64, I64]:
        """Token ids of all ``texts`` end to end, and where each text starts."""
        index = self._index
        get = index.get
        codes: list[int] = []
        offsets = [0]
        for text in texts:
            tokens = split_tokens(text)
            known = list(map(get, tokens))
            if None in known:  # new spellings: add them in order of appearance
                for token in [t for t in dict.fromkeys(tokens) if t not in index]:
                    index[token] = len(index)
                known = list(map(get, tokens))
            codes.extend(known)  # type: ignore[arg-type]
            offsets.append(len(codes))
        self._refresh()
        return np.array(codes, dtype=np.int64), np.array(offsets, dtype=np.int64)

    def _refresh(self) -> None:
        new = list(self._index)[len(self.surfaces) :]
        if not new:
            return
        self.surfaces.extend(new)
        facts = [surface(token) for token in new]
        folded_ids = []
        for fact in facts:
            folded_ids.append(
                self._folded_index.setdefault(fact.folded, len(self._folded_index))
            )
            if len(self._folded_index) > len(self.folded):
                self.folded.append(fact.folded)
        hashes = [_hash64(f.folded) if f.folded else 0 for f in facts]
        self.folded_id = np.concatenate(
            [self.folded_id, np.array(folded_ids, np.int64)]
        )
        self.word_hash = np.concatenate([self.word_hash, np.array(hashes, np.uint64)])
        for name in ("capital", "numeric", "opens", "closes", "stops"):
            flags = np.array([getattr(f, name) for f in facts], dtype=np.bool_)
            setattr(self, name, np.concatenate([getattr(self, name), flags]))
        marks = np.array([not f.folded for f in facts], dtype=np.bool_)
        self.mark = np.concatenate([self.mark, marks])


@dataclass(frozen=True, slots=True)
class Sketches:
    """What dedup keeps of a batch of texts: exact keys, sizes, MinHash signatures."""

    keys: tuple[bytes, ...]  # equal keys: equal text after normalisation
    sizes: I64  # shingles per text
    signatures: U32  # (texts, BINS)


def _mix(values: U64) -> U64:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    values ^= values >> np.uint64(30)
    values *= np.uint64(0xBF58476D1CE4E5B9)
    values ^= values >> np.uint64(27)
    values *= np.uint64(0x94D049BB133111EB)
    values ^= values >> np.uint64(31)
    return values


def sketch(vocab: Vocabulary, ids: I64, offsets: I64) -> Sketches:
    """Sketch each text of a batch encoded by ``vocab.encode``."""
    texts = len(offsets) - 1
    is_word = ~vocab.mark[ids]
    doc = np.repeat(np.arange(texts), np.diff(offsets))[is_word]
    hashes = vocab.word_hash[ids[is_word]]
    counts = np.bincount(doc, minlength=texts).astype(np.int64)
    ends = np.cumsum(counts)
    keys = tuple(
        hashlib.blake2b(hashes[end - count : end].tobytes(), digest_size=16).digest()
        for end, count in zip(ends.tolist(), counts.tolist(), strict=True)
    )
    # k - 1 zero words after each text: a text shorter than a shingle still has
    # one, and the last words of every text are covered.
    padded = np.insert(hashes, np.repeat(ends, SHINGLE - 1), np.uint64(0))
    starts = np.arange(len(hashes)) + np.repeat(
        np.arange(texts) * (SHINGLE - 1), counts
    )
    shingles = np.zeros(len(hashes), dtype=np.uint64)
    for i in range(SHINGLE):
        shingles += padded[starts + i] * _POSITION[i]
    shingles = _mix(shingles)
    return Sketches(keys, counts, _signatures(shingles, doc, texts))


def _signatures(shingles: U64, doc: I64, texts: int) -> U32:
    flat = np.full(texts * BINS, _EMPTY, dtype=np.uint32)
    slot = doc * BINS + (shingles >> _BIN_SHIFT).astype(np.int64)
    np.minimum.at(flat, slot, (shingles & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    return _densify(flat.reshape(texts, BINS))


def _densify(signatures: U32) -> U32:
    """Fill each empty bin from the next filled one to its right (circularly)."""
    empty = signatures == _EMPTY
    if not empty.any():
        return signatures
    positions = np.arange(2 * BINS)
    filled = np.where(np.tile(~empty, 2), positions, 2 * BINS)
    nearest = np.minimum.accumulate(filled[:, ::-1], axis=1)[:, ::-1][:, :BINS]
    has_any = nearest[:, 0] < 2 * BINS
    source = np.where(has_any[:, None], nearest % BINS, 0)
    distance = (nearest - positions[:BINS]).astype(np.uint32)
    values = np.take_along_axis(signatures, source, axis=1)
    # the offset keeps two short texts from agreeing on every borrowed bin
    values = values + distance * np.uint32(0x9E3779B1)
    return np.where(has_any[:, None], np.where(empty, values, signatures), _EMPTY)


def band_pairs(signatures: U32, rows: int) -> I64:
    """Pairs of rows (i < j) that agree on every bin of at least one band."""
    count = len(signatures)
    bands = BINS // rows
    if count < 2:
        return np.zeros((0, 2), dtype=np.int64)
    blocks = signatures[:, : bands * rows].reshape(count, bands, rows).astype(np.uint64)
    keys = np.zeros((count, bands), dtype=np.uint64)
    for i in range(rows):
        keys = _mix(keys + blocks[:, :, i] * _POSITION[i])
    keys ^= _mix(np.arange(bands, dtype=np.uint64) + np.uint64(1))[None, :]
    flat = keys.ravel()
    owner = np.repeat(np.arange(count), bands)
    order = np.argsort(flat, kind="stable")
    flat, owner = flat[order], owner[order]
    found = []
    # neighbours one and two apart in sorted order: linear in the bucket size, and
    # one unrelated text in a bucket does not hide a true pair
    for step in (1, 2):
        same = flat[step:] == flat[:-step]
        found.append(np.stack([owner[:-step][same], owner[step:][same]], axis=1))
    pairs = np.sort(np.concatenate(found), axis=1)
    keys = np.unique(pairs[:, 0] * count + pairs[:, 1])  # sorted by (i, j)
    unique = np.stack([keys // count, keys % count], axis=1)
    distinct: I64 = unique[unique[:, 0] != unique[:, 1]]
    return distinct


def jaccard(signatures: U32, pairs: I64) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of the shingle sets of each pair."""
    if not len(pairs):
        return np.zeros(0)
    agree = signatures[pairs[:, 0]] == signatures[pairs[:, 1]]
    return agree.mean(axis=1)  # type: ignore[no-any-return]


def containment(
    similarity: npt.NDArray[np.float64], small: I64, large: I64
) -> npt.NDArray[np.float64]:
    """How much of the smaller set lies in the larger, from Jaccard and set sizes."""
    shared = similarity * (small + large) / (1.0 + similarity)
    return np.minimum(1.0, shared / np.maximum(small, 1))


NEAR_JACCARD = 0.5  # the corpus' own line between near copies and related articles
NEAR_CONTAINMENT = 0.8  # an updated version that only adds paragraphs
MIN_CONTAINED = 30  # shingles: a headline inside an article is no copy of it
BAND_ROWS = 3  # 42 bands of 3 bins


def near_pairs(sketches: Sketches, rows: I64) -> tuple[I64, npt.NDArray[np.float64]]:
    """Near-duplicate pairs among ``rows`` of the sketches, and their estimated Jaccard.

    Returned pairs are row numbers of ``sketches`` (i < j), sorted by decreasing
    similarity, then by rows, so that merging them in order is deterministic.
    """
    local = band_pairs(sketches.signatures[rows], BAND_ROWS)
    pairs = rows[local] if len(local) else np.zeros((0, 2), dtype=np.int64)
    pairs = pairs[(sketches.sizes[pairs[:, 0]] > 0) & (sketches.sizes[pairs[:, 1]] > 0)]
    similarity = jaccard(sketches.signatures, pairs)
    sizes = np.sort(sketches.sizes[pairs], axis=1)
    inside = containment(similarity, sizes[:, 0], sizes[:, 1])
    accept = (similarity >= NEAR_JACCARD) | (
        (inside >= NEAR_CONTAINMENT) & (sizes[:, 0] >= MIN_CONTAINED)
    )
    pairs, similarity = pairs[accept], similarity[accept]
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -similarity))
    return pairs[order], similarity[order]
