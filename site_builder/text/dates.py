"""Dates as pages write them: in stamps, datelines and URLs; a language-aware primitive.

Only whole dates are read (day, month and year): "Posted Sep 27, 2013 10:50AM CDT",
"Publié le 12 avril 2013", "Stand: 02.01.2020 14:00 Uhr", ``/2013/04/12/``. A
weekday or a month alone ("mardi", "May 9") is never a date: a general date parser
reads those as dates near today. Numbers written ``04/05/2013`` are month first in
English with a 12-hour clock or a US time zone, day first otherwise (and whenever
the first number cannot be a month).

``stamp`` tells whether a short line is nothing but a publication stamp: dates,
times, time zones, weekdays and the words around them ("Published", "Mis à jour
le", "Aktualisiert am"), with at most a place name ("WASHINGTON, DC, April 28,
2009"). A line of news always has more words than that.
"""

from __future__ import annotations

import re
from datetime import date

# Month names and abbreviations, lower case: en, fr, de, es, it, pt, nl.
_MONTH_NAMES = {
    1: "january jan janvier janv januar jänner jän enero ene gennaio gen janeiro"
    " januari",
    2: "february feb febr février fevrier févr fév fev februar febrero febbraio"
    " fevereiro februari",
    3: "march mar mars märz maerz mär marzo março maart",
    4: "april apr avril avr abril aprile",
    5: "may mai mayo maggio mag maio mei",
    6: "june jun juin juni junio giugno giu junho",
    7: "july jul juillet juil juli julio luglio lug julho",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre settembre set setembro",
    10: "october oct octobre oktober okt octubre ottobre ott outubro",
    11: "november nov novembre noviembre novembro",
    12: "december dec décembre decembre déc dezember dez diciembre dic dicembre"
    " dezembro",
}
MONTHS = {
    name: number for number, names in _MONTH_NAMES.items() for name in names.split()
}
WEEKDAYS_TEXT = """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu
    thur thurs fri sat sun lundi mardi mercredi jeudi vendredi samedi dimanche
    montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag lunes
    martes miércoles miercoles jueves viernes sábado sabado domingo lunedì lunedi
    martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato
    domenica
    """
WEEKDAYS = frozenset(WEEKDAYS_TEXT.split())
_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th|er|re|e|º|°|\.)?"
_PATTERNS = (
    # 12 avril 2013, 3. Mai 2020, 9th September 2013, 3 de abril de 2018, 07-Jun-2013
    re.compile(
        rf"(?<![\w.])(?P<d>[0-3]?\d){_ORDINAL}[\s-]*(?:de\s+)?(?P<m>{_MONTH})\b\.?,?"
        r"[\s-]*(?:de\s+)?(?P<y>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    ),
    # June 06, 2013; Jun 11th, 2012; Sept. 08 2010; November 27-2005; Dec-19-05
    re.compile(
        rf"(?<![\w.])(?P<m>{_MONTH})\b\.?[\s-]*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
        r"(?:,?(?:\s*[-/]\s*|\s+)(?P<y>(?:19|20)\d\d)(?![\d:.])|[-/](?P<yy>\d\d)(?!\d))",
        re.IGNORECASE,
    ),
    # 2013-09-26, 2013/09/26
    re.compile(
        r"(?<![\d.])(?P<y>(?:19|20)\d\d)([-/.])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)(?!\d)"
    ),
    # 04/09/2007, 14.09.2013, 06/06/13, 02.29.12
    re.compile(
        r"(?<![\d.:/])(?P<a>[0-3]?\d)([./-])(?P<b>[0-3]?\d)\2(?P<y>(?:19|20)\d\d|\d\d)"
        r"(?![\d/]|\.\d)"
    ),
)
# Month first in 04/05/2013: a 12-hour clock, a US time zone, an English stamp word.
_US_CLOCK = re.compile(
    r"\d\s*[ap]\.?\s?m\b\.?|\b(?:E[SD]T|C[SD]T|M[SD]T|P[SD]T|ET|PT|CT)\b"
    r"|\b(?:posted|updated|published|released?|edited)\b",
    re.IGNORECASE,
)


def full_date(text: str, month_first: bool | None = None) -> date | None:
    """The first whole date written in ``text`` (a stamp or dateline), or None.

    ``month_first`` settles ``04/05/2013``; None: month first when ``text`` has a
    12-hour clock, a US time zone or an English stamp word ("4/9/2007 6:04 PM",
    "Release: 03/08/2013"), day first otherwise ("Mis à jour le 04/05/2013").
    """
    found = first_date(text, month_first)
    return None if found is None else found[1]


def first_date(text: str, month_first: bool | None = None) -> tuple[int, date] | None:
    """Where the first whole date of ``text`` starts, and that date (see full_date)."""
    best: tuple[int, date] | None = None
    for pattern in _PATTERNS:
        for found in pattern.finditer(text):
            value = _value(found, text, month_first)
            if value is not None:
                if best is None or found.start() < best[0]:
                    best = (found.start(), value)
                break
    return best


def _value(found: re.Match[str], text: str, month_first: bool | None) -> date | None:
    parts = found.groupdict()
    year = int(parts["y"] or parts.get("yy") or 0)
    if year < 100:
        year += 2000 if year < 70 else 1900
    if parts.get("m") is not None:
        name = parts["m"]
        month = MONTHS.get(name.lower()) if not name.isdigit() else int(name)
        day = int(parts["d"])
    else:
        first, second = int(parts["a"]), int(parts["b"])
        if month_first is None:
            month_first = found.group(2) == "/" and bool(_US_CLOCK.search(text))
        if first > 12 or (second <= 12 and not month_first):
            day, month = first, second
        else:
            month, day = first, second
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A date in a URL: /2013/04/12/, /2013-04-12-, -20130412, /20130606/
_URL_DATE = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)([/_-])(?P<m>[01]\d|[1-9])\2"
    r"(?P<d>[0-3]\d(?!\d)|[1-9](?=[/?#._]|$))"  # not "/2013/08/5-thoughts-on-..."
    r"|(?<![\d])(?P<y8>(?:19|20)\d\d)(?P<m8>0[1-9]|1[0-2])(?P<d8>0[1-9]|[12]\d|3[01])"
    r"(?![\d])"
)


def url_date(url: str) -> date | None:
    """The publication date a source URL's path carries, or None.

    Only the path and query count (never the host), and only whole dates: a
    ``/2013/08/`` folder says the month, not the day.
    """
    after_host = url.split("//", 1)[-1].partition("/")[2]
    for found in _URL_DATE.finditer(after_host):
        parts = found.groupdict()
        year = parts["y"] or parts["y8"]
        month = parts["m"] or parts["m8"]
        day = parts["d"] or parts["d8"]
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None
