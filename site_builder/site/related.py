"""Assemble stage, links between briefs: related stories and language versions; pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from site_builder.site.taxonomy import Entry, stamp

RELATED = 3  # related stories shown under a story
TOPIC_WEIGHT = 2  # a shared topic counts twice, a shared entity once
# No related story scores under this: one shared topic word or one shared name is
# how a basketball game ends up beside a video game. Chosen on labelled pairs of
# ../shared/train (bench/related.py): none rather than noise.
FLOOR = 3
# Related stories are looked for among this many neighbours in time of each topic or
# entity, so a topic carried by 5,000 briefs costs the same as one carried by 20.
NEIGHBOURS = 12

I64 = npt.NDArray[np.int64]


def translations(entries: Sequence[Entry]) -> dict[str, tuple[Entry, ...]]:
    """Story id -> its language versions (one brief per language), by language."""
    by_story: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_story[entry.brief.story.id].append(entry)
    return {
        story: tuple(sorted(group, key=lambda e: (e.brief.lang, e.brief.slug)))
        for story, group in by_story.items()
        if len(group) > 1
    }


class Row(NamedTuple):
    """What ``related`` reads of one brief: all of it (a cache of its result holds
    while the rows are equal, ``cache.links``)."""

    path: str
    stamp: float  # its time (``taxonomy.stamp``): inf when undated
    story: str
    lang: str
    topics: tuple[str, ...]  # distinct, in the brief's order
    names: tuple[str, ...]  # its first five entities, lowercased, distinct


def related_rows(entries: Sequence[Entry]) -> list[Row]:
    """A row per brief, in time order (then by path, which is unique)."""
    rows = [
        Row(
            e.path,
            stamp(e.brief),
            e.brief.story.id,
            e.brief.lang,
            tuple(dict.fromkeys(e.brief.topics)),
            tuple(dict.fromkeys([n.lower() for n in e.brief.summary.entities[:5]])),
        )
        for e in entries
    ]
    rows.sort(key=lambda row: (row.stamp, row.path))
    return rows


def related(entries: Sequence[Entry]) -> dict[str, tuple[Entry, ...]]:
    """Brief path -> up to RELATED other stories sharing topics or entities
    (``related_paths``)."""
    by_path = {e.path: e for e in entries}
    return {
        path: tuple([by_path[other] for other in near])
        for path, near in related_paths(related_rows(entries)).items()
    }


def related_paths(
    rows: Sequence[Row], only: Collection[str] | None = None
) -> dict[str, tuple[str, ...]]:
    """Brief path -> the paths of up to RELATED other stories sharing topics or
    entities; ``rows`` are ``related_rows``. ``only``: the briefs whose lists are
    wanted (all when None); a brief's list depends on its own candidates only, so
    each is the one the whole computation gives (``cache.links`` updates by delta).

    Briefs in time order; each topic or entity of a brief offers the NEIGHBOURS
    briefs nearest to it in that term's list (the brief's place in it, half before,
    half after), so the cost grows with the number of briefs, not with its square.
    A candidate scores 2 per shared topic and 1 per shared entity it was offered
    by, and is shown only from FLOOR on. Same language first, then the higher
    score, then the closest in time, then the older. Scoring and ranking are
    array operations: about 600,000 candidates at 10,000 briefs.
    """
    wanted = None if only is None else np.array([r.path in only for r in rows], bool)
    found: dict[str, tuple[str, ...]] = {
        row.path: () for row in rows if only is None or row.path in only
    }
    source, candidate, weight = _offers(*_postings(rows), wanted)
    stories = _codes([row.story for row in rows])
    other = stories[candidate] != stories[source]
    if not other.any():
        return found
    source, candidate, score = _totals(
        source[other], candidate[other], weight[other], len(rows)
    )
    enough = score >= FLOOR
    if not enough.any():
        return found
    source, candidate, score = source[enough], candidate[enough], score[enough]
    source, candidate = _ranked(rows, source, candidate, score)
    chosen: dict[int, list[str]] = defaultdict(list)
    for at, other_at in zip(source.tolist(), candidate.tolist(), strict=True):
        chosen[at].append(rows[other_at].path)
    for at, picked in chosen.items():
        found[rows[at].path] = tuple(picked)
    return found


def _ranked(
    rows: Sequence[Row], source: I64, candidate: I64, score: I64
) -> tuple[I64, I64]:
    """The RELATED best candidates of each brief, best first, briefs in order."""
    # An undated brief is at no distance in time (nan): it comes after the dated.
    stamps = np.array([row.stamp for row in rows], dtype=np.float64)
    stamps[np.isinf(stamps)] = np.nan
    langs = _codes([row.lang for row in rows])
    # Same language first, then the higher score: one small integer, 0 the best.
    top = int(score.max()) + 1
    rank = np.where(langs[candidate] != langs[source], top, 0) + (top - 1 - score)
    keep = _best_ranks(source, rank, len(rows))
    source, candidate, rank = source[keep], candidate[keep], rank[keep]
    order = np.lexsort(
        (candidate, np.abs(stamps[candidate] - stamps[source]), rank, source)
    )
    source, candidate = source[order], candidate[order]
    first = np.searchsorted(source, source)
    keep = np.arange(len(source)) - first < RELATED
    return source[keep], candidate[keep]


def relatedness(
    topics: set[str], names: set[str], other_topics: set[str], other_names: set[str]
) -> int:
    """The score ``related`` gives two briefs with these topics and entities."""
    return TOPIC_WEIGHT * len(topics & other_topics) + len(names & other_names)


def _postings(rows: Sequence[Row]) -> tuple[I64, I64, I64]:
    """(term, brief) for each term of each brief, and the weight of each term.

    A brief's terms are its topics (weight 2) and its first five entities,
    lowercased (weight 1); topics are numbered first, then entities.
    """
    topics: dict[str, int] = {}
    names: dict[str, int] = {}
    topic_of = [topics.setdefault(t, len(topics)) for row in rows for t in row.topics]
    name_of = [names.setdefault(n, len(names)) for row in rows for n in row.names]
    at = np.arange(len(rows), dtype=np.int64)
    term = np.concatenate(
        [np.array(topic_of, np.int64), np.array(name_of, np.int64) + len(topics)]
    )
    brief = np.concatenate(
        [
            np.repeat(at, [len(row.topics) for row in rows]),
            np.repeat(at, [len(row.names) for row in rows]),
        ]
    )
    weights = np.repeat(
        np.array([TOPIC_WEIGHT, 1], np.int64), [len(topics), len(names)]
    )
    return term, brief, weights


def _codes(values: Sequence[str]) -> I64:
    """Each value as a small integer, equal values alike."""
    numbers: dict[str, int] = {}
    return np.array([numbers.setdefault(v, len(numbers)) for v in values], np.int64)


def _offers(
    term: I64, brief: I64, weights: I64, wanted: npt.NDArray[np.bool_] | None = None
) -> tuple[I64, I64, I64]:
    """(brief, candidate, weight) for each candidate a term of a brief offers it
    (the briefs ``wanted`` marks only, if given).

    A term's briefs are its postings, in time order; a brief's place in them is its
    own, and the NEIGHBOURS around it (not itself) are its candidates.
    """
    by_term = np.argsort(term, kind="stable")  # briefs stay in time order
    term, brief = term[by_term], brief[by_term]
    start = np.searchsorted(term, term, "left")
    end = np.searchsorted(term, term, "right")
    half = NEIGHBOURS // 2
    steps = np.array([d for d in range(-half, half + 1) if d], np.int64)
    at = np.arange(len(term), dtype=np.int64)
    if wanted is not None:
        at, start, end = at[wanted[brief]], start[wanted[brief]], end[wanted[brief]]
    at = at[:, None]
    near = at + steps[None, :]
    inside = (near >= start[:, None]) & (near < end[:, None])
    rows = np.broadcast_to(at, near.shape)[inside]
    return brief[rows], brief[near[inside]], weights[term[rows]]


def _totals(
    source: I64, candidate: I64, weight: I64, count: int
) -> tuple[I64, I64, I64]:
    """One row per (brief, candidate), sorted so, with its summed weight."""
    # A weight is 1 or 2: packed under the pair, one plain sort groups the pairs.
    packed = ((source * count + candidate) << 2) | weight
    packed.sort()
    pair = packed >> 2
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    score = np.add.reduceat(packed & 3, starts)
    unique = pair[starts]
    return unique // count, unique % count, score


def _best_ranks(source: I64, rank: I64, count: int) -> npt.NDArray[np.bool_]:
    """Rows among the RELATED best ranks of their brief, ties at the last included.

    Only these can be chosen, so the full ordering (by time and position too) sorts
    a few rows a brief instead of about 75. Ranks past a cap share its bin: that
    keeps more rows than needed, never fewer.
    """
    bins = min(int(rank.max()) + 1, 64)
    capped = np.minimum(rank, bins - 1)
    counts = np.bincount(source * bins + capped, minlength=count * bins)
    below = (counts.reshape(count, bins).cumsum(axis=1) < RELATED).sum(axis=1)
    chosen: npt.NDArray[np.bool_] = capped <= below[source]
    return chosen
