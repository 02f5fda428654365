"""The site's pages as built (issue #21): every listing paginated under a budget,
short cards, redirects at old URLs, one interface language per page, catalogs that
translators can edit, a favicon.

The same points in a browser are in test_site_reader.py.
"""

from __future__ import annotations

import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import REPO, write_site
from site_pages import GERMAN, build_here, many_briefs_site, prose, story

from site_builder.site.naming import path_slug

LOCALE = REPO / "templates" / "locale"
LANGUAGES = sorted(path.name for path in LOCALE.iterdir() if path.is_dir())
BUDGET = 100_000  # bytes of HTML of any list page, at any size of the site
PER_PAGE = 20


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of 150 English briefs of one day (and 15 in four other languages),
    each with a long summary and eight key points: its output/."""
    root = many_briefs_site(tmp_path_factory.mktemp("many"), 150)
    report = build_here(root)
    assert report.stories == 165, "dedup merged made-up stories"
    return root / "output"


def listing_pages(output: Path) -> list[Path]:
    """Every page of the home, languages, topics, outlets and editions."""
    found = [output / "index.html", *output.glob("page/*/index.html")]
    for folder in ("languages", "topics", "sources", "editions"):
        found += output.glob(f"{folder}/*/index.html")
        found += output.glob(f"{folder}/*/page/*/index.html")
    return sorted(found)


def cards(page: Path) -> int:
    return page.read_text(encoding="utf-8").count('<article class="card"')


def test_every_listing_is_paginated_under_the_budget(many: Path) -> None:
    pages = listing_pages(many)
    assert len(pages) > 20
    heavy = {p.relative_to(many).as_posix(): p.stat().st_size for p in pages}
    assert {path: size for path, size in heavy.items() if size >= BUDGET} == {}
    # Home 9 pages (165 briefs), English 8, topic 9, outlet 8: never a whole day.
    assert cards(many / "index.html") == PER_PAGE
    assert cards(many / "page" / "9" / "index.html") == 165 - 8 * PER_PAGE
    assert cards(many / "languages" / "en" / "page" / "8" / "index.html") == 10
    assert cards(many / "topics" / "shared-topic" / "page" / "8" / "index.html")
    assert cards(many / "sources" / "common-wire" / "page" / "8" / "index.html")
    assert cards(many / "editions" / "2026-03-02" / "page" / "9" / "index.html")
    assert (many / "index.html").stat().st_size < 30_000


def test_list_pages_link_their_neighbours_with_rel_prev_and_next(many: Path) -> None:
    second = (many / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="prev" href="../../index.html">' in second
    assert '<link rel="next" href="../../page/3/index.html">' in second
    first = (many / "index.html").read_text(encoding="utf-8")
    assert '<link rel="next" href="page/2/index.html">' in first
    assert 'rel="prev"' not in first
    last = (many / "page" / "9" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="next"' not in last


def test_a_day_cut_by_a_page_break_goes_on_under_its_heading(many: Path) -> None:
    first = (many / "index.html").read_text(encoding="utf-8")
    second = (many / "page" / "2" / "index.html").read_text(encoding="utf-8")
    heading = "Monday 2 March 2026"
    assert heading in first
    assert heading in second
    assert "165 stories</p>" in first  # the whole day's count, on every page
    assert "165 stories · continued</p>" in second
    assert "<h1" in second  # each page has its one h1


class _Cards(HTMLParser):
    """Each card's summary and whether it lists key points."""

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[str] = []
        self.points = 0
        self._in_summary = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        self._in_summary = tag == "p" and classes == "summary"
        if classes == "summary" and tag == "p":
            self.summaries.append("")
        self.points += tag == "ul" and "points" in classes

    def handle_endtag(self, tag: str) -> None:
        self._in_summary = False

    def handle_data(self, data: str) -> None:
        if self._in_summary:
            self.summaries[-1] += data


def test_cards_are_short_a_headline_one_line_and_the_meta(many: Path) -> None:
    parser = _Cards()
    parser.feed((many / "index.html").read_text(encoding="utf-8"))
    assert len(parser.summaries) == PER_PAGE
    assert parser.points == 0  # key points are for the story page
    assert all(len(text) <= 121 for text in parser.summaries), parser.summaries
    assert all(text.endswith(("…", ".")) for text in parser.summaries)


# -- URLs and redirects --------------------------------------------------------------


