"""Enrich stage: drafted fields into content/'s front matter; the only writer there.

For each selected article the pipeline decides as in ``build``
(``pipeline.decide``: the story version whose canonical it is, else the article
alone) and the fields of ``drafts.OWNED`` are written into its front matter, with a
``generated:`` record; ``drafts`` says which fields a person edited (never
overwritten). A file with ``reviewed: true`` is never opened for writing. A ``.txt``
file gains YAML front matter and keeps its name, so its URL and links to it stay.
Story and duplicate fields are not written: they change whenever another article
arrives, and ``story:``/``duplicate_of:`` in front matter are editors' overrides.

Writing is atomic (a temporary file in the same folder, fsync, rename, fsync of the
folder) and careful: just before the rename the source is stat'ed and read again,
and a file saved meanwhile is left alone ("changed while enriching; run again").
An article dated by its file time keeps its mtime, or enriching would redate it.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from site_builder.config import Config
from site_builder.enrich.drafts import (
    RECORD,
    EnrichReport,
    Outcome,
    State,
    Status,
    drafted_fields,
    field_states,
    plan,
    without_drafts,
)
from site_builder.enrich.front_matter_edit import Layout, apply, read_layout
from site_builder.errors import ContentError, SiteError
from site_builder.load.files import load_all
from site_builder.model import Article, DateSource
from site_builder.pipeline import decide, drafts

TEMP_SUFFIX = ".enrich-tmp"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A file as read before drafting: what must still be there when we replace it."""

    full: Path
    data: bytes
    stat: os.stat_result
    layout: Layout
    record: Mapping[str, str]
    states: Mapping[str, State]
    keep_mtime: bool  # dated by its file time: the mtime is its date


def enrich(
    config: Config,
    paths: Sequence[Path] | None,
    dry_run: bool,
    *,
    before_replace: Callable[[Path], None] | None = None,
) -> EnrichReport:
    """Write drafted fields into the front matter of ``paths`` (default: all).

    ``before_replace`` runs just before a file's final check, for tests that save
    the file at that moment.
    """
    started = time.perf_counter()
    wanted = _selector(config.content_dir, paths)
    loaded = load_all(config.content_dir)
    outcomes: list[Outcome] = []
    snapshots: dict[str, Snapshot] = {}
    articles: list[Article] = []
    for article in loaded.articles:
        if wanted(article.path) and article.meta.reviewed:
            outcomes.append(Outcome(article.path, Status.REVIEWED))
        elif wanted(article.path):
            taken = _snapshot(config.content_dir, article)
            if isinstance(taken, Outcome):
                outcomes.append(taken)
            else:
                snapshots[article.path] = taken
                article = without_drafts(article, taken.states)
        articles.append(article)
    drafts = _drafts(config, articles, set(snapshots))
    if not dry_run:
        for folder in {snapshot.full.parent for snapshot in snapshots.values()}:
            _remove_stale_temps(folder)
    for path, snapshot in snapshots.items():
        drafted = drafts[path]
        outcomes.append(_enrich_file(path, snapshot, drafted, dry_run, before_replace))
    errors = tuple(e for e in loaded.errors if wanted(str(e.path)))
    ordered = tuple(sorted(outcomes, key=lambda outcome: outcome.path))
    return EnrichReport(ordered, errors, dry_run, time.perf_counter() - started)


def _selector(content_dir: Path, paths: Sequence[Path] | None) -> Callable[[str], bool]:
    """Whether a content-relative path was asked for (files, or folders' contents)."""
    if not paths:
        return lambda rel: True
    root = content_dir.resolve()
    chosen: list[tuple[str, bool]] = []
    for path in paths:
        full = path.absolute().parent.resolve() / path.name  # a link stays a link
        if not (full.exists() or full.is_symlink()):
            raise SiteError("no such file or folder", path)
        if full != root and not full.is_relative_to(root):
            raise SiteError(f"not inside the content folder {root}", path)
        chosen.append((full.relative_to(root).as_posix(), full.is_dir()))

    def wanted(rel: str) -> bool:
        return any(
            rel == prefix
            or (folder and (prefix == "." or rel.startswith(prefix + "/")))
            for prefix, folder in chosen
        )

    return wanted


