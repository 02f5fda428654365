"""Page furniture: removed before anything is drafted, recorded, never a sentence."""

from __future__ import annotations

import pytest

from site_builder.clean.furniture import remove_furniture
from site_builder.clean.lines import standalone
from site_builder.model import Paragraph


def furnished(body: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The paragraphs kept, and (why, text) of each removal, for a body given as
    lines (one paragraph each)."""
    paragraphs = tuple(
        Paragraph(text, line) for line, text in enumerate(body.split("\n"), start=1)
    )
    kept, removed = remove_furniture(paragraphs, markdown=False, lang="en")
    return [p.text for p in kept], [(r.why, r.text) for r in removed]


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Posted: Sep 27, 2013 10:50AM CDT", "publication stamp"),
        ("Publié le 12 avril 2013 à 10h00", "publication stamp"),
        ("Aktualisiert am 02.01.2020, 14:00 Uhr", "publication stamp"),
        ("By Jane Roe and John Doe, Associated Press", "byline"),
        ("Par Jeanne Dupont", "byline"),
        ("Von Max Mustermann", "byline"),
        ("(Reporting by Jane Roe; Editing by John Doe)", "byline"),
        ("Reuters", "source line"),
        ("Quelle: dpa", "source line"),
        ("Bild: Vahid Example", "photo credit"),
        ("Photo : Jeanne Dupont/AFP", "photo credit"),
        ("Foto: Max Mustermann/dpa", "photo credit"),
        ("© Harbour Daily, Donnerstag, 02.01.2020", "publication stamp"),
        ("Copyright 2020 Harbour Daily. All rights reserved.", "copyright notice"),
        ("Lire aussi : Le port de Valbrune fermé jusqu'à lundi", "read-more link"),
        ("READ MORE: Ferry crews vote to strike", "read-more link"),
        ("Lesen Sie auch: Fähren stehen still", "read-more link"),
        ("Advertisement", "advertisement label"),
        ("Publicité", "advertisement label"),
        ("Share this article", "share prompt"),
        ("A+ A-", "text-size buttons"),
        ("Subscribe to Harbour Daily today.", "subscription prompt"),
        ("Erhalten Sie unseren Newsletter per E-Mail", "subscription prompt"),
        (
            "This story was originally published on harbour.example",
            "note to the reader",
        ),
        ("WATCH: This article first appeared on Harbour Daily", "note to the reader"),
        ("Thank you for supporting local journalism", "note to the reader"),
        ("Grazie per aver letto", "note to the reader"),
        ("We'll keep you updated as the story develops", "note to the reader"),
        (
            "For all the latest port news, download the Harbour app",
            "note to the reader",
        ),
        ("Read or share this story: /harbour-reopens/123", "read-more link"),
        ("Zobacz również: Port w Valbrune otwarty", "read-more link"),
    ],
)
def test_a_paragraph_that_is_only_furniture(line: str, why: str) -> None:
    assert standalone(line) == why


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, the council had approved the budget.",
        "A A lovely day",
        "By 1978 the ferry carried a million passengers a year.",
        "Thanks to the rain, the harbour fire was contained by noon.",
        "This story was first reported by Harbour Daily, which counted ten boats.",
        "Par ailleurs, le conseil a voté le budget.",
        "Von Teheran aus sollte der Konvoi weiterfahren.",
        "Photos of the flooded quay were shared widely on Tuesday.",
        "Images de la crue : le quai est sous l'eau depuis mardi.",
        "Video: the moment the old ferry left the harbour for the last time, "
        "watched by crowds on both quays. The crews said farewell.",
        "Share prices rose on Tuesday.",
        "Reuters reported that the crews walked out on Tuesday.",
        "Le 3 avril 2018, deux fillettes mouraient dans un accident.",
    ],
)
def test_sentences_of_news_are_never_furniture(line: str) -> None:
    assert standalone(line) is None


def test_a_caption_is_removed_but_never_the_first_paragraph() -> None:
    body = (
        "Crews vote to strike (Picture: Harbour Daily)\n"
        "The crews walked out at dawn.\n"
        "The old ferry at the quay (Picture: Jane Roe/Harbour Daily)"
    )
    kept, removed = furnished(body)
    assert kept == ["Crews vote to strike", "The crews walked out at dawn."]
    assert [why for why, _ in removed] == ["photo credit", "photo caption"]


@pytest.mark.parametrize(
    ("body", "kept", "cut"),
    [
        (
            "PARIS (AFP) - Les équipages des bacs ont cessé le travail mardi.",
            ["Les équipages des bacs ont cessé le travail mardi."],
            "PARIS (AFP) -",
        ),
        (
            "Fähren stehen still Hamburg (dpa) - Die Besatzungen streiken seit "
            "Dienstag.",
            ["Fähren stehen still", "Die Besatzungen streiken seit Dienstag."],
            "Hamburg (dpa) -",
        ),
        (
            "Crews walk out in row over pay to US LONDON (Reuters) - Ferry crews "
            "walked out on Tuesday.",
            [
                "Crews walk out in row over pay to US",
                "Ferry crews walked out on Tuesday.",
            ],
            "LONDON (Reuters) -",
        ),
        (
            "Fährstreik legt Verkehr lahm Gesichtserkennung Berlin (DPA) - Die "
            "Fähren stehen still.",
            [
                "Fährstreik legt Verkehr lahm Gesichtserkennung",
                "Die Fähren stehen still.",
            ],
            "Berlin (DPA) -",
        ),
        (
            "CARACAS, Venezuela (AP) — Officials said the crews walked out.",
            ["Officials said the crews walked out."],
            "CARACAS, Venezuela (AP) —",
        ),
        (
            "LONDON, June 5 (Reuters) - Ferry crews walked out on Tuesday.",
            ["Ferry crews walked out on Tuesday."],
            "LONDON, June 5 (Reuters) -",
        ),
    ],
)
def test_agency_datelines_go_and_open_the_body(
    body: str, kept: list[str], cut: str
) -> None:
    assert furnished(body) == (kept, [("agency dateline", cut)])


def test_a_plain_dateline_goes_but_a_headline_in_capitals_stays() -> None:
    body = (
        "WASHINGTON — Ferry crews on the Orlen crossing voted on Tuesday to strike "
        "for two days next week, their union said."
    )
    kept, removed = furnished(body)
    assert kept == [body.removeprefix("WASHINGTON — ")]
    assert removed == [("dateline", "WASHINGTON —")]
    headline = "BERLIN – Ferry strike confirmed"
    assert furnished(headline) == ([headline], [])


def test_a_stamp_glued_between_headline_and_text_splits_them() -> None:
    body = "Ferry crews strike Posted: Sep 27, 2013 10:50AM CDT A jury met on Monday."
    assert furnished(body) == (
        ["Ferry crews strike", "A jury met on Monday."],
        [("publication stamp", "Posted: Sep 27, 2013 10:50AM CDT")],
    )


def test_credits_and_trailers_inside_a_paragraph_are_cut() -> None:
    body = (
        "The crews walked out (Photo: Jane Roe/AFP) at dawn. "
        "The union met on Monday. (Reporting by Jane Roe; Editing by John Doe)"
    )
    kept, removed = furnished(body)
    assert kept == ["The crews walked out at dawn. The union met on Monday."]
    assert [why for why, _ in removed] == ["photo credit", "byline"]
    glued = (
        "Die Fähren stehen still. Foto: Max Mustermann, dpa Die Besatzungen streiken."
    )
    assert furnished(glued) == (
        ["Die Fähren stehen still.", "Die Besatzungen streiken."],
        [("photo credit", "Foto: Max Mustermann, dpa")],
    )
    # a parenthesis that merely starts with "photos" is text
    text = "The app keeps your data (photos, calendars, contacts) in one place."
    assert furnished(text) == ([text], [])
    # "Image via" labels a credit at the end of a scrape, cut short or not
    trailing = "Le fonds aide des associations. Image via Shutterstoc"
    assert furnished(trailing) == (
        ["Le fonds aide des associations."],
        [("photo credit", "Image via Shutterstoc")],
    )
    travel = "The pictures via satellite show the flood. We flew via Paris."
    assert furnished(travel) == ([travel], [])
    # a "more news from ..." link that ends a scrape, cut short
    linked = "Le service reprend vendredi. Plus de nouvelles de Valbrune ici De l"
    assert furnished(linked) == (
        ["Le service reprend vendredi."],
        [("read-more link", "Plus de nouvelles de Valbrune ici De l")],
    )
    news = "More news is expected on Monday, the council said."
    assert furnished(news) == ([news], [])
    shared = (
        "Ferry crews strike Share This On: Pin 10 Shares VALBRUNE - The crews walk out."
    )
    assert furnished(shared)[1] == [("share prompt", "Share This On: Pin 10 Shares")]


@pytest.mark.parametrize(
    ("body", "kept", "removed"),
    [
        (
            "Le port rouvre lundi. Plus à ce sujet : Communiqué du port (en anglais) "
            "Pour plus d'histoires comme celle-ci, suivez-nous sur Facebook et Twitter",
            "Le port rouvre lundi.",
            "read-more link",
        ),
        (
            "The port reopens on Monday. For more stories like this, follow us on "
            "Facebook and Twitter",
            "The port reopens on Monday.",
            "subscription prompt",
        ),
        (
            "The port reopens on Monday. ___ Associated Press writer Jane Roe "
            "contributed to this report from Valbrune, Ostland",
            "The port reopens on Monday.",
            "byline",
        ),
    ],
)
def test_prompts_and_credit_lines_that_end_a_scrape_are_cut(
    body: str, kept: str, removed: str
) -> None:
    assert furnished(body) == ([kept], [(removed, body[len(kept) + 1 :])])


@pytest.mark.parametrize(
    "text",
    [
        "Fans who follow us on the road know the club. The season starts soon.",
        "The mayor thanked everyone. Three agencies contributed to the rescue.",
    ],
)
def test_news_that_names_following_or_contributing_is_kept(text: str) -> None:
    assert furnished(text) == ([text], [])


def test_a_doubled_headline_is_cut_but_a_repeated_sentence_is_left_to_repeats() -> None:
    body = "Fähren stehen heute still Fähren stehen heute still Die Crews streiken."
    assert furnished(body) == (
        ["Fähren stehen heute still", "Die Crews streiken."],
        [("doubled headline", "Fähren stehen heute still")],
    )
    sentence = "The crews walked out. The crews walked out. The union met."
    assert furnished(sentence) == ([sentence], [])


def test_links_to_other_pages_after_credits_end_the_body() -> None:
    body = (
        "Die Besatzungen streiken seit Dienstag.\n"
        "Bild: Max Mustermann\n"
        "Hafen von Valbrune bleibt geschlossen\n"
        "Neue Fähre für die Orlen-Linie bestellt\n"
        "Bürgermeister besucht die Werft"
    )
    kept, removed = furnished(body)
    assert kept == ["Die Besatzungen streiken seit Dienstag."]
    assert [why for why, _ in removed] == ["photo credit"] + [
        "links to other pages"
    ] * 3


def test_a_list_of_fixtures_without_furniture_before_it_is_the_article() -> None:
    body = (
        "The draw for the cup's next round was made on Monday.\n"
        "Harbour Town v Valbrune Rovers\n"
        "Orlen City v Millbrook Athletic\n"
        "Brackenford v Montclarin United"
    )
    assert furnished(body) == (body.split("\n"), [])
