"""Ingest verb: pages, feeds and sitemaps (URLs or files) -> one Markdown file each.

Sources are expanded into articles one after the other (feeds are few); articles
are fetched concurrently through the polite Fetcher, then written in source order
so that names and the report do not depend on which server answered first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from site_builder.errors import SiteError
from site_builder.ingest.fetch import Fetcher, FetchError, FetchOptions
from site_builder.ingest.files import same_url, scan, write_article
from site_builder.ingest.http_cache import Response
from site_builder.ingest.listings import (
    Entry,
    ListingError,
    parse_listing,
    sniff,
    unpack,
)
from site_builder.load.html import extract_html, parse_date
from site_builder.summarize.outlets import site_of

Status = Literal["new", "known", "failed", "skipped"]
MAX_SITEMAP_DEPTH = 2  # an index of sitemaps of pages, no deeper
_HTML_TYPES = ("text/html", "application/xhtml+xml", "")


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """What to take and how to fetch it."""

    since: datetime | None = None  # feed and sitemap entries older than this are left
    dry_run: bool = False
    fetch: FetchOptions = field(default_factory=FetchOptions)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one article (or to a source that yielded none)."""

    source: str  # the URL or file it came from
    status: Status
    message: str = ""
    path: str | None = None  # written (or, on a dry run, to be written), under into


@dataclass(frozen=True, slots=True)
class IngestReport:
    """Every outcome, in source order."""

    outcomes: tuple[Outcome, ...]

    def count(self, status: Status) -> int:
        return sum(o.status == status for o in self.outcomes)

    def summary(self) -> str:
        line = (
            f"{self.count('new')} new, {self.count('known')} already here, "
            f"{self.count('failed')} failed"
        )
        skipped = self.count("skipped")
        return f"{line}, {skipped} skipped" if skipped else line


@dataclass(frozen=True, slots=True)
class _Item:
    """One article to fetch, with what its listing already said about it."""

    source: str
    url: str | None
    hint: Entry = field(default_factory=lambda: Entry(None))
    outlet: str | None = None  # the listing's title
    lang: str | None = None
    page: Response | None = None  # fetched already (a page given as a source)
    local: bytes | None = None
    listed: bool = False  # came from a feed or sitemap: --since applies


@dataclass(frozen=True, slots=True)
class _Draft:
    """An extracted article, ready to be written."""

    source: str
    url: str | None
    fields: tuple[tuple[str, object], ...]
    text: str


def iso_date(text: str) -> datetime:
    """``--since``: an ISO 8601 date or time, UTC unless it says otherwise."""
    parsed = parse_date(text)
    if parsed is None:
        raise ValueError(text)
    return parsed


def ingest(
    sources: Sequence[str],
    into: Path,
    cache_dir: Path | None,
    options: IngestOptions,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
) -> IngestReport:
    """Fetch and extract every source's articles into ``into``; never overwrites."""
    fetcher = Fetcher(options.fetch, cache_dir)
    known = scan(into)
    outcomes: list[Outcome] = []
    items: list[_Item] = []
    for source in sources:
        try:
            items.extend(_expand(source, fetcher, options.since, outcomes))
        except (SiteError, ListingError, OSError) as error:
            outcomes.append(Outcome(source, "failed", _reason(error)))
    todo: list[_Item] = []
    seen: set[str] = set()
    for item in items:
        key = same_url(item.url) if item.url else None
        if key in seen:
            continue  # listed by two sources: one article, one outcome
        seen.update([key] if key else [])
        here = known.find(item.url)
        if here is not None:
            outcomes.append(Outcome(item.source, "known", f"already in {here}"))
        else:
            todo.append(item)
    fetched_at = (now or datetime.now(UTC)).replace(microsecond=0)
    for result in _fetch_all(todo, fetcher, options, progress):
        if isinstance(result, Outcome):
            outcomes.append(result)
            continue
        name, new = write_article(
            into,
            known,
            result.url,
            dict(result.fields),
            result.text,
            fetched_at,
            options.dry_run,
        )
        status: Status = "new" if new else "known"
        message = "" if new else f"already in {name}"
        outcomes.append(Outcome(result.source, status, message, name if new else None))
    return IngestReport(tuple(outcomes))


