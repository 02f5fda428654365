"""The command line as a user runs it: new, build, exit codes, and the sample site."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import zipfile
from html import unescape
from pathlib import Path

import pytest

from site_builder.text.sentences import split_sentences

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


CLOSING = re.compile(
    r"(?P<articles>\d+ articles?) in (?P<stories>\d+ stor(?:y|ies)),"
    r" (?P<removed>\d+) repeated passages? removed;"
    r" (?P<pages>\d+) pages and feeds, (?P<files>\d+) files in (?P<output>\S+)"
    r" \((?P<written>\d+) written, (?P<gone>\d+) removed\)"
    r"(?:; (?P<problems>[^;]+))?; done in \d+\.\d s"
)


def test_new_creates_a_site_and_builds_it_at_once(tmp_path: Path) -> None:
    created = site_builder("new", "desk", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    site = tmp_path / "desk"
    assert {"content", "site.toml", "templates", "output"} <= {
        p.name for p in site.iterdir()
    }
    assert (site / "output" / "index.html").is_file()
    first, closing, hint = created.stdout.splitlines()
    assert first == "created desk/: site.toml, content/welcome.md, templates/"
    counts = CLOSING.fullmatch(closing)
    assert counts, closing
    assert (counts["articles"], counts["stories"]) == ("1 article", "1 story")
    assert counts["output"] == "desk/output/"
    assert counts["problems"] == "1 warning"  # base_url is still localhost
    assert int(counts["pages"]) < int(counts["files"]) == int(counts["written"])
    assert hint == (
        "open desk/output/index.html in a browser, or run:"
        " cd desk && site-builder serve --open"
    )
    assert re.fullmatch(
        r"desk/site.toml:\d+: warning: base_url http://localhost:8000/ is this"
        r" machine: .*; set base_url to the site's public address, or build with"
        r" --base-url URL \(publish refuses such a site\)\n",
        created.stderr,
    )
    again = site_builder("build", cwd=site)
    counts = CLOSING.fullmatch(again.stdout.strip())
    assert counts, again.stdout
    assert (counts["written"], counts["gone"]) == ("0", "0")
    refused = site_builder("new", "desk", cwd=tmp_path)
    assert refused.returncode == 1
    assert "a site already exists here" in refused.stderr


def test_a_loopback_base_url_fails_strict_and_base_url_overrides_it(
    tmp_path: Path,
) -> None:
    assert site_builder("new", "desk", cwd=tmp_path).returncode == 0
    site = tmp_path / "desk"
    strict = site_builder("build", "--strict", cwd=site)
    assert strict.returncode == 1
    assert "warning: base_url http://localhost:8000/ is this machine" in strict.stderr
    public = site_builder(
        "build", "--strict", "-u", "https://news.example.org/desk", cwd=site
    )
    assert public.returncode == 0, public.stderr
    assert public.stderr == ""
    sitemap = (site / "output" / "sitemap.xml").read_text()
    assert "<loc>https://news.example.org/desk/</loc>" in sitemap
    assert "localhost" not in sitemap
    atom = (site / "output" / "feeds" / "atom.xml").read_text()
    assert "https://news.example.org/desk/" in atom
    assert "localhost" not in atom
    wrong = site_builder("build", "--base-url", "news.example.org", cwd=site)
    assert wrong.returncode == 2
    assert "'news.example.org' is not an http(s) address" in wrong.stderr


def test_publish_refuses_a_site_built_for_localhost(tmp_path: Path) -> None:
    assert site_builder("new", "desk", cwd=tmp_path).returncode == 0
    site, www = tmp_path / "desk", tmp_path / "www"
    refused = site_builder("publish", str(www), cwd=site)
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "output/sitemap.xml points to http://localhost:8000/, this machine:"
    )
    assert "--base-url URL" in refused.stderr
    assert not www.exists()
    assert site_builder("build", "-u", "https://news.example.org/", cwd=site)
    sent = site_builder("publish", str(www), cwd=site)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.startswith(f"published to {www}: ")
    assert "https://news.example.org/" in (www / "sitemap.xml").read_text()
    site_builder("build", cwd=site)  # localhost again
    forced = site_builder("publish", str(www), "--force", cwd=site)
    assert forced.returncode == 0, forced.stderr


def test_short_flags_name_the_site_from_anywhere(tmp_path: Path) -> None:
    assert site_builder("new", "desk", cwd=tmp_path).returncode == 0
    (tmp_path / "desk" / "other.toml").write_text(
        'title = "Other desk"\nbase_url = "https://other.example/"\n'
    )
    built = site_builder(
        "build", "-s", "desk", "-c", "desk/other.toml", "-o", "public", cwd=tmp_path
    )
    assert built.returncode == 0, built.stderr
    counts = CLOSING.fullmatch(built.stdout.strip())
    assert counts, built.stdout
    assert counts["output"] == "public/"
    home = (tmp_path / "public" / "index.html").read_text()
    assert "Other desk" in home
    missing = site_builder("build", "-s", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == "nowhere: no such folder; -s names the site's folder\n"


def test_help_lists_the_commands_in_pipeline_order_a_line_each(tmp_path: Path) -> None:
    shown = site_builder("--help", cwd=tmp_path).stdout
    listed = re.findall(r"^    (\w+) +\S.*$", shown, flags=re.MULTILINE)
    order = ["new", "ingest", "enrich", "analyze", "build", "serve", "publish"]
    assert listed == order
    block = shown.split("    new", 1)[1].split("\n\n", 1)[0]
    assert len(block.splitlines()) == len(order), block
    serve = site_builder("serve", "--help", cwd=tmp_path).stdout
    for flag in ("-s DIR, --source DIR", "-p PORT, --port PORT", "-O, --open"):
        assert flag in serve
    for flag in ("-c FILE, --config FILE", "-o DIR, --output DIR", "-u URL"):
        assert flag in site_builder("build", "--help", cwd=tmp_path).stdout
    ingest = " ".join(site_builder("ingest", "--help", cwd=tmp_path).stdout.split())
    assert "--since YYYY-MM-DD" in ingest
    assert "(default: keep all)" in ingest


def test_since_takes_a_date_or_stops_with_usage(tmp_path: Path) -> None:
    wrong = site_builder("ingest", "feed.xml", "--since", "last week", cwd=tmp_path)
    assert wrong.returncode == 2
    assert (
        "argument --since: 'last week' is not a date; write it as YYYY-MM-DD"
        in wrong.stderr
    )


def test_analyze_reads_as_text_and_json_holds_every_field(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    body = " ".join(
        f"The harbour council voted {n} times on the ferry budget in March."
        for n in range(12)
    )
    (tmp_path / "content" / "ferry.md").write_text(
        f"---\ntitle: Ferry vote\nlang: en\n---\n{body}\n\n{body}\n"
    )
    text = site_builder("analyze", cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "content/ferry.md: Ferry vote"
    assert re.fullmatch(r"    en, story s[0-9a-f]{10}, \d+ words, undated", lines[1])
    assert lines[2] == "    1 repeated passage removed (line 7)"
    assert re.fullmatch(
        r"    summary: \d+% of the article's words, redundancy \d\.\d\d,"
        r" \d+% of its names and numbers in the text",
        lines[3],
    )
    raw = site_builder("analyze", "--json", cwd=tmp_path)
    (record,) = [json.loads(line) for line in raw.stdout.splitlines()]
    assert record["path"] == "ferry.md"
    assert set(record["quality"]) == {
        "compression",
        "redundancy",
        "same_language",
        "grounded",
    }
    assert 0 < record["quality"]["compression"] < 1


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
    assert "; 1 file skipped, 1 warning; " in relaxed.stdout
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


def test_sample_seed_page_shows_each_sentence_once(sample_site: Path) -> None:
    html = _seed_page(sample_site).read_text()
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    # the story as a reader sees it: summary, key points, then the body
    story = html.split('<p class="lede"', 1)[1].split('<section class="sources"')[0]
    story = " ".join(unescape(story).split())
    paragraphs = (REPO / "content" / SEED).read_text(encoding="utf-8").split("\n")
    assert len(paragraphs) == 5, "the seed repeats paragraphs 2 and 3"
    for paragraph in paragraphs[:3]:
        for sentence in split_sentences(paragraph, "fr"):
            start = " ".join(sentence.split()[:8])
            assert story.count(start) == 1, start


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
    # the story (summary, key points, body) prints each sentence once
    story = page.locator("article.story").inner_text()
    assert story.count("L'administration Biden a soulevé la question") == 1
    assert story.count("La même source a ajouté") == 1
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
        "redirect.html",
        "static/style.css",
        "static/favicon.svg",
        "static/favicon.ico",
        "locale/fr/LC_MESSAGES/messages.mo",
        "locale/de/LC_MESSAGES/messages.mo",
        "locale/es/LC_MESSAGES/messages.mo",
        "locale/it/LC_MESSAGES/messages.mo",
    ):
        assert f"site_builder/theme/{name}" in names
