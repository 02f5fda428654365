"""Clean stage, notices by kind: what a site says to its visitor, as patterns.

Cookie and consent banners, ad-blocker notices, paywall and registration prompts,
donation appeals and error pages, in the languages we read; ``notice`` says which
kind a sentence is. ``notices.not_article`` decides from them whether a file is an
article at all.
"""

from __future__ import annotations

import re

from site_builder.text.normalize import lowered_for_words

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
        # a site's appeal for money: "Can You Chip In? ... please pitch in."
        "a donation appeal",
        re.compile(
            r"\bCan\s+You\s+Chip\s+In\b|\bplease\s+(?:pitch\s+in|donate)\b"
            r"|\bpowered\s+by\s+donations\b|\bmatching\s+gift\s+campaign\b"
            r"|\bfaites\s+un\s+don\b|\bjetzt\s+spenden\b|\bdona\s+ahora\b",
            _I,
        ),
        (),
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
TRIGGERS = (
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
    "chip in",
    "pitch in",
    "donat",
    "matching gift",
    "un don",
    "spenden",
    "dona ahora",
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
    ("chip pitch donat matching don spenden dona", ()),
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
