"""Issue #19's rules for the text of a brief, on articles written here (fr, en, de).

Titles: the outlet's headline when the body opens on one (alone, printed twice, or
glued to the lead through a dateline), at most 16 words, never an ellipsis, never
a fragment. Summaries: the lead first, no sentence that leans on one not shown, no
sentence repeating the title. Key points: whole source sentences, none repeating
the title or the summary, no fragments. Story pages: no sentence printed twice.
"""

from __future__ import annotations

import math
import re
from html import unescape

import pytest

from site_builder.config import SummaryConfig
from site_builder.render.html_text import body_html, unshown
from site_builder.summarize.choose import REPEAT, jaccard, plain_quotes, whole
from site_builder.summarize.drafting import summarize
from site_builder.summarize.features import GRAPH_SENTENCES, graph_degree
from site_builder.summarize.lead import source_headline
from site_builder.text.anaphora import leans_back, standing
from site_builder.text.sentences import split_sentences
from site_builder.text.titles import MAX_WORDS, draft_title
from site_builder.text.tokens import content_terms
from tests.test_summarize import config, story

FRENCH = [
    "La mairie de Montclarin rouvre la piscine municipale après deux ans de "
    "travaux, a annoncé lundi le maire, Paul Verdier.",
    "Elle accueillera les nageurs dès le 3 juin, avec des horaires élargis le soir.",
    "Le chantier a coûté 4,2 millions d'euros, dont la moitié payée par la région.",
    "Les clubs de natation, privés de bassin depuis 2022, s'entraînaient à Lestrac.",
    "Cette situation avait provoqué la colère des parents d'élèves de la commune.",
    "Le maire a promis un tarif réduit pour les familles de Montclarin.",
    "Une fête d'inauguration est prévue le 2 juin avec les clubs de la région.",
]
ENGLISH = [
    "Brackenford council has approved a plan to close the town's two coal "
    "depots by 2027, ending a century of coal trade on the river.",
    "It reduced the number of licences it grants to coal merchants last year.",
    "The depots employ 140 people, most of whom will be offered jobs at the port.",
    "Council leader Maria Okafor said the land would be used for 600 new homes.",
    "Residents had complained for years about dust and lorries on Mill Lane.",
    "The plan still needs the approval of the regional planning board in May.",
]
GERMAN = [
    "Volkswagen steigt bei chinesischer Batteriefirma ein Peking - Die "
    "Volkswagen-Gruppe übernimmt ein Viertel des Batterieherstellers Lumo.",
    "Der Konzern zahlt dafür nach eigenen Angaben rund 1,1 Milliarden Euro.",
    "Diese Summe ist die größte Investition des Konzerns in China seit 2018.",
    "Lumo liefert bereits Zellen für zwei Modelle, die in Anting gebaut werden.",
    "Die Behörden in Peking müssen dem Geschäft noch zustimmen.",
    "Analysten rechnen mit einer Entscheidung bis zum Sommer.",
]


def test_a_headline_line_is_the_title_and_no_sentence() -> None:
    head, rest = source_headline(["Montclarin rouvre sa piscine", *FRENCH])
    assert head == "Montclarin rouvre sa piscine"
    assert rest == FRENCH
    twice = "Montclarin rouvre sa piscine Montclarin rouvre sa piscine"
    assert source_headline([twice, *FRENCH])[0] == "Montclarin rouvre sa piscine"
    # a date line before it is kept in the body, the headline still found
    dated = ["Lundi 3 juin 2024", "Montclarin rouvre sa piscine", *FRENCH]
    assert source_headline(dated)[0] == "Montclarin rouvre sa piscine"
    # prose is no headline: a first paragraph that ends like a sentence stays
    assert source_headline(FRENCH)[0] is None


