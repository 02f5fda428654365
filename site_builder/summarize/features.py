"""Summarize stage: each candidate sentence as numbers, and the fitted weights on them.

The features are language-independent, as the desk gets copy in many languages:
where the sentence stands (in the article, in its paragraph, and whether the text
still has paragraphs at all: scraped text is one block, where order is the only
structure left), how long it is, how central (how often the rest of the article
uses its content stems), how much it shares with the lead and with the headline,
and whether it holds numbers, a quotation or a question, or leans on the sentence
before it. A linear model weighs them; its weights are fitted on the training
split's reference summaries by ``bench/fit_summary.py`` and shipped beside this
module as ``sentence_weights.json``.
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

from site_builder.text.anaphora import leans_back

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
)
WEIGHTS = Path(__file__).with_name("sentence_weights.json")
_QUOTES = frozenset('"«»“”„')


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence the summary may quote: its article order, text, stems, features."""

    index: int
    text: str
    terms: frozenset[str]
    features: tuple[float, ...]
    leans: bool  # opens on a word that points to the sentence before


@dataclass(frozen=True, slots=True)
class SentenceModel:
    """Weights of a linear score over FEATURES, one set per kind of text: with
    paragraphs, the writer's structure says where points start; as one block,
    order is the only structure left, and the weights differ."""

    paragraphs: tuple[float, ...]
    block: tuple[float, ...]

    def weights(self, structured: bool) -> tuple[float, ...]:
        return self.paragraphs if structured else self.block


def score(weights: tuple[float, ...], candidate: Candidate) -> float:
    return sum(map(float.__mul__, weights, candidate.features))


@cache
def shipped_model() -> SentenceModel:
    """The weights fitted on the training split (bench/fit_summary.py)."""
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))

    def named(kind: str) -> tuple[float, ...]:
        given = dict(zip(data["features"], data[kind], strict=True))
        return tuple(float(given.get(name, 0.0)) for name in FEATURES)

    return SentenceModel(named("paragraphs"), named("block"))


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each sentence stands: its paragraph, and whether it opens it."""

    paragraph: tuple[int, ...]
    starts: tuple[bool, ...]
    structured: bool  # the body still has paragraphs


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
    top, dense = max(centrality, default=1) or 1, max(density, default=1.0) or 1.0
    lead: frozenset[str] | None = None
    found: list[Candidate] = []
    for index, (sentence, terms) in enumerate(zip(sentences, stems, strict=True)):
        if not terms or not usable[index]:
            continue
        own = frozenset(terms)
        lead = own if lead is None else lead
        leaning = leans_back(sentence, lang)
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
            float(any(c.isdigit() for c in sentence)),
            float(not _QUOTES.isdisjoint(sentence)),
            float(sentence.rstrip(' "»”').endswith("?")),
            float(leaning),
        )
        found.append(Candidate(index, sentence, own, features, leaning))
    return found
