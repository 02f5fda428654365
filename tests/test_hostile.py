"""Hostile input: nasty strings in every field, broken files, slugs, nothing executed.

Each site here is built in-process with ``build()``; a bad file must be reported with
``path:line`` and skipped while the rest of the site is built. The crash and
concurrency tests (SIGKILL, two builds at once) are in test_hostile_crash.py.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import write_site
from hostile_checks import (
    NASTY,
    dangerous_url,
    hostile_article,
    output_problems,
    snapshot,
    words,
)

from site_builder.build import BuildReport, build
from site_builder.config import load_config
from site_builder.render.pages import printable

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

EPOCH = "1764000000"
SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REREAD = "not valid UTF-8; read as Windows-1252. Re-save the file as UTF-8"
SITE_TOML = 'title = "Hostile"\nbase_url = "https://hostile.example/"\n'


def build_site(root: Path, strict: bool = False) -> BuildReport:
    return build(load_config(root=root), strict=strict, use_cache=False)


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


class _Headings(HTMLParser):
    """The text of every ``<h1>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "h1":
            self.inside = True
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.found[-1] += data


def story_pages(output: Path) -> list[str]:
    """The slugs of the story pages under briefs/ (not the redirects at old URLs)."""
    return sorted(
        page.parent.name
        for page in output.glob("briefs/*/index.html")
        if 'http-equiv="refresh"' not in page.read_text(encoding="utf-8")
    )


def brief_titles(output: Path) -> set[str]:
    titles: set[str] = set()
    for page in output.glob("briefs/*/index.html"):
        parser = _Headings()
        parser.feed(page.read_text(encoding="utf-8"))
        titles.update(parser.found)
    return titles


def hostile_site(root: Path, strings: Sequence[str]) -> Path:
    files = {f"a{i:03d}.md": hostile_article(i, s) for i, s in enumerate(strings)}
    toml = SITE_TOML + "feed_items = 1000\nsearch = false\n"
    return write_site(root, files, toml)  # type: ignore[arg-type]


def assert_built_safely(
    site: Path, strings: Sequence[str], report: BuildReport
) -> None:
    assert report.ok
    assert [str(e) for e in report.errors] == []
    assert report.articles == len(strings)
    output = site / "output"
    problems = output_problems(output)
    assert problems == {}, json.dumps(problems, indent=1)[:3000]
    slugs = [p.name for p in (output / "briefs").iterdir()]
    assert all(SAFE_SLUG.match(slug) for slug in slugs), slugs
    assert len(story_pages(output)) == report.stories
    for folder in ("topics", "sources"):
        names = [p.name for p in (output / folder).iterdir() if p.is_dir()]
        assert all(SAFE_SLUG.match(n) for n in names if n != "page"), names
    expected = {printable(s.strip()) for s in strings if s.strip()}
    missing = expected - brief_titles(output)
    assert not missing, f"titles lost or altered: {sorted(missing)[:5]}"
    bad_urls = [
        w for w in report.warnings if "source_url must be an http(s) address" in str(w)
    ]
    assert len(bad_urls) == sum(
        1 for s in strings if s.strip() and not re.match(r"(?i)https?://[^\s/]", s)
    )


@pytest.fixture(scope="module")
def nasty_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The self-written nasty strings in every field, built once for several tests."""
    root = tmp_path_factory.mktemp("nasty")
    hostile_site(root, NASTY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        report = build(load_config(root=root), use_cache=False)
    assert_built_safely(root, NASTY, report)
    return root


def test_nasty_strings_in_every_field_build_and_stay_text(nasty_site: Path) -> None:
    output = nasty_site / "output"
    everything = "".join(
        p.read_text("utf-8") for p in output.rglob("*") if p.suffix in (".html", ".xml")
    )
    assert str(7 * 191) not in everything, "a Jinja expression in content was run"
    assert "jinja{% endif %}" in everything.replace("&#39;", "'")
    assert "&lt;script&gt;alert(&#39;t1&#39;)&lt;/script&gt;" in everything
    feed = json.loads((output / "feeds" / "feed.json").read_text("utf-8"))
    titles = {item["title"] for item in feed["items"]}
    assert "<script>alert('t1')</script>" in titles, "JSON keeps the text as written"


@pytest.fixture(scope="module")
def blns_site(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every string of the corpus's blns.json in every field, built once."""
    strings = json.loads((corpus / "hostile" / "blns.json").read_text("utf-8"))
    assert len(strings) > 400
    site = hostile_site(tmp_path_factory.mktemp("blns"), strings)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        report = build(load_config(root=site), use_cache=False)
    assert_built_safely(site, strings, report)
    return site


