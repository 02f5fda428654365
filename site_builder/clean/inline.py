"""Clean stage, furniture inside a paragraph: the spans to cut, and where to split.

Scraped text glues furniture to the news: "Assange's Father Says ... to US LONDON
(Sputnik) - John Shipton, the father...", "Title Posted on March 09, 2013 The roar",
"... said. (Photo by Jane Roe/Getty Images)". A dateline or a stamp always opens the
body, so what stands before it in the same paragraph (a glued headline) becomes a
paragraph of its own. Each rule is anchored on something that only furniture
writes: an agency in parentheses followed by a dash, a place in capitals followed by
a dash, a stamp word followed by a whole stamp, a credit label in parentheses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.clean.credits import credit_spans
from site_builder.clean.lines import AGENCIES
from site_builder.text.stamps import stamp_spans

LEAD_WINDOW = 400  # characters: a plain dateline or a stamp opens a paragraph's text
MIN_BODY = 80  # characters after a plain dateline: a headline is not cut
MAX_PLACE = 60  # characters of place before an agency: "SANTA FE, Nuevo México, EE.UU."
MAX_CAPS_WORDS = 4  # in one part of a place in capitals: "CITTÀ DEL MESSICO"
MAX_NAME_WORDS = 2  # capitalised: "New Delhi" ("Chief Reveals New Delhi (Sputnik)")
MAX_PLACE_PREFIX = 6  # letters of the first of two: "New", "Santa", "Sankt"


@dataclass(frozen=True, slots=True)
class Cut:
    """A span of furniture in a paragraph; ``split``: what precedes it stands apart."""

    start: int
    end: int
    why: str
    split: bool


_AGENCY = re.compile(
    rf"\(\s*(?i:{AGENCIES})(?:\s*[/,-]\s*[\w.]{{1,20}})*\s*\)\s*(?:[-–—]+|:)\s*"
)
_PLACE_WORD = re.compile(r"[^\W_][\w.'’-]*\.?|,")
_PLACE_PREFIXES_TEXT = "EL LA LE ST ST. DE DA DU"
_PLACE_PREFIXES = frozenset(_PLACE_PREFIXES_TEXT.split())
_JOINERS_TEXT = "de del di da do am an upon sur la le el y"
_JOINERS = frozenset(_JOINERS_TEXT.split())
_CAPS_PLACE = (
    r"(?:[A-ZÀ-Þ]{2}\.?\s)?[A-ZÀ-Þ][A-ZÀ-Þ.'’-]{2,}(?:[ /-]+[A-ZÀ-Þ][A-ZÀ-Þ.'’-]*){0,3}"
    r"(?:,\s*[A-ZÀ-Þ][\w.'’]*(?:\s[A-ZÀ-Þ][\w.'’]*){0,2}){0,2}"
)
_PLAIN_DATELINE = re.compile(
    rf"(?:^|(?<=\s))(?P<place>{_CAPS_PLACE})\s*(?:[-–—]{{1,2}}|:)\s+"
    r"(?=[\"«“„]?[A-ZÀ-Þ0-9])"
)
# What ends every plain dateline's place: a scan in C before the pattern's lookbehind
_DATELINE_MARK = re.compile(r"[-–—:]\s")
_KICKERS_TEXT = """
    UPDATE UPDATED BREAKING EXCLUSIVE WATCH VIDEO LIVE PHOTOS NOTE EILMELDUNG DIREKT
    VIDÉO INFO ALERTE URGENT WIDEO
