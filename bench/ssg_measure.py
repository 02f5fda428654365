"""bench.ssg's measurements: one build's wall time and its process tree's memory."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.ssg_tools import Tool

SAMPLE_S = 0.05
MB = 1024 * 1024


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
