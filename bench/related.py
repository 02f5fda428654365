"""Choose the floor of "Related stories" on labelled pairs of the training split.

    python -m bench.related ../shared/train

Each labelled article is summarized alone (as a one-source brief), and every
labelled pair is scored as ``site.related`` scores two briefs: 2 per shared topic,
1 per shared entity. A related link should join two stories on one subject:

- should be related: SemEval same-story pairs; ECB+ pairs of one topic (one event,
  or its look-alike: two quakes on one island are related stories);
- should not: SemEval different-story pairs, and pairs of articles from two
  datasets (years and places apart).

For each floor the share of each kind that would be shown is printed; the floor is
the lowest one that shows at most one in twenty of the different-story pairs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from collections import defaultdict
from pathlib import Path

from bench.dedup import load
from site_builder.config import Config
from site_builder.model import Story
from site_builder.site.related import FLOOR, TOPIC_WEIGHT, relatedness
from site_builder.site.taxonomy import label_key
from site_builder.summarize.drafting import summarize

NOISE = 0.05  # different-story pairs a floor may still show
RANDOM_PAIRS = 2000


def terms(root: Path, ids: set[str]) -> dict[str, tuple[set[str], set[str]]]:
    """Corpus id -> (topics, entities) of its one-source brief."""
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    manifest["articles"] = [a for a in manifest["articles"] if a["id"] in ids]
    config = Config(root=root)
    found = {}
    for key, article in load(root, manifest, dates=False).items():
        summary = summarize(Story(key, article, ()), config)
        topics = {label_key(t).lower() for t in summary.keywords[:3] if t.strip()}
        names = {n.lower() for n in summary.entities[:5]}
        found[key] = (topics, names)
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    root = parser.parse_args(argv).corpus.resolve()
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    kinds: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair in manifest["pairs"]:
        if pair["label"] != "uncertain":
            kinds[f"SemEval {pair['label']}"].append((pair["a"], pair["b"]))
    topics: dict[int, list[str]] = defaultdict(list)
    for cluster in manifest["clusters"]:
        topics[cluster["topic"]].extend(cluster["members"])
    for members in topics.values():
        kinds["ECB+ same topic"].extend(itertools.combinations(sorted(members), 2))
    dataset = {a["id"]: a["source_dataset"] for a in manifest["articles"]}
    everyone = sorted(dataset)
    chance = random.Random(7)
    while len(kinds["two datasets"]) < RANDOM_PAIRS:
        a, b = chance.sample(everyone, 2)
        if dataset[a] != dataset[b]:
            kinds["two datasets"].append((a, b))
    found = terms(root, {x for pairs in kinds.values() for p in pairs for x in p})
    print(f"floor: share of pairs shown (current FLOOR = {FLOOR})")
    chosen = None
    for floor in range(1, 7):
        shares = []
        for kind, pairs in sorted(kinds.items()):
            shown = [
                relatedness(*found[a], *found[b]) >= floor
                for a, b in pairs
                if a in found and b in found
            ]
            shares.append(f"{kind} {sum(shown) / len(shown):.3f} (n={len(shown)})")
            if kind == "SemEval different_story" and chosen is None:
                chosen = floor if sum(shown) <= NOISE * len(shown) else None
        print(f"  >= {floor}: " + " | ".join(shares))
    print(
        f"chosen floor: {chosen} (at most {NOISE:.0%} of different-story pairs shown)"
    )
    print(f"(a shared topic weighs {TOPIC_WEIGHT}, a shared entity 1)")


if __name__ == "__main__":
    main()
