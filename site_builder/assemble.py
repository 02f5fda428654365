"""Assemble stage: Config + summarized stories -> Site (slugs, URLs, pages); pure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from site_builder.config import Config
from site_builder.errors import BuildWarning
from site_builder.feeds import XML, Feed, feed_pages
from site_builder.model import Brief, Page, Site, Story, Summary
from site_builder.sitemap import sitemap_pages
from site_builder.taxonomy import (
    MAX_SLUG,
    Edition,
    Entry,
    Section,
    editions,
    label_key,
    make_entries,
    newest_first,
    related,
    sections,
    slugify,
    translations,
)

# Top-level names the site itself uses: a brief never takes them.
RESERVED = frozenset(
    {
        "index",
        "static",
        "pagefind",
        "feeds",
        "topics",
        "editions",
        "404",
        "search",
        "sources",
        "languages",
        "page",
    }
)
T = TypeVar("T")
DIRECTORY_PER_PAGE = 100  # names per page of the topics, sources and editions indexes
SEARCH_TOPICS = 200  # topics offered as a filter on the search page, largest first

__all__ = ["Nav", "Pager", "assemble", "name_briefs", "slugify"]


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a list page sits among its siblings (paths relative to output/)."""

    number: int
    count: int
    previous: str | None
    next: str | None


@dataclass(frozen=True, slots=True)
class Nav:
    """What every page links to: language sections, search pages, the site feed."""

    languages: tuple[tuple[str, str], ...]  # (code, path of its section)
    searches: tuple[tuple[str, str], ...]  # (interface language, search page path)
    default_language: str

    def search(self, lang: str) -> str | None:
        """The search page in ``lang``, else the default one (None: no search)."""
        found = dict(self.searches)
        return found.get(lang) or found.get(self.default_language)


def name_briefs(
    stories: Sequence[tuple[Story, Summary]],
) -> tuple[tuple[Brief, ...], tuple[BuildWarning, ...]]:
    """Give each brief a unique slug: the editor's ``slug``, else one from its title.

    Language versions of one story that want the same slug get ``-fr``, ``-en``...
    silently. Otherwise, when two stories want the same slug, the one whose canonical
    path sorts first keeps it and the other gets ``-2``, ``-3``...; both are built and
    a warning says so.
    """
    taken: dict[str, tuple[str, str]] = {}  # slug -> (canonical path, story id)
    briefs: list[Brief] = []
    warnings: list[BuildWarning] = []
    order = sorted(stories, key=lambda pair: (pair[0].canonical.path, pair[0].id))
    for story, summary in order:
        meta = story.canonical.article.meta
        wanted = slugify(meta.slug or summary.title) or f"story-{story.id}"
        if wanted in RESERVED:
            wanted = f"{wanted}-{story.id}"
        if wanted in taken and taken[wanted][1] == story.id:
            wanted = f"{wanted[: MAX_SLUG - 4]}-{story.canonical.lang}"
        slug, number = wanted, 1
        while slug in taken:
            number += 1
            slug = f"{wanted[: MAX_SLUG - 4]}-{number}"
        if slug != wanted:
            warnings.append(
                BuildWarning(
                    f"slug {wanted!r} is already used by {taken[wanted][0]}; "
                    f"this brief is published as {slug!r}",
                    story.canonical.path,
                )
            )
        taken[slug] = (story.canonical.path, story.id)
        labels = meta.tags or summary.keywords[:3]
        topics = tuple(
            dict.fromkeys(label_key(text).lower() for text in labels if text.strip())
        )
        briefs.append(Brief(story, summary, slug, topics))
    return tuple(briefs), tuple(warnings)


def assemble(config: Config, briefs: Sequence[Brief]) -> Site:
    """Every page of the site with its template and context."""
    ordered = tuple(sorted(briefs, key=newest_first))
    entries = make_entries(ordered)
    groups = sections(entries, config.default_language)
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
    pages: list[Page] = [
        *_edition_pages(config, "", default, entries, nav, site_feed, None),
        *_brief_pages(entries, nav, site_feed),
    ]
    for section in groups["language"]:
        feed = _section_feed(config, section)
        pages += _edition_pages(
            config, section.folder, section.key, section.entries, nav, feed, section
        )
        pages += feed_pages(feed)
    for section in groups["topic"]:
        feed = _section_feed(config, section)
        pages += _list_pages(config, section, nav, feed)
        pages += feed_pages(feed, XML)
    for section in (*groups["outlet"], *groups["edition"]):
        pages += _list_pages(config, section, nav, None)
    for kind, folder in (
        ("topic", "topics"),
        ("outlet", "sources"),
        ("edition", "editions"),
    ):
        pages += _directory_pages(default, kind, folder, groups[kind], nav)
    # Pagefind writes multi-valued filters in a random order (its bytes change from
    # build to build), so topics are page metadata and the search page lists them.
    topics = tuple(
        s.head
        for s in sorted(groups["topic"], key=lambda s: (-len(s.entries), s.key))[
            :SEARCH_TOPICS
        ]
    )
    pages += [
        Page(
            path,
            "search.html",
            lang,
            (("nav", nav), ("feed", site_feed), ("topics", topics)),
        )
        for lang, path in nav.searches
    ]
    pages.append(Page("404.html", "404.html", default, (("nav", nav), ("feed", None))))
    pages += feed_pages(site_feed)
    pages += sitemap_pages(pages, _lastmod(entries, groups), default)
    return Site(tuple(_feed_as_link(page) for page in pages), ordered)


