"""Load stage: content/ -> Articles, encodings handled, errors naming path:line."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from stat import S_ISREG

from site_builder.config import Config
from site_builder.errors import BuildWarning, ContentError, GoneError
from site_builder.load import dating
from site_builder.load.fields import split_front_matter
from site_builder.load.front_matter import front_matter
from site_builder.load.inputs import SUFFIXES, Inputs, scan
from site_builder.model import Article, FrontMatter, quick_pickle

MAX_ARTICLE_BYTES = 8 * 1024 * 1024
_HTTP_URL = re.compile(r"^https?://[^\s/]", re.IGNORECASE)


@quick_pickle  # 10,000 in the article cache at 10,000 articles
@dataclass(frozen=True, slots=True)
class Loaded:
    """One file's outcome: the article and what is worth a warning."""

    article: Article
    warnings: tuple[BuildWarning, ...]


def file_dates(config: Config) -> bool:
    """Whether the site dates undated articles by their files' times."""
    return config.content.undated == "file-time"


def read_article(root: Path, path: Path, file_dates: bool = False) -> Article:
    """The article at ``path`` under ``root``; ContentError names ``path:line``."""
    return load_file(root, path, file_dates).article


def load_file(root: Path, path: Path, file_dates: bool = False) -> Loaded:
    """Read one file under ``root``; raises ContentError naming ``path:line``.

    ``file_dates``: an undated article takes its file's time (``[content]
    undated = "file-time"``), else it stays undated (``load.dating``).
    """
    rel = (
        path.resolve().relative_to(root.resolve()).as_posix()
        if path.is_absolute()
        else str(path)
    )
    try:
        return _read(root, path, rel, file_dates)
    except ContentError as error:
        error.path = rel
        raise


def _read(root: Path, path: Path, rel: str, file_dates: bool) -> Loaded:
    full = path if path.is_absolute() else root / path
    try:
        stat, data = read_article_bytes(full)
    except FileNotFoundError as error:
        raise GoneError("deleted while the build read the folder") from error
    except OSError as error:
        raise ContentError(
            f"cannot read the file ({error.strerror}); check its permissions"
        ) from error
    mtime = file_time(stat.st_mtime) if file_dates else None
    if full.suffix.lower() in (".html", ".htm"):
        return _read_html(full, rel, data, mtime)
    text, warnings = decode(data, rel)
    if not text.strip():
        raise ContentError("file is empty; write an article or delete the file", line=1)
    split = split_front_matter(text)
    meta, meta_warnings = front_matter(split.fields, rel)
    if not split.body.strip():
        raise ContentError(
            "the article has no body after its front matter", line=split.body_line
        )
    published, source = dating.published(meta, split.body, mtime)
    article = Article(
        path=rel,
        markup=SUFFIXES[full.suffix.lower()],
        meta=meta,
        body=split.body,
        body_line=split.body_line,
        date=published,
        date_source=source,
        digest=content_digest(data),
    )
    return Loaded(article, (*warnings, *meta_warnings))


def read_article_bytes(full: Path) -> tuple[os.stat_result, bytes]:
    """A regular file's status and bytes, refused when over the size limit.

    Opened without blocking and checked on the open descriptor: a named pipe (or a
    device) named like an article would otherwise hang the build on ``read``, and a
    file growing after ``stat`` cannot push more than the limit into memory.
    """
    descriptor = os.open(full, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        stat = os.fstat(descriptor)
        if not S_ISREG(stat.st_mode):
            raise ContentError("not a regular file (a pipe or a device); not read")
        if stat.st_size > MAX_ARTICLE_BYTES:
            raise ContentError(
                f"file is {stat.st_size // 1_000_000} MB, over the 8 MB limit for an "
                "article; split it or move it out of the content folder"
            )
        data = handle.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise ContentError("file grew over the 8 MB limit for an article while read")
    return stat, data


def _read_html(full: Path, rel: str, data: bytes, mtime: datetime | None) -> Loaded:
    """A saved web page: main text and metadata by trafilatura (imported lazily)."""
    from site_builder.load.html import html_article_fields

    if b"\x00" in data:
        raise ContentError(
            "file contains NUL bytes: it is binary, not a web page", line=1
        )
    body, found = html_article_fields(data)
    if not body.strip():
        raise ContentError("no article text found in this web page", line=1)
    url = found.get("source_url")
    if not (isinstance(url, str) and _HTTP_URL.match(url)):
        found.pop("source_url", None)
    meta = FrontMatter(**found)  # type: ignore[arg-type]
    published, source = dating.published(meta, body, mtime)
    digest = content_digest(data)
    article = Article(rel, "markdown", meta, body, 1, published, source, digest)
    return Loaded(article, ())


def file_time(mtime: float) -> datetime:
    """A file's mtime, clamped to SOURCE_DATE_EPOCH for reproducible builds."""
    seconds = int(mtime)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        seconds = min(seconds, int(epoch))
    return datetime.fromtimestamp(seconds, UTC)


def decode(data: bytes, rel: str) -> tuple[str, tuple[BuildWarning, ...]]:
    """Bytes to text with ``\\n`` newlines: UTF-8 (BOM or not), else cp1252, warned."""
    if b"\x00" in data[:8192] or b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ContentError(
            "file contains NUL bytes: it is binary, not an article", line=line
        )
    warnings: tuple[BuildWarning, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
            encoding = "Windows-1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            encoding = "Latin-1"
        warnings = (
            BuildWarning(
                f"not valid UTF-8; read as {encoding}. Re-save the file as UTF-8",
                rel,
                line,
            ),
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Every readable article, and what went wrong with the others."""

    articles: tuple[Article, ...]
    errors: tuple[ContentError, ...]
    warnings: tuple[BuildWarning, ...]


def load_all(content_dir: Path, file_dates: bool = False) -> LoadResult:
    """Every article under ``content_dir``; a broken file is reported and skipped."""
    return read_all(content_dir, scan(content_dir), file_dates)


def read_all(content_dir: Path, inputs: Inputs, file_dates: bool = False) -> LoadResult:
    """Every article of ``inputs`` (``scan``'s stat keys), in their order; a broken
    file is reported and skipped. ``cache.stages.CachedStages.read`` returns the
    same from the build cache, bodies emptied (their stored repairs hold the text)."""
    root = content_dir.resolve()
    articles: list[Article] = []
    errors: list[ContentError] = []
    warnings: list[BuildWarning] = list(inputs.refused)
    for stat in inputs.keys:
        try:
            loaded = load_file(root, root / stat[0], file_dates)
        except GoneError:
            continue  # deleted since the scan: as if the scan had not seen it
        except ContentError as error:
            errors.append(error)
            continue
        articles.append(loaded.article)
        warnings.extend(loaded.warnings)
    return LoadResult(tuple(articles), tuple(errors), tuple(warnings))


def content_digest(data: bytes) -> str:
    """A file's digest: ``Article.digest``, and what article entries are keyed by."""
    return hashlib.sha256(data).hexdigest()