@pytest.mark.corpus
def test_blns_in_every_field_builds_and_stays_text(blns_site: Path) -> None:
    assert (blns_site / "output" / "index.html").is_file()


@pytest.mark.corpus
@pytest.mark.browser
def test_no_blns_brief_opens_a_dialog(blns_site: Path, browser: Browser) -> None:
    """Every brief page, loaded as HTML (set_content: 10 ms a page, not 65)."""
    pages = sorted((blns_site / "output" / "briefs").glob("*/index.html"))
    assert len(pages) > 400
    dialogs, audit = _visit(
        browser,
        pages,
        lambda page, path: page.set_content(path.read_text("utf-8"), wait_until="load"),
    )
    assert dialogs == []
    assert audit == {}


# --- in Chromium ------------------------------------------------------------------

_PAGE_AUDIT = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(el.tagName + ' ' + attr.name);
    }
    for (const name of ['href', 'src', 'action', 'formAction']) {
      const value = el[name];
      if (typeof value === 'string' && /^(javascript|vbscript|data):/i.test(value)) {
        found.push(el.tagName + ' ' + name + '=' + value);
      }
    }
  }
  for (const script of document.scripts) {
    if (!script.src.endsWith('static/search.js')) found.push('script ' + script.src);
  }
  return found;
}"""


@pytest.mark.browser
def test_no_page_of_a_hostile_site_opens_a_dialog(
    nasty_site: Path, browser: Browser
) -> None:
    pages = sorted((nasty_site / "output").rglob("*.html"))
    assert len(pages) > 100
    dialogs, audit = _visit(browser, pages, _open_from_disk)
    assert dialogs == []
    assert audit == {}


def _open_from_disk(page: Page, path: Path) -> None:
    """Open ``path``; a redirect page (an old URL) is followed to where it leads,
    which is then what the audit sees."""
    page.goto(path.as_uri(), wait_until="load")
    if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
        page.wait_for_url(lambda url: url != path.as_uri())
        page.wait_for_load_state("load")


@pytest.mark.browser
def test_the_browser_check_would_see_a_dialog(tmp_path: Path, browser: Browser) -> None:
    page = tmp_path / "trap.html"
    page.write_text('<img src="missing.png" onerror="alert(1)"><a href="javascript:x">')
    dialogs, audit = _visit(
        browser, [page], lambda tab, path: tab.goto(path.as_uri(), wait_until="load")
    )
    assert dialogs == ["alert: 1"]
    assert len(audit[page.as_posix()]) == 2


def _visit(
    browser: Browser, paths: list[Path], open_page: Callable[[Page, Path], object]
) -> tuple[list[str], dict[str, list[str]]]:
    """Dialogs opened, and active content the browser sees, over ``paths``."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    audit: dict[str, list[str]] = {}
    try:
        for path in paths:
            open_page(page, path)
            found = page.evaluate(_PAGE_AUDIT)
            if found:
                audit[path.as_posix()] = found
        page.wait_for_timeout(300)  # late onerror/onload handlers
    finally:
        context.close()
    return dialogs, audit


def test_the_audit_would_see_active_content(tmp_path: Path) -> None:
    """The scanners are not blind: a page with each trick is reported."""
    page = tmp_path / "output" / "x.html"
    page.parent.mkdir()
    page.write_text(
        '<a href=" jav&#x09;ascript:alert(1)">a</a><img src=x onerror=alert(2)>'
        '<script>alert(3)</script><a href="data:text/html,x">d</a>'
    )
    (tmp_path / "output" / "feed.json").write_text(
        json.dumps({"items": [{"url": "vbscript:x", "content_html": "<svg/>"}]})
    )
    problems = output_problems(tmp_path / "output")
    assert len(problems["x.html"]) == 4
    assert len(problems["feed.json"]) == 2
    assert dangerous_url("\x01javascript:x")
    assert not dangerous_url("https://x.example/javascript:x")


