"""build(config) -> BuildReport: the pipeline as named phases. Read this first.

    read -> decide (repair, group, summarize) -> assemble -> render -> write

``decide`` is ``pipeline.decide``, the function ``analyze``, ``enrich`` and the
previews of ``serve`` call too; here its stages run through the build cache
(``cache.stages``), which gives the same results from stored entries and on every
core. A build whose sources, settings, templates and output/ are as the last one
left them does nothing and imports none of the stages.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from site_builder.cache.folder import CacheFolder, Fingerprint, code_digest
from site_builder.config import Config
from site_builder.errors import BuildWarning, ContentError, SiteError
from site_builder.load.inputs import Inputs, scan, source_epoch
from site_builder.model import CleanArticle, Site
from site_builder.render.theme import static_files, theme_files
from site_builder.workers import StageProgress, no_stage_progress
from site_builder.write.staging import WriteStats, build_lock

if TYPE_CHECKING:
    from site_builder.cache.stages import CachedStages
    from site_builder.load.files import LoadResult
    from site_builder.pipeline import Decisions

WrittenSite = Callable[[Site], None]  # told the site once output/ holds it (serve)


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
    undated: tuple[str, ...] = ()  # articles with no date (``analyze`` says each)

    @property
    def ok(self) -> bool:
        return self.written is not None


@dataclass(frozen=True, slots=True)
class LastBuild:
    """What the next build compares to know that nothing changed."""

    inputs: Inputs
    theme: str  # digest of the theme's and the site's templates and static files
    output: str
    report: BuildReport  # as the next build returns it when nothing changed
    files: int  # in output/: one deleted by hand makes the next build a real one

    @classmethod
    def of(
        cls, config: Config, inputs: Inputs, theme: str, report: BuildReport
    ) -> LastBuild:
        """The record of a build that wrote output/: the next one that changes
        nothing wrote nothing and kept every file."""
        files = report.written.files if report.written else 0
        kept = replace(report, written=WriteStats(0, files, 0))
        return cls(inputs, theme, str(config.output_dir), kept, files)


def build(
    config: Config,
    strict: bool = False,
    use_cache: bool = True,
    progress: StageProgress = no_stage_progress,
    written_site: WrittenSite | None = None,
) -> BuildReport:
    """Read, decide, assemble, render and write the site.

    ``progress(stage, done, total)`` is told how far the per-item stages are;
    ``written_site`` is given the site once output/ holds it (serve's previews).
    """
    started = time.perf_counter()
    with build_lock(config.output_dir), _no_collections():
        # The build's objects are freed as _built returns, before collection resumes:
        # else the first collection after it traversed every one (0.18 s at 10,000
        # articles, the first allocation after a one-edit build).
        return _built(config, strict, use_cache, progress, written_site, started)


def _built(
    config: Config,
    strict: bool,
    use_cache: bool,
    progress: StageProgress,
    written_site: WrittenSite | None,
    started: float,
) -> BuildReport:
    """``build`` under the output folder's lock."""
    # Templates are not part of the cache key: each page's fingerprint holds the
    # digest of the templates it uses, so a template edit re-renders its pages only.
    code = code_digest()
    key = Fingerprint.of(config, strict, source_epoch(), code)
    cache = CacheFolder(config.root, key, use_cache, code)
    inputs = scan(config.content_dir)
    theme = Fingerprint.of(files=theme_files(config)).digest
    last = cache.read("last-build", LastBuild)
    if last is not None and _unchanged(config, inputs, theme, last):
        return replace(last.report, seconds=time.perf_counter() - started)
    stages = _stages(cache, progress)
    loaded = stages.read(config, inputs)
    decisions = _decide(config, loaded, stages)
    site, named = _assemble(config, decisions, cache)
    warnings = (
        *loaded.warnings,
        *decisions.warnings,
        *decisions.grouping.warnings,
        *named,
    )
    publish = _publishable(strict, loaded, warnings)
    written = _render_and_write(
        config, site, cache, publish, progress, stages.summary_digests
    )
    report = BuildReport(
        articles=len(decisions.articles),
        stories=len(decisions.stories),
        removed_paragraphs=_removed(decisions.articles, "paragraph"),
        removed_sentences=_removed(decisions.articles, "sentence"),
        pages=len(site.pages),
        written=written.stats if written else None,
        errors=loaded.errors,
        warnings=warnings,
        seconds=time.perf_counter() - started,
        undated=tuple(a.path for a in decisions.articles if not a.article.date),
    )
    stages.save(decisions.grouping)
    if written is not None:
        record = LastBuild.of(config, inputs, theme, report)
        cache.save_output(written.fingerprints, record, written.spare)
        if written_site is not None:
            written_site(site)
    return report


def _stages(cache: CacheFolder, progress: StageProgress) -> CachedStages:
    """The pipeline's stages through the cache's stores.

    Imported here, not at the top: a build with nothing to do needs none of them
    (numpy, Jinja, Babel: half of a no-change build's time at 10,000 articles).
    """
    from site_builder.cache.stages import CachedStages
    from site_builder.cache.store import ArticleStores

    return CachedStages(ArticleStores(cache), progress)


def _decide(config: Config, loaded: LoadResult, stages: CachedStages) -> Decisions:
    """Repair, group and summarize: ``pipeline.decide``, through the cache."""
    from site_builder.pipeline import decide

    return decide(config, loaded.articles, stages)


def _assemble(
    config: Config, decisions: Decisions, cache: CacheFolder
) -> tuple[Site, tuple[BuildWarning, ...]]:
    """Every page of the site, decided before anything is rendered (related
    stories through the cache); the warnings of naming the briefs (two stories
    wanting one slug) and of a base_url that points to this machine."""
    from site_builder.cache.links import CachedRelated
    from site_builder.site.address import base_url_warnings
    from site_builder.site.assemble import assemble, name_briefs

    briefs, warnings = name_briefs(decisions.summarized())
    site = assemble(config, briefs, CachedRelated(cache))
    return site, (*warnings, *base_url_warnings(config))


def _publishable(
    strict: bool, loaded: LoadResult, warnings: tuple[BuildWarning, ...]
) -> bool:
    """Whether the site replaces output/: never under ``--strict`` with a problem,
    nor when every article failed."""
    errors = loaded.errors
    return not ((strict and (errors or warnings)) or (not loaded.articles and errors))


@dataclass(frozen=True, slots=True)
class _Written:
    stats: WriteStats
    fingerprints: dict[str, str]  # of each page and search shard
    spare: frozenset[str] | None  # what the spare folder now holds (None: unknown)


def _render_and_write(
    config: Config,
    site: Site,
    cache: CacheFolder,
    publish: bool,
    progress: StageProgress,
    summaries: dict[int, str],
) -> _Written | None:
    """Render every page into the staging folder as workers finish it (no build
    holds every page at once), index it for search, then swap it in as output/
    when ``publish``. ``summaries``: the digests the cache keeps of the summaries."""
    from site_builder.render.pages import make_environment
    from site_builder.write.pages import render_all
    from site_builder.write.search import search_files
    from site_builder.write.staging import staging

    previous, known = cache.page_fingerprints(), cache.spare_files()
    cache.forget_output()  # gone before anything changes: a killed build leaves none
    with staging(config.output_dir, cache.spare, known) as out:
        compiled = cache.templates_folder()
        env = make_environment(config, compiled)
        rendering = partial(progress, "Rendering")
        pages = render_all(
            config, site, env, previous, out, rendering, compiled, summaries
        )
        bundles = search_files(config, site, out, previous)
        out.put(static_files(config))
        if not publish:
            return None
        stats = out.commit()
        return _Written(stats, {**pages, **bundles}, out.spare_files)


def _unchanged(config: Config, inputs: Inputs, theme: str, last: LastBuild) -> bool:
    """Whether sources, settings, templates and output/ are as the last build left
    them (its file count: a file deleted by hand makes this build a real one)."""
    return (
        last.inputs == inputs
        and last.theme == theme
        and last.output == str(config.output_dir)
        and last.files == _count_files(config.output_dir)
    )


@contextmanager
def _no_collections() -> Iterator[None]:
    """No cyclic garbage collection while building (this process and its workers).

    A build makes millions of long-lived objects (the article cache alone holds
    about 175,000 at 10,000 articles) and almost no cycles: about 1,000 cyclic
    objects in a cold build at 10,000 articles. The collector only traversed the
    growing heap: 36 collections of 100,000 young objects, 0.18 s of a one-edit
    build at 10,000 articles, with the thresholds used before (and 4.4-5.2 s
    against 3.7-3.9 s with the default ones). Collection resumes afterwards
    (``serve`` builds again and again in one process).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _removed(cleaned: tuple[CleanArticle, ...], kind: str) -> int:
    return sum(
        removal.kind == kind for article in cleaned for removal in article.removed
    )


def _count_files(folder: Path) -> int:
    """Files under ``folder``: one deleted by hand makes the next build a real one."""
    return sum(len(files) for _root, _dirs, files in os.walk(folder))


__all__ = ["BuildReport", "ContentError", "build"]
