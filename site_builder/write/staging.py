"""Write stage: Rendered files -> output/, built beside the old site, swapped at once.

The new site is written into a spare folder (the previous site, kept in the build
cache by the last build, brought up to date file by file; or a hidden sibling
``.output.staging-PID``); files whose bytes did not change are hard links to the old
ones, so their mtimes stay and rsync/S3 syncs stay small. The two folders are then
exchanged in one atomic ``renameat2(RENAME_EXCHANGE)`` (Linux), so a build that fails
or is killed leaves the previous ``output/`` whole. A lock file (``.output.lock``)
keeps two builds apart.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import SiteError
from site_builder.model import Kept, Rendered
from site_builder.write.files import fill_one, listed, prune, prune_known

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True, slots=True)
class WriteStats:
    """What changed in output/."""

    written: int
    unchanged: int
    removed: int
    changed: tuple[str, ...] = ()  # paths written or removed (whose bytes changed)

    @property
    def files(self) -> int:
        return self.written + self.unchanged


@contextmanager
def build_lock(output_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock, or refuse at once when another build holds it."""
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output_dir.parent / f".{output_dir.name}.lock"
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise SiteError(
                "another build is writing this output folder; wait for it to finish",
                output_dir,
            ) from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def safe_relative(path: str) -> str:
    """``path`` as a relative POSIX path that cannot leave the output folder (plain
    strings: pathlib cost a fifth of a second per 10,000 pages)."""
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if path.startswith("/") or ".." in parts or not parts or "\\" in path:
        raise SiteError(f"refusing to write {path!r}: it would leave the output folder")
    return "/".join(parts)


def write_site(
    output_dir: Path, files: Iterable[Rendered | Kept], spare: Path | None = None
) -> WriteStats:
    """Replace ``output_dir`` by exactly ``files``, atomically (see ``staging``)."""
    with staging(output_dir, spare) as site:
        site.put(files)
        return site.commit()


@contextmanager
def staging(
    output_dir: Path, spare: Path | None = None, known: frozenset[str] | None = None
) -> Iterator[Staging]:
    """The folder the new site is written into, to replace ``output_dir`` on commit.

    ``spare`` (a folder on output/'s file system, e.g. in the build cache) is where
    the previous site is kept after the swap, to be brought up to date by the next
    build instead of linking every file again: a build that changed one page then
    touches a few files, not the whole tree. Its content is never trusted: every
    file in it is checked (same inode as output/'s, or rewritten) or removed.
    ``known``: what the spare holds, as the last commit recorded it (its
    ``spare_files``), so that it need not be walked: at 100,000 pages walking it
    took seconds. Without it, the spare is walked. Without a commit, output/ stays
    as it was.
    """
    _remove_stale(output_dir)
    if spare is not None and not _same_device(spare.parent, output_dir.parent):
        spare = None
    folder = spare or output_dir.parent / f".{output_dir.name}.staging-{os.getpid()}"
    if spare is None and folder.exists():
        shutil.rmtree(folder)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        yield Staging(folder, output_dir, spare is not None, known if spare else None)
    finally:
        if spare is None and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)


class Staging:
    """The new site as it is written, file by file, beside output/.

    ``fill`` writes files and may run in a forked worker (it touches only the
    folder); ``note`` records what it did in the parent, which alone commits.
    Pages stream through: no build holds every rendered page at once.
    """

    def __init__(
        self,
        folder: Path,
        output_dir: Path,
        keep: bool,
        known: frozenset[str] | None = None,
    ) -> None:
        self.folder, self.output_dir, self.keep = folder, output_dir, keep
        self.known = known  # what the folder held before this build, if recorded
        self.spare_files: frozenset[str] | None = None  # after commit, when kept
        self.root, self.old_root = str(folder), str(output_dir)
        self.written: list[str] = []
        self.unchanged = 0
        self.seen: set[str] = set()
        self._old: frozenset[str] | None = None

    def old_files(self) -> frozenset[str]:
        """The files output/ holds now (walked once per build: the build lock keeps
        other builds out, and the pages kept are checked again as they are linked)."""
        if self._old is None:
            self._old = frozenset(listed(self.old_root))
        return self._old

    def put(self, files: Iterable[Rendered | Kept]) -> None:
        """Write ``files`` here and record them."""
        self.note(self.fill(files))

    def fill(self, files: Iterable[Rendered | Kept]) -> list[tuple[str, bool]]:
        """Write ``files`` (unchanged ones as hard links to output/'s); for each, its
        path and whether its bytes are new."""
        done: list[tuple[str, bool]] = []
        for item in files:
            key = safe_relative(item.path)
            done.append((key, fill_one(self.root, self.old_root, key, item)))
        return done

    def note(self, done: Iterable[tuple[str, bool]]) -> None:
        """Record files ``fill`` wrote (in this process or a worker)."""
        for key, written in done:
            if key in self.seen:
                raise SiteError(
                    f"two pages want to write {key!r}; a bug in the assemble step"
                )
            self.seen.add(key)
            if written:
                self.written.append(key)
            else:
                self.unchanged += 1

    def read(self, path: str) -> bytes:
        """The bytes this build wrote, or kept, at ``path``."""
        with open(f"{self.root}/{safe_relative(path)}", "rb") as handle:
            return handle.read()

    def commit(self) -> WriteStats:
        """Drop what the folder holds beyond the files put, and swap it in.

        Then ``spare_files`` tells what the spare holds (the previous output/, as
        walked here) for the next build's ``known``."""
        if self.known is None:
            prune(self.root, self.seen)
        else:
            prune_known(self.root, self.known - self.seen)
        previous = self.old_files()
        removed = sorted(previous - self.seen)
        _swap(self.folder, self.output_dir, keep=self.keep)
        if self.keep:
            self.spare_files = previous
        return WriteStats(
            len(self.written), self.unchanged, len(removed), (*self.written, *removed)
        )


def _same_device(a: Path, b: Path) -> bool:
    try:
        a.mkdir(parents=True, exist_ok=True)
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


def _swap(staging: Path, output_dir: Path, keep: bool) -> None:
    """Put ``staging`` at ``output_dir`` in one step; what was there goes to
    ``staging`` when ``keep``, else is deleted."""
    if not output_dir.exists():
        staging.rename(output_dir)
        return
    if not output_dir.is_dir() or output_dir.is_symlink():
        raise SiteError(
            "the output path exists and is not a folder; move it away", output_dir
        )
    if _exchange(staging, output_dir):
        if not keep:
            shutil.rmtree(staging)  # now holds the previous site
        return
    # No atomic exchange on this system: a short window where only the old name exists.
    old = output_dir.parent / f".{output_dir.name}.old-{os.getpid()}"
    output_dir.rename(old)
    staging.rename(output_dir)
    if keep:
        old.rename(staging)
    else:
        shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _remove_stale(output_dir: Path) -> None:
    """Clear what killed builds left; put back a previous site caught mid-swap.

    Runs under the build lock, so no other build is using these folders.
    """
    parent = output_dir.parent
    if not parent.is_dir():
        return
    for leftover in parent.glob(f".{output_dir.name}.staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in sorted(parent.glob(f".{output_dir.name}.old-*")):
        if not output_dir.exists():
            leftover.rename(output_dir)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
