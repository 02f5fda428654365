"""Drafted headlines: whole constituents only, no label, a guard on what is left.

Covers titles.py (choosing among the opening sentences), headline.py (cutting one),
attribution.py, adverbials.py, newsstyle.py and clauses.py, on invented sentences.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from site_builder.text.adverbials import drop_asides, drop_connectives, drop_when
from site_builder.text.attribution import (
    credited,
    drop_attribution,
    drop_source,
    reported_by,
)
from site_builder.text.clauses import open_clause, squeeze
from site_builder.text.headlinese import english_style
from site_builder.text.newsstyle import present, uncleft
from site_builder.text.sentences import split_sentences
from site_builder.text.titles import (
    _within,
    draft_title,
    final_title,
    headline,
    shorten,
)
from site_builder.text.tokens import content_terms
from site_builder.text.wordcut import _clean_end, first_words

REPO = Path(__file__).resolve().parents[1]
STRANDED = {
    *("de", "d'", "du", "des", "à", "au", "aux", "la", "le", "les", "l'", "un", "une"),
    *("et", "ou", "que", "qui", "dont", "par", "pour", "sur", "dans", "avec", "the"),
    *("a", "an", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and"),
    *("or", "that", "which"),
}
PREPOSITIONS = {"de", "à", "au", "aux", "par", "pour", "sur", "dans", "avec", "of"}
PREPOSITIONS |= {"to", "in", "on", "at", "for", "by", "with"}


def assert_reads_as_headline(title: str) -> None:
    words = [w.lower().strip('"«»“”()') for w in title.split()]
    assert len(words) >= 3, title
    assert title[:1].isupper() or title[:1] in '"«“' or title[:1].isdigit(), title
    assert title[-1:] not in ",;:-–", title
    assert words[-1] not in STRANDED, title
    assert not any(
        a in PREPOSITIONS and b in PREPOSITIONS for a, b in itertools.pairwise(words)
    ), title
    assert title.count('"') % 2 == 0, title
    assert title.count("(") == title.count(")"), title
    assert title.count("«") == title.count("»"), title
    assert not re.match(r"(?i)(?:mais|et|and|but|or)\b", title), title


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # the whole adverbial goes, not the weekdays inside it
        (
            "La rivière est sortie de son lit dans la nuit de jeudi à vendredi à "
            "Pont-Neuf.",
            "La rivière sort de son lit à Pont-Neuf",
        ),
        (
            "Le conseil municipal a voté mercredi 13 mars le budget de la ville.",
            "Le conseil municipal vote le budget de la ville",
        ),
        (
            "Un homme a été blessé lundi dernier à Lille (Nord) lors d'une rixe.",
            "Un homme blessé à Lille lors d'une rixe",
        ),
        (
            "On Tuesday, the council approved the budget for the new library.",
            "Council approved the budget for the new library",
        ),
        # a leading date with its comma, a date's apposition, a span after an event
        (
            "Le 12 avril dernier, le comité a choisi un nouveau logo pour la foire.",
            "Le comité choisit un nouveau logo pour la foire",
        ),
        (
            "Le club a présenté samedi 2 mai, jour de la fête du village, son maillot.",
            "Le club présente son maillot",
        ),
        (
            "La digue a cédé dans la vallée trois jours plus tard.",
            "La digue cède dans la vallée",
        ),
        # a weekday governed by a preposition, or inside a name, stays
        (
            "Le marché est ouvert du lundi au samedi sur la place de la mairie.",
            "Le marché est ouvert du lundi au samedi",
        ),
        (
            "Labels will join the Black Out Tuesday protest against police violence.",
            "Labels will join the Black Out Tuesday protest against police violence",
        ),
    ],
)
def test_dates_go_as_whole_adverbials(lead: str, expected: str) -> None:
    assert headline(lead) == expected
    assert_reads_as_headline(expected)


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # the aside between the subject and its verb goes whole
        (
            "Le corps d'un randonneur, vraisemblablement tué par la chute d'une "
            "branche, a été découvert dans une forêt du village.",
            "Le corps d'un randonneur découvert dans une forêt du village",
        ),
        (
            "Les 300 salariés de l'usine qui ont travaillé pendant la crise "
            "sanitaire, vont recevoir une prime de 500 euros.",
            "Les 300 salariés de l'usine vont recevoir une prime de 500 euros",
        ),
        # the opener ends where the subject starts, past the commas of its own list
        (
            "Alors que les deux enfants, âgés de 6 et 11 ans, se baignaient dans la "
            "rivière, ils ont commencé à perdre pied.",
            "Ils commencent à perdre pied",
        ),
        # a relative clause and a trailing "selon ..." go before any adjunct
        (
            "Le ministre a présenté jeudi soir un plan de rénovation des écoles qui "
            "doit coûter 40 millions d'euros sur cinq ans, selon un communiqué.",
            "Le ministre présente un plan de rénovation des écoles",
        ),
        # a comma between digits is not a boundary
        (
            "The firm expects to cut around 12,800 jobs following its takeover of a "
            "former rival company in the United States.",
            "Firm expects to cut around 12,800 jobs",
        ),
        # a scrape that glued two sentences; the inverted attribution goes
        (
            "Un gendarme s'est suicidé avec son arme de service, a-t-on appris "
            "auprès du parquet.L'homme était âgé de 48 ans.",
            "Un gendarme se suicide avec son arme de service",
        ),
        (
            "Mais le maire a finalement renoncé au projet.",
            "Le maire a finalement renoncé au projet",
        ),
        # never cut inside a quotation, and quotes stay balanced
        (
            'Tony Blair says the manifesto will be "unremittingly New Labour, and '
            'proud of it" when it is published next month.',
            'Tony Blair says the manifesto will be "unremittingly New Labour, and '
            'proud of it"',
        ),
    ],
)
def test_cuts_fall_between_constituents(lead: str, expected: str) -> None:
    assert headline(lead) == expected
    assert_reads_as_headline(expected)


def test_a_cut_never_strands_the_verb_or_a_complement() -> None:
    # the only verb is at the end: cutting at "by" would leave a noun phrase
    lead = (
        "A contentious campaign to bump up the bandwidth bills of spammers by "
        "flooding their sites with data has been dropped."
    )
    assert headline(lead).endswith("with data dropped")
    # "put" wants its "on hold"; a "que" clause keeps its verb
    assert not headline(
        "The Tories say plans to extend pub opening times should be put on hold "
        "until binge drinking is under control, despite a law change."
    ).endswith(" put")
    kept = headline(
        "Sa partenaire trouve que le couple qu'elle forme sur scène avec son amie "
        "depuis des années est crédible."
    )
    assert kept.endswith("est crédible")


def test_no_name_is_put_in_front_as_a_label() -> None:
    lines = [
        "La rivière est sortie de son lit dans la nuit de jeudi à vendredi.",
        '"On n\'a jamais vu ça", raconte Josiane Carbel, une habitante.',
        "Josiane Carbel a dû quitter sa maison.",
    ]
    title = draft_title(lines)
    assert title == "La rivière sort de son lit"
    assert "Carbel" not in title
    assert ":" not in title


def test_hooks_quotes_and_questions_give_way_to_the_news() -> None:
    hook = ["C'est une histoire peu banale.", "Un habitant a installé un faux radar."]
    assert draft_title(hook) == "Un habitant installe un faux radar"
    openers = (
        "Je peux vous assurer que tout va bien.",
        "Car peu le savent.",
        "Sont toujours accessibles les quais du port.",
    )
    for opener in openers:
        lines = [opener, "Un habitant a installé un faux radar."]
        assert draft_title(lines) == "Un habitant installe un faux radar"
    quote = ['"Je ne regrette rien", confie-t-il.', "Le maire a démissionné hier."]
    assert draft_title(quote) == "Le maire démissionne"
    question = ["Qui paiera la facture ?", "La commune a voté une hausse des impôts."]
    assert draft_title(question) == "La commune vote une hausse des impôts"
    # when the lead is only a quote, it stays a quote, closed
    assert draft_title(
        ['"Nous voulons doubler nos abonnés", a déclaré M. Dupont.']
    ) == ('"Nous voulons doubler nos abonnés"')


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # first-group verbs, with the accent shift of céder and the y of employer
        ("Le maire a cédé aux riverains", "Le maire cède aux riverains"),
        ("La mairie a employé deux guides", "La mairie emploie deux guides"),
        ("Les pompiers ont sauvé un chat", "Les pompiers sauvent un chat"),
        # reflexive and "être" verbs keep their agreement out of the present
        ("Une élue s'est installée à Vannes", "Une élue s'installe à Vannes"),
        ("Les élus se sont opposés au projet", "Les élus s'opposent au projet"),
        ("Le car est arrivé en retard", "Le car arrive en retard"),
        ("Un cycliste est mort sur la route", "Un cycliste meurt sur la route"),
        # listed irregular and second-group verbs
        ("Le club a pris la tête du classement", "Le club prend la tête du classement"),
        ("Les maires ont choisi un logo", "Les maires choisissent un logo"),
        # a passive loses its auxiliary; so does "is to"
        ("Le musée a été fermé par la police", "Le musée fermé par la police"),
        ("Il a été condamné à deux ans", "Il est condamné à deux ans"),
        (
            "Une école a été victime d'un incendie",
            "Une école est victime d'un incendie",
        ),
        ("The bridge has been closed for repairs", "Bridge closed for repairs"),
        ("Acme is to cut 300 jobs", "Acme to cut 300 jobs"),
        # a leading English article goes before a common noun, not before a name
        ("The council voted for the plan", "Council voted for the plan"),
        ("The Hague court ruled on the case", "The Hague court ruled on the case"),
        ("A few shops stayed open", "A few shops stayed open"),
    ],
)
def test_headline_tense_and_style(lead: str, expected: str) -> None:
    assert present(lead) == expected


@pytest.mark.parametrize(
    "lead",
    [
        "La directrice l'a accueillie au port",  # an object clitic before the verb
        "Le maire a appelé les habitants",  # appeler/appelle: not decidable by rule
        "Les enfants ont pu rentrer chez eux",  # a modal keeps its tense
        "Voters believe the minister has been hurt by the row",  # not the main verb
        "Il a tenté de fuir mais a été arrêté",  # a second clause
        "Elle a vendu la ferme et acheté un bateau",  # two participles, one auxiliary
        "La Maison du port a fermé ses portes",  # "Maison" is no "mais"
    ],
)
def test_headline_tense_leaves_what_it_cannot_change_safely(lead: str) -> None:
    expected = "La Maison du port ferme ses portes" if "Maison" in lead else lead
    assert present(lead) == expected


def test_a_cleft_is_told_straight() -> None:
    assert (
        uncleft("C'est le gardien du musée qui a donné l'alerte")
        == "le gardien du musée a donné l'alerte"
    )
    assert uncleft("C'est ainsi que le village a sauvé son école") == (
        "le village a sauvé son école"
    )
    # a pronoun focus is a hook, and a focus with a verb is no cleft
    assert (
        uncleft("C'est ce qui s'appelle un succès")
        == "C'est ce qui s'appelle un succès"
    )
    assert headline("C'est le gardien du musée qui a été blessé pendant la nuit.") == (
        "Le gardien du musée blessé pendant la nuit"
    )


def test_quotes_stay_quotes_but_are_cut_like_any_sentence() -> None:
    # one quotation: its first sentence, its own marks, no change of tense
    assert headline('"Nous avons été trompés. Nous porterons plainte."') == (
        '"Nous avons été trompés"'
    )
    assert headline("« Le village a été oublié par tous »") == (
        "« Le village a été oublié par tous »"
    )
    # a source dropped from the front leaves the quotation, which is cut at "car"
    lead = (
        'Pour la syndicaliste, qui parle au nom des salariés, "la direction a le '
        "devoir d'ouvrir des négociations sur les salaires de M. Durand car les "
        'prix ont augmenté"'
    )
    assert headline(lead) == (
        "\"La direction a le devoir d'ouvrir des négociations sur les salaires de "
        'M. Durand"'
    )


def test_english_car_is_not_a_french_conjunction() -> None:
    lead = "Mr Lane said the new car was the firm's cheapest and most efficient model."
    assert headline(lead).startswith("Mr Lane said the new car was")


def test_asides_connectives_and_apposed_sources_go() -> None:
    assert drop_asides("Il s'est décidé, au début du mois de juin, à partir") == (
        "Il s'est décidé à partir"
    )
    # one item of a list is not an aside
    listed = "Il a joué à Brest, à Lorient, à Vannes et à Quimper"
    assert drop_asides(listed) == listed
    assert drop_connectives("Les élus ont ainsi voté le budget") == (
        "Les élus ont voté le budget"
    )
    # "ainsi que", "mais aussi" and the comma before an attribution stay
    kept = "Le maire ainsi que ses adjoints, mais aussi les élus ont voté"
    assert drop_connectives(kept) == kept
    assert drop_connectives("Les prix montent, toutefois, moins vite") == (
        "Les prix montent, moins vite"
    )
    # "Selon X, <apposition>, Y": the apposition goes with its source
    assert headline(
        "Selon l'Insee, institut de la statistique, les prix ont augmenté de 2 %."
    ) == ("Les prix augmentent de 2 %")


def test_a_subject_aside_goes_whatever_stands_before_its_commas() -> None:
    # a year before the comma is no decimal comma ("39,6" is one)
    after_year = (
        "Le mois de mars 2020, lors duquel la ville avait fermé ses musées, avait "
        "été marqué par une baisse de 39,6 %."
    )
    assert headline(after_year) == (
        "Le mois de mars 2020 avait été marqué par une baisse de 39,6 %"
    )
    # after the aside's closing comma, an -ed word is the verb
    died = "Jane Roe, the singer who recorded twelve albums, died in Valbrune aged 85."
    assert english_style(headline(died)) == "Jane Roe dies in Valbrune aged 85"
    # after an opener, the opener goes first, then the subject's aside
    opened = (
        "Avec 300 cafés et autant de bars, le monde de la nuit, fragilisé depuis "
        'des années, se désole d\'être "la dernière roue du carrosse" cet été.'
    )
    assert headline(opened).startswith("Le monde de la nuit se désole")
    # and "reported" there is the verb, not who reported the news
    reported = "Acme, the maker of anvils, reported a loss for the year."
    assert headline(reported) == "Acme reported a loss for the year"


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        (
            "Upon hearing the verdict, John Roe sat still and silent, the same blank "
            "look he wore throughout a trial in which he never spoke.",
            "John Roe sat still and silent",
        ),
        (
            "Entre deux dégustations et quelques blagues, Jeanne Roe a tenté de "
            "parler de la vie privée de ses invités du soir sur le plateau.",
            "Jeanne Roe tente de parler de la vie privée de ses invités du soir",
        ),
        (
            "A gang of four thieves -- two of them dressed as women -- on Monday "
            "stole nearly all the jewels on display at a boutique off the main "
            "avenue, which attracts a wealthy clientele.",
            "Gang of four thieves stole nearly all the jewels on display",
        ),
    ],
)
def test_an_opener_or_a_dashed_aside_is_never_the_title(lead: str, title: str) -> None:
    assert english_style(_within(lead)).startswith(english_style(title))


@pytest.mark.parametrize(
    ("lead", "wanting"),
    [
        (
            "Jeanne Roe habite en bordure d'une route communale reliant la ville de "
            "Valbrune à celle de Messac, où les voitures roulent vite.",
            "celle",
        ),
        (
            "New video of former pop singer Jane Roe pulled after a Valbrune school "
            "complained about its use of the school uniform in the clip.",
            "about",
        ),
    ],
)
def test_a_title_never_ends_on_a_word_that_wants_more(lead: str, wanting: str) -> None:
    assert _within(lead).split()[-1] != wanting


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "Traghetti fermi in porto per lo sciopero I VIGILI DEL FUOCO",
            "Traghetti fermi in porto per lo sciopero",
        ),
        (
            "Паромы стоят в порту из-за забастовки АНАЛИЗ/МНЕНИЕ",
            "Паромы стоят в порту из-за забастовки",
        ),
        (
            "Ferry crews strike in Valbrune VALBRUNE CITY",
            "Ferry crews strike in Valbrune",
        ),
        # acronyms, and a headline all in capitals, are the headline's own
        (
            "Ferry strike halts news at the BBC TV",
            "Ferry strike halts news at the BBC TV",
        ),
        (
            "VALBRUNE DEFEATS OSTRAC 65-53 IN CUP FINAL",
            "VALBRUNE DEFEATS OSTRAC 65-53 IN CUP FINAL",
        ),
    ],
)
def test_a_label_in_capitals_run_onto_a_headline_goes(head: str, title: str) -> None:
    assert final_title(head, [], "xx") == title


@pytest.mark.parametrize(
    "start",
    [
        "Les mesures de sécurité ne sont pas",
        "Le ministre de l'Intérieur Jean Roe fait",
        'Le maire a appelé "à faire baisser',
    ],
)
def test_the_last_resort_cut_never_ends_wanting_or_in_a_quotation(start: str) -> None:
    words = f"{start} la tension dans le port de Valbrune".split()
    assert not _clean_end(words, len(start.split()))


def test_a_lead_glued_after_a_quotation_ends_there() -> None:
    glued = (
        'Sauver une Europe "en danger"Jamais le port de Valbrune n\'a autant souffert.'
    )
    assert _within(glued) == 'Sauver une Europe "en danger"'


def test_an_outlets_headline_glued_to_its_lead_ends_there() -> None:
    glued = "Jane Roe festejó el año nuevo en familia;La antigua bailarina de la tele"
    assert final_title(glued, [], "es") == "Jane Roe festejó el año nuevo en familia"


def test_dates_between_commas_take_their_commas() -> None:
    assert drop_when("Le maire a déclaré, mercredi, que le pont rouvrira") == (
        "Le maire a déclaré que le pont rouvrira"
    )
    assert drop_when("Il est parti il y a deux ans pour Lyon") == (
        "Il est parti pour Lyon"
    )
    # a count of weeks that is no date stays
    assert drop_when("A couple of weeks without rain") == (
        "A couple of weeks without rain"
    )


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # a scrape that glued two sentences with no stop at all, or after a bracket
        (
            "Les habitants veulent moins de voitures en villeLe maire répond.",
            "Les habitants veulent moins de voitures en ville",
        ),
        (
            "Le budget baisse de 3 % (hors dette)Les élus ont voté contre.",
            "Le budget baisse de 3 %",
        ),
        # debris before the first word
        (
            "> Le festival annule sa dernière soirée",
            "Le festival annule sa dernière soirée",
        ),
        # a participle that modifies a noun is an adjunct: the main clause stays
        (
            'Le club a dénoncé des "insultes" lancées par des supporters venus de '
            "plusieurs villes de la région pendant le match",
            'Le club dénonce des "insultes"',
        ),
        # a gerund is an adjunct too
        (
            "Le syndicat a bloqué les trois dépôts de bus de la métropole en ne "
            "laissant partir aucun véhicule",
            "Le syndicat bloque les trois dépôts de bus de la métropole",
        ),
        # a colon that opens an explanation without a verb is cut before
        (
            "Une mauvaise nouvelle a frappé les commerçants du centre : en plus de "
            "perdre leurs clients, ils paient la taxe",
            "Une mauvaise nouvelle frappe les commerçants du centre",
        ),
    ],
)
def test_scrapes_and_adjuncts(lead: str, expected: str) -> None:
    assert headline(lead) == expected
    assert_reads_as_headline(expected)


def test_attribution_is_found_and_dropped() -> None:
    lines = ["Le port va fermer, a rapporté mercredi Le Télégramme."]
    assert reported_by(lines) == "Le Télégramme"
    assert credited([*lines, "Selon Ouest Radio, le port rouvrira."]) == {
        "Le Télégramme",
        "Ouest Radio",
    }
    assert drop_attribution("Le port va fermer, a-t-il indiqué") == "Le port va fermer"
    assert drop_source("Selon la mairie, le port va fermer") == "le port va fermer"


def test_squeeze_collapses_spaces_and_stray_commas() -> None:
    assert squeeze(" Le port ,  , va\n fermer , ") == "Le port, va fermer"


CENTRAL = [
    # a detail first, then the sentence that carries the story's words
    "Le marin portait un ciré jaune ce matin-là sur le quai.",
    "La coopérative de pêche de Douarnenez ferme son criée après trente ans.",
    "La fermeture de la criée inquiète les pêcheurs de Douarnenez.",
    "La coopérative de pêche cherche un repreneur pour la criée.",
    "Les pêcheurs de Douarnenez manifesteront devant la criée.",
]


def test_a_clearly_more_central_sentence_beats_a_detail_lead() -> None:
    title = draft_title(CENTRAL, "fr")
    assert "ciré" not in title
    assert "criée" in title
    # the language is guessed when not given, and given stems change nothing
    assert draft_title(CENTRAL) == title
    terms = [frozenset(content_terms(s, "fr")) for s in CENTRAL]
    assert draft_title(CENTRAL, "fr", terms) == title


def test_a_lead_the_article_rephrases_is_kept() -> None:
    lines = [
        "Northfield Mills has posted record sales for its woollen goods.",
        "Its earnings in the quarter were 40m euros, the company said.",
        "The company also cut its debt, the company said.",
        "Analysts said the company had done well.",
    ]
    assert (
        draft_title(lines, "en")
        == "Northfield Mills has posted record sales for its woollen goods"
    )


def test_a_long_quote_is_no_headline() -> None:
    long_quote = (
        '"Nous allons rouvrir la ligne de bus entre le port et la gare dès que les '
        'travaux de la route départementale seront terminés", a dit le maire.'
    )
    lines = [long_quote, "Les travaux de la route durent depuis un an."]
    assert draft_title(lines, "fr") == "Les travaux de la route durent depuis un an"


def test_shorten_keeps_short_sentences_and_adds_a_stop() -> None:
    assert shorten("Le maire a démissionné.", 20) == "Le maire a démissionné."
    long = (
        "Le ministre a présenté jeudi soir un plan de rénovation des écoles qui doit "
        "coûter 40 millions d'euros sur cinq ans, selon un communiqué."
    )
    assert (
        shorten(long, 12) == "Le ministre a présenté un plan de rénovation des écoles."
    )


def test_seed_title_is_a_whole_clause() -> None:
    seed = REPO / "content" / "000_b175daa874db6533.txt"
    if not seed.is_file():
        pytest.skip("the seed article is not in content/")
    lines = split_sentences(seed.read_text(encoding="utf-8"), "fr")
    title = draft_title(lines)
    assert_reads_as_headline(title)
    # a main clause of at most 16 words (the lead's, with its purpose clause, is
    # 17: its tighter cut "Les États-Unis font pression sur l'Iran" then loses to a
    # sentence that says more of the story), no attribution
    assert title.startswith("Les États-Unis")
    assert "l'Iran" in title
    assert len(title.split()) <= 16
    assert "Financial Times" not in title
    assert "mercredi" not in title


@pytest.mark.corpus
def test_every_corpus_title_reads_as_a_headline(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    drafted = 0
    for entry in manifest["articles"]:
        if "title" not in entry["tasks"] or entry["lang"] not in ("en", "fr"):
            continue
        text = (corpus / entry["path"]).read_text(encoding="utf-8")
        title = draft_title(split_sentences(text, entry["lang"]))
        if len(title.split()) >= 3:
            assert_reads_as_headline(title)
            drafted += 1
    assert drafted >= 140


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # the truncation does not split a name ...
        (
            "Fans who queued all night outside the stadium gates finally cheered "
            "the veteran singer Maria Gonzalez Whitaker loudly and happily.",
            "Fans who queued all night outside the stadium gates finally cheered "
            "the veteran singer",
        ),
        # ... nor end on a coordinated scrap ("... and aimed")
        (
            "Residents say the council's newest budget plan looks deliberately "
            "unambitious and aimed squarely towards keeping council taxes unchanged.",
            "Residents say the council's newest budget plan looks deliberately "
            "unambitious",
        ),
    ],
)
def test_the_last_resort_cut_ends_where_a_title_can(lead: str, expected: str) -> None:
    assert first_words(lead) == expected


def test_a_noun_after_de_is_no_infinitive_wanting_its_object() -> None:
    lead = (
        "L'UE projetait de supprimer le changement d'heure en 2019 mais le projet "
        "n'est pas prêt et cette disparition n'aura pas lieu avant 2021."
    )
    assert (
        draft_title([lead], "fr") == "L'UE projetait de supprimer le changement d'heure"
    )


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # a "that" clause cut before its verb: cut before "that" instead
        (
            "A media adviser has told the Sarah Jones county fraud trial that the "
            'BBC report at the heart of the matter was a "total disaster".',
            "Media adviser has told the Sarah Jones county fraud trial",
        ),
        # ... or before the "and" whose clause would end on "will"
        (
            "A northern railway operator has posted larger-than-expected annual "
            "profits and predicted that it will outperform the market in 2025.",
            "Northern railway operator has posted larger-than-expected annual profits",
        ),
        # a subject cut from its verb inside the clause ("traders [were]")
        (
            "Former regional bank boss Jean Dupont has denied claims that he knew "
            "traders were hiding their losses from the auditors.",
            "Former regional bank boss Jean Dupont has denied claims",
        ),
        # a gerund is no verb: "that allowing ageing pylons to stay" is open
        (
            "The national grid operator's chief engineer has warned that allowing "
            'ageing pylons to stay in service could have "grave" consequences.',
            "National grid operator's chief engineer has warned",
        ),
    ],
)
def test_a_title_never_ends_inside_an_unfinished_clause(
    lead: str, expected: str
) -> None:
    assert _within(lead) == expected
    assert not open_clause(expected)


def test_a_noun_of_action_keeps_its_complement() -> None:
    lead = (
        "La diminution du nombre de trajets en voiture se traduit par une "
        "transformation de la répartition des accidents graves sur les routes."
    )
    assert not _within(lead).endswith("une transformation")


@pytest.mark.parametrize(
    "text",
    [
        "The regulator told the hearing that the new pricing rules",
        "Les enquêteurs estiment qu'il était établi que les trois suspects",
        "Une étude a montré que les patients traités par ce médicament",
        "The airline said that it will",
        "Selon lui, cela montre que le modèle est",
        "The mayor warned drivers that she wants",
        "Le club dit que les joueurs qui sont partis",
        "Le chanteur, qui, depuis la mort de son frère",
        "Sa voisine trouve que le chien qu'elle promène",
        # an elided auxiliary; many names do not make a title-case headline
        "Le rapport indique que les salaires n'ont",
        "The Blue Lagoon Cafe along Main St. in Port Royal had",
    ],
)
def test_an_open_clause_is_seen(text: str) -> None:
    assert open_clause(text)


@pytest.mark.parametrize(
    "text",
    [
        # a comparison, a restriction, a count: no clause
        "Les collégiens lisent moins bien que leurs aînés",
        "Son discours a moins fait parler que sa cravate",
        "Il ne reste que trois jours",
        "Cela fait 300 ans que la fête existe",
        # "that" pointing, not opening
        "The city's budget is set to exceed that of Lyon",
        "Prices fell sharply in that decade",
        # a relative's verb right after its pronoun, an English present
        "The senator wants to fix laws that penalise renters",
        "Un capteur qui mesure le bruit des motos",
        "The study shows that the drug reduces relapses",
        # a clause inside a clause, each with its verb
        "Il dit que les hommes qui sont partis ont menti",
        "Sa voisine trouve que le chien qu'elle promène chaque soir est sage",
        # whole words only, question words, a title-case headline
        "Woman Killed In Queens Crash",
        "Her win reopens debate about what folk music is",
        "Scientists Urge Leaders to Scrap Rules that Cut Research",
        "Cinquante blessés, dont deux enfants",
    ],
)
def test_a_whole_clause_is_not_open(text: str) -> None:
    assert not open_clause(text)
