"""Fit the summary's sentence weights on the training split's reference summaries.

Usage: python -m bench.fit_summary ../shared/train [--write]

The weights are chosen for what the reader gets: each article's summary is drafted
exactly as the product drafts it (site_builder.summarize: candidates, ranking,
pick() with its rules and the site's default length), and the weights that give
the highest mean ROUGE-1 F1 against the reference (rouge-score's tokens, counted
as rouge-score counts them) win. The search is coordinate ascent from the
centrality-only score (``central`` = 1), a few steps per feature and round; the
bias does not change a ranking and is left at 0. Texts with paragraphs and texts
in one block get weights of their own; a training part without one kind gives
that kind the other's weights (leave-one-source-out folds: BBC is paragraphed,
OrangeSum one block).

Regression on a per-sentence target (the share of its stems in the reference,
in-reference labels, a greedy oracle, pairwise ranking) was tried first and gave
lower ROUGE on the same folds (README, Summaries).

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
from functools import cache
from pathlib import Path

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

STEPS = (-1.0, -0.3, -0.1, 0.1, 0.3, 1.0)
ROUNDS = 2
_START = tuple(float(name == "central") for name in FEATURES)
_ANY = SentenceModel(_START, _START)  # features do not depend on it


@dataclass(frozen=True, slots=True)
class Prepared:
    """One example as fitting needs it: its candidates and the counts to score."""

    found: tuple[Candidate, ...]
    structured: bool
    title: frozenset[str]
    tokens: dict[int, Counter[str]]  # each candidate's ROUGE tokens, by index
    reference: Counter[str]


@cache
def _length() -> tuple[int, int]:
    return SummaryConfig().length("")


def prepare(example: Example) -> Prepared:
    drafting = read(example.story.canonical, _ANY)
    found = tuple(sorted(drafting.best_first, key=lambda c: c.index))
    tokenize = scorer(example.lang)._tokenizer.tokenize
    title = frozenset(content_terms(title_of(drafting, example.lang), example.lang))
    return Prepared(
        found=found,
        structured=drafting.paragraphs > 1,
        title=title,
        tokens={c.index: Counter(tokenize(c.text)) for c in found},
        reference=Counter(tokenize(example.reference)),
    )


def rouge1(items: Sequence[Prepared], weights: tuple[float, ...]) -> float:
    """Mean ROUGE-1 F1 of the summaries ``weights`` draft for ``items``."""
    count, max_words = _length()
    model = SentenceModel(weights, weights)
    total = 0.0
    for item in items:
        best = ranked(item.found, model, item.structured)
        got: Counter[str] = Counter()
        for chosen in pick(best, count, max_words, item.title):
            got += item.tokens[chosen.index]
        size, wanted = got.total(), item.reference.total()
        if size and wanted:
            total += 2 * (got & item.reference).total() / (size + wanted)
    return total / max(1, len(items))


def search(items: Sequence[Prepared]) -> tuple[float, ...]:
    """Coordinate ascent on rouge1() from the centrality-only weights."""
    weights = list(_START)
    best = rouge1(items, tuple(weights))
    for _ in range(ROUNDS):
        moved = False
        for k in range(1, len(FEATURES)):  # 0 is the bias
            for step in STEPS:
                trial = list(weights)
                trial[k] = round(trial[k] + step, 3)
                found = rouge1(items, tuple(trial))
                if found > best + 1e-6:
                    best, weights, moved = found, trial, True
        if not moved:
            break
    return tuple(weights)


_PREPARED: dict[str, Prepared] = {}


def fit(items: Sequence[Example]) -> SentenceModel:
    """Weights for each kind of text, searched on ``items``."""
    ready = [
        _PREPARED.get(e.id) or _PREPARED.setdefault(e.id, prepare(e)) for e in items
    ]
    paragraphs = [p for p in ready if p.structured]
    block = [p for p in ready if not p.structured]
    with_paragraphs = search(paragraphs) if paragraphs else None
    in_block = search(block) if block else None
    return SentenceModel(
        with_paragraphs or in_block or _START, in_block or with_paragraphs or _START
    )


def _row(name: str, weights: tuple[float, ...]) -> str:
    return f"{name:<32} " + " ".join(f"{w:7.2f}" for w in weights)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fit_summary")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--write", action="store_true", help="write the weights file")
    args = parser.parse_args(argv)
    items = examples(args.corpus)
    print(f"{'fold / kind of text':<32} " + " ".join(f"{n[:7]:>7}" for n in FEATURES))
    for name, train, _ in splits(items):
        model = fit([items[i] for i in train])
        print(_row(f"{name}: paragraphs", model.paragraphs))
        print(_row(f"{name}: block", model.block))
    model = fit(items)
    print(_row("all: paragraphs", model.paragraphs))
    print(_row("all: block", model.block))
    if args.write:
        data = {
            "fitted_by": "python -m bench.fit_summary ../shared/train --write",
            "examples": len(items),
            "features": list(FEATURES),
            "paragraphs": list(model.paragraphs),
            "block": list(model.block),
        }
        WEIGHTS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"written: {WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
