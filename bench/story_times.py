"""How far into a text the story decision reads the years that date its event.

    python -m bench.story_times ../shared/train

``dedup.timing`` keeps two texts out of one story when both leads name years,
share none, and one lead's years are named nowhere in the other text. The lead is
the title line and the first ``LEAD_SENTENCES`` sentences; this sweep gathers the
folder (no dates) without the rule, with the title alone, with 1 to 3 sentences
and with the whole opening ``timing`` reads (800 characters), and measures each
with the shipped model and bars: the labelled pairs the rule keeps apart, by kind,
and the figures of the folder.
Nothing is fitted, so no fold is held out.
"""

from __future__ import annotations

import argparse
from collections import Counter
from functools import partial
from pathlib import Path

from bench.stories import _line
from bench.story_data import Folder, gather_folder, tally
from site_builder.dedup import join
from site_builder.dedup.decision import fitted
from site_builder.dedup.timing import Years, years

SETTINGS = (("no rule", -1), ("title only", 0), ("1 sentence", 1),
            ("2 sentences", 2), ("3 sentences", 3), ("opening", 10_000))  # fmt: skip


def _kept(folder: Folder) -> set[tuple[str, str, str]]:
    """The labelled pairs (kind, a, b) with evidence that the rule keeps apart."""
    index = {pair: n for n, pair in enumerate(map(tuple, folder.found.pairs.tolist()))}
    found = set()
    for p in folder.labelled:
        a, b = sorted((folder.unit_of[p.a], folder.unit_of[p.b]))
        n = index.get((a, b))
        candidates = folder.found
        if n is not None and candidates.features.gated[n] and candidates.elsewhen[n]:
            found.add((p.kind, p.a, p.b))
    return found


def _none(text: str, lang: str) -> Years:
    return Years(frozenset(), frozenset())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, help="folder holding manifest.json")
    args = parser.parse_args(argv)
    model, shipped = fitted(), join.years
    try:
        for name, sentences in SETTINGS:
            # the one place the gathering reads leads' years, set for this run
            join.years = _none if sentences < 0 else partial(years, sentences=sentences)
            folder = gather_folder(args.corpus.resolve(), False)
            kept = Counter(kind for kind, _, _ in _kept(folder))
            print(f"{name:<12} labelled pairs kept apart: {dict(sorted(kept.items()))}")
            print(f"{'':<12} {_line(tally(folder, folder.labels(model)).figures())}")
    finally:
        join.years = shipped


if __name__ == "__main__":
    main()
