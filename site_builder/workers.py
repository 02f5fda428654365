"""Vocabulary: run a per-item stage on every core, in forked processes sharing memory.

Forked workers inherit the parent's objects (articles, stories, the Jinja environment)
without pickling them; only each call's small result travels back. Small batches, a
one-core machine, or a parent with other threads running (``serve``: forking a
threaded process can deadlock) fall back to a plain loop in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 256  # below this, starting processes costs more than it saves
RENEWALS = 8  # each worker is replaced by a fresh fork this many times per stage
_work: tuple[Callable[..., object], Sequence[object]] | None = None


def cores() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


Progress = Callable[[int, int], None]  # (items done, items in all)


def no_progress(done: int, total: int) -> None:
    """The default: report nothing."""


StageProgress = Callable[[str, int, int], None]  # (stage, items done, items in all)


def no_stage_progress(stage: str, done: int, total: int) -> None:
    """The default: report nothing."""


def parallel_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    chunk: int = 64,
    min_items: int = MIN_ITEMS,
    progress: Progress = no_progress,
) -> list[Result]:
    """``[function(item) for item in items]``, spread over the machine's cores."""
    processes = min(cores(), max(1, len(items) // chunk))
    bounds = [
        (start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)
    ]
    if (
        processes < 2
        or len(items) < min_items
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        results: list[Result] = []
        for start, end in bounds:
            results += [function(items[i]) for i in range(start, end)]
            progress(end, len(items))
        return results
    global _work
    _work = (function, items)
    # A forked worker shares the parent's memory until it touches an object (a
    # reference count is a write): one that lived through a whole stage ended up
    # holding a private copy of most of the parent. Replaced a few times per stage,
    # each worker only copies what its share of the work touched.
    renew = max(1, -(-len(bounds) // (processes * RENEWALS)))
    try:
        parts: list[list[object]] = []
        with multiprocessing.get_context("fork").Pool(
            processes, maxtasksperchild=renew
        ) as pool:
            for (_start, end), part in zip(
                bounds, pool.imap(_run_slice, bounds, chunksize=1), strict=True
            ):
                parts.append(part)
                progress(end, len(items))
    finally:
        _work = None
    return [result for part in parts for result in part]  # type: ignore[misc]


def _run_slice(bounds: tuple[int, int]) -> list[object]:
    assert _work is not None, "set by parallel_map before the fork"
    function, items = _work
    return [function(items[i]) for i in range(*bounds)]