# --- broken files among good ones -------------------------------------------------

GOOD = "---\ntitle: {title}\ndate: 2026-11-20\n---\n{body}\n"


def _alias_bomb() -> str:
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"]
    for previous, level in zip("abcdefghi", "bcdefghij", strict=True):
        refs = ", ".join([f"*{previous}"] * 9)
        lines.append(f"{level}: &{level} [{refs}]")
    return "\n".join([*lines, "---", "Body of the bomb."])


BROKEN: dict[str, tuple[bytes, str]] = {
    "binary.md": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "binary.md:3: file contains NUL bytes: it is binary, not an article",
    ),
    "nul.txt": (
        b"First line.\nSecond\x00line.\n",
        "nul.txt:2: file contains NUL bytes: it is binary, not an article",
    ),
    "empty.md": (b"", "empty.md:1: file is empty; write an article or delete the file"),
    "blank.txt": (
        b"\n  \n\t\n",
        "blank.txt:1: file is empty; write an article or delete the file",
    ),
    "bad-yaml.md": (
        b"---\ntitle: ok\ntags: [a, b\n---\nBody\n",
        "bad-yaml.md:3: invalid YAML in front matter: while parsing a flow sequence, "
        "did not find expected ',' or ']'",
    ),
    "bad-date.md": (
        b"---\ntitle: a\ndate: 2026-02-30\n---\nBody\n",
        "bad-date.md:3: invalid date '2026-02-30'; write 2026-11-29 or "
        "2026-11-29T08:30:00+01:00",
    ),
    "far-date.md": (
        b"---\ntitle: a\ndate: 9999-12-31T23:00:00-05:00\n---\nBody\n",
        "far-date.md:3: date '9999-12-31T23:00:00-05:00' is out of range once in UTC",
    ),
    "list.md": (
        b"---\n- a\n- b\n---\nBody\n",
        "list.md:2: front matter is a list; it must be keys with values (title: ...)",
    ),
    "scalar.md": (
        b"---\njust text\n---\nBody\n",
        "scalar.md:2: front matter is a single value; it must be keys with values "
        "(title: ...)",
    ),
    "unclosed.md": (
        b"---\ntitle: never closed\nBody\n",
        "unclosed.md:1: front matter opened with --- is never closed; "
        "add a line --- after the last key",
    ),
    "unclosed-toml.md": (
        b'+++\ntitle = "x"\nBody\n',
        "unclosed-toml.md:1: front matter opened with +++ is never closed; "
        "add a line +++ after the last key",
    ),
    "bad-toml.md": (
        b'+++\ntitle = "x"\ntags = [\n+++\nBody\n',
        "bad-toml.md:3: invalid TOML in front matter: Invalid value",
    ),
    "duplicate.md": (
        b"---\ntitle: a\nlang: fr\ntitle: b\n---\nBody\n",
        "duplicate.md:4: duplicate key 'title' (first set on line 2); keep one",
    ),
    "bomb.md": (
        _alias_bomb().encode(),
        "bomb.md:10: front matter uses more than 64 YAML aliases; "
        "write the values out instead",
    ),
    "mapping-title.md": (
        b"---\ntitle: {a: 1}\n---\nBody\n",
        "mapping-title.md:2: title must be text, not a list or mapping",
    ),
    "no-body.md": (
        b"---\ntitle: a\n---\n\n",
        "no-body.md:4: the article has no body after its front matter",
    ),
}


