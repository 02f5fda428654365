"""Assemble stage, feeds: Atom, RSS and JSON Feed 1.1 pages for lists; pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from site_builder.model import Brief, Page, PageContext
from site_builder.site.taxonomy import Entry

ALL = ("atom.xml", "rss.xml", "feed.json")
XML = ("atom.xml", "rss.xml")  # topic feeds: JSON Feed for the site and languages only
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
        """The newest date of its briefs (EPOCH when none has one). An undated
        brief's Atom entry says this as its ``updated``: Atom requires one, and no
        other instant is true of it (never the build's time, which would make it
        news again at every build)."""
        dates = [e.brief.date for e in self.entries if e.brief.date is not None]
        return max(dates, default=EPOCH)

    def path(self, name: str) -> str:
        return f"{self.folder}/{name}" if self.folder else name


@dataclass(frozen=True, slots=True)
class FeedContext(PageContext):
    """A feed document: the feed and its entries."""

    feed: Feed


def feed_pages(feed: Feed, formats: Sequence[str] = ALL) -> list[Page]:
    """One page per format; their templates are the theme's atom.xml, rss.xml..."""
    context = FeedContext(feed)
    return [Page(feed.path(name), name, feed.lang, context) for name in formats]


def sources_of(brief: Brief) -> tuple[tuple[str, str, str], ...]:
    """(outlet, url, language) of every article of the story that has a source URL."""
    story = brief.story
    articles = (story.canonical, *(s.article for s in story.sources))
    links = (
        (outlet, a.article.meta.source_url or "", a.lang)
        for a, outlet in zip(articles, brief.outlets, strict=True)
    )
    return tuple(dict.fromkeys(link for link in links if link[1]))
