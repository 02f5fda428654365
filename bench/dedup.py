"""Evaluate dedup on the corpus manifest: copies, stories, cross-language pairs.

    python -m bench.dedup ../shared/corpus [--no-dates]

Every article of the manifest goes through the real pipeline (load, clean, dedup
in one call), so a false merge anywhere in the corpus shows in the figures. The
corpus files carry no front matter; the publication date the manifest gives (for
OrangeSum) stands in for the ``date:`` a site's articles have, unless --no-dates.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from site_builder.clean.repeats import clean
from site_builder.config import DedupConfig
from site_builder.dedup.grouping import Grouping, group
from site_builder.load.files import read_article
from site_builder.model import CleanArticle, DateSource, SourceKind

Pair = tuple[str, str]
UNRELATED_BELOW = (
    0.2  # the corpus README: only pairs under this Jaccard are different stories
)


def load(
    root: Path, manifest: dict[str, Any], dates: bool = True
) -> dict[str, CleanArticle]:
    """Corpus id -> CleanArticle, read and cleaned as the build does.

    With ``dates``, an article the manifest dates gets that date as if its front
    matter said it.
    """
    found = {}
    for entry in manifest["articles"]:
        article = read_article(root, root / entry["path"])
        if (
            dates
            and entry.get("date")
            and article.date_source != DateSource.FRONT_MATTER
        ):
            published = datetime.fromisoformat(entry["date"])
            article = replace(
                article,
                date=published if published.tzinfo else published.replace(tzinfo=UTC),
                date_source=DateSource.FRONT_MATTER,
            )
        found[entry["id"]] = clean(article, "en")
    return found


def word5_jaccard(a: str, b: str) -> float:
    """The corpus builder's measure: word 5-gram Jaccard on lower-cased \\w+ tokens."""

    def grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    x, y = grams(a), grams(b)
    return len(x & y) / len(x | y) if x | y else 1.0


def pairs_of(members: Iterable[str]) -> set[Pair]:
    return {(a, b) if a < b else (b, a) for a, b in itertools.combinations(members, 2)}


def ratio(hit: int, total: int) -> str:
    return f"{hit / total:.3f} ({hit}/{total})" if total else "n/a (0/0)"


def copy_pairs(result: Grouping, ids: dict[str, str]) -> tuple[set[Pair], set[Pair]]:
    """(all copy pairs, exact copy pairs) as corpus ids."""
    root = {c.path: c.of for c in result.copies}
    exact = {c.path for c in result.copies if c.kind is SourceKind.EXACT}
    groups: dict[str, list[str]] = defaultdict(list)
    for path, of in root.items():
        groups[of].append(path)
    found: set[Pair] = set()
    same_text: set[Pair] = set()
    for of, copies in groups.items():
        members = [of, *copies]
        found |= pairs_of(ids[p] for p in members)
        same_text |= pairs_of(ids[p] for p in members if p == of or p in exact)
    return found, same_text


