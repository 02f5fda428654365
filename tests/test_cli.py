"""The command line as a user runs it: new, build, exit codes, and the sample site."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = "000_b175daa874db6533.txt"


def site_builder(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "site_builder", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1764000000"},
    )


def test_new_creates_a_site_that_builds_at_once(tmp_path: Path) -> None:
    created = site_builder("new", "desk", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    site = tmp_path / "desk"
    assert sorted(p.name for p in site.iterdir()) == [
        "content",
        "site.toml",
        "templates",
    ]
    built = site_builder("build", "--strict", cwd=site)
    assert built.returncode == 0, built.stderr
    assert re.fullmatch(
        r"1 articles in 1 stories, 0 repeated passages removed, "
        r"\d+ pages \(\d+ changed\) "
        r"in \d+\.\d s\n",
        built.stdout,
    )
    assert (site / "output" / "index.html").is_file()
    again = site_builder("new", "desk", cwd=tmp_path)
    assert again.returncode == 1
    assert "a site already exists here" in again.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert site_builder("frobnicate", cwd=tmp_path).returncode == 2
    assert site_builder("build", "--no-such-flag", cwd=tmp_path).returncode == 2


def test_missing_content_folder_exits_1_with_a_hint(tmp_path: Path) -> None:
    result = site_builder("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "content folder not found; create it or pass --content DIR" in result.stderr


def test_a_broken_article_is_skipped_and_strict_fails(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "good.md").write_text(
        "---\ntitle: Good\n---\nFine text here.\n"
    )
    (tmp_path / "content" / "bad.md").write_text("---\ntitle: [oops\n---\nText.\n")
    relaxed = site_builder("build", cwd=tmp_path)
    assert relaxed.returncode == 0
    assert relaxed.stderr.startswith("content/bad.md:2: invalid YAML in front matter")
    assert "1 skipped" in relaxed.stdout
    strict = site_builder("build", "--strict", cwd=tmp_path)
    assert strict.returncode == 1


def test_all_articles_broken_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bad.md").write_bytes(b"\x00\x01")
    result = site_builder("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "nothing written" in result.stderr
    assert not (tmp_path / "output").exists()


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample site, built into a temporary output folder."""
    out = tmp_path_factory.mktemp("sample") / "output"
    result = site_builder("build", "--output", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr
    return out


def _seed_page(output: Path) -> Path:
    pages = [
        p
        for p in output.glob("briefs/*/index.html")
        if "Biden a soulevé" in p.read_text()
    ]
    seeds = [p for p in pages if '<html lang="fr">' in p.read_text()[:200]]
    assert seeds, "the seed's brief is missing"
    return seeds[0]


def test_sample_seed_page_shows_each_paragraph_once(sample_site: Path) -> None:
    html = _seed_page(sample_site).read_text()
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    body = html.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    paragraphs = (REPO / "content" / SEED).read_text(encoding="utf-8").split("\n")
    assert len(paragraphs) == 5, "the seed repeats paragraphs 2 and 3"
    for paragraph in paragraphs[:3]:
        start = paragraph[:60].replace("'", "&#39;").replace('"', "&#34;")
        assert body.count(start) == 1, start
    assert body.count("<p>") == 3


@pytest.mark.browser
def test_sample_site_in_chromium(sample_site: Path, browser: object) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    page = browser.new_page()
    page.goto((sample_site / "index.html").as_uri())
    links = page.locator("article.card h2 a, article.card h3 a")
    assert links.count() >= 6
    seed = _seed_page(sample_site)
    href = seed.relative_to(sample_site).as_posix()
    page.locator(f'a[href="{href}"]').first.click()
    assert page.evaluate("document.documentElement.lang") == "fr"
    body = page.locator(".body").inner_text()
    assert body.count("L'administration Biden a soulevé la question") == 1
    assert body.count("La même source a ajouté") == 1
    title = page.locator("h1").inner_text()
    assert 3 <= len(title.split()) <= 18
    assert not title.endswith((" de", " à", " la", " le", " des")), "not cut mid-phrase"
    page.close()


def test_the_wheel_carries_the_default_theme(tmp_path: Path) -> None:
    """An installed site-builder must build any folder: the theme ships in the wheel."""
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode != 0 and "hatchling" in built.stderr:
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "-w",
                str(tmp_path),
                str(REPO),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("site_builder-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        script = archive.read(points).decode()
    # The console script names a function that exists (README command 1 runs it).
    target = re.search(r"^site-builder = ([\w.]+):(\w+)$", script, re.MULTILINE)
    assert target, script
    module = importlib.import_module(target.group(1))
    assert callable(getattr(module, target.group(2)))
    assert "site_builder/serve/livereload.js" in names
    for name in (
        "base.html",
        "index.html",
        "brief.html",
        "404.html",
        "static/style.css",
    ):
        assert f"site_builder/theme/{name}" in names
