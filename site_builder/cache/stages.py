"""Per-article stages with the build cache on every core: load+clean, summarize, render.

Each function computes only what the cache does not already hold, spreads that work
over the worker pool, and returns the new cache entries beside its results, so
``build`` stays a list of stages and the cache is written once, at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from site_builder.cache.store import BuildCache, ContentKey
from site_builder.clean.repeats import clean
from site_builder.config import Config
from site_builder.dedup.signature import Signature, signatures
from site_builder.errors import BuildWarning, ContentError
from site_builder.load.files import (
    content_digest,
    file_time,
    load_file,
    read_article_bytes,
)
from site_builder.load.inputs import Inputs, StatKey
from site_builder.model import (
    CleanArticle,
    DateSource,
    Kept,
    Page,
    Rendered,
    Site,
    Story,
    Summary,
    quick_pickle,
)
from site_builder.render.fingerprints import page_fingerprints
from site_builder.render.pages import compile_templates, render_page, template_digests
from site_builder.summarize.drafting import summarize
from site_builder.workers import MIN_ITEMS, Progress, no_progress, parallel_map
from site_builder.write.search import set_search_bundles
from site_builder.write.staging import Staging

RENDER_CHUNK = 200  # pages rendered per task
SIGN_BATCH = 500  # articles signed per task
PROBE = 32  # files prepared in the parent before the workers fork


@quick_pickle
@dataclass(frozen=True, slots=True)
class Prepared:
    """One content file after load and clean, or the reason it was skipped."""

    article: CleanArticle | None
    error: ContentError | None
    warnings: tuple[BuildWarning, ...]
    summary: Summary | None = None  # as the canonical of a story, once computed
    signature: Signature | None = None  # what dedup keeps of it, once computed


def prepare_all(
    config: Config,
    inputs: Inputs,
    cache: BuildCache,
    progress: Progress = no_progress,
) -> tuple[dict[ContentKey, Prepared], dict[StatKey, str]]:
    """Load and clean every file the cache does not hold, on every core.

    Returns the entries by content key, and each file's digest by its stat (what
    the cache remembers so that the next build reads no unchanged file)."""
    root = config.content_dir.resolve()
    cached = cache.articles
    digests = _digests(root, inputs, cache.digests, {key[0] for key in cached})
    reused = {
        stat: (stat[0], digests[stat])
        for stat in inputs.keys
        if stat in digests and _usable(cached.get((stat[0], digests[stat])), stat)
    }
    missing = [stat for stat in inputs.keys if stat not in reused]

    def prepare(stat: StatKey) -> Prepared:
        try:
            loaded = load_file(root, root / stat[0])
        except ContentError as error:
            return Prepared(None, error, ())
        return Prepared(
            clean(loaded.article, config.default_language), None, loaded.warnings
        )

    fresh = dict(zip(missing, _prepared(prepare, missing, progress), strict=True))
    found: dict[ContentKey, Prepared] = {}
    for stat in inputs.keys:
        if stat in reused:
            found[reused[stat]] = cached[reused[stat]]
            continue
        entry = fresh[stat]  # keyed by the digest of the bytes it was loaded from
        if entry.article is not None:
            digests[stat] = entry.article.article.digest
        found[(stat[0], digests.get(stat, ""))] = entry
    return found, digests


def _prepared(
    prepare: Callable[[StatKey], Prepared],
    missing: list[StatKey],
    progress: Progress,
) -> list[Prepared]:
    """``prepare`` of each of ``missing``, on every core.

    The first few in this process: a language model they load (about 1 s, for text
    without a front-matter language) is then inherited by every forked worker
    instead of being loaded again by each (workers are renewed).
    """
    probe = missing[:PROBE] if len(missing) >= MIN_ITEMS else []
    done = [prepare(stat) for stat in probe]
    done += parallel_map(
        prepare,
        missing[len(probe) :],
        min_items=MIN_ITEMS - len(probe),
        progress=lambda n, _t: progress(len(probe) + n, len(missing)),
    )
    return done


def _digests(
    root: Path, inputs: Inputs, known: dict[StatKey, str], held: set[str]
) -> dict[StatKey, str]:
    """The content digest of each file the cache may hold an entry for: remembered
    for an unchanged stat, else read (a touched file is then no work). A file whose
    path the cache does not hold is not read here: loading it gives its digest."""
    digests: dict[StatKey, str] = {}
    for stat in inputs.keys:
        if stat in known:
            digests[stat] = known[stat]
        elif stat[0] in held:
            try:  # the loader's own reading: no pipe is opened to block, no huge file
                _, data = read_article_bytes(root / stat[0])
            except (OSError, ContentError):
                continue  # loading it reports why
            digests[stat] = content_digest(data)
    return digests


def _usable(entry: object, stat: StatKey) -> bool:
    """Whether a cached entry stands for the file as it is now: same bytes (its key)
    and, for a date taken from the file's time, that time."""
    if not isinstance(entry, Prepared):
        return False
    if entry.article is None:
        return True
    article = entry.article.article
    if article.date_source != DateSource.FILE_TIME:
        return True
    return article.date == file_time(stat[2] / 1e9)


