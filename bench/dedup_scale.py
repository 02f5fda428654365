"""Dedup at scale: make_corpus.py corpora, our stage against datasketch's MinHashLSH.

    python -m bench.dedup_scale --n 10000 100000 --workdir /tmp/dedup-scale
    python -m bench.dedup_scale --corpus /tmp/corp/g10k --workdir /tmp/dedup-scale

For each size: generate the corpus once (kept in the work folder; --corpus names
one already made), load and clean it as the build does (not timed), time the whole
dedup stage (copies, stories, novel sentences), then the same grouping when a
cache gives every article's signature, and its novel sentences too (what a build
that changed little pays), and measure peak memory in an untimed run under
tracemalloc (numpy's buffers included). Then time datasketch 2.x on the same
articles: 128 permutations, word 5-shingles, query-then-insert. Copy pairs of both
are scored against the generator's ground truth.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

from datasketch import MinHash, MinHashLSH

from site_builder.clean.repeats import clean
from site_builder.config import DedupConfig
from site_builder.dedup.grouping import Grouping, group
from site_builder.dedup.signature import signatures
from site_builder.load.files import read_article
from site_builder.model import CleanArticle

REPO = Path(__file__).resolve().parents[1]
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
Pair = tuple[str, str]


def corpus(workdir: Path, n: int, make: Path) -> Path:
    """The folder of an ``n``-article corpus, generated unless already there."""
    root = workdir / f"n{n}"
    if not (root / "ground_truth.json").is_file():
        command = [sys.executable, str(make), "--n", str(n), "--target", "generic"]
        subprocess.run([*command, "--out", str(root)], check=True)
    return root


def load(root: Path, cache: Path) -> list[CleanArticle]:
    """The corpus loaded and cleaned as the build does, cached in ``cache`` (pickle).

    The cache is used while no file of content/ changed size or time.
    """
    paths = sorted((root / "content").glob("*.md"))
    stamp = hashlib.sha256(
        repr([(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in paths]).encode()
    ).hexdigest()
    if cache.is_file():
        with cache.open("rb") as file:
            cached: tuple[str, list[CleanArticle]] = pickle.load(file)
        if cached[0] == stamp:
            return cached[1]
    articles = [clean(read_article(root / "content", path), "en") for path in paths]
    with cache.open("wb") as file:
        pickle.dump((stamp, articles), file, protocol=pickle.HIGHEST_PROTOCOL)
    return articles


def score(found: set[Pair], truth: set[Pair]) -> str:
    hit = len(found & truth)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(truth)
    counts = f"({hit}/{len(truth)}, {len(found)} found)"
    return f"recall {recall:.3f} precision {precision:.3f} {counts}"


def our_pairs(result: Grouping) -> set[Pair]:
    groups: dict[str, list[str]] = defaultdict(list)
    for copy in result.copies:
        groups[Path(copy.of).stem].append(Path(copy.path).stem)
    return {
        (a, b) if a < b else (b, a)
        for of, copies in groups.items()
        for a, b in itertools.combinations([of, *copies], 2)
    }


def mixed_stories(result: Grouping, truth: dict[str, Any]) -> int:
    """Stories holding two originals the generator wrote independently."""
    articles = truth["articles"]
    mixed = 0
    for story in result.stories:
        slugs = [
            Path(a.path).stem
            for a in (story.canonical, *(s.article for s in story.sources))
        ]
        mixed += len({articles[s]["dup_of"] or s for s in slugs}) > 1
    return mixed


def run_ours(
    articles: list[CleanArticle], memory: bool
) -> tuple[Grouping, float, float, float]:
    """The grouping, wall and CPU seconds, and peak MiB (0 when not measured)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = group(articles, DedupConfig())
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = 0.0
    if memory:
        tracemalloc.start()
        group(articles, DedupConfig())
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return result, elapsed, cpu, peak


def run_cached(articles: list[CleanArticle], cold: Grouping) -> None:
    """Time signatures alone, then group() given them, then given novel sentences."""
    started = time.perf_counter()
    signed = signatures(articles)
    signing = time.perf_counter() - started
    known = {a.path: s for a, s in zip(articles, signed, strict=True)}
    started = time.perf_counter()
    warm = group(articles, DedupConfig(), signatures=known)
    given = time.perf_counter() - started
    started = time.perf_counter()
    hot = group(articles, DedupConfig(), signatures=known, novel=warm.novel)
    both = time.perf_counter() - started
    size = sorted(len(pickle.dumps(s, pickle.HIGHEST_PROTOCOL)) for s in signed)
    novel = len(pickle.dumps(dict(warm.novel), pickle.HIGHEST_PROTOCOL))
    print(f"{'':16}signatures alone {signing:.2f} s; pickled signature median")
    print(f"{'':16}  {size[len(size) // 2]} bytes (max {size[-1]})")
    print(f"{'':16}group() given all signatures {given:.2f} s, and novel sentences")
    print(
        f"{'':16}  {both:.2f} s ({len(warm.novel)} pairs, {novel // 1024} KiB pickled)"
    )
    print(f"{'':16}same grouping either way: {cold == warm == hot}")