def _feed_as_link(page: Page) -> Page:
    """An HTML page only links to its feed: give it the feed without its entries.

    The page then depends on the feed's title and path only, so editing a brief does
    not change the inputs (and the cached rendering) of every page that links it.
    """
    if not page.template.endswith(".html"):
        return page
    context = tuple(
        (key, replace(value, entries=()) if isinstance(value, Feed) else value)
        for key, value in page.context
    )
    return Page(page.path, page.template, page.lang, context)


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


def paginate(folder: str, count: int) -> list[tuple[str, Pager]]:
    """Paths and pagers of ``count`` pages: folder/index.html, folder/page/2/..."""
    prefix = f"{folder}/" if folder else ""
    paths = [f"{prefix}index.html"]
    paths += [f"{prefix}page/{n}/index.html" for n in range(2, count + 1)]
    return [
        (
            path,
            Pager(
                number,
                count,
                paths[number - 2] if number > 1 else None,
                paths[number] if number < count else None,
            ),
        )
        for number, path in enumerate(paths, start=1)
    ]


def _chunks(items: Sequence[T], size: int) -> Iterator[tuple[T, ...]]:
    """Pieces of ``size`` items; one empty piece when there is nothing."""
    for start in range(0, max(len(items), 1), size):
        yield tuple(items[start : start + size])


def _edition_pages(
    config: Config,
    folder: str,
    lang: str,
    entries: Sequence[Entry],
    nav: Nav,
    feed: Feed,
    section: Section | None,
) -> list[Page]:
    """Home or a language section: whole editions, ``per_page`` briefs or so a page."""
    chunks: list[list[Edition]] = [[]]
    for edition in editions(entries):
        if chunks[-1] and sum(len(e.entries) for e in chunks[-1]) >= config.per_page:
            chunks.append([])
        chunks[-1].append(edition)
    return [
        Page(
            path,
            "index.html",
            lang,
            (
                ("editions", tuple(chunk)),
                ("pager", pager),
                ("section", section.head if section else None),
                ("nav", nav),
                ("feed", feed),
            ),
        )
        for (path, pager), chunk in zip(
            paginate(folder, len(chunks)), chunks, strict=True
        )
    ]


def _list_pages(
    config: Config, section: Section, nav: Nav, feed: Feed | None
) -> list[Page]:
    """A topic, an outlet or a day: its briefs, ``per_page`` a page."""
    chunks = list(_chunks(section.entries, config.per_page))
    return [
        Page(
            path,
            "list.html",
            section.lang,
            (
                ("section", section.head),
                ("entries", chunk),
                ("pager", pager),
                ("nav", nav),
                ("feed", feed),
            ),
        )
        for (path, pager), chunk in zip(
            paginate(section.folder, len(chunks)), chunks, strict=True
        )
    ]


def _directory_pages(
    lang: str, kind: str, folder: str, items: Sequence[Section], nav: Nav
) -> list[Page]:
    """The index of all topics, outlets or editions, with their number of briefs."""
    # Topics by size, outlets by name, editions newest first (as sections() gives).
    ordered = (
        sorted(items, key=lambda s: (-len(s.entries), s.key))
        if kind == "topic"
        else items
    )
    chunks = list(_chunks([item.head for item in ordered], DIRECTORY_PER_PAGE))
    return [
        Page(
            path,
            "directory.html",
            lang,
            (
                ("kind", kind),
                ("items", chunk),
                ("pager", pager),
                ("nav", nav),
                ("feed", None),
            ),
        )
        for (path, pager), chunk in zip(
            paginate(folder, len(chunks)), chunks, strict=True
        )
    ]


def _brief_pages(entries: Sequence[Entry], nav: Nav, feed: Feed) -> list[Page]:
    """Story pages; previous and next stay within the story's language."""
    versions = translations(entries)
    near = related(entries)
    by_lang: dict[str, list[Entry]] = {}
    for entry in entries:
        by_lang.setdefault(entry.brief.lang, []).append(entry)
    pages = []
    for same in by_lang.values():
        for index, entry in enumerate(same):
            context = (
                ("entry", entry),
                ("brief", entry.brief),
                ("translations", versions.get(entry.brief.story.id, ())),
                ("related", near[entry.path]),
                ("newer", same[index - 1] if index > 0 else None),
                ("older", same[index + 1] if index + 1 < len(same) else None),
                ("nav", nav),
                ("feed", feed),
            )
            pages.append(Page(entry.path, "brief.html", entry.brief.lang, context))
    return sorted(pages, key=lambda p: p.path)


def _lastmod(
    entries: Sequence[Entry], groups: dict[str, tuple[Section, ...]]
) -> dict[str, datetime]:
    """When each page last changed: its brief's date, or its newest brief's."""
    dates = {e.path: e.brief.date for e in entries}
    for found in groups.values():
        for section in found:
            if section.entries:
                dates[section.path] = max(e.brief.date for e in section.entries)
    if entries:
        dates["index.html"] = max(e.brief.date for e in entries)
    return dates
