"""Related stories by delta: after any sequence of changes to briefs, the cached
links (ranked again only around the changes) are the links ranked from nothing."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_related import at, random_entries

from site_builder.cache.folder import CacheFolder, Fingerprint
from site_builder.cache.links import CachedRelated
from site_builder.model import Brief
from site_builder.site.related import related, related_paths, related_rows
from site_builder.site.related_delta import CHANGED, touched
from site_builder.site.taxonomy import make_entries

KINDS = ("topics", "names", "story", "time", "lang", "add", "remove", "same")


def changed(briefs: list[Brief], kind: str, n: int, pick: random.Random) -> None:
    """Change brief ``n`` of ``briefs`` in place (or add one, or remove it)."""
    n %= len(briefs)
    first = briefs[n]
    if kind == "topics":
        picked = pick.sample(("a", "b", "c", "d", "e", "f", "g"), pick.randrange(0, 4))
        briefs[n] = replace(first, topics=tuple(picked))
    elif kind == "names":
        names = tuple(pick.sample(("Paris", "Oslo", "Rome", "Kyiv"), 2))
        briefs[n] = replace(first, summary=replace(first.summary, entities=names))
    elif kind == "story":
        other = briefs[pick.randrange(len(briefs))].story.id
        briefs[n] = replace(first, story=replace(first.story, id=other))
    elif kind == "time":
        moved = first.story.canonical.article
        moved = replace(
            moved, date=moved.date + timedelta(minutes=pick.randrange(-90, 90))
        )
        canonical = replace(first.story.canonical, article=moved)
        briefs[n] = replace(first, story=replace(first.story, canonical=canonical))
    elif kind == "lang":
        canonical = replace(first.story.canonical, lang=pick.choice(("en", "fr")))
        briefs[n] = replace(first, story=replace(first.story, canonical=canonical))
    elif kind == "add":
        topics = tuple(pick.sample(("a", "b", "c"), 2))
        slug = f"new{pick.randrange(10**6)}"
        briefs.append(at(slug, "en", pick.randrange(0, 600), topics, ("Oslo",), slug))
    elif kind == "remove" and len(briefs) > 1:
        del briefs[n]


STEPS = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(min_value=0, max_value=10**6)),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(min_value=0, max_value=50), steps=STEPS)
def test_cached_links_after_any_changes_are_ranked_from_nothing(
    tmp_path: Path, seed: int, steps: list[tuple[str, int]]
) -> None:
    folder = CacheFolder(
        tmp_path / str(seed) / str(hash(tuple(steps))), Fingerprint("k"), use=True
    )
    cached = CachedRelated(folder)
    pick = random.Random(seed)
    briefs = [e.brief for e in random_entries(seed, 30 + seed * 4)]
    assert cached(make_entries(briefs)) == related(make_entries(briefs))
    for kind, n in steps:
        changed(briefs, kind, n, pick)
        entries = make_entries(briefs)
        assert cached(entries) == related(entries), kind


def test_one_changed_brief_touches_only_its_neighbourhood() -> None:
    entries = random_entries(3, 400)
    rows = related_rows(entries)
    before = {row.path: row for row in rows}
    briefs = [e.brief for e in entries]
    changed(briefs, "topics", 17, random.Random(1))
    now = related_rows(make_entries(briefs))
    near = touched(before, now)
    assert near is not None
    assert f"briefs/{briefs[17].slug}/index.html" in near
    assert len(near) < len(rows) // 3
    assert touched(before, rows) == set()


def test_many_changed_briefs_rank_everything_again() -> None:
    entries = random_entries(4, 200)
    before = {row.path: row for row in related_rows(entries)}
    briefs = [e.brief for e in entries]
    for n in range(CHANGED + 1):
        named = replace(briefs[n].summary, entities=(f"Name {n}",))
        briefs[n] = replace(briefs[n], summary=named)
    assert touched(before, related_rows(make_entries(briefs))) is None


def test_the_lists_of_some_briefs_are_those_of_the_whole() -> None:
    for seed in range(10):
        rows = related_rows(random_entries(seed, 60))
        whole = related_paths(rows)
        some = {row.path for row in rows[seed::3]}
        assert related_paths(rows, some) == {p: whole[p] for p in some}


def test_every_list_a_change_alters_is_among_the_touched() -> None:
    """Soundness, on many small random sites: a brief whose list differs after a
    change is always one ``touched`` names (the others are taken as they were)."""
    altered = 0
    for seed in range(400):
        pick = random.Random(seed)
        briefs = [e.brief for e in random_entries(seed, 20 + seed % 50)]
        rows = related_rows(make_entries(briefs))
        before = {row.path: row for row in rows}
        for _ in range(1 + seed % 3):
            changed(briefs, pick.choice(KINDS), pick.randrange(10**6), pick)
        now = related_rows(make_entries(briefs))
        old, new = related_paths(rows), related_paths(now)
        differ = {path for path, links in new.items() if old.get(path) != links}
        near = touched(before, now)
        assert near is not None
        assert differ <= near, seed
        altered += len(differ)
    assert altered > 200  # the changes alter plenty of lists far from themselves
