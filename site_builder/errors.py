"""Errors and warnings: every problem names a file and a line.

The tree is small on purpose::

    SiteError                 a problem that stops one unit of work (a file, the config,
     |                        the build); carries path:line and a hint of what to do
     +-- ConfigError          site.toml is invalid: the build cannot start
     +-- ContentError         one article cannot be read: it is reported and skipped
     +-- TemplateError        a template failed to compile or render
     +-- PublishError         output/ cannot be published (stale, target unreachable,
                              too many deletes); running the command again resumes

    BuildWarning              a value, not an exception: something the user should know
                              (an encoding guessed, a slug taken twice); kept in
                              the BuildReport and fatal only under --strict
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def location(path: Path | str | None, line: int | None) -> str:
    """``path:line`` as editors and terminals understand it (no line if unknown)."""
    if path is None:
        return ""
    return f"{path}:{line}" if line else f"{path}"


class SiteError(Exception):
    """A problem with a place: ``path:line: message``."""

    def __init__(
        self, message: str, path: Path | str | None = None, line: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = location(self.path, self.line)
        return f"{where}: {self.message}" if where else self.message

    def __reduce__(
        self,
    ) -> tuple[type[SiteError], tuple[str, Path | str | None, int | None]]:
        # Keep path and line when an error crosses processes or the build cache.
        return (type(self), (self.message, self.path, self.line))


class ConfigError(SiteError):
    """site.toml cannot be used."""


class ContentError(SiteError):
    """One article cannot be read; the build skips it."""


class GoneError(ContentError):
    """The file was deleted after the build listed the folder: a deletion (the next
    build sees it gone), not a problem to report."""


class TemplateError(SiteError):
    """A template failed to compile or render."""


class PublishError(SiteError):
    """output/ could not be published; what was sent stays, and a rerun completes it."""


@dataclass(frozen=True, slots=True)
class BuildWarning:
    """Something the user should know about; fatal only under ``--strict``."""

    message: str
    path: str = ""
    line: int = 0

    def __str__(self) -> str:
        where = location(self.path or None, self.line or None)
        return f"{where}: {self.message}" if where else self.message

    @classmethod
    def from_error(cls, error: SiteError) -> BuildWarning:
        path = "" if error.path is None else str(error.path)
        return cls(error.message, path, error.line or 0)
