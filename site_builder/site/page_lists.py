"""Assemble stage, its lists: the pages of the home, sections, indexes and briefs."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from site_builder.config import Config
from site_builder.model import Brief, Page, PageContext
from site_builder.site.feeds import Feed
from site_builder.site.related import related, translations
from site_builder.site.taxonomy import Edition, Entry, Section, SectionHead

T = TypeVar("T")
Links = Callable[[Sequence[Entry]], dict[str, tuple[Entry, ...]]]
DIRECTORY_PER_PAGE = 100  # names per page of the topics, sources and editions indexes


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


@dataclass(frozen=True, slots=True)
class EditionsContext(PageContext):
    """The home or a language section: whole editions, newest first."""

    editions: tuple[Edition, ...]
    pager: Pager
    section: SectionHead | None  # None: the home
    nav: Nav
    feed: Feed


@dataclass(frozen=True, slots=True)
class ListContext(PageContext):
    """A topic, an outlet or a day: its briefs."""

    section: SectionHead
    entries: tuple[Entry, ...]
    pager: Pager
    nav: Nav
    feed: Feed | None


@dataclass(frozen=True, slots=True)
class DirectoryContext(PageContext):
    """The index of all topics, outlets or editions."""

    kind: str
    items: tuple[SectionHead, ...]
    pager: Pager
    nav: Nav
    feed: None = None


@dataclass(frozen=True, slots=True)
class BriefContext(PageContext):
    """A story page: its brief, its other languages, related stories, neighbours."""

    entry: Entry
    brief: Brief
    translations: tuple[Entry, ...]
    related: tuple[Entry, ...]
    newer: Entry | None
    older: Entry | None
    nav: Nav | None
    feed: Feed | None


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


def edition_pages(
    config: Config,
    folder: str,
    lang: str,
    days: Sequence[Edition],
    nav: Nav,
    feed: Feed,
    section: Section | None,
) -> list[Page]:
    """Home or a language section: ``per_page`` briefs a page, under the heading of
    their day; a day cut by a page break goes on under its heading on the next."""
    chunks = split_editions(days, config.per_page)
    return [
        Page(
            path,
            "index.html",
            lang,
            EditionsContext(
                tuple(chunk), pager, section.head if section else None, nav, feed
            ),
        )
        for (path, pager), chunk in zip(
            paginate(folder, len(chunks)), chunks, strict=True
        )
    ]


def split_editions(days: Sequence[Edition], per_page: int) -> list[list[Edition]]:
    """The editions cut into pages of ``per_page`` briefs (one empty page when
    there is none): the size of a page never grows with a day's, whatever the
    corpus (234 briefs of one day made a 405 kB home page)."""
    pages: list[list[Edition]] = [[]]
    room = per_page
    for day in days:
        start = 0
        while start < len(day.entries):
            if room == 0:
                pages.append([])
                room = per_page
            part = day.entries[start : start + room]
            pages[-1].append(replace(day, entries=part, continued=start > 0))
            start += len(part)
            room -= len(part)
    return pages


def list_pages(
    config: Config, section: Section, nav: Nav, feed: Feed | None
) -> list[Page]:
    """A topic, an outlet or a day: its briefs, ``per_page`` a page."""
    chunks = list(_chunks(section.entries, config.per_page))
    return [
        Page(
            path,
            "list.html",
            section.lang,
            ListContext(section.head, chunk, pager, nav, feed),
        )
        for (path, pager), chunk in zip(
            paginate(section.folder, len(chunks)), chunks, strict=True
        )
    ]


def directory_pages(
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
            DirectoryContext(kind, chunk, pager, nav),
        )
        for (path, pager), chunk in zip(
            paginate(folder, len(chunks)), chunks, strict=True
        )
    ]


def brief_pages(
    entries: Sequence[Entry], nav: Nav, feed: Feed, links: Links = related
) -> list[Page]:
    """Story pages; previous and next stay within the story's language. ``links``
    gives each brief's related stories (``related``, or a cache of it)."""
    versions = translations(entries)
    near = links(entries)
    by_lang: dict[str, list[Entry]] = {}
    for entry in entries:
        by_lang.setdefault(entry.brief.lang, []).append(entry)
    pages = []
    for same in by_lang.values():
        for index, entry in enumerate(same):
            context = BriefContext(
                entry,
                entry.brief,
                versions.get(entry.brief.story.id, ()),
                near[entry.path],
                same[index - 1] if index > 0 else None,
                same[index + 1] if index + 1 < len(same) else None,
                nav,
                feed,
            )
            pages.append(Page(entry.path, "brief.html", entry.brief.lang, context))
    return sorted(pages, key=lambda p: p.path)
