"""Write stage: Rendered files -> output/, built beside the old site, swapped at once.

The new site is written into a hidden sibling folder (``.output.staging-PID``); files
whose bytes did not change are hard links to the old ones, so their mtimes stay and
rsync/S3 syncs stay small. The two folders are then exchanged in one atomic
``renameat2(RENAME_EXCHANGE)`` (Linux), so a build that fails or is killed leaves the
previous ``output/`` whole. A lock file (``.output.lock``) keeps two builds apart.
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
from pathlib import Path, PurePosixPath

from site_builder.errors import SiteError
from site_builder.model import Kept, Rendered

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@dataclass(frozen=True, slots=True)
class WriteStats:
    """What changed in output/."""

    written: int
    unchanged: int
    removed: int

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


def safe_relative(path: str) -> PurePosixPath:
    """``path`` as a relative path that cannot leave the output folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in path:
        raise SiteError(f"refusing to write {path!r}: it would leave the output folder")
    return pure


def write_site(output_dir: Path, files: Iterable[Rendered | Kept]) -> WriteStats:
    """Replace ``output_dir`` by exactly ``files``, atomically."""
    _remove_stale(output_dir)
    staging = output_dir.parent / f".{output_dir.name}.staging-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        written, unchanged, paths = _fill(staging, output_dir, files)
        removed = _count_removed(output_dir, paths)
        _swap(staging, output_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return WriteStats(written, unchanged, removed)


def _fill(
    staging: Path, old_root: Path, files: Iterable[Rendered | Kept]
) -> tuple[int, int, set[str]]:
    written = unchanged = 0
    seen: set[str] = set()
    for item in files:
        rel = safe_relative(item.path)
        key = rel.as_posix()
        if key in seen:
            raise SiteError(
                f"two pages want to write {key!r}; this is a bug in the assemble step"
            )
        seen.add(key)
        target = staging.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        old = old_root.joinpath(*rel.parts)
        if isinstance(item, Kept):  # unchanged inputs: the old file, as it is
            if old.is_symlink() or not old.is_file():
                raise SiteError(f"{key} vanished from the output folder; build again")
            _link_or_copy(old, target)
            unchanged += 1
            continue
        if _same_bytes(old, item.data):
            try:
                os.link(old, target)
                unchanged += 1
                continue
            except OSError:
                pass
        target.write_bytes(item.data)
        written += 1
    return written, unchanged, seen


def _link_or_copy(old: Path, target: Path) -> None:
    try:
        os.link(old, target)
    except OSError:
        shutil.copy2(old, target)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _count_removed(output_dir: Path, kept: set[str]) -> int:
    if not output_dir.is_dir():
        return 0
    old = {
        p.relative_to(output_dir).as_posix()
        for p in output_dir.rglob("*")
        if p.is_file()
    }
    return len(old - kept)


def _swap(staging: Path, output_dir: Path) -> None:
    """Put ``staging`` at ``output_dir`` in one step; delete what was there."""
    if not output_dir.exists():
        staging.rename(output_dir)
        return
    if not output_dir.is_dir() or output_dir.is_symlink():
        raise SiteError(
            "the output path exists and is not a folder; move it away", output_dir
        )
    if _exchange(staging, output_dir):
        shutil.rmtree(staging)  # now holds the previous site
        return
    # No atomic exchange on this system: a short window where only the old name exists.
    old = output_dir.parent / f".{output_dir.name}.old-{os.getpid()}"
    output_dir.rename(old)
    staging.rename(output_dir)
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
