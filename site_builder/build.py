"""build(config) -> BuildReport: the pipeline, one stage per line. Read this first."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from site_builder.cache.store import BuildCache, Fingerprint
from site_builder.config import Config
from site_builder.errors import BuildWarning, ContentError, SiteError
from site_builder.load.inputs import (
    SIGNATURE_VERSION,
    Inputs,
    scan,
    source_epoch,
)
from site_builder.model import CleanArticle, Site
from site_builder.render.theme import static_files, theme_files
from site_builder.write.staging import WriteStats, build_lock

StageProgress = Callable[[str, int, int], None]  # (stage, items done, items in all)


def no_stage_progress(stage: str, done: int, total: int) -> None:
    """The default: report nothing."""


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


def build(
    config: Config,
    strict: bool = False,
    use_cache: bool = True,
    progress: StageProgress = no_stage_progress,
    written_site: Callable[[Site], None] | None = None,
) -> BuildReport:
    """Load, clean, dedup, summarize, assemble, render and write the site.

    ``progress(stage, done, total)`` is told how far the per-item stages are;
    ``written_site`` is given the site once output/ holds it (serve's previews).
    """
    started = time.perf_counter()
    with build_lock(config.output_dir), _fewer_collections():
        # Templates are not part of the cache key: each page's fingerprint holds the
        # digest of the templates it uses, so a template edit re-renders its pages only.
        fingerprint = Fingerprint.of(config, strict, source_epoch(), SIGNATURE_VERSION)
        theme = Fingerprint.of(files=theme_files(config)).digest
        cache = BuildCache(config.root, fingerprint, use_cache)
        inputs = scan(config.content_dir)
        if (last := _unchanged(config, inputs, theme, cache.last)) is not None:
            return replace(last, seconds=time.perf_counter() - started)
        return _stages(
            config, strict, cache, inputs, theme, progress, written_site, started
        )


def _stages(
    config: Config,
    strict: bool,
    cache: BuildCache,
    inputs: Inputs,
    theme: str,
    progress: StageProgress,
    written_site: Callable[[Site], None] | None,
    started: float,
) -> BuildReport:
    """The pipeline, one stage per line (called under the build lock)."""
    # Imported here, not at the top: a build with nothing to do needs none of them
    # (numpy, Jinja, Babel: half of a no-change build's time at 10,000 articles).
    from site_builder.cache.stages import (
        known_signatures,
        prepare_all,
        sign_all,
        summarize_all,
    )
    from site_builder.dedup.grouping import group
    from site_builder.site.assemble import assemble, name_briefs

    prepared, digests = prepare_all(config, inputs, cache, partial(progress, "Reading"))
    cleaned = [p.article for p in prepared.values() if p.article is not None]
    prepared = sign_all(prepared, partial(progress, "Comparing"))
    grouping = group(
        cleaned,
        config.dedup,
        signatures=known_signatures(prepared),
        novel=cache.novel,
    )
    stories = grouping.stories
    summarized, prepared = summarize_all(
        config, stories, prepared, partial(progress, "Summarizing")
    )
    briefs, slug_warnings = name_briefs(summarized)
    site = assemble(config, briefs)
    errors = tuple(p.error for p in prepared.values() if p.error is not None)
    warnings = (
        *inputs.refused,
        *(w for p in prepared.values() for w in p.warnings),
    )
    warnings = (*warnings, *grouping.warnings, *slug_warnings)
    publish = not ((strict and (errors or warnings)) or (not cleaned and errors))
    written, fingerprints, spare_files = _render_and_write(
        config, site, cache, publish, partial(progress, "Rendering")
    )
    if written is not None and written_site is not None:
        written_site(site)
    report = BuildReport(
        articles=len(cleaned),
        stories=len(stories),
        removed_paragraphs=_removed(cleaned, "paragraph"),
        removed_sentences=_removed(cleaned, "sentence"),
        pages=len(site.pages),
        written=written,
        errors=errors,
        warnings=warnings,
        seconds=time.perf_counter() - started,
    )
    cache.save(
        prepared,
        digests,
        grouping.novel,
        fingerprints if written else None,
        _record(config, inputs, theme, report),
        spare_files,
    )
    return report


def _render_and_write(
    config: Config,
    site: Site,
    cache: BuildCache,
    publish: bool,
    progress: Callable[[int, int], None],
) -> tuple[WriteStats | None, dict[str, str], frozenset[str] | None]:
    """Render every page into the staging folder as workers finish it (no build
    holds every page at once), then swap it in as output/ when ``publish``.
    Returns what was written, the page and search fingerprints, and the files the
    spare folder now holds."""
    from site_builder.cache.stages import render_all
    from site_builder.render.pages import make_environment
    from site_builder.write.search import search_files
    from site_builder.write.staging import staging

    previous, known = cache.pages, cache.spare_files  # the last build's records,
    cache.forget_output()  # gone before anything changes: a killed build leaves none
    with staging(config.output_dir, cache.spare, known) as out:
        env = make_environment(config)
        pages = render_all(config, site, env, previous, out, progress)
        bundles = search_files(config, site, out, pages, previous)
        out.put(static_files(config))
        written = out.commit() if publish else None
        return written, {**pages, **bundles}, out.spare_files


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect cyclic garbage less often while building.

    A build makes millions of long-lived objects (the article cache alone holds
    about 175,000 at 10,000 articles) and almost no cycles; with the default
    thresholds the collector traversed the growing heap again and again (one edit
    at 10,000 articles: 4.4-5.2 s, 3.7-3.9 s with these thresholds).
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _removed(cleaned: list[CleanArticle], kind: str) -> int:
    return sum(
        removal.kind == kind for article in cleaned for removal in article.removed
    )


def _record(
    config: Config, inputs: Inputs, theme: str, report: BuildReport
) -> dict[str, object]:
    """What the next build compares to know that nothing changed."""
    files = report.written.files if report.written else -1
    return {
        "inputs": inputs,
        "theme": theme,
        "output": str(config.output_dir),
        "files": files,
        "report": replace(report, written=WriteStats(0, max(files, 0), 0)),
    }


def _unchanged(
    config: Config, inputs: Inputs, theme: str, last: dict[str, object]
) -> BuildReport | None:
    """The last build's report when sources, settings, templates and output/ are as it
    left them (its file count: a file deleted by hand makes this build a real one)."""
    report = last.get("report")
    if (
        isinstance(report, BuildReport)
        and last.get("inputs") == inputs
        and last.get("theme") == theme
        and last.get("output") == str(config.output_dir)
        and last.get("files") == _count_files(config.output_dir)
    ):
        return report
    return None


def _count_files(folder: Path) -> int:
    """Files under ``folder``: one deleted by hand makes the next build a real one."""
    return sum(len(files) for _root, _dirs, files in os.walk(folder))


__all__ = ["BuildReport", "ContentError", "build"]