def run_datasketch(
    articles: list[CleanArticle], thresholds: list[float]
) -> dict[float, tuple[set[Pair], float, float]]:
    """Copy pairs, wall and CPU seconds (hashing + indexing) at each threshold."""
    started, cpu = time.perf_counter(), time.process_time()
    hashes = []
    for article in articles:
        words = re.findall(r"\w+", article.text.lower())
        count = max(1, len(words) - 4)
        shingles = {" ".join(words[i : i + 5]).encode() for i in range(count)}
        signature = MinHash(num_perm=128)
        signature.update_batch(shingles)
        hashes.append(signature)
    hashing = (time.perf_counter() - started, time.process_time() - cpu)
    results = {}
    slugs = [Path(a.path).stem for a in articles]
    for threshold in thresholds:
        started, cpu = time.perf_counter(), time.process_time()
        lsh = MinHashLSH(threshold=threshold, num_perm=128)
        found: set[Pair] = set()
        for slug, signature in zip(slugs, hashes, strict=True):
            for other in lsh.query(signature):
                found.add((other, slug) if other < slug else (slug, other))
            lsh.insert(slug, signature)
        wall = hashing[0] + time.perf_counter() - started
        results[threshold] = (found, wall, hashing[1] + time.process_time() - cpu)
    return results


def line(name: str, n: int, wall: float, cpu: float) -> str:
    per = f"{wall / n * 1000:.3f} ms/article ({cpu / n * 1000:.3f} CPU)"
    return f"{name:<16}{wall:8.2f} s  {per}"


def measure(
    root: Path, cache: Path, args: argparse.Namespace
) -> dict[str, tuple[float, float]]:
    """Print the figures of one corpus; per-article (wall, CPU) seconds by system."""
    truth = json.loads((root / "ground_truth.json").read_text(encoding="utf-8"))
    expected: set[Pair] = {(a, b) if a < b else (b, a) for a, b in truth["dup_pairs"]}
    started = time.perf_counter()
    articles = load(root, cache)
    n = len(articles)
    print(f"== {n} articles (loaded in {time.perf_counter() - started:.0f} s)")
    result, wall, cpu, peak = run_ours(articles, not args.no_memory)
    times = {"ours": (wall / n, cpu / n)}
    print(f"{line('ours', n, wall, cpu)}  {score(our_pairs(result), expected)}")
    print(f"{'':16}dedup peak {peak:.0f} MiB (tracemalloc, numpy included)")
    mixed = mixed_stories(result, truth)
    print(
        f"{'':16}{len(result.stories)} stories, {mixed} of them"
        " with two originals the generator wrote independently"
    )
    run_cached(articles, result)
    if not args.no_datasketch:
        for threshold, (found, ds_wall, ds_cpu) in run_datasketch(
            articles, args.thresholds
        ).items():
            name = f"datasketch {threshold}"
            times[name] = (ds_wall / n, ds_cpu / n)
            print(
                f"{line(name, n, ds_wall, ds_cpu)}  {score(found, expected)}"
                f"  datasketch/ours {ds_wall / wall:.2f} (CPU {ds_cpu / cpu:.2f})"
            )
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'':16}process peak RSS so far {peak_rss:.0f} MiB")
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument(
        "--corpus",
        type=Path,
        nargs="+",
        help="folders make_corpus.py wrote (content/, ground_truth.json); not --n",
    )
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--make-corpus", type=Path, default=MAKE_CORPUS)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.8, 0.5])
    parser.add_argument("--no-datasketch", action="store_true")
    parser.add_argument("--no-memory", action="store_true", help="skip tracemalloc")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    roots = args.corpus or [corpus(args.workdir, n, args.make_corpus) for n in args.n]
    per_article: dict[str, list[tuple[float, float]]] = defaultdict(list)
    sizes = []
    for number, root in enumerate(roots):
        cache = args.workdir / f"cleaned-{number}-{root.name}.pickle"
        for name, times in measure(root, cache, args).items():
            per_article[name].append(times)
        sizes.append(root.name)
    if len(roots) > 1:
        for name, times in per_article.items():
            wall_ratio = times[-1][0] / times[0][0]
            cpu_ratio = times[-1][1] / times[0][1]
            print(
                f"per-article time {sizes[-1]} vs {sizes[0]}, {name}: "
                f"x{wall_ratio:.2f} wall, x{cpu_ratio:.2f} CPU"
            )


if __name__ == "__main__":
    main()
