"""Side by side: site-builder, Hugo and Pelican building the same make_corpus.py corpus.

    python -m bench.ssg --n 10000 --workdir /tmp/ssg-bench [--repeat 3]
        [--tools site-builder,site-builder+search,hugo,hugo+pagefind,pelican]
        [--shared ../shared] [--site-builder PROGRAM] [--json F]

Each corpus is generated once per N and target into the work folder (same seed, so the
articles are the same) and the peer's ``ssg/`` configuration copied over it. Hugo and
Pelican are installed into ``WORKDIR/peers`` (a virtualenv of their own). Scenarios, in
order, each run ``--repeat`` times with the tools alternating: cold (output and every
cache deleted), rebuild with nothing changed, rebuild after appending a sentence to one
article, rebuild after adding a copy of one article under a new slug and title.
``site-builder+search`` is site-builder with its Pagefind index, beside
``hugo+pagefind`` (Hugo, then Pagefind over its output); ``site-builder`` and ``hugo``
build without search. Pelican
builds cold with ``pelicanconf.py`` and rebuilds with ``cacheconf.py`` (its content
cache), after one timed cold build with that cache on. Hugo has no build cache.

Wall time is the whole process. Memory is measured two ways: the largest process's peak
RSS (``os.wait4``: ru_maxrss over the waited tree, exact, what GNU time's ``%M`` shows)
and the process tree's summed PSS sampled from ``/proc`` every 50 ms (site-builder forks
workers that share the parent's pages: PSS counts shared pages once). "peak" is the
larger of the two. The corpus is restored (edits undone, copies removed) afterwards.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from bench.ssg_measure import Run, Size, measure
from bench.ssg_report import machine, scaling, size_summary
from bench.ssg_scenarios import SCENARIOS, in_output, pages, prepare, restore
from bench.ssg_tools import REPO, SITE_BUILDER, TOOLS, Tool, peers, tools, versions


def build(tool: Tool, scenario: str, rep: int, args: argparse.Namespace) -> Run:
    """Prepare ``scenario`` for ``tool``, then measure the build."""
    command, marker = prepare(tool, scenario, rep, args.workdir / "pristine")
    logs = args.workdir / "logs"
    logs.mkdir(exist_ok=True)
    slug = re.sub(r"\W+", "-", scenario)
    log = logs / f"{tool.site.name}-{slug}-{rep}.log"
    wall, largest, pss, rss, samples = measure(tool, command, log)
    verified = None if marker is None else in_output(tool, marker)
    if verified is False:
        print(f"  WARNING: {tool.name} {scenario}: change not found in the output")
    run = Run(tool.name, scenario, rep, wall, largest, pss, rss, int(samples), verified)
    print(
        f"  {tool.name:12} {scenario:15} #{rep}  {wall:7.2f} s  {run.peak_mb:7.0f} MB"
    )
    return run


def bench(chosen: Sequence[Tool], args: argparse.Namespace) -> list[Run]:
    """Every scenario, ``args.repeat`` times, the tools alternating within each."""
    runs: list[Run] = []
    for scenario in SCENARIOS:
        for rep in range(args.repeat):
            runs.extend(build(tool, scenario, rep, args) for tool in chosen)
        pelican = [tool for tool in chosen if tool.name == "pelican"]
        if scenario == "cold" and pelican:  # fill Pelican's cache for the rebuilds
            runs.append(build(pelican[0], "cold, cache on", 0, args))
    return runs


def run_size(n: int, args: argparse.Namespace) -> Size:
    """Benchmark one corpus size; print its tables; return its raw numbers."""
    chosen = tools(args, n)
    pristine = args.workdir / "pristine"
    for tool in chosen:
        restore(tool, pristine)
    print(f"\n== {n:,} articles ==")
    try:
        runs = bench(chosen, args)
        counts = {tool.name: pages(tool) for tool in chosen}
    finally:
        for tool in chosen:
            restore(tool, pristine)
    size = Size(n, counts, runs)
    names = [tool.name for tool in chosen]
    print("\n".join(size_summary(size, names)))
    return size


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else ""
    )
    parser.add_argument(
        "--n", type=int, nargs="+", default=[10000], help="corpus sizes"
    )
    parser.add_argument("--workdir", type=Path, required=True, help="corpora and peers")
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument(
        "--site-builder",
        type=Path,
        default=SITE_BUILDER,
        help="the site-builder program to time (default: this environment's)",
    )
    parser.add_argument("--json", type=Path, help="write the raw numbers here")
    args = parser.parse_args(argv)
    args.tools = [name.strip() for name in args.tools.split(",") if name.strip()]
    unknown = set(args.tools) - set(TOOLS)
    if unknown or not args.tools:
        parser.error(f"--tools: choose among {', '.join(TOOLS)}")
    args.workdir = args.workdir.resolve()
    args.shared = args.shared.resolve()
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    start = machine("start")
    print(start)
    if {"hugo", "hugo+pagefind", "pelican"} & set(args.tools):
        peers(args.workdir)
    found = versions(args.workdir, args.site_builder)
    for name in args.tools:
        print(f"{name}: {found[name]}")
    sizes = [run_size(n, args) for n in args.n]
    for line in scaling(sizes):
        print(line)
    end = machine("end")
    print(end)
    if args.json:
        meta = {"start": start, "end": end, "versions": found, "argv": sys.argv[1:]}
        raw = [asdict(size) for size in sizes]
        args.json.write_text(json.dumps({"meta": meta, "sizes": raw}, indent=1))


if __name__ == "__main__":
    main()
