"""Words, stop words and stems per language: the vocabulary every text comparison uses.

Stop words come from the ``stop-words`` package and stems from Snowball
(``snowballstemmer``, which runs PyStemmer's C code when it is installed); stems are
memoised per language because news vocabularies repeat and the pure-Python stemmers
cost tens of microseconds a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import snowballstemmer
from stop_words import LANGUAGE_MAPPING, get_stop_words

_WORD = re.compile(r"[^\W_]+")
_SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian",
    "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish", "ta": "tamil",
    "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
_MAX_MEMO = 400_000  # stems kept per language, a few tens of MB at worst


def words(text: str) -> list[str]:
    """The words of ``text`` as written: letters and digits (``l'État`` is two)."""
    return _WORD.findall(text)


@cache
def stop_words(lang: str) -> frozenset[str]:
    """Lower-case stop words of ``lang`` (empty for a language the package lacks)."""
    if lang not in LANGUAGE_MAPPING:
        return frozenset()
    # Elided forms ("l'", "qu'") become the bare letters that words() produces.
    return frozenset(w.strip("'’.") for w in get_stop_words(lang))


@cache
def stemmer(lang: str) -> Callable[[str], str]:
    """A memoised Snowball stemmer for ``lang``; identity when Snowball has none."""
    name = _SNOWBALL.get(lang)
    if name is None:
        return str
    algorithm = snowballstemmer.stemmer(name)
    memo: dict[str, str] = {}

    def stem(word: str) -> str:
        found = memo.get(word)
        if found is None:
            found = algorithm.stemWord(word)
            if len(memo) < _MAX_MEMO:
                memo[word] = found
        return found

    return stem


def content_words(text: str, lang: str) -> list[tuple[str, str]]:
    """``(word as written, stem)`` for the words of ``text`` that carry meaning.

    The same words as content_terms, for callers that also need the written form.
    """
    stop = stop_words(lang)
    stem = stemmer(lang)
    return [
        (w, stem(lowered))
        for w in _WORD.findall(text)
        if len(lowered := w.lower()) > 1 and lowered not in stop
    ]


def content_terms(text: str, lang: str) -> list[str]:
    """Stems of the words of ``text`` that carry meaning: lower-cased, stop words out.

    Single letters are dropped too (elisions, initials); numbers are kept, since news
    turns on them.
    """
    stop = stop_words(lang)
    stem = stemmer(lang)
    return [
        stem(w) for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop
    ]
