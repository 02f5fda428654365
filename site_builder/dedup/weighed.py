"""Dedup's story step by delta: the evidence of candidate pairs kept from the last
gathering, used again where it is provably what weighing would give.

Weighing a pair (``join.weigh``: its features, what it shares word for word, leads
that date it elsewhen) reads the two texts' signatures, languages and compared texts,
and the corpus only through the idf of their features, which depends on the number
of texts and on how many hold each feature. So a pair's row is taken from the last
gathering when

- both its texts are as they were (``text_key``: signature and language), and
- the number of texts is the same and every feature an unchanged text holds is
  held by as many texts as before (an edit that only gave its text words no other
  holds, or took such words away, changes no other text's weights).

Otherwise the gathering is weighed in full. A pair whose texts share long passages
(``reuse.REST``) is always weighed again: it is judged on what each text adds, and
that text's features may be new to the corpus. Rows are computed on a subset with
exactly the arithmetic of a full weighing (tests/test_weighed.py), so the result is
the same byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from site_builder.dedup.cluster import Profiles, Vectors
from site_builder.dedup.signature import Signature
from site_builder.model import CleanArticle
from site_builder.text.shingles import I64, Bools

F64 = npt.NDArray[np.float64]
U32 = npt.NDArray[np.uint32]


@dataclass(frozen=True, slots=True, eq=False)  # arrays: equal when the same object
class Rows:
    """The evidence of some pairs, one row each, as ``join.Candidates`` holds it."""

    values: F64  # PairFeatures.values
    gated: Bools
    shares: F64  # (larger, smaller) share reused word for word
    elsewhen: Bools
    rests: Bools  # judged on what each text adds (never taken again)


@dataclass(frozen=True, slots=True, eq=False)
class Weighed:
    """A gathering's evidence, by the texts' paths, for the next one (cached)."""

    paths: tuple[str, ...]  # of the texts gathered, ascending (their numbers)
    keys: tuple[bytes, ...]  # text_key of each
    hashes: U32  # the corpus's feature hashes, ascending
    df: I64  # texts holding each of them
    codes: I64  # i * len(paths) + j of each pair (i < j), ascending: rows' order
    rows: Rows
    reused: int = 0  # rows taken from the gathering before (for tests and benches)


def text_key(article: CleanArticle, signature: Signature) -> bytes:
    """A digest of all that weighing reads of one text (the text's digest and the
    MinHash have fixed sizes, and counts are half the size of features: joined,
    they read one way only)."""
    parts = (signature.text, signature.minhash, signature.features, signature.counts)
    words = signature.words.to_bytes(8, "little")
    return hashlib.sha1(
        b"".join([article.lang.encode(), b"\0", *parts, words])
    ).digest()


def known_rows(
    known: Weighed | None,
    paths: Sequence[str],
    keys: Sequence[bytes],
    profiles: Profiles,
    texts: Vectors,
    pairs: I64,
) -> I64:
    """For each pair, its row in ``known`` when that row is what weighing it now
    gives, else -1."""
    missing = np.full(len(pairs), -1, dtype=np.int64)
    if known is None or not len(pairs) or not len(known.codes):
        return missing
    number = {path: n for n, path in enumerate(known.paths)}
    before = np.array([number.get(path, -1) for path in paths], dtype=np.int64)
    same = np.array(
        [
            n >= 0 and known.keys[n] == k
            for n, k in zip(before.tolist(), keys, strict=True)
        ],
        dtype=np.bool_,
    )
    if not _same_weights(known, profiles, texts, same):
        return missing
    first, second = before[pairs[:, 0]], before[pairs[:, 1]]
    code = first * len(known.paths) + second
    at = np.minimum(np.searchsorted(known.codes, code), len(known.codes) - 1)
    found = same[pairs[:, 0]] & same[pairs[:, 1]] & (known.codes[at] == code)
    found &= ~known.rows.rests[at]
    return np.where(found, at, missing)


def _same_weights(
    known: Weighed, profiles: Profiles, texts: Vectors, same: Bools
) -> bool:
    """Whether every unchanged text (``same``) weighs its features as before: as
    many texts, and each feature such a text holds held by as many texts."""
    total = len(profiles.rows) - 1
    if len(known.paths) != total or total != len(same):
        return False
    unit = np.repeat(np.arange(total), np.diff(profiles.rows))
    changed = np.bincount(profiles.columns[~same[unit]], minlength=profiles.features)
    held = texts.df - changed > 0  # by an unchanged text
    if not len(known.hashes):
        return not held.any()
    at = np.minimum(np.searchsorted(known.hashes, profiles.hashes), len(known.df) - 1)
    before = np.where(known.hashes[at] == profiles.hashes, known.df[at], 0)
    return bool(np.array_equal(before[held], texts.df[held]))


def merged(old: Rows, rows: I64, new: Rows, todo: I64) -> Rows:
    """Rows of every pair: ``rows[n]`` of ``old`` where it is >= 0, and the rows of
    ``new`` (one per pair of ``todo``, in order) elsewhere."""
    taken = rows >= 0
    at = rows[taken]
    parts = []
    for before, now in zip(_fields(old), _fields(new), strict=True):
        shape = (len(rows), *before.shape[1:])
        part = np.zeros(shape, dtype=before.dtype)
        part[taken] = before[at]
        part[todo] = now
        parts.append(part)
    return Rows(*parts)


def _fields(rows: Rows) -> tuple[npt.NDArray[np.generic], ...]:
    return (rows.values, rows.gated, rows.shares, rows.elsewhen, rows.rests)


def remembered(
    paths: Sequence[str],
    keys: Sequence[bytes],
    profiles: Profiles,
    texts: Vectors,
    pairs: I64,
    rows: Rows,
    reused: int,
) -> Weighed:
    """This gathering, for the next one (``pairs`` ascending, as ``candidates``
    gives them)."""
    codes = pairs[:, 0] * len(paths) + pairs[:, 1]
    return Weighed(
        tuple(paths), tuple(keys), profiles.hashes, texts.df, codes, rows, reused
    )
