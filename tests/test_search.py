"""Search: a Pagefind index in shards, re-indexed one by one, merged in Chromium."""

from __future__ import annotations

import functools
import os
import random
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from site_builder.build import build
from site_builder.config import load_config
from site_builder.model import Page, PageContext
from site_builder.site import search_pages
from site_builder.write import search as search

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SYLLABLES = ("ka", "lo", "mi", "ten", "ur", "bas", "vel", "or", "pin", "das")


@pytest.fixture(autouse=True)
def _small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_pages, "SHARD_PAGES", 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(4))


def _site(root: Path, count: int) -> dict[str, str]:
    """``count`` English stories, each with one word no other has: slug -> word."""
    (root / "content").mkdir(parents=True)
    (root / "site.toml").write_text('title = "Search test"\n')
    words = {}
    for n in range(count):
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


def _pages(paths: list[str]) -> list[Page]:
    return [Page(p, "brief.html", "en", PageContext()) for p in paths]


def test_every_page_is_in_one_shard_and_keeps_it_until_the_count_doubles() -> None:
    paths = [f"briefs/s{n}/index.html" for n in range(7)]
    found = search_pages.shards(_pages(paths))
    assert sorted(p for shard in found.values() for p in shard) == sorted(paths)
    assert all(name == "en" or name.startswith("en.") for name in found)
    assert search_pages.shard_count(7) == 4
    grown = search_pages.shards(_pages([*paths, "briefs/s7/index.html"]))  # 8 pages: 4
    placed = {p: name for name, shard in found.items() for p in shard}
    assert all(
        placed[p] == name
        for name, shard in grown.items()
        for p in shard[:-1]
        if p in placed
    )


def test_an_edit_reindexes_only_its_shard(tmp_path: Path) -> None:
    root = tmp_path / "site"
    _site(root, 7)
    config = load_config(root / "site.toml")
    assert build(config).ok
    bundles = {p.name for p in (root / "output" / "pagefind").iterdir()}
    assert len(bundles) > 2, bundles
    story = root / "content" / "s3.md"
    story.write_text(story.read_text().replace("word.", "word, edited."))
    report = build(config)
    assert report.written is not None
    touched = {
        path.split("/")[1]
        for path in report.written.changed
        if path.startswith("pagefind/")
    }
    assert len(touched) == 1, touched


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
    words = _site(root, 7)
    assert build(load_config(root / "site.toml")).ok
    assert len(os.listdir(root / "output" / "pagefind")) > 2
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
