"""Publication stamps: a line that only says when (and where) it was published."""

from __future__ import annotations

from datetime import date

import pytest

from site_builder.text.stamps import stamp, stamp_date, stamp_spans


@pytest.mark.parametrize(
    "line",
    [
        "Posted: Sep 27, 2013 10:50AM CDT",
        "Published 9:46 PM CDT Sep 26, 2013",
        "PUBLISHED: 22:07 GMT, 7 July 2012 UPDATED: 22:07 GMT, 7 July 2012",
        "Updated 9:06 AM",  # no date, but a stamp word and a time
        "Friday, June 7, 2013",
        "on Mar 8 2013, 11:55p",
        "Publié le 12 avril 2013 à 10h00",
        "Mis à jour le 12/04/2013",
        "Veröffentlicht am 3. Mai 2020, 08:15 Uhr",
        "Aktualisiert: Donnerstag, 02.01.2020",
        "WASHINGTON, DC, April 28, 2009",  # a place before the date: a dateline
        "Washington D. C., Jul 13, 2009/02:00 pm (CNA)",
    ],
)
def test_stamps_in_several_languages(line: str) -> None:
    assert stamp(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council met on Friday, June 7, 2013 to vote on the budget.",
        "Le 3 avril 2018, deux fillettes mouraient dans un accident.",
        "Am 3. Mai 2020 beschloss der Rat den Haushalt.",
        "1945 GMT",  # a kick-off time: no stamp word, no date
        "Interior and Commerce Secretaries Must Act by May 9",
        "Published: April 10, 2007 A jury found him guilty",  # the news after it
        "Mars 2030",  # a month and a year are no day
        "",
    ],
)
def test_sentences_and_headlines_are_no_stamps(line: str) -> None:
    assert not stamp(line)


def test_a_stamp_gives_its_first_date() -> None:
    line = "Posted 11/27/2005 7:21 AM Updated 11/28/2005 3:41 PM"
    assert stamp_date(line) == date(2005, 11, 27)
    assert stamp_date("The vote was held on June 7, 2013.") is None


def test_a_stamp_glued_into_a_text_is_found_up_to_its_last_date_or_time() -> None:
    text = "Ferry crews strike Posted on March 09, 2013 The crews walked out."
    assert [text[a:b] for a, b in stamp_spans(text)] == ["Posted on March 09, 2013"]
    text = "Grève des bacs Publié le 12 avril 2013 à 10h00 Les équipages ont cessé."
    assert [text[a:b] for a, b in stamp_spans(text)] == [
        "Publié le 12 avril 2013 à 10h00"
    ]
    assert stamp_spans("The report was published in March by the council.") == []
