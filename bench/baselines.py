"""Reference summarizers computed on the same articles as ours: Lead-3 and TextRank.

As ../shared/corpus/README.md made its baselines: sentences split with pysbd, each
system picks 3; TextRank is sumy's, with sumy's stemmer and stop words for the
language. sumy's own tokenizer needs NLTK data that cannot be downloaded here, so
words are lowercase Unicode ``\\w+`` runs (the same tokens the French ROUGE uses).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pysbd
from sumy.models.dom import ObjectDocumentModel, Sentence
from sumy.models.dom import Paragraph as SumyParagraph
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

_NAMES = {"en": "english", "fr": "french", "de": "german", "es": "spanish"}
_PYSBD = {"en", "fr", "de", "es", "it", "ru", "pl", "nl", "ar", "zh", "da", "el"}
_WORD = re.compile(r"\w+")


class _Words:
    """sumy's tokenizer interface, without NLTK's data."""

    def __init__(self, language: str) -> None:
        self.language = language

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence.lower())


@cache
def _segmenter(lang: str) -> Any:
    return pysbd.Segmenter(language=lang if lang in _PYSBD else "en", clean=True)


def split(text: str, lang: str) -> list[str]:
    """pysbd's sentences of ``text``, paragraph by paragraph."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n|\n", text):
        if block.strip():
            found.extend(
                s.strip() for s in _segmenter(lang).segment(block) if s.strip()
            )
    return found


def lead(text: str, lang: str, count: int = 3) -> str:
    return " ".join(split(text, lang)[:count])


@cache
def _textrank(lang: str) -> TextRankSummarizer:
    name = _NAMES.get(lang, "english")
    summarizer = TextRankSummarizer(Stemmer(name))
    summarizer.stop_words = get_stop_words(name)
    return summarizer


def textrank(text: str, lang: str, count: int = 3) -> str:
    """sumy's TextRank over pysbd's sentences; picks shown in article order."""
    words = _Words(_NAMES.get(lang, "english"))
    sentences = [Sentence(s, words) for s in split(text, lang)]
    document = ObjectDocumentModel([SumyParagraph(sentences)])
    return " ".join(str(s) for s in _textrank(lang)(document, count))