def test_a_retitled_story_keeps_its_url_and_an_editor_slug_leaves_a_redirect(
    tmp_path: Path,
) -> None:
    site = write_site(tmp_path, {"ferry.md": story("ferry")}, "search = false\n")
    build_here(site)
    page = site / "output" / "briefs" / "ferry" / "index.html"
    assert "Story ferry" in page.read_text(encoding="utf-8")
    text = (site / "content" / "ferry.md").read_text(encoding="utf-8")
    retitled = text.replace("title: Story ferry", "title: Ferry crews end strike")
    (site / "content" / "ferry.md").write_text(retitled, encoding="utf-8")
    build_here(site)
    assert "Ferry crews end strike" in page.read_text(encoding="utf-8")
    assert sorted(p.name for p in (site / "output" / "briefs").iterdir()) == ["ferry"]
    # The editor gives it a slug: the old URL leads to the new one.
    (site / "content" / "ferry.md").write_text(
        retitled.replace("lang: en", "lang: en\nslug: ferry-strike-ends"),
        encoding="utf-8",
    )
    build_here(site)
    old = page.read_text(encoding="utf-8")
    assert (
        '<meta http-equiv="refresh" content="0; url=../../briefs/ferry-strike-ends/'
        'index.html">' in old
    )
    assert "/briefs/ferry-strike-ends/" in old  # rel=canonical
    sitemap = (site / "output" / "sitemap.xml").read_text(encoding="utf-8")
    assert "/briefs/ferry/" not in sitemap
    assert "/briefs/ferry-strike-ends/" in sitemap


# -- interface languages -------------------------------------------------------------


def english_words() -> set[str]:
    """The English interface strings (their fixed words, placeholders out) that
    a translation changes: none may show on a page in another language."""
    with (LOCALE / "de" / "LC_MESSAGES" / "messages.po").open("rb") as data:
        catalog = read_po(data)
    found = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else ()
        if not message.id or (message.string == message.id) or ids[0] in strings:
            continue
        for text in ids:
            found |= {
                part.strip(" .:")
                for part in re.split(r"%\(\w+\)s|“|”", text)
                if len(part.strip(" .:")) > 3
            }
    return found


def shown(words: set[str], text: str) -> list[str]:
    """The ``words`` that stand as words in ``text``."""
    return sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", text))


def visible_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_a_german_page_speaks_german_only(many: Path) -> None:
    page = many / "briefs" / "de-faehre" / "index.html"
    text = visible_text(page)
    assert '<html lang="de">' in page.read_text(encoding="utf-8")
    words = english_words()
    assert {"Key points", "Related stories", "Unknown outlet", "min read"} <= words
    assert shown(words, text) == []
    assert "Das Wichtigste" in text
    assert "1 Quelle" in text
    assert "2. März 2026" in text  # and dates in German
    listing = visible_text(many / "languages" / "de" / "index.html")
    assert shown(words, listing) == []
    assert "Montag, 2. März 2026" in listing


@pytest.mark.parametrize(
    ("path", "lang", "words"),
    [
        ("briefs/es-biblioteca/index.html", "es", ("Puntos clave", "1 fuente")),
        ("briefs/it-piazza/index.html", "it", ("Punti chiave", "1 fonte")),
        ("briefs/fr-000/index.html", "fr", ("L’essentiel", "Lecture\u202f: 2 min")),
    ],
)
def test_spanish_italian_and_french_pages_speak_their_language(
    many: Path, path: str, lang: str, words: tuple[str, ...]
) -> None:
    html = (many / path).read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    for word in words:
        assert word in html


def test_a_language_without_a_catalog_gets_the_default_interface(
    tmp_path: Path,
) -> None:
    portuguese = GERMAN.replace("lang: de", "lang: pt")
    site = write_site(
        tmp_path,
        {"pt-balsa.md": portuguese, "en.md": story("e")},
        'search = false\ndefault_language = "fr"\n',
    )
    build_here(site)
    html = (site / "output" / "briefs" / "pt-balsa" / "index.html").read_text()
    assert '<html lang="fr">' in html  # the interface's language
    assert '<h1 lang="pt">' in html  # the story's
    assert "L’essentiel" in html
    assert '<p class="lede" lang="pt"' in html


def test_a_site_brings_its_own_catalog_for_a_language_the_theme_lacks(
    tmp_path: Path,
) -> None:
    portuguese = GERMAN.replace("lang: de", "lang: pt")
    site = write_site(tmp_path, {"pt.md": portuguese}, "search = false\n")
    catalog = Catalog(locale="pt")
    catalog.add("Key points", "Pontos principais")
    catalog.add(
        ("%(num)s source", "%(num)s sources"), ("%(num)s fonte", "%(num)s fontes")
    )
    folder = site / "templates" / "locale" / "pt" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as data:
        write_mo(data, catalog)
    build_here(site)
    html = (site / "output" / "briefs" / "pt" / "index.html").read_text()
    assert '<html lang="pt">' in html
    assert "Pontos principais" in html
    assert "1 fonte" in html
    assert "Sources" in html  # what it does not translate stays in English


