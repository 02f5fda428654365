"""Attribution vocabulary: who reported the story, and the words a headline drops.

``reported_by`` finds the outlet a lead credits (", a rapporté le Financial Times",
"according to the BBC"); ``drop_attribution`` removes the attribution itself from
a lead (", a-t-il indiqué", ", lenders have said", "Selon la police,").
"""

from __future__ import annotations

import re

from site_builder.text.clauses import OPENERS, word_set

_OUTLET = r"(?P<name>[A-ZÀ-Þ][\w&'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w&'’.-]*|of|de|du|the))*)"
_REPORT_VERBS = (
    r"(?:a\s+|ont\s+)?(?:rapporté|rapporte|révélé|révèle|indiqué|annoncé|affirmé|écrit"
    r"|reported|reports|revealed|said|says|wrote|told)"
)
_DAYS = (
    r"(?:\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|today|yesterday"
    r"|on\s+\w+day|monday|tuesday|wednesday|thursday|friday|saturday|sunday))?"
)
# "..., a rapporté mercredi le Financial Times." / "..., the Financial Times reported."
_REPORTED_AFTER = re.compile(
    rf",\s*{_REPORT_VERBS}{_DAYS}\s+(?:le\s+|la\s+|l['’]|les\s+|the\s+)?{_OUTLET}",
)
_REPORTED_BEFORE = re.compile(
    rf",\s*(?:the\s+|le\s+|la\s+)?{_OUTLET}\s+{_REPORT_VERBS}{_DAYS}\s*[.,]",
)
_ACCORDING = re.compile(
    rf"\b(?:according\s+to\s+the|selon\s+(?:le|la|l['’]|les)|d['’]après\s+(?:le|la|l['’]))"
    rf"\s*{_OUTLET}",
)
# Anyone the text credits as a source: "selon Le Parisien", "auprès de France Bleu".
_CREDIT = re.compile(
    r"\b(?i:auprès\s+d[eu]|au\s+micro\s+d[eu]|interrogée?s?\s+par|selon|d['’]après"
    rf"|rapporte|écrit|told|according\s+to)\s+(?:le\s+|la\s+|l['’]|les\s+|the\s+)?"
    rf"{_OUTLET}",
)
_SPEAKERS = word_set("he she they il elle ils elles on we nous i je")
# The attribution after the news (", a-t-il indiqué", ", lenders have said").
_INVERTED = (
    r"(?:a\s+|ont\s+)?(?:[a-zé]+(?:-t)?-(?:il|elle|on|ils|elles)\b|(?:rapport|indiqu"
    r"|expliqu|annonc|précis|affirm|ajout|soulign|assur|confi|racont|écri|relat|déclar"
    r"|comment|estim|analys|lanc|dit|said|says|told|added|explained)\w*\b)"
)
_TRAILING = re.compile(
    rf"[\"»”]\s*,\s*{_INVERTED}.*$|,\s*(?:a-t-(?:il|elle|on)|ont-(?:ils|elles))\b.*$"
    rf"|,\s*(?:{_REPORT_VERBS}|selon|according\s+to|d['’]après|{_INVERTED}"
    r"|declared)[^,]*$|,[^,]{0,50}\b(?:reported|said|says|say|shows?|found|told|wrote"
    r"|added|rapporte|indique)$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:selon|d['’]après|according\s+to)\b[^,]{0,60},\s*", re.IGNORECASE
)
# A quote that opens the lead, then who said it: '"...", s'enquiert un voisin'
_QUOTE_THEN_SPEAKER = re.compile(r'^([«"“][^"»”]{8,}[»"”])\s*,.*$')


def reported_by(sentences: list[str]) -> str | None:
    """The outlet the lead credits ("selon le Financial Times"), if the text says so."""
    for sentence in sentences[:3]:
        for pattern in (_REPORTED_AFTER, _REPORTED_BEFORE, _ACCORDING):
            found = pattern.search(sentence)
            if found:
                name = found.group("name").strip(" .,’'")
                words = name.split()
                if words and words[0].lower() not in _SPEAKERS and len(words) <= 6:
                    return name
    return None


def credited(sentences: list[str]) -> frozenset[str]:
    """Every name the text credits as its source ("selon Le Parisien")."""
    names = {reported_by(sentences) or ""}
    for sentence in sentences:
        names.update(m.group("name").strip(" .,’'") for m in _CREDIT.finditer(sentence))
    return frozenset(names - {""})


def drop_attribution(text: str) -> str:
    """``text`` without who said or reported it after the news, and without a
    linking opener ("Mais", "However")."""
    text = _QUOTE_THEN_SPEAKER.sub(r"\1", text)
    return OPENERS.sub("", _TRAILING.sub("", text))


def drop_source(text: str) -> str:
    """``text`` without a leading "Selon X," or "According to X,"."""
    return _LEADING.sub("", text)
