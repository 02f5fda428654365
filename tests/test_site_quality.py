"""The built site checked with real tools: vnu, axe-core, links, feeds, sitemap, a walk.

The sample site (the repository's content/ and site.toml) is built once per session,
served from a sub-folder by a stdlib HTTP server, and checked by the Nu HTML Checker
(one JVM for every page), axe-core in Chromium, a link and fragment checker, the
sitemaps.org XSD and the feeds' required elements.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPO
from lxml import etree
from test_sites import run_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

TOOLS = REPO / "tests" / "tools" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"
SITEMAP_XSD = TOOLS / "sitemap" / "schema" / "sitemap.xsd"
ATOM = "{http://www.w3.org/2005/Atom}"
SUB = "briefing"  # the site is served from /briefing/, not from the root
# An old URL of the sample's French story: its syndicated copy's file name.
REDIRECT = "briefs/001-drones-iran-syndication/index.html"


def build_into(tmp: Path, content: Path, toml: str) -> Path:
    site = tmp / SUB
    site.mkdir()
    shutil.copytree(content, site / "content")
    (site / "site.toml").write_text(toml, encoding="utf-8")
    result = run_build(site)
    assert result.returncode == 0, result.stderr
    return site / "output"


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample site, built: its output/ folder."""
    toml = (REPO / "site.toml").read_text(encoding="utf-8")
    return build_into(tmp_path_factory.mktemp("sample"), REPO / "content", toml)


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)


def vnu_errors(pages: list[Path]) -> list[str]:
    """Every error the Nu HTML Checker finds, in one JVM run."""
    if shutil.which("java") is None or not VNU.is_file():
        pytest.fail("java or vnu-jar is missing: run scripts/test-tools.sh")
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json"]
        + [str(p) for p in pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]


@pytest.fixture(scope="session")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site two briefs a page: every list has pages 2, 3..."""
    toml = (REPO / "site.toml").read_text(encoding="utf-8") + "per_page = 2\n"
    return build_into(tmp_path_factory.mktemp("paged"), REPO / "content", toml)


@pytest.fixture(scope="session")
def sample_vnu(sample: Path, paged: Path) -> list[str]:
    """The checker's errors on every page of the sample, and of it paginated (one
    JVM for both)."""
    return vnu_errors(html_pages(sample) + html_pages(paged))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        del format, args


def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def served(sample: Path) -> Iterator[str]:
    """The sample site at http://127.0.0.1:PORT/briefing/output/ (a sub-folder)."""
    for root in serve(sample.parent.parent):
        yield f"{root}{SUB}/output/"


@pytest.fixture(scope="session")
def served_at_root(sample: Path) -> Iterator[str]:
    """The sample site at the root, where its base_url puts it (for the 404 page)."""
    yield from serve(sample)


def test_every_page_passes_the_nu_html_checker(
    sample_vnu: list[str], paged: Path
) -> None:
    assert sample_vnu == [], "\n".join(sample_vnu)
    kinds = {"page/2/index.html", "languages/fr/page/2/index.html", REDIRECT}
    assert all((paged / kind).is_file() for kind in kinds)


@pytest.mark.corpus
def test_the_corpus_site_passes_the_nu_html_checker(
    corpus: Path, tmp_path: Path
) -> None:
    toml = 'title = "Corpus"\nbase_url = "https://corpus.example/"\nsearch = false\n'
    output = build_into(tmp_path, corpus / "articles", toml)
    errors = vnu_errors(html_pages(output))
    assert errors == [], "\n".join(errors)


# -- links ---------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) and tag != "form":
                self.links.append(str(values[name]))


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(output: Path) -> list[str]:
    """Internal links whose file or fragment does not exist (relative URL mode)."""
    parsed = {page: parse(page) for page in html_pages(output)}
    broken = []
    for page, found in parsed.items():
        if page.name == "404.html":
            continue  # root-relative on purpose: checked on a served site
        for link in found.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = (
                (page.parent / unquote(parts.path)).resolve() if parts.path else page
            )
            if not target.is_file():
                broken.append(f"{page.relative_to(output)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed.get(target) or parse(target)
                if parts.fragment not in ids.ids:
                    broken.append(f"{page.relative_to(output)}: {link} (fragment)")
    return broken


def test_every_internal_link_and_fragment_resolves(sample: Path) -> None:
    assert broken_links(sample) == []
    assert len(html_pages(sample)) >= 30


def test_the_link_checker_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<a href="gone/index.html">x</a><a href="#nowhere">y</a><p id="here"></p>'
    )
    assert len(broken_links(tmp_path)) == 2


