"""Summarize stage, topics: the topics a brief carries, each as a reader sees it.

A topic is an editor's tag as written, or one of the drafted keywords (already
free of stop words, number words and the calendar, and weighed against how common
each word is: text/keywords.py) turned into a label:

- a name is kept whole and as written: the keyword "Angeles" is the name "Los
  Angeles" when the story names it so (its entities), "Iran" stays "Iran";
- any other word is reduced to its dictionary form, so "games" and "game", "jeux"
  and "jeu", "Spiele" and "Spiel" are one topic (German nouns keep their capital);
- two labels that differ only by case or Unicode form are one topic.

``topic_key`` is what makes two labels one topic, on one brief and across the site,
across languages too: the French and the English brief on Iran both carry "Iran".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from site_builder.text.lemmas import lemma

TOPICS = 5  # drafted topics a brief carries at most (its keywords' first ones)
_NAME_WORDS = 3  # a longer capitalised run is a phrase ("Full Video Playlist")
_PARTICLES = frozenset(
    ("of", "de", "du", "des", "la", "le", "the", "von", "van", "der", "al", "bin", "y")
)


def topic_key(name: str) -> str:
    """What makes two topic labels one topic: NFC and case folded ("Iran", "iran",
    "IRAN" and "Iran" typed with decomposed letters are one)."""
    return unicodedata.normalize("NFC", name.strip()).casefold()


def topics(
    keywords: Sequence[str],
    entities: Sequence[str],
    lang: str,
    tags: Sequence[str] = (),
    limit: int = TOPICS,
) -> tuple[str, ...]:
    """The brief's topics, most telling first: its tags (all of them), else up to
    ``limit`` labels made from its ``keywords`` (see the module docstring)."""
    names = list(tags) or [_label(word, entities, lang) for word in keywords]
    found: dict[str, str] = {}
    for name in names:
        shown = unicodedata.normalize("NFC", name.strip())
        if shown:
            found.setdefault(topic_key(shown), shown)
    chosen = tuple(found.values())
    return chosen if tags else chosen[:limit]


def _label(word: str, entities: Sequence[str], lang: str) -> str:
    """A keyword as a topic label: the name it belongs to, else its lemma."""
    if not word[:1].isupper():
        return lemma(word, lang)
    whole = _name_with(word, entities)
    if whole:
        return whole
    # German capitalises every noun: those are words, not names
    return lemma(word, lang) if lang == "de" else word


def _name_with(word: str, entities: Sequence[str]) -> str | None:
    """The most mentioned name of two or three words that holds ``word``."""
    for name in entities:
        parts = name.split()
        if (
            word in parts
            and 1 < len(parts) <= _NAME_WORDS
            and all(p[:1].isupper() or p in _PARTICLES for p in parts)
        ):
            return name
    return None
