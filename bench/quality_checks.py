"""What a reader sees in a drafted brief, checked with the bench's own rules.

Every detector here is independent of the product: page furniture is found by its
own patterns (not the cleaner's), stop words come from sumy's lists and the
``stop-words`` package together, and "the source's own words" is a substring test
on the article file itself. A product rule that these checks copied would pass
them by construction.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from stop_words import LANGUAGE_MAPPING, get_stop_words

_AGENCIES = (
    r"AFP|Reuters|AP|dpa(?:-AFX)?|AFX|ANSA|EFE|APA|KNA|epd|Xinhua|PAP|IANS|PTI|Belga"
    r"|ATS|SDA|UPI|TASS|Interfax|Europa\s+Press|Adnkronos|ANP|CNN|Bloomberg|Sputnik"
    r"|NTB|TT|Anadolu|Kyodo|Yonhap|Lusa|AGI|RIA\s+Novosti|Agence\s+France-Presse"
    r"|Associated\s+Press|PA|Press\s+Association|AAP|CP|BBC"
)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|janvier|février"
    r"|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|Januar|Februar|März|Juni|Juli|Oktober|Dezember)"
)
_DAYS = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche|Montag|Dienstag|Mittwoch|Donnerstag"
    r"|Freitag|Samstag|Sonntag)"
)
# Each kind of page furniture a scrape leaves in the text, as its own pattern.
FURNITURE: dict[str, re.Pattern[str]] = {
    # "PARIS (AFP) -", "Teheran (dpa) -", "LONDON, June 5 (Reuters) -", "(AP) —"
    "agency prefix": re.compile(
        rf"\((?:{_AGENCIES})(?:\s*[/,-]\s*[\w.]+)*\)\s*[-–—:]", re.IGNORECASE
    ),
    # "WASHINGTON — The ...", "NEW YORK, N.Y. -": a capitalised place and a dash
    "dateline": re.compile(
        r"(?:^|(?<=[.!?]\s))[A-ZÀ-Þ]{3,}(?:[ -][A-ZÀ-Þ]{2,})*(?:,\s*[A-Z][\w.]*"
        r"(?:\s\d{1,2})?)?\s+[-–—]\s+(?=[A-ZÀ-Þ\"«“])"
    ),
    # "Published: 12 May 2013", "Posted September 26, 2013-3:47pm", "Mis à jour le"
    "published/updated stamp": re.compile(
        r"\b(?:Published|Updated|Last\s+updated|Posted|First\s+published|Publié"
        r"|Mis\s+à\s+jour|Modifié|Actualisé|Veröffentlicht|Aktualisiert|Stand"
        r"|Publicado|Actualizado|Pubblicato|Aggiornato)\b\s*(?:on|le|am|at|:|-)?\s*"
        rf"(?:\d|{_DAYS}|{_MONTHS})"
    ),
    # "Photo: AFP", "Image copyright Getty Images", "© Reuters", "Crédit photo"
    "image credit": re.compile(
        r"©|\b(?:Photo|Photos|Foto|Fotos|Picture|Image|Bild|Crédits?(?:\s+photo)?"
        r"|Credit|Copyright|Photograph)\s*:\s*\S|\bImage\s+(?:caption|copyright)\b"
        r"|\bGetty\s+Images\b|\bAFP\s+PHOTO\b|\bPhoto\s+(?:by|d['’]illustration)\b"
        r"|\bBildquelle\b|\bREUTERS/"
    ),
    # "Lire aussi", "Read more", "Lesen Sie auch": links to other pages
    "read-also link": re.compile(
        r"\b(?:Lire\s+aussi|À\s+lire\s+aussi|A\s+lire\s+aussi|LIRE\s+AUSSI|À\s+LIRE"
        r"|Read\s+more|READ\s+MORE|See\s+also|Related\s*:|Lesen\s+Sie\s+auch"
        r"|Mehr\s+zum\s+Thema|Leggi\s+anche|Lee\s+también|Lea\s+también|Czytaj\s+też"
        r"|Читайте\s+также)\b"
    ),
    # a date standing as its own line, glued to the next: "Friday, June 7, 2013 Hol"
    "date line": re.compile(
        rf"(?:^|(?<=[.!?]\s)){_DAYS},?\s+(?:{_MONTHS}\s+\d{{1,2}}|\d{{1,2}}\.?\s+"
        rf"{_MONTHS}),?\s+\d{{4}}(?:\s*$|\s+(?=[A-ZÀ-Þ]))"
    ),
}
# What only a broken scrape leaves: TeX/CSS units, raw `` quotes, HTML entities.
DEBRIS = re.compile(
    r"\d?=?\d*em\d|\b\d+em[A-ZÀ-Þa-zà-ÿ]|``|''|&(?:nbsp|amp|quot|#\d+);|\ufffd"
    r"|<[a-z/][^>]{0,40}>"
)
# The words that open a sentence on an antecedent it does not give.
_ANTECEDENT = {
    "en": "he she it they this these those his her its their him them such there's",
    "fr": "il elle ils elles ce cet cette ces cela ça son sa ses leur leurs lui celui"
    " celle ceux celles",
    "de": "er sie es dies diese dieser dieses diesen sein seine seiner ihr ihre"
    " ihrer deren dessen",
}
_WORD = re.compile(r"\w+")
# written as escapes: these look like other characters (ruff RUF001)
_QUOTES = str.maketrans("", "", "\"'«»“”„‟\u2018’\u201a\u201b\u2039\u203a`\u00b4")
_DASHES = str.maketrans("–—\u2012\u2015\u2212", "-----")
_SENTENCE = re.compile(r"(?<=[.!?…»\"”])\s+(?=[\"«“A-ZÀ-Þ0-9])")
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+)\n", re.DOTALL)
_SUMY_LANGS = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "pl": "polish",
    "cs": "czech",
    "sv": "swedish",
    "el": "greek",
    "ar": "arabic",
    "uk": "ukrainian",
}


def furniture(text: str) -> tuple[str, ...]:
    """The kinds of page furniture found in ``text``, each line on its own."""
    found = set()
    for line in text.splitlines():
        found.update(kind for kind, rule in FURNITURE.items() if rule.search(line))
    return tuple(sorted(found))


def body_of(path: Path) -> str:
    """An article file's text without its front matter."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FRONT_MATTER.sub("", text, count=1)


