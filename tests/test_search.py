"""Search: a Pagefind index in shards, re-indexed one by one, merged in Chromium."""

from __future__ import annotations

import functools
import gzip
import json
import random
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from site_builder.build import BuildReport, build
from site_builder.config import Config, load_config
from site_builder.model import Rendered
from site_builder.site import search_pages
from site_builder.write import search

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SYLLABLES = ("ka", "lo", "mi", "ten", "ur", "bas", "vel", "or", "pin", "das")


@pytest.fixture(autouse=True)
def _small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_pages, "SHARD_PAGES", 4)  # shards of 2 to 8
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(4))


def _site(root: Path, count: int, start: int = 0) -> dict[str, str]:
    """English stories ``start`` to ``count - 1``, a day apart, each with one word
    no other has: slug -> word."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text('title = "Search test"\n')
    words = {}
    for n in range(start, count):
        rng = random.Random(n)
        body = "\n\n".join(
            " ".join(_word(rng) for _ in range(14)).capitalize() + "." for _ in range(3)
        )
        words[f"s{n}"] = unique = f"zq{n}marker"
        (root / "content" / f"s{n}.md").write_text(
            f"---\ntitle: Story {_word(rng)} {n}\nslug: s{n}\nlang: en\n"
            f"date: 2026-03-{n + 1:02d}T08:00:00Z\n---\n{body} The {unique} word.\n"
        )
    return words


def test_cuts_give_every_path_one_run_of_half_to_twice_the_size() -> None:
    paths = [f"briefs/p{n}/index.html" for n in range(5000)]
    runs = search_pages.cut(paths, 50)
    assert [p for run in runs for p in run] == paths
    assert all(25 <= len(run) <= 100 for run in runs[:-1])
    assert 80 <= len(runs) <= 120


def test_shards_grow_by_doubling_past_the_most_a_language_has() -> None:
    sizes = [search_pages.shard_size(n) for n in (1, 4 * 32, 4 * 32 + 1, 4 * 200)]
    assert sizes == [4, 4, 8, 32]  # SHARD_PAGES is 4 here, MAX_SHARDS 32
    assert all(n / search_pages.shard_size(n) <= 32 for n in range(1, 5000, 7))


def test_an_added_or_removed_page_changes_its_own_run_and_rarely_the_next() -> None:
    paths = [f"briefs/p{n}/index.html" for n in range(3000)]
    runs = {tuple(run) for run in search_pages.cut(paths, 40)}
    rng = random.Random(0)
    changed = []
    for trial in range(200):
        at = rng.randrange(len(paths))
        if trial % 2:
            other = [*paths[:at], f"briefs/new{trial}/index.html", *paths[at:]]
        else:
            other = paths[:at] + paths[at + 1 :]
        changed.append(len(runs - {tuple(r) for r in search_pages.cut(other, 40)}))
    # Two runs when the page is itself a cut (1 in 20 here) or moves the next cut.
    assert max(changed) <= 4, changed
    assert changed.count(1) >= 160, changed


def test_an_archive_that_doubles_keeps_its_older_runs() -> None:
    paths = [f"briefs/p{n}/index.html" for n in range(4000)]
    runs = search_pages.cut(paths[:2000], 40)
    assert search_pages.cut(paths, 40)[: len(runs) - 1] == runs[:-1]


def _bundles(output: Path) -> dict[str, str]:
    """Each indexed page's URL -> the bundle that holds it (from its fragment)."""
    found = {}
    for fragment in (output / "pagefind").glob("*/fragment/*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes())[12:])
        found[data["url"].split("/briefs/")[1].split("/")[0]] = (
            fragment.parent.parent.name
        )
    return found


def _built(tmp_path: Path) -> tuple[Path, Config]:
    """A site of 14 stories, built once: its folder and config."""
    root = tmp_path / "site"
    _site(root, 14)
    config = load_config(root / "site.toml")
    assert build(config).ok
    return root, config


def _touched(report: BuildReport) -> set[str]:
    """The bundles whose files changed."""
    assert report.written is not None
    return {
        p.split("/")[1] for p in report.written.changed if p.startswith("pagefind/")
    }


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The bundles each build ran Pagefind on (a re-indexed shard whose pages read
    the same gives the same bytes: the files changed cannot tell)."""
    runs: list[set[str]] = []
    real = search.search_index

    def recording(config: Config, bundles: Any, read: Any) -> list[Rendered]:
        runs.append(set(bundles))
        return real(config, bundles, read)

    monkeypatch.setattr(search, "search_index", recording)
    return runs


def test_an_edit_reindexes_only_the_shard_of_its_page(
    tmp_path: Path, indexed: list[set[str]]
) -> None:
    root, config = _built(tmp_path)
    before = _bundles(root / "output")
    assert len(set(before.values())) >= 3, before
    story = root / "content" / "s5.md"
    story.write_text(story.read_text().replace("word.", "word, edited."))
    assert _touched(build(config)) == indexed[-1] == {before["s5"]}
    # A new headline rewrites the pages that link to the story, in parts Pagefind
    # does not read ("Newer", "Older"): the next story's shard stays as it is.
    last = max(n for n in range(13) if before[f"s{n}"] != before[f"s{n + 1}"])
    story = root / "content" / f"s{last}.md"
    story.write_text(story.read_text().replace("title: Story", "title: Tale"))
    report = build(config)
    assert report.written is not None
    assert f"briefs/s{last + 1}/index.html" in report.written.changed
    assert _touched(report) == indexed[-1] == {before[f"s{last}"]}


def test_a_new_article_reindexes_the_newest_shard_alone(
    tmp_path: Path, indexed: list[set[str]]
) -> None:
    root, config = _built(tmp_path)
    before = _bundles(root / "output")
    _site(root, 15, start=14)
    touched = _touched(build(config))
    after = _bundles(root / "output")
    assert touched == indexed[-1] == {after["s14"]}, touched
    assert {k: v for k, v in after.items() if k != "s14"} == before


def test_bundles_of_another_pagefind_are_all_reindexed(
    tmp_path: Path, indexed: list[set[str]]
) -> None:
    root, config = _built(tmp_path)
    bundles = set(_bundles(root / "output").values())
    for entry in (root / "output" / "pagefind").glob("*/pagefind-entry.json"):
        data = json.loads(entry.read_text())
        entry.write_text(json.dumps({**data, "version": "0.9.0"}))
    story = root / "content" / "s5.md"
    story.write_text(story.read_text().replace("word.", "word, edited."))
    assert build(config).ok
    # Merged bundles must come from one Pagefind: every shard is indexed again.
    assert indexed[-1] == bundles


def test_cached_builds_equal_cold_builds_after_edits_in_shards(tmp_path: Path) -> None:
    root, config = _built(tmp_path)
    content = root / "content"
    _site(root, 16, start=14)  # two new stories
    (content / "s3.md").unlink()
    moved = content / "s8.md"  # to another day, so to another shard
    moved.write_text(moved.read_text().replace("2026-03-09", "2026-03-30"))
    edited = content / "s11.md"
    edited.write_text(edited.read_text().replace("title: Story", "title: Tale"))
    assert build(config).ok
    cold = tmp_path / "cold"
    shutil.copytree(
        root, cold, ignore=shutil.ignore_patterns("output", ".site-builder")
    )
    assert build(load_config(cold / "site.toml"), use_cache=False).ok
    assert _tree(root / "output") == _tree(cold / "output")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
    }


def _serve(folder: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_the_search_page_finds_pages_of_every_shard(
    tmp_path: Path, browser: Browser
) -> None:
    root = tmp_path / "site"
    words = _site(root, 14)
    assert build(load_config(root / "site.toml")).ok
    assert len(set(_bundles(root / "output").values())) >= 3
    for url in _serve(root / "output"):
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, seen=errors: seen.append(str(error)))
        for slug, word in words.items():
            page.goto(f"{url}search/index.html?q={word}")
            page.wait_for_selector("#search-form[data-ready]")
            link = page.locator("#search-results .headline a").first
            link.wait_for()
            assert f"/{slug}/" in (link.get_attribute("href") or ""), word
        assert errors == []
        page.close()
