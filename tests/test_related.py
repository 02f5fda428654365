"""Related stories and language versions: array ranking against a plain reference."""

from __future__ import annotations

import heapq
import random
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from briefs import brief

from site_builder.cache.folder import CACHE_DIR, CacheFolder, Fingerprint
from site_builder.cache.links import CachedRelated
from site_builder.model import Brief
from site_builder.site.related import (
    FLOOR,
    NEIGHBOURS,
    RELATED,
    related,
    translations,
)
from site_builder.site.taxonomy import Entry, make_entries


def at(
    slug: str,
    lang: str,
    minutes: int,
    topics: tuple[str, ...],
    entities: tuple[str, ...],
    story: str,
) -> Brief:
    """A brief ``minutes`` after the first, in the argument order the cases use."""
    return brief(
        slug, lang, topics=topics, story=story, entities=entities, minutes=minutes
    )


def reference(entries: Sequence[Entry]) -> dict[str, tuple[Entry, ...]]:
    """The rule written plainly: score every candidate, keep the RELATED best."""
    ordered = sorted(entries, key=lambda e: (e.brief.date.timestamp(), e.path))
    terms = [
        tuple(
            dict.fromkeys(
                (
                    *(f"t:{t}" for t in e.brief.topics),
                    *(f"e:{n.lower()}" for n in e.brief.summary.entities[:5]),
                )
            )
        )
        for e in ordered
    ]
    index: dict[str, list[int]] = defaultdict(list)
    for position, own in enumerate(terms):
        for term in own:
            index[term].append(position)
    found = {}
    for position, entry in enumerate(ordered):
        scores: dict[int, int] = defaultdict(int)
        for term in terms[position]:
            postings = index[term]
            middle = bisect_left(postings, position)
            half = NEIGHBOURS // 2
            for other in postings[max(0, middle - half) : middle + half + 1]:
                if other != position:
                    scores[other] += 2 if term.startswith("t:") else 1
        me = entry.brief
        stamp = me.date.timestamp()
        ranked = heapq.nsmallest(
            RELATED,
            (
                (
                    ordered[o].brief.lang != me.lang,
                    -score,
                    abs(ordered[o].brief.date.timestamp() - stamp),
                    o,
                )
                for o, score in scores.items()
                if ordered[o].brief.story.id != me.story.id and score >= FLOOR
            ),
        )
        found[entry.path] = tuple(ordered[r[-1]] for r in ranked)
    return found


def random_entries(seed: int, count: int) -> tuple[Entry, ...]:
    """Few topics, names, languages and minutes: many equal scores and distances."""
    pick = random.Random(seed)
    briefs = [
        at(
            f"b{n}",
            pick.choice(("en", "fr", "de")),
            pick.randrange(0, 40) * 15,
            tuple(pick.sample(("a", "b", "c", "d", "e", "f"), pick.randrange(0, 4))),
            tuple(
                pick.sample(("Paris", "paris", "Oslo", "Rome"), pick.randrange(0, 3))
            ),
            f"s{pick.randrange(0, count * 2 // 3)}",
        )
        for n in range(count)
    ]
    return make_entries(briefs)


def test_related_matches_the_plain_rule_ties_included() -> None:
    shown = 0
    for seed in range(40):
        entries = random_entries(seed, 5 + seed * 3)
        found = related(entries)
        assert found == reference(entries), seed
        shown += sum(map(len, found.values()))
    assert shown > 100  # the floor leaves plenty of cases to compare


def test_related_gives_every_brief_a_list_even_with_nothing_shared() -> None:
    entries = random_entries(1, 6)
    lone = make_entries([at(f"x{n}", "en", n, (), (), f"x{n}") for n in range(3)])
    assert related(lone) == {e.path: () for e in lone}
    assert related(()) == {}
    assert set(related(entries)) == {e.path for e in entries}


def test_a_candidate_offered_by_two_terms_scores_both() -> None:
    me = at("me", "en", 0, ("strike",), ("Calais", "Dover"), "me")
    both = at("both", "en", 60, ("strike",), ("Calais", "Dover"), "both")
    closer = at("closer", "en", 1, ("strike",), ("Calais",), "closer")
    entries = make_entries([me, both, closer])
    assert [e.brief.slug for e in related(entries)["briefs/me/index.html"]] == [
        "both",
        "closer",
    ]


def test_one_shared_topic_word_is_no_related_story() -> None:
    # a basketball game and a video game share the keyword "game", nothing else
    match = at("match", "en", 0, ("game", "basketball"), ("Celtics",), "match")
    console = at("console", "en", 5, ("game", "console"), ("Nintendo",), "console")
    entries = make_entries([match, console])
    assert related(entries) == {e.path: () for e in entries}


def test_translations_group_language_versions_by_language() -> None:
    entries = make_entries(
        [
            at("b-fr", "fr", 0, (), (), "s"),
            at("b-en", "en", 0, (), (), "s"),
            at("c", "en", 0, (), (), "c"),
        ]
    )
    assert {k: [e.brief.lang for e in v] for k, v in translations(entries).items()} == {
        "s": ["en", "fr"]
    }


def test_cached_links_are_related_and_follow_every_input_they_hold(
    tmp_path: Path,
) -> None:
    """``cache.links``: read back while no brief's inputs changed, ranked again (and
    equal to ``related``) as soon as any of them did, in any brief."""
    folder = CacheFolder(tmp_path, Fingerprint("key"), use=True)
    cached = CachedRelated(folder)
    entries = random_entries(7, 40)
    assert cached(entries) == related(entries)  # ranked, then kept
    stored = (tmp_path / CACHE_DIR / "related.pickle").read_bytes()
    assert cached(entries) == related(entries)  # read back
    assert (tmp_path / CACHE_DIR / "related.pickle").read_bytes() == stored
    briefs = [e.brief for e in entries]
    first = briefs[0]
    later = first.story.canonical.article.date + timedelta(days=3)
    moved = replace(first.story.canonical.article, date=later)
    changes = {
        "topics": replace(first, topics=("a", "b", "c")),
        "names": replace(
            first, summary=replace(first.summary, entities=("Paris", "Rome"))
        ),
        "story": replace(first, story=replace(first.story, id=briefs[1].story.id)),
        "time": replace(
            first,
            story=replace(
                first.story,
                canonical=replace(first.story.canonical, article=moved),
            ),
        ),
    }
    for name, changed in changes.items():
        others = make_entries([changed, *briefs[1:]])
        assert cached(others) == related(others), name
        now = (tmp_path / CACHE_DIR / "related.pickle").read_bytes()
        assert now != stored, f"{name}: not ranked again"
        stored = now
