"""Summarize stage, topics: the topics a brief carries, each as a reader sees it.

A topic is an editor's tag as written, or one of the drafted keywords (already
free of stop words, number words and the calendar, and weighed against how common
each word is: text/keywords.py) turned into a label:

- a name is kept whole and as written: the keyword "Angeles" is the name "Los
  Angeles" when the story names it so (its entities), "Iran" stays "Iran";
- any other word is reduced to its dictionary form, so "games" and "game", "jeux"
  and "jeu", "Spiele" and "Spiel" are one topic (German nouns keep their capital;
  an English plural in -ves takes the commonest of its forms: "thieves" is "thief");
- an English adverb or adjective made with -ly is no topic ("defiantly", "costly");
- a verb is no topic ("announced", "helped", "a jugé", "sagte"): where the
  language shows it without a part-of-speech model (English -ed and -ing forms,
  French forms whose lemma is an infinitive, German words written in lower case;
  "shooting" goes too, with "winning" and "starring"), and a lemma that is a stop
  or number word is no topic (our lists hold "site", "help");
- two labels that differ only by case or Unicode form are one topic.

``topic_key`` is what makes two labels one topic, on one brief and across the site,
across languages too: the French and the English brief on Iran both carry "Iran".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from site_builder.text.commonness import FLOOR, zipf
from site_builder.text.keywords import excluded_stems
from site_builder.text.lemmas import lemma
from site_builder.text.tokens import stop_words

TOPICS = 5  # drafted topics a brief carries at most (its keywords' first ones)
_NAME_WORDS = 3  # a longer capitalised run is a phrase ("Full Video Playlist")
_ADVERB_LETTERS = 6  # "ally", "fly", "reply" are shorter
# A form whose lemma differs and that matches this is a verb's: the English word,
# or the French lemma (an infinitive).
_VERB_FORM = {
    "en": re.compile(r"(?:ed|ing)$"),
    "fr": re.compile(r"(?:er|ir|re|oir)$"),
}
_NEVER = re.compile(r"(?!)")
_NAME_PARTS = re.compile(r"[\s'’-]+")
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
    names = list(tags) or [
        label for word in keywords if (label := _label(word, entities, lang))
    ]
    found: dict[str, str] = {}
    for name in names:
        shown = unicodedata.normalize("NFC", name.strip())
        if shown:
            found.setdefault(topic_key(shown), shown)
    chosen = tuple(found.values())
    return chosen if tags else chosen[:limit]


def _label(word: str, entities: Sequence[str], lang: str) -> str | None:
    """A keyword as a topic label: the name it belongs to, else its lemma; None
    for a verb, or a word whose lemma is a stop or number word."""
    if word[:1].isupper():
        whole = _name_with(word, entities)
        if whole:
            return whole
        if lang != "de":
            return word
    elif lang == "de":
        return None  # German writes its nouns capitalised: this is no thing's name
    found = lemma(word, lang)
    if lang == "en" and word.endswith("ves") and found.endswith("ve"):
        found = _singular_in_f(word, found)
    if found != word and _VERB_FORM.get(lang, _NEVER).search(
        word if lang == "en" else found
    ):
        return None
    if lang == "en" and _adverb(word):
        return None
    if found.lower() in stop_words(lang) or found.lower() in excluded_stems(lang):
        return None
    return found


def _singular_in_f(plural: str, found: str) -> str:
    """The commonest of ``found`` and the singulars in -f and -fe of an English
    plural in -ves: the lemmatiser reads "thieves" as the verb "thieve" and "wives"
    as "wive" ("thief", "wife"; "caves" stays "cave", "leaves" "leave")."""
    stem = plural[:-3]
    return max((found, f"{stem}f", f"{stem}fe"), key=lambda w: zipf(w, "en"))


def _adverb(word: str) -> bool:
    """An English word made of another with -ly ("defiantly", "meticulously",
    "costly"): a manner, not a thing ("family", "assembly", "supply" are made of no
    word)."""
    if len(word) < _ADVERB_LETTERS or not word.endswith("ly"):
        return False
    stem = f"{word[:-3]}y" if word.endswith("ily") else word[:-2]
    return zipf(stem, "en") > FLOOR


def _name_with(word: str, entities: Sequence[str]) -> str | None:
    """The most mentioned name of two or three words (or parts joined by hyphens:
    "Pont-d’Aurel") that holds ``word``."""
    for name in entities:
        words, parts = name.split(), _NAME_PARTS.split(name)
        if (
            word in parts
            and len(parts) > 1
            and len(words) <= _NAME_WORDS
            and all(w[:1].isupper() or w in _PARTICLES for w in words)
        ):
            return name
    return None