def test_a_headline_glued_to_its_lead_through_a_dateline_is_split() -> None:
    head, rest = source_headline(GERMAN)
    assert head == "Volkswagen steigt bei chinesischer Batteriefirma ein"
    assert rest[0].startswith("Die Volkswagen-Gruppe übernimmt")
    result = summarize(story(GERMAN, "de"), config())
    assert result.title == "Volkswagen steigt bei chinesischer Batteriefirma ein"
    assert "Peking -" not in result.summary


@pytest.mark.parametrize(
    ("run_on", "head"),
    [
        (
            "Tennis: Lindqvist wins the Harbour Open over Okafor in thriller After "
            "beating the champion in the semi-final, Lindqvist held on.",
            "Tennis: Lindqvist wins the Harbour Open over Okafor in thriller",
        ),
        (
            "Neue Fähre verbindet Kiel und Oslo In der Nacht zum Montag legte die "
            "Fähre zum ersten Mal ab.",
            "Neue Fähre verbindet Kiel und Oslo",
        ),
        (
            "Le port de Valbrune ferme ses quais en pleine tempête Depuis lundi matin, "
            "le port a fermé ses quais aux navires.",
            "Le port de Valbrune ferme ses quais en pleine tempête",
        ),
        (
            "Roe spricht von “Verrat” und “Chaos” im Hafen Nach dem Streik ruht "
            "die Arbeit.",
            "Roe spricht von “Verrat” und “Chaos” im Hafen",
        ),
        (
            "Port w Valbrune zamknięty do odwołania W poniedziałek sztorm zerwał "
            "cumy trzech statków.",
            "Port w Valbrune zamknięty do odwołania",
        ),
        (
            "Más barcos en el puerto de Valbrune [FOTOS] Mientras que otros puertos "
            "cerraron, Valbrune recibió más barcos.",
            "Más barcos en el puerto de Valbrune [FOTOS]",
        ),
    ],
)
def test_a_headline_run_into_its_lead_with_no_stop_is_split(
    run_on: str, head: str
) -> None:
    found, rest = source_headline([run_on, "A second paragraph follows here."])
    assert found == head
    assert rest[0].split()[0] in ("After", "In", "Depuis", "Nach", "W", "Mientras")


def test_a_german_headline_run_into_a_lead_in_capitals_is_split() -> None:
    run_on = (
        "Hafen Valbrune will zusätzlich 500 Millionen Euro sparen Die "
        "Hafengesellschaft kommt bei der Suche nach Einsparungen voran."
    )
    head, rest = source_headline([run_on, "Ein zweiter Absatz folgt."], "de")
    assert head == "Hafen Valbrune will zusätzlich 500 Millionen Euro sparen"
    assert rest[0].startswith("Die Hafengesellschaft")
    # a newspaper's name after a word that governs it, and other languages, stay
    paper = "Der Hafen von Valbrune schließt laut Die Welt am Montag seine Tore."
    assert source_headline([paper, "Ein zweiter Absatz folgt."], "de")[0] is None
    assert source_headline([run_on, "A second paragraph follows."], "en")[0] is None


@pytest.mark.parametrize(
    "prose_start",
    [
        # a name goes on in capitals; a head cannot end on "to"
        "Delegates met yesterday in The Hague to sign the treaty on fisheries.",
        "Ministers Say Factory Owner Set to Die in Court If Charged by Police today.",
    ],
)
def test_a_capital_inside_a_sentence_is_no_run_on(prose_start: str) -> None:
    assert source_headline([prose_start, "A second paragraph follows."])[0] is None


def test_titles_are_short_whole_and_never_cut_with_an_ellipsis() -> None:
    long_lead = (
        "Republic of Ireland manager Brian Kerr admitted he was frustrated his side "
        "did not score more than one goal against a weak Faroe Islands team, "
        "he said after the match in Dublin on Wednesday evening."
    )
    title = draft_title([long_lead, *ENGLISH], "en")
    assert 3 <= len(title.split()) <= MAX_WORDS
    assert not title.endswith(("…", "..."))
    # a fragment left by cutting a quote's attribution is never a title
    quoted = 'Her father Jean Moor of Lestrac said later, "I am glad it is over."'
    assert not re.search(r"said( later)?$", draft_title([quoted, *ENGLISH], "en"))
    relative = "Four robbers, two of whom were dressed as guards, took the safe."
    assert "whom" not in draft_title([relative, *ENGLISH], "en")


