"""Dedup stage: CleanArticles -> Stories (exact copies, near copies, same-story groups).

1. Exact copies: equal folded words after the publisher's header and footer are
   dropped (``text.normalize``).
2. Near copies: MinHash signatures of word 5-grams (``text.shingles``), candidate
   pairs from LSH bands (42 bands of 3 rows: a pair at Jaccard 0.5 is proposed with
   probability 0.995, one at 0.1 with 0.04), accepted at estimated Jaccard >= 0.5, or
   when 80% of the smaller text lies in the larger (an updated, longer version).
3. Stories: one representative per group of copies is clustered by average linkage
   of tf-idf cosine over names, numbers and stems (``cluster``), within
   ``window_days`` when both dates come from front matter.
4. Editors decide last: ``duplicate_of`` and ``not_duplicate_of`` act on copies,
   ``not_duplicate_of`` also keeps two articles out of one story, ``story: <id>``
   moves an article (with its copies) into the story of that id.

Rules the rest of the site relies on:

- Canonical article of a story: the first by ``DedupConfig.canonical``, by default
  a preferred outlet (in ``preferred_outlets`` order), then the earliest date from
  front matter (file times do not count), then the most words (header and footer
  left out), then the path.
- Story id: ``s`` + 10 hex digits of the SHA-256 of the path of the story's
  *earliest* member (front-matter date, then path), whatever the canonical. Adding
  or removing an article that joins no story therefore renames no story; a story
  named by ``story: <id>`` keeps that id.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from site_builder.cluster import NEVER, Profiles, average_linkage, similarities
from site_builder.config import DedupConfig
from site_builder.model import CleanArticle, DateSource, Source, SourceKind, Story
from site_builder.text.normalize import Reference, novel_sentences, strip_boilerplate
from site_builder.text.sentences import split_sentences
from site_builder.text.shingles import Sketches, Vocabulary, near_pairs, sketch

STORY_THRESHOLD = 0.03  # mean cosine two groups need, plus cluster.SPREAD / sqrt(pairs)
_BATCH = 2048  # articles tokenised at a time: bounds the memory of the numpy arrays


@dataclass(frozen=True, slots=True)
class Copy:
    """An article that copies another: the copy's path, the original's and how."""

    path: str
    of: str
    kind: SourceKind


@dataclass(frozen=True, slots=True)
class Grouping:
    """Everything dedup decided: the stories, and each copy's own original.

    ``Copy.of`` may differ from the story's canonical: in a story told by outlets A
    and B where B was also copied as B', B' is a copy of B but only a ``SAME_STORY``
    source of A.
    """

    stories: tuple[Story, ...]
    copies: tuple[Copy, ...]


@dataclass(frozen=True, slots=True)
class Copies:
    """Groups of copies, by article number in path order."""

    root: list[int]  # the most canonical member of each article's group
    members: dict[int, list[int]]  # root -> its group, in path order
    kind: list[SourceKind]  # each article relative to its root
    key: list[bytes]  # exact-copy key (b"" for a text without words)
    apart: list[tuple[int, int]]  # pairs that editors keep apart


def dedup(articles: Sequence[CleanArticle], config: DedupConfig) -> tuple[Story, ...]:
    """Group articles into stories, sorted by id then language.

    Every article is the canonical of at most one story version; an event told in
    several languages gives one Story per language, sharing one id.
    """
    return group(articles, config).stories


def group(articles: Sequence[CleanArticle], config: DedupConfig) -> Grouping:
    """Like ``dedup``, and also say which article each copy duplicates."""
    ordered = sorted(articles, key=lambda a: a.path)
    if not ordered:
        return Grouping((), ())
    vocab = Vocabulary()
    profiles = Profiles(vocab)
    sketches = _sketch_all(ordered, vocab, profiles)
    rank = _ranking(ordered, sketches.sizes.tolist(), config)
    copies = find_copies(ordered, sketches, rank)
    units = sorted({copies.root[i] for i in range(len(ordered))})
    labels = _cluster(ordered, units, copies, profiles, config)
    members: dict[int, list[int]] = {}
    for unit, label in zip(units, labels, strict=True):
        members.setdefault(label, []).extend(copies.members[unit])
    stories = _apply_story_overrides(ordered, list(members.values()), copies)
    built = [
        version
        for name, chosen in stories
        for version in _versions(ordered, name, chosen, copies, rank)
    ]
    listing = [
        Copy(ordered[i].path, ordered[copies.root[i]].path, copies.kind[i])
        for i in range(len(ordered))
        if copies.root[i] != i
    ]
    built.sort(key=lambda story: (story.id, story.canonical.lang))
    return Grouping(tuple(built), tuple(listing))


def _sketch_all(
    ordered: Sequence[CleanArticle], vocab: Vocabulary, profiles: Profiles
) -> Sketches:
    parts: list[Sketches] = []
    for start in range(0, len(ordered), _BATCH):
        batch = ordered[start : start + _BATCH]
        texts = [_body(a) for a in batch]
        ids, offsets = vocab.encode(texts)
        parts.append(sketch(vocab, ids, offsets))
        profiles.add(ids, offsets, [a.lang for a in batch])
    return Sketches(
        tuple(key for part in parts for key in part.keys),
        np.concatenate([part.sizes for part in parts]),
        np.concatenate([part.signatures for part in parts]),
    )


def _path(text: str) -> str:
    path = text.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path.lstrip("/")


def find_copies(
    ordered: Sequence[CleanArticle], sketches: Sketches, rank: Sequence[int]
) -> Copies:
    """Exact and near copies, joined: editors' links, exact, then nearest first."""
    where = {a.path: i for i, a in enumerate(ordered)}
    keys = [
        key if size else b""
        for key, size in zip(sketches.keys, sketches.sizes.tolist(), strict=True)
    ]
    links: list[tuple[int, int]] = []
    apart: set[tuple[int, int]] = set()
    for i, article in enumerate(ordered):
        meta = article.article.meta
        other = where.get(_path(meta.duplicate_of or ""))
        if other is not None and other != i:
            links.append((i, other))
        for path in meta.not_duplicate_of:
            j = where.get(_path(path))
            if j is not None and j != i:
                apart.add((min(i, j), max(i, j)))
    first: dict[bytes, int] = {}
    for i, key in enumerate(keys):
        if key and first.setdefault(key, i) != i:
            links.append((first[key], i))
    singles = np.array(
        [i for i, key in enumerate(keys) if not key or first[key] == i], dtype=np.int64
    )
    pairs, _similarity = near_pairs(sketches, singles)
    links.extend(map(tuple, pairs.tolist()))
    root = _join(len(ordered), links, sorted(apart), rank)
    members: dict[int, list[int]] = {}
    for i, r in enumerate(root):
        members.setdefault(r, []).append(i)
    kind = [
        SourceKind.EXACT if keys[i] and keys[i] == keys[r] else SourceKind.NEAR
        for i, r in enumerate(root)
    ]
    return Copies(root, members, kind, keys, sorted(apart))


