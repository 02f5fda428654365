"""Dedup's story step: candidate pairs, the evidence of each, and the groups it makes.

``gather`` does the work that depends on the articles (candidate pairs, their
features, the passages they share); ``join`` applies a ``StoryModel`` and the
linkage. The two are apart so that ``bench/stories.py`` can try many models on
one gathering.

Dates: a date from front matter, else one the article's ``source_url`` spells
(``/2024/03/04/``, ``2024-03-04``), keeps one outlet's story within
``window_days`` and two outlets' within ``spans.OTHER_OUTLETS_DAYS``; an article
with neither date is near every date. Years named in the texts themselves are
evidence (``evidence``), never a requirement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt

from site_builder.dedup import meaning
from site_builder.dedup import signature as signing
from site_builder.dedup.cluster import Profiles, Vectors, candidates, vectors
from site_builder.dedup.decision import StoryModel
from site_builder.dedup.evidence import FEATURES, PairFeatures, pair_features
from site_builder.dedup.linkage import NEVER, average_linkage
from site_builder.dedup.reuse import Reused, reused
from site_builder.dedup.signature import Signature, compared_text
from site_builder.dedup.spans import OTHER_OUTLETS_DAYS, Window, outlet_numbers
from site_builder.dedup.stories import dated, day
from site_builder.dedup.timing import leads_disagree, years
from site_builder.dedup.weighed import (
    Rows,
    Weighed,
    known_rows,
    merged,
    remembered,
    text_key,
)
from site_builder.model import CleanArticle
from site_builder.text.shingles import I64, Bools

F64 = npt.NDArray[np.float64]
CROSS = FEATURES.index("cross")

_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?:[/_.-]|$)")


@dataclass(frozen=True, slots=True)
class Candidates:
    """Candidate pairs (i < j) of texts, with what the decision reads of each."""

    pairs: I64
    features: PairFeatures
    reuse: F64  # (larger, smaller) share of words in passages shared word for word
    window: Window  # each text's day and outlet, and the days a story may span
    # leads dating the event in other years (``timing``): never one story
    elsewhen: Bools
    meaning: F64 | None = None  # cosine of the pair's embeddings, when there are
    weighed: Weighed | None = None  # for the next gathering (``weighed``)


def url_day(url: str | None) -> float:
    """The day (days since 1970) a URL's path spells, or nan."""
    found = _URL_DATE.search(url or "")
    if not found:
        return float("nan")
    try:
        year, month, day_of_month = (int(part) for part in found.groups())
        when = datetime(year, month, day_of_month, tzinfo=UTC)
    except ValueError:  # /2024/13/45/ is no date
        return float("nan")
    return when.timestamp() / 86400.0


def known_day(article: CleanArticle) -> float:
    """The article's day from front matter, else from its URL, else nan."""
    if dated(article):
        return day(article)
    return url_day(article.article.meta.source_url)


def gather(
    articles: Sequence[CleanArticle],
    signed: Sequence[Signature],
    days: float,
    vectors_of: Sequence[bytes] | None = None,
    other: float = OTHER_OUTLETS_DAYS,
    known: Weighed | None = None,
) -> Candidates:
    """Candidate pairs of ``articles`` (one signature each) and their evidence.

    ``days`` is ``window_days``, ``other`` the days two outlets' articles may lie
    apart (benches try others); ``vectors_of`` gives each article's embedding
    (``meaning``), if any. ``known`` is ``Candidates.weighed`` of an earlier
    gathering: the pairs it weighed are taken from it where that is exact
    (``weighed``); the result is the same.
    """
    window = timeline(articles, days, other)
    profiles = Profiles.of(signed)
    texts = vectors(profiles)
    pairs = candidates(profiles, window.days, window.farthest, texts)
    pairs = pairs[window.reach(pairs)]
    paths = [a.path for a in articles]
    keys = [text_key(a, s) for a, s in zip(articles, signed, strict=True)]
    rows = known_rows(known, paths, keys, profiles, texts, pairs)
    todo = np.flatnonzero(rows < 0)
    every = fresh = _weighed(articles, signed, pairs[todo], profiles, texts)
    if known is not None and len(todo) < len(pairs):
        every = merged(known.rows, rows, fresh, todo)
    close = None
    if vectors_of is not None:
        # only across languages: in one language words say more, and embeddings
        # place two look-alike events close together (leave-one-out on ECB+)
        close = meaning.cosines(vectors_of, pairs) * every.values[:, CROSS]
    reused = len(pairs) - len(todo)
    return Candidates(
        pairs,
        PairFeatures(every.values, every.gated),
        every.shares,
        window,
        every.elsewhen,
        close,
        remembered(paths, keys, profiles, texts, pairs, every, reused),
    )


def timeline(
    articles: Sequence[CleanArticle], days: float, other: float = OTHER_OUTLETS_DAYS
) -> Window:
    """The ``Window`` of ``articles``: their days and outlets, ``days`` for one
    outlet and ``other`` for two (only a dated article's outlet is read: an
    undated one is near all)."""
    known = np.array([known_day(a) for a in articles])
    metas = [
        a.article.meta if not np.isnan(d) else None
        for a, d in zip(articles, known.tolist(), strict=True)
    ]
    outlets = outlet_numbers(
        [m.outlet if m else None for m in metas],
        [m.source_url if m else None for m in metas],
    )
    return Window(known, outlets, days, other)


