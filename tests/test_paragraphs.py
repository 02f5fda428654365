"""Paragraphs: one sentence per line is regrouped, one paragraph per line is not."""

from __future__ import annotations

from site_builder.model import Paragraph
from site_builder.text.paragraphs import one_sentence_lines, regroup, split_paragraphs

# One sentence per line, as a tokenised corpus gives it (ECB+).
SENTENCES = (
    "Ferry crews strike on the Orlen crossing\n"
    "Ferry crews on the Orlen crossing walked out on Tuesday.\n"
    "The union said the strike would last two days.\n"
    "Crossings were cancelled from dawn.\n"
    "The operator said it regretted the walkout.\n"
    '"We have offered a fair rise," a spokesman said.\n'
    "Talks are due to resume on Friday.\n"
    "Passengers were told to use the bridge."
)
# One paragraph per line, as scrapers leave it: most lines hold several sentences.
PARAGRAPHS = (
    "Les équipages des bacs ont cessé le travail mardi. Le syndicat parle de deux "
    "jours. Les traversées sont annulées.\n"
    "L'exploitant regrette la grève. Il dit avoir offert une hausse juste.\n"
    "Les négociations reprennent vendredi. Les passagers passent par le pont.\n"
    "Le maire a appelé au calme.\n"
    "Les commerçants du port s'inquiètent. Ils craignent une semaine perdue.\n"
    "Un bus de remplacement circule. Il part toutes les heures."
)


def paragraphs(body: str) -> tuple[Paragraph, ...]:
    return split_paragraphs(body, "text", 1)


def test_one_sentence_per_line_is_told_from_one_paragraph_per_line() -> None:
    assert one_sentence_lines(SENTENCES.split("\n"))
    assert not one_sentence_lines(PARAGRAPHS.split("\n"))


def test_sentences_are_regrouped_the_lead_and_the_headline_standing_alone() -> None:
    found = [(p.line, p.text) for p in regroup(paragraphs(SENTENCES))]
    assert found == [
        (1, "Ferry crews strike on the Orlen crossing"),
        (2, "Ferry crews on the Orlen crossing walked out on Tuesday."),
        (
            3,
            "The union said the strike would last two days. Crossings were cancelled "
            "from dawn. The operator said it regretted the walkout.",
        ),
        (
            6,
            '"We have offered a fair rise," a spokesman said. Talks are due to resume '
            "on Friday. Passengers were told to use the bridge.",
        ),
    ]


def test_one_paragraph_per_line_is_kept_as_written() -> None:
    assert regroup(paragraphs(PARAGRAPHS)) == paragraphs(PARAGRAPHS)


def test_a_quotation_over_several_lines_is_not_cut() -> None:
    lines = [
        "Die Fähren stehen seit Dienstag still.",
        "Der Betreiber bedauert den Streik.",
        "Die Gespräche gehen am Freitag weiter.",
        "„Wir haben eine faire Erhöhung angeboten.",
        "Mehr können wir nicht zahlen.",
        "Das wissen alle“, sagte ein Sprecher.",
        "Die Fahrgäste sollen die Brücke nutzen.",
    ]
    found = [p.text for p in regroup(paragraphs("\n".join(lines)))]
    quoted = next(text for text in found if "„Wir" in text)
    assert " ".join(lines[3:6]) in quoted
    assert len(found) == 3  # the lead, the quotation's paragraph, the last line


def test_a_list_and_short_notes_are_not_regrouped() -> None:
    listing = "\n".join(f"- Crossing {n} cancelled" for n in range(1, 9))
    assert regroup(paragraphs(listing)) == paragraphs(listing)
    notes = "First note.\nSecond note.\nThird note."
    assert regroup(paragraphs(notes)) == paragraphs(notes)


def test_markdown_lines_scraped_one_per_line_become_paragraphs() -> None:
    found = split_paragraphs(SENTENCES, "markdown", 5)
    assert [p.line for p in found] == list(range(5, 13))
    # hard-wrapped prose: its lines end mid-sentence, and it stays one paragraph
    wrapped = (
        "Ferry crews on the Orlen crossing walked out on Tuesday, and the union\n"
        "said the strike would last two days while talks with the operator went\n"
        "on in Valbrune."
    )
    assert [p.text for p in split_paragraphs(wrapped, "markdown", 1)] == [wrapped]
