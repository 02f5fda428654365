"""How much more central a later sentence must be to be the title, per language.

Usage: python -m bench.title_margins ../shared/train [--margins 1.5,2,3]

The title is the lead's headline unless a later opening sentence is ``margin``
times as central (site_builder/text/titles.py). This prints, for each language
with reference titles and each margin, the title ROUGE-1 on the whole corpus and
in each of the 5 folds by article (``bench.folds``), so a chosen margin is seen
with its neighbours: the shipped margins are where the figures are high and flat.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from bench.folds import FOLDS, examples
from bench.summaries import scorer
from site_builder.summarize.drafting import read, title_of

MARGINS = (1.2, 1.35, 1.5, 1.7, 2.0, 2.5, 3.0, 4.0, 100.0)


def sweep(corpus: Path, margins: tuple[float, ...]) -> list[str]:
    """One line per language and margin: mean title ROUGE-1 x100, then per fold."""
    items = examples(corpus)
    drafts = [(e, read(e.story.canonical)) for e in items]
    lines = []
    for lang in sorted({e.lang for e in items}):
        score = scorer(lang)
        for margin in margins:
            folds: list[list[float]] = [[] for _ in range(FOLDS)]
            for example, drafting in drafts:
                if example.lang != lang:
                    continue
                title = title_of(drafting, lang, margin)
                r1 = score.score(example.title.strip(), title)["rouge1"].fmeasure
                folds[example.fifth].append(100 * r1)
            whole = statistics.mean(x for fold in folds for x in fold)
            per = " ".join(f"{statistics.mean(fold):5.1f}" for fold in folds)
            lines.append(f"{lang} margin {margin:6.2f}: {whole:5.1f}   folds {per}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--margins", default=",".join(map(str, MARGINS)))
    args = parser.parse_args()
    margins = tuple(float(m) for m in args.margins.split(","))
    print("\n".join(sweep(args.corpus.resolve(), margins)))


if __name__ == "__main__":
    main()
