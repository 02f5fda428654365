"""Rebuild for serve: each settled batch of changes -> a preview, then a build.

A batch of edited articles is previewed at once (``preview``); every batch then
gets a full build, whose pages the open browsers reload. A broken article or
``site.toml`` keeps the last good site served, with the error shown over it.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from site_builder.build import BuildReport, build
from site_builder.config import Config, load_config
from site_builder.errors import ContentError, SiteError
from site_builder.load.files import load_file
from site_builder.load.inputs import is_article_name, is_content_folder
from site_builder.serve.livereload import (
    ErrorView,
    LiveState,
    change_kind,
    error_view,
    names,
)
from site_builder.serve.preview import Previews
from site_builder.serve.watch import Log

# Told each build's report and the Config it used: the command line prints it as
# `site-builder build` does (its problems, then its closing line).
Built = Callable[[BuildReport, Config], None]


def untold(report: BuildReport, config: Config) -> None:
    pass


class Rebuilder:
    """Turns batches of changed paths into builds and tells the browsers."""

    def __init__(
        self,
        config: Config,
        state: LiveState,
        log: Log,
        built: Built = untold,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        self.config = config
        self.state = state
        self.log = log
        self.built = built
        # What the command line set over site.toml (--output, --base-url...): kept
        # when an edited site.toml is read again.
        self.overrides = dict(overrides or {})
        self.builds = 0
        self.last_batch: frozenset[str] = frozenset()
        self._broken: dict[str, SiteError] = {}  # articles refused before building
        self._config_error: SiteError | None = None
        self._unpublished: set[str] = set()  # changed since the browsers last reloaded
        self.previews = Previews(log)

    def changed(self, batch: frozenset[str]) -> None:
        self.last_batch = batch
        self._unpublished |= batch
        self._reload_config(batch)
        self._check_articles(batch)
        refused = ([self._config_error] if self._config_error else []) + [
            *self._broken.values()
        ]
        if refused:
            # A full build would drop the broken article from the site: keep the last
            # good one served instead, and build once it is fixed.
            self._fail(tuple(refused))
            return
        self.build()

    def preview(self, batch: frozenset[str]) -> None:
        """Show the edited articles' story pages now (and the front pages without a
        deleted one's card), before the full rebuild."""
        config = self.config
        content = config.content_dir.resolve()
        edited, deleted = [], []
        for raw in batch:
            path = Path(raw)
            if not path.is_relative_to(content):
                return  # not only article edits: the full build shows it all at once
            rel = path.relative_to(content)
            if not _is_article(rel) or path.is_symlink():
                return
            if path.is_file():
                edited.append(rel.as_posix())
            elif not path.exists():
                deleted.append(rel.as_posix())
            else:
                return
        shown = self.previews.show(edited, deleted)
        if shown:
            # An article that now reads well has no problem to show any more.
            fixed = [content / path for path in shown.values()]
            errors = tuple(
                view
                for view in self.state.errors
                if not any(names(view, path, config.root) for path in fixed)
            )
            self.state.published("page", errors, shown)

    def build(self) -> None:
        upto = self.previews.sequence  # previews of edits this build reads
        try:
            report = build(
                self.config, written_site=partial(self.previews.remember, self.config)
            )
        except SiteError as error:
            self._fail((error,))
            return
        except Exception as error:  # a pipeline bug must not kill the dev server
            self.log(traceback.format_exc())
            self._fail((SiteError(f"internal error: {type(error).__name__}: {error}"),))
            return
        self.builds += 1
        if report.written is None:
            self._fail(report.errors)
            return
        views = self._views(report.errors)
        stats = report.written
        # Previews showed the browsers some pages already: those need another reload
        # exactly when their final bytes differ from what the preview showed, even
        # when this build did not write them (an earlier build that read a later
        # edit did, while the preview still stood in front of it).
        shown = self.previews.settle(upto)
        changed = sorted(
            {p for p in stats.changed if p not in shown}
            | {p for p in shown if not self._as_shown(p, shown)}
        )
        kind = change_kind(self._unpublished) if changed else None
        self._unpublished.clear()
        self.state.published(kind, views, changed)
        self.built(report, self.config)

    def _as_shown(self, path: str, shown: dict[str, bytes]) -> bool:
        if path not in shown:
            return False
        try:
            return (self.config.output_dir / path).read_bytes() == shown[path]
        except OSError:
            return False

    def _reload_config(self, batch: frozenset[str]) -> None:
        path = self.config.config_path
        if path is None or str(path) not in batch:
            return
        try:
            fresh = load_config(path)
        except SiteError as error:
            self._config_error = error
            return
        self._config_error = None
        self.config = replace(fresh, **self.overrides)

    def _check_articles(self, batch: frozenset[str]) -> None:
        content = self.config.content_dir.resolve()
        for raw in batch:
            path = Path(raw)
            if path == content or not path.is_relative_to(content):
                continue
            rel = path.relative_to(content)
            self._broken.pop(rel.as_posix(), None)
            if (
                _is_article(rel)
                and path.is_file()
                and path.resolve().is_relative_to(content)
            ):
                try:
                    load_file(content, path)
                except ContentError as error:
                    self._broken[rel.as_posix()] = error
        # A folder renamed or deleted takes its broken articles with it.
        self._broken = {
            rel: error
            for rel, error in self._broken.items()
            if (content / rel).is_file()
        }

    def _views(self, errors: tuple[SiteError, ...]) -> tuple[ErrorView, ...]:
        config = self.config
        return tuple(error_view(e, config.content_dir, config.root) for e in errors)

    def _fail(self, errors: tuple[SiteError, ...]) -> None:
        views = self._views(errors)
        self.state.failed(views)
        for view in views:
            self.log(f"{view.where}: {view.message}")


def _is_article(rel: Path) -> bool:
    """Whether the build reads this file (the rules of ``inputs.article_files``)."""
    *folders, name = rel.parts
    return is_article_name(name) and all(map(is_content_folder, folders))