def test_every_catalog_is_compiled_complete_and_in_step_with_the_templates() -> None:
    """pybabel extract/update/compile were run: each .po has every string the
    templates mark, each translated, and its committed .mo is what it compiles to."""
    method_map = [("templates/**.html", "jinja2")]
    marked = {
        (context, msgid if isinstance(msgid, str) else msgid[0])
        for _path, _line, msgid, _comments, context in extract_from_dir(
            str(REPO), method_map
        )
    }
    assert len(marked) > 50
    assert {"de", "es", "fr", "it"} <= set(LANGUAGES)
    for lang in LANGUAGES:
        folder = LOCALE / lang / "LC_MESSAGES"
        with (folder / "messages.po").open("rb") as data:
            catalog = read_po(data, locale=lang)
        ids = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0])
            for m in catalog
            if m.id
        }
        assert ids == marked, (lang, marked ^ ids)
        untranslated = [
            m.id
            for m in catalog
            if m.id
            and (
                m.fuzzy
                or not all(m.string if isinstance(m.string, tuple) else [m.string])
            )
        ]
        assert untranslated == [], lang
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        assert compiled.getvalue() == (folder / "messages.mo").read_bytes(), (
            f"{lang}: run pybabel compile -d templates/locale"
        )


# -- favicon -------------------------------------------------------------------------


def test_the_favicon_ships_and_a_site_static_folder_overrides_it(
    tmp_path: Path, many: Path
) -> None:
    theme = REPO / "templates" / "static"
    assert (many / "favicon.ico").read_bytes() == (theme / "favicon.ico").read_bytes()
    assert (many / "static" / "favicon.svg").is_file()
    assert (theme / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # ICO
    site = write_site(tmp_path, {"a.md": story("a")}, "search = false\n")
    (site / "static").mkdir()
    (site / "static" / "favicon.ico").write_bytes(b"\x00\x00\x01\x00own")
    (site / "static" / "favicon.svg").write_text("<svg/>")
    build_here(site)
    assert (site / "output" / "favicon.ico").read_bytes() == b"\x00\x00\x01\x00own"
    assert (site / "output" / "static" / "favicon.svg").read_text() == "<svg/>"
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="static/favicon.svg" type="image/svg+xml">' in home


def test_prose_gives_each_story_its_own_words() -> None:
    assert set(prose("a", 3).split()) & set(prose("b", 3).split()) <= {"The", "today."}


@pytest.mark.corpus
def test_the_corpus_site_is_light_speaks_german_and_keeps_its_urls(
    corpus: Path, tmp_path: Path
) -> None:
    """The dev corpus (361 articles, 234 of them on one day when built): home and
    language pages under the budget, German pages in German, a retitled article
    at its URL."""
    site = tmp_path / "corpus"
    shutil.copytree(corpus / "articles", site / "content")
    (site / "site.toml").write_text('title = "Corpus"\nsearch = false\n')
    build_here(site)
    output = site / "output"
    fronts = [output / "index.html", *output.glob("languages/*/index.html")]
    sizes = {p.relative_to(output).as_posix(): p.stat().st_size for p in fronts}
    assert len(sizes) == 4
    assert max(sizes.values()) < BUDGET, sizes
    german = [
        page
        for page in output.glob("briefs/*/index.html")
        if '<html lang="de">' in page.read_text(encoding="utf-8")
        and 'http-equiv="refresh"' not in page.read_text(encoding="utf-8")
    ]
    assert len(german) >= 5
    words = english_words()
    for page in [*german, output / "languages" / "de" / "index.html"]:
        assert shown(words, visible_text(page)) == [], page
    # A story page of its own, from a file without front matter: give it a title.
    (source,) = sorted((site / "content").glob("en-bbc-*.txt"))[:1]
    page = output / "briefs" / path_slug(source.name) / "index.html"
    assert 'http-equiv="refresh"' not in page.read_text(encoding="utf-8")
    text = source.read_text(encoding="utf-8")
    source.write_text(f"---\ntitle: A headline fixed by the desk\n---\n{text}")
    build_here(site)
    assert "A headline fixed by the desk" in page.read_text(encoding="utf-8")


def test_a_story_of_many_sources_folds_them_and_keeps_what_each_adds_short(
    tmp_path: Path,
) -> None:
    """Past the fifth, sources fold under "N more sources"; of what a source adds,
    three sentences show, and how many more the source holds."""
    body = prose("heist", 14)
    files = {
        f"en-{n}.md": (
            f"---\ntitle: Jewels taken\nlang: en\noutlet: Wire {n}\n"
            f"date: 2026-03-02T{8 + n:02d}:00:00Z\n---\n{body}\n\n"
            + (prose(f"adds{n}", 5, 6) if n else "")
        )
        for n in range(8)
    }
    root = write_site(tmp_path, files, 'title = "Heist"\nsearch = false\n')
    report = build_here(root)
    assert report.stories == 1, "the eight versions are one story"
    (html,) = [
        text
        for page in (root / "output").rglob("*.html")
        if 'id="sources"' in (text := page.read_text(encoding="utf-8"))
    ]
    sources = html[html.index('id="sources"') :]
    shown, folded = sources.split('class="more-sources"')
    assert shown.count("<li>\n        <p>") == 5
    assert "3 more sources</summary>" in folded
    assert folded.count("<li>\n        <p>") == 3
    assert "What this source adds (5 sentences)</summary>" in sources
    assert "2 more sentences in the source" in sources
    first_adds = sources[sources.index("What this source adds") :]
    first_adds = first_adds[: first_adds.index("</details>")]
    assert first_adds.count("<li>") == 3