"""
_KICKERS = frozenset(_KICKERS_TEXT.split())
_CREDIT_IN = re.compile(
    r"\s*\((?:(?:AP|AFP|EPA|dpa|Reuters|REUTERS|Getty)\s+)?(?:Photo|Foto|Picture|Bild"
    r"|Image|Crédit|Credit|Photograph|Fotografía)s?(?:\s*[:/]|\s+(?:by|via|de|di|par"
    r"|von|courtesy|credit)\b)[^()]{0,100}\)|\s*\((?:Photo|Foto|Bild)\)"
    r"|\s*\([^()]{0,60}\bfile\s+photo\)"
    # no label: names and agencies in parentheses, full-width ones too
    r"|\s*[(\uff08][^()\uff08\uff09]{0,80}(?:Getty\s+Images|/\s*(?:AFP|AP|Reuters|dpa)\b"
    r"|Agence\s+France-Presse)[^()\uff08\uff09]{0,40}[)\uff09]",
    re.IGNORECASE,
)
# What every credit holds (lower case): paragraphs without one are not searched
# (substring tests: a regex alternation scanned each paragraph 10x slower).
_CREDIT_WORDS = (
    "photo",
    "foto",
    "bild",
    "picture",
    "image",
    "credit",
    "crédit",
    "getty",
    "©",
    "/afp",
    "/ap",
    "/reuters",
    "/dpa",
    "/ afp",
    "/ ap",
    "/ reuters",
    "/ dpa",
    "agence",
)
MAX_TRAILER = 320  # characters: "(Reporting by ...)" or "Lire aussi : ..." at the end
# Share buttons scraped as words: "Jetzt teilen: Jetzt teilen:", "Share This Story"
_SHARE = re.compile(
    r"(?:\bJetzt\s+teilen:?\s*){1,3}|\bShare\s+This\s+(?:Story|Article)(?:\s+On)?:?\s*"
    r"|\bShare\s+This\s+On:\s*(?:Pin\s+)?(?:\d+\s+Shares?\s*)?"
    r"|\b(?:Teilen|Share|Partager)\s+(?:(?:Teilen|Weiterleiten|Tweeten|Twittern|Drucken"
    r"|Tweet|Email|Print|Partager|Imprimer)\b\s*){1,5}"
)
_GETTY = re.compile(
    r"[A-Z][A-Z .,'-]{2,40} - [A-Z]{3,9}\.? \d{1,2}:\s.{10,400}?"
    r"\((?:Photo|Photograph)\s+by\s+[^()]{1,80}\)\s*"
)
_AFTER_SENTENCE = r"(?<=[.!?»\"”)])\s+"
# Each trailer with the words it cannot match without (case as written): most
# paragraphs' tails hold none, and substring tests in C spare them the pattern.
_TRAILER_TEXTS = (
    (
        re.compile(
            _AFTER_SENTENCE + r"(?:Read\s+more|READ\s+MORE|Lire\s+(?:aussi|la\s+suite)"
            r"|LIRE\s+AUSSI|[AÀ]\s+lire\s+aussi|Lesen\s+Sie\s+(?:auch|mehr)"
            r"|Mehr\s+zum\s+Thema|Leggi\s+anche|Lee\s+también|Czytaj\s+(?:też|także)"
            r"|Читайте\s+также|Plus\s+de\s+nouvelles|More\s+news|Mehr\s+Nachrichten"
            r"|Weitere\s+Nachrichten|Más\s+noticias|Altre\s+notizie"
            r"|Plus\s+à\s+ce\s+sujet|More\s+on\s+this\s+story)\b.{0,200}$",
            re.DOTALL,
        ),
        "read-more link",
        "Read READ Lire LIRE lire Lesen Mehr Leggi Lee Czytaj Читайте Plus More Weitere"
        " Más Altre",
    ),
    (re.compile(_AFTER_SENTENCE + r"©.{1,80}$"), "copyright notice", "©"),
    (
        # "For more stories like this on Switzerland, follow us on Facebook"
        re.compile(
            _AFTER_SENTENCE
            + r"(?:[^.!?]{0,100}[,:]\s*)?(?:[Ss]uivez-nous|[Ff]ollow\s+us"
            r"|[Ff]olgen\s+Sie\s+uns|[Ss]íguenos|[Ss]eguici)\s+(?:sur|on|auf|en|su)\b"
            r"[^.!?]{0,80}[.!]?$"
        ),
        "subscription prompt",
        "suivez Suivez follow Follow folgen Folgen síguenos Síguenos seguici Seguici",
    ),
    (
        # "___ Associated Press writer Jane Doe contributed to this report from Miami"
        re.compile(
            _AFTER_SENTENCE + r"(?:_{2,}\s*)?[^.!?_]{3,120}?\bcontributed\s+to\s+"
            r"(?:this|the)\s+(?:report|story|article)\b[^.!?]{0,80}\.?$"
        ),
        "byline",
        "contributed",
    ),
    (
        re.compile(
            _AFTER_SENTENCE + r"\((?:Reporting|Additional\s+reporting|Writing|Editing)"
            r"\s+by[^()]{1,200}\)$"
        ),
        "byline",
        "(Reporting (Additional (Writing (Editing",
    ),
    (
        re.compile(
            _AFTER_SENTENCE + r"(?:Photos?|Fotos?|Bild|Picture|Image|Credit|Crédit)"
            r"\s*:\s*[^.!?:]{1,80}$"
        ),
        "photo credit",
        "Photo Foto Bild Picture Image Credit Crédit",
    ),
)
_TRAILERS = tuple((p, why, tuple(words.split())) for p, why, words in _TRAILER_TEXTS)


def inline_cuts(text: str, first: bool, lang: str) -> list[Cut]:
    """The furniture spans of paragraph ``text``, in order, not overlapping.

    ``first``: the body's first paragraph, where a headline may be doubled.
    """
    found: list[Cut] = []
    if first:
        found += _doubled_headline(text)
    found += _agency_datelines(text)
    found += _plain_dateline(text)
    found += _stamps(text)
    low = text.lower()
    if any(word in low for word in _CREDIT_WORDS):  # most paragraphs have none
        found += [
            Cut(m.start(), m.end(), "photo caption", True)
            for m in _GETTY.finditer(text)
        ]
        found += [
            Cut(m.start(), m.end(), "photo credit", False)
            for m in _CREDIT_IN.finditer(text)
        ]
        found += [Cut(a, b, "photo credit", True) for a, b in credit_spans(text, lang)]
    if "teilen" in low or "share" in low or "partager" in low:
        found += [
            Cut(m.start(), m.end(), "share prompt", False)
            for m in _SHARE.finditer(text)
        ]
    tail = max(0, len(text) - MAX_TRAILER)  # a trailer ends the paragraph
    end = text[tail:]
    for pattern, why, words in _TRAILERS:
        if any(word in end for word in words):
            found += [
                Cut(m.start(), m.end(), why, False)
                for m in pattern.finditer(text, tail)
            ]
    return _ordered(found)


def _ordered(found: list[Cut]) -> list[Cut]:
    """Cuts by start; one overlapping an earlier one is dropped."""
    kept: list[Cut] = []
    for cut in sorted(found, key=lambda c: (c.start, -c.end)):
        if kept and cut.start < kept[-1].end:
            continue
        kept.append(cut)
    return kept


def _agency_datelines(text: str) -> list[Cut]:
    cuts = []
    for found in _AGENCY.finditer(text):
        start = _place_start(text, found.start())
        cuts.append(Cut(start, found.end(), "agency dateline", True))
    return cuts


def _place_start(text: str, end: int) -> int:
    """Where the place before an agency starts ("CARACAS, Venezuela (AP)", "LONDON,
    June 5 (Reuters)"): words read backwards, capitalised (or a day's number), one
    case within a comma-separated part, 60 characters at most; a two-letter word in
    capitals opens no place ("... to US LONDON (Sputnik)")."""
    words = list(_PLACE_WORD.finditer(text, max(0, end - MAX_PLACE), end))
    start = following = end
    part: list[re.Match[str]] = []
    for word in reversed(words):
        token = word.group()
        gap = text[word.end() : following]
        if gap.strip() or "\n" in gap or len(gap) > (2 if following == end else 1):
            break
        following = word.start()
        if token == ",":
            if not part:
                break
            start, part = _part_start(part, start), []
            continue
        if part and token.lower() in _JOINERS:
            part.append(word)
            continue
        if not (token[:1].isupper() or (token.isdigit() and len(token) <= 2)):
            break
        cased = [w.group().isupper() for w in part if w.group()[:1].isupper()]
        if cased and not token.isdigit() and token.isupper() != cased[0]:
            break
        if len(cased) >= (MAX_CAPS_WORDS if token.isupper() else MAX_NAME_WORDS):
            break
        part.append(word)
    return _part_start(part, start) if part else start


def _part_start(part: list[re.Match[str]], start: int) -> int:
    """The start of a place part read backwards (its leftmost word last)."""
    while part and part[-1].group().lower() in _JOINERS:
        part.pop()
    first = part[-1].group() if part else ""
    if first.isupper() and len(first.rstrip(".")) <= 2 and first not in _PLACE_PREFIXES:
        part.pop()
    elif len(part) > 1 and not first.isupper() and len(first) > MAX_PLACE_PREFIX:
        part.pop()  # "New Delhi", "Den Haag", "Bad Ems"; not "Gesichtserkennung Berlin"
    return part[-1].start() if part else start


def _plain_dateline(text: str) -> list[Cut]:
    head = text[:LEAD_WINDOW]
    if not _DATELINE_MARK.search(head):
        return []
    for found in _PLAIN_DATELINE.finditer(head):
        before = text[: found.start()]
        if re.search(r"[.!?…]\s*$", before.rstrip()) and before.strip():
            continue  # after a sentence: a capitalised word that happens to be there
        if before.strip() and re.search(r"[.!?…]\s", before):
            return []
        if len(text) - found.end() < MIN_BODY:
            return []
        place = found.group("place")
        if sum(c.isalpha() for c in place) < 4:
            continue
        why = "kicker" if place.split()[0].strip(":") in _KICKERS else "dateline"
        return [Cut(found.start(), found.end(), why, True)]
    return []


def _stamps(text: str) -> list[Cut]:
    return [
        Cut(start, end, "publication stamp", True) for start, end in stamp_spans(text)
    ]


def _doubled_headline(text: str) -> list[Cut]:
    """ "Title Title Body": a headline scraped twice, glued to the body."""
    words = text.split(" ")
    for size in range(4, min(40, len(words) // 2) + 1):
        if words[:size] == words[size : 2 * size] and words[size - 1][-1:] not in ".!?":
            start = len(" ".join(words[:size])) + 1
            end = len(" ".join(words[: 2 * size]))
            return [Cut(start, end, "doubled headline", True)]
    return []