# -- feeds and sitemap -------------------------------------------------------------


def test_atom_feeds_carry_their_required_elements(sample: Path) -> None:
    feeds = sorted(sample.rglob("atom.xml"))
    assert len(feeds) > 3
    for path in feeds:
        feed = etree.parse(str(path)).getroot()
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated", "author"):
            assert feed.find(f"{ATOM}{name}") is not None, (path, name)
        assert feed.find(f"{ATOM}link[@rel='self']") is not None
        entries = feed.findall(f"{ATOM}entry")
        assert entries, path
        for entry in entries:
            for name in ("id", "title", "updated", "summary", "content"):
                assert (entry.findtext(f"{ATOM}{name}") or "").strip(), (path, name)
            alternate = entry.find(f"{ATOM}link[@rel='alternate']")
            assert alternate is not None
            assert alternate.get("href", "").startswith("https://briefing.example/")


def test_feed_items_carry_every_source_link_of_their_story(sample: Path) -> None:
    feed = etree.parse(str(sample / "feeds" / "atom.xml")).getroot()
    related = {
        link.get("href")
        for link in feed.iter(f"{ATOM}link")
        if link.get("rel") == "related"
    }
    expected = {
        line.split(":", 1)[1].strip()
        for path in (REPO / "content").glob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("source_url:")
    }
    assert expected <= related
    rss = etree.parse(str(sample / "feeds" / "rss.xml")).getroot()
    descriptions = " ".join(i.findtext("description") or "" for i in rss.iter("item"))
    assert all(url in descriptions for url in expected)


def test_rss_feeds_carry_their_required_elements(sample: Path) -> None:
    for path in sorted(sample.rglob("rss.xml")):
        channel = etree.parse(str(path)).getroot().find("channel")
        assert channel is not None
        for name in ("title", "link", "description"):
            assert (channel.findtext(name) or "").strip(), (path, name)
        for item in channel.iter("item"):
            for name in ("title", "link", "guid", "description"):
                assert (item.findtext(name) or "").strip(), (path, name)
            # RSS items may have no date: an undated brief has none (never today's)
            if item.find("pubDate") is not None:
                assert parsedate_to_datetime(item.findtext("pubDate") or "")


def test_json_feeds_follow_json_feed_1_1(sample: Path) -> None:
    for path in sorted(sample.rglob("feed.json")):
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["title"]
        assert feed["feed_url"].endswith("/feed.json")
        ids = [item["id"] for item in feed["items"]]
        assert len(ids) == len(set(ids)) > 0
        for item in feed["items"]:
            assert item["content_html"]
            assert item["url"]
            if "date_published" in item:  # optional: an undated brief has none
                assert datetime.fromisoformat(item["date_published"]).tzinfo
            assert all(
                source["url"] in item["content_html"] for source in item["_sources"]
            )


