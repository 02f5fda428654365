"""Story clustering: headlines and leads weigh nothing alone, a story spans days."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from test_dedup import DAY, RENNES, RENNES_OTHER_OUTLET, make, members, story_of

from site_builder.config import DedupConfig
from site_builder.dedup.cluster import _distinct
from site_builder.dedup.grouping import dedup
from site_builder.dedup.linkage import average_linkage
from site_builder.dedup.spans import Window

HEADLINE = "Storm warning for the Calder valley"
# Two storms, two stories: the same headline and nearly the same first sentence,
# then bodies that share no name, place or number.
CALDER_TUESDAY = [
    HEADLINE,
    "The Met Office issued an amber storm warning for the Calder valley, from "
    "Todmorden to Elland, on Tuesday.",
    "Gusts of 70 mph could bring down power lines around Hebden Bridge, where "
    "councillor Jane Pratt closed the Mytholm footbridge.",
    "Network Rail cancelled trains between Walsden and Sowerby Bridge, and the "
    "Thursday market moved to the Stubbing Wharf car park.",
]
CALDER_FRIDAY = [
    HEADLINE,
    "The Met Office issued a yellow storm warning for the Calder valley, from "
    "Todmorden to Elland, on Friday.",
    "Up to 40 mm of rain may flood basements in Brighouse and Rastrick, said Omar "
    "Siddiq, who chairs the Environment Agency's Yorkshire board.",
    "Halifax Minster postponed its organ recital, and sandbags are handed out at "
    "the Ryburn leisure centre until Sunday evening.",
]
RENNES_HEADLINE = "Bridge collapse in Rennes injures seven"
OTHER_HEADLINE = "Seven hurt as the Pont Saint-Hélier falls into the Vilaine"
RENNES_BRIEF = [
    "Seven people were hurt when the Pont Saint-Hélier collapsed into the Vilaine "
    "in Rennes on Monday night, prefect Anne Morel said."
]


def test_same_headline_and_lead_with_different_bodies_stay_apart() -> None:
    tuesday = make("calder-tuesday.md", CALDER_TUESDAY, title=HEADLINE)
    friday = make("calder-friday.md", CALDER_FRIDAY, title=HEADLINE)
    stories = dedup([tuesday, friday], DedupConfig())
    assert len(stories) == 2


def test_two_outlets_with_their_own_headlines_join_one_story() -> None:
    first = make("a.md", [RENNES_HEADLINE, *RENNES], title=RENNES_HEADLINE)
    other = make(
        "b.md",
        [OTHER_HEADLINE, *RENNES_OTHER_OUTLET],
        date=DAY + timedelta(hours=4),
        title=OTHER_HEADLINE,
    )
    unrelated = make("calder.md", CALDER_TUESDAY)
    stories = dedup([first, other, unrelated], DedupConfig())
    assert members(story_of(stories, "a.md")) == {"a.md", "b.md"}


def test_a_one_sentence_brief_counts_as_body_and_joins_its_story() -> None:
    full = make("full.md", RENNES)
    brief = make("brief.md", RENNES_BRIEF, date=DAY + timedelta(hours=1))
    stories = dedup([full, brief, make("calder.md", CALDER_FRIDAY)], DedupConfig())
    assert members(story_of(stories, "brief.md")) == {"full.md", "brief.md"}


def test_no_story_spans_more_than_the_window_between_dated_members() -> None:
    # 0 and 2 are dated a month apart; 1 is undated and close to both
    pairs = np.array([[0, 1], [1, 2], [0, 2]], dtype=np.int64)
    scores = np.array([0.9, 0.9, 0.9])
    days = np.array([0.0, np.nan, 30.0])
    labels = average_linkage(pairs, scores, 0.03, Window.of(days, 7.0))
    assert labels[0] != labels[2]
    assert labels[1] in (labels[0], labels[2])
    assert average_linkage(pairs, scores, 0.03, Window.of(days, 60.0)) == [0, 0, 0]


def test_an_undated_article_does_not_chain_two_dated_tellings_a_month_apart() -> None:
    now = make("now.md", RENNES)
    undated = make("undated.md", RENNES_OTHER_OUTLET, date=None)
    later = make("later.md", RENNES_BRIEF, date=DAY + timedelta(days=30))
    stories = dedup([now, undated, later], DedupConfig())
    assert "later.md" not in members(story_of(stories, "now.md"))


def test_distinct_features_are_what_numpy_unique_gives() -> None:
    # Profiles.packed numbers the features by a stable sort of their hashes: the
    # same distinct hashes and columns as np.unique, for sorted runs or any order.
    rng = np.random.default_rng(7)
    runs = [np.sort(rng.choice(50, size=n, replace=False)) for n in (0, 3, 17, 40)]
    cases = [
        np.concatenate(runs).astype(np.uint32),
        rng.integers(0, 2**32, size=5000, dtype=np.uint32),
        rng.integers(0, 30, size=1000, dtype=np.uint32),
        np.zeros(0, dtype=np.uint32),
    ]
    for hashes in cases:
        distinct, columns = _distinct(hashes)
        expected, inverse = np.unique(hashes, return_inverse=True)
        assert np.array_equal(distinct, expected)
        assert distinct.dtype == expected.dtype
        assert np.array_equal(columns, inverse)
