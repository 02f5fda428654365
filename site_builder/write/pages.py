"""Write stage, pages: every page rendered into the staging folder, on every core.

The workers that render a page write it (no page's bytes come back to the parent,
so no build holds every page at once). A page whose inputs did not change since the
last build (its fingerprint, ``render.fingerprints``) and whose file is still in
output/ is kept as it is, not rendered again.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from site_builder.config import Config
from site_builder.model import Kept, Page, Rendered, Site
from site_builder.render.fingerprints import page_fingerprints
from site_builder.render.pages import render_page
from site_builder.render.template_runtime import Environment
from site_builder.render.templates import (
    References,
    compile_templates,
    template_digests,
)
from site_builder.workers import Progress, no_progress, parallel_map
from site_builder.write.staging import Staging

RENDER_CHUNK = 200  # pages rendered per task
FORKED = 2  # chunks from which workers render them


def render_all(
    config: Config,
    site: Site,
    env: Environment,
    previous: dict[str, str],
    out: Staging,
    progress: Progress = no_progress,
    compiled: Path | None = None,
    summaries: Mapping[int, str] | None = None,
) -> dict[str, str]:
    """Every page written into ``out``, or kept when its fingerprint matches
    ``previous`` (the last build's); returns the pages' fingerprints. ``compiled``
    is the folder of compiled templates (``render.pages.make_environment``);
    ``summaries`` the digests of summaries the cache knows (``page_fingerprints``)."""
    refs = References(env, compiled)
    templates = template_digests(refs, (page.template for page in site.pages))
    fingerprints = page_fingerprints(site, templates, summaries)
    present = out.old_files()
    kept = {
        page.path
        for page in site.pages
        if previous.get(page.path) == fingerprints[page.path] and page.path in present
    }
    out.put(Kept(path) for path in sorted(kept))
    todo = [page for page in site.pages if page.path not in kept]
    chunks = [
        todo[start : start + RENDER_CHUNK]
        for start in range(0, len(todo), RENDER_CHUNK)
    ]
    if len(chunks) >= FORKED:  # else rendered here, each template as it is used
        compile_templates(refs, {page.template for page in todo})
    refs.save()

    def render_chunk(pages: list[Page]) -> list[tuple[str, bool]]:
        return out.fill(
            Rendered(p.path, render_page(config, env, p).encode("utf-8")) for p in pages
        )

    for done in parallel_map(
        render_chunk, chunks, chunk=1, min_items=FORKED, progress=progress
    ):
        out.note(done)
    return fingerprints