def test_the_sitemap_validates_against_the_sitemaps_org_schema(sample: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))
    sitemap = etree.parse(str(sample / "sitemap.xml"))
    assert schema.validate(sitemap), schema.error_log
    locs = [e.text for e in sitemap.iter("{*}loc")]
    assert "https://briefing.example/" in locs
    assert not any(loc and loc.endswith("404.html") for loc in locs)
    robots = (sample / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://briefing.example/sitemap.xml" in robots


def test_a_story_page_weighs_under_50_kb(sample: Path) -> None:
    css = (sample / "static" / "style.css").stat().st_size
    for page in (sample / "briefs").glob("*/index.html"):
        assert page.stat().st_size + css < 50_000, page


# -- in Chromium -----------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def first_story(sample: Path, lang: str) -> str:
    for page in sorted((sample / "briefs").glob("*/index.html")):
        if f'<html lang="{lang}">' in page.read_text(encoding="utf-8"):
            return page.relative_to(sample).as_posix()
    raise AssertionError(f"no {lang} story")


def axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))",
        AXE_TAGS,
    )
    return list(found)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_key_pages_have_no_axe_violations(
    browser: Browser, served: str, served_at_root: str, sample: Path, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    paths = [
        "index.html",
        first_story(sample, "en"),
        first_story(sample, "fr"),
        "topics/iran/index.html",
        "editions/index.html",
        sorted((sample / "editions").glob("2*/index.html"))[-1]
        .relative_to(sample)
        .as_posix(),
        "search/index.html",
        "search/fr/index.html",
        "no/such/page/",
    ]
    # A server answers any missing path with 404.html: its links are root-relative,
    # so it is served where base_url says.
    urls = {
        path: served_at_root + "404.html" if path == "no/such/page/" else served + path
        for path in paths
    }
    problems = axe_problems(page, urls)
    context.close()
    assert problems == {}


def axe_problems(page: Page, urls: dict[str, str]) -> dict[str, list[str]]:
    """axe's violations on each page (name -> URL) that has any; each has one h1."""
    problems = {}
    for name, url in urls.items():
        page.goto(url)
        assert page.locator("h1").count() == 1, name
        found = axe_violations(page)
        if found:
            problems[name] = found
    return problems


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "start", "query", "expected"),
    [
        ("en", "index.html", "plastic", "Deep-sea microbe"),
        ("fr", "languages/fr/index.html", "budget", "Montclarin"),
    ],
)
def test_walk_home_story_topic_search_result(
    browser: Browser, served: str, lang: str, start: str, query: str, expected: str
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served + start)
    assert page.locator("html").get_attribute("lang") == lang
    # A card in the page's language whose story has a topic page.
    page.locator("article.card:not([lang]):has(.topics a) .headline a").first.click()
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    page.locator("article.story .topics a").first.click()
    assert "/topics/" in page.url
    # a topic several languages share ("Iran") speaks the language most of its
    # briefs are in: the walk goes on in the topic page's language
    shown = page.locator("html").get_attribute("lang")
    page.locator(
        ".sections a", has_text="Recherche" if shown == "fr" else "Search"
    ).click()
    page.wait_for_selector("#search-form[data-ready]")
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    result = page.locator("#search-results .headline a", has_text=expected).first
    result.wait_for()
    result.click()
    page.wait_for_url("**/briefs/**")
    assert expected in page.locator("h1").inner_text()
    assert errors == []
    page.close()


@pytest.mark.browser
def test_search_filters_by_language_and_answers_both_languages(
    browser: Browser, served: str
) -> None:
    page = browser.new_page()
    page.goto(served + "search/index.html?q=iran")
    page.wait_for_selector("#search-form[data-ready]")
    page.locator("#search-results article").first.wait_for()
    langs = set(
        page.locator("#search-results article").evaluate_all(
            "cards => cards.map(c => c.lang || document.documentElement.lang)"
        )
    )
    assert langs == {"en", "fr"}
    page.select_option("#search-language", "fr")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#search-results article')]"
        ".every(c => c.lang === 'fr')"
    )
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_home_and_story_fit_phone_and_desktop(
    browser: Browser,
    served: str,
    sample: Path,
    tmp_path: Path,
    scheme: str,
    width: int,
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 800}, color_scheme=scheme
    )
    page = context.new_page()
    for name, path in (("home", "index.html"), ("story", first_story(sample, "fr"))):
        page.goto(served + path)
        # No sideways scrolling at any width, and the palette follows the scheme.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        dark = sum(int(c) for c in background[4:-1].split(",")[:3]) < 200
        assert dark == (scheme == "dark")
        page.screenshot(path=str(tmp_path / f"{name}-{width}-{scheme}.png"))
    context.close()


# -- issue #21: pages, search, favicon and layout as a reader meets them ----------


