"""Load stage, dates: when an article was published, and how we know it.

In order: the front matter's ``date``; the text's own stamp or dateline in its
opening lines ("Posted September 26, 2013", "Publié le 12 avril 2013",
"WASHINGTON, DC, April 28, 2009"); the date in its ``source_url``
(``/2013/04/12/``, ``2013-04-12`` in the slug). When a stamp and the URL are a day
or two apart they tell one day, and the URL's is kept: on the corpora the stamp
was then a local time or an update (``URL_AGREES``). An article with none of these is
undated: it is never shown as today's news. A site may ask for the file's time
instead (``[content] undated = "file-time"``), for desks whose files are written
as the news comes in.

Only whole dates count (day, month and year), and only in stamp contexts: a date
in a sentence ("Le 3 avril 2018, Lila ...") is news, not when it was published.
Text and URL dates are days, kept as midnight UTC (as a front-matter day is).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from site_builder.model import DateSource, FrontMatter
from site_builder.text.dates import full_date, url_date
from site_builder.text.stamps import stamp_date, stamp_spans

OPENING_LINES = 6  # non-blank lines of the body where a stamp or dateline stands
OPENING_CHARS = 600  # of a body scraped as one block, where a glued stamp stands
# Days apart a stamp and a URL may be and still tell one day: then the URL's is
# kept (a stamp shows local time, or the day of an update). Further apart, the URL
# is a republication's ("/2012/05/31/" on a 2004 obituary): the stamp is kept.
URL_AGREES = 2


def published(
    meta: FrontMatter, body: str, file_time: datetime | None
) -> tuple[datetime | None, DateSource]:
    """The article's date and where it came from; ``file_time``: the file's time
    when the site dates undated articles by it, else None."""
    if meta.date is not None:
        return meta.date, DateSource.FRONT_MATTER
    stamped = text_date(body)
    linked = url_date(meta.source_url) if meta.source_url else None
    if linked is not None and (
        stamped is None or abs((stamped - linked).days) <= URL_AGREES
    ):
        return _midnight(linked), DateSource.URL
    if stamped is not None:
        return _midnight(stamped), DateSource.TEXT
    if file_time is not None:
        return file_time, DateSource.FILE_TIME
    return None, DateSource.NONE


def text_date(body: str) -> date | None:
    """The date of the first stamp in the body's opening lines, or None."""
    lines = [line.strip() for line in body[: OPENING_CHARS * 4].split("\n")]
    for line in [line for line in lines if line][:OPENING_LINES]:
        found = stamp_date(line)
        if found is None:
            for start, end in stamp_spans(line[:OPENING_CHARS]):
                found = full_date(line[start:end])
                if found is not None:
                    break
        if found is not None:
            return found
    return None


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
