"""Vocabulary: a word's dictionary form (lemma) per language, from simplemma.

"games" and "game", "jeux" and "jeu", "Spiele" and "Spiel" are one topic: simplemma
looks words up in dictionaries for 54 languages that ship inside its wheel (no
download), with rules for words they lack. A language's dictionary loads on first use
(0.4 s for English or French, 2 s for German or Spanish), so only the site stage uses
it, once per process, on the few keywords each brief turns into topics.
"""

from __future__ import annotations

from functools import lru_cache

import simplemma
from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES


def lemma(word: str, lang: str) -> str:
    """``word``'s dictionary form in ``lang`` (``word`` itself in a language
    simplemma lacks)."""
    if lang not in SUPPORTED_LANGUAGES:
        return word
    return _lemma(word, lang)


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    return str(simplemma.lemmatize(word, lang=lang))
