"""Publish vocabulary: output/'s files, the plan (add, change, delete), its guards.

Every publisher computes a Plan against its target first; ``--dry-run`` prints it, a
real publish checks it against ``--max-deletes`` and then applies it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

from site_builder.errors import PublishError

# Without --max-deletes, a publish may delete up to half the files at the target, and
# always at least this many: the guard is for "wrong folder" or "half-empty build".
MIN_DELETES = 20

Advance = Callable[[int], None]  # called with the bytes just sent


@dataclass(frozen=True, slots=True)
class Destination:
    """Where to publish, and what the target families need to know."""

    url: str  # as the user wrote it
    output_dir: Path
    endpoint_url: str | None = None  # S3-compatible stores
    cname: str = ""  # git branches: the custom domain for CNAME


class Publisher(Protocol):
    """One target family: compares output/ with the target, then sends the plan."""

    def plan(self, local: Mapping[str, LocalFile]) -> Plan: ...

    def apply(self, plan: Plan, advance: Advance) -> None: ...


Opener = Callable[[Destination], AbstractContextManager[Publisher]]


@dataclass(frozen=True, slots=True)
class LocalFile:
    """One file of output/, with what targets compare it by."""

    path: str  # relative to output/, POSIX separators
    full: Path
    size: int
    md5: str  # hex; S3's ETag for a single-part upload


@dataclass(frozen=True, slots=True)
class Change:
    """A file to send (added or changed) or to delete (size 0)."""

    path: str
    size: int


@dataclass(frozen=True, slots=True)
class Plan:
    """What publishing output/ to ``target`` would do."""

    target: str
    added: tuple[Change, ...]
    changed: tuple[Change, ...]
    deleted: tuple[Change, ...]
    unchanged: int

    @property
    def upload_bytes(self) -> int:
        return sum(c.size for c in (*self.added, *self.changed))

    @property
    def remote_files(self) -> int:
        """Files at the target before publishing."""
        return self.unchanged + len(self.changed) + len(self.deleted)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.deleted)

    def listing(self) -> list[str]:
        """One line per file, as --dry-run shows it."""
        lines = [f"add     {c.path} ({human_size(c.size)})" for c in self.added]
        lines += [f"change  {c.path} ({human_size(c.size)})" for c in self.changed]
        lines += [f"delete  {c.path}" for c in self.deleted]
        return lines

    def counts(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.changed)} changed, "
            f"{len(self.deleted)} deleted, {self.unchanged} unchanged"
        )


def make_plan(
    target: str,
    local: Mapping[str, LocalFile],
    added: Iterable[str],
    changed: Iterable[str],
    deleted: Iterable[str],
) -> Plan:
    """A Plan from the paths a target reported; sizes come from output/."""
    sent = set(added) | set(changed)

    def changes(paths: Iterable[str]) -> tuple[Change, ...]:
        return tuple(
            Change(p, local[p].size if p in local else 0) for p in sorted(set(paths))
        )

    return Plan(
        target=target,
        added=changes(added),
        changed=changes(changed),
        deleted=changes(deleted),
        unchanged=len(set(local) - sent),
    )


def is_page(path: str) -> bool:
    """Pages and feeds go after the assets they use, so none is seen without them."""
    return path.endswith((".html", ".htm", ".xml", ".json", ".txt"))


def delete_limit(plan: Plan, max_deletes: int | None) -> int:
    if max_deletes is not None:
        return max_deletes
    return max(MIN_DELETES, plan.remote_files // 2)


def check_deletes(plan: Plan, max_deletes: int | None) -> None:
    """Refuse a plan that would delete more files than allowed."""
    limit = delete_limit(plan, max_deletes)
    if len(plan.deleted) > limit:
        raise PublishError(
            f"refusing to delete {len(plan.deleted)} of the {plan.remote_files} files"
            f" at {plan.target} (the limit is {limit}); check the output folder and"
            f" --dry-run, then pass --max-deletes {len(plan.deleted)} if this is meant"
        )


def scan(output_dir: Path) -> dict[str, LocalFile]:
    """Every regular file under ``output_dir``, by relative path (symlinks refused)."""
    found: dict[str, LocalFile] = {}
    for folder, dirs, names in os.walk(output_dir):
        dirs.sort()
        for name in sorted(names):
            full = Path(folder, name)
            rel = full.relative_to(output_dir).as_posix()
            if full.is_symlink() or not full.is_file():
                raise PublishError(
                    "output/ holds a symbolic link or special file; publish only"
                    " what site-builder build wrote",
                    full,
                )
            if "\n" in rel or "\r" in rel:
                raise PublishError("a file name holds a line break", full)
            found[rel] = LocalFile(rel, full, full.stat().st_size, _md5(full))
    return found


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def redacted(url: str) -> str:
    """``url`` without a password or token, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.netloc.rpartition('@')[2]}"
    return urlunsplit(parts._replace(netloc=netloc))


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1000
        if value < 1000 or unit == "TB":
            break
    return f"{value:.1f} {unit}"
