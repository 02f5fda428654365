"""Summarize stage: each candidate sentence as numbers, and the fitted weights on them.

The features are language-independent, as the desk gets copy in many languages:
where the sentence stands (in the article, in its paragraph, and whether the text
still has paragraphs at all: scraped text is one block, where order is the only
structure left), how long it is, how central (how often the rest of the article
uses its content stems), how much it shares with the lead and with the headline,
and whether it holds numbers, a quotation or a question, or leans on the sentence
before it. Centrality is measured twice: by the stems a sentence shares with the
rest of the article, and by its degree in the graph of sentences that TextRank
walks (edges weighted by shared stems over the sum of the log lengths: the
stationary rank of a walk on that symmetric graph is proportional to the degree,
so no power iteration is needed). A logistic model weighs them: the chance that an
editor would quote the sentence, times its length to a fitted power (a longer
sentence tells more of the story). Its weights are fitted on the training split's
reference summaries by ``bench/fit_summary.py`` and shipped beside this module as
``sentence_weights.json``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path

import numpy as np
import numpy.typing as npt

from site_builder.text.anaphora import leans_back, standing

FEATURES = (
    "bias",
    "first",
    "position",  # 1 / (1 + index)
    "relative",  # index / count
    "paragraph_start",
    "paragraph",  # 1 / (1 + paragraph index)
    "length",  # log of the word count
    "central",  # centrality, over the article's most central
    "density",  # centrality per stem, over the article's densest
    "lead",  # stem Jaccard with the first candidate
    "headline",  # share of the headline's stems the sentence holds
    "digits",
    "quote",
    "question",
    "leans",
    "graph",  # degree in the sentence-similarity graph, over the article's highest
    "graph_share",  # the same degree over the article's mean
    "graph_self",  # the degree with the sentence's similarity to itself
    "central_log",  # centrality over the log of the length, over the highest
)
WEIGHTS = Path(__file__).with_name("sentence_weights.json")
_LENGTH = FEATURES.index("length")
GRAPH_SENTENCES = 200  # news runs 10-100 sentences; a 100,000-line dump must not
# build a 100,000-square matrix
_QUOTES = frozenset('"«»“”„')


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence the summary may quote: its article order, text, stems, features."""

    index: int
    text: str
    terms: frozenset[str]
    features: tuple[float, ...]
    leans: bool  # needs the sentence before, even without a linking opener
    alone: str  # the text to show without the sentence before ("But X" -> "X")


@dataclass(frozen=True, slots=True)
class SentenceModel:
    """Weights of a logistic score over FEATURES, and the power of the length that
    multiplies it, one set per kind of text: with paragraphs, the writer's structure
    says where points start; as one block, order is the only structure left, and
    the weights differ. A power of 0 ranks by the linear score alone."""

    paragraphs: tuple[float, ...]
    block: tuple[float, ...]
    paragraphs_power: float = 0.0
    block_power: float = 0.0

    def weights(self, structured: bool) -> tuple[float, ...]:
        return self.paragraphs if structured else self.block

    def power(self, structured: bool) -> float:
        return self.paragraphs_power if structured else self.block_power


def score(weights: tuple[float, ...], candidate: Candidate) -> float:
    return sum(map(float.__mul__, weights, candidate.features))


def worth(weights: tuple[float, ...], power: float, candidate: Candidate) -> float:
    """How much of the story the sentence is expected to tell: the chance that it
    belongs in a summary, times its length in words to ``power``."""
    linear = score(weights, candidate)
    if not power:
        return linear
    chance = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, linear))))
    return chance * math.exp(power * candidate.features[_LENGTH])


