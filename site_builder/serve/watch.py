"""Watch and rebuild for serve: file events -> settled batches of changes -> builds.

Only the sources are watched (content/, templates/, static/, the theme, site.toml),
never output/, its lock and staging siblings, or the cache: a build must not trigger
a build. Bursts are merged, never dropped: a change that arrives during a build is
kept for the next batch.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from site_builder.config import Config
from site_builder.render.theme import theme_dir

QUIET = 0.03  # a batch is taken after this much quiet...
LONGEST = 0.5  # ...or this long after its first change, so a stream cannot starve it
CACHE_DIR = ".site-builder"
# The events asked of the kernel. Without a filter inotify also queues every open and
# close of a file that is only read: a build of 10,000 articles reads 10,000 files,
# the queue (16,384 events) overflowed during the first build of a 10,000-article
# site and watchdog had to rescan (bench.serve_latency --n 10000: no overflow since).
_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
Log = Callable[[str], None]


class ChangeQueue:
    """Changed paths waiting for the next build."""

    def __init__(self, quiet: float = QUIET, longest: float = LONGEST) -> None:
        self._cond = threading.Condition()
        self._paths: set[str] = set()
        self._first = self._last = 0.0
        self._quiet = quiet
        self._longest = longest
        self._closed = False

    def add(self, path: str) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths.add(path)
            self._last = now
            self._cond.notify_all()

    def take(self) -> frozenset[str] | None:
        """The next settled batch; None once the queue is closed."""
        with self._cond:
            self._cond.wait_for(lambda: bool(self._paths) or self._closed)
            while not self._closed:
                due = min(self._last + self._quiet, self._first + self._longest)
                left = due - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            if self._closed:
                return None
            batch = frozenset(self._paths)
            self._paths.clear()
            return batch

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def watched_folders(config: Config) -> list[Path]:
    """The source folders that exist, without duplicates or folders inside others."""
    found: list[Path] = []
    for folder in sorted({c.resolve() for c in _sources(config) if c.is_dir()}):
        if not any(folder.is_relative_to(kept) for kept in found):
            found.append(folder)
    return found


def _sources(config: Config) -> list[Path]:
    return [config.content_dir, config.templates_dir, config.static_dir, theme_dir()]


def is_ignored(config: Config, folders: list[Path], path: Path) -> bool:
    """True for build products, caches, editor temporaries and hidden files.

    ``folders`` are the watched folders: hidden names count below them only.
    """
    output = config.output_dir.resolve()
    if path == output or path.is_relative_to(output):
        return True
    if path.is_relative_to(config.root.resolve() / CACHE_DIR):
        return True
    name = path.name
    if path.is_relative_to(output.parent):
        top = path.relative_to(output.parent).parts[0]
        if top.startswith(f".{output.name}."):
            return True  # the build's lock, staging and old siblings
    if name.endswith(("~", ".swp", ".swx", ".tmp")):
        return True
    base = next((f for f in folders if path.is_relative_to(f)), None)
    parts = path.relative_to(base).parts if base else (name,)
    return any(part.startswith(".") for part in parts)


class _Handler(FileSystemEventHandler):
    def __init__(self, accept: Callable[[Path], bool], queue: ChangeQueue) -> None:
        self._accept = accept
        self._queue = queue

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory and event.event_type == "modified":
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if not raw:
                continue
            path = Path(raw if isinstance(raw, str) else raw.decode())
            if self._accept(path):
                self._queue.add(str(path))


class Watcher:
    """watchdog observers on the sources of ``config``, feeding ``queue``."""

    def __init__(self, config: Config, queue: ChangeQueue) -> None:
        self._observer = Observer()
        folders = watched_folders(config)
        for folder in folders:
            handler = _Handler(lambda p: not is_ignored(config, folders, p), queue)
            self._observer.schedule(
                handler, str(folder), recursive=True, event_filter=_EVENTS
            )
        # site.toml, and source folders created after serve started (then watched).
        root = config.root.resolve()
        wanted = {c.resolve() for c in _sources(config) if c.parent.resolve() == root}
        if config.config_path is not None:
            wanted.add(config.config_path.resolve())
        handler = _Handler(lambda p: p in wanted, queue)
        self._observer.schedule(
            handler, str(root), recursive=False, event_filter=_EVENTS
        )

    def __enter__(self) -> Watcher:
        self._observer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._observer.stop()
        self._observer.join()
