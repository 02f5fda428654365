"""Shared fixtures: the corpus path, --update-golden, and small site builders; the
run's last line says what was skipped and why."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[1]
# ../shared/corpus beside the repository; SITE_BUILDER_CORPUS names another place.
CORPUS = Path(
    os.environ.get("SITE_BUILDER_CORPUS") or REPO.parent / "shared" / "corpus"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/sites/*/expected/ from the current build",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """../shared/corpus, or skip when this machine does not have it."""
    if not (CORPUS / "manifest.json").is_file():
        pytest.skip(f"no dev corpus at {CORPUS} (see README, Development)")
    return CORPUS


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter,
) -> Iterator[None]:
    """After pytest's own summary, one line: how many tests were skipped, and why.

    A skip is easy to miss among hundreds of dots (the corpus tests skip when the
    corpus is absent); this line names each reason with its count, or says none.
    """
    yield
    reasons: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    total = sum(reasons.values())
    if not total:
        terminalreporter.write_line("skipped: none")
        return
    told = "; ".join(
        reason if len(reasons) == 1 else f"{reason} ({count})"
        for reason, count in sorted(reasons.items())
    )
    tests = "1 test" if total == 1 else f"{total} tests"
    terminalreporter.write_line(f"skipped {tests}: {told}")


def write_site(root: Path, files: dict[str, str | bytes], toml: str = "") -> Path:
    """A site folder with ``site.toml`` and ``content/`` files; returns ``root``."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(toml, encoding="utf-8")
    for name, data in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Debian Chromium for the whole session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: run scripts/check, which installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
