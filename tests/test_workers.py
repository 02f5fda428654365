"""The worker pool: results in order, and workers renewed during a stage."""

from __future__ import annotations

import os

import pytest

from site_builder.workers import RENEWALS, cores, parallel_map


def _square_and_pid(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_results_come_back_in_order_from_renewed_workers() -> None:
    if cores() < 2:
        pytest.skip("one core: the pool runs in this process")
    items = list(range(4000))
    results = parallel_map(_square_and_pid, items, chunk=50)
    assert [square for square, _ in results] == [i * i for i in items]
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids
    # each of the workers was replaced by fresh forks during the stage
    assert len(pids) > min(cores(), len(items) // 50) * (RENEWALS // 2)


def test_small_inputs_stay_in_this_process() -> None:
    results = parallel_map(_square_and_pid, list(range(10)))
    assert {pid for _, pid in results} == {os.getpid()}
    assert [square for square, _ in results] == [i * i for i in range(10)]
