"""Dates in stamps and URLs: whole dates only, in the languages we publish."""

from __future__ import annotations

from datetime import date

import pytest

from site_builder.text.dates import first_date, full_date, url_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("June 06, 2013", date(2013, 6, 6)),
        ("Jun 11th, 2012 at 1:23 PM", date(2012, 6, 11)),
        ("Sept. 08 2010", date(2010, 9, 8)),
        ("Sunday, November 27-2005 at 16:12", date(2005, 11, 27)),
        ("Mon Dec-19-05 03:49 PM", date(2005, 12, 19)),
        ("10:55 P. M. FEB. 2, 2009", date(2009, 2, 2)),
        ("9 September 2013 Last updated at 14:39 GMT", date(2013, 9, 9)),
        ("Publié le 12 avril 2013 à 10h00", date(2013, 4, 12)),
        ("Mis à jour le 1er mai 2020", date(2020, 5, 1)),
        ("Freitag, 7. Juni 2013", date(2013, 6, 7)),
        ("Stand: 02.01.2020, 14:00 Uhr", date(2020, 1, 2)),
        ("Actualizado el 17 de marzo de 2020", date(2020, 3, 17)),
        ("Aggiornato il 3 maggio 2020", date(2020, 5, 3)),
        ("Released 2013-09-28 05:08 GMT", date(2013, 9, 28)),
    ],
)
def test_whole_dates_are_read_in_their_languages(text: str, day: date) -> None:
    assert full_date(text) == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Updated 4/9/2007 6:04 PM", date(2007, 4, 9)),  # a 12-hour clock: US order
        ("Release: 03/08/2013", date(2013, 3, 8)),  # an English stamp word
        ("Mis à jour le 03/08/2013", date(2013, 8, 3)),  # French: day first
        ("Last updated 13:26 14/09/2013", date(2013, 9, 14)),  # 14 is no month
        ("02.29.12 4:15 PM", date(2012, 2, 29)),  # 29 is no month either
    ],
)
def test_numbers_are_read_day_or_month_first_by_their_context(
    text: str, day: date
) -> None:
    assert full_date(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "mardi",  # a weekday alone
        "Interior Secretaries Must Act by May 9",  # no year
        "Jul. 7 5:59 PM EDT",
        "May 9 13 people were hurt",  # a number after a day is no year
        "Novemer 27, 2005",  # a misspelt month: no guess
        "2013-02-30",  # no such day
        "Version 2.0.1 ships today",
    ],
)
def test_no_whole_date_is_none(text: str) -> None:
    assert full_date(text) is None


def test_the_first_date_is_found_with_its_place() -> None:
    assert first_date("PARIS, 12 mai 2013, puis le 14 mai 2013") == (
        7,
        date(2013, 5, 12),
    )


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example/2013/04/12/ferry-strike/", date(2013, 4, 12)),
        ("https://news.example/2013-06-06/local/strike-20130606_1", date(2013, 6, 6)),
        ("https://news.example/a/30409/20130606/strike.htm", date(2013, 6, 6)),
        ("https://news.example/id/USBRE9710UQ20130802", date(2013, 8, 2)),
        ("https://news.example/2013/08/strike/", None),  # a month, not a day
        ("https://2013-04-12.example/strike", None),  # a host is no path
        ("https://news.example/story/52126262", None),
    ],
)
def test_a_url_path_gives_its_whole_date(url: str, day: date | None) -> None:
    assert url_date(url) == day
