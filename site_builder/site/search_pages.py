"""Site stage, search: the search pages, and which story pages each index shard holds.

One Pagefind bundle per language, cut into shards of about ``SHARD_PAGES`` story
pages (more in a large language: ``shard_size``) that the search page merges
(``pagefind/en/``, ``pagefind/en.3fa29c1e/``, ...): the write stage indexes them
(``write.search``), the search page lists them.

A language's pages are taken in date order and cut where a page's path hash says
so (content-defined cuts, as rsync and restic cut files), so a shard's pages are a
pure function of the site, not of its history, and a change moves few cuts: an
edited page re-indexes its shard; a new article, dated today, lands in the newest
shard; a new page never reshuffles the others, whatever the archive's size.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from site_builder.model import Page, PageContext
from site_builder.site.feeds import Feed
from site_builder.site.page_lists import BriefContext, Nav
from site_builder.site.taxonomy import Section, SectionHead, stamp

SHARD_PAGES = 250  # pages per shard, on average, in a language of up to MAX_SHARDS
MAX_SHARDS = 32  # shards of a language before they grow (see README, Search)
SEARCH_TOPICS = 200  # topics offered as a filter on the search page, largest first


@dataclass(frozen=True, slots=True)
class SearchContext(PageContext):
    """A search page: the bundles to load and the topics to filter by."""

    nav: Nav
    feed: Feed
    topics: tuple[SectionHead, ...]
    search_bundles: tuple[str, ...]  # languages with an index
    search_shards: tuple[str, ...]  # every shard's bundle name


def search_languages(pages: Iterable[Page]) -> tuple[str, ...]:
    """The languages that get a bundle: those of the story pages."""
    return tuple(sorted({p.lang for p in pages if isinstance(p.context, BriefContext)}))


def shards(pages: Iterable[Page]) -> dict[str, list[str]]:
    """Bundle name (``en``, ``en.3fa29c1e``, ...) -> the output paths it indexes,
    in date order: every story page in one shard."""
    dated: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for page in pages:
        if isinstance(page.context, BriefContext):
            dated[page.lang].append((stamp(page.context.brief), page.path))
    found: dict[str, list[str]] = {}
    for lang, items in sorted(dated.items()):
        runs = cut([path for _, path in sorted(items)], shard_size(len(items)))
        for number, run in enumerate(runs):
            name = lang if number == 0 else f"{lang}.{stable_hash(run[0], b'name'):08x}"
            while name in found:  # two first pages with one hash: never seen, but sure
                name += "x"
            found[name] = run
    return dict(sorted(found.items()))


def shard_size(pages: int) -> int:
    """Pages per shard, on average, of a language of ``pages`` story pages:
    ``SHARD_PAGES``, doubled until the language has at most ``MAX_SHARDS`` shards.

    Small shards make an edit cheap to index, but the search page fetches every
    shard's entry and metadata before its first result (332 shards of 250 took it
    3.6 s for 80,000 pages, 35 of 2,000 took 1.0-1.6 s): past ``MAX_SHARDS`` the
    reader's wait grows more than the edit's cost falls. A language crossing a
    doubling is indexed again once, as a new archive would be."""
    size = SHARD_PAGES
    while pages > size * MAX_SHARDS:
        size *= 2
    return size


def cut(paths: Sequence[str], size: int) -> list[list[str]]:
    """``paths`` cut into runs of ``size`` on average, ``size // 2`` to ``2 * size``
    each: a run ends before a path whose hash is a multiple of ``size - size // 2``
    once it holds ``size // 2`` paths, or at ``2 * size``.

    A run's end depends only on its start and its own paths, so an added, removed
    or moved path changes its own run, and the next only when that run ended by
    length (about 5% of runs): cuts find themselves again at the next hashed one.
    """
    low, high = max(1, size // 2), max(2, 2 * size)
    every = max(1, size - low)
    runs: list[list[str]] = []
    run: list[str] = []
    for path in paths:
        if len(run) >= high or (len(run) >= low and stable_hash(path) % every == 0):
            runs.append(run)
            run = []
        run.append(path)
    return [*runs, run] if run else runs


def search_pages(
    groups: dict[str, tuple[Section, ...]],
    nav: Nav,
    site_link: Feed,
    stories: Sequence[Page],
    search: bool,
) -> list[Page]:
    """One search page per interface language, listing the largest topics and the
    index bundles of the ``stories`` pages (none when ``search`` is off)."""
    # Pagefind writes multi-valued filters in a random order (its bytes change from
    # build to build), so topics are page metadata and the search page lists them.
    largest = sorted(groups["topic"], key=lambda s: (-len(s.entries), s.key))
    topics = tuple(s.head for s in largest[:SEARCH_TOPICS])
    bundles = search_languages(stories) if search else ()
    names = tuple(shards(stories)) if search else ()
    context = SearchContext(nav, site_link, topics, bundles, names)
    return [Page(path, "search.html", lang, context) for lang, path in nav.searches]


def stable_hash(text: str, salt: bytes = b"") -> int:
    """A 32-bit hash of ``text``, the same on every run and machine (``hash`` is
    salted per process); blake2b, because CRC-32's low bits spread look-alike paths
    over few buckets. ``salt`` gives an unrelated hash of the same text."""
    found = hashlib.blake2b(
        text.encode("utf-8", "surrogatepass"), digest_size=4, salt=salt
    )
    return int.from_bytes(found.digest(), "big")
