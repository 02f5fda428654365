"""Assemble stage, for crawlers: sitemap.xml (sitemaps.org) and robots.txt; pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from site_builder.model import Page, PageContext
from site_builder.site.redirects import REDIRECT_TEMPLATE

MAX_URLS = 50_000  # the sitemaps.org limit for one file


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    path: str  # output path
    lastmod: datetime | None


@dataclass(frozen=True, slots=True)
class SitemapContext(PageContext):
    """One sitemap file: its URLs."""

    urls: tuple[SitemapUrl, ...]


@dataclass(frozen=True, slots=True)
class SitemapIndexContext(PageContext):
    """The sitemap index of a split sitemap: the paths of its parts."""

    sitemaps: tuple[str, ...]


def sitemap_pages(
    pages: Sequence[Page], lastmod: Mapping[str, datetime], lang: str
) -> list[Page]:
    """sitemap.xml for every HTML page but the 404 and redirects, split past 50,000
    URLs.

    A split sitemap becomes ``sitemap-N.xml`` files under a ``sitemap.xml`` index.
    """
    urls = tuple(
        SitemapUrl(p.path, lastmod.get(p.path))
        for p in sorted(pages, key=lambda p: p.path)
        if p.path.endswith(".html")
        and p.path != "404.html"
        and p.template != REDIRECT_TEMPLATE
    )
    chunks = [urls[i : i + MAX_URLS] for i in range(0, len(urls), MAX_URLS)] or [()]
    robots = Page("robots.txt", "robots.txt", lang, PageContext())
    if len(chunks) == 1:
        return [
            Page("sitemap.xml", "sitemap.xml", lang, SitemapContext(chunks[0])),
            robots,
        ]
    parts = [
        Page(f"sitemap-{n}.xml", "sitemap.xml", lang, SitemapContext(chunk))
        for n, chunk in enumerate(chunks, start=1)
    ]
    index = Page(
        "sitemap.xml",
        "sitemap-index.xml",
        lang,
        SitemapIndexContext(tuple(p.path for p in parts)),
    )
    return [*parts, index, robots]
