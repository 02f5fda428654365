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


# Ratios printed beside the medians: (label, numerator tool, denominator tool).
RATIOS = (
    ("sb/hugo", "site-builder", "hugo"),
    ("sb+s/hugo+pf", "site-builder+search", "hugo+pagefind"),
    ("pelican/sb", "pelican", "site-builder"),
)


def size_summary(size: Size, names: Sequence[str]) -> list[str]:
    """Everything printed after one corpus size's runs."""
    n, runs = size.n, size.runs
    return [
        f"\n{n:,} articles. site-builder's figures include dedup and summaries;",
        "Hugo's and Pelican's do not. '+search': with the Pagefind index",
        "(site-builder's own; Hugo's output indexed by Pagefind's CLI after it).",
        *table(runs, names, False),
        *table(runs, names, True),
        memory_detail(runs, names),
        "HTML pages after the last build: "
        + ", ".join(f"{k} {v}" for k, v in size.pages.items()),
        *targets(runs, n),
    ]


def table(runs: Sequence[Run], names: Sequence[str], peak: bool) -> list[str]:
    """Medians per scenario and tool, with the ratios of RATIOS whose tools ran."""
    unit, digits = ("MB", 0) if peak else ("s", 2)
    title = "median " + ("peak memory" if peak else "wall time")
    shown = [name for name in TOOLS if name in names]
    ratios = [r for r in RATIOS if r[1] in names and r[2] in names]
    head = "".join(f"{name:>21}" for name in shown)
    head += "".join(f"{label:>14}" for label, _, _ in ratios)
    lines = [f"{title:18}{head}"]
    for scenario in (*SCENARIOS, "cold, cache on"):
        cells = {name: median(runs, name, scenario, peak) for name in shown}
        if all(math.isnan(value) for value in cells.values()):
            continue
        row = "".join(
            f"{'-':>21}" if math.isnan(value) else f"{value:>18.{digits}f} {unit}"
            for value in cells.values()
        )
        row += "".join(
            f"{ratio(cells[top], cells[bottom]):>14}" for _, top, bottom in ratios
        )
        lines.append(f"{scenario:18}{row}")
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
    """The fast-edits issue's targets, on this run's medians (set for 10,000)."""

    def sb(scenario: str, peak: bool = False) -> float:
        return median(runs, "site-builder+search", scenario, peak)

    peer_cold = median(runs, "hugo+pagefind", "cold")
    hugo_peak = median(runs, "hugo", "cold", True)
    if math.isnan(hugo_peak):
        hugo_peak = median(runs, "hugo+pagefind", "cold", True)
    checks = [
        ("edit one / peer cold", sb("edit one") / peer_cold, "<=", 0.1),
        ("edit one, seconds", sb("edit one"), "<", 2.0),
        ("add one / peer cold", sb("add one") / peer_cold, "<=", 0.1),
        ("add one, seconds", sb("add one"), "<", 2.0),
        ("cold / peer cold", sb("cold") / peer_cold, "<=", 2.0),
        ("peak memory / Hugo's", sb("cold", True) / hugo_peak, "<=", 1.0),
    ]
    lines = [
        f"targets, site-builder+search against hugo+pagefind (set for 10,000;"
        f" this run: {n:,}):"
    ]
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
    """site-builder's cold time against linear extrapolation from the smaller size,
    and its one-edit time at the larger (with search when it ran, else without)."""
    lines = []
    for small, large in itertools.pairwise(sizes):
        for tool in ("site-builder+search", "site-builder"):
            t_small = median(small.runs, tool, "cold")
            t_large = median(large.runs, tool, "cold")
            if math.isnan(t_small) or math.isnan(t_large):
                continue
            peak = median(large.runs, tool, "cold", True)
            edit = median(large.runs, tool, "edit one")
            ratio = t_large / (t_small * large.n / small.n)
            lines.append(
                f"scaling {tool} {small.n:,} -> {large.n:,}: cold {ratio:.2f}x linear"
                f" (target <= 1.3), peak memory {peak:.0f} MB (target < 4096),"
                f" one edit {edit:.2f} s (target < 5 at 100,000)"
            )
    return lines
