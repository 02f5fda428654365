"""The worker pool: results in order, and workers renewed during a stage."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from site_builder.workers import RENEWALS, cores, parallel_map

# In a fresh interpreter: the pool is only used when no other thread runs, and
# earlier tests (servers, browsers) may leave threads in this process.
PROBE = """
import json, os
from site_builder.workers import parallel_map

def square_and_pid(item):
    return item * item, os.getpid()

found = parallel_map(square_and_pid, list(range(4000)), chunk=50)
print(json.dumps([os.getpid(), found]))
"""


def _square_and_pid(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_results_come_back_in_order_from_renewed_workers() -> None:
    if cores() < 2:
        pytest.skip("one core: the pool runs in this process")
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    )
    parent, results = json.loads(done.stdout)
    assert [square for square, _ in results] == [i * i for i in range(4000)]
    pids = {pid for _, pid in results}
    assert parent not in pids
    # each of the workers was replaced by fresh forks during the stage
    assert len(pids) > min(cores(), 4000 // 50) * (RENEWALS // 2)


def test_small_inputs_stay_in_this_process() -> None:
    results = parallel_map(_square_and_pid, list(range(10)))
    assert {pid for _, pid in results} == {os.getpid()}
    assert [square for square, _ in results] == [i * i for i in range(10)]