@pytest.fixture(scope="session")
def served_paged(paged: Path) -> Iterator[str]:
    for root in serve(paged.parent.parent):
        yield f"{root}{SUB}/output/"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_later_pages_and_redirects_have_no_axe_violations(
    browser: Browser, served_paged: str, paged: Path, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    # The redirect page is checked where it stands with its refresh taken out: it
    # would leave before axe runs (a zero delay is what axe's meta-refresh allows).
    html = (paged / REDIRECT).read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=' in html
    still = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", html)
    context.route(
        served_paged + REDIRECT,
        lambda route: route.fulfill(body=still, content_type="text/html"),
    )
    page = context.new_page()
    paths = ["page/2/index.html", "languages/fr/page/2/index.html", REDIRECT]
    paths += [
        found.relative_to(paged).as_posix()
        for found in sorted(paged.glob("*/*/page/2/index.html"))[:2]
    ]
    problems = axe_problems(page, {path: served_paged + path for path in paths})
    context.close()
    assert problems == {}


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "count", "meta", "other", "button"),
    [
        # "7 décembre 2026", "Anglais"; never "English" on a French page
        (
            "search/fr/index.html",
            r"\d+[ \u202f]résultats?",
            r"\d{1,2} [a-zéû]+ \d{4}",
            "Anglais",
            "Rechercher",
        ),
        # "7 December 2026" as the site writes dates, not "December 7, 2026"
        (
            "search/index.html",
            r"\d+ results?",
            r"\d{1,2} [A-Z][a-z]+ \d{4}",
            "French",
            "Search",
        ),
    ],
)
def test_search_counts_names_and_dates_read_as_the_page_does(
    browser: Browser,
    served: str,
    path: str,
    count: str,
    meta: str,
    other: str,
    button: str,
) -> None:
    page = browser.new_page()
    page.goto(served + path + "?q=iran")
    page.wait_for_selector("#search-form[data-ready]")
    page.locator("#search-results article").first.wait_for()
    status = page.locator("#search-status").inner_text()
    assert re.fullmatch(count, status), status  # not "1result", "2résultats"
    metas = page.locator("#search-results .meta").all_inner_texts()
    assert all(re.fullmatch(rf"[A-Z][a-zç]+ · {meta}", m) for m in metas), metas
    assert any(m.startswith(other) for m in metas), metas
    summaries = page.locator("#search-results .summary").all_inner_texts()
    assert summaries
    assert all(len(text) <= 121 for text in summaries), summaries  # as cards are
    assert page.locator("#search-form button").inner_text() == button
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("search/index.html", "Search needs a web server"),
        ("search/fr/index.html", "La recherche a besoin d’un serveur web"),
    ],
)
def test_search_opened_from_disk_says_how_to_serve_the_site(
    browser: Browser, sample: Path, path: str, words: str
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    assert not page.locator("#search-offline").is_visible()
    page.goto((sample / path).as_uri())
    notice = page.locator("#search-offline")
    notice.wait_for(state="visible")
    text = notice.inner_text()
    assert words in text
    assert "site-builder serve" in text
    assert "python3 -m http.server --directory output" in text
    assert errors == []
    page.close()


@pytest.mark.browser
def test_no_page_load_asks_for_a_missing_file(
    browser: Browser, served_at_root: str, sample: Path
) -> None:
    """Every first page load asked for /favicon.ico and got a 404."""
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for path in ("index.html", first_story(sample, "fr"), "search/index.html"):
        page.goto(served_at_root + path, wait_until="networkidle")
        for icon in page.locator('link[rel="icon"]').evaluate_all(
            "links => links.map(link => link.href)"
        ):
            assert page.request.get(icon).status == 200, icon
    assert failed == []
    root_icon = page.request.get(served_at_root + "favicon.ico")
    assert root_icon.status == 200
    assert root_icon.body()[:4] == b"\x00\x00\x01\x00"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_footer_lines_up_with_the_main_column(
    browser: Browser, served: str, sample: Path, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ("index.html", first_story(sample, "en"), "topics/index.html"):
        page.goto(served + path)
        boxes = [page.locator(name).bounding_box() for name in ("main", "footer")]
        main, footer = (box for box in boxes if box is not None)
        assert abs(main["x"] - footer["x"]) < 1, (path, main, footer)
        assert abs(main["width"] - footer["width"]) < 1, (path, main, footer)
    context.close()
