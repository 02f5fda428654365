"""Sentence splitting: abbreviations, numbers, quotes, ellipses and glued sentences."""

from __future__ import annotations

import pytest

from site_builder.text.sentences import split_sentences

CASES = [
    (
        "M. Dupont est arrivé. Il a dit bonjour.",
        ["M. Dupont est arrivé.", "Il a dit bonjour."],
    ),
    (
        "Mme Martin et Dr. Who. Fin du texte.",
        ["Mme Martin et Dr. Who.", "Fin du texte."],
    ),
    (
        "Dr. Smith met the U.S. ambassador. The talks failed.",
        ["Dr. Smith met the U.S. ambassador.", "The talks failed."],
    ),
    ("He lives in the U.S. and works.", ["He lives in the U.S. and works."]),
    (
        "See p. 12 for details. Growth was 3.5% on 1.000 euros.",
        ["See p. 12 for details.", "Growth was 3.5% on 1.000 euros."],
    ),
    (
        "J. K. Rowling wrote it. She is rich.",
        ["J. K. Rowling wrote it.", "She is rich."],
    ),
    (
        "Il a dit : « Je viens. » Puis il est parti... Enfin !",
        ["Il a dit : « Je viens. »", "Puis il est parti...", "Enfin !"],
    ),
    (
        "la violence domestique.Consternant, le juge a tranché.",
        ["la violence domestique.", "Consternant, le juge a tranché."],
    ),
    (
        'He said "I am done. Really." Then he left.',
        ['He said "I am done. Really."', "Then he left."],
    ),
    ("Pourquoi maintenant ?Julie répond.", ["Pourquoi maintenant ?", "Julie répond."]),
    (
        "il fera nuit plus tôt.L'UE a tranché. Venu en 1944.Aucun meeting.",
        [
            "il fera nuit plus tôt.",
            "L'UE a tranché.",
            "Venu en 1944.",
            "Aucun meeting.",
        ],
    ),
    (
        "Une baisse de 39,6%.La hausse suit. Le taux est de 5%.Net.",
        ["Une baisse de 39,6%.", "La hausse suit.", "Le taux est de 5%.", "Net."],
    ),
    ("The U.S.Army base is 2.0.Alpha code.", ["The U.S.Army base is 2.0.Alpha code."]),
    (
        "港口周一关闭。船员罢工！谁来负责？「我们不知道。」他说。",  # noqa: RUF001
        ["港口周一关闭。", "船员罢工！", "谁来负责？", "「我们不知道。」", "他说。"],  # noqa: RUF001
    ),
    (
        "Un auteur [...] qui aurait pu. Mais non.",
        ["Un auteur [...] qui aurait pu.", "Mais non."],
    ),
    (
        "Apple Inc. The firm grew. Profit was $1.5bn.For the year it rose.",
        ["Apple Inc.", "The firm grew.", "Profit was $1.5bn.", "For the year it rose."],
    ),
    (
        'la culture."On trouve dommage", dit-il. Fin.',
        ["la culture.", '"On trouve dommage", dit-il.', "Fin."],
    ),
    ("etc. and more follows here.", ["etc. and more follows here."]),
    ("First para ends\n\nSecond para", ["First para ends", "Second para"]),
    (
        "A wrapped\nline continues. Next one.",
        ["A wrapped\nline continues.", "Next one."],
    ),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "fr") == expected


def test_sentences_cover_the_text() -> None:
    text = "Le 11 mars 1978. Sa mère est partie. « Elle le savait », dit-il."
    assert "".join(split_sentences(text, "fr")).replace(" ", "") == text.replace(
        " ", ""
    )


def test_the_word_before_a_stop_may_end_a_line() -> None:
    # "M" then a line break then "." is still the title before a name
    assert split_sentences("Il a vu M\n. Dupont hier. Il est parti.", "fr") == [
        "Il a vu M\n. Dupont hier.",
        "Il est parti.",
    ]
    assert split_sentences("Le mot\n. Dupont hier.", "fr") == [
        "Le mot\n.",
        "Dupont hier.",
    ]
    # a word longer than the 40 characters looked at is cut, not mistaken for a title
    long_word = "x" * 45 + "m"
    assert len(split_sentences(f"Voir {long_word}. Dupont est là.", "fr")) == 2


def test_a_heading_glued_to_the_next_sentence_with_no_stop_is_split() -> None:
    text = "La mort cette annéeSelon le service, il est le 11e. Son BlackBerry sonne."
    assert split_sentences(text, "fr") == [
        "La mort cette année",
        "Selon le service, il est le 11e.",
        "Son BlackBerry sonne.",
    ]
    assert split_sentences("Un quartier urbain.A Montréal, rien.", "fr") == [
        "Un quartier urbain.",
        "A Montréal, rien.",
    ]
