"""Crash safety of `build`: SIGKILL at random moments, and two builds at once.

Two content states alternate (A and B: an article edited, one removed, one added).
Each state is first built once into a reference folder. After every kill, output/
must be exactly one of the two complete reference sites (the one that was there, or
the new one) and the sources must be untouched; builds left to finish, which follow
kills, must give exactly the reference site of their state (the cache recovered).
States are written with fixed modification times, as ``rsync -a`` or an undo that
restores a file's time would: a cache that trusts stale entries shows up here.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import write_site
from hostile_checks import tree, words

EPOCH = "1764000000"
ITERATIONS = 24
TOML = 'title = "Crash"\nbase_url = "https://crash.example/"\nsearch = false\n'


def _article(title: str, seed: str, day: int) -> str:
    text = words(seed, 30).capitalize()
    return f"---\ntitle: {title}\ndate: 2026-11-{day:02d}\nlang: en\n---\n{text}.\n"


STATES: dict[str, dict[str, str]] = {
    "A": {
        "harbour.md": _article("Harbour reopens", "harbour", 20),
        "library.md": _article("Library hours", "library", 21),
        "market.md": _article("Winter market", "market", 22),
    },
    "B": {
        "harbour.md": _article("Harbour reopens after repairs", "harbour-2", 20),
        "library.md": _article("Library hours", "library", 21),
        "ferry.md": _article("Ferry crews vote", "ferry", 23),
    },
}
MTIMES = {"A": 1_700_000_000, "B": 1_700_100_000}
# What a build may leave in the site folder besides the sources.
STALE = (".output.staging-", ".output.old-")
ALLOWED = (".site-builder", ".output.lock", "output", *STALE)


def put_state(site: Path, name: str) -> None:
    content = site / "content"
    for path in content.iterdir():
        if path.name not in STATES[name]:
            path.unlink()
    for file, text in STATES[name].items():
        path = content / file
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(MTIMES[name] * 10**9, MTIMES[name] * 10**9))


def start_build(site: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.Popen(
        [sys.executable, "-m", "site_builder", "build"],
        cwd=site,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own group: the kill reaches its workers too
    )


def finish(process: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, err = process.communicate(timeout=120)
    return process.returncode, err.decode("utf-8", "replace")


def full_build(site: Path) -> None:
    code, err = finish(start_build(site))
    assert code == 0, err


def kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # it had already finished
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


def leftovers(site: Path) -> list[str]:
    return sorted(
        p.name
        for p in site.iterdir()
        if p.name not in ("content", "site.toml") and not p.name.startswith(ALLOWED)
    )


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Each state's complete site, built cold in a folder of its own."""
    found = {}
    for name in STATES:
        site = write_site(tmp_path_factory.mktemp(f"ref{name}"), {}, TOML)
        put_state(site, name)
        full_build(site)
        found[name] = tree(site / "output")
    assert found["A"] != found["B"]
    return found


def test_sigkill_at_random_moments_leaves_a_whole_site(
    tmp_path: Path, references: dict[str, dict[str, bytes]]
) -> None:
    seed = random.randrange(2**32)
    draw = random.Random(seed)
    site = write_site(tmp_path / "site", {}, TOML)
    times = []
    for state in ("B", "A"):  # the kind of build the loop kills: after an edit
        put_state(site, state)
        started = time.monotonic()
        full_build(site)
        times.append(time.monotonic() - started)
    duration = max(times)
    shown = "A"  # the site output/ holds
    outcomes = {"previous site": 0, "new site": 0, "finished": 0}
    for iteration in range(ITERATIONS):
        state = "B" if state == "A" else "A"
        put_state(site, state)
        process = start_build(site)
        where = f"seed {seed}, iteration {iteration}, state {state}"
        if iteration % 3 == 2:  # let it finish: the cache must serve the right site
            code, err = finish(process)
            assert code == 0, f"{where}: {err}"
            assert tree(site / "output") == references[state], where
            assert not [p for p in site.iterdir() if p.name.startswith(STALE)], where
            shown = state
            outcomes["finished"] += 1
            continue
        time.sleep(draw.uniform(0.3, 1.1) * duration)
        kill_group(process)
        now = tree(site / "output")
        assert now in (references[shown], references[state]), (
            f"{where}: output/ is neither the previous nor the new site"
        )
        swapped = now == references[state] and now != references[shown]
        outcomes["new site" if swapped else "previous site"] += 1
        shown = state if swapped else shown
        for file, text in STATES[state].items():
            assert (site / "content" / file).read_text("utf-8") == text, where
        assert leftovers(site) == [], where
    put_state(site, "A" if state == "B" else "B")
    full_build(site)
    assert tree(site / "output") == references["A" if state == "B" else "B"]
    assert sorted(p.name for p in site.iterdir()) == [
        ".output.lock",
        ".site-builder",
        "content",
        "output",
        "site.toml",
    ], "a completed build clears what killed builds left"
    print(f"seed {seed}, build {duration:.1f} s: {outcomes}")


class Killed(BaseException):
    """Stands for SIGKILL at one exact point of an in-process build."""


def test_a_build_killed_just_after_the_swap_does_not_poison_the_next(
    tmp_path: Path,
    references: dict[str, dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from site_builder import build as pipeline
    from site_builder.config import load_config
    from site_builder.write import staging as writing

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = write_site(tmp_path / "site", {}, TOML)
    put_state(site, "A")
    pipeline.build(load_config(root=site))
    put_state(site, "B")
    real_commit = writing.Staging.commit

    def write_then_die(self: writing.Staging) -> object:
        real_commit(self)
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(writing.Staging, "commit", write_then_die)
        with pytest.raises(Killed):
            pipeline.build(load_config(root=site))
    assert tree(site / "output") == references["B"]
    put_state(site, "A")  # the edit undone, its time restored
    pipeline.build(load_config(root=site))
    assert tree(site / "output") == references["A"]
    for path in (site / "content").iterdir():  # the edit undone by an editor: new times
        path.touch()
    pipeline.build(load_config(root=site))
    assert tree(site / "output") == references["A"]


def test_two_builds_at_once_never_corrupt_output(
    tmp_path: Path, references: dict[str, dict[str, bytes]]
) -> None:
    site = write_site(tmp_path / "site", {}, TOML)
    put_state(site, "A")
    refused = 0
    for _ in range(3):
        first, second = start_build(site), start_build(site)
        results = [finish(first), finish(second)]
        for code, err in results:
            if code != 0:
                assert "another build is writing this output folder" in err, err
                refused += 1
        assert any(code == 0 for code, _ in results), results
        assert tree(site / "output") == references["A"]
        _drop_cache(site)
    assert leftovers(site) == []
    print(f"{refused} of 6 builds refused while the other held the lock")


def _drop_cache(site: Path) -> None:
    """Start the next round cold, so both builds do all their work again."""
    for path in (site / ".site-builder").glob("*.pickle"):
        path.unlink()
