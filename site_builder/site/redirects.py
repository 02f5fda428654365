"""Assemble stage, redirects: a small page at each old URL of a story; pure.

Which old URLs a story has is decided when briefs are named (``site.naming``); here
each becomes a page that sends the reader on at once (``<meta http-equiv=refresh>``,
what a static host without server rules can do; Hugo's aliases do the same) and tells
crawlers where the story now lives (``rel=canonical``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from site_builder.model import Page, PageContext
from site_builder.site.taxonomy import Entry

REDIRECT_TEMPLATE = "redirect.html"


@dataclass(frozen=True, slots=True)
class RedirectContext(PageContext):
    """An old URL of a story: where it went, and the story's headline."""

    target: str  # output path of the story page
    title: str


def redirect_pages(entries: Sequence[Entry], pages: Collection[str]) -> list[Page]:
    """A redirect page at each old path of each brief that no page of the site
    (``pages``: their output paths) stands at."""
    return [
        Page(
            old,
            REDIRECT_TEMPLATE,
            entry.brief.lang,
            RedirectContext(entry.path, entry.brief.summary.title),
        )
        for entry in entries
        for old in entry.brief.aliases
        if old not in pages
    ]