def words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(text))


def jaccard(a: str, b: str) -> float:
    left, right = words(a), words(b)
    return len(left & right) / len(left | right) if left or right else 1.0


def sentences(text: str) -> list[str]:
    """A plain split of drafted text: stop, space, capital (drafts are tidy)."""
    return [s for s in _SENTENCE.split(text.strip()) if s]


def typographic(text: str) -> str:
    """``text`` with what typography may change folded: compatibility forms, quote
    marks (gone), dashes (one kind) and spaces (gone)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    return "".join(text.split())


def own_words(point: str, source: str) -> bool:
    """Whether ``point`` is a contiguous passage of ``source`` (already folded by
    typographic()): only typography may differ, plus the first letter's case and a
    final stop, which a whole clause taken from inside a sentence gains."""
    folded = typographic(point).rstrip(".!?…;:,")
    if len(folded) < 2:
        return bool(folded) and folded in source
    head, rest = folded[0], folded[1:]
    start = source.find(rest)
    while start != -1:
        if start > 0 and source[start - 1].lower() == head.lower():
            return True
        start = source.find(rest, start + 1)
    return False


@cache
def stop_list(lang: str) -> frozenset[str]:
    """Stop words of ``lang`` from sumy's lists and the stop-words package."""
    found: set[str] = set()
    if lang in LANGUAGE_MAPPING:
        found.update(w.lower() for w in get_stop_words(lang))
    name = _SUMY_LANGS.get(lang)
    if name:
        from sumy.utils import get_stop_words as sumy_stop_words  # bench extra

        found.update(w.lower() for w in sumy_stop_words(name))
    return frozenset(found)


def is_stop_word(item: str, lang: str) -> bool:
    """A keyword or topic made only of stop words ("also", "même", "sagte" is not)."""
    found = [w.lower() for w in _WORD.findall(item)]
    return bool(found) and all(w in stop_list(lang) for w in found)


def opens_on_antecedent(sentence: str, lang: str) -> bool:
    """Whether ``sentence`` opens on a pronoun or demonstrative ("It reduced ...",
    "His administration ...", "Cette mesure ...")."""
    listed = _ANTECEDENT.get(lang)
    first = _WORD.search(sentence)
    return bool(listed and first) and first.group().lower() in listed.split()


_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?!\d)"
    r"|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/"
)


# Two sentences a scraper glued: "plus tôt.L'UE", "en 1944.Aucun", "urbain.A Montréal".
# With no stop at all, a lower-case word runs into a capitalised one: "annéeSelon"
# (a word of its own: "BlackBerry", "iPhone" are brands).
_GLUED = re.compile(
    r"(?:[a-zà-ÿ]{2}|\b\d{4})\.(?:[A-ZÀ-Þ](?:[a-zà-ÿ]|['’][A-Za-zÀ-ÿ])|[AÀI]\s)"
    r"|(?<![\w'’-])[a-zà-ÿ]{3,}[A-ZÀ-Þ][a-zà-ÿ]"
)


def glued(text: str) -> bool:
    """Whether two sentences of ``text`` are glued (no space after the stop)."""
    return _GLUED.search(text) is not None


def opens_on_quote(sentence: str) -> bool:
    """Whether ``sentence`` opens on a quotation mark (someone's words, not the
    news)."""
    return sentence.lstrip()[:1] in "\"«“„\u2018'`"


def url_date(url: str) -> str | None:
    """The date a source URL carries (/2013/04/12/, 2013-04-12, /20130412/)."""
    found = _URL_DATE.search(url)
    if not found:
        return None
    year, month, day = (g for g in found.groups() if g)
    return f"{year}-{int(month):02d}-{int(day):02d}"
