"""The bench's own detectors (bench/quality_checks.py), on sentences written here."""

from __future__ import annotations

import pytest

from bench import quality_checks as check


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("LYON (AFP) - Le conseil a voté le budget.", "agency prefix"),
        ("Bonn (dpa) - Der Rat hat getagt.", "agency prefix"),
        ("OSLO — The council voted on Tuesday.", "dateline"),
        ("Published: 3 March 2021 Updated: 4 March 2021", "published/updated stamp"),
        ("Posted March 3, 2021-3:47pm", "published/updated stamp"),
        ("Mis à jour le 3 mars 2021", "published/updated stamp"),
        ("Photo: Jean Dupont", "image credit"),
        ("© Agence Exemple", "image credit"),
        ("Lire aussi Le budget de la ville", "read-also link"),
        ("Lesen Sie auch: Der Rat", "read-also link"),
        ("Tuesday, March 2, 2021", "date line"),
    ],
)
def test_furniture_is_found_by_kind(text: str, kind: str) -> None:
    assert kind in check.furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        "The council voted on Tuesday, March 2, 2021, to close the pool.",
        "Le maire a publié le budget, qu'il juge équilibré.",
        "Many people read more books in winter.",
        "Der Rat hat am Dienstag getagt.",
    ],
)
def test_prose_is_no_furniture(text: str) -> None:
    assert check.furniture(text) == ()


def test_own_words_allows_typography_only() -> None:
    source = check.typographic(
        "Le maire a dit : « Nous fermerons la piscine », puis il est parti."
    )
    assert check.own_words('Le maire a dit : "Nous fermerons la piscine"', source)
    assert check.own_words("Puis il est parti.", source)  # a whole clause
    assert not check.own_words("Le maire a dit puis il est parti.", source)
    assert not check.own_words("Le maire a dit : « Nous ouvrirons »", source)


def test_jaccard_and_sentences() -> None:
    assert check.jaccard("The pool closes.", "the pool closes") == 1.0
    assert check.sentences("Il pleut. Elle part. «Non», dit-il.") == [
        "Il pleut.",
        "Elle part.",
        "«Non», dit-il.",
    ]


def test_stop_words_and_antecedents() -> None:
    pytest.importorskip("sumy", reason="sumy is a bench extra: pip install .[bench]")
    assert check.is_stop_word("also", "en")
    assert check.is_stop_word("même", "fr")
    assert not check.is_stop_word("piscine", "fr")
    assert check.opens_on_antecedent("It reduced the tax.", "en")
    assert check.opens_on_antecedent("Cette mesure coûte cher.", "fr")
    assert check.opens_on_antecedent("Diese Regel gilt.", "de")
    assert not check.opens_on_antecedent("The council voted.", "en")


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.org/2013/04/12/pool-closes", "2013-04-12"),
        ("https://example.org/news/2013-4-2-pool", "2013-04-02"),
        ("https://example.org/a/20130412/pool", "2013-04-12"),
        ("https://example.org/article/132929/pool", None),
    ],
)
def test_url_date(url: str, day: str | None) -> None:
    assert check.url_date(url) == day
