"""Dedup's explanations: why an article joined its story, in words an editor reads.

Each article a story holds by evidence (not as a copy, not by an editor's
``story:``) is explained by its strongest link inside the story: the member it
is most probably one event with, that probability, and the names, numbers and
years the two share. An editor who disagrees writes ``not_duplicate_of`` (or
``story:``) in either article.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from site_builder.dedup.signature import anchor_words, compared_text
from site_builder.model import CleanArticle
from site_builder.text.shingles import I64

F64 = npt.NDArray[np.float64]

SHOWN = 12  # shared words listed per kind: enough to judge, short enough to read
_YEAR_DIGITS = 4


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why ``path`` is in its story: its strongest link, and what the two share."""

    path: str
    linked: str  # the member of the story it is most strongly linked to
    probability: float  # that the two report one event
    names: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    years: tuple[str, ...] = ()


def strongest(
    pairs: I64, chance: F64, labels: Sequence[int]
) -> dict[int, tuple[int, float]]:
    """Text -> (the text of its own story it is most probably one event with, p)."""
    label = np.asarray(labels, dtype=np.int64)
    keep = (label[pairs[:, 0]] == label[pairs[:, 1]]) & (chance > 0.0)
    first, second, p = pairs[keep, 0], pairs[keep, 1], chance[keep]
    mine = np.concatenate([first, second])
    other = np.concatenate([second, first])
    both = np.concatenate([p, p])
    order = np.lexsort((-both, mine))  # each text's links, the most probable first
    top = (
        order[np.r_[True, mine[order][1:] != mine[order][:-1]]] if len(order) else order
    )
    return {
        m: (o, q)
        for m, o, q in zip(
            mine[top].tolist(), other[top].tolist(), both[top].tolist(), strict=True
        )
    }


def evidence(
    article: CleanArticle, linked: CleanArticle, probability: float, words: bool
) -> Evidence:
    """The Evidence of ``article`` joined through ``linked``; the words if asked."""
    if not words:
        return Evidence(article.path, linked.path, round(probability, 3))
    mine = anchor_words(compared_text(article), article.lang)
    theirs = anchor_words(compared_text(linked), linked.lang)
    shared = sorted({mine[h] for h in mine.keys() & theirs.keys()}, key=str.casefold)
    numbers = [w for w in shared if w[:1].isdigit()]
    years = [w for w in numbers if _is_year(w)]
    return Evidence(
        article.path,
        linked.path,
        round(probability, 3),
        tuple(w for w in shared if not w[:1].isdigit())[:SHOWN],
        tuple(w for w in numbers if w not in years)[:SHOWN],
        tuple(years)[:SHOWN],
    )


def worded(
    found: Mapping[str, Evidence], articles: Sequence[CleanArticle]
) -> dict[str, Evidence]:
    """``found`` (``Grouping.evidence``) with the shared words of each link listed."""
    by_path = {a.path: a for a in articles}
    return {
        path: evidence(by_path[path], by_path[e.linked], e.probability, True)
        for path, e in found.items()
    }


def _is_year(word: str) -> bool:
    return len(word) == _YEAR_DIGITS and word.isdigit() and word[:2] in ("19", "20")
