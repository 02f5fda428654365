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

from site_builder.model import Paragraph
from site_builder.text.normalize import lowered_for_words
from site_builder.text.tokens import stop_words

MAX_NEWS_WORDS = 40  # words of news left beside notices: less is no article
NOTICE_SHARE = 0.5  # of the body's words in notices: more is no article
MIN_STOP_SHARE = 0.12  # of a sentence's words that are stop words: less is no prose
MIN_INDEX_LINES = 8  # headline-like lines of a page of links
MAX_INDEX_PROSE = 60  # words of prose on such a page

_I = re.IGNORECASE
# The reader addressed: a paywall speaks to "you", news about subscriptions does not.
_YOU = re.compile(
    r"\b(?:you|your|yours|Sie|Ihnen|Ihre[nmrs]?|vous|votre|vos|usted|voi|vostro)\b",
    _I,
)
# Each kind: a pattern enough on its own, and pairs of patterns needed together.
_NOTICES: tuple[
    tuple[str, re.Pattern[str], tuple[tuple[re.Pattern[str], ...], ...]], ...
] = (
    (
        "a cookie notice",
        re.compile(r"\bDatenschutzerklärung\b|\bRODO\b|\bcookie\s+settings\b", _I),
        (
            (
                re.compile(r"\bcookies?\b|\bplików\b", _I),
                re.compile(
                    r"\b(?:use|using|uses|accept\w*|consent|agree|enabled?|settings"
                    r"|browser|continu\w*|privacy|utilis\w*|navigat\w*|setzen"
                    r"|verwend\w*|einverstanden|Datenschutz\w*|zustimm\w*|aktivier\w*"
                    r"|utiliz\w*|acept\w*|privacidad|zgod\w*|usiamo|consenso)\b",
                    _I,
                ),
            ),
        ),
    ),
    (
        "an ad-blocker notice",
        re.compile(
            r"\bad[- ]?blockers?\b|\badblock\w*|\bWerbeblocker\b|\bbloqueur\s+de\s+pub"
            r"|\bbloquea\w*\s+anuncios\b|\bbloqueador\w*"
            r"|\bblocco\s+(?:della\s+)?pubblicità\b|\bblocking\s+ads\b",
            _I,
        ),
        (),
    ),
    (
        "a paywall or registration prompt",
        re.compile(
            r"\bSupport\s+(?:real\s+|local\s+|quality\s+)*journalism\b"
            r"|\bOnce\s+registered\b|\bsee\s+offers\b|\bfree\s+articles?\s+remaining\b"
            r"|\bsubscribe\s+to\s+(?:read|continue|access)\b|\bfor\s+subscribers\s+only\b"
            r"|\bréservée?s?\s+aux\s+abonnés\b|\bexklusiv\s+für\s+(?:unsere\s+)?\S*Abonnent"
            r"|\briservat[oa]\s+agli\s+abbonati\b|\bexclusiv[oa]\s+para\s+suscriptores\b",
            _I,
        ),
        (
            (
                _YOU,
                re.compile(
                    r"\b(?:subscri\w*|register\w*|registrier\w*|sign\s+(?:in|up)"
                    r"|log\s*in|eingeloggt|anmelden|melden|abonn\w*|Abo|Abonnent\w*"
                    r"|suscri\w*|abbona\w*|free\s+articles?|Zugang|Zugriff|accès"
                    r"|acceso|accesso|weiterzulesen|weiterlesen|PLUS-Inhalte)\b",
                    _I,
                ),
            ),
        ),
    ),
    (
        "an error page",
        re.compile(
            r"\b(?:404|403)\b[^.]{0,40}\b(?:not\s+found|forbidden|error|introuvable"
            r"|nicht\s+gefunden|no\s+encontrada|non\s+trovata)\b|\bpage\s+not\s+found\b"
            r"|\bSeite\s+nicht\s+gefunden\b|\bpage\s+introuvable\b"
            r"|\bpage\s+(?:que\s+vous\s+cherchez\s+)?n'existe\s+(?:pas|plus)\b"
            r"|\bpágina\s+no\s+encontrada\b|\bpagina\s+non\s+trovata\b"
            r"|\baccess\s+denied\b|\b(?:enable|activate)\s+JavaScript\b"
            r"|\bJavaScript\s+(?:is\s+)?(?:disabled|required|deaktiviert)\b"
            r"|\bactiver\s+JavaScript\b|\bJavaScript\s+aktivieren\b"
            r"|\bare\s+you\s+a\s+robot\b"
            r"|\bverify\s+(?:that\s+)?you\s+are\s+(?:a\s+)?human\b",
            _I,
        ),
        (),
    ),
)
# A word every notice pattern needs (lower case, any language): most articles have
# none, and are not split into sentences at all (substring tests, fast in C).
_TRIGGERS = (
    "cookie",
    "plików",
    "datenschutz",
    "rodo",
    "blocker",
    "adblock",
    "blocking ads",
    "bloqu",
    "blocco",
    "journalism",
    "regist",
    "see offers",
    "articles remaining",
    "article remaining",
    "subscri",
    "réservé",
    "exklusiv",
    "riservat",
    "exclusiv",
    "sign in",
    "sign up",
    "log in",
    "login",
    "eingeloggt",
    "anmelden",
    "melden sie",
    "abonn",
    "suscri",
    "abbona",
    "free article",
    "zugang",
    "zugriff",
    "accès",
    "acceso",
    "accesso",
    "weiterl",
    "weiterz",
    "plus-",
    "404",
    "403",
    "not found",
    "introuvable",
    "nicht gefunden",
    "n'existe",
    "n’existe",
    "encontrada",
    "trovata",
    "access denied",
    "javascript",
    "robot",
    "you are human",
    "you are a human",
)
_SENTENCE = re.compile(
    r"(?<=[.!?…:])\s+(?=[\"«“„]?[A-ZÀ-Þ0-9])|(?<=[a-zà-ÿ][.!?])(?=[A-ZÀ-Þ][a-zà-ÿ])|\n"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Sentence ends, with the full-width ones of Chinese and Japanese (as escapes).
_HEADLINE_END = re.compile(
    r"[.!?…:;,\"”»)\u3002\uff01\uff1f\uff1a\uff1b\uff0c\u300d\uff09]$"
)


# Per kind of _NOTICES, in order: a word of each alternative of its pattern alone,
# and per pair the words of one or both of its patterns (lower case, space-separated).
# A kind none of whose words the lowered text holds cannot match (see
# lowered_for_words): most sentences skip every pattern.
_WORDS_TEXT = (
    ("cookie rodo datenschutzerkl", (("cookie plików",),)),
    ("block bloque blocco", ()),
    (
        "journalism regist offers remaining subscri réserv exklusiv riservat exclusiv",
        (
            (
                "you sie ihnen ihre vous votre vos usted voi",
                "subscri regist sign log melden abo suscri abbona free zugang zugriff"
                " accès acces weiter plus-inhalte",
            ),
        ),
    ),
    (
        "404 403 found gefunden introuvable existe encontrada trovata denied"
        " javascript robot human",
        (),
    ),
)
_Words = tuple[tuple[str, ...], tuple[tuple[tuple[str, ...], ...], ...]]
_WORDS: tuple[_Words, ...] = tuple(
    (
        tuple(alone.split()),
        tuple(tuple(tuple(w.split()) for w in pair) for pair in pairs),
    )
    for alone, pairs in _WORDS_TEXT
)


def _may_be(low: str, words: _Words) -> bool:
    alone, pairs = words
    return any(w in low for w in alone) or any(
        all(any(w in low for w in needed) for needed in pair) for pair in pairs
    )


def notice(sentence: str) -> str | None:
    """What kind of notice ``sentence`` is ("a cookie notice"), or None."""
    low = lowered_for_words(sentence)
    for (kind, alone, pairs), words in zip(_NOTICES, _WORDS, strict=True):
        if low is not None and not _may_be(low, words):
            continue
        if alone.search(sentence) or any(
            all(p.search(sentence) for p in pair) for pair in pairs
        ):
            return kind
    return None


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
    if any(word in low for word in _TRIGGERS):  # else no notice can match
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
