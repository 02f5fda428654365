"""The summarize stage: drafts, front-matter precedence, limits, titles, signals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.config import Config, SummaryConfig, load_config
from site_builder.errors import ConfigError
from site_builder.model import (
    Article,
    CleanArticle,
    DateSource,
    FrontMatter,
    Paragraph,
    Story,
)
from site_builder.summarize.choose import heading
from site_builder.summarize.drafting import (
    _BOILERPLATE,
    _boilerplate,
    prose,
    read,
    reads_as,
    summarize,
)
from site_builder.text.keywords import entities
from site_builder.text.prose import parsed_blocks, plain_blocks, plain_text_blocks
from site_builder.text.sentences import split_sentences
from site_builder.text.titles import draft_title

LEAD = (
    "Les États-Unis pressent la Norvège de cesser ses ventes de turbines à la Suède, "
    "dans le cadre de discussions plus larges entre Washington et Oslo, "
    "a rapporté mercredi le Financial Times."
)
BODY = [
    "L'administration américaine a soulevé la question des turbines avec Oslo lors "
    "de discussions à Genève cette année, selon des personnes proches du dossier.",
    "Ces discussions sur les turbines se sont tenues en même temps que des "
    "négociations sur un accord commercial entre Washington et Oslo, ont-ils dit.",
    "Le ministre norvégien Lars Eriksen a démenti toute vente de turbines à la Suède "
    "depuis 2021.",
    "La Suède, de son côté, n'a pas commenté ces informations sur les turbines.",
]
ENGLISH = [
    "Northwind Energy, the Danish wind group, has reported a 40% rise in profit.",
    "Pre-tax profit reached 120m euros in 2024, up from 86m a year earlier.",
    "The company said demand for its offshore turbines grew in Germany and Poland.",
    "Chief executive Anna Holm said Northwind Energy will hire 500 engineers.",
    "Analysts said the results beat forecasts, and shares rose 6% in Copenhagen.",
    "Northwind Energy also cut its debt to 300m euros.",
]


def story(
    paragraphs: list[str],
    lang: str = "fr",
    meta: FrontMatter | None = None,
    markdown: bool = False,
) -> Story:
    text = "\n\n".join(paragraphs)
    article = Article(
        path="a.md" if markdown else "a.txt",
        markup="markdown" if markdown else "text",
        meta=meta or FrontMatter(),
        body=text,
        body_line=1,
        date=datetime(2024, 5, 1, tzinfo=UTC),
        date_source=DateSource.FRONT_MATTER,
        digest="0",
    )
    paras = tuple(Paragraph(p, 1 + 2 * i) for i, p in enumerate(paragraphs))
    return Story("s", CleanArticle(article, paras, (), lang, True), ())


def config(**summary: object) -> Config:
    """A site whose [summary] sets ``summary``: a length given for all languages
    replaces the per-language defaults, as in site.toml."""
    if "sentences" in summary:
        summary.setdefault("sentences_by_language", {})
    if "max_words" in summary:
        summary.setdefault("max_words_by_language", {})
    return Config(root=Path("."), summary=SummaryConfig(**summary))  # type: ignore[arg-type]


def test_summary_is_extractive_and_in_article_order() -> None:
    result = summarize(story([LEAD, *BODY]), config(sentences=3, max_words=0))
    picked = split_sentences(result.summary, "fr")
    source = split_sentences("\n\n".join([LEAD, *BODY]), "fr")
    # five sentences: three in the summary would leave two points, so it keeps two
    assert len(picked) == 2
    assert len(result.key_points) == 3
    assert all(s in source for s in picked)
    assert [source.index(s) for s in picked] == sorted(source.index(s) for s in picked)
    assert result.summary_generated
    assert LEAD in picked  # the lead states the news


def test_no_repeated_sentence_when_paragraphs_repeat() -> None:
    repeated = [LEAD, *BODY, *BODY[:2], BODY[0]]
    result = summarize(story(repeated), config(sentences=4, max_words=0, key_points=0))
    picked = split_sentences(result.summary, "fr")
    assert len(picked) == len(set(picked)) == 4
    assert result.quality.redundancy < 0.5


def test_word_limit_and_per_language_length() -> None:
    short = summarize(story([LEAD, *BODY]), config(sentences=5, max_words=60))
    assert len(short.summary.split()) <= 60
    one = config(sentences=5, max_words=0, sentences_by_language={"fr": 1})
    assert len(split_sentences(summarize(story([LEAD, *BODY]), one).summary, "fr")) == 1


def test_front_matter_wins() -> None:
    meta = FrontMatter(
        title="Titre humain",
        summary="Résumé humain.",
        key_points=("Un",),
        keywords=("k",),
    )
    result = summarize(story([LEAD, *BODY], meta=meta), config())
    assert (result.title, result.summary) == ("Titre humain", "Résumé humain.")
    assert (result.key_points, result.keywords) == (("Un",), ("k",))
    assert not result.title_generated
    assert not result.summary_generated


def test_title_is_the_lead_clause_without_attribution() -> None:
    result = summarize(story([LEAD, *BODY]), config())
    assert result.title_generated
    assert "Financial Times" not in result.title
    assert result.title.startswith("Les États-Unis pressent la Norvège")
    assert len(result.title.split()) <= 16
    assert result.reported_by == "Financial Times"


def test_english_title_drops_apposition_and_reported_by_absent() -> None:
    result = summarize(story(ENGLISH, "en"), config())
    assert result.title == "Northwind Energy reports 40% rise in profit"
    assert result.reported_by is None


def test_title_and_key_points_drop_asides_whole() -> None:
    text = (
        "Le ministre - qui nie toute vente depuis des années - a demandé à Oslo de "
        "cesser les livraisons de turbines, mais Washington souhaite des mesures "
        "concrètes sur le dossier des turbines de la Suède."
    )
    result = summarize(story([text, *BODY]), config())
    # no name is put in front as a label, and the aside goes whole
    assert (
        result.title
        == "Le ministre demande à Oslo de cesser les livraisons de turbines"
    )
    assert all("qui nie" not in point for point in result.key_points)


def test_key_points_are_traceable_and_short() -> None:
    result = summarize(story(ENGLISH, "en"), config())
    source = " ".join(ENGLISH)
    assert 3 <= len(result.key_points) <= 5
    for point in result.key_points:
        assert point.rstrip(".") in source
        assert len(point.split()) <= 30


def test_a_sentence_announcing_a_quotation_is_no_key_point() -> None:
    announcing = "Looking back on those years, the founder told a magazine in 1998:"
    paragraphs = [*ENGLISH[:2], announcing, *ENGLISH[2:]]
    result = summarize(story(paragraphs, "en"), config())
    assert result.key_points
    assert not any(point.endswith(":") for point in result.key_points)


def test_a_heading_or_a_prompt_is_neither_summary_nor_point() -> None:
    heading = "Ferries back on the water at last"  # an intertitle: short, no stop
    prompt = "Thanks for reading the Harbour Daily today"
    paragraphs = [*ENGLISH[:2], heading, *ENGLISH[2:], prompt]
    result = summarize(story(paragraphs, "en"), config(key_points=10))
    shown = [result.summary, *result.key_points]
    assert result.key_points
    assert not any(heading in text or prompt in text for text in shown)


def test_a_further_reading_prompt_is_no_point() -> None:
    prompt = (
        "Further listening and reading: Subscribe to Harbour Talk on your favourite "
        "podcast app to get new episodes each week."
    )
    result = summarize(story([*ENGLISH, prompt], "en"), config(key_points=10))
    assert not any("Subscribe" in text for text in (result.summary, *result.key_points))


@pytest.mark.parametrize(
    ("text", "is_heading"),
    [
        ("Ferries back on the water", True),
        ("Les secours toujours mobilisés", True),
        ("Thanks for reading Harbour Daily", True),
        ("Ferries are back on the water.", False),
        ('The captain said "we are back"', False),  # a quotation closes it
        ("港口周一重新开放。", False),
        # a sentence the scrape left without its stop, too long to be a heading
        (
            "Northwind Energy will also open a second wind farm off the coast of "
            "Valbrune next spring, the company said",
            False,
        ),
    ],
)
def test_a_short_text_that_does_not_end_like_a_sentence_is_a_heading(
    text: str, is_heading: bool
) -> None:
    assert heading(text) is is_heading


def test_a_full_name_that_opens_sentences_is_a_name() -> None:
    sentences = [
        "Jane Page, the harbour's first woman pilot, retired on Friday.",
        "Born in Valbrune, Page steered ferries for forty years.",
        "The port thanked Page in a short ceremony.",
    ]
    assert "Jane Page" in entities(sentences, "en")
    # not in German, whose nouns are capitalised at a sentence start too
    german = [
        "Beschreibung Jane Page steht im Hafen von Valbrune.",
        "Der Hafen dankte Page am Freitag.",
    ]
    assert "Beschreibung Jane Page" not in entities(german, "de")


def test_keywords_entities_and_reading_time() -> None:
    result = summarize(story(ENGLISH, "en"), config())
    assert "Northwind Energy" in result.entities
    assert "Anna Holm" in result.entities
    assert "The" not in result.entities
    french = summarize(story([LEAD, *BODY]), config()).entities
    assert {"Norvège", "Lars Eriksen", "Genève"} <= set(french)
    assert not any(name.startswith("Les ") for name in french)
    assert "profit" in result.keywords
    assert not any(any(c.isdigit() for c in k) for k in result.keywords)
    assert result.word_count == 72
    assert result.reading_minutes == 1


def test_keywords_come_from_the_tag_vocabulary() -> None:
    tags = ("Turbines", "Sweden", "Suède", "Elections")
    result = summarize(story([LEAD, *BODY]), config(tags=tags))
    assert set(result.keywords) <= set(tags)
    assert "Turbines" in result.keywords
    assert "Elections" not in result.keywords


def test_quality_flags_foreign_and_ungrounded_summaries() -> None:
    meta = FrontMatter(summary="The company Zephyr Corp lost 999m dollars in Brazil.")
    result = summarize(story([LEAD, *BODY], meta=meta), config())
    assert not result.quality.same_language
    assert result.quality.grounded < 0.5
    drafted = summarize(story([LEAD, *BODY]), config()).quality
    assert drafted.same_language
    assert drafted.grounded == 1.0
    assert 0 < drafted.compression < 1


def test_summary_config_from_site_toml(tmp_path: Path) -> None:
    toml = tmp_path / "site.toml"
    toml.write_text(
        '[summary]\nsentences = 2\ntags = ["Économie", "Sport"]\n'
        "sentences_by_language = { fr = 1 }\nkey_points = 4\n",
        encoding="utf-8",
    )
    summary = load_config(toml).summary
    # the site set no max_words: each language keeps its default word limit
    assert summary.length("fr") == (1, 60)
    assert summary.length("en") == (2, 0)
    assert summary.tags == ("Économie", "Sport")
    assert summary.key_points == 4


def test_bad_summary_config_names_the_line(tmp_path: Path) -> None:
    toml = tmp_path / "site.toml"
    toml.write_text('[summary]\nsentences = 2\ntags = ["ok", 3]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(toml)
    assert raised.value.line == 3
    assert "tags" in str(raised.value)


@pytest.mark.corpus
def test_seed_summary_has_no_repeats(corpus: Path) -> None:
    text = (corpus / "seed" / "000_b175daa874db6533.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    result = summarize(
        story(paragraphs), config(sentences=4, max_words=0, key_points=0)
    )
    picked = split_sentences(result.summary, "fr")
    # a fourth of these long sentences would pass the 150-word hard cap
    assert len(picked) == len(set(picked)) == 3
    assert len(result.summary.split()) <= 150
    assert result.quality.redundancy <= 0.5


def _ranked(sentences: list[str], structured: bool) -> list[int]:
    paragraphs = sentences if structured else [" ".join(sentences)]
    return [c.index for c in read(story(paragraphs, "en").canonical).best_first]


LONG_CENTRAL = (
    "Northwind Energy said profit, turbines, demand, engineers and debt all moved "
    "in its favour as Northwind Energy turbines sold in Germany and Poland."
)


def test_a_block_trusts_position_and_paragraphs_trust_centrality() -> None:
    sentences = [ENGLISH[0], ENGLISH[1], ENGLISH[2], LONG_CENTRAL]
    # one unstructured block: past a sentence that sums up all the others, the lead
    # prior ranks in article order
    assert _ranked(sentences, structured=False) == [3, 0, 1, 2]
    # paragraphs: the sentence sharing the most with the rest wins, wherever it is
    assert _ranked(sentences, structured=True)[0] == 3


def test_single_block_summary_starts_with_the_lead() -> None:
    block = " ".join([LEAD, *BODY])
    result = summarize(story([block]), config(sentences=2, max_words=0))
    assert result.summary.startswith(LEAD)


# A scrape that opens on the quotation the outlet led with: the news is the next
# sentence, and the quotation shares most words with the rest of the text.
QUOTED_FIRST = [
    '"The river at Harrow rose faster than the flood defences at Harrow could hold, '
    'and the flood took the homes of Harrow in one night," a resident said.',
    "Floods forced 3,000 people in the Harrow valley from their homes on Monday "
    "after the river burst its banks.",
    "The river at Harrow reached its highest level since records began, and the "
    "flood defences built in 2009 failed in two places.",
    "Rescue teams from three counties worked through the night in Harrow.",
    "The council said the homes flooded in Harrow would be inspected this week.",
]


def test_a_summary_opens_on_the_news_not_on_a_quotation() -> None:
    result = summarize(story(QUOTED_FIRST, "en"), config(sentences=2, max_words=0))
    assert result.summary.startswith("Floods forced 3,000 people")


MARKDOWN = [
    "# Northwind results",
    "Northwind Energy, the **Danish** wind group, has reported a "
    "[40% rise](https://example.com/r) in `profit`.",
    "```\ncode = 1\n```",
    *ENGLISH[1:],
]


def test_markdown_is_reduced_to_prose() -> None:
    article = story(MARKDOWN, "en", markdown=True).canonical
    paragraphs = prose(article)
    assert paragraphs[0] == (
        "Northwind Energy, the Danish wind group, has reported a 40% rise in profit."
    )
    assert not any("Northwind results" in p or "code" in p for p in paragraphs)
    result = summarize(story(MARKDOWN, "en", markdown=True), config())
    for text in (result.summary, result.title, *result.key_points):
        assert not any(mark in text for mark in ("**", "`", "](", "# ", "```"))
    assert result.title == "Northwind Energy reports 40% rise in profit"


@pytest.mark.parametrize(
    "line",
    [
        "*By Ann Lee, The Post.*",
        "*(Reuters) — Jean-Pierre's 40% #1 «scoop»?*",
        "*word*",
        "* not emphasis*",
        "*not emphasis *",
        "*a **b** c*",
        "*a_b_ c*",
        "*a `code` b*",
        "*a [link](x) b*",
        "*a &amp; b*",
        "*a\\*b*",
        "*a\nb*",
        "**",
        "*x",
        "*a ~~b~~ c*",
        "*a <b> c*",
    ],
)
def test_emphasised_lines_read_as_the_parser_reads_them(line: str) -> None:
    # the parser is skipped for a plain "*...*" line: the result must not change
    markdown = story([line], "en", markdown=True).canonical
    assert prose(markdown) == plain_blocks(line)


def test_plain_text_keeps_its_characters() -> None:
    text = "A *starred* word and [brackets] stay as written in plain text files."
    assert prose(story([text], "en").canonical) == [text]


def test_language_check_by_stop_words() -> None:
    assert reads_as("Le ministre a démenti toute vente de turbines à la Suède.", "fr")
    assert not reads_as("The minister denied any sale of turbines to Sweden.", "fr")
    assert reads_as("The minister denied any sale of turbines to Sweden.", "en")


def test_title_has_no_label_of_a_mentioned_name() -> None:
    lead = "Un habitant installe un faux radar devant sa maison, rapporte France Bleu."
    body = [
        "Selon France Bleu, Philippe Martin a construit ce radar avec un tube.",
        "Philippe Martin dit que les voitures roulent trop vite, selon France Bleu.",
        "La mairie de Soustons a refusé un ralentisseur, explique France Bleu.",
        "Philippe Martin attend une réponse de la mairie.",
    ]
    result = summarize(story([lead, *body]), config())
    assert result.reported_by == "France Bleu"
    assert result.title == "Un habitant installe un faux radar devant sa maison"


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "Après huit semaines de confinement, la France s'est remise lundi 11 mai "
            "en état de marche.",
            "La France se remet en état de marche",
        ),
        (
            "Dans un entretien accordé au quotidien Le Soir, François Hollande "
            "reconnaît une part de responsabilité.",
            "François Hollande reconnaît une part de responsabilité",
        ),
        (
            "On Tuesday, the company's administrator sued Morgan Stanley.",
            "Company's administrator sued Morgan Stanley",
        ),
        (
            "Un gendarme se suicide avec son arme de service mercredi soir.",
            "Un gendarme se suicide avec son arme de service",
        ),
        # the opener is kept when too little would remain
        ("Hier, il a plu.", "Hier, il a plu"),
    ],
)
def test_title_drops_scene_setting_and_dates(lead: str, expected: str) -> None:
    assert draft_title([lead]) == expected


def test_entities_skip_elided_openers() -> None:
    sentences = [
        "C'est un fardeau pour le zoo d'Amnéville, dit Jean Dupont.",
        "Jean Dupont dirige le zoo d'Amnéville depuis 2010.",
    ]
    names = entities(sentences, "fr")
    assert "Jean Dupont" in names
    assert not any(name.lower().startswith(("c'", "c’")) for name in names)


def test_entities_drop_a_name_held_in_a_longer_one() -> None:
    sentences = [
        "Le groupe de Enrico Bondi a repris la société.",
        "Selon Enrico Bondi, le plan tient, et Bondi le redit à Milan.",
        "Milan attend, dit Bondi Holdings.",
        "«Milan» répond, et Paris observe.",
    ]
    names = entities(sentences, "fr")
    assert "Enrico Bondi" in names
    assert "Bondi" not in names  # said alone too, but part of "Enrico Bondi"
    assert "Milan" in names  # also opens a sentence, but is seen inside one
    assert "Paris" in names
    assert names == ("Milan", "Enrico Bondi", "Bondi Holdings", "Paris")


def test_a_very_short_article_is_its_own_summary() -> None:
    result = summarize(story(["Il pleut."]), config())
    assert result.summary == "Il pleut."
    assert summarize(story([""]), config()).summary == ""


def test_text_without_sentence_boundaries_gets_bounded_drafts() -> None:
    from site_builder.summarize.drafting import capped

    assert capped("one two three", 5) == "one two three"
    assert capped("one two three four", 2) == "one two …"
    dump = " ".join(f"word{i}" for i in range(50_000))
    article = CleanArticle(
        Article(
            "dump.txt",
            "text",
            FrontMatter(),
            dump,
            1,
            datetime(2026, 1, 1, tzinfo=UTC),
            DateSource.FRONT_MATTER,
            "0",
        ),
        (Paragraph(dump, 1),),
        (),
        "en",
        False,
    )
    result = summarize(Story("s", article, ()), load_config(root=Path("/nonexistent")))
    assert len(result.summary.split()) <= 151
    assert len(result.title.split()) <= 25
    assert all(len(point.split()) <= 46 for point in result.key_points)


def test_edited_entities_reporter_and_reading_time_win_over_drafts() -> None:
    body = "The harbour of Orlen reopened on Monday after repairs, Harbour Daily said."
    meta = FrontMatter(
        entities=("Orlen Harbour Authority",),
        reported_by="Coast Wire",
        reading_time=4,
    )
    article = CleanArticle(
        Article(
            "a.md",
            "markdown",
            meta,
            body,
            1,
            datetime(2026, 1, 1, tzinfo=UTC),
            DateSource.FRONT_MATTER,
            "0",
        ),
        (Paragraph(body, 1),),
        (),
        "en",
        False,
    )
    result = summarize(Story("s", article, ()), load_config(root=Path("/nonexistent")))
    assert result.entities == ("Orlen Harbour Authority",)
    assert result.reported_by == "Coast Wire"
    assert result.reading_minutes == 4


def test_days_months_and_units_of_time_are_never_keywords() -> None:
    from site_builder.text.keywords import keywords
    from site_builder.text.tokens import content_words

    text = [
        "La crue a frappé Aurel vendredi pendant dix heures.",
        "Vendredi, la crue a recouvert le pont d'Aurel pendant des heures.",
        "Les heures passent et la crue reste haute à Aurel ce vendredi.",
    ]
    found = keywords([content_words(t, "fr") for t in text], "fr", 5)
    assert "crue" in found
    assert "vendredi" not in found
    assert "heures" not in found


_CHARACTERS = "abc XYZ.,!?'\"0123456789\n\t&;=-+*_#>`~<|[]()\\:"
_PIECES = ["---", "1. ", "- ", "&amp;", "    ", "===", "é", "٣", "> ", "# ", "2019 "]
_MARKDOWN_BITS = st.sampled_from([*_CHARACTERS, *_PIECES])


@given(st.lists(_MARKDOWN_BITS, max_size=14).map("".join))
@settings(max_examples=400, deadline=None)
def test_paragraphs_skipped_by_the_parser_read_as_the_parser_reads_them(
    text: str,
) -> None:
    # the story page's body skips markdown-it for plain one-line paragraphs,
    # headings, quoted lines and lines opening on a number that starts no list
    assert plain_text_blocks(text) == plain_blocks(text) == parsed_blocks(text)


@pytest.mark.parametrize(
    "text",
    [
        *("1.", "-", "---", "1) a", "A & B", "A &amp; B", "   x", "a\n===", "ok"),
        *("# a", "#a", "####### a", "#", "#\tx", "# a\rb", "## a *b*"),
        *("2019 was", "1.5 million", "1.a", "1)", "123456789. a", "1234567890. a"),
        *("> a", ">  a", "> # a", "> 1. a", "> > a", "> *a*", ">a", "> ", "> a > b"),
    ],
)
def test_block_starts_and_entities_read_as_the_parser_reads_them(text: str) -> None:
    assert plain_text_blocks(text) == plain_blocks(text) == parsed_blocks(text)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Read the full report at EXAMPLE.COM before the vote.", True),
        ("The figures are on the council's site, brackenford.co.uk, today.", True),
        ("Prices rose 1.5 per cent in the U.S. last month.", False),
        ("Mr. Smith said the depots would close.", False),
        ("Subscribe to our newsletter for 2.5 euros.", True),
        ("The fund's ©2020 report was cited.", True),
    ],
)
def test_boilerplate_is_what_its_pattern_finds(sentence: str, found: bool) -> None:
    # the whole pattern runs only on sentences that may hold an address or a notice
    assert _boilerplate(sentence) is found
    assert (_BOILERPLATE.search(sentence) is not None) is found


def test_the_lead_opens_a_summary_that_no_leaning_sentence_may_open() -> None:
    lead = (
        "Researchers at the Valbrune Marine Institute say they have found a microbe "
        "that digests plastic in near-freezing water, a first for the deep sea."
    )
    body = [
        "The strain, labelled VB-9, was found during a survey of the Ostrac Trench.",
        "In tanks kept at 4°C, it reduced the mass of thin plastic films by 9%.",
        "Most microbes that attack plastics only work in much warmer water.",
        "The team traced the activity to an enzyme that stays flexible in the cold.",
        "The institute plans field trials in sealed containers on the seabed.",
    ]
    result = summarize(story([lead, *body], "en"), config())
    assert result.summary.startswith("Researchers at the Valbrune Marine Institute")
    assert not result.summary.startswith("In tanks kept at 4°C, it")
