"""Sentence splitting for French, English and other languages: a rule-based splitter.

Why rules and not pysbd: pysbd measured at about 8 ms per news article here, more than
the whole per-article budget of the summarize stage; this splitter costs a few
hundredths of a millisecond. It looks at each candidate stop (``.``, ``!``, ``?``,
``…``, possibly followed by closing quotes; a Chinese or Japanese full stop,
exclamation or question mark always ends one) and decides from the word before it
(abbreviation, initial, dotted acronym) and the text after it (capital letter, digit,
opening quote). It also splits sentences glued by scrapers (``domestique.Consternant``).
"""

from __future__ import annotations

import re
from functools import cache

from stop_words import get_stop_words

from site_builder.text.normalize import CJK_CLOSERS, CJK_STOPS

# Titles before a name: never the end of a sentence ("M. Dupont", "Dr. Who").
_TITLE_WORDS = """
mr mrs ms dr prof st sen rep gov gen lt col capt sgt rev hon messrs mme mmes
mlle mlles m mm me pr mgr sr jr drs profs cpt cmdr adm maj insp supt det
"""
# Other abbreviations: a sentence may end with one ("... Ltd. The firm"), so they only
# end a sentence when the next word is a capitalised stop word ("The", "Le").
_ABBREVIATION_WORDS = """
etc inc ltd co corp plc llc bros vs v cf al approx est dept univ assn ave blvd
rd no nos nr n° p pp vol vols art arts ch chap fig figs ed eds éd op ibid ex
min max env hab av apr av.-j.-c j.-c ap boul bd fg tél tel mt mts jan feb mar
jun jul aug sep sept oct nov dec janv févr fév avr juil déc ca cie sté ste sq
bldg intl govt natl e.g i.e u.s u.k u.n a.m p.m
"""
_TITLES = frozenset(_TITLE_WORDS.split())
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_STOP = re.compile(rf"[.!?…{CJK_STOPS}]+(?:['’)\]{CJK_CLOSERS}]|\s?[»”])*")
_QUOTE = re.compile(r"[«»“”\"]")
_GLUED_WORDS = re.compile(r"(?<![\w'’-])[a-zà-ÿ]{3,}(?=[A-ZÀ-Þ][a-zà-ÿ])")
_BLOCKS = re.compile(r"\n\s*\n")
_MAX_QUOTE = 400  # characters: longer "quotations" are more likely unmatched marks
_CONTINUERS = ",;:%)]}"
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")  # "U.S" of "U.S.", "J.-C" is listed
_OPENERS = "«“\"'\u2018(¿¡—–-["
_CLOSERS = "»”\"'’)]"
_STARTER_LANGS = ("en", "fr", "de", "es", "it", "pt", "nl")


@cache
def _sentence_starters() -> frozenset[str]:
    """Capitalised stop words that open sentences in the languages we publish."""
    words: set[str] = set()
    for lang in _STARTER_LANGS:
        words.update(w for w in get_stop_words(lang) if len(w) > 1 and w.isalpha())
    return frozenset(words)


def _word_before(text: str, start: int) -> str:
    """The word ending at ``start`` (within 40 characters), opening marks off.

    What ``\\S*$`` finds in that window, with string methods (a regex tried at
    each offset of the window cost more than the rest of the splitter): ``$`` also
    matches before a final newline.
    """
    window = text[max(0, start - 40) : start]
    if window[-1:] == "\n":
        window = window[:-1]
    if not window or window[-1].isspace():
        return ""
    return window.rsplit(None, 1)[-1].lstrip(_OPENERS)


def _next_word(text: str, start: int) -> str:
    match = re.match("[\"'«“\u2018(\\s]*([^\\W\\d_]+)", text[start : start + 40])
    return match.group(1) if match else ""


def _period_ends(text: str, start: int, following: int) -> bool:
    """Whether the lone ``.`` at ``start`` ends a sentence, judged by its neighbours."""
    word = _word_before(text, start)
    lowered = word.lower()
    if lowered in _TITLES or (
        word.isdigit() and text[following : following + 1].islower()
    ):
        return False
    ambiguous = (
        lowered in _ABBREVIATIONS
        or (len(word) == 1 and word.isalpha())  # an initial: "J. K. Rowling"
        or ("." in word and bool(_DOTTED.match(word)))
    )
    if not ambiguous:
        return True
    return _next_word(text, following).lower() in _sentence_starters()


