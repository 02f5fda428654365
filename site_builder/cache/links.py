"""The build cache's related stories: ``site.related``'s links, kept while every
brief's inputs to them are as they were, and updated by delta when a few changed.

Related stories depend on each brief's topics, first names, time, language and story
(``related_rows``, all that ``related_paths`` reads). An edit that changes none of
them (a body's wording, a headline: most edits) reads the links here instead of
ranking about 600,000 candidates again (0.3-0.45 s of a one-edit build at 10,000
articles). When some briefs' rows changed, appeared or went, only the briefs whose
lists that can alter are ranked again (``site.related_delta``); past
``related_delta.CHANGED`` of them, every brief is. The result is always the one
``related`` gives.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.cache.folder import CacheFolder
from site_builder.site.related import Row, related_paths, related_rows
from site_builder.site.related_delta import touched
from site_builder.site.taxonomy import Entry


@dataclass(frozen=True, slots=True)
class RelatedLinks:
    """Brief path -> its related briefs' paths, for rows of this digest (the rows
    themselves marshalled: the next build tells which changed)."""

    rows: str
    by_path: dict[str, tuple[str, ...]]
    kept: bytes = b""


class CachedRelated:
    """``site.related.related`` through the cache folder (one file, ``related``)."""

    def __init__(self, folder: CacheFolder) -> None:
        self.folder = folder

    def __call__(self, entries: Sequence[Entry]) -> dict[str, tuple[Entry, ...]]:
        rows = related_rows(entries)
        # marshal writes plain values only (a Row is a tuple subclass): each as a tuple
        kept_rows = marshal.dumps([tuple(r) for r in rows], 2)
        digest = hashlib.sha256(kept_rows).hexdigest()
        kept = self.folder.read("related", RelatedLinks)
        if kept is None or kept.rows != digest:
            kept = RelatedLinks(digest, _updated(kept, rows), kept_rows)
            self.folder.write("related", kept)
        by_path = {e.path: e for e in entries}
        return {
            path: tuple([by_path[other] for other in near])
            for path, near in kept.by_path.items()
        }


def _updated(kept: RelatedLinks | None, rows: list[Row]) -> dict[str, tuple[str, ...]]:
    """The links of ``rows``: those of the briefs a change can alter ranked again,
    the others as ``kept``; all ranked when nothing is kept or much changed."""
    if kept is None or not kept.kept:
        return related_paths(rows)
    before = {row[0]: Row._make(row) for row in marshal.loads(kept.kept)}
    near = touched(before, rows)
    if near is None:
        return related_paths(rows)
    now = {row.path for row in rows}
    found = {path: links for path, links in kept.by_path.items() if path in now}
    found.update(related_paths(rows, near))
    return found
