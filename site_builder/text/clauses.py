"""Clause vocabulary for headlines: finite verbs, word classes that govern, spacing.

Rules, not a parser: a French or English finite verb is recognised by its form
("a été", "ont", "-ait", "-ed") or by the subject clitic before it ("qu'il cesse"),
and the small closed classes (prepositions, articles, subordinators) are listed.
"""

from __future__ import annotations

import re


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A finite verb (or the clitic before one) that resumes a clause after an aside.
FINITE = re.compile(
    r"(?:a(?=\s+(?:été|\w+(?:é|ée|és|ées)|\w{1,5}(?:i|is|it|u|us|ue|ert)|le|les|un|une"
    r"|des|du)\b)|ont|est"
    r"|sont|était|étaient|avait|avaient|sera|seront|serait|va|vont|doit|doivent|peut"
    r"|peuvent|fait|font|se|s['’]|n['’]|ne|y|reste|restent|vient|viennent|veut"
    r"|veulent|dit|has|have|had|is|are|was|were|will|would|can|could|may|might|must"
    r"|should|does|did|goes|said|says|rose|fell|won|lost|made|took|became|hit|cut|got"
    r"|sold|bought|left|grew|paid|led|told|found|held|sat|stood|ran|came|went|saw"
    r"|gave|began|fled|fought|spoke|wrote|wore|drove|rode|broke|chose|stole|knew|threw"
    r"|drew|flew|kept|felt|meant|sent|spent|built|caught|brought|thought|sought|met"
    r"|\w+(?:ait|aient|r[ao]nt|ra|ed)"
    r"|\w+(?<!m)ent)\b"
)
# ... or a subject clitic, which the verb always follows: "qu'il cesse"
_VERB = re.compile(
    rf"(?<![\w-])(?:{FINITE.pattern}|(?:il|elle|ils|elles|on|he|she|they)\s+\w)"
)
RELATIVE = re.compile(r"\s(?:qui|dont|who|which|whose)\s", re.IGNORECASE)
PREPOSITIONS = word_set(
    "de d' d’ à au aux par pour sur dans avec sans of to in on at for by with from into"
)
ARTICLES = word_set("le la les l' l’ un une des du the an")
GOVERNING = PREPOSITIONS | ARTICLES
# Words a title cannot end on: they govern or coordinate something that was cut.
DANGLING = (
    PREPOSITIONS
    | ARTICLES
    | word_set(
        "entre chez vers a et ou mais que qu' qu’ qui dont en ce cet cette ces son sa "
        "ses leur leurs and or but that which who its their his her such as than "
        "avant après depuis jusqu' jusqu’ before after since until celui celle ceux "
        "celles about"
    )
)
SUBORDINATORS = re.compile(
    r"^(?:(?:alors|tandis|bien|parce)\s+qu(?:e|['’])|lorsqu|puisqu|quand\b|si\b|s['’]ils?\b|que\b|qu['’]"
    r"|(?:while|when|if|as|although|because|since|after|before|though)\b)",
    re.IGNORECASE,
)
# A leading conjunction or linking adverb: it ties the sentence to one not shown.
OPENERS = re.compile(
    r"^(?:but|and|however|meanwhile|also|so|now|yet|mais|et|or|donc|cependant|pourtant"
    r"|ainsi|aussi|en\s+effet|par\s+ailleurs)\b[,\s]*",
    re.IGNORECASE,
)


_SPACE_BEFORE = re.compile(r"\s+([,;:.])")
_DOUBLED = re.compile(r"([,;:])(?:\s*[,;:])+")


def has_verb(text: str) -> bool:
    return bool(_VERB.search(text))


def squeeze(text: str) -> str:
    """Spaces collapsed, none before punctuation, no doubled commas, no edges."""
    # string methods first: this runs several times per headline
    text = " ".join(text.replace("\u00ad", "").split())
    if " ," in text or " ;" in text or " :" in text or " ." in text:
        text = _SPACE_BEFORE.sub(r"\1", text)
    if _DOUBLED.search(text):
        text = _DOUBLED.sub(r"\1", text)
    return text.strip(" ,;:")
