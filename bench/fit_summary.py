"""Fit the summary's sentence model on the training split's reference summaries.

Usage: python -m bench.fit_summary ../shared/train [--write]

Each sentence of each article gets a label: whether an editor quoted it. Where the
reference is extractive (some sentence has at least ``QUOTED`` of its ROUGE tokens
in it: BBC's references are article sentences), the sentences the reference quotes;
where it is written anew (OrangeSum's abstracts), the ``WRITTEN`` sentences closest
to it (ROUGE-1 F1). A logistic regression (L2, Newton steps, numpy) learns the
chance of that label from the features (features.py); the power of the length that
multiplies the chance is then chosen, among ``POWERS``, for the highest mean ROUGE-1
F1 of the summaries the product draws with it (candidates, ranking, pick() with its
rules and the site's default length for the article's language). Texts with
paragraphs and texts in one block get a model each; a training part without one
kind gives that kind the other's model (leave-one-source-out folds: BBC is
paragraphed, OrangeSum one block).

Before this, coordinate ascent of a linear score on the product's ROUGE (from
centrality alone) and regression on per-sentence targets were tried; the chance
times the length beat both on the same folds (README, Summaries).

The folds of bench/folds.py are printed with each fold's weights, so that their
stability can be read; ``--write`` then fits on every example and writes
site_builder/summarize/sentence_weights.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bench.folds import Example, examples, splits
from bench.summaries import scorer
from site_builder.config import SummaryConfig
from site_builder.summarize.choose import pick, ranked
from site_builder.summarize.drafting import read, title_of
from site_builder.summarize.features import (
    FEATURES,
    WEIGHTS,
    Candidate,
    SentenceModel,
)
from site_builder.text.tokens import content_terms

QUOTED = 0.9  # share of a sentence's tokens in the reference that says it was quoted
WRITTEN = 2  # sentences labelled quoted when the reference was written anew
POWERS = (0.0, 0.25, 0.5, 0.75, 1.0)
PENALTY = 1.0  # L2 on the standardised weights
_START = tuple(float(name == "central") for name in FEATURES)
_ANY = SentenceModel(_START, _START)  # features do not depend on it

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Prepared:
    """One example as fitting needs it: candidates, labels, the counts to score."""

    found: tuple[Candidate, ...]
    structured: bool
    title: frozenset[str]
    length: tuple[int, int]  # the site's default (sentences, words) for its language
    labels: tuple[float, ...]
    tokens: dict[int, Counter[str]]  # each candidate's ROUGE tokens, by index
    reference: Counter[str]


def _labels(tokens: list[Counter[str]], reference: Counter[str]) -> tuple[float, ...]:
    """1 for the sentences an editor quoted (see the module docstring)."""
    shares = [(t & reference).total() / max(1, t.total()) for t in tokens]
    if any(share >= QUOTED for share in shares):
        return tuple(float(share >= QUOTED) for share in shares)
    size = reference.total()
    scores = [2 * (t & reference).total() / max(1, t.total() + size) for t in tokens]
    best = sorted(range(len(tokens)), key=lambda i: -scores[i])[:WRITTEN]
    return tuple(float(i in best) for i in range(len(tokens)))


def prepare(example: Example) -> Prepared:
    drafting = read(example.story.canonical, _ANY)
    found = tuple(sorted(drafting.best_first, key=lambda c: c.index))
    tokenize = scorer(example.lang)._tokenizer.tokenize
    title = frozenset(content_terms(title_of(drafting, example.lang), example.lang))
    tokens = {c.index: Counter(tokenize(c.text)) for c in found}
    reference = Counter(tokenize(example.reference))
    return Prepared(
        found=found,
        structured=drafting.paragraphs > 1,
        title=title,
        length=SummaryConfig().length(example.lang),
        labels=_labels([tokens[c.index] for c in found], reference),
        tokens=tokens,
        reference=reference,
    )


def rouge1(items: Sequence[Prepared], model: SentenceModel) -> float:
    """Mean ROUGE-1 F1 of the summaries ``model`` draws for ``items``."""
    total = 0.0
    for item in items:
        best = ranked(item.found, model, item.structured)
        got: Counter[str] = Counter()
        for chosen in pick(best, *item.length, item.title):
            got += item.tokens[chosen.index]
        size, wanted = got.total(), item.reference.total()
        if size and wanted:
            total += 2 * (got & item.reference).total() / (size + wanted)
    return total / max(1, len(items))


def logistic(features: Matrix, labels: Matrix) -> tuple[float, ...]:
    """Weights (the bias first, on the raw features) of an L2 logistic regression;
    the features are standardised while fitting, so that one penalty suits all."""
    mean, spread = features.mean(axis=0), features.std(axis=0)
    spread[spread == 0] = 1.0
    mean[0], spread[0] = 0.0, 1.0  # the bias column stays a column of ones
    scaled = (features - mean) / spread
    weights = np.zeros(features.shape[1])
    ridge = np.full(features.shape[1], 2 * PENALTY)
    ridge[0] = 0.0
    for _ in range(25):
        chance = 1 / (1 + np.exp(-np.clip(scaled @ weights, -60, 60)))
        gradient = scaled.T @ (chance - labels) + ridge * weights
        hessian = (scaled.T * (chance * (1 - chance))) @ scaled + np.diag(ridge)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(weights)), gradient)
        weights -= step
        if np.abs(step).max() < 1e-7:
            break
    raw = weights / spread
    raw[0] = weights[0] - float((weights[1:] * mean[1:] / spread[1:]).sum())
    return tuple(round(float(w), 4) for w in raw)


def search(items: Sequence[Prepared]) -> tuple[tuple[float, ...], float]:
    """The logistic weights for ``items`` and the power of the length that draws
    the best summaries with them."""
    rows = np.array([c.features for item in items for c in item.found], dtype=float)
    labels = np.array([y for item in items for y in item.labels], dtype=float)
    weights = logistic(rows, labels)
    power = max(
        POWERS, key=lambda p: rouge1(items, SentenceModel(weights, weights, p, p))
    )
    return weights, power


_PREPARED: dict[str, Prepared] = {}


def fit(items: Sequence[Example]) -> SentenceModel:
    """A model for each kind of text, fitted on ``items``."""
    ready = [
        _PREPARED.get(e.id) or _PREPARED.setdefault(e.id, prepare(e)) for e in items
    ]
    paragraphs = [p for p in ready if p.structured and p.found]
    block = [p for p in ready if not p.structured and p.found]
    with_paragraphs = search(paragraphs) if paragraphs else None
    in_block = search(block) if block else None
    first = with_paragraphs or in_block or (_START, 0.0)
    second = in_block or with_paragraphs or (_START, 0.0)
    return SentenceModel(first[0], second[0], first[1], second[1])


def _row(name: str, weights: tuple[float, ...], power: float) -> str:
    return f"{name:<32} {power:5.2f} " + " ".join(f"{w:7.2f}" for w in weights)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fit_summary")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--write", action="store_true", help="write the weights file")
    args = parser.parse_args(argv)
    items = examples(args.corpus)
    names = " ".join(f"{n[:7]:>7}" for n in FEATURES)
    print(f"{'fold / kind of text':<32} power {names}")
    for name, train, _ in splits(items):
        model = fit([items[i] for i in train])
        print(_row(f"{name}: paragraphs", model.paragraphs, model.paragraphs_power))
        print(_row(f"{name}: block", model.block, model.block_power))
    model = fit(items)
    print(_row("all: paragraphs", model.paragraphs, model.paragraphs_power))
    print(_row("all: block", model.block, model.block_power))
    if args.write:
        data = {
            "fitted_by": "python -m bench.fit_summary ../shared/train --write",
            "examples": len(items),
            "features": list(FEATURES),
            "paragraphs": list(model.paragraphs),
            "block": list(model.block),
            "paragraphs_power": model.paragraphs_power,
            "block_power": model.block_power,
        }
        WEIGHTS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"written: {WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