def _snapshot(root: Path, article: Article) -> Snapshot | Outcome:
    full = root / article.path
    if full.is_symlink():
        message = "symbolic link; enrich the file it points to"
        return Outcome(article.path, Status.REFUSED, message=message)
    try:
        status = os.stat(full, follow_symlinks=False)
        data = full.read_bytes()
        if hashlib.sha256(data).hexdigest() != article.digest:
            return Outcome(article.path, Status.CHANGED)
        layout = read_layout(data)
    except OSError as error:
        message = f"cannot read the file ({error.strerror})"
        return Outcome(article.path, Status.REFUSED, message=message)
    except ContentError as error:
        line = error.line or 0
        return Outcome(article.path, Status.REFUSED, message=error.message, line=line)
    record = layout.values.get(RECORD, {})
    if not isinstance(record, dict) or not all(
        isinstance(value, str) for value in record.values()
    ):
        line = layout.spans.get(RECORD, (0, 0))[0] + 1
        message = f"{RECORD!r} is not enrich's record (field: hash); rename that key"
        return Outcome(article.path, Status.REFUSED, message=message, line=line)
    states = field_states(layout.values, record)
    keep_mtime = article.date_source is DateSource.FILE_TIME
    return Snapshot(full, data, status, layout, record, states, keep_mtime)


def _drafts(
    config: Config, articles: Sequence[Article], paths: set[str]
) -> dict[str, dict[str, object]]:
    """Drafted fields for ``paths``: ``pipeline.decide``, as ``build`` decides."""
    decisions = decide(config, articles)
    return {
        path: drafted_fields(story.canonical, summary)
        for path, (story, summary) in sorted(drafts(config, decisions, paths).items())
    }


def _enrich_file(
    path: str,
    snapshot: Snapshot,
    drafted: Mapping[str, object],
    dry_run: bool,
    before_replace: Callable[[Path], None] | None,
) -> Outcome:
    layout = snapshot.layout
    changes, kept = plan(layout.values, snapshot.states, snapshot.record, drafted)
    try:
        data = apply(snapshot.layout, changes)
    except ContentError as error:
        line = error.line or 0
        return Outcome(path, Status.REFUSED, kept, error.message, line)
    if data == snapshot.data:
        return Outcome(path, Status.UNCHANGED, kept)
    if dry_run:
        return Outcome(
            path, Status.ENRICHED, kept, diff=_diff(path, snapshot.data, data)
        )
    try:
        replaced = _replace(snapshot, data, before_replace)
    except OSError as error:
        message = f"cannot write the file ({error.strerror})"
        return Outcome(path, Status.REFUSED, kept, message)
    return Outcome(path, Status.ENRICHED if replaced else Status.CHANGED, kept)


def _diff(path: str, old: bytes, new: bytes) -> str:
    lines = difflib.unified_diff(
        old.decode("utf-8", "replace").splitlines(),
        new.decode("utf-8", "replace").splitlines(),
        f"a/{path}",
        f"b/{path}",
        lineterm="",
    )
    return "\n".join(lines) + "\n"


def _replace(
    snapshot: Snapshot,
    data: bytes,
    before_replace: Callable[[Path], None] | None,
) -> bool:
    """Put ``data`` at the snapshot's path unless the file changed since it was read."""
    full = snapshot.full
    temp = full.parent / f".{full.name}.{os.getpid()}{TEMP_SUFFIX}"
    temp.unlink(missing_ok=True)  # left by a killed run whose pid we now have
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), stat.S_IMODE(snapshot.stat.st_mode))
            os.fsync(handle.fileno())
        if snapshot.keep_mtime:
            times = (snapshot.stat.st_atime_ns, snapshot.stat.st_mtime_ns)
            os.utime(temp, ns=times)
        if before_replace is not None:
            before_replace(full)
        if not _unchanged(snapshot):
            temp.unlink()
            return False
        os.replace(temp, full)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(full.parent)
    return True


def _unchanged(snapshot: Snapshot) -> bool:
    """Whether the file still is what we read: same inode, size, mtime and bytes."""
    try:
        now = os.stat(snapshot.full, follow_symlinks=False)
        before = snapshot.stat
        if (now.st_ino, now.st_size, now.st_mtime_ns) != (
            before.st_ino,
            before.st_size,
            before.st_mtime_ns,
        ):
            return False
        return snapshot.full.read_bytes() == snapshot.data
    except OSError:
        return False


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_stale_temps(folder: Path) -> None:
    """Delete temporary files of enrich runs that were killed (their pid is gone)."""
    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
        pid = temp.name[: -len(TEMP_SUFFIX)].rsplit(".", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            temp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


__all__ = ["EnrichReport", "Outcome", "Status", "enrich"]
