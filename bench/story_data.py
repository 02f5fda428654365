"""A manifest folder gathered once for the story decision: units, evidence, labels.

Used by ``bench.stories``: every article of the folder is loaded, repaired and
signed as a build does, copies are found, and the candidate pairs of the copy
groups' representatives ("units") get their evidence once (``dedup.join.gather``),
so that many models and bars can be tried on one gathering. Labelled pairs that
are no candidate get their features too (a model is fitted on them; the linkage
never sees them).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import pickle
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench.dedup import UNRELATED_BELOW, load, word5_jaccard
from site_builder.config import DedupConfig
from site_builder.dedup import meaning
from site_builder.dedup import signature as signing
from site_builder.dedup.cluster import Profiles
from site_builder.dedup.copies import Copies, find_copies
from site_builder.dedup.decision import StoryModel
from site_builder.dedup.join import CROSS, Candidates, gather, join, weigh
from site_builder.dedup.spans import OTHER_OUTLETS_DAYS, Window
from site_builder.dedup.stories import ranking
from site_builder.model import CleanArticle
from site_builder.text.shingles import I64

DAYS = float(DedupConfig().window_days)


@dataclass(frozen=True)
class Labelled:
    """A labelled pair of units: its kind, whether one event, its group for folds."""

    kind: str  # ecb-same, ecb-other (same topic), sem-same, sem-other, headline
    same: bool
    fold: str  # the ECB+ topic or the SemEval language pair
    a: str  # corpus ids
    b: str


@dataclass
class Folder:
    """One manifest folder, gathered."""

    manifest: dict[str, Any]
    ids: list[str]  # corpus ids in path order
    copies: Copies
    units: list[int]  # article numbers standing for their copies
    found: Candidates
    unit_of: dict[str, int]  # corpus id -> position in units
    labelled: list[Labelled]
    # labelled non-candidate pairs: pairs, features, reuse, embedding cosine or None
    extra: tuple[I64, Any, Any, Any]
    texts: dict[str, str]

    def labels(self, model: StoryModel, window: Window | None = None) -> dict[str, int]:
        """Corpus id -> story label under ``model`` (in ``window``, if given)."""
        labels, _ = join(self.found, model, [], window)
        return {key: labels[u] for key, u in self.unit_of.items()}


def gather_folder(
    root: Path,
    dates: bool,
    embeddings: Path | None = None,
    other: float = OTHER_OUTLETS_DAYS,
) -> Folder:
    """The folder at ``root``; with ``embeddings`` (a cache file), with vectors.

    Candidate pairs are gathered with ``other`` days between two outlets (a
    sweep gathers once with the widest and joins in narrower windows).
    """
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    articles = load(root, manifest, dates)
    ordered = sorted(articles.items(), key=lambda item: item[1].path)
    ids = [key for key, _ in ordered]
    cleaned = [article for _, article in ordered]
    signed = list(signing.signatures(cleaned))
    rank = ranking(cleaned, [s.words for s in signed], DedupConfig())
    copies = find_copies(signed, rank, [], [])
    units = sorted(set(copies.root))
    position = {u: i for i, u in enumerate(units)}
    unit_of = {key: position[copies.root[i]] for i, key in enumerate(ids)}
    chosen = [cleaned[u] for u in units]
    vectors = _vectors(chosen, embeddings) if embeddings else None
    found = gather(chosen, [signed[u] for u in units], DAYS, vectors, other)
    texts = {key: signing.compared_text(a) for key, a in articles.items()}
    labelled = labelled_pairs(manifest, texts)
    extra = _extra(
        found, labelled, unit_of, chosen, [signed[u] for u in units], vectors
    )
    return Folder(manifest, ids, copies, units, found, unit_of, labelled, extra, texts)


def labelled_pairs(manifest: dict[str, Any], texts: dict[str, str]) -> list[Labelled]:
    found = []
    by_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for cluster in manifest["clusters"]:
        by_topic[str(cluster["topic"])].append(cluster)
    for topic, clusters in by_topic.items():
        for c in clusters:
            for a, b in itertools.combinations(c["members"], 2):
                found.append(Labelled("ecb-same", True, f"t{topic}", a, b))
        for c, d in itertools.combinations(clusters, 2):
            for a, b in itertools.product(c["members"], d["members"]):
                found.append(Labelled("ecb-other", False, f"t{topic}", a, b))
    for pair in manifest["pairs"]:
        if pair["label"] == "uncertain":
            continue
        same = pair["label"] == "same_story"
        kind = "sem-same" if same else "sem-other"
        found.append(Labelled(kind, same, pair["lang_pair"], pair["a"], pair["b"]))
    for group in manifest["dup_groups"]:
        if group["kind"] != "same_title_unrelated":
            continue
        for a, b in itertools.combinations(group["members"], 2):
            if word5_jaccard(texts[a], texts[b]) < UNRELATED_BELOW:
                found.append(Labelled("headline", False, group["dup_group_id"], a, b))
    return found


def _extra(
    found: Candidates,
    labelled: list[Labelled],
    unit_of: dict[str, int],
    chosen: list[CleanArticle],
    signed: list[signing.Signature],
    vectors: list[bytes] | None,
) -> tuple[I64, Any, Any, Any]:
    known = set(map(tuple, found.pairs.tolist()))
    wanted = {
        (min(unit_of[p.a], unit_of[p.b]), max(unit_of[p.a], unit_of[p.b]))
        for p in labelled
    }
    missing = sorted(p for p in wanted - known if p[0] != p[1])
    pairs = np.array(missing, dtype=np.int64).reshape(-1, 2)
    features, shares = weigh(chosen, signed, pairs, Profiles.of(signed))
    close = None
    if vectors is not None:
        close = meaning.cosines(vectors, pairs) * features.values[:, CROSS]
    return pairs, features, shares, close


def _vectors(chosen: list[CleanArticle], cache: Path) -> list[bytes]:
    """The embedding of each article, kept in ``cache`` by the digest of its text."""
    known: dict[str, bytes] = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    texts = [signing.compared_text(a) for a in chosen]
    keys = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
    missing = sorted(
        {k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items()
    )
    for (key, _), vector in zip(
        missing, meaning.embed([t for _, t in missing]), strict=True
    ):
        known[key] = vector
    if missing:
        cache.write_bytes(pickle.dumps(known))
    return [known[k] for k in keys]


def bcubed_items(
    story: dict[str, int], gold: dict[str, str]
) -> list[tuple[float, float]]:
    """(precision, recall) of each item of ``gold``; predicted groups are cut to it."""
    by_pred: dict[int, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_pred[story[item]].add(item)
        by_gold[gold[item]].add(item)
    found = []
    for item in gold:
        shared = len(by_pred[story[item]] & by_gold[gold[item]])
        found.append(
            (shared / len(by_pred[story[item]]), shared / len(by_gold[gold[item]]))
        )
    return found


@dataclass
class Tally:
    """Figures gathered over one or several folds, summed before they are rated."""

    ecb: list[tuple[float, float]]
    apart: list[bool]
    right: list[bool]
    found: list[bool]
    cross: list[bool]
    stories: int = 0
    events: int = 0

    @classmethod
    def empty(cls) -> Tally:
        return cls([], [], [], [], [])

    def add(self, other: Tally) -> None:
        self.ecb += other.ecb
        self.apart += other.apart
        self.right += other.right
        self.found += other.found
        self.cross += other.cross
        self.stories += other.stories
        self.events += other.events

    def figures(self) -> dict[str, float]:
        p = float(np.mean([x for x, _ in self.ecb])) if self.ecb else float("nan")
        r = float(np.mean([y for _, y in self.ecb])) if self.ecb else float("nan")
        return {
            "P": p,
            "R": r,
            "F1": 2 * p * r / (p + r) if p + r else 0.0,
            "apart": float(sum(self.apart)),
            "headline": float(len(self.apart)),
            "all": _mean(self.right),
            "found": _mean(self.found),
            "cross": _mean(self.cross),
            "stories": float(self.stories),
            "events": float(self.events),
        }


def _mean(values: list[bool]) -> float:
    return float(np.mean(values)) if values else float("nan")


def tally(
    folder: Folder, story: dict[str, int], folds: set[str] | None = None
) -> Tally:
    """The story figures on the labelled pairs of ``folds`` (None: every fold)."""
    chosen = [p for p in folder.labelled if folds is None or p.fold in folds]
    topics = {p.fold for p in chosen if p.kind.startswith("ecb")}
    gold = {
        m: c["cluster_id"]
        for c in folder.manifest["clusters"]
        for m in c["members"]
        if f"t{c['topic']}" in topics
    }
    result = Tally.empty()
    result.ecb = bcubed_items(story, gold)
    result.stories = len({story[k] for k in gold})
    result.events = len(set(gold.values()))
    result.apart = [story[p.a] != story[p.b] for p in chosen if p.kind == "headline"]
    for p in chosen:
        if not p.kind.startswith("sem"):
            continue
        together = story[p.a] == story[p.b]
        result.right.append(together == p.same)
        if p.same:
            result.found.append(together)
        first, second = p.fold.split("-")
        if first != second:
            result.cross.append(together == p.same)
    return result