@pytest.mark.parametrize(
    ("sentence", "lang", "leans"),
    [
        ("It reduced the number of licences.", "en", True),
        ("His administration refused to comment.", "en", True),
        ("However, the board disagreed.", "en", True),
        ("The move angered residents.", "en", True),
        ("There were three injuries.", "en", False),
        ("This week the council met twice.", "en", False),
        ("Elle accueillera les nageurs dès le 3 juin.", "fr", True),
        ("Cette situation avait provoqué la colère.", "fr", True),
        ("Le ministre a soulevé la question avec Oslo.", "fr", True),
        ("Le ministre a soulevé la question du prix.", "fr", False),
        # the test for _UNSAID's words before the pattern: case and the long s
        # (which IGNORECASE reads as "s") must not hide one
        ("Le ministre a soulevé LA QUESTION avec Oslo.", "fr", True),
        ("Le ministre a soulevé la que\u017ftion avec Oslo.", "fr", True),
        ("Paris raised THE MATTER with Berlin.", "en", True),
        ("Il y a eu trois blessés.", "fr", False),
        ("En 2022, les clubs sont partis.", "fr", False),
        ("Diese Summe ist die größte Investition.", "de", True),
        ("Außerdem zahlt der Konzern bar.", "de", True),
        ("Der Konzern zahlt bar.", "de", False),
        # a pronoun subject after an opener leans too; an expletive one does not
        ("In tanks kept at 4°C, it reduced the mass of films.", "en", True),
        ("Mercredi soir, il a démissionné.", "fr", True),
        ("Mercredi soir, il y a eu un incendie.", "fr", False),
        ("On Monday, it emerged that the firm had lied.", "en", False),
    ],
)
def test_sentences_that_lean_on_an_earlier_one(
    sentence: str, lang: str, leans: bool
) -> None:
    assert leans_back(sentence, lang) is leans


@pytest.mark.parametrize(
    ("paragraphs", "lang"), [(FRENCH, "fr"), (ENGLISH, "en"), (GERMAN, "de")]
)
def test_summary_opens_on_the_lead_and_stands_on_its_own(
    paragraphs: list[str], lang: str
) -> None:
    result = summarize(story(paragraphs, lang), config())
    picked = split_sentences(result.summary, lang)
    lead = source_headline(paragraphs)[1][0]
    assert picked[0] == lead
    body = [s for p in paragraphs for s in split_sentences(p, lang)]
    for sentence in picked[1:]:
        if leans_back(sentence, lang):
            assert body[body.index(sentence) - 1] in picked
    title = frozenset(content_terms(result.title, lang))
    assert all(jaccard(frozenset(content_terms(s, lang)), title) < 0.8 for s in picked)


@pytest.mark.parametrize(
    ("paragraphs", "lang"), [(FRENCH, "fr"), (ENGLISH, "en"), (GERMAN, "de")]
)
def test_key_points_are_whole_new_sentences(paragraphs: list[str], lang: str) -> None:
    result = summarize(story(paragraphs, lang), config(sentences=2))
    source = " ".join(paragraphs)
    summary = [
        frozenset(content_terms(s, lang)) for s in split_sentences(result.summary, lang)
    ]
    title = frozenset(content_terms(result.title, lang))
    assert 3 <= len(result.key_points) <= 5
    for point in result.key_points:
        assert point in source  # whole, in the source's own words
        terms = frozenset(content_terms(point, lang))
        assert jaccard(terms, title) < REPEAT
        assert all(jaccard(terms, s) < REPEAT for s in summary)
        assert len(point.split()) >= 6


