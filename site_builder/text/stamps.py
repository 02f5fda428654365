"""Publication stamps: a line that only says when (and where) a page was published.

"Posted: Sep 27, 2013 10:50AM CDT", "Mis à jour le 12/04/2013 à 10h00",
"Freitag, 7. Juni 2013", "WASHINGTON, DC, April 28, 2009", "Updated 9:06 AM". A line
is a stamp when, once its dates, times, time zones, weekdays and stamp words are
taken away, nothing is left but punctuation, or a short place name in front of a
whole date. A sentence of news always leaves more: the rule has no list of
sentences to miss, only a vocabulary to exhaust.
"""

from __future__ import annotations

import re
from datetime import date

from site_builder.text.dates import MONTHS, WEEKDAYS, first_date, full_date

MAX_STAMP = 160  # characters: a longer line is text
MAX_PLACE_WORDS = 4  # "WASHINGTON, DC", "Washington D. C. (CNA)", "SUNNYVALE, Calif."

# Words that stand around dates in stamps, lower case, in the languages we publish.
_STAMP_WORDS_TEXT = """
    published posted updated edited released release created modified date time
    on at by in | @ hrs hr h uhr um am le la à au mis mise jour publié publiée
    modifié modifiée actualisé actualisée et and und de del du des der
    veröffentlicht aktualisiert zuletzt stand publicado publicada actualizado
    actualizada el las pubblicato pubblicata aggiornato aggiornata il alle ore
    local uk
    """
_STAMP_WORDS = frozenset(_STAMP_WORDS_TEXT.split())
_ZONES_TEXT = """
    gmt utc bst cet cest est edt cst cdt mst mdt pst pdt et pt ct ist hkt aest aedt
    jst msk wib sgt mez mesz
    """
_ZONES = frozenset(_ZONES_TEXT.split())
_TIME = re.compile(
    r"\b[0-2]?\d\s?[:h.]\s?[0-5]\d(?:\s?:\s?[0-5]\d)?(?:\s*[ap]\.?\s?m\b\.?|[ap]\b)?"
    r"|\b[01]?\d\s*[ap]\.?\s?m\b\.?|\b[0-2]\d[0-5]\d(?=\s*(?:GMT|UTC)\b)"
    r"|\bGMT\s?[+-]\s?\d\d?(?::?\d\d)?",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}([./-])\d{1,2}\1\d{2,4}\b")
_WORD = re.compile(r"[^\W\d_]+(?:[.'’][^\W\d_]+)*\.?|\d+(?i:st|nd|rd|th|er)?\b")
_AGENCY = re.compile(r"\([A-Z][\w .-]{0,20}\)")  # "(CNA)" after a dateline's date
# "Last" and "First" only as stamp words: "... 2013 First, the police said"
_LAST_FIRST = re.compile(r"\b(?:last|first)\s+(?:posted|published|updated)\b", re.I)


_STAMP_WORD = re.compile(
    r"(?<![\w-])(?:Posted|Published|Updated|Last\s+updated|First\s+published"
    r"|First\s+posted|Publié(?:e)?|Mis\s+à\s+jour|Mise\s+à\s+jour|Veröffentlicht"
    r"|Aktualisiert|Zuletzt\s+aktualisiert|Publicado|Actualizado|Pubblicato"
    r"|Aggiornato|POSTED|PUBLISHED|UPDATED)\b"
)
# A piece of each stamp word above (case as written): a text holding none is not
# scanned (substring tests in C; the pattern's lookbehind is tried at every offset).
_STAMP_PIECES_TEXT = """
    osted ublished pdated Publi Mis eröffentlicht ktualisiert Actualizado Pubblicato
    Aggiornato POSTED PUBLISHED UPDATED
    """
_STAMP_PIECES = tuple(_STAMP_PIECES_TEXT.split())
_TOKEN = re.compile(r"\S+")
_STAMP_END = re.compile(
    r"(?:\d(?:st|nd|rd|th|h)?|[ap]\.?\s?m\.?|\b[A-Z]{2,4}T|GMT|UTC|IST|\))[,.;|]?$",
    re.IGNORECASE,
)


def stamp(line: str) -> bool:
    """Whether ``line`` is a publication stamp and nothing else (see the module)."""
    text = line.strip()
    if not text or len(text) > MAX_STAMP or not _DIGIT.search(text):
        return False  # a date and a time both have digits
    dated = first_date(text)
    timed = _TIME.search(text) is not None
    if dated is None and not timed:
        return False
    without = _NUMERIC_DATE.sub(_blank, _LAST_FIRST.sub(_blank, text))
    without = _AGENCY.sub(_blank, _TIME.sub(_blank, without))
    rest: list[re.Match[str]] = []
    said = _LAST_FIRST.search(text) is not None  # a time alone is no stamp
    for word in _WORD.finditer(without):
        key = word.group().lower().rstrip(".")
        if key in MONTHS or key in WEEKDAYS or key in _STAMP_WORDS:
            said = True
        elif not (key[:1].isdigit() or key in _ZONES):  # 12, 11th, 1er
            rest.append(word)
    if not rest:
        return dated is not None or said
    return dated is not None and _place(rest, text, dated[0])


def _blank(found: re.Match[str]) -> str:
    return " " * len(found.group())


def _place(rest: list[re.Match[str]], text: str, date_at: int) -> bool:
    """A short place (or agency) name before a whole date: a dateline line."""
    if len(rest) > MAX_PLACE_WORDS or text.rstrip()[-1:] in ".!?":
        return False
    return all(w.group()[:1].isupper() and w.end() <= date_at for w in rest)


def stamp_date(line: str) -> date | None:
    """The date of a stamp line (its first whole date), or None."""
    return full_date(line) if stamp(line) else None


def stamp_spans(text: str) -> list[tuple[int, int]]:
    """Stamps inside a text ("Title Posted on March 09, 2013 The roar"): a stamp
    word, then the longest stamp after it that ends on a date, a time or a time zone
    (never on a word of the sentence that follows)."""
    spans: list[tuple[int, int]] = []
    if not any(piece in text for piece in _STAMP_PIECES):
        return spans
    for found in _STAMP_WORD.finditer(text):
        tail = text[found.start() : found.start() + MAX_STAMP]
        ends = [m.end() for m in _TOKEN.finditer(tail) if _STAMP_END.search(m.group())]
        for end in reversed(ends):
            piece = tail[:end].rstrip(" ,;|-–—")
            if stamp(piece):
                spans.append((found.start(), found.start() + len(piece)))
                break
    return spans
