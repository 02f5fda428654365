"""Site stage, search: the search pages, and which story pages each index shard holds.

One Pagefind bundle per language (``pagefind/fr/``, ``pagefind/en/``), a language
with many pages cut into shards by page path (``pagefind/en/``, ``pagefind/en.1/``,
...) that the search page merges: the write stage indexes them, the search page
lists them (``write.search``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from site_builder.model import Page, PageContext
from site_builder.site.feeds import Feed
from site_builder.site.page_lists import Nav
from site_builder.site.taxonomy import Section, SectionHead

SHARD_PAGES = 1000  # pages per shard, about: a shard re-indexes in a second or two
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
    return tuple(sorted({p.lang for p in pages if p.template == "brief.html"}))


def shard_count(pages: int) -> int:
    """Shards of a language with ``pages`` pages: a power of two, so that a page
    keeps its shard until the archive doubles."""
    count = 1
    while count * SHARD_PAGES < pages:
        count *= 2
    return count


def shards(pages: Iterable[Page]) -> dict[str, list[str]]:
    """Bundle name (``en``, ``en.1``, ...) -> the output paths it indexes, sorted;
    a shard no page falls in has no bundle."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        if page.template == "brief.html":
            by_lang[page.lang].append(page.path)
    found: dict[str, list[str]] = {}
    for lang, paths in sorted(by_lang.items()):
        count = shard_count(len(paths))
        for path in sorted(paths):
            shard = stable_hash(path) % count
            found.setdefault(_bundle_name(lang, shard), []).append(path)
    return dict(sorted(found.items()))


def _bundle_name(lang: str, shard: int) -> str:
    return lang if shard == 0 else f"{lang}.{shard}"


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


def stable_hash(text: str) -> int:
    """A 32-bit hash of ``text``, the same on every run and machine (``hash`` is
    salted per process); blake2b, because CRC-32's low bits spread look-alike paths
    over few buckets."""
    found = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=4)
    return int.from_bytes(found.digest(), "big")