def test_a_long_sentence_gives_its_whole_first_clause_or_nothing() -> None:
    said = (
        "Le conseil municipal a voté à l'unanimité la rénovation complète de la "
        "piscine, de la patinoire, du gymnase et des deux stades de la ville pour "
        "un montant total de 12 millions d'euros sur six ans, a indiqué le maire."
    )
    assert len(said.split()) == 40
    assert whole(said, 37) == said[: said.index(", a indiqué")] + "."
    assert whole(said, 30) is None
    endless = " ".join(["mot"] * 70) + "."
    assert whole(endless, 60) is None
    assert whole("C'est la police !", 35) is None  # a fragment
    assert whole("a-t-il dit, sans plus de détails sur la suite.", 35) is None
    assert (
        plain_quotes("He said `` it is over '' today.") == 'He said "it is over" today.'
    )


def test_the_story_page_prints_no_sentence_twice() -> None:
    brief = story(["Montclarin rouvre sa piscine", *FRENCH])
    result = summarize(brief, config())
    shown = (result.title, result.summary, *result.key_points)
    html = unescape(str(body_html(brief.canonical, shown))).replace("’", "'")
    html = " ".join(html.split())
    assert "Montclarin rouvre sa piscine" not in html
    # every sentence of the article is printed exactly once on the page
    for sentence in (s for p in FRENCH for s in split_sentences(p, "fr")):
        above = any(sentence in text for text in shown)
        assert (sentence in html) is not above, sentence
    said = frozenset({"Il pleut."})
    assert unshown("Il pleut. Il vente.", said, "fr") == "Il vente."
    assert unshown("Il pleut.", said, "fr") == ""
    assert unshown("Il vente.", said, "fr") == "Il vente."


def test_a_markdown_body_loses_only_whole_blocks_already_shown() -> None:
    blocks = [
        "Brackenford council has approved a plan to close the town's two coal "
        "depots by **2027**, ending a century of coal trade on the river.",
        "## What happens next",
        "- The depots close in stages.\n- Workers will be offered jobs at the port.",
        "## Reactions",
        "Residents welcomed the plan. Some merchants said they would appeal it.",
    ]
    article = story(blocks, "en", markdown=True).canonical
    shown = (
        "Brackenford council has approved a plan to close the town's two coal "
        "depots by 2027, ending a century of coal trade on the river.",
        "The depots close in stages.",
        "Workers will be offered jobs at the port.",
        "Residents welcomed the plan.",
    )
    html = unescape(str(body_html(article, shown)))
    assert "century of coal trade" not in html  # printed above, markup and all
    assert "What happens next" not in html  # its list was all shown: no bare heading
    assert "Some merchants said they would appeal it." in html  # new: the block stays
    assert "Reactions" in html


def test_a_block_in_tokenised_quotes_already_shown_is_left_out() -> None:
    # ``...'' folds to "..." only whole: the block is split, never kept unread
    blocks = [
        "The depots close in stages, the council said on Monday.",
        "``We will appeal,'' the merchants said.",
        "The port will take on some of the workers.",
    ]
    article = story(blocks, "en", markdown=True).canonical
    shown = ('"We will appeal," the merchants said.',)
    html = unescape(str(body_html(article, shown)))
    assert "appeal" not in html
    assert "The port will take on" in html


def test_a_headline_on_the_first_hard_line_of_a_block_is_found() -> None:
    block = "Montclarin rouvre sa piscine\n" + FRENCH[0]
    head, rest = source_headline([block, *FRENCH[1:]])
    assert head == "Montclarin rouvre sa piscine"
    assert rest[0] == FRENCH[0]


