"""Ingest's side of content/: what is already there, and new files written safely.

An article is already here when its canonical URL (tracking parameters and
fragment aside) or its words (case and punctuation aside) match a file's.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from site_builder.errors import ContentError
from site_builder.load.fields import split_front_matter
from site_builder.load.html import html_article_fields
from site_builder.text.slugs import slugify

_SCANNED = (".md", ".markdown", ".txt", ".html", ".htm")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)


@dataclass
class Known:
    """Canonical URLs, text fingerprints and names already in the content folder."""

    urls: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)

    def add(self, name: str, url: str | None, text: str) -> None:
        self.names.add(name)
        if url:
            self.urls.setdefault(same_url(url), name)
        if text.strip():
            self.texts.setdefault(fingerprint(text), name)

    def find(self, url: str | None, text: str = "") -> str | None:
        if url and same_url(url) in self.urls:
            return self.urls[same_url(url)]
        return self.texts.get(fingerprint(text)) if text.strip() else None


def same_url(url: str) -> str:
    """A URL reduced for comparison: no fragment, tracking query or default port."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port not in (None, 80, 443) else None
    query = [(k, v) for k, v in parse_qsl(parts.query, True) if not _TRACKING.match(k)]
    netloc = f"{host}:{port}" if port else host
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))


def fingerprint(text: str) -> str:
    """Two bodies with the same words in the same order share a fingerprint."""
    words = re.sub(r"[^\w\s]", " ", text.casefold()).split()
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def scan(into: Path) -> Known:
    """What the content folder already holds; unreadable files are passed over."""
    known = Known()
    if not into.is_dir():
        return known
    for path in sorted(into.rglob("*")):
        rel = path.relative_to(into)
        if path.suffix.lower() not in _SCANNED or any(
            part.startswith((".", "_")) for part in rel.parts
        ):
            continue
        try:
            url, text = _read_known(path)
        except (OSError, ContentError):
            continue
        known.add(rel.as_posix(), url, text)
    return known


def _read_known(path: Path) -> tuple[str | None, str]:
    data = path.read_bytes()
    if path.suffix.lower() in (".html", ".htm"):
        text, fields = html_article_fields(data)
        url = fields.get("source_url")
        return (url if isinstance(url, str) else None), text
    split = split_front_matter(data.decode("utf-8-sig", "replace"))
    urls = [f.value for f in split.fields if f.key == "source_url"]
    return (urls[0] if urls and isinstance(urls[0], str) else None), split.body


def write_article(
    into: Path,
    known: Known,
    url: str | None,
    values: Mapping[str, object],
    text: str,
    fetched_at: datetime,
    dry_run: bool = False,
) -> tuple[str, bool]:
    """(file name, True) once written, or (the file that has it already, False)."""
    here = known.find(url, text)
    if here is not None:
        return here, False
    date = values.get("date")
    front = {
        "title": values.get("title"),
        "date": date.isoformat() if isinstance(date, datetime) else None,
        "source_url": url,
        "outlet": values.get("outlet"),
        "author": values.get("author"),
        "lang": values.get("lang"),
        "fetched_at": fetched_at.isoformat(),
    }
    head = yaml.safe_dump(
        {k: v for k, v in front.items() if v is not None},
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )
    document = f"---\n{head}---\n\n{text.strip()}\n".encode()
    names = _names(str(values.get("title") or ""), url, text)
    free = (n for n in names if n not in known.names and not (into / n).exists())
    if dry_run:
        name = next(free)
    else:
        into.mkdir(parents=True, exist_ok=True)
        name = create_file(into, free, document)
    known.add(name, url, text)
    return name, True


def _names(title: str, url: str | None, text: str) -> Iterator[str]:
    """Stable file names: the title's slug, then with a hash of the article."""
    path_slug = slugify(Path(urlsplit(url).path).stem) if url else ""
    slug = slugify(title) or path_slug or "article"
    yield f"{slug}.md"
    digest = hashlib.sha256((url or text).encode()).hexdigest()[:8]
    yield f"{slug}-{digest}.md"
    number = 2
    while True:
        yield f"{slug}-{digest}-{number}.md"
        number += 1


def create_file(folder: Path, names: Iterator[str], data: bytes) -> str:
    """Write ``data`` under the first free name; atomic, and never overwrites.

    A temporary file is written in ``folder`` and then hard-linked to its name:
    unlike os.replace, a link fails when the name exists, even if another process
    took it a moment ago. Where hard links are unsupported, os.replace is used
    after checking that the name is free.
    """
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".ingest-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        for name in names:
            try:
                os.link(temp, folder / name)
            except FileExistsError:
                continue
            except OSError:
                if (folder / name).exists():
                    continue
                os.replace(temp, folder / name)
            return name
        raise AssertionError("names never run out")
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
