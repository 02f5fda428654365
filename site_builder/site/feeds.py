"""Assemble stage, feeds: Atom, RSS and JSON Feed 1.1 pages for lists; pure."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from markupsafe import Markup

from site_builder.model import Brief, Page
from site_builder.render.strings import translate
from site_builder.site.taxonomy import Entry
from site_builder.site.urls import canonical_url
from site_builder.text.typography import typeset

ALL = ("atom.xml", "rss.xml", "feed.json")
XML = ("atom.xml", "rss.xml")  # topic feeds: JSON Feed for the site and languages only
MIME = {
    "atom.xml": "application/atom+xml",
    "rss.xml": "application/rss+xml",
    "feed.json": "application/feed+json",
}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Feed:
    """The newest briefs of a list, to be written as Atom, RSS and JSON Feed."""

    title: str
    folder: str  # the feeds are folder/atom.xml, folder/rss.xml, folder/feed.json
    page: str  # output path of the HTML page this feed follows
    lang: str  # the feed's language (the interface language of its page)
    entries: tuple[Entry, ...]  # newest first
    json: bool = True  # also written as JSON Feed

    @property
    def updated(self) -> datetime:
        return max((e.brief.date for e in self.entries), default=EPOCH)

    def path(self, name: str) -> str:
        return f"{self.folder}/{name}" if self.folder else name


def feed_pages(feed: Feed, formats: Sequence[str] = ALL) -> list[Page]:
    """One page per format; their templates are the theme's atom.xml, rss.xml..."""
    return [
        Page(feed.path(name), name, feed.lang, (("feed", feed),)) for name in formats
    ]


def sources_of(brief: Brief) -> tuple[tuple[str, str, str], ...]:
    """(outlet, url, language) of every article of the story that has a source URL."""
    story = brief.story
    articles = (story.canonical, *(s.article for s in story.sources))
    links = (
        (a.article.meta.outlet or "", a.article.meta.source_url or "", a.lang)
        for a in articles
    )
    return tuple(dict.fromkeys(link for link in links if link[1]))


def item_html(entry: Entry) -> Markup:
    """A feed item's HTML: summary, key points and every source link of the story."""
    brief = entry.brief
    lang = brief.lang
    parts = [Markup("<p>{}</p>").format(typeset(brief.summary.summary, lang))]
    if brief.summary.key_points:
        points = (
            Markup("<li>{}</li>").format(typeset(p, lang))
            for p in brief.summary.key_points
        )
        parts.append(Markup("<ul>{}</ul>").format(Markup("").join(points)))
    links = [
        Markup('<li><a href="{}" hreflang="{}">{}</a></li>').format(
            url, source_lang, outlet or url
        )
        for outlet, url, source_lang in sources_of(brief)
    ]
    if links:
        heading = translate(lang, "sources_heading")
        parts.append(Markup("<p>{}</p>").format(heading))
        parts.append(Markup("<ul>{}</ul>").format(Markup("").join(links)))
    return Markup("\n").join(parts)


def json_feed(feed: Feed, site_title: str, base_url: str) -> str:
    """The JSON Feed 1.1 document, items carrying their sources in ``_sources``."""
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": canonical_url(base_url, feed.page),
        "feed_url": canonical_url(base_url, feed.path("feed.json")),
        "language": feed.lang,
        "authors": [{"name": site_title}],
        "items": [_json_item(entry, base_url) for entry in feed.entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _json_item(entry: Entry, base_url: str) -> dict[str, object]:
    brief = entry.brief
    url = canonical_url(base_url, entry.path)
    sources = sources_of(brief)
    item: dict[str, object] = {
        "id": url,
        "url": url,
        "title": brief.summary.title,
        "summary": brief.summary.summary,
        "content_html": str(item_html(entry)),
        "date_published": brief.date.isoformat(),
        "language": brief.lang,
        "tags": list(brief.topics),
        "_sources": [
            {"outlet": outlet, "url": link, "language": lang}
            for outlet, link, lang in sources
        ],
    }
    if sources:
        item["external_url"] = sources[0][1]
    outlets = [o for o, _, _ in sources if o]
    if outlets:
        item["authors"] = [{"name": name} for name in dict.fromkeys(outlets)]
    return item


def newest(entries: Sequence[Entry], count: int) -> tuple[Entry, ...]:
    """The ``count`` newest entries (entries arrive newest first)."""
    return tuple(entries[:count])


def rfc822(value: datetime) -> str:
    """An RSS date: ``Sun, 29 Nov 2026 10:00:00 +0000``."""
    return format_datetime(value.astimezone(UTC))
