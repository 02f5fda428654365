"""Scraper debris: characters a broken scrape left, given back as the page showed."""

from __future__ import annotations

import pytest

from site_builder.clean.debris import tidy


@pytest.mark.parametrize(
    ("text", "tidied"),
    [
        (
            "Des vitrines brisées. =1emQuelque 1 =1em000 manifestants ont défilé.",
            "Des vitrines brisées. Quelque 1 000 manifestants ont défilé.",
        ),
        (
            '`` He is a fine captain, "said the harbour master.',
            '"He is a fine captain," said the harbour master.',
        ),
        (
            "He called it ''a disgrace'' on Monday.",
            'He called it "a disgrace" on Monday.',
        ),
        (
            "Ein Café in Valbrune&#8217;s Hafen &amp; mehr",
            "Ein Café in Valbrune’s Hafen & mehr",
        ),
        ("l''État", "l''État"),  # between two letters: a typo, not a quote
    ],
)
def test_debris_is_tidied(text: str, tidied: str) -> None:
    assert tidy(text, markdown=False) == tidied


def test_markdown_keeps_its_entities_and_its_code() -> None:
    assert tidy("Fish &amp; chips", markdown=True) == "Fish &amp; chips"
    assert tidy("Run ``make`` first.", markdown=True) == "Run ``make`` first."
