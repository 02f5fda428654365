"""Render stage, feeds: each item's HTML, the JSON Feed document, RSS dates."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime

from markupsafe import Markup

from site_builder.render.catalogs import Interface
from site_builder.site.feeds import Feed, sources_of
from site_builder.site.taxonomy import Entry
from site_builder.site.urls import canonical_url
from site_builder.text.typography import typeset

MIME = {
    "atom.xml": "application/atom+xml",
    "rss.xml": "application/rss+xml",
    "feed.json": "application/feed+json",
}


def item_html(words: Interface, entry: Entry) -> Markup:
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
        # The msgid of the story page's own heading (brief.html), extracted there.
        heading = words.gettext(words.language(lang), "Sources")
        parts.append(Markup("<p>{}</p>").format(heading))
        parts.append(Markup("<ul>{}</ul>").format(Markup("").join(links)))
    return Markup("\n").join(parts)


def json_feed(
    feed: Feed, site_title: str, base_url: str, item: Callable[[Entry], Markup]
) -> str:
    """The JSON Feed 1.1 document, items carrying their sources in ``_sources``;
    ``item`` gives each item's HTML (``item_html``)."""
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": canonical_url(base_url, feed.page),
        "feed_url": canonical_url(base_url, feed.path("feed.json")),
        "language": feed.lang,
        "authors": [{"name": site_title}],
        "items": [_json_item(entry, base_url, item) for entry in feed.entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _json_item(
    entry: Entry, base_url: str, item_html: Callable[[Entry], Markup]
) -> dict[str, object]:
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


def rfc822(value: datetime) -> str:
    """An RSS date: ``Sun, 29 Nov 2026 10:00:00 +0000``."""
    return format_datetime(value.astimezone(UTC))
