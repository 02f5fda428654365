"""Dedup's time rule: one outlet's story spans window_days, two outlets' longer."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from test_dedup import DAY, RENNES, RENNES_OTHER_OUTLET, make, members, story_of

from site_builder.config import DedupConfig
from site_builder.dedup.grouping import dedup
from site_builder.dedup.linkage import average_linkage
from site_builder.dedup.spans import (
    OTHER_OUTLETS_DAYS,
    UNKNOWN,
    Window,
    outlet_numbers,
    site_of,
)

DAILY = {"outlet": "Rennes Daily", "source_url": "https://www.rennes-daily.fr/pont"}
POST = {"source_url": "https://news.breizh-post.com/vilaine-bridge"}
# a month on, the same people on another bridge: the same kind of event, one outlet
RENNES_SECOND = [
    "A second road bridge over the Vilaine collapsed in Rennes on Thursday night, "
    "injuring two people, the Ille-et-Vilaine prefecture said.",
    "Prefect Anne Morel said a delivery van was crossing the Pont de Cesson when "
    "its deck gave way. Firefighters pulled the driver and a cyclist from the river.",
    "Mayor Nathalie Appéré said the audit of the 41 bridges of the city had not yet "
    "reached it. Prosecutor Philippe Astruc opened a second inquiry; Rennes "
    "Métropole closed the quays again.",
]


def test_one_event_told_by_two_outlets_twenty_days_apart_is_one_story() -> None:
    first = make("daily.md", RENNES, **DAILY)
    later = make("post.md", RENNES_OTHER_OUTLET, date=DAY + timedelta(days=20), **POST)
    stories = dedup([first, later], DedupConfig())
    assert members(story_of(stories, "daily.md")) == {"daily.md", "post.md"}


def test_one_outlet_twenty_days_later_tells_another_story() -> None:
    first = make("daily.md", RENNES, **DAILY)
    same = {"source_url": "https://rennes-daily.fr/suite", "outlet": "Rennes Daily"}
    later = make("again.md", RENNES_OTHER_OUTLET, date=DAY + timedelta(days=20), **same)
    assert len(dedup([first, later], DedupConfig())) == 2
    # unknown outlets may be one: window_days holds
    bare = make("bare.md", RENNES_OTHER_OUTLET, date=DAY + timedelta(days=20))
    assert len(dedup([make("first.md", RENNES), bare], DedupConfig())) == 2


def test_one_outlets_same_kind_event_a_month_later_stays_apart() -> None:
    first = make("daily.md", RENNES, **DAILY)
    second = make("second.md", RENNES_SECOND, date=DAY + timedelta(days=31), **DAILY)
    assert len(dedup([first, second], DedupConfig())) == 2
    # the time is what keeps them apart: a window of two months joins them
    assert len(dedup([first, second], DedupConfig(window_days=60))) == 1


def test_two_outlets_further_apart_than_the_bound_stay_apart() -> None:
    first = make("daily.md", RENNES, **DAILY)
    days = OTHER_OUTLETS_DAYS + 30
    later = make("post.md", RENNES_OTHER_OUTLET, date=DAY + timedelta(days), **POST)
    assert len(dedup([first, later], DedupConfig())) == 2


def test_outlets_are_one_when_they_share_a_name_or_a_site() -> None:
    names = ["Le Monde", None, " le monde ", None, "Ouest-France", None]
    urls = [
        "https://www.lemonde.fr/a",
        "https://abonnes.lemonde.fr/b",
        None,
        None,
        None,
        "https://www.ouest-france.fr/c",
    ]
    numbers = outlet_numbers(names, urls).tolist()
    assert numbers[0] == numbers[1] == numbers[2]
    assert numbers[3] == UNKNOWN
    # a name and a site no article ties together are two outlets
    assert len({numbers[0], numbers[4], numbers[5]}) == 3
    assert site_of("http://news.bbc.co.uk/x") == site_of("https://www.bbc.co.uk/y")
    assert site_of("not a url") is None


def test_an_article_of_unknown_outlet_does_not_stretch_a_story() -> None:
    # 0 and 1: two outlets 20 days apart; 2: unknown outlet between them
    pairs = np.array([[0, 1], [0, 2], [1, 2]], dtype=np.int64)
    scores = np.array([0.9, 0.9, 0.9])
    days = np.array([0.0, 20.0, 10.0])
    window = Window(days, np.array([0, 1, UNKNOWN], dtype=np.int64), 7.0, 730.0)
    labels = average_linkage(pairs, scores, 0.3, window)
    assert labels[0] == labels[1] != labels[2]
    assert window.reach(pairs).tolist() == [True, False, False]
    one_outlet = Window(days, np.zeros(3, dtype=np.int64), 7.0, 730.0)
    assert len(set(average_linkage(pairs, scores, 0.3, one_outlet))) == 3