def sign_all(
    prepared: dict[ContentKey, Prepared], progress: Progress = no_progress
) -> dict[ContentKey, Prepared]:
    """Every article's dedup signature: cached ones kept, the rest computed in
    batches (the batch code is vectorised) on every core."""
    todo = [
        key
        for key, entry in prepared.items()
        if entry.article is not None and entry.signature is None
    ]
    batches = [
        todo[start : start + SIGN_BATCH] for start in range(0, len(todo), SIGN_BATCH)
    ]

    def sign(batch: list[ContentKey]) -> tuple[Signature, ...]:
        return signatures([_article(prepared[key]) for key in batch])

    done = parallel_map(sign, batches, chunk=1, min_items=2, progress=progress)
    updated = dict(prepared)
    for batch, signed in zip(batches, done, strict=True):
        for key, value in zip(batch, signed, strict=True):
            updated[key] = replace(prepared[key], signature=value)
    return updated


def known_signatures(prepared: dict[ContentKey, Prepared]) -> dict[str, Signature]:
    """Article path -> signature, for ``dedup.group``."""
    return {
        entry.article.path: entry.signature
        for entry in prepared.values()
        if entry.article is not None and entry.signature is not None
    }


def _article(entry: Prepared) -> CleanArticle:
    if entry.article is None:  # sign_all only picks entries with an article
        raise AssertionError(entry)
    return entry.article


def summarize_all(
    config: Config,
    stories: Sequence[Story],
    prepared: dict[ContentKey, Prepared],
    progress: Progress = no_progress,
) -> tuple[list[tuple[Story, Summary]], dict[ContentKey, Prepared]]:
    """A summary per story version; a canonical's summary is cached with its article."""
    by_path = {key[0]: key for key in prepared}
    todo = [
        story
        for story in stories
        if prepared[by_path[story.canonical.path]].summary is None
    ]
    fresh = dict(
        zip(
            (story.canonical.path for story in todo),
            parallel_map(
                lambda story: summarize(story, config),
                todo,
                chunk=32,
                progress=progress,
            ),
            strict=True,
        )
    )
    updated = dict(prepared)
    for path, summary in fresh.items():
        updated[by_path[path]] = replace(prepared[by_path[path]], summary=summary)
    pairs = [
        (story, _summary(updated[by_path[story.canonical.path]])) for story in stories
    ]
    return pairs, updated


def _summary(prepared: Prepared) -> Summary:
    if prepared.summary is None:  # every canonical was summarized just above
        raise AssertionError(f"no summary for {prepared}")
    return prepared.summary


def render_all(
    config: Config,
    site: Site,
    env: jinja2.Environment,
    previous: dict[str, str],
    out: Staging,
    progress: Progress = no_progress,
) -> dict[str, str]:
    """Every page written into ``out`` by the workers that render it (no page's bytes
    come back to this process); a page whose inputs match ``previous`` (its
    fingerprint from the last build) and whose file is still in output/ is kept.
    Returns the pages' fingerprints."""
    set_search_bundles(config, site, env)
    templates = template_digests(env, (page.template for page in site.pages))
    fingerprints = page_fingerprints(site, templates)
    present = out.old_files()
    kept = {
        page.path
        for page in site.pages
        if previous.get(page.path) == fingerprints[page.path] and page.path in present
    }
    out.put(Kept(path) for path in sorted(kept))
    todo = [page for page in site.pages if page.path not in kept]
    compile_templates(env, {page.template for page in todo})
    chunks = [
        todo[start : start + RENDER_CHUNK]
        for start in range(0, len(todo), RENDER_CHUNK)
    ]

    def render_chunk(pages: list[Page]) -> list[tuple[str, bool]]:
        return out.fill(
            Rendered(p.path, render_page(config, env, p).encode("utf-8")) for p in pages
        )

    for done in parallel_map(
        render_chunk, chunks, chunk=1, min_items=2, progress=progress
    ):
        out.note(done)
    return fingerprints
