"""Dedup stage: CleanArticles -> Stories (exact copies, near copies, same-story groups).

The per-article part is a ``signature.Signature``: it depends on one article alone,
so a build may cache it and pass it to ``group``, which then does only the work
across articles:

1. Exact copies: equal folded words after the publisher's header and footer are
   dropped (``text.normalize``).
2. Near copies (``copies``): MinHash signatures of word 5-grams, candidate pairs
   from LSH bands (42 bands of 3 rows: a pair at Jaccard 0.5 is proposed with
   probability 0.995, one at 0.1 with 0.04), accepted at estimated Jaccard >= 0.5, or
   when 80% of the smaller text lies in the larger (an updated, longer version).
3. Stories: one representative per group of copies is clustered by average linkage
   (``linkage``) of tf-idf cosine over names, numbers and stems (``cluster``). A
   headline weighs nothing, two bodies must share names or numbers beyond their
   leads, and no story spans more than ``window_days`` between dated members
   (dates from front matter only). Two texts of which one has more than half its
   words in passages the other holds word for word (a follow-up built on an
   earlier article, a pasted background paragraph) are judged on what each adds
   beyond those passages (``reuse``).
4. Editors decide last (``overrides``): ``duplicate_of`` and ``not_duplicate_of`` act
   on copies, ``not_duplicate_of`` also keeps two articles out of one story, ``story``
   moves an article (with its copies) into a story.

Rules the rest of the site relies on (``stories``):

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from site_builder.config import DedupConfig
from site_builder.dedup import signature as signing
from site_builder.dedup.cluster import Profiles, similarities
from site_builder.dedup.copies import Copies, find_copies
from site_builder.dedup.linkage import NEVER, average_linkage
from site_builder.dedup.overrides import apply_story_overrides, read_overrides
from site_builder.dedup.reuse import discount
from site_builder.dedup.signature import Signature, compared_text
from site_builder.dedup.stories import NovelKey, Novelty, dated, day, ranking, versions
from site_builder.errors import BuildWarning
from site_builder.model import CleanArticle, SourceKind, Story

STORY_THRESHOLD = 0.03  # mean cosine two groups need, plus linkage.SPREAD / sqrt(pairs)


@dataclass(frozen=True, slots=True)
class Copy:
    """An article that copies another: the copy's path, the original's and how."""

    path: str
    of: str
    kind: SourceKind


@dataclass(frozen=True, slots=True)
class Grouping:
    """Everything dedup decided: the stories, each copy's own original, and warnings.

    ``Copy.of`` may differ from the story's canonical: in a story told by outlets A
    and B where B was also copied as B', B' is a copy of B but only a ``SAME_STORY``
    source of A. ``novel`` holds the novel sentences this grouping used, to be
    given back to the next ``group`` call.
    """

    stories: tuple[Story, ...]
    copies: tuple[Copy, ...]
    warnings: tuple[BuildWarning, ...] = ()
    novel: Mapping[NovelKey, tuple[str, ...]] = field(default_factory=dict)


def dedup(articles: Sequence[CleanArticle], config: DedupConfig) -> tuple[Story, ...]:
    """Group articles into stories, sorted by id then language.

    Every article is the canonical of at most one story version; an event told in
    several languages gives one Story per language, sharing one id.
    """
    return group(articles, config).stories


def group(
    articles: Sequence[CleanArticle],
    config: DedupConfig,
    *,
    signatures: Mapping[str, Signature] | None = None,
    novel: Mapping[NovelKey, tuple[str, ...]] | None = None,
) -> Grouping:
    """Like ``dedup``, and also say which article each copy duplicates.

    ``signatures`` maps article paths to their signature from an earlier build (the
    caller vouches that each article is unchanged); ``novel`` is ``Grouping.novel``
    of an earlier build. Missing entries are computed: the result is the same.
    """
    ordered = sorted(articles, key=lambda a: a.path)
    if not ordered:
        return Grouping((), ())
    signed = _signatures(ordered, signatures or {})
    rank = ranking(ordered, [s.words for s in signed], config)
    overrides = read_overrides(ordered)
    copies = find_copies(signed, rank, overrides.links, overrides.apart)
    groups = _cluster(ordered, signed, copies, config)
    stories = apply_story_overrides(ordered, groups, copies, overrides.joins)
    novelty = Novelty(ordered, signed, novel or {})
    built = [
        version
        for name, chosen in stories
        for version in versions(name, chosen, copies, rank, novelty)
    ]
    built.sort(key=lambda story: (story.id, story.canonical.lang))
    listing = tuple(
        Copy(ordered[i].path, ordered[root].path, copies.kind[i])
        for i, root in enumerate(copies.root)
        if root != i
    )
    return Grouping(tuple(built), listing, overrides.warnings, novelty.used)


def _signatures(
    ordered: Sequence[CleanArticle], known: Mapping[str, Signature]
) -> list[Signature]:
    """The signature of each article: from ``known``, else computed now."""
    missing = [a for a in ordered if a.path not in known]
    computed = dict(
        zip((a.path for a in missing), signing.signatures(missing), strict=True)
    )
    return [known.get(a.path) or computed[a.path] for a in ordered]


def _cluster(
    ordered: Sequence[CleanArticle],
    signed: Sequence[Signature],
    copies: Copies,
    config: DedupConfig,
) -> list[list[int]]:
    """Stories as groups of article numbers: groups of copies, clustered."""
    units = sorted(set(copies.root))  # one article stands for its copies
    langs = [ordered[u].lang for u in units]
    days = np.array([day(ordered[u]) if dated(ordered[u]) else np.nan for u in units])
    window = float(config.window_days)
    profiles = Profiles.of([signed[u] for u in units])
    pairs, scores = similarities(profiles, langs, days, window)
    texts: dict[int, str] = {}

    def text(i: int) -> str:
        return texts.setdefault(i, compared_text(ordered[units[i]]))

    scores = discount(pairs, scores, [signed[u] for u in units], text, langs, profiles)
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
    labels = average_linkage(pairs, scores, STORY_THRESHOLD, days, window)
    members: dict[int, list[int]] = {}
    for unit, label in zip(units, labels, strict=True):
        members.setdefault(label, []).extend(copies.members[unit])
    return list(members.values())