def _good_articles() -> dict[str, str | bytes]:
    return {
        "good.md": GOOD.format(title="Good one", body=words("good") + "."),
        "bom.md": "\ufeff"
        + GOOD.format(title="Read through the BOM", body=words("bom") + "."),
        "toml.md": '+++\ntitle = "From TOML"\ndate = 2026-11-21\n+++\n'
        + words("toml")
        + ".\n",
        "yaml11.md": "---\ntitle: NO\nversion: 1.10\nwhen: 12:30\n---\n"
        + words("yaml")
        + ".\n",
        "latin1.txt": ("Caf\u00e9 d\u00e9j\u00e0 " + words("latin") + ".\n").encode(
            "latin-1"
        ),
        "cp1252.txt": ("\u201cQuoted\u201d \u2013 " + words("cp") + ".\n").encode(
            "cp1252"
        ),
        "long.md": "---\ntitle: One hundred thousand lines\n---\n"
        + "".join(f"Line {n} of the long report.\n" for n in range(100_000)),
    }


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    root = tmp_path_factory.mktemp("broken")
    files: dict[str, str | bytes] = {
        **_good_articles(),
        **{name: data for name, (data, _) in BROKEN.items()},
    }
    write_site(root, files, SITE_TOML + "search = false\n")
    content = root / "content"
    with open(content / "huge.md", "wb") as handle:  # sparse: 50 MB, no disk used
        handle.truncate(50 * 1024 * 1024)
    outside = root / "secret.md"
    outside.write_text("---\ntitle: Secret\n---\nSECRET-TEXT from outside.\n")
    (content / "escape.md").symlink_to(outside)
    (content / "dangling.md").symlink_to(content / "gone.md")
    (content / "loop.md").symlink_to(content / "loop.md")
    os.mkfifo(content / "pipe.md")  # reading it would wait forever
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        report = build(load_config(root=root), use_cache=False)
    return root, report


def test_each_broken_file_is_reported_with_path_and_line(
    broken_site: tuple[Path, BuildReport],
) -> None:
    _, report = broken_site
    expected = {message for _, message in BROKEN.values()}
    expected.add(
        "huge.md: file is 52 MB, over the 8 MB limit for an article; split it or "
        "move it out of the content folder"
    )
    expected.add("pipe.md: not a regular file (a pipe or a device); not read")
    assert {str(e) for e in report.errors} == expected


def test_links_and_encodings_are_warned_about(
    broken_site: tuple[Path, BuildReport],
) -> None:
    _, report = broken_site
    warnings = {str(w) for w in report.warnings}
    assert warnings >= {
        "escape.md: symbolic link points outside the content folder; not followed",
        "dangling.md: cannot read the file; check its permissions",
        "loop.md: symbolic link loops back on itself; not followed",
        f"latin1.txt:1: {REREAD}",
        f"cp1252.txt:1: {REREAD}",
    }


def test_the_rest_of_the_site_is_built(broken_site: tuple[Path, BuildReport]) -> None:
    root, report = broken_site
    assert report.ok
    assert report.articles == len(_good_articles())
    output = root / "output"
    titles = brief_titles(output)
    assert {"Good one", "Read through the BOM", "From TOML", "NO"} <= titles
    assert "One hundred thousand lines" in titles
    texts = "".join(p.read_text("utf-8") for p in output.rglob("*.html"))
    assert "Café déjà" in texts
    assert "\u201cQuoted\u201d \u2013" in texts
    assert "Line 99999 of the long report." in texts
    assert "SECRET-TEXT" not in texts


# --- slugs ------------------------------------------------------------------------


def test_slugs_stay_inside_briefs_and_collisions_are_all_built(tmp_path: Path) -> None:
    nfc = unicodedata.normalize("NFC", "Café")
    nfd = unicodedata.normalize("NFD", "Café")
    wanted = {
        "traversal": "../../outside",
        "absolute": "/etc/passwd",
        "backslash": "..\\..\\x",
        "reserved": "index",
        "dots": "..",
        "first": "same name",
        "second": "Same  Name!",
        "composed": nfc,
        "decomposed": nfd,
    }
    files = {
        f"{name}.md": (
            f"---\ntitle: {name}\nslug: {json.dumps(slug)}\n"
            f"tags: [{json.dumps(slug)}]\noutlet: {json.dumps(slug)}\n---\n"
            f"{words(name)}.\n"
        )
        for name, slug in wanted.items()
    }
    site = write_site(tmp_path / "site", files, SITE_TOML + "search = false\n")
    before = snapshot(tmp_path)
    report = build_site(site)
    assert report.ok
    assert report.stories == len(wanted)
    briefs = story_pages(site / "output")
    assert len(briefs) == len(wanted)
    assert all(SAFE_SLUG.match(slug) for slug in briefs), briefs
    assert {
        "outside",
        "etc-passwd",
        "same-name",
        "same-name-2",
        "cafe",
        "cafe-2",
    } <= set(briefs)
    assert sorted(str(w) for w in report.warnings if "slug" in str(w)) == [
        "decomposed.md: slug 'cafe' is already used by composed.md; "
        "this brief is published as 'cafe-2'",
        "second.md: slug 'same-name' is already used by first.md; "
        "this brief is published as 'same-name-2'",
    ]
    # Composed and decomposed "Café" are one topic and one outlet, not two.
    topics = [p.name for p in (site / "output" / "topics").iterdir() if p.is_dir()]
    assert topics.count("cafe") == 1
    assert "cafe-2" not in topics
    sources = [p.name for p in (site / "output" / "sources").iterdir() if p.is_dir()]
    assert "cafe-2" not in sources
    after = snapshot(tmp_path)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert all(_inside_build_area(name, "site/") for name in changed), changed


