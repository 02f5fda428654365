"""bench.ssg's report: median tables, ratios, the targets, scaling, machine load."""

from __future__ import annotations

import itertools
import math
import os
import statistics
from collections.abc import Sequence

from bench.ssg_measure import Run, Size
from bench.ssg_scenarios import SCENARIOS
from bench.ssg_tools import TOOLS


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


def size_summary(size: Size, names: Sequence[str], search: bool) -> list[str]:
    """Everything printed after one corpus size's runs."""
    n, runs = size.n, size.runs
    searched = "on (Pagefind)" if search else "off (search = false, as the peers)"
    return [
        f"\n{n:,} articles. site-builder's figures include dedup and summaries;",
        f"Hugo's and Pelican's do not. site-builder search: {searched}.",
        *table(runs, names, False),
        *table(runs, names, True),
        memory_detail(runs, names),
        "HTML pages after the last build: "
        + ", ".join(f"{k} {v}" for k, v in size.pages.items()),
        *targets(runs, n),
    ]


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


def scaling(sizes: Sequence[Size]) -> list[str]:
    """site-builder's cold time against linear extrapolation from the smaller size."""
    lines = []
    for small, large in itertools.pairwise(sizes):
        t_small = median(small.runs, "site-builder", "cold")
        t_large = median(large.runs, "site-builder", "cold")
        peak = median(large.runs, "site-builder", "cold", True)
        ratio = t_large / (t_small * large.n / small.n)
        lines.append(
            f"scaling {small.n:,} -> {large.n:,}: cold {ratio:.2f}x linear"
            f" (target <= 1.3), peak memory {peak:.0f} MB (target < 4096 at 100,000)"
        )
    return lines
