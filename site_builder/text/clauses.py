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
        "celles about chaque each every"
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


# Words a clause cannot end on: an auxiliary, a copula or a modal wants its verb or
# its attribute ("... predicted that it will", "... le virus est"), a verb of
# wanting or saying its object ("she wants", "cela montre"), a subject pronoun its
# verb ("... it is unfair he").
# Finite auxiliaries and modals, English and French.
AUXILIARIES = word_set(
    "is are was were has have had will would can could may might must est sont "
    "était étaient ont avait avaient sera seront"
)
_WANTS_MORE = AUXILIARIES | word_set(
    "shall should do does did am be been being wants want vows refuses tries says "
    "said told knew know knows think thinks thought believe believes believed "
    "revealed reveals he she they we i il elle ils elles je été serait a va vont "
    "peut peuvent pourrait doit doivent devrait veut veulent fait font montre "
    "montrent estime estiment assure assurent affirme affirment souhaite souhaitent"
)
# A compound past of saying or telling wants what was said: "Les services ont aussi
# indiqué [que ...]", "Cohn-Bendit a prévenu [que ...]" (a bare participle is a
# passive: "Projet annoncé").
_SAID_PAST = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:indiqué|précisé|expliqué|annoncé"
    r"|souligné|estimé|assuré|confié|rapporté|raconté|répondu|reconnu|signalé"
    r"|rappelé|confirmé|prévenu|averti)$",
    re.IGNORECASE,
)
# A word that opens a complement or relative clause: "that", "que", "qui" ... (whole
# words, so "Queens" and "Whoopi" are none); "dont" often has no verb ("50 morts,
# dont deux enfants").
_OPENS = re.compile(
    r"(?<![\w'’-])(?:(?:que|qui|that|which|who|whom|whose)(?![\w'’-])|qu['’])"
)
# An aside on the subject, left open: "L'Iran, qui a déclaré ses premiers cas".
_ASIDE = re.compile(r",\s*(?:qui|who|which)\b[^,]*$")
# A question word before a final copula: "debate about what urban music is".
_ASKED = re.compile(r"\b(?:what|how|who|where|why|ce\s+qu['’]il)\b(?:\s+\S+){1,5}$")
# "que" after these compares, restricts or counts ("plus tôt que prévu", "ne ...
# que", "500 ans que"), and "that" after a preposition or before "of" points ("in
# that case", "that of Paris").
_NO_CLAUSE = re.compile(
    r"(?:\b(?:plus|moins|autant|aussi|mieux|davantage|plutôt|autre|autres|même|mêmes"
    r"|tel|telle|tels|telles|meilleur|meilleure|meilleurs|meilleures|pire|ainsi|tant"
    r"|si|ne|n['’]\w*)\b[^,;:]*|\b(?:in|at|on|by|for|with|of|from|like|ans|années"
    r"|mois|jours|semaines|fois)\s+)$",
    re.IGNORECASE,
)
_DETERMINER = word_set(
    "the a an this these those his her its their our my some any no le la les l' l’ "
    "un une des du ce cet cette ces son sa ses leur leurs"
)
# An English present in the third person: "the drug reduces costs".
# Not before a preposition: "deficits to continue", "plans for".
_PRESENT_EN = re.compile(
    r"\b[a-z]{2,}s(?<![su]s)(?<!is)\s+"
    r"(?!(?:to|of|in|on|at|for|from|with|by|and|or)\b)(?=[a-z])"
)


def open_clause(text: str) -> bool:
    """Whether ``text`` stops inside a clause whose verb or complement was cut away:
    it ends on an auxiliary or a verb that wants more, or a "that", "que", "qui",
    "which" ... opens a clause with no finite verb before the next one does ("warns
    that rising deficits", "estiment que les huit hommes").
    """
    words = text.rstrip(" \"'»”’)").split()
    if not words or all(w[:1].isupper() for w in words if len(w) > 4):
        return False  # a headline in title case: "Rules that Cut Science Out"
    last = re.split(r"['’]", words[-1].lower())[-1]  # "n'ont" is "ont"
    if _ASIDE.search(text):
        return True
    owned = len(words) > 1 and words[-2] in _DETERMINER  # not "cet été"
    if last in _WANTS_MORE and not owned and not _ASKED.search(text):
        return True
    if _SAID_PAST.search(text.rstrip(" \"'»”’)")):
        return True
    # each clause wants a verb; one that comes after a clause inside it is its
    # own: in "que le couple qu'elle forme est beau", "est" is the "que" clause's
    openers = list(_OPENS.finditer(text))
    spare = 0
    for at in range(len(openers) - 1, -1, -1):
        opener = openers[at]
        end = openers[at + 1].start() if at + 1 < len(openers) else len(text)
        head = text[: opener.start()]
        found = _verbs(head, opener.group(), text[opener.end() : end])
        if found is None:
            continue  # no clause: "plus tôt que prévu", "that of Paris"
        if found:
            spare += found - 1
        elif spare:
            spare -= 1
        else:
            return True
    return False


def main_verb(text: str) -> bool:
    """Whether ``text`` has a verb before any "that", "que", "qui" ...: one of its
    main clause, not of a clause inside its subject."""
    opener = _OPENS.search(text)
    return has_verb(text[: opener.start()] if opener else text)


# The first and second persons, which has_verb leaves to quotations: "je pense".
_PERSON = re.compile(r"(?<![\w'’-])(?:je|j['’]|tu|nous|vous)\s*\w")


# Words that open an adjunct, not a relative's verb, right after "that" or "que"
_ADJUNCT_OPENERS = PREPOSITIONS | word_set(
    "as if when while after before despite since during although because once "
    "until amid si quand lorsque après avant malgré pendant depuis"
)


def _verbs(head: str, word: str, tail: str) -> int | None:
    """How many finite verbs the clause ``word`` opens after ``head`` has in
    ``tail`` (None when ``word`` opens no clause). A relative's verb comes right
    after its pronoun ("rules that disadvantage women", "un radar qui contrôle");
    an English present is found by its -s."""
    if _NO_CLAUSE.search(head) or tail.lstrip()[:3].lower() == "of ":
        return None
    after = tail.split()
    if not after:
        return 0
    word = word.lower()
    found = len(_VERB.findall(tail)) + len(_PERSON.findall(tail))
    if word in ("qui", "who", "which") or (word == "that" and len(after) > 1):
        relative = (
            after[0].islower()
            and after[0] not in _DETERMINER
            and after[0] not in _ADJUNCT_OPENERS  # "that with 7:42 left, ..."
        )
        if relative and not after[0].endswith("ing") and not tail.startswith(","):
            return max(found, 1)
    english = word in ("that", "which", "who", "whom", "whose")
    return found or int(english and bool(_PRESENT_EN.search(tail)))