def _expand(
    source: str, fetcher: Fetcher, since: datetime | None, outcomes: list[Outcome]
) -> list[_Item]:
    """The articles a source stands for: itself, or its listing's entries."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        response = fetcher.get(source)
        data, base = response.data, response.url
    elif Path(source).is_file():
        data, base, response = Path(source).read_bytes(), None, None
    else:
        raise FetchError("neither a file nor an http(s) address", source)
    if sniff(unpack(data)) == "page":
        return [_Item(source, base, page=response, local=data if not base else None)]
    listing = parse_listing(data, base)
    if listing.is_index:
        return _expand_index(source, listing.entries, fetcher, since, outcomes)
    items = []
    for number, entry in enumerate(listing.entries, start=1):
        label = entry.url or f"{source} (entry {number})"
        if since is not None and entry.date is not None and entry.date < since:
            outcomes.append(Outcome(label, "skipped", "older than --since"))
        elif entry.url and not urlsplit(entry.url).scheme:
            outcomes.append(
                Outcome(label, "failed", "relative link and no base address")
            )
        elif entry.url or entry.text:
            items.append(
                _Item(label, entry.url, entry, listing.title, listing.lang, listed=True)
            )
    return items


def _expand_index(
    source: str,
    entries: Iterable[Entry],
    fetcher: Fetcher,
    since: datetime | None,
    outcomes: list[Outcome],
    depth: int = 1,
) -> list[_Item]:
    items: list[_Item] = []
    for entry in entries:
        if entry.url is None or (since and entry.date and entry.date < since):
            continue
        if depth >= MAX_SITEMAP_DEPTH:
            outcomes.append(
                Outcome(entry.url, "failed", "sitemap indexes nest too deep")
            )
            continue
        try:
            items.extend(_expand(entry.url, fetcher, since, outcomes))
        except (SiteError, ListingError, OSError) as error:
            outcomes.append(Outcome(entry.url, "failed", _reason(error)))
    return items


def _fetch_all(
    items: Sequence[_Item],
    fetcher: Fetcher,
    options: IngestOptions,
    progress: Callable[[int, int], None] | None,
) -> list[_Draft | Outcome]:
    results: list[_Draft | Outcome | None] = [None] * len(items)
    workers = max(1, options.fetch.concurrency)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(_process, item, fetcher, options.since): index
            for index, item in enumerate(items)
        }
        for done, future in enumerate(as_completed(futures), start=1):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(done, len(items))
    return [r for r in results if r is not None]


def _process(item: _Item, fetcher: Fetcher, since: datetime | None) -> _Draft | Outcome:
    """Fetch and extract one article; every failure becomes an Outcome."""
    try:
        draft = _extract(item, fetcher)
    except (SiteError, ListingError, OSError) as error:
        return Outcome(item.source, "failed", _reason(error))
    except Exception as error:  # a hostile page must not stop the other articles
        return Outcome(item.source, "failed", f"extraction failed: {error!r}")
    date = dict(draft.fields).get("date")
    if item.listed and since and isinstance(date, datetime) and date < since:
        return Outcome(item.source, "skipped", "older than --since")
    if not draft.text.strip():
        return Outcome(item.source, "failed", "no article text found in the page")
    return draft


def _extract(item: _Item, fetcher: Fetcher) -> _Draft:
    hint = item.hint
    if item.url is None and item.local is None:  # a feed entry carrying its text
        fields = {"title": hint.title, "date": hint.date, "lang": item.lang}
        return _draft(item, None, hint.text, {**fields, "outlet": item.outlet})
    response = item.page
    if response is None and item.url is not None:
        response = fetcher.get(item.url)
    if response is not None and not response.content_type.startswith(_HTML_TYPES):
        kind = response.content_type.split(";")[0]
        raise FetchError(f"not an HTML page ({kind})", response.url)
    data = response.data if response is not None else item.local or b""
    charset = response.charset if response is not None else None
    markup = data.decode(charset, "replace") if charset else data
    page = extract_html(markup, response.url if response is not None else None)
    url = page.canonical_url or (response.url if response is not None else None)
    fields = {
        "title": page.title or hint.title,
        "date": page.date or hint.date,
        "outlet": page.outlet or item.outlet,
        "author": page.author,
        "lang": page.lang or item.lang,
    }
    return _draft(item, url, page.text or hint.text, fields)


def _draft(
    item: _Item, url: str | None, text: str, fields: Mapping[str, object]
) -> _Draft:
    values = dict(fields)
    lang = values.get("lang")
    if isinstance(lang, str):  # a feed's "en-GB"; pages are reduced in extract
        values["lang"] = re.split(r"[-_]", lang.lower())[0]
    if url and _bare_host(values.get("outlet"), url):
        # no og:site_name (trafilatura then gives the host): the site's own name
        values["outlet"] = site_of(url)
    return _Draft(item.source, url, tuple(values.items()), text)


def _bare_host(outlet: object, url: str) -> bool:
    """Whether ``outlet`` says no more than ``url``'s host ("www.bbc.co.uk")."""
    if not isinstance(outlet, str) or not outlet.strip():
        return True
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return outlet.strip().lower().removeprefix("www.") == host


def _reason(error: BaseException) -> str:
    if isinstance(error, SiteError):
        return error.message
    return str(error) or type(error).__name__
