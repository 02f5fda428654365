"""Vocabulary for ingest: RSS, Atom, JSON Feed and sitemaps parsed into entries; pure.

XML is read with the stdlib's ElementTree: its expat (2.4+) refuses entity
expansion bombs and it never loads external entities, so a hostile feed costs at
most its own size.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin

from site_builder.ingest.fragments import html_blocks, html_text, html_title
from site_builder.load.html import escape_block, parse_date

Kind = Literal["page", "feed", "sitemap"]
MAX_UNZIPPED = 50 * 1024 * 1024  # the sitemaps.org limit for one file
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ROOT = re.compile(
    rb"<(?:[\w-]+:)?(rss|feed|RDF|urlset|sitemapindex|html)\b", re.IGNORECASE
)
_FEED_ROOTS = {b"rss", b"feed", b"rdf"}


class ListingError(ValueError):
    """A feed or sitemap that cannot be read."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One article a listing points to (or carries, when it has no address)."""

    url: str | None
    title: str | None = None
    date: datetime | None = None
    text: str = ""  # the entry's own content as Markdown text, used when url is None


@dataclass(frozen=True, slots=True)
class Listing:
    """A feed's articles, or a sitemap's pages, or a sitemap index's sitemaps."""

    entries: tuple[Entry, ...]
    title: str | None = None  # the feed's name: an outlet when pages give none
    lang: str | None = None
    is_index: bool = False  # entries are sitemaps, not pages


def unpack(data: bytes) -> bytes:
    """Gzip-compressed bytes (sitemap.xml.gz) uncompressed, within a size limit."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unzip.decompress(data, MAX_UNZIPPED + 1)
    except zlib.error as error:
        raise ListingError(f"broken gzip data: {error}") from error
    if len(out) > MAX_UNZIPPED:
        raise ListingError("uncompressed size is over 50 MB")
    return out


def sniff(data: bytes) -> Kind:
    """What the bytes are: an HTML page, a feed or a sitemap."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "feed"
    found = _ROOT.search(head)
    if found is None:
        return "page"
    root = found.group(1).lower()
    if root in _FEED_ROOTS:
        return "feed"
    return "page" if root == b"html" else "sitemap"


def parse_listing(data: bytes, base: str | None) -> Listing:
    """Entries of a feed or sitemap; relative links resolve against ``base``."""
    data = unpack(data)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return _json_feed(data, base)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise ListingError(f"not well-formed XML: {error}") from error
    base = urljoin(base or "", root.get(_XML_BASE, "")) or None
    kind = _local(root.tag)
    if kind in ("urlset", "sitemapindex"):
        return _sitemap(root, base, kind == "sitemapindex")
    if kind == "feed":
        return _atom(root, base)
    if kind in ("rss", "RDF"):
        return _rss(root, base)
    raise ListingError(f"<{kind}> is neither a feed nor a sitemap")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, *names: str) -> ET.Element | None:
    """The first child whose local name is among ``names``, in that preference."""
    for name in names:
        for child in element:
            if _local(child.tag) == name:
                return child
    return None


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None


def _join(base: str | None, link: str | None) -> str | None:
    if not link:
        return None
    return urljoin(base, link.strip()) if base else link.strip()


def _rss(root: ET.Element, base: str | None) -> Listing:
    channel = _child(root, "channel")
    home = _text(_child(channel, "link")) if channel is not None else None
    base = base or home
    entries = []
    for item in root.iter():
        if _local(item.tag) != "item":
            continue
        link = _text(_child(item, "link"))
        guid = _child(item, "guid")
        if not link and guid is not None and guid.get("isPermaLink") != "false":
            link = _text(guid)
        body = _child(item, "encoded", "description")
        entries.append(
            Entry(
                url=_join(base, link),
                title=html_title(_text(_child(item, "title"))),
                date=feed_date(_text(_child(item, "pubDate", "date"))),
                text=html_text("".join(body.itertext())) if body is not None else "",
            )
        )
    title = _text(_child(channel, "title")) if channel is not None else None
    lang = _text(_child(channel, "language")) if channel is not None else None
    return Listing(tuple(entries), title, lang)


def _atom(root: ET.Element, base: str | None) -> Listing:
    entries = []
    for entry in root:
        if _local(entry.tag) != "entry":
            continue
        entry_base = urljoin(base or "", entry.get(_XML_BASE, "")) or None
        links = [c for c in entry if _local(c.tag) == "link"]
        alternate = next(
            (c for c in links if c.get("rel", "alternate") == "alternate"), None
        )
        href = alternate.get("href") if alternate is not None else None
        body = _child(entry, "content", "summary")
        entries.append(
            Entry(
                url=_join(entry_base, href),
                title=html_title(_atom_text(_child(entry, "title"), escape=False)),
                date=feed_date(_text(_child(entry, "published", "updated"))),
                text=_atom_text(body),
            )
        )
    title = html_title(_atom_text(_child(root, "title"), escape=False))
    return Listing(tuple(entries), title, root.get(_XML_LANG))


def _atom_text(element: ET.Element | None, escape: bool = True) -> str:
    """Atom text constructs: type="html" is escaped markup, "xhtml" is inline XML."""
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "xhtml":
        source = "".join(ET.tostring(c, encoding="unicode") for c in element)
    else:
        source = element.text or ""
    blocks = html_blocks(source, markup=kind != "text")
    return "\n\n".join(escape_block(b) if escape else b for b in blocks)


def _sitemap(root: ET.Element, base: str | None, index: bool) -> Listing:
    entries = []
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        date = feed_date(_text(_child(node, "lastmod")))
        entries.append(Entry(_join(base, _text(_child(node, "loc"))), None, date))
    return Listing(tuple(e for e in entries if e.url), is_index=index)


def _json_feed(data: bytes, base: str | None) -> Listing:
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ListingError(f"not valid JSON: {error}") from error
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        raise ListingError("JSON without an 'items' list is not a JSON Feed")
    base = base or _str(feed.get("feed_url")) or _str(feed.get("home_page_url"))
    entries = []
    for item in feed["items"]:
        if not isinstance(item, dict):
            continue
        html = _str(item.get("content_html")) or _str(item.get("summary"))
        plain = _str(item.get("content_text"))
        entries.append(
            Entry(
                url=_join(
                    base, _str(item.get("url")) or _str(item.get("external_url"))
                ),
                title=html_title(_str(item.get("title")), markup=False),
                date=feed_date(_str(item.get("date_published"))),
                text=html_text(plain, markup=False) if plain else html_text(html or ""),
            )
        )
    return Listing(tuple(entries), _str(feed.get("title")), _str(feed.get("language")))


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def feed_date(text: str | None) -> datetime | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, JSON Feed, sitemaps), always aware."""
    if not text:
        return None
    parsed = parse_date(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    if parsed is not None:
        return parsed
    try:
        rfc = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return rfc if rfc.tzinfo else rfc.replace(tzinfo=UTC)
