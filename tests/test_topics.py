"""Topics and keywords: names whole, lemmas, no stop or number words, common words
weighed down; in English, French and German (texts written for these tests)."""

from __future__ import annotations

from site_builder.summarize.topics import topic_key, topics
from site_builder.text.commonness import number_words, zipf
from site_builder.text.keywords import keywords, rarity
from site_builder.text.lemmas import lemma
from site_builder.text.sentences import split_sentences
from site_builder.text.tokens import content_words


def _keywords(text: str, lang: str, limit: int = 8) -> tuple[str, ...]:
    pairs = [content_words(s, lang) for s in split_sentences(text, lang)]
    return keywords(pairs, lang, limit)


def test_words_every_story_uses_weigh_less_than_the_story_s_own() -> None:
    assert zipf("people", "en") > 6 > zipf("election", "en") > zipf("Iran", "en")
    assert rarity("people", "en") < 0.3 < rarity("election", "en") < 1.0
    assert rarity("wildfire", "en") == 1.0
    assert zipf("qwzxv", "en") == zipf("anything", "xx") == 3.0  # rare, or no list
    text = (
        "People queued early as the election opened in Harwick. "
        "Many people said the election was close. "
        "People from the valley came to vote in the election. "
        "Older people waited for hours."
    )
    found = _keywords(text, "en")
    assert found[0] == "election"
    assert "people" not in found[:2]


def test_number_words_are_never_keywords_in_any_language() -> None:
    assert {"dix", "trois"} <= number_words("fr")
    assert {"ten", "thousand"} <= number_words("en")
    assert {"zwanzig", "drei"} <= number_words("de")
    french = (
        "Dix péniches ont coulé dans le port de Varenne. "
        "Les dix équipages ont été secourus par les pompiers du port. "
        "Dix enquêteurs étudient les péniches."
    )
    assert "dix" not in [w.lower() for w in _keywords(french, "fr")]
    assert "péniches" in _keywords(french, "fr")
    german = (
        "Zwanzig Fähren blieben am Montag im Hafen von Lindau. "
        "Die zwanzig Fähren fahren erst wieder, wenn der Sturm nachlässt. "
        "Zwanzig Fähren und drei Boote."
    )
    found = [w.lower() for w in _keywords(german, "de")]
    assert "zwanzig" not in found
    assert "fähren" in found


def test_lemmas_merge_singular_and_plural() -> None:
    assert lemma("games", "en") == "game"
    assert lemma("jeux", "fr") == "jeu"
    assert lemma("Spiele", "de") == "Spiel"
    assert lemma("games", "xx") == "games"  # a language simplemma lacks


def test_a_name_stays_whole_and_as_written() -> None:
    found = topics(("Angeles", "wildfire"), ("Los Angeles", "Kern County"), "en")
    assert found == ("Los Angeles", "wildfire")
    assert topics(("Aurel",), ("Josiane Carbel", "Pont-d’Aurel"), "fr") == (
        "Pont-d’Aurel",
    )
    # a capitalised phrase too long to be a name is not taken for one
    long = topics(("Video",), ("Full Video Playlist Today",), "en")
    assert long == ("Video",)
    assert topics(("Iran", "sanctions"), (), "fr") == ("Iran", "sanction")


def test_singular_and_plural_are_one_topic_in_each_language() -> None:
    assert topics(("games", "game", "companies"), (), "en") == ("game", "company")
    assert topics(("jeux", "euros"), (), "fr") == ("jeu", "euro")
    # German nouns are capitalised words, not names: they are reduced too
    assert topics(("Spiele", "Wahlen"), (), "de") == ("Spiel", "Wahl")
    assert topics(("Spiele",), ("Thomas Bach",), "de") == ("Spiel",)
    # a plural in -ves is no verb: "thieves" is a thief, "caves" stays caves
    assert topics(("thieves", "thief", "wives", "caves"), (), "en") == (
        "thief",
        "wife",
        "cave",
    )


def test_tags_are_all_kept_as_written_and_case_variants_are_one_topic() -> None:
    tags = ("Iran", "iran", "Los Angeles", "nucléaire", "a", "b", "c")
    assert topics((), (), "fr", tags) == (
        "Iran",
        "Los Angeles",
        "nucléaire",
        "a",
        "b",
        "c",
    )
    assert topic_key("IRAN") == topic_key("Iran") == "iran"
    assert topic_key("Cafe\u0301") == topic_key("Café")


def test_drafted_topics_are_at_most_five() -> None:
    words = ("budget", "library", "petition", "residents", "council", "extension")
    assert topics(words, (), "en") == (
        "budget",
        "library",
        "petition",
        "resident",
        "council",
    )


def test_verbs_and_lemmas_that_are_stop_words_are_no_topics() -> None:
    english = ("announced", "Budget", "winning", "sites", "helped", "ferry")
    assert topics(english, (), "en") == ("Budget", "ferry")
    assert topics(("jugée", "élections", "Juppé"), (), "fr") == ("élection", "Juppé")
    assert topics(("sagte", "wichtigsten", "Wahlen"), (), "de") == ("Wahl",)


def test_relative_days_are_calendar_words_too() -> None:
    text = (
        "Yesterday the ferry left Harwick late. "
        "The ferry crews said yesterday that the ferry would stay in port. "
        "Yesterday evening the harbour was closed."
    )
    found = [w.lower() for w in _keywords(text, "en")]
    assert "ferry" in found
    assert "yesterday" not in found
    french = "Hier, le ferry est resté à quai. Le ferry repartira hier soir ou demain."
    assert "hier" not in [w.lower() for w in _keywords(french, "fr")]
    noon = "À midi, le ferry est parti. Le ferry est revenu avant midi."
    assert "midi" not in [w.lower() for w in _keywords(noon, "fr")]


def test_an_english_word_made_with_ly_is_no_topic() -> None:
    found = topics(
        ["defiantly", "family", "meticulously", "supply", "costly"], [], "en"
    )
    assert found == ("family", "supply")
