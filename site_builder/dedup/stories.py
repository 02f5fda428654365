"""Dedup's stories: canonical order, stable ids, a Story per language, novelty."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence

from site_builder.config import DedupConfig
from site_builder.dedup.copies import Copies
from site_builder.dedup.signature import Signature, compared_text
from site_builder.model import CleanArticle, Source, SourceKind, Story
from site_builder.text.normalize import Reference, novel_sentences
from site_builder.text.sentences import split_sentences

# (source's Signature.text, canonical's Signature.text): what novel sentences depend on
NovelKey = tuple[bytes, bytes]


def dated(article: CleanArticle) -> bool:
    """Whether the article has a date its publisher wrote (front matter, its text or
    its URL): a file's time says nothing of when the news was."""
    return article.article.date_source.trusted


def day(article: CleanArticle) -> float:
    """The article's date in days (only for a ``dated`` article)."""
    published = article.article.date
    return published.timestamp() / 86400.0 if published is not None else math.nan


def ranking(
    ordered: Sequence[CleanArticle], words: Sequence[int], config: DedupConfig
) -> list[int]:
    """Position of each article in the canonical order (0 = most canonical)."""
    outlets = {name.casefold(): i for i, name in enumerate(config.preferred_outlets)}

    def key(i: int) -> tuple[object, ...]:
        article = ordered[i]
        parts: dict[str, object] = {
            "outlet": outlets.get(
                (article.article.meta.outlet or "").casefold(), len(outlets)
            ),
            "earliest": day(article) if dated(article) else math.inf,
            "longest": -words[i],
        }
        return (*(parts[name] for name in config.canonical), article.path)

    order = sorted(range(len(ordered)), key=key)
    rank = [0] * len(ordered)
    for position, i in enumerate(order):
        rank[i] = position
    return rank


def story_id(ordered: Sequence[CleanArticle], members: Sequence[int]) -> str:
    """The id of a story: a hash of its earliest member's path (see ``dedup``)."""
    earliest = min(
        members,
        key=lambda i: (
            day(ordered[i]) if dated(ordered[i]) else math.inf,
            ordered[i].path,
        ),
    )
    return "s" + hashlib.sha256(ordered[earliest].path.encode()).hexdigest()[:10]


class Novelty:
    """Novel sentences of a source against a canonical, reused when already known.

    ``used`` collects every answer given, to be handed back next time: a build
    that changed one article recomputes only the pairs that involve it.
    """

    def __init__(
        self,
        ordered: Sequence[CleanArticle],
        signatures: Sequence[Signature],
        known: Mapping[NovelKey, tuple[str, ...]],
    ) -> None:
        self.ordered, self.signatures, self.known = ordered, signatures, known
        self.used: dict[NovelKey, tuple[str, ...]] = {}
        self._references: dict[int, Reference] = {}

    def novel(self, source: int, canonical: int) -> tuple[str, ...]:
        key = (self.signatures[source].text, self.signatures[canonical].text)
        found = self.used.get(key, self.known.get(key))
        if found is None:
            reference = self._references.get(canonical)
            if reference is None:
                reference = Reference.of(compared_text(self.ordered[canonical]))
                self._references[canonical] = reference
            found = _novel(self.ordered[source], reference)
        self.used[key] = found
        return found


def novel_of(source: CleanArticle, canonical: CleanArticle) -> tuple[str, ...]:
    """The sentences ``source`` adds to ``canonical`` (as ``Novelty.novel`` finds)."""
    return _novel(source, Reference.of(compared_text(canonical)))


def _novel(source: CleanArticle, reference: Reference) -> tuple[str, ...]:
    sentences = split_sentences(compared_text(source), source.lang)
    return novel_sentences(sentences, reference, True)


def versions(
    identity: str,
    members: Sequence[int],
    copies: Copies,
    rank: Sequence[int],
    novelty: Novelty,
) -> list[Story]:
    """One Story per language the event was told in, all sharing the event's id.

    Each version's canonical is the best-ranked article in that language, so a
    French reader gets a French text and an English reader an English one; every
    version lists every source. Novel sentences are only sought between articles
    of the same language (a translation is not news).
    """
    ordered = novelty.ordered
    by_rank = sorted(members, key=lambda i: rank[i])
    canonicals = {ordered[i].lang: i for i in reversed(by_rank)}
    chosen = sorted(canonicals.values(), key=lambda i: rank[i])
    return [_story(identity, c, by_rank, copies, novelty) for c in chosen]


def _story(
    identity: str,
    canonical: int,
    by_rank: Sequence[int],
    copies: Copies,
    novelty: Novelty,
) -> Story:
    ordered = novelty.ordered
    sources = []
    for i in by_rank:
        if i == canonical:
            continue
        if copies.key[i] == copies.key[canonical] and copies.key[i]:
            kind = SourceKind.EXACT
        elif copies.root[i] == copies.root[canonical]:
            kind = SourceKind.NEAR
        else:
            kind = SourceKind.SAME_STORY
        novel: tuple[str, ...] = ()
        if kind is not SourceKind.EXACT and ordered[i].lang == ordered[canonical].lang:
            novel = novelty.novel(i, canonical)
        sources.append(Source(ordered[i], kind, novel))
    return Story(identity, ordered[canonical], tuple(sources))