def _weighed(
    articles: Sequence[CleanArticle],
    signed: Sequence[Signature],
    pairs: I64,
    profiles: Profiles,
    texts: Vectors,
) -> Rows:
    """The evidence of ``pairs``, computed on the texts they involve only, in the
    corpus's weights (each text's vector is the one the whole corpus gives it)."""
    if not len(pairs):
        none = np.zeros(0, dtype=np.bool_)
        return Rows(np.zeros((0, len(FEATURES))), none, np.zeros((0, 2)), none, none)
    involved = np.unique(pairs)
    chosen = [articles[i] for i in involved.tolist()]
    signs = [signed[i] for i in involved.tolist()]
    some = profiles.project([(s.features, s.counts) for s in signs])
    local = np.searchsorted(involved, pairs).reshape(-1, 2)
    texts_of = vectors(some, profiles)
    features, shared = _weigh(chosen, signs, local, some, texts_of, profiles)
    # an outlet's yearly story: the same actors and words, another time. A rule
    # beside the model (fitted on the pairs that have evidence, as before it)
    elsewhen = leads_disagree(
        local,
        features.gated,
        lambda i: years(compared_text(chosen[i]), chosen[i].lang),
    )
    rests = np.zeros(len(pairs), dtype=np.bool_)
    rests[sorted(shared.rests)] = True
    return Rows(features.values, features.gated, shared.shares, elsewhen, rests)


def weigh(
    articles: Sequence[CleanArticle],
    signed: Sequence[Signature],
    pairs: I64,
    profiles: Profiles,
    texts: Vectors | None = None,
) -> tuple[PairFeatures, F64]:
    """The evidence of ``pairs`` of ``articles``: features, and shares reused."""
    features, shared = _weigh(articles, signed, pairs, profiles, texts, profiles)
    return features, shared.shares


def _weigh(
    articles: Sequence[CleanArticle],
    signed: Sequence[Signature],
    pairs: I64,
    profiles: Profiles,
    texts: Vectors | None,
    corpus: Profiles,
) -> tuple[PairFeatures, Reused]:
    """``weigh``, with the passages each pair shares. ``profiles`` may be a part of
    the corpus projected on its features (``Profiles.project``): rests are then
    weighed with the corpus's idf, as ``texts`` is."""
    langs = [a.lang for a in articles]
    features = pair_features(profiles, pairs, langs, texts)
    bodies: dict[int, str] = {}

    def text(i: int) -> str:
        return bodies.setdefault(i, compared_text(articles[i]))

    # a pair without evidence stays without: what it shares word for word is moot
    shared = reused(pairs, signed, text, langs, features.gated)
    features = _judged_on_rests(features, profiles, pairs, shared, langs, corpus)
    return features, shared


def _judged_on_rests(
    features: PairFeatures,
    profiles: Profiles,
    pairs: I64,
    shared: Reused,
    langs: Sequence[str],
    corpus: Profiles,
) -> PairFeatures:
    """Features of pairs that share much word for word, from what each text adds.

    Two reports of two fires under one pasted background paragraph, or an article
    quoting another, resemble each other through the shared passages only: names,
    words and protagonists are taken from what each text adds when that is lower
    (as a text adds, never more than the whole), and the rests must hold the body
    evidence. Years and figures stay those of the whole texts. ``corpus`` gives the
    idf (``profiles`` may be a part of it).
    """
    if not shared.rests:
        return features
    numbers = sorted(shared.rests)
    texts = [rest for n in numbers for rest in shared.rests[n]]
    rest_langs = [langs[int(i)] for n in numbers for i in pairs[n]]
    rest = profiles.project(signing.profiles(texts, rest_langs))
    ends = np.arange(len(texts), dtype=np.int64).reshape(-1, 2)
    judged = pair_features(rest, ends, rest_langs, vectors(rest, corpus))
    values, gated = features.values.copy(), features.gated.copy()
    lowered = [FEATURES.index(name) for name in ("names", "words", "leads")]
    values[np.ix_(numbers, lowered)] = np.minimum(
        values[np.ix_(numbers, lowered)], judged.values[:, lowered]
    )
    gated[numbers] &= judged.gated
    return PairFeatures(values, gated)


def join(
    found: Candidates,
    model: StoryModel,
    apart: Sequence[tuple[int, int]],
    window: Window | None = None,
) -> tuple[list[int], F64]:
    """The story label of each text, and the probability of each candidate pair.

    ``apart`` lists pairs (i < j) editors keep out of one story; ``window``
    replaces the one the pairs were gathered in (a narrower one: benches).
    """
    window = window or found.window
    chance = model.probability(found.features, found.reuse, found.meaning)
    chance = np.where(found.elsewhen | ~window.reach(found.pairs), 0.0, chance)
    pairs, scores = found.pairs, chance
    if apart:
        kept = np.array(sorted(set(apart)), dtype=np.int64).reshape(-1, 2)
        pairs = np.concatenate([pairs, kept])
        scores = np.concatenate([scores, np.full(len(kept), NEVER)])
    labels = average_linkage(
        pairs, scores, model.bar, window, model.cohesion, model.spread
    )
    return labels, chance
