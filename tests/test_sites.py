"""Golden sites (built and compared byte for byte) and broken sites (exact messages)."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
GOLDEN = sorted(p for p in (HERE / "sites").iterdir() if p.is_dir())
INVALID = sorted(p for p in (HERE / "sites_invalid").iterdir() if p.is_dir())
EPOCH = "1764000000"  # 2025-11-24: file-time dates are clamped to it


def run_build(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"SOURCE_DATE_EPOCH": EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "site_builder", "build", *args],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_site(case: Path, tmp_path: Path) -> Path:
    site = tmp_path / case.name
    site.mkdir()
    for name in ("site.toml", "content", "templates", "static"):
        source = case / name
        if source.is_dir():
            shutil.copytree(source, site / name, symlinks=True)
        elif source.is_file():
            shutil.copy2(source, site / name)
    return site


# Pagefind's bundle (wasm and binary index chunks) is left out of golden trees: its
# determinism is checked by test_a_second_build_is_identical, its use by
# test_site_quality.py.
BINARY_BUNDLE = "pagefind/"


def tree(root: Path, bundle: bool = False) -> dict[str, bytes]:
    files = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
    return {
        name: path.read_bytes()
        for name, path in files.items()
        if bundle or not name.startswith(BINARY_BUNDLE)
    }


def tree_diff(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    lines = [f"missing: {name}" for name in sorted(expected.keys() - actual.keys())]
    lines += [f"unexpected: {name}" for name in sorted(actual.keys() - expected.keys())]
    for name in sorted(expected.keys() & actual.keys()):
        if expected[name] != actual[name]:
            diff = difflib.unified_diff(
                expected[name].decode("utf-8", "replace").splitlines(),
                actual[name].decode("utf-8", "replace").splitlines(),
                f"expected/{name}",
                f"output/{name}",
                lineterm="",
            )
            lines += list(diff)[:40]
    return "\n".join(lines)


@pytest.mark.parametrize("case", GOLDEN, ids=[c.name for c in GOLDEN])
def test_golden_site(case: Path, tmp_path: Path, update_golden: bool) -> None:
    site = copy_site(case, tmp_path)
    result = run_build(site, "--strict")
    assert result.returncode == 0, result.stderr
    actual = tree(site / "output")
    if update_golden:
        shutil.rmtree(case / "expected", ignore_errors=True)
        shutil.copytree(
            site / "output",
            case / "expected",
            ignore=shutil.ignore_patterns("pagefind"),
        )
        return
    assert (case / "expected").is_dir(), "no expected/ yet: run pytest --update-golden"
    difference = tree_diff(tree(case / "expected"), actual)
    assert not difference, (
        f"{difference}\n(run pytest --update-golden if this is intended)"
    )


def test_a_second_build_is_identical(tmp_path: Path) -> None:
    site = copy_site(GOLDEN[0], tmp_path)
    assert run_build(site).returncode == 0
    first = tree(site / "output", bundle=True)
    assert any(name.startswith(BINARY_BUNDLE) for name in first)
    assert run_build(site).returncode == 0
    assert tree(site / "output", bundle=True) == first


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_site(case: Path, tmp_path: Path) -> None:
    site = copy_site(case, tmp_path)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    code = int(expected[0].removeprefix("exit "))
    result = run_build(site, "--strict")
    assert result.returncode == code, result.stderr
    for line in expected[1:]:
        assert line in result.stderr.splitlines(), result.stderr
    assert not (site / "output").exists(), "a strict build with errors writes nothing"
