"""Where a drafted headline may end and where its subject starts (invented text).

Covers tidying.py (a cut title's last word: names, other languages' articles and
prepositions, German particles) and the subject's aside in adverbials.py when an
opener comes first.
"""

from __future__ import annotations

import pytest

from site_builder.text.adverbials import drop_subject_aside
from site_builder.text.clauses import open_clause
from site_builder.text.headline import headline
from site_builder.text.tidying import tidy
from site_builder.text.wordcut import first_words


@pytest.mark.parametrize(
    ("cut", "tidied"),
    [
        # a name that ends on a word which elsewhere governs what follows
        (
            "Jane Roe announced as the new Doctor Who",
            "Jane Roe announced as the new Doctor Who",
        ),
        ("Council names the winner of Ask Who", "Council names the winner of Ask Who"),
        # in Title Case, a capitalised preposition is still cut off
        ("Three Hurt As Storm Hits Town On", "Three Hurt As Storm Hits Town"),
        # a letter is no name: a page's text-size buttons
        ("Mayor opens the new bridge A+ A", "Mayor opens the new bridge A+"),
        # articles and prepositions of the other languages titles are drafted in
        (
            "Der Rat fordert einen besseren Umgang mit Mietern auf dem",
            "Der Rat fordert einen besseren Umgang mit Mietern",
        ),
        (
            "Los vecinos piden más fondos para el puente del",
            "Los vecinos piden más fondos para el puente",
        ),
        (
            "Il sindaco chiede fondi per il ponte della",
            "Il sindaco chiede fondi per il ponte",
        ),
        ("Burmistrz otworzył nowy most w", "Burmistrz otworzył nowy most"),
        ("Мэр открыл новый мост во", "Мэр открыл новый мост"),
        # a German particle ends its clause ("rufen ... auf")
        (
            "Die Verbände rufen zur Aufnahme von Praktikanten auf",
            "Die Verbände rufen zur Aufnahme von Praktikanten auf",
        ),
        ("In der Stadt kehrt wieder Leben ein", "In der Stadt kehrt wieder Leben ein"),
    ],
)
def test_cut_title_ends(cut: str, tidied: str) -> None:
    assert tidy(cut) == tidied


@pytest.mark.parametrize(
    ("lead", "kept"),
    [
        # the words before the first comma open the lead: the subject follows it
        (
            "Et auparavant, la maison construite à Lyon, dans le centre du pays, "
            "appartenait aux parents de Marie Durand",
            "Et auparavant, la maison construite à Lyon, dans le centre du pays, "
            "appartenait aux parents de Marie Durand",
        ),
        (
            "Dans le Gard, les pluies reçues jeudi, sur des sols saturés, ont fait "
            "monter la rivière",
            "Dans le Gard, les pluies reçues jeudi, sur des sols saturés, ont fait "
            "monter la rivière",
        ),
        # a subject before the first comma keeps its verb
        (
            "Cette annonce des avocats du maire, de son épouse et de son adjoint, "
            "fait peser une incertitude sur le procès",
            "Cette annonce des avocats du maire fait peser une incertitude sur le "
            "procès",
        ),
        (
            "A spokesman for the firm, a maker of boats, has denied the claim",
            "A spokesman for the firm has denied the claim",
        ),
    ],
)
def test_subject_aside_after_an_opener(lead: str, kept: str) -> None:
    assert drop_subject_aside(lead) == kept


def test_headline_keeps_the_subject_after_an_opener() -> None:
    lead = (
        "Et auparavant, la maison construite à Lyon, dans le centre du pays, "
        "appartenait aux parents de Marie Durand."
    )
    assert (
        headline(lead)
        == "La maison construite à Lyon appartenait aux parents de Marie Durand"
    )


def test_headline_keeps_a_name_whole() -> None:
    lead = (
        "A young actor will take over the title role of Doctor Who in the long "
        "running science fiction television series, making him the twelfth to travel "
        "in the time machine."
    )
    assert headline(lead) == "Young actor will take over the title role of Doctor Who"


@pytest.mark.parametrize(
    "cut",
    [
        "Les services de secours ont aussi indiqué",
        "Le maire sort de ses gonds à la radio et a prévenu",
        "La préfecture avait précisé",
    ],
)
def test_a_compound_past_of_saying_is_an_open_clause(cut: str) -> None:
    assert open_clause(cut)


def test_a_participle_of_saying_alone_is_a_passive() -> None:
    assert not open_clause("Nouveau plan de circulation annoncé")


def test_the_last_resort_cut_ends_before_an_adjunct() -> None:
    lead = (
        "Shares in struggling English football club Harbour Rovers slipped sharply "
        "despite the club agreeing a rescue plan with creditors"
    )
    # not "... slipped sharply despite the club", a preposition cut from its clause
    assert first_words(lead) == (
        "Shares in struggling English football club Harbour Rovers slipped sharply"
    )


@pytest.mark.parametrize(
    ("cut", "is_open"),
    [
        # an adjunct after "that" is no relative's verb: the clause has none yet
        ("The record will show that with a minute remaining in the half", True),
        ("Le maire a dit que malgré la pluie", True),
        ("Rules that disadvantage women", False),
        ("The mayor said that after the vote the council would meet", False),
    ],
)
def test_that_then_an_adjunct_opens_a_clause(cut: str, is_open: bool) -> None:
    assert open_clause(cut) is is_open