@pytest.mark.parametrize(
    ("sentence", "lang", "alone"),
    [
        ("But the depots will stay open until May.", "en", "The depots will stay"),
        ("However, the board meets in May.", "en", "The board meets in May."),
        ("But it reduced the licences.", "en", None),
        ("It reduced the licences.", "en", None),
        ("Mais le maire a promis un tarif réduit.", "fr", "Le maire a promis"),
        ("Cependant, la région paie la moitié.", "fr", "La région paie"),
        ("Aussi le maire a-t-il promis un tarif.", "fr", None),
        ("Aber die Behörden müssen noch zustimmen.", "de", "Die Behörden müssen"),
        # "And" joins a sentence to the one before as "But" does
        ("And the depots will stay open until May.", "en", "The depots will stay"),
        ("And its owner was looking at a loss.", "en", None),
        ("Et la région paie la moitié.", "fr", "La région paie"),
        # the verb would come first: no statement is left
        ("Außerdem zahlt der Konzern eine Milliarde.", "de", None),
        ("The board meets in May.", "en", "The board meets in May."),
    ],
)
def test_a_linking_opener_goes_when_the_sentence_before_is_not_shown(
    sentence: str, lang: str, alone: str | None
) -> None:
    found = standing(sentence, lang)
    if alone is None:
        assert found is None
    else:
        assert found is not None
        assert found.startswith(alone)


def test_a_summary_sentence_shows_its_linking_opener_only_after_its_antecedent() -> (
    None
):
    text = [
        "Brackenford council has approved a plan to close the town's two coal depots.",
        "The depots employ 140 people on the river front near the old port.",
        "Council leader Maria Okafor said the land would be used for 600 new homes.",
        "But the coal depots will stay open until the new homes are built in 2027.",
        "Residents had complained for years about dust and lorries on Mill Lane.",
        "The plan still needs the approval of the regional planning board in May.",
        "A public meeting on the coal depots plan is set for the town hall in June.",
    ]
    result = summarize(story(text, "en"), config(sentences=3, max_words=0))
    shown = split_sentences(result.summary, "en")
    for sentence in shown:
        assert (
            not sentence.startswith("But ") or text[text.index(sentence) - 1] in shown
        )
    for point in result.key_points:
        assert not point.startswith("But ")


@pytest.mark.parametrize(
    ("paragraphs", "lang"),
    [(FRENCH[:5], "fr"), (ENGLISH[:5], "en"), (GERMAN[:5], "de")],
)
def test_a_short_article_gets_a_shorter_summary_and_three_points(
    paragraphs: list[str], lang: str
) -> None:
    result = summarize(story(paragraphs, lang), config(sentences=3, max_words=0))
    shown = split_sentences(result.summary, lang)
    assert len(result.key_points) == 3
    assert 1 <= len(shown) < 3
    # a long article keeps three sentences
    longer = summarize(story(FRENCH + FRENCH_MORE, "fr"), config(sentences=3))
    assert len(split_sentences(longer.summary, "fr")) == 3


FRENCH_MORE = [
    "Les travaux ont porté sur la toiture, les vestiaires et le bassin de 25 mètres.",
    "Un second bassin, réservé aux enfants, ouvrira à la rentrée de septembre.",
    "La piscine emploiera six maîtres-nageurs, dont deux recrutés cet été.",
]


def test_graph_degree_counts_shared_stems_over_log_lengths() -> None:
    degree, with_self = graph_degree([["a", "b"], ["a", "c"], ["d", "e"]])
    # a and b share one stem: 1 / (log 2 + log 2); the third shares none
    assert degree[0] == pytest.approx(1 / (2 * math.log(2)))
    assert degree[2] == 0.0
    assert with_self[0] == pytest.approx(degree[0] + 2 / (2 * math.log(2)))


def test_language_defaults_give_way_to_a_site_length() -> None:
    default = SummaryConfig()
    assert default.length("fr") == (2, 60)
    assert default.length("en") == (3, 0)
    assert default.length("de") == (3, 90)


def test_graph_degree_stays_small_on_a_huge_text() -> None:
    stems = [[f"w{i}", f"w{i + 1}"] for i in range(GRAPH_SENTENCES + 50)]
    degree, with_self = graph_degree(stems)
    assert len(degree) == len(with_self) == GRAPH_SENTENCES + 50
    assert degree[1] > 0.0
    assert degree[-1] == with_self[-1] == 0.0