def _join(
    count: int,
    links: Sequence[tuple[int, int]],
    apart: Sequence[tuple[int, int]],
    rank: Sequence[int],
) -> list[int]:
    """Union-find over ``links`` that never joins a pair of ``apart``; roots by rank."""
    parent = list(range(count))

    def find(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra == rb or any({find(x), find(y)} == {ra, rb} for x, y in apart):
            continue
        parent[max(ra, rb, key=lambda r: rank[r])] = min(ra, rb, key=lambda r: rank[r])
    return [find(i) for i in range(count)]


def _ranking(
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
            "earliest": _day(article) if _dated(article) else math.inf,
            "longest": -words[i],
        }
        return (*(parts[name] for name in config.canonical), article.path)

    order = sorted(range(len(ordered)), key=key)
    rank = [0] * len(ordered)
    for position, i in enumerate(order):
        rank[i] = position
    return rank


def _dated(article: CleanArticle) -> bool:
    return article.article.date_source is DateSource.FRONT_MATTER


def _day(article: CleanArticle) -> float:
    return article.article.date.timestamp() / 86400.0


def _cluster(
    ordered: Sequence[CleanArticle],
    units: list[int],
    copies: Copies,
    profiles: Profiles,
    config: DedupConfig,
) -> list[int]:
    langs = [ordered[u].lang for u in units]
    days = np.array([_day(ordered[u]) if _dated(ordered[u]) else np.nan for u in units])
    pairs, scores = similarities(
        profiles, units, langs, days, float(config.window_days)
    )
    position = {unit: i for i, unit in enumerate(units)}
    apart = sorted(
        {
            tuple(sorted((position[copies.root[a]], position[copies.root[b]])))
            for a, b in copies.apart
        }
    )
    if apart:
        pairs = np.concatenate([pairs, np.array(apart, dtype=np.int64).reshape(-1, 2)])
        scores = np.concatenate([scores, np.full(len(apart), NEVER)])
    labels = average_linkage(len(units), pairs, scores, STORY_THRESHOLD)
    return [units[label] for label in labels]


def story_id(ordered: Sequence[CleanArticle], members: Sequence[int]) -> str:
    """The id of a story: a hash of its earliest member's path (see the module doc)."""
    earliest = min(
        members,
        key=lambda i: (
            _day(ordered[i]) if _dated(ordered[i]) else math.inf,
            ordered[i].path,
        ),
    )
    return "s" + hashlib.sha256(ordered[earliest].path.encode()).hexdigest()[:10]


def _apply_story_overrides(
    ordered: Sequence[CleanArticle], groups: list[list[int]], copies: Copies
) -> list[tuple[str, list[int]]]:
    """Stories as (id, members) once ``story: <id>`` in front matter has been obeyed."""
    natural = [(story_id(ordered, g), g) for g in groups]
    forced: dict[str, set[int]] = {}
    for i, article in enumerate(ordered):
        wanted = article.article.meta.story
        if wanted:
            forced.setdefault(wanted.strip(), set()).update(
                copies.members[copies.root[i]]
            )
    if not forced:
        return natural
    moved = set().union(*forced.values())
    result: dict[str, list[int]] = {}
    for identity, members in natural:
        kept = [i for i in members if i not in moved]
        if identity in forced:
            result[identity] = sorted(set(kept) | forced.pop(identity))
        elif kept:
            result[
                identity if len(kept) == len(members) else story_id(ordered, kept)
            ] = kept
    for identity, group_members in forced.items():
        result[identity] = sorted(group_members | set(result.pop(identity, [])))
    return list(result.items())


def _versions(
    ordered: Sequence[CleanArticle],
    identity: str,
    members: Sequence[int],
    copies: Copies,
    rank: Sequence[int],
) -> list[Story]:
    """One Story per language the event was told in, all sharing the event's id.

    Each version's canonical is the best-ranked article in that language, so a
    French reader gets a French text and an English reader an English one; every
    version lists every source. Novel sentences are only sought between articles
    of the same language (a translation is not news).
    """
    by_rank = sorted(members, key=lambda i: rank[i])
    canonicals = {ordered[i].lang: i for i in reversed(by_rank)}
    return [
        _story(ordered, identity, canonical, by_rank, copies)
        for _lang, canonical in sorted(
            canonicals.items(), key=lambda item: rank[item[1]]
        )
    ]


def _story(
    ordered: Sequence[CleanArticle],
    identity: str,
    canonical: int,
    by_rank: Sequence[int],
    copies: Copies,
) -> Story:
    reference: Reference | None = None
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
            reference = reference or Reference.of(_body(ordered[canonical]))
            novel = _novel(ordered[i], ordered[canonical], reference)
        sources.append(Source(ordered[i], kind, novel))
    return Story(identity, ordered[canonical], tuple(sources))


def _body(article: CleanArticle) -> str:
    return "\n\n".join(strip_boilerplate([p.text for p in article.paragraphs]))


def _novel(
    source: CleanArticle, canonical: CleanArticle, reference: Reference
) -> tuple[str, ...]:
    sentences = split_sentences(_body(source), source.lang)
    return novel_sentences(sentences, reference, source.lang == canonical.lang)
