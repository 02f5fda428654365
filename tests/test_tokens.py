"""Words, stop words and stems per language."""

from __future__ import annotations

from site_builder.text.tokens import (
    content_terms,
    content_words,
    count_words,
    stemmer,
    stop_words,
    words,
)


def test_words_split_elisions_and_keep_numbers() -> None:
    assert words("L'État a versé 3,5 milliards.") == [
        "L",
        "État",
        "a",
        "versé",
        "3",
        "5",
        "milliards",
    ]


def test_stop_words_per_language() -> None:
    assert "the" in stop_words("en")
    assert "le" in stop_words("fr")
    assert "l" in stop_words("fr")  # the elided "l'" as words() yields it
    assert stop_words("xx") == frozenset()


def test_stems_join_inflections() -> None:
    stem = stemmer("fr")
    assert stem("gouvernements") == stem("gouvernement")
    assert stemmer("en")("running") == stemmer("en")("runs")
    assert stemmer("xx")("Wörter") == "Wörter"


def test_content_terms_drop_stop_words_and_lowercase() -> None:
    assert content_terms("The Governments are running", "en") == ["govern", "run"]
    assert content_terms("Les gouvernements de l'Europe", "fr") == ["gouvern", "europ"]


def test_content_words_pair_written_forms_with_stems() -> None:
    text = "Les Gouvernements de l'Europe"
    pairs = content_words(text, "fr")
    assert pairs == [("Gouvernements", "gouvern"), ("Europe", "europ")]
    assert [stem for _, stem in pairs] == content_terms(text, "fr")


def test_count_words_counts_what_words_finds() -> None:
    for text in (
        "L'État a versé 3,5 milliards.",
        "",
        "  — «Oui»\n\tdit-il_2 ",
        "İstanbul",
    ):
        assert count_words(text) == len(words(text))


def test_tokens_split_the_same_way_in_any_text() -> None:
    # the memo is keyed by whitespace token: a token's words do not depend on
    # the text it came from
    assert content_words("l'Europe, l'Europe.", "fr") == [("Europe", "europ")] * 2
    assert content_words("Europe,Europe", "fr") == [("Europe", "europ")] * 2
    # lower-cased before it is cut: "İ" becomes "i" and a combining dot, which
    # ends the word, and the lone "i" is dropped
    assert content_terms("İstanbul", "en") == ["stanbul"]
    assert content_words("İstanbul", "en") == [("İstanbul", "i̇stanbul")]
