"""Live reload vocabulary for serve: generations, error payloads, the injected script.

Every served page carries the generation of the build it came from; the browser's one
shared long-poll asks "anything newer than version N?" and is answered at once when the
server has moved on, so an edit that lands while a page reloads is never missed.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from typing import Literal

from site_builder.errors import SiteError

SCRIPT_URL = "/__livereload/livereload.js"
POLL_URL = "/__livereload/poll"
Kind = Literal["css", "page"]
HISTORY = 64  # generations remembered; an older page simply reloads
LISTED = (
    2000  # a generation names the pages it changed when there are at most this many
)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ErrorView:
    """A problem as the overlay shows it: ``path:line``, message, the line itself."""

    where: str
    message: str
    line: int | None
    source: str | None

    def as_json(self) -> dict[str, object]:
        return {
            "where": self.where,
            "message": self.message,
            "line": self.line,
            "source": self.source,
        }


def error_view(error: SiteError, content_dir: Path, root: Path) -> ErrorView:
    """Where ``error`` is, shown relative to the site folder, with its source line."""
    path = None if error.path in (None, "") else Path(str(error.path))
    if path is not None and not path.is_absolute():
        path = content_dir / path
    where = "" if path is None else _relative(path, root)
    line = error.line or None
    if where and line:
        where = f"{where}:{line}"
    return ErrorView(where or "site", error.message, line, _source_line(path, line))


def names(view: ErrorView, path: Path, root: Path) -> bool:
    """Whether ``view`` is a problem of the file ``path``."""
    where = _relative(path, root)
    return view.where == where or view.where.startswith(f"{where}:")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _source_line(path: Path | None, line: int | None) -> str | None:
    if path is None or not line:
        return None
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None
    return lines[line - 1] if 0 < line <= len(lines) else None


def change_kind(changed: Iterable[str]) -> Kind:
    """``css`` when only stylesheets changed: those are swapped without a reload."""
    paths = list(changed)
    return "css" if paths and all(p.endswith(".css") for p in paths) else "page"


class LiveState:
    """What the browsers are told, guarded by one condition variable.

    ``generation`` counts builds that changed the served site; ``version`` counts any
    change the browsers should hear about (a new build, errors appearing or clearing).
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.generation = 0
        self.version = 0
        self._history: deque[tuple[int, Kind, list[str] | None]] = deque(maxlen=HISTORY)
        self._errors: tuple[ErrorView, ...] = ()
        self._closed = False

    def published(
        self,
        kind: Kind | None,
        errors: tuple[ErrorView, ...],
        pages: Iterable[str] | None = None,
    ) -> None:
        """A build finished; ``kind`` is None when it changed no output file.

        ``pages``: the output files it changed, when known; a tab showing none of
        them does not reload.
        """
        listed = sorted(pages) if pages is not None else None
        with self._cond:
            if kind is not None:
                self.generation += 1
                named = listed if listed is not None and len(listed) <= LISTED else None
                self._history.append((self.generation, kind, named))
            if kind is not None or errors != self._errors:
                self._errors = errors
                self.version += 1
                self._cond.notify_all()

    def failed(self, errors: tuple[ErrorView, ...]) -> None:
        """A build was refused: the last good site stays, the errors are shown."""
        self.published(None, errors)

    @property
    def errors(self) -> tuple[ErrorView, ...]:
        with self._cond:
            return self._errors

    def snapshot(self) -> dict[str, object]:
        with self._cond:
            return {
                "version": self.version,
                "generation": self.generation,
                "history": [list(item) for item in self._history],
                "errors": [e.as_json() for e in self._errors],
            }

    def wait(self, version: int, timeout: float) -> dict[str, object]:
        """The state as soon as it differs from ``version`` (or after ``timeout``)."""
        with self._cond:
            self._cond.wait_for(
                lambda: self.version != version or self._closed, timeout
            )
            return self.snapshot()

    def close(self) -> None:
        """Release every waiting poll (the server is stopping)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def client_script() -> bytes:
    """The browser client, shipped as package data next to this module."""
    return resources.files("site_builder.serve").joinpath("livereload.js").read_bytes()


def inject(html: bytes, generation: int, page: str = "") -> bytes:
    """``html`` with the live-reload script before its last ``</body>``; ``page`` is
    the output file it is (a tab reloads only for a generation that changed it)."""
    tag = (
        f'<script src="{SCRIPT_URL}" data-generation="{generation}"'
        f' data-page="{escape(page)}" defer></script>'
    ).encode()
    ends = list(_BODY_END.finditer(html))
    if not ends:
        return html + tag
    at = ends[-1].start()
    return html[:at] + tag + html[at:]
