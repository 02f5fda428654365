"""Vocabulary: the build cache in ``<site>/.site-builder/``: per-article work kept.

An article entry is keyed by the file's path and the digest of its bytes, so a file
touched, copied or checked out again with the same bytes (a fresh clone with the
cache restored, in CI) is not processed again, and an entry is never used for other
bytes, whatever the file's times say. A file's digest is remembered by its full
stat (size, modification and change times, inode), so an unchanged file is not
even read again; the change time cannot be set back by hand. An entry whose date
came from the file's time is only used for that time. The whole cache is keyed by
site-builder's
version, the configuration, ``SOURCE_DATE_EPOCH`` and the dedup signature version, so a
stale entry is never used. Templates are not part of that key: each page's fingerprint
holds the digest of the templates it uses, and the last-build record that of the theme.
Each file starts with the SHA-256 of its payload: a corrupt or half-written cache is
detected and ignored (the build then starts cold). Writes are atomic (temporary file +
rename).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from site_builder import __version__
from site_builder.load.inputs import StatKey
from site_builder.render.fingerprints import stable_hash

CACHE_DIR = ".site-builder"
_MAGIC = b"site-builder cache 2\n"

ContentKey = tuple[str, str]  # (relative path, digest of the file's bytes)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What every cached value depends on besides its own file."""

    digest: str

    @classmethod
    def of(cls, *parts: object, files: Iterable[Path] = ()) -> Fingerprint:
        """Hash of site-builder's version, ``parts`` (reprs) and ``files``' bytes."""
        hasher = hashlib.sha256(__version__.encode())
        for part in parts:
            hasher.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
        for path in sorted(files):
            hasher.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
            try:
                hasher.update(path.read_bytes())
            except OSError:
                hasher.update(b"<unreadable>")
        return cls(hasher.hexdigest())


def cache_file(site_root: Path, name: str) -> Path:
    return site_root / CACHE_DIR / f"{name}.pickle"


def read_cache(path: Path, fingerprint: Fingerprint) -> dict[Any, Any]:
    """The entries stored under ``fingerprint``; empty if missing, stale or corrupt."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    header_size = len(_MAGIC) + 64 + 1 + 64 + 1
    header, payload = data[:header_size], data[header_size:]
    expected = _MAGIC + fingerprint.digest.encode() + b"\n"
    if not header.startswith(expected):
        return {}
    if (
        header[len(expected) : len(expected) + 64]
        != hashlib.sha256(payload).hexdigest().encode()
    ):
        return {}
    try:
        entries = pickle.loads(payload)
    except Exception:  # a corrupt cache is never fatal: start cold
        return {}
    return entries if isinstance(entries, dict) else {}


def write_cache(
    path: Path, fingerprint: Fingerprint, entries: Mapping[Any, Any]
) -> None:
    """Store ``entries`` atomically; a failed write only makes the next build cold."""
    payload = pickle.dumps(dict(entries), protocol=pickle.HIGHEST_PROTOCOL)
    header = (
        _MAGIC
        + fingerprint.digest.encode()
        + b"\n"
        + hashlib.sha256(payload).hexdigest().encode()
        + b"\n"
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            handle.write(header)
            handle.write(payload)
        os.replace(temporary, path)
    except OSError:
        return


SHARDS = 32  # article entries are spread over this many files


def shard_of(key: ContentKey) -> int:
    """The shard of an article entry: by its path, stable across runs and machines."""
    return stable_hash(key[0]) % SHARDS


class BuildCache:
    """A site's cache: article shards, page fingerprints, the last build's record.

    Article entries live in ``SHARDS`` files by path, so a build that changed one
    article rewrites one small file, not the whole cache.
    """

    def __init__(self, root: Path, fingerprint: Fingerprint, use: bool) -> None:
        self.fingerprint = fingerprint
        self.paths = {
            name: cache_file(root, name)
            for name in (
                "pages",
                "last-build",
                "novel-sentences",
                "file-digests",
                "spare-files",
            )
        }
        self.shard_paths = [
            cache_file(root, f"articles-{index:02d}") for index in range(SHARDS)
        ]
        _remove_temporaries(root / CACHE_DIR)
        self.spare = root / CACHE_DIR / "spare-output"  # see write.write_site
        self.use = use
        self.last: dict[str, Any] = self._read("last-build")

    @cached_property
    def shards(self) -> list[dict[Any, Any]]:
        """Read on first use: a build with nothing to do never loads them."""
        if not self.use:
            return [{} for _ in self.shard_paths]
        return [read_cache(path, self.fingerprint) for path in self.shard_paths]

    @cached_property
    def articles(self) -> dict[Any, Any]:
        """Every article entry, whichever shard holds it."""
        return {key: value for shard in self.shards for key, value in shard.items()}

    @cached_property
    def digests(self) -> dict[StatKey, str]:
        """The content digest of each file as last seen, by its stat."""
        return self._read("file-digests")

    @cached_property
    def novel(self) -> dict[Any, Any]:
        """Novel sentences of a source against a canonical, by their texts' digests."""
        return self._read("novel-sentences")

    @cached_property
    def pages(self) -> dict[str, str]:
        return self._read("pages")

    @cached_property
    def spare_files(self) -> frozenset[str] | None:
        """What the spare folder holds, as the last build left it (None: unknown)."""
        found = self._read("spare-files").get("files")
        return found if isinstance(found, frozenset) else None

    def _read(self, name: str) -> dict[Any, Any]:
        return read_cache(self.paths[name], self.fingerprint) if self.use else {}

    def forget_output(self) -> None:
        """Before output/ is replaced: a build killed after the swap must not leave
        page fingerprints and a last-build record that describe the previous site,
        nor a record of the spare folder's files (the build is about to fill it)."""
        for name in ("pages", "last-build", "spare-files"):
            self.paths[name].unlink(missing_ok=True)

    def save(
        self,
        articles: Mapping[Any, Any],
        digests: Mapping[StatKey, str],
        novel: Mapping[Any, Any],
        pages: Mapping[str, str] | None,
        last: Mapping[str, Any],
        spare_files: frozenset[str] | None = None,
    ) -> None:
        """Store what changed; ``pages`` None: nothing was written, keep no record."""
        if digests != self.digests:
            write_cache(self.paths["file-digests"], self.fingerprint, digests)
        if novel.keys() != self.novel.keys():
            write_cache(self.paths["novel-sentences"], self.fingerprint, novel)
        fresh: list[dict[Any, Any]] = [{} for _ in self.shard_paths]
        for key, value in articles.items():
            fresh[shard_of(key)][key] = value
        for path, old, new in zip(self.shard_paths, self.shards, fresh, strict=True):
            if len(old) != len(new) or any(
                old.get(key) is not value for key, value in new.items()
            ):
                write_cache(path, self.fingerprint, new)
        if pages is not None:
            write_cache(self.paths["pages"], self.fingerprint, pages)
            write_cache(self.paths["last-build"], self.fingerprint, last)
            if spare_files is not None:
                files = {"files": spare_files}
                write_cache(self.paths["spare-files"], self.fingerprint, files)


def _remove_temporaries(folder: Path) -> None:
    """Temporary files of a cache write that was killed (safe under the build lock),
    and the one-file article cache of site-builder 0.1, which shards replaced."""
    (folder / "articles.pickle").unlink(missing_ok=True)
    for leftover in folder.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)
