"""Undated articles, from the loader to the pages: never today's news, always shown."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from briefs import DAY, article, brief
from conftest import write_site
from lxml import etree
from test_feeds import theme_words

from site_builder.analyze import analyze
from site_builder.build import build
from site_builder.cli.report import closing_line
from site_builder.config import load_config
from site_builder.dedup.stories import dated
from site_builder.errors import ConfigError
from site_builder.model import Brief, DateSource, Source, SourceKind
from site_builder.render.feed_items import item_html, json_feed
from site_builder.render.pages import make_environment, render_page
from site_builder.site.assemble import assemble
from site_builder.site.feeds import EPOCH, Feed, feed_pages
from site_builder.site.taxonomy import editions, make_entries, newest_first

ATOM = "{http://www.w3.org/2005/Atom}"


def undated(slug: str, lang: str = "en", sources: int = 0) -> Brief:
    made = brief(slug, lang, sources=sources)
    raw = replace(made.story.canonical.article, date=None, date_source=DateSource.NONE)
    canonical = replace(made.story.canonical, article=raw)
    return replace(made, story=replace(made.story, canonical=canonical))


def test_an_article_is_dated_or_says_it_is_not() -> None:
    made = article("a.md").article
    with pytest.raises(ValueError, match=r"a\.md"):
        replace(made, date=None)  # a date source with no date
    with pytest.raises(ValueError, match=r"a\.md"):
        replace(made, date_source=DateSource.NONE)


def test_undated_briefs_come_after_the_dated_in_their_own_edition() -> None:
    briefs = [undated("u"), brief("old", hours=-48), brief("new")]
    ordered = sorted(briefs, key=newest_first)
    assert [b.slug for b in ordered] == ["new", "old", "u"]
    days = editions(make_entries(ordered))
    assert [d.key for d in days] == ["2026-11-28", "2026-11-26", "undated"]
    assert days[-1].day is None


def test_an_undated_telling_takes_the_date_its_story_was_told_with() -> None:
    english = article("en.md", "en", hours=-3)
    made = undated("fr", "fr")
    told = replace(
        made,
        story=replace(
            made.story, sources=(Source(english, SourceKind.SAME_STORY, ()),)
        ),
    )
    assert told.date == DAY.replace(hour=6)
    copied = replace(
        english, article=replace(english.article, date_source=DateSource.FILE_TIME)
    )
    alone = replace(
        made, story=replace(made.story, sources=(Source(copied, SourceKind.NEAR, ()),))
    )
    assert alone.date is None  # a file's time is no date of the news


def test_only_dates_the_publisher_wrote_bound_a_story() -> None:
    made = article("a.md")
    for source, trusted in [
        (DateSource.FRONT_MATTER, True),
        (DateSource.TEXT, True),
        (DateSource.URL, True),
        (DateSource.FILE_TIME, False),
    ]:
        raw = replace(made.article, date_source=source)
        assert dated(replace(made, article=raw)) is trusted


def test_feeds_give_an_undated_brief_no_date_of_its_own(tmp_path: Path) -> None:
    entries = make_entries([brief("a"), undated("u")])
    feed = Feed("Site", "feeds", "index.html", "en", entries)
    assert feed.updated == DAY
    assert Feed("Site", "feeds", "index.html", "en", entries[1:]).updated == EPOCH
    config = replace(load_config(root=tmp_path), base_url="https://ex.org/")
    env = make_environment(config)
    words = theme_words(tmp_path)
    pages = {p.path: p for p in feed_pages(feed)}
    atom = etree.fromstring(render_page(config, env, pages["feeds/atom.xml"]).encode())
    last = atom.findall(f"{ATOM}entry")[-1]
    assert last.findtext(f"{ATOM}updated") == DAY.isoformat()  # the feed's own
    assert last.find(f"{ATOM}published") is None
    rss = etree.fromstring(render_page(config, env, pages["feeds/rss.xml"]).encode())
    assert [i.find("pubDate") is None for i in rss.iter("item")] == [False, True]
    document = json_feed(feed, "Site", "https://ex.org/", partial(item_html, words))
    items = json.loads(document)["items"]
    assert ["date_published" in item for item in items] == [True, False]


def test_the_sitemap_gives_no_lastmod_to_undated_pages(tmp_path: Path) -> None:
    site = assemble(load_config(root=tmp_path), [brief("a"), undated("u")])
    sitemap = next(p for p in site.pages if p.path == "sitemap.xml")
    lastmod = {url.path: url.lastmod for url in sitemap.context.variables()["urls"]}
    assert lastmod["briefs/a/index.html"] == DAY
    assert lastmod["briefs/u/index.html"] is None
    assert lastmod["editions/undated/index.html"] is None
    assert lastmod["index.html"] == DAY


NEWS = "The crews walked out at dawn on the Orlen crossing, their union said.\n"


def test_a_site_shows_undated_articles_apart_and_names_them(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site",
        {
            "dated.md": f"---\ndate: 2026-11-28T09:00:00Z\n---\n{NEWS}",
            "greve.txt": "Les équipages ont cessé le travail à l'aube sur le bac.\n",
            "url.md": "---\nsource_url: https://n.example/2013/04/12/x\n---\n"
            "Millbrook's library will stay open until ten on weekdays from January.\n",
        },
        'default_language = "fr"\nsearch = false\n',
    )
    config = load_config(site / "site.toml")
    report = build(config, use_cache=False)
    assert report.undated == ("greve.txt",)
    assert closing_line(report, site / "output").startswith(
        "3 articles (1 undated) in 3 stories,"
    )
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert home.index("2026-11-28") < home.index("2013-04-12") < home.index("Sans date")
    page = (site / "output" / "editions" / "undated" / "index.html").read_text()
    assert "<h1>Sans date</h1>" in page
    records = {r["path"]: r for r in analyze(config)[0]}
    assert (records["greve.txt"]["date"], records["greve.txt"]["date_source"]) == (
        None,
        "none",
    )
    assert records["url.md"]["date"] == "2013-04-12T00:00:00+00:00"
    assert records["url.md"]["date_source"] == "url"


def test_a_site_may_date_undated_articles_by_their_files(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site", {"a.txt": NEWS}, '[content]\nundated = "file-time"\n'
    )
    (record,), _ = analyze(load_config(site / "site.toml"))
    assert record["date_source"] == "file time"
    assert datetime.fromisoformat(record["date"]) <= datetime.now(UTC)


def test_the_undated_option_takes_two_values(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text('[content]\nundated = "today"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path / "site.toml")
    assert str(raised.value).endswith(
        'site.toml:2: content.undated must be "undated" or "file-time"'
    )
