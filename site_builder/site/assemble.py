"""Assemble stage: Config + summarized stories -> Site (slugs, URLs, pages); pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from site_builder.config import Config
from site_builder.model import Brief, Page, PageContext, Site
from site_builder.site.feeds import XML, Feed, feed_pages
from site_builder.site.naming import RESERVED, name_briefs
from site_builder.site.page_lists import (
    Links,
    Nav,
    Pager,
    brief_pages,
    directory_pages,
    edition_pages,
    list_pages,
)
from site_builder.site.redirects import redirect_pages
from site_builder.site.related import related
from site_builder.site.search_pages import search_pages
from site_builder.site.sitemap import sitemap_pages
from site_builder.site.taxonomy import (
    Edition,
    Entry,
    Section,
    editions,
    in_language,
    make_entries,
    newest_first,
    sections,
)

__all__ = ["RESERVED", "Nav", "Pager", "assemble", "name_briefs"]


@dataclass(frozen=True, slots=True)
class NotFoundContext(PageContext):
    """The 404 page: the navigation only."""

    nav: Nav
    feed: None = None


def assemble(config: Config, briefs: Sequence[Brief], links: Links = related) -> Site:
    """Every page of the site with its template and context; ``links`` gives each
    brief's related stories (``site.related.related``, or a cache of it)."""
    ordered = tuple(sorted(briefs, key=newest_first))
    entries = make_entries(ordered, config.topic_min_stories)
    days = editions(entries)
    groups = sections(entries, days, config.default_language)
    default = config.default_language
    languages = tuple(s.key for s in groups["language"])
    nav = Nav(
        tuple((s.key, s.path) for s in groups["language"]),
        tuple(_search_path(lang, default) for lang in sorted({default, *languages}))
        if config.search
        else (),
        default,
    )
    site_feed = Feed(
        config.title, "feeds", "index.html", default, entries[: config.feed_items]
    )
    site_link = _link(site_feed)
    stories = brief_pages(entries, nav, site_link, links)
    pages: list[Page] = [
        *edition_pages(config, "", default, days, nav, site_link, None),
        *stories,
        *_section_pages(config, groups, days, nav),
        *search_pages(groups, nav, site_link, stories, config.search),
    ]
    pages.append(Page("404.html", "404.html", default, NotFoundContext(nav)))
    pages += feed_pages(site_feed)
    pages += redirect_pages(entries, {page.path for page in pages})
    pages += sitemap_pages(pages, _lastmod(entries, groups), default)
    return Site(tuple(pages), ordered)


def _section_pages(
    config: Config,
    groups: dict[str, tuple[Section, ...]],
    days: Sequence[Edition],
    nav: Nav,
) -> list[Page]:
    """Language sections, topics, outlets and days, with their feeds and indexes."""
    pages: list[Page] = []
    for section in groups["language"]:
        feed = _section_feed(config, section)
        pages += edition_pages(
            config,
            section.folder,
            section.key,
            in_language(days, section.key),
            nav,
            _link(feed),
            section,
        )
        pages += feed_pages(feed)
    for section in groups["topic"]:
        feed = _section_feed(config, section)
        pages += list_pages(config, section, nav, _link(feed))
        pages += feed_pages(feed, XML)
    for section in (*groups["outlet"], *groups["edition"]):
        pages += list_pages(config, section, nav, None)
    for kind, folder in (
        ("topic", "topics"),
        ("outlet", "sources"),
        ("edition", "editions"),
    ):
        pages += directory_pages(
            config.default_language, kind, folder, groups[kind], nav
        )
    return pages


def _link(feed: Feed) -> Feed:
    """The feed as an HTML page links it: without its entries.

    The page then depends on the feed's title and path only, so editing a brief does
    not change the inputs (and the cached rendering) of every page that links it.
    One copy serves all the pages of a list, so fingerprints digest it once.
    """
    return replace(feed, entries=())


def _search_path(lang: str, default: str) -> tuple[str, str]:
    return (
        lang,
        "search/index.html" if lang == default else f"search/{lang}/index.html",
    )


def _section_feed(config: Config, section: Section) -> Feed:
    return Feed(
        f"{config.title}: {section.key}",
        section.folder,
        section.path,
        section.lang,
        section.entries[: config.feed_items],
        json=section.kind != "topic",
    )


def _lastmod(
    entries: Sequence[Entry], groups: dict[str, tuple[Section, ...]]
) -> dict[str, datetime]:
    """When each page last changed: its brief's date, or its newest brief's. A page
    of undated briefs only has none: the sitemap gives it no ``lastmod``."""
    dates = {e.path: e.brief.date for e in entries if e.brief.date is not None}
    # Each brief's date looked up by its path: a section's briefs are 50,000 in all.
    for found in groups.values():
        for section in found:
            known = [dates[e.path] for e in section.entries if e.path in dates]
            if known:
                dates[section.path] = max(known)
    newest = [dates[e.path] for e in entries if e.path in dates]
    if newest:
        dates["index.html"] = max(newest)
    return dates