# --- nothing written outside output/ and the cache ---------------------------------


def _inside_build_area(name: str, prefix: str = "") -> bool:
    """Paths a build may create or change: output/, the cache, the output lock."""
    rel = name.removeprefix(prefix)
    return rel.startswith(("output/", ".site-builder/")) or rel in (
        "output",
        ".site-builder",
        ".output.lock",
    )


def test_build_writes_only_output_and_cache_and_never_touches_sources(
    tmp_path: Path,
) -> None:
    site = hostile_site(tmp_path / "site", NASTY[:12])
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("untouched")
    (site / "content" / "out.md").symlink_to(outside / "keep.txt")
    (site / "static").mkdir()
    (site / "static" / "leak.css").symlink_to(outside / "keep.txt")
    before = snapshot(tmp_path)
    assert build_site(site).ok
    assert build_site(site).ok  # a second build over the first
    after = snapshot(tmp_path)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert changed, "the build wrote nothing at all"
    assert all(_inside_build_area(name, "site/") for name in changed), sorted(changed)
    assert not (site / "output" / "static" / "leak.css").exists()


def test_an_output_folder_that_is_a_link_elsewhere_is_refused(tmp_path: Path) -> None:
    site = hostile_site(tmp_path / "site", NASTY[:2])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("mine")
    (site / "output").symlink_to(elsewhere)
    before = snapshot(elsewhere)
    with pytest.raises(Exception, match="not a folder"):
        build_site(site)
    assert snapshot(elsewhere) == before


# --- loading stays bounded and typed -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("---\ntitle: NO\n---\nBody.\n", lambda m: m.title == "NO"),
        ("---\ntitle: 1.10\n---\nBody.\n", lambda m: m.title == "1.10"),
        ("---\ntitle: 012\n---\nBody.\n", lambda m: m.title == "012"),
        (
            "---\ntags: [yes, off, 1e3]\n---\nBody.\n",
            lambda m: m.tags == ("yes", "off", "1e3"),
        ),
        (
            "---\ntitle: !!python/object:os.system x\n---\nB.\n",
            lambda m: m.title == "x",
        ),
    ],
)
def test_yaml_values_stay_the_text_written(
    tmp_path: Path, text: str, check: Callable[[object], bool]
) -> None:
    from site_builder.load.files import load_file

    path = tmp_path / "a.md"
    path.write_text(text)
    assert check(load_file(tmp_path, path).article.meta)


def test_every_html_and_xml_template_autoescapes(tmp_path: Path) -> None:
    from site_builder.render.pages import make_environment
    from site_builder.render.theme import theme_dir

    env = make_environment(load_config(root=tmp_path))
    names = [p.name for p in theme_dir().iterdir() if p.suffix in (".html", ".xml")]
    assert len(names) >= 10
    for name in names:
        env.get_template(name)  # compiles
        assert env.autoescape(name) is True, name  # type: ignore[operator]
    # The two text templates are made of values code has already escaped.
    assert sorted(p.name for p in theme_dir().iterdir() if p.is_file()) == sorted(
        [*names, "robots.txt", "feed.json"]
    )
