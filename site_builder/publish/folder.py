"""Publish to a folder on this machine, with Python alone: output/ mirrored there.

Targets: a folder path or ``file:///path``. A file is sent when its size or bytes
differ from output/'s (what ``rsync --checksum`` compares). Files are first copied
into a staging folder inside the target, then moved into place (assets before
pages) and old files deleted last, so a visitor never meets a page whose assets
are missing; a publish stopped halfway is completed by running it again. Files get
0644 and folders 0755 (a web server reads them) and keep output/'s modification
times. Links in the target are never followed: they are replaced or deleted. A
``.git`` at the top of the target (a checked-out repository) is left alone.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_builder.errors import PublishError
from site_builder.publish.plan import (
    Advance,
    Destination,
    LocalFile,
    Plan,
    is_page,
    make_plan,
)

STAGING = ".site-builder-publish"  # inside the target, so moves stay on one disk
_KEPT = {".git", STAGING}  # at the top of the target: never listed, never deleted


def folder_of(target: str) -> Path:
    """The folder a plain path or ``file://`` URL names, made absolute."""
    if target.startswith("file://"):
        parts = urlsplit(target)
        if parts.netloc not in ("", "localhost"):
            raise PublishError(f"file:// targets are local; got host {parts.netloc!r}")
        target = unquote(parts.path)
    return Path(os.path.abspath(Path(target).expanduser()))


def check_not_overlapping(folder: Path, output_dir: Path) -> None:
    """Refuse to mirror output/ onto itself, into itself, or over the site around it."""
    folder, output = folder.resolve(), output_dir.resolve()
    if folder == output or folder in output.parents or output in folder.parents:
        raise PublishError(
            f"the target folder {folder} overlaps the output folder; mirroring there"
            " would delete the site's own files: choose a folder outside it"
        )


def listing(folder: Path) -> dict[str, bool]:
    """Every entry under ``folder`` that is not a real folder, by relative path:
    True for a regular file, False for a link or special file (to be replaced)."""
    found: dict[str, bool] = {}
    if not folder.is_dir():
        return found
    for top, dirs, names in os.walk(folder):  # links to folders are not followed
        here = Path(top)
        if here == folder:
            dirs[:] = [d for d in dirs if d not in _KEPT]
            names = [n for n in names if n not in _KEPT]
        for name in [*names, *(d for d in dirs if (here / d).is_symlink())]:
            mode = os.lstat(here / name).st_mode
            found[(here / name).relative_to(folder).as_posix()] = stat.S_ISREG(mode)
    return found


def _same(local: LocalFile, there: Path) -> bool:
    if there.stat().st_size != local.size:
        return False
    digest = hashlib.md5(usedforsecurity=False)
    with there.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == local.md5


class FolderPublisher:
    """output/ mirrored into one folder of this machine."""

    def __init__(self, target: str, output_dir: Path) -> None:
        self.target = target
        self.folder = folder_of(target)
        check_not_overlapping(self.folder, output_dir)
        self.local: Mapping[str, LocalFile] = {}

    def plan(self, local: Mapping[str, LocalFile]) -> Plan:
        self.local = local
        if self.folder.exists() and not self.folder.is_dir():
            raise PublishError(f"{self.folder} is a file, not a folder to publish to")
        with _failures(f"reading {self.folder}"):
            there = listing(self.folder)
            changed = [
                p
                for p in local
                if p in there and (not there[p] or not _same(local[p], self.folder / p))
            ]
        return make_plan(
            self.target,
            local,
            added=[p for p in local if p not in there],
            changed=changed,
            deleted=[p for p in there if p not in local],
        )

    def apply(self, plan: Plan, advance: Advance) -> None:
        with _failures(f"writing to {self.folder}"):
            self._apply(plan, advance)

    def _apply(self, plan: Plan, advance: Advance) -> None:
        staging = self.folder / STAGING
        _remove(staging)  # left by a publish that was stopped
        sends = sorted(
            (*plan.added, *plan.changed), key=lambda c: (is_page(c.path), c.path)
        )
        for change in sends:
            self._stage(self.local[change.path], staging / change.path, staging)
            advance(change.size)
        for change in sends:
            place = self.folder / change.path
            _make_folders(place.parent, self.folder)
            if stat.S_ISDIR(_mode(place)):  # a folder where a file goes now
                shutil.rmtree(place)
            os.replace(staging / change.path, place)  # atomic over an old file
        for change in plan.deleted:  # never a folder: one there now was made above
            gone = self.folder / change.path
            if not stat.S_ISDIR(_mode(gone)):
                _remove(gone)
        _remove(staging)
        self._drop_empty_folders()

    @staticmethod
    def _stage(local: LocalFile, staged: Path, staging: Path) -> None:
        _make_folders(staged.parent, staging)
        shutil.copyfile(local.full, staged)
        staged.chmod(0o644)
        times = local.full.stat()
        os.utime(staged, ns=(times.st_atime_ns, times.st_mtime_ns))

    def _drop_empty_folders(self) -> None:
        """Folders left empty by deletions go too, as rsync --delete does."""
        for top, _dirs, _names in os.walk(self.folder, topdown=False):
            here = Path(top)
            if here == self.folder or here.relative_to(self.folder).parts[0] in _KEPT:
                continue
            if not any(here.iterdir()):
                here.rmdir()


def _mode(path: Path) -> int:
    """``path``'s mode, its own and not a link's target's; 0 when nothing is there."""
    try:
        return os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):  # gone, or a parent is a file
        return 0


def _remove(path: Path) -> None:
    """Remove whatever stands at ``path``: a folder with its files, a file, a link."""
    mode = _mode(path)
    if stat.S_ISDIR(mode):
        shutil.rmtree(path)
    elif mode:
        path.unlink()


def _make_folders(folder: Path, top: Path) -> None:
    """``folder`` and its parents up to ``top`` as real folders (0755): a file or
    link standing where a folder must be is removed, never followed."""
    top.mkdir(mode=0o755, parents=True, exist_ok=True)
    path = top
    for part in folder.relative_to(top).parts:
        path = path / part
        mode = _mode(path)
        if stat.S_ISDIR(mode):
            continue
        if mode:
            path.unlink()
        path.mkdir()
        path.chmod(0o755)  # whatever the umask


@contextmanager
def _failures(what: str) -> Iterator[None]:
    """An OSError as a PublishError that says what failed and how to resume."""
    try:
        yield
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        raise PublishError(
            f"{what} failed: {error.strerror or error}{where}; files already moved"
            " into place stay, and running the same command again completes the"
            " publish"
        ) from error


@contextmanager
def open_folder(destination: Destination) -> Iterator[FolderPublisher]:
    yield FolderPublisher(destination.url, destination.output_dir)