def _quotes(block: str) -> tuple[list[tuple[int, int]], frozenset[int]]:
    """Spans of short quotations in ``block``, and the straight quotes that close one.

    Straight quotes pair up in order (first opens, second closes); guillemets and curly
    quotes nest. A span longer than ``_MAX_QUOTE`` is ignored, so one unmatched quote
    cannot swallow a paragraph.
    """
    spans: list[tuple[int, int]] = []
    closing: set[int] = set()
    if not _QUOTE.search(block):
        return spans, frozenset()
    opened: list[int] = []
    straight: int | None = None
    for match in _QUOTE.finditer(block):
        at, mark = match.start(), match.group()
        if mark == '"':
            if straight is None:
                straight = at
                continue
            spans.append((straight, at))
            closing.add(at)
            straight = None
        elif mark in "«“":
            opened.append(at)
        elif opened:
            spans.append((opened.pop(), at))
    return [(a, b) for a, b in spans if b - a <= _MAX_QUOTE], frozenset(closing)


def _is_glued(text: str, start: int, end: int) -> bool:
    """``domestique.Consternant``: a stop with no space, then a capitalised word."""
    after = text[end : end + 3]
    if not _capitalised(after):
        return after[:1] in '«“"'  # "pas. »« Un jour", 'culture."On trouve'
    if text[end - 1] in _CLOSERS or text[start] in "!?…" or text[start - 1] in _CLOSERS:
        return True
    before = text[max(0, start - 2) : start]
    # "tôt.L'UE", a year: "en 1944.Aucun meeting", a share: "39,6%.La baisse"
    return len(before) == 2 and (
        (before.isalpha() and before.islower())
        or _year(text, start)
        or (before[1] == "%" and before[0].isdigit())
    )


def _capitalised(after: str) -> bool:
    """A capital, then a lower-case letter or an elided article ("L'UE", "D’après")."""
    if len(after) < 2 or not after[0].isupper():
        return False
    if after[0] in "AÀI" and after[1] == " ":
        return True  # "urbain.A Montréal", "here.I said"
    return after[1].islower() or (after[1] in "'’" and after[2:3].isalpha())


def _year(text: str, start: int) -> bool:
    """Four digits, a word of their own, just before ``start``."""
    found = text[max(0, start - 5) : start]
    return len(found) == 5 and found[1:].isdigit() and not found[0].isalnum()


def _ends_here(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start - 1] in "[(":  # "[...]" marks a cut inside a quotation
        return False
    if text[start] in CJK_STOPS:  # ends a sentence, no space after
        return True
    following, size = end, len(text)
    while following < size and text[following].isspace():
        following += 1
    if following == size:
        return True
    if following == end:
        return _is_glued(text, start, end)
    first = text[following]
    if first.islower() or first in _CONTINUERS:
        return False
    if text[start:end].rstrip(_CLOSERS).rstrip() == ".":
        return _period_ends(text, start, following)
    return True


def _stops(block: str) -> list[tuple[int, int]]:
    """Candidate stops, and the points where a scrape glued a heading or a sentence
    to the next with no stop at all ("cette annéeSelon le service"): a whole word in
    lower case, then a capitalised one ("BlackBerry", "iPhone" are no such point)."""
    found = [match.span() for match in _STOP.finditer(block)]
    if _GLUED_WORDS.search(block) is None:
        return found
    glued = [(m.end(), m.end()) for m in _GLUED_WORDS.finditer(block)]
    return sorted(found + glued)


def _block_sentences(block: str) -> list[str]:
    spans, closing = _quotes(block)
    sentences: list[str] = []
    begin = 0
    for start, end in _stops(block):
        if end in closing:
            end += 1
        if spans and any(a < start and end <= b for a, b in spans):
            continue  # a quotation of several sentences stays whole
        if start == end or _ends_here(block, start, end):
            sentence = block[begin:end].strip()
            if sentence:
                sentences.append(sentence)
            begin = end
    rest = block[begin:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` in order, stripped, none empty.

    Blank lines always end a sentence; a single line break counts as a space, so
    hard-wrapped paragraphs stay whole. ``lang`` is accepted for callers' symmetry:
    the rules cover French and English together, as articles quote each other.
    """
    del lang
    if "\n" not in text:  # a blank line holds two
        return _block_sentences(text)
    return [s for block in _BLOCKS.split(text) for s in _block_sentences(block)]