def b_cubed(
    predicted: dict[str, str], gold: dict[str, str]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` labels against ``gold``."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        shared = len(by_pred[predicted[item]] & by_gold[gold[item]])
        precision += shared / len(by_pred[predicted[item]])
        recall += shared / len(by_gold[gold[item]])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def show(label: str, value: str) -> None:
    print(f"{label:<34}{value}")


def evaluate(root: Path, verbose: bool, dates: bool) -> None:
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    articles = load(root, manifest, dates)
    ids = {article.path: key for key, article in articles.items()}
    started = time.perf_counter()
    result = group(list(articles.values()), DedupConfig())
    elapsed = time.perf_counter() - started
    story = {
        ids[a.path]: s.id
        for s in result.stories
        for a in (s.canonical, *(x.article for x in s.sources))
    }
    found, same_text = copy_pairs(result, ids)
    text = {key: article.text for key, article in articles.items()}
    show("articles", f"{len(articles)} in {len(result.stories)} stories")
    show("publication dates", "from the manifest" if dates else "unknown (--no-dates)")
    show("dedup time", f"{elapsed * 1000:.0f} ms")
    _copies(manifest, found, same_text, text, verbose)
    _stories(manifest, story, text)
    _pairs(manifest, story, verbose)


def _copies(
    manifest: dict[str, Any],
    found: set[Pair],
    same_text: set[Pair],
    text: dict[str, str],
    verbose: bool,
) -> None:
    kinds: dict[str, set[Pair]] = defaultdict(set)
    for g in manifest["dup_groups"]:
        kinds[g["kind"]] |= pairs_of(g["members"])
    titled = kinds["same_title_unrelated"]
    unrelated = {p for p in titled if jaccard(text, p) < UNRELATED_BELOW}
    true = kinds["exact"] | kinds["near"] | (titled - unrelated)
    labelled = {
        a["id"]
        for a in manifest["articles"]
        if a["source_dataset"] in ("bbc", "orangesum")
    }
    judged = {p for p in found if p[0] in labelled and p[1] in labelled}
    exact, near = kinds["exact"], kinds["near"]
    marked = ratio(len(exact & same_text), len(exact))
    show("exact-duplicate pair recall", f"{ratio(len(exact & found), len(exact))}")
    show("  of which marked exact", marked)
    show("near-duplicate pair recall", ratio(len(near & found), len(near)))
    show("duplicate pair precision", f"{ratio(len(judged & true), len(judged))}")
    show("  (pairs within BBC + OrangeSum)", "")
    show("related pairs taken for copies", f"{len(kinds['related'] & found)}")
    outside = sorted(found - judged)
    show("copy pairs in unlabelled data", f"{len(outside)} (ECB+ wire copies, SemEval)")
    for pair in sorted(judged - true) + (outside if verbose else []):
        print(f"  not in the labels: {pair[0]} {pair[1]} J={jaccard(text, pair):.2f}")


def jaccard(text: dict[str, str], pair: Pair) -> float:
    return word5_jaccard(text[pair[0]], text[pair[1]])


def _stories(
    manifest: dict[str, Any], story: dict[str, str], text: dict[str, str]
) -> None:
    merged = 0
    checked = []
    for g in manifest["dup_groups"]:
        if g["kind"] != "same_title_unrelated":
            continue
        for pair in sorted(pairs_of(g["members"])):
            if jaccard(text, pair) < UNRELATED_BELOW:
                together = story[pair[0]] == story[pair[1]]
                merged += together
                verdict = "MERGED" if together else "apart"
                checked.append(
                    f"  {pair[0]} {pair[1]} J={jaccard(text, pair):.2f} {verdict}"
                )
    show("same-headline false merges", f"{merged} of {len(checked)} pairs under J 0.2")
    print("\n".join(checked))
    _implausible(manifest, story)
    gold = {m: c["cluster_id"] for c in manifest["clusters"] for m in c["members"]}
    precision, recall, f1 = b_cubed({k: story[k] for k in gold}, gold)
    show("ECB+ B-cubed", f"P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")


def _implausible(manifest: dict[str, Any], story: dict[str, str]) -> None:
    """Pairs in one story that cannot be one event: two datasets or two BBC sections.

    No label says so, but the datasets come from different years and places, so
    these count false merges the labelled metrics cannot see.
    """
    origin = {}
    for entry in manifest["articles"]:
        dataset = entry["source_dataset"]
        section = entry["id"].split("-")[2] if dataset == "bbc" else ""
        origin[entry["id"]] = (dataset, section)
    members: dict[str, list[str]] = defaultdict(list)
    for key, label in story.items():
        members[label].append(key)
    together = sum(len(m) * (len(m) - 1) // 2 for m in members.values())
    wrong = sum(
        origin[a] != origin[b]
        for m in members.values()
        for a, b in itertools.combinations(m, 2)
    )
    show("implausible pairs in one story", f"{wrong} of {together} pairs grouped")
    show("  (two datasets or BBC sections)", "")


def _pairs(manifest: dict[str, Any], story: dict[str, str], verbose: bool) -> None:
    scores: dict[str, list[bool]] = defaultdict(list)
    for pair in manifest["pairs"]:
        if pair["label"] == "uncertain":
            continue
        la, lb = pair["lang_pair"].split("-")
        together = story[pair["a"]] == story[pair["b"]]
        right = together == (pair["label"] == "same_story")
        scores["same-language" if la == lb else "cross-language"].append(right)
        if verbose and not right:
            verdict = "together" if together else "apart"
            print(f"  wrong: {pair['a']} {pair['b']} {pair['label']} {verdict}")
    for name in ("same-language", "cross-language"):
        show(f"SemEval accuracy, {name}", ratio(sum(scores[name]), len(scores[name])))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, help="folder holding manifest.json")
    parser.add_argument(
        "--verbose", action="store_true", help="list wrong pairs and unlabelled copies"
    )
    parser.add_argument(
        "--no-dates",
        action="store_true",
        help="ignore the manifest's publication dates (every date unknown)",
    )
    args = parser.parse_args(argv)
    evaluate(args.corpus.resolve(), args.verbose, not args.no_dates)


if __name__ == "__main__":
    main()
