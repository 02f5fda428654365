"""The test command itself: the run's last line says what was skipped and why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS_TEST = "tests/test_clean.py::test_corpus_articles_with_scraped_repetition"
PLAIN_TEST = "tests/test_cli.py::test_usage_errors_exit_2"


def run_pytest(*tests: str, corpus: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SITE_BUILDER_CORPUS": str(corpus)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()


def test_a_missing_corpus_is_named_on_the_last_line(tmp_path: Path) -> None:
    lines = run_pytest(CORPUS_TEST, PLAIN_TEST, corpus=tmp_path / "absent")
    assert lines[-2] == (
        f"skipped 1 test: no dev corpus at {tmp_path / 'absent'} (see README,"
        " Development)"
    )
    assert lines[-1].startswith("1 passed, 1 skipped in ")


def test_a_run_that_skipped_nothing_says_so() -> None:
    lines = run_pytest(PLAIN_TEST, corpus=REPO / "no-corpus-needed")
    assert lines[-2:-1] == ["skipped: none"]
