"""The theme: the default templates and static files, and a site's overrides."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from site_builder.config import Config
from site_builder.model import Rendered


def theme_dir() -> Path:
    """The default theme: inside the package, or templates/ in a source checkout."""
    installed = Path(str(resources.files("site_builder"))) / "theme"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "templates"


def locale_dirs(config: Config) -> tuple[Path, ...]:
    """Where gettext catalogs are: the site's templates/locale/, then the theme's."""
    return (config.templates_dir / "locale", theme_dir() / "locale")


def theme_files(config: Config) -> list[Path]:
    """Every file of the theme and of the site's templates/ and static/ folders."""
    folders = (theme_dir(), config.templates_dir, config.static_dir)
    return [
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file()
    ]


def static_files(config: Config) -> Iterator[Rendered]:
    """The theme's static/ files, each overridden by the site's file of that name,
    and the favicon at the root too, where browsers look for it unasked (a feed or
    an image opened alone; a page names static/favicon.svg and .ico)."""
    chosen: dict[str, Path] = {}
    for folder in (theme_dir() / "static", config.static_dir):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                chosen[path.relative_to(folder).as_posix()] = path
    for rel, path in sorted(chosen.items()):
        data = path.read_bytes()
        if rel == FAVICON:
            yield Rendered(FAVICON, data)
        yield Rendered(f"static/{rel}", data)


FAVICON = "favicon.ico"