@cache
def shipped_model() -> SentenceModel:
    """The weights fitted on the training split (bench/fit_summary.py)."""
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))

    def named(kind: str) -> tuple[float, ...]:
        given = dict(zip(data["features"], data[kind], strict=True))
        return tuple(float(given.get(name, 0.0)) for name in FEATURES)

    return SentenceModel(
        named("paragraphs"),
        named("block"),
        float(data.get("paragraphs_power", 0.0)),
        float(data.get("block_power", 0.0)),
    )


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each sentence stands: its paragraph, and whether it opens it."""

    paragraph: tuple[int, ...]
    starts: tuple[bool, ...]
    structured: bool  # the body still has paragraphs


def graph_degree(stems: Sequence[Sequence[str]]) -> tuple[list[float], list[float]]:
    """Each sentence's degree in the similarity graph, without and with the edge to
    itself. An edge counts the stems of one sentence that the other holds, over the
    sum of the log lengths (TextRank's weight; Mihalcea and Tarau 2004). Only the
    first ``GRAPH_SENTENCES`` sentences are in the graph (the matrix grows with their
    square); later ones get 0."""
    if len(stems) > GRAPH_SENTENCES:
        degree, with_self = graph_degree(stems[:GRAPH_SENTENCES])
        rest = [0.0] * (len(stems) - GRAPH_SENTENCES)
        return degree + rest, with_self + rest
    # stems as column numbers, counted in C: no Python loop per stem
    vocabulary = {stem: i for i, stem in enumerate(dict.fromkeys(chain(*stems)))}
    columns = np.fromiter(map(vocabulary.__getitem__, chain(*stems)), dtype=np.intp)
    rows = np.repeat(np.arange(len(stems)), [len(found) for found in stems])
    counts: npt.NDArray[np.float64] = np.zeros((len(stems), max(1, len(vocabulary))))
    np.add.at(counts, (rows, columns), 1.0)
    shared = counts @ (counts > 0).T
    logs = np.log(np.maximum(2, counts.sum(axis=1)))
    shared /= logs[:, None] + logs[None, :]
    itself = np.diagonal(shared).copy()
    degree = shared.sum(axis=1) - itself
    return degree.tolist(), (degree + itself).tolist()


def candidates(
    sentences: Sequence[str],
    stems: Sequence[Sequence[str]],
    layout: Layout,
    lang: str,
    usable: Sequence[bool],
    headline: Set[str] = frozenset(),
) -> list[Candidate]:
    """The usable sentences with their features, in article order."""
    frequency = Counter(chain.from_iterable(stems))
    count = max(1, len(sentences))
    centrality = [sum(map(frequency.__getitem__, s)) - len(s) for s in stems]
    density = [c / len(s) if s else 0.0 for c, s in zip(centrality, stems, strict=True)]
    logged = [c / math.log(2 + len(s)) for c, s in zip(centrality, stems, strict=True)]
    top, dense = max(centrality, default=1) or 1, max(density, default=1.0) or 1.0
    most_logged = max(logged, default=1.0) or 1.0
    degree, with_self = graph_degree(stems) if stems else ([], [])
    widest, widest_self = max(degree, default=1.0) or 1.0, max(with_self, default=1.0)
    mean_degree = (sum(degree) / count) or 1.0
    lead: frozenset[str] | None = None
    found: list[Candidate] = []
    for index, (sentence, terms) in enumerate(zip(sentences, stems, strict=True)):
        if not terms or not usable[index]:
            continue
        own = frozenset(terms)
        lead = own if lead is None else lead
        leans = leans_back(sentence, lang)
        alone = standing(sentence, lang) if leans else sentence
        leaning = alone is None
        features = (
            1.0,
            float(not found),
            1.0 / (1 + index),
            index / count,
            float(layout.starts[index]),
            1.0 / (1 + layout.paragraph[index]),
            math.log(len(sentence.split())),
            centrality[index] / top,
            density[index] / dense,
            len(own & lead) / len(own | lead),
            len(own & headline) / len(headline) if headline else 0.0,
            float(any(map(str.isdigit, sentence))),
            float(not _QUOTES.isdisjoint(sentence)),
            float(sentence.rstrip(' "»”').endswith("?")),
            float(leans),
            degree[index] / widest,
            degree[index] / mean_degree,
            with_self[index] / (widest_self or 1.0),
            logged[index] / most_logged,
        )
        found.append(
            Candidate(index, sentence, own, features, leaning, alone or sentence)
        )
    return found
