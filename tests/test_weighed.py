"""Dedup's story step by delta: a gathering given the last one's evidence equals a
gathering from nothing, array for array, after any edit; it reuses rows only where
that is exact (an edit that changes another text's weights weighs everything)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dedup import DAY, make

from site_builder.config import DedupConfig
from site_builder.dedup.grouping import group
from site_builder.dedup.join import Candidates, gather
from site_builder.dedup.signature import signatures
from site_builder.dedup.weighed import Weighed
from site_builder.model import CleanArticle

NAMES = (
    "Anne Morel", "Rui Tavares", "Oslo", "Porto", "Rennes", "Lisbon", "Nathalie",
    "Philippe Astruc", "Kalimuendo", "Douro", "Vilaine", "Marseille",
)  # fmt: skip
WORDS = (
    "bridge", "ferry", "council", "budget", "strike", "harbour", "river", "school",
    "market", "library", "collapsed", "injured", "opened", "closed", "inquiry",
)  # fmt: skip
SHARED = (  # a passage two outlets paste word for word: their pair has rests
    "The prefecture said the quays would stay closed to all traffic until engineers "
    "from the national laboratory had examined every span of the old structure, "
    "which carried eleven thousand vehicles a day before the night of the accident."
)


def sentence(rng: random.Random, event: int) -> str:
    names = [NAMES[(event + k) % len(NAMES)] for k in range(3)]
    words = rng.sample(WORDS, 4)
    return (
        f"{rng.choice(names)} said the {words[0]} {words[1]} in {rng.choice(names)} "
        f"after {10 + event * 7} people {words[2]} the {words[3]} on Monday."
    )


def corpus(seed: int, size: int = 24) -> list[CleanArticle]:
    """Articles telling ``size // 3`` events, about three tellings each; two of them
    paste one long passage."""
    rng = random.Random(seed)
    found = []
    for n in range(size):
        event = n % (size // 3)
        body = [sentence(rng, event) for _ in range(3)]
        if n in (0, size // 3):
            body.append(SHARED)
        date = DAY + timedelta(days=event % 5)
        found.append(make(f"a{n:03d}.md", body, date=date))
    return found


def gathered(articles: list[CleanArticle], known: Weighed | None) -> Candidates:
    ordered = sorted(articles, key=lambda a: a.path)
    return gather(ordered, signatures(ordered), 7.0, None, known=known)


def assert_same(found: Candidates, cold: Candidates) -> None:
    assert np.array_equal(found.pairs, cold.pairs)
    # bit for bit: the same arithmetic on the same numbers
    assert found.features.values.tobytes() == cold.features.values.tobytes()
    assert np.array_equal(found.features.gated, cold.features.gated)
    assert found.reuse.tobytes() == cold.reuse.tobytes()
    assert np.array_equal(found.elsewhen, cold.elsewhen)


def edited(article: CleanArticle, text: str) -> CleanArticle:
    kept = (*article.paragraphs[:-1], replace(article.paragraphs[-1], text=text))
    return replace(article, paragraphs=kept)


def after(articles: list[CleanArticle], n: int, extra: str) -> list[CleanArticle]:
    changed = list(articles)
    changed[n] = edited(articles[n], f"{articles[n].paragraphs[-1].text} {extra}")
    return changed


def test_the_corpus_has_pairs_with_evidence_and_rests() -> None:
    cold = gathered(corpus(1), None)
    assert cold.weighed is not None
    assert len(cold.pairs) > 20
    assert cold.features.gated.sum() > 5
    assert cold.weighed.rows.rests.sum() >= 1


def test_an_edit_with_words_no_other_text_holds_reuses_the_other_pairs() -> None:
    before = corpus(1)
    known = gathered(before, None).weighed
    articles = after(before, 5, "Zanzibarian quokkas waltzed 98765 times.")
    found = gathered(articles, known)
    assert_same(found, gathered(articles, None))
    assert found.weighed is not None
    at = found.weighed.paths.index("a005.md")
    touching = int((found.pairs == at).any(axis=1).sum())
    rests = int(found.weighed.rows.rests.sum())
    assert found.weighed.reused == len(found.pairs) - touching - rests
    assert found.weighed.reused > 0


def test_an_edit_with_a_name_other_texts_hold_weighs_everything_again() -> None:
    before = corpus(1)
    known = gathered(before, None).weighed
    # "Oslo" is held by other texts: its idf changes, and so do their weights
    articles = after(before, 2, "Oslo and Porto and Lisbon were told.")
    found = gathered(articles, known)
    assert_same(found, gathered(articles, None))
    assert found.weighed is not None
    assert found.weighed.reused == 0


def test_an_added_or_removed_text_weighs_everything_again() -> None:
    before = corpus(1)
    known = gathered(before, None).weighed
    for articles in (before[1:], [*before, make("z.md", ["Zanzibar 4 quokkas."])]):
        found = gathered(articles, known)
        assert_same(found, gathered(articles, None))
        assert found.weighed is not None
        assert found.weighed.reused == 0


def test_the_same_texts_reuse_every_pair_but_the_rests() -> None:
    before = corpus(2)
    known = gathered(before, None).weighed
    found = gathered(before, known)
    assert_same(found, gathered(before, None))
    assert known is not None
    assert found.weighed is not None
    assert found.weighed.reused == len(found.pairs) - int(known.rows.rests.sum())


def test_group_given_the_last_gathering_decides_as_from_nothing() -> None:
    before = corpus(3)
    config = DedupConfig()
    known = group(before, config).weighed
    articles = after(before, 4, "Zanzibarian quokkas waltzed 98765 times.")
    found = group(articles, config, weighed=known)
    cold = group(articles, config)
    assert found.stories == cold.stories
    assert found.copies == cold.copies
    assert found.evidence == cold.evidence


EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=23),
        st.sampled_from(
            (
                "Zanzibarian quokkas waltzed.",  # words no text holds
                "Oslo and Porto.",  # names others hold
                "The bridge collapsed.",  # common words only
                "",  # back to its text
                SHARED,  # a passage another text pastes
            )
        ),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=3), steps=EDITS)
def test_any_edit_sequence_gathers_as_from_nothing(
    seed: int, steps: list[tuple[int, str]]
) -> None:
    articles = corpus(seed)
    pristine = list(articles)
    known = gathered(articles, None).weighed
    for n, extra in steps:
        if extra:
            articles = after(articles, n, extra)
        else:
            articles[n] = pristine[n]
        found = gathered(articles, known)
        assert_same(found, gathered(articles, None))
        known = found.weighed
