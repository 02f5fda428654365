"""Issue #19's rules for the text of a brief, on articles written here (fr, en, de).

Titles: the outlet's headline when the body opens on one (alone, printed twice, or
glued to the lead through a dateline), at most 16 words, never an ellipsis, never
a fragment. Summaries: the lead first, no sentence that leans on one not shown, no
sentence repeating the title. Key points: whole source sentences, none repeating
the title or the summary, no fragments. Story pages: no sentence printed twice.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from site_builder.render.html_text import body_html, unshown
from site_builder.summarize.choose import REPEAT, jaccard, plain_quotes, whole
from site_builder.summarize.drafting import summarize
from site_builder.summarize.lead import source_headline
from site_builder.text.anaphora import leans_back
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
        ("Il y a eu trois blessés.", "fr", False),
        ("En 2022, les clubs sont partis.", "fr", False),
        ("Diese Summe ist die größte Investition.", "de", True),
        ("Außerdem zahlt der Konzern bar.", "de", True),
        ("Der Konzern zahlt bar.", "de", False),
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


def test_a_headline_on_the_first_hard_line_of_a_block_is_found() -> None:
    block = "Montclarin rouvre sa piscine\n" + FRENCH[0]
    head, rest = source_headline([block, *FRENCH[1:]])
    assert head == "Montclarin rouvre sa piscine"
    assert rest[0] == FRENCH[0]
