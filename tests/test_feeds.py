"""Feeds: every item carries its story's source links; Atom, RSS and JSON are valid."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from lxml import etree
from test_assemble import article, brief

from site_builder.config import load_config
from site_builder.model import FrontMatter, Source, SourceKind
from site_builder.render.catalogs import Interface
from site_builder.render.feed_items import item_html, json_feed, rfc822
from site_builder.render.pages import make_environment, render_page
from site_builder.site.feeds import Feed, feed_pages
from site_builder.site.taxonomy import make_entries

ATOM = "{http://www.w3.org/2005/Atom}"


def sourced_feed() -> Feed:
    main = brief("a", "fr", topics=("grève",))
    canonical = main.story.canonical
    canonical = replace(
        canonical,
        article=replace(
            canonical.article,
            meta=FrontMatter(
                outlet="Le <Monde> & Co", source_url="https://lm.example/a?x=1&y=2"
            ),
        ),
    )
    other = article("b.md", "en", outlet="Wire", source_url="https://wire.example/b")
    story = replace(
        main.story,
        canonical=canonical,
        sources=(Source(other, SourceKind.SAME_STORY, ()),),
    )
    outlets = ("Le <Monde> & Co", "Wire")
    entries = make_entries([replace(main, story=story, outlets=outlets)])
    return Feed("Site: grève", "topics/greve", "topics/greve/index.html", "fr", entries)


def theme_words(tmp_path: Path) -> Interface:
    return make_environment(load_config(root=tmp_path)).interface


def test_item_html_links_every_source_and_escapes_names(tmp_path: Path) -> None:
    html = str(item_html(theme_words(tmp_path), sourced_feed().entries[0]))
    assert 'href="https://lm.example/a?x=1&amp;y=2"' in html
    assert 'href="https://wire.example/b"' in html
    assert "Le &lt;Monde&gt; &amp; Co" in html
    assert "<p>Sources</p>" in html  # in the story's language, French


def test_item_html_names_the_sources_in_the_story_language(tmp_path: Path) -> None:
    entry = sourced_feed().entries[0]
    story = entry.brief.story
    story = replace(story, canonical=replace(story.canonical, lang="de"))
    german = replace(entry, brief=replace(entry.brief, story=story))
    assert "<p>Quellen</p>" in str(item_html(theme_words(tmp_path), german))


def test_json_feed_is_json_feed_1_1_with_sources(tmp_path: Path) -> None:
    words = theme_words(tmp_path)
    document = json.loads(
        json_feed(
            sourced_feed(),
            "Site",
            "https://ex.org/news/",
            partial(item_html, words),
        )
    )
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "https://ex.org/news/topics/greve/feed.json"
    item = document["items"][0]
    assert item["id"] == item["url"] == "https://ex.org/news/briefs/a/"
    assert [s["url"] for s in item["_sources"]] == [
        "https://lm.example/a?x=1&y=2",
        "https://wire.example/b",
    ]


def test_atom_and_rss_render_as_well_formed_xml_with_required_elements(
    tmp_path: Path,
) -> None:
    config = replace(load_config(root=tmp_path), base_url="https://ex.org/")
    env = make_environment(config)
    pages = {p.path: p for p in feed_pages(sourced_feed())}
    atom = etree.fromstring(
        render_page(config, env, pages["topics/greve/atom.xml"]).encode()
    )
    entry = atom.find(f"{ATOM}entry")
    assert entry is not None
    assert atom.findtext(f"{ATOM}id") == "https://ex.org/topics/greve/"
    assert entry.findtext(f"{ATOM}updated") == "2026-11-28T09:00:00+00:00"
    links = entry.findall(f"{ATOM}link[@rel='related']")
    related = [link.get("href") for link in links]
    assert related == ["https://lm.example/a?x=1&y=2", "https://wire.example/b"]
    content = entry.findtext(f"{ATOM}content") or ""
    assert "<a href=" in content  # escaped once in the XML, HTML once parsed
    rss = etree.fromstring(
        render_page(config, env, pages["topics/greve/rss.xml"]).encode()
    )
    item = rss.find("channel/item")
    assert item is not None
    assert item.findtext("pubDate") == "Sat, 28 Nov 2026 09:00:00 +0000"
    assert "https://wire.example/b" in (item.findtext("description") or "")


def test_rfc822_dates_are_in_utc() -> None:
    from datetime import timedelta, timezone

    paris = datetime(2026, 11, 28, 10, tzinfo=timezone(timedelta(hours=1)))
    assert rfc822(paris) == "Sat, 28 Nov 2026 09:00:00 +0000"
    assert rfc822(datetime(2026, 1, 1, tzinfo=UTC)).endswith("+0000")
