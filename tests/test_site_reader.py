"""The site as a reader sees it in Chromium (issue #21): a retitled story keeps its
page while serving, old URLs lead on, pages follow one by one, German pages speak
German. Search, favicon, layout and the checkers are in test_site_quality.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import write_site
from site_pages import GERMAN, build_here, fixed_epoch, many_briefs_site, story
from test_site_pages import english_words, shown
from test_site_quality import serve

from site_builder.config import load_config
from site_builder.serve.server import DevServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 English briefs and four other languages, 6 a page: its output/."""
    root = many_briefs_site(tmp_path_factory.mktemp("paged"), 40, "per_page = 6\n")
    build_here(root)
    return root / "output"


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_a_story_retitled_while_serving_keeps_its_page(
    tmp_path: Path, tab: Page
) -> None:
    """The editor fixes a headline with the story open: the page shows the new
    headline, then the full rebuild lands, and the page is still there."""
    from playwright.sync_api import expect

    files = {"laura-ashley.md": story("ashley"), "other.md": story("other", hours=1)}
    site = write_site(tmp_path / "site", files, 'title = "Desk"\nsearch = false\n')
    with fixed_epoch(), DevServer(load_config(site / "site.toml"), port=0) as server:
        builds = server.rebuilder.builds
        tab.goto(server.url + "briefs/laura-ashley/")
        expect(tab.locator("h1")).to_have_text("Story ashley")
        path = site / "content" / "laura-ashley.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Story ashley", "Chief executive resigns"))
        expect(tab.locator("h1")).to_have_text("Chief executive resigns")
        deadline = 200
        while server.rebuilder.builds <= builds and deadline:  # the full rebuild
            tab.wait_for_timeout(100)
            deadline -= 1
        assert server.rebuilder.builds > builds, "no full rebuild after the edit"
        tab.wait_for_timeout(2000)  # what used to turn into "Page not found"
        tab.reload()
        expect(tab.locator("h1")).to_have_text("Chief executive resigns")
        assert tab.url == server.url + "briefs/laura-ashley/"


@pytest.mark.browser
def test_an_old_url_leads_to_the_story(tmp_path: Path, tab: Page) -> None:
    text = story("ferry", slug="ferry-strike-ends", aliases="[/2025/ferry.html]")
    site = write_site(tmp_path, {"ferry.md": text}, "search = false\n")
    build_here(site)
    output = site / "output"
    for old in ("briefs/ferry/index.html", "2025/ferry.html"):
        tab.goto((output / old).as_uri())
        tab.wait_for_url("**/briefs/ferry-strike-ends/index.html")
        assert tab.locator("h1").inner_text() == "Story ferry"


@pytest.mark.browser
def test_a_reader_pages_through_the_home_and_a_language(paged: Path, tab: Page) -> None:
    tab.goto((paged / "index.html").as_uri())
    seen: list[str] = []
    number = 1
    while True:
        headlines = tab.locator("article.card .headline a").all_inner_texts()
        assert 0 < len(headlines) <= 6
        seen += headlines
        assert tab.locator("h1").count() == 1
        older = tab.locator('nav.pager a[rel="next"]')
        if not older.count() or number > 20:
            break
        assert tab.locator('link[rel="next"]').get_attribute("href") == (
            older.get_attribute("href")
        )
        older.click()
        number += 1
        tab.wait_for_url(f"**/page/{number}/index.html")
        assert tab.locator('link[rel="prev"]').count() == 1
    assert len(seen) == len(set(seen)) == 55  # every brief once, in 10 pages
    assert tab.locator(".pager").inner_text().count("Page 10 of 10") == 1
    tab.goto((paged / "languages" / "fr" / "index.html").as_uri())
    tab.locator('nav.pager a[rel="next"]').click()
    assert "Plus anciennes" not in tab.locator(".pager").inner_text()
    assert "Plus récentes" in tab.locator(".pager").inner_text()
    assert "Page 2 sur 2" in tab.locator(".pager").inner_text()


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["briefs/de-faehre/index.html", "languages/de/index.html"]
)
def test_a_german_reader_sees_no_english_interface_word(
    paged: Path, tab: Page, path: str
) -> None:
    tab.goto((paged / path).as_uri())
    text = tab.locator("body").inner_text()
    assert shown(english_words(), text) == []
    assert re.search(r"\b2\. März 2026\b", text)
    assert not re.search(r"\b(March|Monday|min read|sources?)\b", text)


@pytest.mark.browser
def test_a_german_story_page_in_a_site_whose_default_is_english(
    tmp_path: Path, tab: Page
) -> None:
    site = write_site(
        tmp_path, {"de.md": GERMAN, "en.md": story("e")}, "search = false\n"
    )
    build_here(site)
    tab.goto((site / "output" / "briefs" / "de" / "index.html").as_uri())
    assert tab.locator("html").get_attribute("lang") == "de"
    assert tab.locator("#key-points").text_content() == "Das Wichtigste"
    assert tab.locator(".sources h2").inner_text() == "Quellen"
    assert tab.locator(".sections").inner_text().split("\n")[:3] == [
        "Ausgaben",
        "Themen",
        "Medien",
    ]


@pytest.mark.browser
def test_a_story_in_a_language_without_a_catalog_is_found_by_search(
    tmp_path: Path, tab: Page
) -> None:
    """Its page speaks the default interface (<html lang="en">); its search bundle
    is still indexed as its own language, and the search page finds it."""
    portuguese = GERMAN.replace("lang: de", "lang: pt")
    site = write_site(tmp_path, {"pt.md": portuguese, "en.md": story("e")}, "")
    build_here(site)
    html = (site / "output" / "briefs" / "pt" / "index.html").read_text()
    assert '<html lang="en">' in html
    entry = json.loads(
        (site / "output" / "pagefind" / "pt" / "pagefind-entry.json").read_text()
    )
    assert set(entry["languages"]) == {"pt"}  # Portuguese stemming, not English
    for root in serve(site / "output"):
        tab.goto(root + "search/index.html?q=Kellbach")
        tab.wait_for_selector("#search-form[data-ready]")
        result = tab.locator("#search-results article").first
        result.wait_for()
        assert result.get_attribute("lang") == "pt"
        assert "Portuguese" in result.locator(".meta").inner_text()
