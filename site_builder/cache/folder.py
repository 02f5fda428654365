"""The build cache's folder, ``<site>/.site-builder/``: checked, atomic files.

Every file is keyed by site-builder's version, the configuration,
``SOURCE_DATE_EPOCH`` and site-builder's own code (``Fingerprint``, ``code_digest``),
so a stale entry is never used, and starts with the SHA-256 of its payload: a corrupt or
half-written file is detected and ignored (the build then starts cold). Writes are
atomic (temporary file + rename). This module imports nothing heavy: a build with
nothing to do reads its last record through it alone (``cache.store`` holds the
stages' entries).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from site_builder import __version__
from site_builder.load.inputs import StatKey

CACHE_DIR = ".site-builder"
_MAGIC = b"site-builder cache 3\n"
T = TypeVar("T")


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


def code_digest() -> str:
    """A digest of site-builder's own code and data files (the installed package).

    Part of every cache key: a cached summary or signature made by other code is
    never used, whether the version number changed (a release) or not (an editable
    install, a patched copy). About 120 small files: a few milliseconds.
    """
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = [name for name in dirs if name != "__pycache__"]
        found += [os.path.join(folder, n) for n in files if n.endswith(_CODE)]
    hasher = hashlib.sha256()
    for path in sorted(found):
        hasher.update(os.path.relpath(path, package).encode() + b"\0")
        with open(path, "rb") as handle:
            hasher.update(handle.read())
    return hasher.hexdigest()


_CODE = (".py", ".json", ".js", ".txt")


@dataclass(frozen=True, slots=True)
class FileDigests:
    """The digest of each content file as last seen, by its stat."""

    by_stat: dict[StatKey, str]


@dataclass(frozen=True, slots=True)
class PageFingerprints:
    """Each output file's input fingerprint (pages and search shards), by path."""

    by_path: dict[str, str]


@dataclass(frozen=True, slots=True)
class SpareFiles:
    """What the spare output folder holds, as the last build left it."""

    files: frozenset[str]


class CacheFolder:
    """A site's cache folder: named files, each read back only as the type stored."""

    def __init__(
        self, root: Path, fingerprint: Fingerprint, use: bool, code: str = ""
    ) -> None:
        self.fingerprint = fingerprint
        self.code = code  # code_digest(): compiled templates depend on it
        self.path = root / CACHE_DIR
        self.use = use
        self.spare = self.path / "spare-output"  # see write.staging
        _remove_temporaries(self.path)

    def read(self, name: str, kind: type[T]) -> T | None:
        """The value stored as ``name`` if it is a ``kind`` (None: missing, stale,
        corrupt, or the cache is off)."""
        if not self.use:
            return None
        return read_cache(self._file(name), self.fingerprint, kind)

    def write(self, name: str, value: object) -> None:
        write_cache(self._file(name), self.fingerprint, value)

    def forget_output(self) -> None:
        """Before output/ is replaced: a build killed after the swap must not leave
        page fingerprints and a last-build record that describe the previous site,
        nor a record of the spare folder's files (the build is about to fill it)."""
        for name in ("pages", "last-build", "spare-files"):
            self._file(name).unlink(missing_ok=True)

    def templates_folder(self) -> Path | None:
        """Where Jinja keeps compiled templates for this version of site-builder
        (the folders of other versions removed); None when the cache is off."""
        if not self.use:
            return None
        name = f"templates-{self.code[:16]}"
        for old in self.path.glob("templates-*"):
            if old.name != name:
                shutil.rmtree(old, ignore_errors=True)
        folder = self.path / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def page_fingerprints(self) -> dict[str, str]:
        """Each output file's fingerprint, as the last build wrote it."""
        found = self.read("pages", PageFingerprints)
        return found.by_path if found else {}

    def spare_files(self) -> frozenset[str] | None:
        """What the spare folder holds, as the last build left it (None: unknown)."""
        found = self.read("spare-files", SpareFiles)
        return found.files if found else None

    def save_output(
        self, pages: dict[str, str], last: object, spare_files: frozenset[str] | None
    ) -> None:
        """What output/ now holds: each file's fingerprint, the build's record, and
        what the spare folder holds (None: unknown, no record)."""
        self.write("pages", PageFingerprints(pages))
        self.write("last-build", last)
        if spare_files is not None:
            self.write("spare-files", SpareFiles(spare_files))

    def _file(self, name: str) -> Path:
        return self.path / f"{name}.pickle"


def read_cache(path: Path, fingerprint: Fingerprint, kind: type[T]) -> T | None:
    """The ``kind`` stored under ``fingerprint``; None if missing, stale or corrupt."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header_size = len(_MAGIC) + 64 + 1 + 64 + 1
    # a view, not a copy: the article cache is 70 MB at 10,000 articles
    header, payload = data[:header_size], memoryview(data)[header_size:]
    expected = _MAGIC + fingerprint.digest.encode() + b"\n"
    if not header.startswith(expected):
        return None
    if (
        header[len(expected) : len(expected) + 64]
        != hashlib.sha256(payload).hexdigest().encode()
    ):
        return None
    try:
        value = pickle.loads(payload)
    except Exception:  # a corrupt cache is never fatal: start cold
        return None
    return value if isinstance(value, kind) else None


def write_cache(path: Path, fingerprint: Fingerprint, value: object) -> None:
    """Store ``value`` atomically; a failed write only makes the next build cold."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
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


def _remove_temporaries(folder: Path) -> None:
    """Temporary files of a cache write that was killed (safe under the build lock),
    and the one-file article cache of site-builder 0.1, which shards replaced."""
    (folder / "articles.pickle").unlink(missing_ok=True)
    for leftover in folder.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)
