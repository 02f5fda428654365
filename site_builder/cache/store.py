"""The build cache's stores: one per stage, per-article entries by content key.

A per-article entry is keyed by the file's path and the digest of its bytes, so a
file touched, copied or checked out again with the same bytes (a fresh clone with the
cache restored, in CI) is not processed again, and an entry is never used for other
bytes, whatever the file's times say. A file's digest is remembered by its full stat
(size, modification and change times, inode), so an unchanged file is not even read
again; the change time cannot be set back by hand. An article dated by its file's
time is only reused for that time (``cache.stages``). The files themselves, and the
key every entry depends on, are ``cache.folder``'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from site_builder.cache.folder import CacheFolder, FileDigests
from site_builder.dedup.signature import Signature
from site_builder.dedup.stories import NovelKey
from site_builder.dedup.weighed import Weighed
from site_builder.errors import ContentError
from site_builder.load.files import Loaded
from site_builder.load.inputs import StatKey
from site_builder.model import (
    Article,
    CleanArticle,
    NotArticle,
    Paragraph,
    Removal,
    Summary,
    quick_pickle,
)
from site_builder.site.search_pages import stable_hash

SHARDS = 32  # per-article entries are spread over this many files, by path

ContentKey = tuple[str, str]  # (relative path, digest of the file's bytes)
V = TypeVar("V")


@quick_pickle
@dataclass(frozen=True, slots=True)
class Repair:
    """What the cache keeps of a CleanArticle: all but the article it repairs."""

    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...]
    lang: str
    lang_detected: bool

    @classmethod
    def of(cls, cleaned: CleanArticle) -> Repair:
        return cls(
            cleaned.paragraphs, cleaned.removed, cleaned.lang, cleaned.lang_detected
        )

    def applied(self, article: Article) -> CleanArticle:
        """The CleanArticle this repair makes of ``article`` (its body emptied, as
        ``clean`` leaves it; the cache's articles have none already)."""
        return CleanArticle(
            replace(article, body="") if article.body else article,
            self.paragraphs,
            self.removed,
            self.lang,
            self.lang_detected,
        )


@quick_pickle
@dataclass(frozen=True, slots=True)
class Refusal:
    """What the cache keeps of a NotArticle: why the file is no article."""

    what: str
    line: int

    def applied(self, article: Article) -> NotArticle:
        return NotArticle(replace(article, body=""), self.what, self.line)


def kept_repair(repaired: CleanArticle | NotArticle) -> Repair | Refusal:
    """What the cache keeps of one article's repair."""
    if isinstance(repaired, NotArticle):
        return Refusal(repaired.what, repaired.line)
    return Repair.of(repaired)


Outcome = Loaded | ContentError  # what reading one file gave


@quick_pickle
@dataclass(frozen=True, slots=True)
class Drafted:
    """A summary with its digest (``render.fingerprints.summary_digest``), made once
    with it: page fingerprints then need not digest the summaries kept."""

    summary: Summary
    digest: str


@dataclass(frozen=True, slots=True)
class ArticleEntries:
    """One shard file: each stage's entries for the files whose path falls in it."""

    loads: dict[ContentKey, Outcome]
    repairs: dict[ContentKey, Repair | Refusal]
    signatures: dict[ContentKey, Signature]
    summaries: dict[ContentKey, Drafted]  # of the file as a story's canonical


@dataclass(frozen=True, slots=True)
class Meanings:
    """Each article's sentence embedding (``[dedup] embeddings``), by path, with
    the digest of the text it was made of (``Grouping.meanings``)."""

    by_path: dict[str, tuple[bytes, bytes]]


@dataclass(frozen=True, slots=True)
class NovelSentences:
    """The sentences a source adds to a canonical, by their texts' digests."""

    by_pair: dict[NovelKey, tuple[str, ...]]


class Store(Generic[V]):
    """One stage's entries by content key: what the last build kept, and what this
    build used or made (what the next build will find: the rest is dropped)."""

    def __init__(self, kept: Mapping[ContentKey, V]) -> None:
        self._kept = kept
        self.used: dict[ContentKey, V] = {}

    def __contains__(self, key: ContentKey) -> bool:
        return key in self.used or key in self._kept

    def get(self, key: ContentKey) -> V | None:
        found = self.used.get(key)
        if found is None:
            found = self._kept.get(key)
            if found is not None:
                self.used[key] = found
        return found

    def peek(self, key: ContentKey) -> V | None:
        """The entry, without counting it as used."""
        found = self.used.get(key)
        return self._kept.get(key) if found is None else found

    def put(self, key: ContentKey, value: V) -> None:
        self.used[key] = value

    def paths(self) -> set[str]:
        """The file paths the last build kept entries for."""
        return {key[0] for key in self._kept}


def shard_of(key: ContentKey) -> int:
    """The shard of an entry: by its path, stable across runs and machines."""
    return stable_hash(key[0]) % SHARDS


class ArticleStores:
    """What the per-article stages computed: one store each, read from ``SHARDS``
    files by path, so a build that changed one article rewrites one small file."""

    def __init__(self, folder: CacheFolder) -> None:
        self.folder = folder
        empty = ArticleEntries({}, {}, {}, {})
        shards = [
            folder.read(f"articles-{index:02d}", ArticleEntries) or empty
            for index in range(SHARDS)
        ]
        self._shards = shards
        self.loads: Store[Outcome] = Store(_merged(s.loads for s in shards))
        self.repairs: Store[Repair | Refusal] = Store(
            _merged(s.repairs for s in shards)
        )
        self.signatures: Store[Signature] = Store(_merged(s.signatures for s in shards))
        self.summaries: Store[Drafted] = Store(_merged(s.summaries for s in shards))
        digests = folder.read("file-digests", FileDigests)
        self.digests: dict[StatKey, str] = digests.by_stat if digests else {}
        novel = folder.read("novel-sentences", NovelSentences)
        self.novel: dict[NovelKey, tuple[str, ...]] = novel.by_pair if novel else {}
        meanings = folder.read("meanings", Meanings)
        self.meanings: dict[str, tuple[bytes, bytes]] = (
            meanings.by_path if meanings else {}
        )
        # the last grouping's candidate pairs and their evidence (dedup.weighed)
        self.weighed = folder.read("weighed", Weighed)

    def save(
        self,
        digests: dict[StatKey, str],
        novel: Mapping[NovelKey, tuple[str, ...]],
        meanings: Mapping[str, tuple[bytes, bytes]],
        weighed: Weighed | None = None,
    ) -> None:
        """Store what the stages used or made; a shard is written only if changed."""
        if weighed is not None and weighed.reused < len(weighed.codes):
            self.folder.write("weighed", weighed)  # else: the stored one is as good
        if digests != self.digests:
            self.folder.write("file-digests", FileDigests(digests))
        if novel.keys() != self.novel.keys():
            self.folder.write("novel-sentences", NovelSentences(dict(novel)))
        if meanings != self.meanings:
            self.folder.write("meanings", Meanings(dict(meanings)))
        shards: dict[str, int] = {}  # by path: each path hashed once, not per store
        fresh = [
            ArticleEntries(*parts)
            for parts in zip(
                _by_shard(self.loads, shards),
                _by_shard(self.repairs, shards),
                _by_shard(self.signatures, shards),
                _by_shard(self.summaries, shards),
                strict=True,
            )
        ]
        for index, (old, new) in enumerate(zip(self._shards, fresh, strict=True)):
            if _changed(old, new):
                self.folder.write(f"articles-{index:02d}", new)


def _merged(parts: Iterable[Mapping[ContentKey, V]]) -> dict[ContentKey, V]:
    return {key: value for part in parts for key, value in part.items()}


def _by_shard(store: Store[V], shards: dict[str, int]) -> list[dict[ContentKey, V]]:
    """The entries a build used or made, by the shard file that holds them
    (``shards``: the shard of each path met so far, filled in here)."""
    found: list[dict[ContentKey, V]] = [{} for _ in range(SHARDS)]
    for key, value in store.used.items():
        shard = shards.get(key[0])
        if shard is None:
            shard = shards[key[0]] = shard_of(key)
        found[shard][key] = value
    return found


def _changed(old: ArticleEntries, new: ArticleEntries) -> bool:
    """Whether a shard's entries differ (by identity: values are never rebuilt)."""
    return (
        _differ(old.loads, new.loads)
        or _differ(old.repairs, new.repairs)
        or _differ(old.signatures, new.signatures)
        or _differ(old.summaries, new.summaries)
    )


def _differ(before: Mapping[ContentKey, V], after: Mapping[ContentKey, V]) -> bool:
    return len(before) != len(after) or any(
        before.get(key) is not value for key, value in after.items()
    )
