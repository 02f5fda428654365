"""Clean stage, notices and non-articles: what a site says to its visitor, not news.

A cookie or consent banner ("Wir setzen auf unserer Website Cookies ein..."), a
paywall or registration prompt ("Once registered, you can:", "exklusiv für unsere
Plus-Abonnenten"), an ad-blocker notice, an error page ("Page not found"). Inside an
article such a sentence is page furniture; a file that is mostly that, with little
news left, is not an article at all (``not_article``): it is reported and never
published as a brief. So is a page of links (an index or listing page): many
headline-like lines and almost no prose.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.clean.notice_kinds import TRIGGERS, notice
from site_builder.model import Paragraph
from site_builder.text.tokens import stop_words

MAX_NEWS_WORDS = 40  # words of news left beside notices: less is no article
NOTICE_SHARE = 0.5  # of the body's words in notices: more is no article
MIN_STOP_SHARE = 0.12  # of a sentence's words that are stop words: less is no prose
MIN_INDEX_LINES = 8  # headline-like lines of a page of links
MAX_INDEX_PROSE = 60  # words of prose on such a page

_SENTENCE = re.compile(
    r"(?<=[.!?…:])\s+(?=[\"«“„]?[A-ZÀ-Þ0-9])|(?<=[a-zà-ÿ][.!?])(?=[A-ZÀ-Þ][a-zà-ÿ])|\n"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Sentence ends, with the full-width ones of Chinese and Japanese (as escapes).
_HEADLINE_END = re.compile(
    r"[.!?…:;,\"”»)\u3002\uff01\uff1f\uff1a\uff1b\uff0c\u300d\uff09]$"
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Why a file is not an article, and the line that shows it."""

    what: str  # "a cookie notice", "a page of links"...
    line: int


def not_article(paragraphs: Sequence[Paragraph], lang: str) -> Verdict | None:
    """Whether a body (its furniture already removed; the first paragraph, which
    may be the headline, left out) is a notice or a page of links, not news."""
    body = list(paragraphs[1:]) if len(paragraphs) > 1 else list(paragraphs)
    low = "\n".join(p.text for p in body).lower()
    if any(word in low for word in TRIGGERS):  # else no notice can match
        verdict = _notices(body, lang)
        if verdict is not None:
            return verdict
    return _index_page(body)


def _notices(body: list[Paragraph], lang: str) -> Verdict | None:
    """The body is a notice when little news is left beside its notices, or when
    they are most of its words."""
    kinds: Counter[str] = Counter()
    first_line: dict[str, int] = {}
    news = noticed = 0
    stops = stop_words(lang)
    for paragraph in body:
        # Sentences only in a paragraph that holds a notice: a sentence that matches
        # a pattern (or a pair) makes its paragraph match it.
        whole = notice(paragraph.text) is None
        for sentence in [paragraph.text] if whole else _SENTENCE.split(paragraph.text):
            words = _WORD.findall(sentence)
            kind = None if whole else notice(sentence)
            if kind is not None:
                kinds[kind] += len(words)
                first_line.setdefault(kind, paragraph.line)
                noticed += len(words)
            elif _prose(words, stops):
                news += len(words)
    if kinds and (news < MAX_NEWS_WORDS or noticed >= NOTICE_SHARE * (news + noticed)):
        what = kinds.most_common(1)[0][0]
        return Verdict(what, first_line[what])
    return None


def _prose(words: list[str], stops: frozenset[str]) -> bool:
    """Words of a language, not scrambled text ("Ilkhsihme eslh Slldlößl"): a
    sentence of any length has some stop words."""
    if not stops or len(words) < 4:
        return bool(words)
    found = sum(1 for word in words if word.lower() in stops)
    return found >= MIN_STOP_SHARE * len(words)


def _index_page(body: list[Paragraph]) -> Verdict | None:
    """Many headline-like lines and almost no prose: a page of links."""
    headlines = [
        p for p in body if len(p.text) < 120 and not _HEADLINE_END.search(p.text)
    ]
    if len(headlines) < MIN_INDEX_LINES:
        return None
    prose = _words([p for p in body if p not in headlines])
    if prose < MAX_INDEX_PROSE:
        return Verdict("a page of links (an index or listing page)", body[0].line)
    return None


def _words(paragraphs: list[Paragraph]) -> int:
    return sum(len(_WORD.findall(p.text)) for p in paragraphs)
