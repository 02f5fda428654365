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
from itertools import chain

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


class TokenRuns(dict[str, tuple[str, ...]]):
    """Each whitespace token's runs of ``pattern`` (``"l'État,"`` -> ``("l",
    "État")``), found once per spelling.

    ``pattern`` matches runs of word characters (letters and digits, perhaps "_"),
    none of them whitespace, so a text's runs are its tokens' runs in order;
    ``str.split`` is far faster than the regex over the whole text, and news tokens
    recur, so most runs come from a dict hit. A token of letters and digits only is
    its own single run.
    """

    def __init__(self, pattern: re.Pattern[str], limit: int = _MAX_MEMO) -> None:
        super().__init__()
        self.findall, self.limit = pattern.findall, limit  # limit: tokens remembered

    def __missing__(self, token: str) -> tuple[str, ...]:
        found = (token,) if token.isalnum() else tuple(self.findall(token))
        if len(self) < self.limit:
            self[token] = found
        return found


_PIECES = TokenRuns(_WORD)


def count_words(text: str) -> int:
    """``len(words(text))``, without building the list."""
    return sum(map(len, map(_PIECES.__getitem__, text.split())))


class _Content(dict[str, tuple[tuple[str, str], ...]]):
    """Each whitespace token's ``(word, stem)`` pairs for the words that carry meaning,
    decided once per spelling (see TokenRuns): a dict hit replaces the word regex, the
    lower-casing, the stop-word test and the stem lookup."""

    def __init__(self, lang: str, lowered: bool) -> None:
        super().__init__()
        self.stop = stop_words(lang)
        self.stem = stemmer(lang)
        self.lowered = lowered  # the text was lower-cased before it was split

    def __missing__(self, token: str) -> tuple[tuple[str, str], ...]:
        pairs = []
        for word in _PIECES[token]:
            lowered = word if self.lowered else word.lower()
            if len(lowered) > 1 and lowered not in self.stop:
                pairs.append((word, self.stem(lowered)))
        found = tuple(pairs)
        if len(self) < _MAX_MEMO:
            self[token] = found
        return found


@cache
def _content(lang: str, lowered: bool) -> _Content:
    return _Content(lang, lowered)


def content_words(text: str, lang: str) -> list[tuple[str, str]]:
    """``(word as written, stem)`` for the words of ``text`` that carry meaning.

    The same words as content_terms, for callers that also need the written form.
    """
    memo = _content(lang, False)
    return list(chain.from_iterable(map(memo.__getitem__, text.split())))  # in C


def content_terms(text: str, lang: str) -> list[str]:
    """Stems of the words of ``text`` that carry meaning: lower-cased, stop words out.

    Single letters are dropped too (elisions, initials); numbers are kept, since news
    turns on them. (The whole text is lower-cased before it is cut into words, as
    lower-casing can change what a word is: "İ" becomes "i" and a combining dot.)
    """
    memo = _content(lang, True)
    return [pair[1] for token in text.lower().split() for pair in memo[token]]
