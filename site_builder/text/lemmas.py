"""Vocabulary: a word's dictionary form (lemma) per language, from simplemma.

"games" and "game", "jeux" and "jeu", "Spiele" and "Spiel" are one topic: simplemma
looks words up in dictionaries for 54 languages that ship inside its wheel (no
download), with rules for words they lack. Importing it takes 0.25 s and a
language's dictionary loads on first use (0.4 s for English or French, 2 s for
German or Spanish), so it is imported when a lemma is first asked for, and only the
site stage asks, once per process, for the few keywords each brief turns into topics.
"""

from __future__ import annotations

from functools import cache, lru_cache


def lemma(word: str, lang: str) -> str:
    """``word``'s dictionary form in ``lang`` (``word`` itself in a language
    simplemma lacks)."""
    if lang not in _languages():
        return word
    return _lemma(word, lang)


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang=lang))


@cache
def _languages() -> frozenset[str]:
    from simplemma.strategies.dictionaries.dictionary_factory import (
        SUPPORTED_LANGUAGES,
    )

    return frozenset(SUPPORTED_LANGUAGES)
