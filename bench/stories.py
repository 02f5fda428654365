"""Fit and measure the story decision: folds, a sweep, every figure of the table.

    python -m bench.stories ../shared/train --fit     # folds, sweep, story_model.json
    python -m bench.stories ../shared/corpus          # the shipped model, measured
    python -m bench.stories ../shared/train --folds   # folds at the shipped bars
    python -m bench.stories ../shared/train --windows # days two outlets may span

Without ``--dates`` no article has a date, as in a folder of scraped .txt files.
``--fit`` fits the logistic model (``site_builder/dedup/decision.py``) and picks
its two linkage bars by

- leave-one-ECB+-topic-out: model and bars chosen on 19 topics (and every other
  labelled pair), B-cubed scored on the 20th, the items of all folds pooled;
- leave-one-language-pair-out: chosen without one SemEval language pair, that
  pair's labelled pairs scored; pooled likewise;

``--folds`` runs the same folds with the shipped model's bars (weights refitted
without the held-out part, nothing else chosen): what a change of the evidence
does, apart from the choice of bars. ``--fit`` then fits once on everything,
prints the sweep of both bars around the choice, and writes
``story_model.json``. ``--windows`` runs the ECB+ topic folds at the shipped bars
for each bound on the days two different outlets' articles may lie apart
(``dedup.spans.OTHER_OUTLETS_DAYS``; with ``--dates`` the same-headline pairs
are dated too). Bars are chosen precision first: among settings with ECB+
B-cubed precision >= 0.90 on the training part, the best mean of F1, the three
SemEval rates and the share of same-headline pairs kept apart.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.story_data import Folder, Tally, gather_folder, tally
from site_builder.dedup.decision import MODEL, MODEL_WITH_MEANING, StoryModel, fitted
from site_builder.dedup.spans import OTHER_OUTLETS_DAYS

BARS = (0.15, 0.2, 0.25, 0.3)
COHESIONS = (0.4, 0.5, 0.6)
SPREADS = (0.0, 0.1, 0.2)
# days two different outlets' articles may lie apart (one outlet: window_days)
OTHERS = (7.0, 30.0, 60.0, 120.0, 365.0, 500.0, 730.0, 1000.0, 2000.0, math.inf)
PRECISION = 0.90  # ECB+ B-cubed precision a setting must keep on its training part
L2 = 1.0  # ridge on the weights: a few thousand pairs, seven inputs


def _rows(
    folder: Folder, leave: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Inputs, labels and weights of the training pairs, without fold ``leave``.

    Labelled pairs, and candidate pairs from two datasets (never one event); each
    (kind, label) weighs as much as any other, whatever its count.
    """
    found = folder.found
    index = {pair: n for n, pair in enumerate(map(tuple, found.pairs.tolist()))}
    extra_pairs, extra_features, extra_reuse, extra_meaning = folder.extra
    extra = {pair: n for n, pair in enumerate(map(tuple, extra_pairs.tolist()))}
    x, y, kinds = [], [], []
    held = set()
    for p in folder.labelled:
        a, b = sorted((folder.unit_of[p.a], folder.unit_of[p.b]))
        if p.fold == leave:
            held.update((a, b))
            continue
        if a == b:
            continue
        if (a, b) in index:
            n = index[(a, b)]
            row = _inputs(found.features, found.reuse, found.meaning, n)
            gate = found.features.gated[n]
        else:
            n = extra[(a, b)]
            row = _inputs(extra_features, extra_reuse, extra_meaning, n)
            gate = extra_features.gated[n]
        if gate:
            x.append(row)
            y.append(float(p.same))
            kinds.append(p.kind)
    dataset = [
        folder.ids[folder.units[u]].split("-")[1] for u in range(len(folder.units))
    ]
    for n, (a, b) in enumerate(found.pairs.tolist()):
        if (
            dataset[a] != dataset[b]
            and a not in held
            and b not in held
            and found.features.gated[n]
        ):
            x.append(_inputs(found.features, found.reuse, found.meaning, n))
            y.append(0.0)
            kinds.append("two datasets")
    weights = np.ones(len(y))
    counts: dict[tuple[str, float], int] = defaultdict(int)
    for kind, label in zip(kinds, y, strict=True):
        counts[(kind, label)] += 1
    for n, (kind, label) in enumerate(zip(kinds, y, strict=True)):
        weights[n] = 1000.0 / counts[(kind, label)]
    return np.array(x), np.array(y), weights


def _inputs(features: Any, reuse: Any, close: Any, n: int) -> np.ndarray:
    """The model's inputs for pair ``n``: features, reuse, and the cosine if any."""
    parts = [features.values[n], reuse[n]]
    if close is not None:
        parts.append(close[n : n + 1])
    return np.concatenate(parts)


def fit_weights(folder: Folder, leave: str | None) -> tuple[tuple[float, ...], float]:
    """Logistic regression by Newton's method, with a ridge on the weights."""
    x, y, w = _rows(folder, leave)
    x = np.concatenate([x, np.ones((len(x), 1))], axis=1)
    beta = np.zeros(x.shape[1])
    ridge = np.eye(x.shape[1]) * L2
    ridge[-1, -1] = 0.0
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-x @ beta))
        gradient = x.T @ (w * (p - y)) + ridge @ beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + ridge
        beta -= np.linalg.solve(hessian, gradient)
    return tuple(float(b) for b in beta[:-1]), float(beta[-1])


def _objective(figures: dict[str, float]) -> float:
    rates = [figures[k] for k in ("F1", "all", "found", "cross")]
    rates.append(figures["apart"] / max(figures["headline"], 1.0))
    rates = [r for r in rates if r == r]  # a part without such pairs says nothing
    if figures["P"] < PRECISION:
        return figures["P"] - 10.0
    return float(np.mean(rates))


