"""Normalisation for comparison: folded words, tokens, boilerplate, novel sentences."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Tokens for comparison come from str.split, several times faster than a regex
# scan; what sticks to a word ("said,", "(Reuters)", "1,000.") is peeled off once
# per distinct surface form by ``surface``. Line breaks become a token of their own,
# and sentences glued by scraping ("Midlands.Les") are pulled apart first.
TOKEN = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*|\w+|[.!?…:;\"«»“”\n]")
SENTENCE_MARKS = frozenset('.!?…:;"«»“”\n')
LINE = "\x00"  # stands for a line break among split tokens
_GLUED = re.compile(r"([.!?])(?=[^\W\d_]{2})")  # no look-behind: 6x faster
# "l'Élysée", "d'Amazon", "Peterson's": the name is what matters
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=\w)|['’]s$", re.I)
# "Ankara'da", "Türkiye'nin": Turkish writes a name's case ending after an
# apostrophe; the name is what matters (only after a capital: "aujourd'hui" stays)
_CASE_ENDING = re.compile(
    r"(?<=\w)['’](?:[nsy]?[\u0131iu\u00fc]n?|[ny]?[ae]|[dt][ae]n?|n[dt][ae]n?"
    r"|[dt][ae]ki|y?l[ae]|l[ae]r[\u0131i]?n?|n?c[ae])$"
)
_OPENERS = "\"'«“\u2018([¡¿-—–*#>"
_CLOSERS = ".!?…:;"
# the full stops of Chinese and Japanese end a sentence, yet open none: those scripts
# have no capitals, and a Latin word after one is a name, no sentence opener
CJK_STOPS = "\u3002\uff01\uff1f"  # 。 and the full-width ! and ?: they end a sentence
CJK_CLOSERS = "\u300d\u300f\uff09"  # full-width closing quotes and bracket
_FULL_STOPS = tuple(CJK_STOPS + "\uff0e")  # and the full-width full stop
_AFTER_STOP = "\"'”’)" + CJK_CLOSERS  # quotes and brackets after a full stop
_EDGES = "\"'«»“”\u2018’()[]{}<>*_#~`|,.;:!?…—–-/\\%$€£¥+=&@^°§¶•·"


@dataclass(frozen=True, slots=True)
class Surface:
    """What a split token is, decided once per distinct spelling."""

    folded: str  # case- and accent-free word, digits only for a number, "" for none
    capital: bool  # the word starts with an upper-case letter
    numeric: bool
    opens: bool  # a sentence may start here: "«Nous", "(Le", "—"
    closes: bool  # a sentence ends with it: "said.", "ans»."
    stops: bool = False  # a Chinese or Japanese sentence ends with it: "。", "。」"


def split_tokens(text: str) -> list[str]:
    """Whitespace tokens of ``text``, with line breaks kept as ``LINE``."""
    return _GLUED.sub(r"\1 ", text).replace("\n", f" {LINE} ").split()


def surface(token: str) -> Surface:
    """Classify one token from ``split_tokens``."""
    if token == LINE:
        return Surface("", False, False, True, True)
    core = _ELISION.sub("", token.strip(_EDGES))
    if core[:1].isupper():
        core = _CASE_ENDING.sub("", core)
    numeric = bool(core) and core[0].isdigit()
    folded = number_key(core) if numeric else fold(core)
    tail = token.rstrip("\"'»”’)]*_")
    return Surface(
        folded,
        bool(core) and core[0].isupper(),
        numeric,
        not core or token[0] in _OPENERS,
        not core or tail.endswith(tuple(_CLOSERS)),
        token.rstrip(_AFTER_STOP).endswith(_FULL_STOPS),
    )


# Publisher furniture in English and French. Only short paragraphs at the start or
# the end of a body are tested, so a sentence of the story that happens to say
# "subscribe" is never dropped.
_CUES = re.compile(
    r"©|\(c\)\s*\d{4}|copyright|all rights reserved|tous droits réservés"
    r"|subscribe|sign up|newsletter|abonnez[- ]vous|inscrivez[- ]vous"
    r"|lettre d'information"
    r"|first (?:appeared|published)|a d'abord été publié|originally published"
    r"|reporting by|editing by|edited by|written by|staff report"
    r"|reportage de|rédaction de"
    r"|follow (?:us|@)|suivez[- ]nous|read more|lire aussi|lire la suite|click here"
    r"|have a tip|newsroom|à lire également|share this",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^\W*(?:by|par|filed by|from|de notre (?:envoyé|correspondant))\s", re.I
)
# "LONDON (Reuters) —" or "**Paris** (Agency) —" standing alone as a paragraph.
_DATELINE = re.compile(r"^[\W_]*[\w .'-]{1,40}[\W_]*\([^)]{1,60}\)\s*[—–-]+\s*$")
_EMPHASIS = re.compile(r"^\s*([*_]{1,3}).+\1\s*$", re.S)
_EDGE_WORDS = 40  # longer paragraphs are prose, whatever they say
_EDGE_COUNT = 2  # paragraphs tested at each end of a body


def fold(word: str) -> str:
    """Case- and accent-insensitive form of a word: ``États`` -> ``etats``."""
    return _fold(word)


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).casefold()


def is_boilerplate(paragraph: str) -> bool:
    """Whether a short paragraph is a byline, dateline, footer or call to subscribe."""
    text = paragraph.strip()
    if not text:
        return True
    if len(text) > 12 * _EDGE_WORDS or len(text.split()) > _EDGE_WORDS:
        return False
    return bool(
        _CUES.search(text)
        or _BYLINE.match(text)
        or _DATELINE.match(text)
        or _EMPHASIS.match(text)
    )


def strip_boilerplate(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """The paragraphs without the publisher's header and footer.

    At most two paragraphs are dropped at each end, and never all of them: a body
    that is nothing but short emphasised lines keeps its text.
    """
    start, end = 0, len(paragraphs)
    while start < min(_EDGE_COUNT, end - 1) and is_boilerplate(paragraphs[start]):
        start += 1
    while end - start > 1 and len(paragraphs) - end < _EDGE_COUNT:
        if not is_boilerplate(paragraphs[end - 1]):
            break
        end -= 1
    return tuple(paragraphs[start:end])


_COMBINING = re.compile(r"[\u0300-\u036f]")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+")


def words(text: str) -> list[str]:
    """The folded words and numbers of ``text`` in order (marks left out)."""
    bare = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _WORD.findall(unicodedata.normalize("NFC", bare).casefold())


def number_key(token: str) -> str:
    """Digits only, so numbers written the French or the English way compare equal,
    and in ASCII: Arabic-Indic ("٢٠٢٠") and full-width digits are 2020."""
    digits = re.sub(r"\D", "", token)
    if digits.isascii():
        return digits
    return "".join(str(unicodedata.digit(c, 0)) for c in digits)


# English and German capitalise these, French does not: no new name, only a date.
_CALENDAR = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december", "montag", "dienstag", "mittwoch",
     "donnerstag", "freitag", "samstag", "sonntag", "januar", "februar", "marz",
     "juni", "juli", "oktober", "dezember"}
)  # fmt: skip


def _names(sentence: str) -> set[str]:
    """Numbers and capitalised words that do not open the sentence or follow a mark."""
    found: set[str] = set()
    previous = "."
    for token in TOKEN.findall(sentence):
        if token[0].isdigit() and len(number_key(token)) >= 2:
            found.add(number_key(token))
        elif (
            token[0].isupper()
            and previous not in SENTENCE_MARKS
            and fold(token) not in _CALENDAR
        ):
            found.add(fold(token))
        previous = token
    return found


KNOWN_TRIGRAMS = 0.6


@dataclass(frozen=True, slots=True)
class Reference:
    """A text prepared for ``novel_sentences``: its words, word set and trigrams."""

    vocabulary: frozenset[str]
    trigrams: frozenset[tuple[str, str, str]]
    padded: str  # " word word ... " for finding short sentences whole

    @classmethod
    def of(cls, text: str) -> Reference:
        known = words(text)
        trigrams = frozenset(zip(known, known[1:], known[2:], strict=False))
        return cls(frozenset(known), trigrams, f" {' '.join(known)} ")


def novel_sentences(
    sentences: Sequence[str], reference: Reference, same_language: bool
) -> tuple[str, ...]:
    """The ``sentences`` that say something ``reference`` does not.

    In one language: a sentence is known when 60% of its word trigrams appear in
    the reference (a word changed or added in a ten-word sentence does not make it
    new), or, under three words, when its words appear in a row. Across languages
    words cannot be compared, so a sentence is new when it names a person, place or
    number the reference never mentions.
    """
    novel = []
    for sentence in sentences:
        if not same_language:
            if _names(sentence) - reference.vocabulary:
                novel.append(sentence)
            continue
        own = words(sentence)
        grams = set(zip(own, own[1:], own[2:], strict=False))
        if not own:
            continue
        if grams and len(grams & reference.trigrams) >= KNOWN_TRIGRAMS * len(grams):
            continue
        if not grams and f" {' '.join(own)} " in reference.padded:
            continue
        novel.append(sentence)
    return tuple(novel)


# What re.IGNORECASE matches to a letter that str.lower() does not give: the dotted
# capital I (lower() adds a combining dot), the dotless i and the long s.
_ODD_FOLDS = ("\u0130", "\u0131", "\u017f")


def lowered_for_words(text: str) -> str | None:
    """``text`` lower-cased for substring tests standing in for case-insensitive
    patterns: a lower-case word such a pattern finds in ``text`` is in what this
    returns (a scan in C, where the pattern is tried at every offset); None when
    ``text`` holds a letter that makes this untrue (_ODD_FOLDS)."""
    if not text.isascii() and any(odd in text for odd in _ODD_FOLDS):
        return None
    return text.lower()
