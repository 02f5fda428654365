"""Normalisation, tokens and MinHash signatures: the comparison primitives of dedup."""

from __future__ import annotations

import random

import numpy as np
import pytest

from site_builder.text.normalize import (
    Reference,
    fold,
    is_boilerplate,
    novel_sentences,
    split_tokens,
    strip_boilerplate,
    surface,
    words,
)
from site_builder.text.shingles import (
    BINS,
    Vocabulary,
    band_pairs,
    containment,
    jaccard,
    near_pairs,
    sketch,
)

WORDS = ["council", "harbour", "tram", "budget", "river", "mayor", "school", "storm",
         "museum", "league", "vote", "bridge", "market", "wage", "strike", "pilot",
         "court", "fire", "vaccine", "rail", "port", "farm", "grain"]  # fmt: skip


def prose(seed: int, count: int = 300) -> str:
    """Deterministic filler text whose 5-grams are practically unique to its seed."""
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(count))


def signed(*texts: str):  # type: ignore[no-untyped-def]
    vocab = Vocabulary()
    ids, offsets = vocab.encode(texts)
    return sketch(vocab, ids, offsets)


def test_fold_removes_case_and_accents() -> None:
    assert fold("États-Unis") == "etats-unis"
    assert fold("Élysée") == fold("ELYSEE")


def test_surface_peels_punctuation_elision_and_possessives() -> None:
    assert surface("d'Amazon").folded == "amazon"
    assert surface("d'Amazon").capital
    assert surface("Peterson's").folded == "peterson"
    assert surface("(Reuters)").folded == "reuters"
    assert surface("said.").closes
    assert not surface("said,").closes
    assert surface("«Nous").opens


def test_numbers_compare_across_writing_conventions() -> None:
    assert surface("1,000").folded == surface("1.000").folded == "1000"
    assert surface("$108").numeric


def test_split_tokens_keeps_line_breaks_and_unglues_sentences() -> None:
    tokens = split_tokens("West Midlands.Les victimes\nNew line")
    assert tokens[:4] == ["West", "Midlands.", "Les", "victimes"]
    assert "\x00" in tokens
    assert split_tokens("it cost 2.6 million") == ["it", "cost", "2.6", "million"]


def test_words_are_folded_and_exclude_punctuation() -> None:
    assert words("L'État, c'est «moi»!") == ["l", "etat", "c", "est", "moi"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "*By Ann Lee, The Daily Ledger.*",
        "© 2024 Harbour Post. All rights reserved. Subscribe for more.",
        "**Paris** (Metro Wire) —",
        "*Cet article a d'abord été publié par Le Courrier.*",
        "LONDON (Reuters) -",
    ],
)
def test_publisher_furniture_is_boilerplate(paragraph: str) -> None:
    assert is_boilerplate(paragraph)


def test_prose_is_not_boilerplate() -> None:
    assert not is_boilerplate("The mayor said the bridge would reopen on Monday.")
    assert not is_boilerplate(prose(1, 60))


def test_strip_boilerplate_drops_header_and_footer_only() -> None:
    body = [
        "*By Ann Lee, Ledger.*",
        "First fact.",
        "Subscribe to our newsletter",
        "Second.",
    ]
    assert strip_boilerplate(body) == (
        "First fact.",
        "Subscribe to our newsletter",
        "Second.",
    )
    assert strip_boilerplate(["*Only an emphasised line*"]) == (
        "*Only an emphasised line*",
    )


def test_equal_texts_share_key_and_signature() -> None:
    text = prose(1)
    result = signed(text, "  " + text.upper().replace(" ", "\n"), prose(2))
    assert result.keys[0] == result.keys[1] != result.keys[2]
    assert (result.signatures[0] == result.signatures[1]).all()
    assert result.signatures.shape == (3, BINS)


def test_estimated_jaccard_follows_the_true_one() -> None:
    base = prose(3).split()
    edited = list(base)
    for i in range(0, len(edited), 25):  # one word in 25: 5-gram Jaccard about 0.67
        edited[i] = "changed"
    result = signed(" ".join(base), " ".join(edited), prose(4))
    estimate = jaccard(result.signatures, np.array([[0, 1], [0, 2]]))
    assert 0.5 < estimate[0] < 0.85
    assert estimate[1] < 0.05


def test_short_texts_get_signatures_and_empty_texts_do_not_match() -> None:
    result = signed("one two", "one two", "", "")
    assert (result.signatures[0] == result.signatures[1]).all()
    assert result.sizes.tolist() == [2, 2, 0, 0]
    pairs, _ = near_pairs(result, np.arange(4))
    assert pairs.tolist() == [[0, 1]]


def test_bands_find_near_pairs_and_skip_unrelated_ones() -> None:
    base = prose(5).split()
    swapped = base[150:] + base[:150]  # paragraphs in another order
    texts = [" ".join(base), " ".join(swapped)] + [prose(10 + i) for i in range(30)]
    result = signed(*texts)
    assert band_pairs(result.signatures, 3).tolist() == [[0, 1]]


def test_containment_catches_an_extended_version() -> None:
    short = prose(6, 200)
    longer = short + " " + prose(7, 200)
    result = signed(short, longer)
    pairs, similarity = near_pairs(result, np.arange(2))
    assert pairs.tolist() == [[0, 1]]
    sizes = np.sort(result.sizes)
    assert containment(similarity, sizes[:1], sizes[1:])[0] > 0.8


def test_related_texts_are_not_near_copies() -> None:
    shared = prose(8, 100)
    result = signed(shared + " " + prose(9, 200), shared + " " + prose(10, 200))
    pairs, _ = near_pairs(result, np.arange(2))
    assert pairs.tolist() == []


def test_novel_sentences_in_one_language() -> None:
    reference = Reference.of(
        "The bridge closed on Monday. Traffic moved to the ring road."
    )
    sentences = [
        "The bridge closed on Monday.",
        "Traffic was moved to the ring road.",  # a light edit
        "Engineers found a crack in the main span.",
    ]
    assert novel_sentences(sentences, reference, True) == (sentences[2],)


def test_novel_sentences_across_languages_look_for_new_names() -> None:
    reference = Reference.of("Le pont de Rennes a été fermé lundi, selon Anne Morel.")
    sentences = [
        "The Rennes bridge closed on Monday, Anne Morel said.",
        "Repairs will cost 4.2 million euros.",
    ]
    assert novel_sentences(sentences, reference, False) == (sentences[1],)


def test_vocabulary_ids_do_not_depend_on_batches() -> None:
    whole, parts = Vocabulary(), Vocabulary()
    ids, _ = whole.encode(["a b c", "c d e"])
    first, _ = parts.encode(["a b c"])
    second, _ = parts.encode(["c d e"])
    assert ids.tolist() == first.tolist() + second.tolist()