def choose(
    folder: Folder, leave: str | None, bars: StoryModel | None = None
) -> tuple[StoryModel, dict[tuple[float, float, float], Tally]]:
    """The model fitted without ``leave``, its bars chosen on the same pairs (or
    those of ``bars``)."""
    weights, intercept = fit_weights(folder, leave)
    if bars is not None:
        return StoryModel(weights, intercept, bars.bar, bars.cohesion, bars.spread), {}
    training = {p.fold for p in folder.labelled if p.fold != leave}
    best, tried = None, {}
    for bar, cohesion, spread in itertools.product(BARS, COHESIONS, SPREADS):
        model = StoryModel(weights, intercept, bar, cohesion, spread)
        story = folder.labels(model)
        tried[(bar, cohesion, spread)] = tally(folder, story, training)
        score = _objective(tried[(bar, cohesion, spread)].figures())
        if best is None or score > best[0]:
            best = (score, model)
    assert best is not None
    return best[1], tried


def folds(folder: Folder, bars: StoryModel | None = None) -> None:
    """Leave-one-topic-out and leave-one-language-pair-out, pooled and per fold."""
    for kind in ("ecb", "sem"):
        names = sorted({p.fold for p in folder.labelled if p.kind.startswith(kind)})
        pooled = Tally.empty()
        for name in names:
            model, _ = choose(folder, name, bars)
            part = tally(folder, folder.labels(model), {name})
            pooled.add(part)
            print(
                f"  fold {name:<8} bar {model.bar:.2f} cohesion "
                f"{model.cohesion:.2f} spread {model.spread:.2f}  "
                f"{_line(part.figures(), kind)}"
            )
        print(f"{'held out, pooled':<38}{_line(pooled.figures(), kind)}")


def windows(folder: Folder, shipped: StoryModel) -> None:
    """ECB+ topic folds at the shipped bars, by the days two outlets may span."""
    names = sorted({p.fold for p in folder.labelled if p.kind.startswith("ecb")})
    models = {name: choose(folder, name, shipped)[0] for name in names}
    for other in OTHERS:
        window = replace(folder.found.window, other=other)
        pooled = Tally.empty()
        for name in names:
            pooled.add(tally(folder, folder.labels(models[name], window), {name}))
        whole = tally(folder, folder.labels(shipped, window)).figures()
        print(
            f"  two outlets within {other:g} days: held out "
            f"{_line(pooled.figures(), 'ecb')} | whole folder, headline apart "
            f"{whole['apart']:.0f}/{whole['headline']:.0f}"
        )


def _line(f: dict[str, float], kind: str = "") -> str:
    parts = []
    if kind != "sem" and f["P"] == f["P"]:
        parts.append(
            f"ECB+ P/R/F1 {f['P']:.3f}/{f['R']:.3f}/{f['F1']:.3f} "
            f"({f['stories']:.0f} stories, {f['events']:.0f} events)"
        )
    if kind != "ecb" and f["all"] == f["all"]:
        parts.append(
            f"SemEval all {f['all']:.3f} found {f['found']:.3f} cross {f['cross']:.3f}"
        )
    if not kind and f["headline"]:
        parts.append(f"headline apart {f['apart']:.0f}/{f['headline']:.0f}")
    return " | ".join(parts)


def sweep(tried: dict[tuple[float, float, float], Tally]) -> None:
    print("sweep (fit on the whole split): bar x cohesion x spread")
    for (bar, cohesion, spread), found in sorted(tried.items()):
        setting = f"bar {bar:.2f} cohesion {cohesion:.2f} spread {spread:.2f}"
        print(f"  {setting}  {_line(found.figures())}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, help="folder holding manifest.json")
    parser.add_argument(
        "--dates", action="store_true", help="give the manifest's dates as front matter"
    )
    parser.add_argument(
        "--embeddings",
        type=Path,
        metavar="CACHE",
        help="with the embeddings extra: vectors kept in the file CACHE",
    )
    parser.add_argument(
        "--fit", action="store_true", help="run the folds, fit, write story_model.json"
    )
    parser.add_argument(
        "--folds",
        action="store_true",
        help="run the folds at the shipped model's bars; write nothing",
    )
    parser.add_argument(
        "--windows",
        action="store_true",
        help="run the ECB+ folds at the shipped bars by the days two outlets span",
    )
    args = parser.parse_args(argv)
    widest = math.inf if args.windows else OTHER_OUTLETS_DAYS
    folder = gather_folder(args.corpus.resolve(), args.dates, args.embeddings, widest)
    target = MODEL_WITH_MEANING if args.embeddings else MODEL
    print(
        f"{len(folder.ids)} articles, {len(folder.units)} after copies, "
        f"{len(folder.found.pairs)} candidate pairs"
    )
    if args.windows:
        windows(folder, fitted(bool(args.embeddings)))
    if args.folds and not args.fit:
        folds(folder, fitted(bool(args.embeddings)))
    if args.fit:
        folds(folder)
        model, tried = choose(folder, None)
        sweep(tried)
        data = model.as_json()
        target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target.name}: {data}")
    model = fitted(bool(args.embeddings)) if not args.fit else model
    shipped = replace(folder.found.window, other=OTHER_OUTLETS_DAYS)
    print(
        f"{'whole folder, shipped model':<38}"
        f"{_line(tally(folder, folder.labels(model, shipped)).figures())}"
    )


if __name__ == "__main__":
    main()
