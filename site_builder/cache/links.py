"""The build cache's related stories: ``site.related``'s links, kept while every
brief's inputs to them are as they were.

Related stories depend on each brief's topics, first names, time, language and story
(``related_rows``, all that ``related_paths`` reads). An edit that changes none of
them (a body's wording, a headline: most edits) reads the links here instead of
ranking about 600,000 candidates again (0.3-0.45 s of a one-edit build at 10,000
articles). A change to any of them, in any brief, ranks every brief again: the
result is always the one ``related`` gives.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.cache.folder import CacheFolder
from site_builder.site.related import related_paths, related_rows
from site_builder.site.taxonomy import Entry


@dataclass(frozen=True, slots=True)
class RelatedLinks:
    """Brief path -> its related briefs' paths, for rows of this digest."""

    rows: str
    by_path: dict[str, tuple[str, ...]]


class CachedRelated:
    """``site.related.related`` through the cache folder (one file, ``related``)."""

    def __init__(self, folder: CacheFolder) -> None:
        self.folder = folder

    def __call__(self, entries: Sequence[Entry]) -> dict[str, tuple[Entry, ...]]:
        rows = related_rows(entries)
        # marshal writes plain values only (a Row is a tuple subclass): each as a tuple
        digest = hashlib.sha256(marshal.dumps([tuple(r) for r in rows], 2)).hexdigest()
        kept = self.folder.read("related", RelatedLinks)
        if kept is None or kept.rows != digest:
            kept = RelatedLinks(digest, related_paths(rows))
            self.folder.write("related", kept)
        by_path = {e.path: e for e in entries}
        return {
            path: tuple([by_path[other] for other in near])
            for path, near in kept.by_path.items()
        }
