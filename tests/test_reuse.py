"""Reuse check: text two articles share word for word is no evidence of one story."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
from test_dedup import DAY, make, members, story_of

from site_builder.config import DedupConfig
from site_builder.dedup.grouping import dedup
from site_builder.dedup.reuse import reuse, reused
from site_builder.dedup.signature import compared_text, signatures
from site_builder.model import CleanArticle, SourceKind

REUSED = 0.5  # more than half of a text in passages the other holds: built on it

# A publisher's background paragraph, pasted under two reports of two fires.
BACKGROUND = (
    "Le massif des Landes de Gascogne avait déjà perdu 30 000 hectares de pins lors "
    "des incendies de l'été 2022, autour de Landiras et de La Teste-de-Buch. La "
    "préfecture de la Gironde a depuis interdit les barbecues en forêt du 1er juin au "
    "30 septembre, et le Service départemental d'incendie et de secours a recruté 120 "
    "pompiers saisonniers. Les sylviculteurs réclament toujours des pistes plus "
    "larges pour les camions-citernes."
)
FIRE_HOSTENS = [
    "Un feu a parcouru 45 hectares près d'Hostens mardi après-midi avant d'être fixé "
    "par les pompiers vers 19 heures. Le maire Jean-Louis Dartiailh a rouvert la route "
    "de Belin dans la soirée.",
    BACKGROUND,
]
FIRE_CAZAUX = [
    "Un incendie s'est déclaré jeudi matin sur le camp militaire de Cazaux, où des "
    "tirs d'entraînement ont embrasé 12 hectares de lande. La base aérienne 120 a "
    "suspendu ses exercices jusqu'à lundi, selon le colonel Hervé Lassalle.",
    BACKGROUND,
]
# One event told by two outlets in their own words: names, places and numbers in
# common, one quote of the mayor reported word for word, nothing else shared.
QUOTE = (
    "« Nous avons évacué les enfants en moins de dix minutes », a déclaré la maire "
    "Claire Vidal."
)
SCHOOL_FIRST = [
    "Le toit de l'école Jean-Moulin de Pessac s'est effondré mercredi vers 10 h 30, "
    "blessant légèrement 3 élèves de CM2, selon les pompiers de la Gironde.",
    QUOTE,
    "Les 214 élèves seront accueillis au collège Noès jusqu'aux vacances. Un expert "
    "du rectorat de Bordeaux examinera la charpente, rénovée en 1987.",
]
SCHOOL_SECOND = [
    "Trois écoliers ont été légèrement blessés mercredi matin à Pessac, quand une "
    "partie de la toiture de l'école Jean-Moulin a cédé pendant la récréation.",
    "La charpente datait de 1987. Le rectorat de Bordeaux a dépêché un expert et les "
    "214 élèves iront au collège Noès jusqu'aux vacances de printemps.",
    QUOTE,
]


def test_reuse_measures_the_shared_passages_from_each_side() -> None:
    first, second = " ".join(FIRE_HOSTENS), " ".join(FIRE_CAZAUX)
    found = reuse(first, second)
    assert all(share > REUSED for share in found.covered)
    assert "Hostens" in found.rests[0]
    assert "Cazaux" in found.rests[1]
    assert "sylviculteurs" not in found.rests[0] + found.rests[1]
    unrelated = reuse(first, " ".join(SCHOOL_FIRST))
    assert unrelated.covered == (0.0, 0.0)
    assert unrelated.rests[1].split() == " ".join(SCHOOL_FIRST).split()


def test_a_quote_reported_word_for_word_covers_little() -> None:
    found = reuse(" ".join(SCHOOL_FIRST), " ".join(SCHOOL_SECOND))
    assert 0 < max(found.covered) < REUSED


def test_a_pasted_background_paragraph_links_no_story() -> None:
    articles = [
        make("hostens.md", FIRE_HOSTENS, lang="fr"),
        make("cazaux.md", FIRE_CAZAUX, lang="fr", date=DAY + timedelta(days=2)),
    ]
    texts = [compared_text(a) for a in articles]
    pair = np.array([[0, 1]], dtype=np.int64)
    found = reused(pair, signatures(articles), texts.__getitem__, ["fr", "fr"])
    # most of each report is the pasted paragraph ...
    assert found.shares[0, 1] > REUSED
    # ... and what each adds is kept to judge the pair on
    assert set(found.rests) == {0}
    # ... and that is no evidence of one event
    stories = dedup(articles, DedupConfig())
    assert len(stories) == 2


def test_reuse_is_only_read_in_one_language() -> None:
    articles = fires()
    texts = [compared_text(a) for a in articles]
    pair = np.array([[0, 1]], dtype=np.int64)
    found = reused(pair, signatures(articles), texts.__getitem__, ["fr", "en"])
    assert found.shares.tolist() == [[0.0, 0.0]]
    assert found.rests == {}


def test_two_outlets_telling_one_event_still_join() -> None:
    articles = [
        make("school-a.md", SCHOOL_FIRST, lang="fr"),
        make("school-b.md", SCHOOL_SECOND, lang="fr", date=DAY + timedelta(hours=3)),
        make("hostens.md", FIRE_HOSTENS, lang="fr"),
    ]
    stories = dedup(articles, DedupConfig())
    assert members(story_of(stories, "school-a.md")) == {"school-a.md", "school-b.md"}
    assert members(story_of(stories, "hostens.md")) == {"hostens.md"}


# Two outlets running one agency dispatch, each with a paragraph of its own that
# names the same people and figures: most of the words are shared, and what each
# adds still tells the same event.
DISPATCH = [
    "Le toit de l'école Jean-Moulin de Pessac s'est effondré mercredi vers 10 h 30, "
    "blessant légèrement 3 élèves de CM2, selon les pompiers de la Gironde.",
    "Les 214 élèves seront accueillis au collège Noès jusqu'aux vacances. Un expert "
    "du rectorat de Bordeaux examinera la charpente, rénovée en 1987.",
]
DISPATCH_A = [
    *DISPATCH,
    "Claire Vidal, maire de Pessac, chiffre la réparation à 1,8 million d'euros et "
    "promet une réouverture en septembre. Le syndicat SNUipp-FSU demande l'audit "
    "des 38 écoles de la commune construites avant 1990.",
]
DISPATCH_B = [
    *DISPATCH,
    "La réouverture est espérée pour septembre : la maire Claire Vidal évalue le "
    "chantier de Pessac à 1,8 million d'euros. Pour le SNUipp-FSU, les 38 écoles "
    "bâties avant 1990 doivent toutes être inspectées.",
]


def test_outlets_sharing_a_dispatch_join_on_what_they_add() -> None:
    articles = [
        make("dispatch-a.md", DISPATCH_A, lang="fr"),
        make("dispatch-b.md", DISPATCH_B, lang="fr", date=DAY + timedelta(hours=1)),
    ]
    found = reuse(*(compared_text(a) for a in articles))
    assert min(found.covered) > REUSED  # too different to be near copies, though
    stories = dedup(articles, DedupConfig())
    assert len(stories) == 1
    assert {s.kind for s in stories[0].sources} == {SourceKind.SAME_STORY}


def fires() -> list[CleanArticle]:
    return [
        make("hostens.md", FIRE_HOSTENS, lang="fr"),
        make("cazaux.md", FIRE_CAZAUX, lang="fr"),
    ]
