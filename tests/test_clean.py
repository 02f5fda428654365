"""Repair: repeated paragraphs and sentences go, natural repetition stays, recorded."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from site_builder.clean.repeats import clean, repeat_key
from site_builder.load.files import read_article
from site_builder.model import Article, DateSource, FrontMatter, Markup
from site_builder.text.paragraphs import split_paragraphs

SEED = Path(__file__).resolve().parents[1] / "content" / "000_b175daa874db6533.txt"


def article(body: str, markup: Markup = "text", lang: str | None = "en") -> Article:
    return Article(
        path="a.txt",
        markup=markup,
        meta=FrontMatter(lang=lang),
        body=body,
        body_line=1,
        date=datetime(2026, 11, 29, tzinfo=UTC),
        date_source=DateSource.FRONT_MATTER,
        digest="0",
    )


def test_seed_keeps_each_paragraph_once_and_records_the_repeats() -> None:
    cleaned = clean(read_article(SEED.parent, SEED), "en")
    assert cleaned.lang == "fr"
    assert cleaned.lang_detected
    assert [p.line for p in cleaned.paragraphs] == [1, 2, 3]
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert [p.text for p in cleaned.paragraphs] == lines[:3]
    assert [(r.kind, r.line, r.first_line) for r in cleaned.removed] == [
        ("paragraph", 4, 2),
        ("paragraph", 5, 3),
    ]


def test_repeated_sentence_inside_a_paragraph_is_removed() -> None:
    body = (
        "The council approved the new budget on Thursday evening. "
        "The council approved the new budget on Thursday evening. "
        "Opposition members walked out."
    )
    cleaned = clean(article(body), "en")
    assert cleaned.text == (
        "The council approved the new budget on Thursday evening. "
        "Opposition members walked out."
    )
    assert [(r.kind, r.text) for r in cleaned.removed] == [
        ("sentence", "The council approved the new budget on Thursday evening.")
    ]


def test_short_refrains_and_one_word_lines_are_not_repeats() -> None:
    body = "PARIS\n\nYes.\n\nHear, hear\n\nYes.\n\nHear, hear\n\nPARIS"
    cleaned = clean(article(body), "en")
    assert [p.text for p in cleaned.paragraphs] == [
        "PARIS",
        "Yes.",
        "Hear, hear",
        "Yes.",
        "Hear, hear",
        "PARIS",
    ]
    assert cleaned.removed == ()


def test_a_read_more_line_is_furniture_not_a_repeat() -> None:
    cleaned = clean(article("Yes.\n\nRead more\n\nNo.\n\nRead more"), "en")
    assert [p.text for p in cleaned.paragraphs] == ["Yes.", "No."]
    assert [(r.kind, r.why, r.line) for r in cleaned.removed] == [
        ("furniture", "read-more link", 3),
        ("furniture", "read-more link", 7),
    ]


def test_markdown_structure_is_never_cut_into_sentences() -> None:
    body = (
        "- The first item is long enough to count as content here.\n"
        "- The first item is long enough to count as content here.\n\n"
        "```\ncode line one\n\ncode line two\n```"
    )
    cleaned = clean(article(body, "markdown"), "en")
    assert cleaned.removed == ()
    assert cleaned.paragraphs[1].text == "```\ncode line one\n\ncode line two\n```"


def test_front_matter_language_wins_over_detection() -> None:
    cleaned = clean(
        article("Bonjour à tous, voici les nouvelles du jour en France.", lang="en"),
        "fr",
    )
    assert (cleaned.lang, cleaned.lang_detected) == ("en", False)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("One.\nTwo.\nThree.", [("One.", 1), ("Two.", 2), ("Three.", 3)]),
        (
            "Para one\nstill.\n\nPara two.",
            [("Para one", 1), ("still.", 2), ("Para two.", 4)],
        ),
        (
            "A hard-wrapped paragraph is cut at seventy columns and so\n"
            "its second line continues the same sentence.",
            [
                (
                    "A hard-wrapped paragraph is cut at seventy columns and so "
                    "its second line continues the same sentence.",
                    1,
                )
            ],
        ),
    ],
)
def test_text_paragraphs_by_blank_lines_or_single_newlines(
    body: str, expected: list[tuple[str, int]]
) -> None:
    assert [(p.text, p.line) for p in split_paragraphs(body, "text", 1)] == expected


@pytest.mark.corpus
def test_corpus_articles_with_scraped_repetition(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text())
    paths = {a["id"]: a["path"] for a in manifest["articles"]}
    repaired = 0
    for entry in manifest["intra_doc_repetition"]:
        cleaned = clean(read_article(corpus, corpus / paths[entry["id"]]), "en")
        repaired += bool(cleaned.removed)
        kept = " ".join(repeat_key(p.text) or "" for p in cleaned.paragraphs)
        for removal in cleaned.removed:
            assert repeat_key(removal.text) in kept, "the first occurrence stays"
    assert repaired >= len(manifest["intra_doc_repetition"]) - 1


def test_repeat_key_folds_case_marks_and_spacing() -> None:
    text = "L'État, l'état:\tÉTAT_2 — ﬁn du «Marché» (2024) ici"
    assert repeat_key(text) == "l état l état état_2 fin du marché 2024 ici"
    assert repeat_key("L’ÉTAT l'état état_2, FIN du marché 2024... ici!") == (
        repeat_key(text)
    )
    assert repeat_key("Trop court, même si cela dure.") is None  # under 40 characters
