"""build(config) -> BuildReport: the pipeline, one stage per line. Read this first."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from site_builder.assemble import assemble, name_briefs
from site_builder.cache import Fingerprint, cache_file, read_cache, write_cache
from site_builder.config import Config
from site_builder.dedup import dedup
from site_builder.errors import BuildWarning, ContentError, SiteError
from site_builder.incremental import (
    Inputs,
    prepare_all,
    render_all,
    scan,
    search_files,
    source_epoch,
    summarize_all,
)
from site_builder.model import Rendered
from site_builder.render import make_environment, theme_dir
from site_builder.write import WriteStats, build_lock, write_site


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did and what it noticed."""

    articles: int
    stories: int
    removed_paragraphs: int
    removed_sentences: int
    pages: int
    written: WriteStats | None  # None: nothing written (strict mode, or no article)
    errors: tuple[SiteError, ...]
    warnings: tuple[BuildWarning, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return self.written is not None


def build(config: Config, strict: bool = False, use_cache: bool = True) -> BuildReport:
    """Load, clean, dedup, summarize, assemble, render and write the site."""
    started = time.perf_counter()
    inputs = scan(config.content_dir)
    fingerprint = Fingerprint.of(
        config, strict, source_epoch(), files=theme_files(config)
    )
    last = read_cache(cache_file(config.root, "last-build"), fingerprint)
    previous = last.get("report")
    if (
        use_cache
        and isinstance(previous, BuildReport)
        and _unchanged(config, inputs, last)
    ):
        return replace(previous, seconds=time.perf_counter() - started)
    cached = (
        read_cache(cache_file(config.root, "articles"), fingerprint)
        if use_cache
        else {}
    )
    prepared = prepare_all(config, inputs, cached)
    cleaned = [p.article for p in prepared.values() if p.article is not None]
    stories = dedup(cleaned, config.dedup)
    summarized, prepared = summarize_all(config, stories, prepared)
    briefs, slug_warnings = name_briefs(summarized)
    site = assemble(config, briefs)
    previous = (
        read_cache(cache_file(config.root, "pages"), fingerprint) if use_cache else {}
    )
    pages, rendered = render_all(config, site, make_environment(config), previous)
    files = [*pages, *search_files(config, site, pages), *static_files(config)]
    errors = tuple(p.error for p in prepared.values() if p.error is not None)
    warnings = (*inputs.refused, *(w for p in prepared.values() for w in p.warnings))
    warnings = (*warnings, *slug_warnings)
    refuse = (strict and (errors or warnings)) or (not cleaned and errors)
    written = None
    if not refuse:
        with build_lock(config.output_dir):
            written = write_site(config.output_dir, files)
    if len(cached) != len(prepared) or any(
        cached.get(k) is not v for k, v in prepared.items()
    ):
        write_cache(cache_file(config.root, "articles"), fingerprint, prepared)
    removed = [r for c in cleaned for r in c.removed]
    report = BuildReport(
        articles=len(cleaned),
        stories=len(stories),
        removed_paragraphs=sum(r.kind == "paragraph" for r in removed),
        removed_sentences=sum(r.kind == "sentence" for r in removed),
        pages=len(site.pages),
        written=written,
        errors=errors,
        warnings=warnings,
        seconds=time.perf_counter() - started,
    )
    if written is not None:
        write_cache(cache_file(config.root, "pages"), fingerprint, rendered)
        unchanged = replace(report, written=WriteStats(0, written.files, 0))
        state = {
            "inputs": inputs,
            "output": str(config.output_dir),
            "files": written.files,
            "report": unchanged,
        }
        write_cache(cache_file(config.root, "last-build"), fingerprint, state)
    return report


def _unchanged(config: Config, inputs: Inputs, last: dict[str, object]) -> bool:
    """Same sources, settings and templates as last time, and its output still there."""
    return (
        last.get("inputs") == inputs
        and last.get("output") == str(config.output_dir)
        and last.get("files") == _count_files(config.output_dir)
    )


def _count_files(folder: Path) -> int:
    """Files under ``folder``: one deleted by hand makes the next build a real one."""
    return sum(len(files) for _root, _dirs, files in os.walk(folder))


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
    """The theme's static/ files, each overridden by the site's file of that name."""
    chosen: dict[str, Path] = {}
    for folder in (theme_dir() / "static", config.static_dir):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                chosen[path.relative_to(folder).as_posix()] = path
    for rel, path in sorted(chosen.items()):
        yield Rendered(f"static/{rel}", path.read_bytes())


__all__ = ["BuildReport", "ContentError", "build"]
