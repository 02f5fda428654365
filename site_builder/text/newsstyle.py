"""Headline style: the lead's compound past, passive and cleft, as headlines put them.

Leads report in the compound past ("Un marin s'est blessé", "Le club a été
condamné", "Acme is to recall"); headlines use the present or a bare participle
("Un marin se blesse", "Le club condamné", "Acme to recall"), tell a cleft
straight ("C'est le maire qui a démissionné" -> "le maire a démissionné"), and in
English drop a leading article before a common noun ("Dollar falls"). Only the
main clause's verb changes, and only when its present is certain: a first-group
participle in -é, a listed second-group or irregular one. Pronoun subjects of a
bare participle ("Il condamné"), clitic objects ("l'a accueillie"), modals ("ont
pu"), coordinated participles ("a vendu ... et acheté"), verbs after a verb of
saying, and anything after "mais" are left alone.
"""

from __future__ import annotations

import re

from site_builder.text.clauses import has_verb, word_set

# Pronouns and clitics that cannot stand before a bare participle or a changed verb.
_CLITICS = word_set(
    "il elle ils elles on je tu nous vous qui que qu' qu’ l' l’ le la les lui leur y "
    "en n' n’ ne se s' s’ me m' m’ te t’ t' he she it they we i who which that there"
)
# A clause joined to an earlier one, or the object of a verb of saying or thinking
# ("voters think the mayor has been hurt"): not the main clause.
_LINKED = re.compile(
    r"\b(?:mais|puis|but|then|(?:believ|say|said|think|thought|claim|expect|fear"
    r"|hope|know|knew|feel|felt|suggest|show|warn|insist|argu|admit|deni|deny|mean"
    r"|meant|hear|heard|find|found|see|saw|reveal|report|tell|told)\w*)\b",
    re.IGNORECASE,
)
_PARTICIPLE = (
    r"(?!(?:ainsi|aussi|parmi|depuis|puis|lui|ici|midi|\w+di)\b)"
    r"\w{2,}(?:é|ée|és|ées|i|ie|is|ies|u|ue|us|ues|it|ite|its|ites|ait|aite|ert|erte)"
)
_PASSIVE = re.compile(rf"\b(?:a|ont)\s+été\s+(?={_PARTICIPLE}\b)")
_PARTICIPLE_EN = (
    r"(?!(?:often|seven|eleven|even|open|listen)\b)\w{2,}(?:ed|en)|\w+wn|put|cut|hit"
    r"|set|sent|spent|built|lost|left|kept|held|told|sold|bought|brought|caught|taught"
    r"|found|won|shut|struck|hurt|made|paid|laid|led|fed|met|shot"
)
_PASSIVE_EN = re.compile(rf"\b(?:has|have)\s+been\s+(?=(?:{_PARTICIPLE_EN})\b)")
_TO = re.compile(r"\b(?:is|are)\s+(?=to\s+\w)")
_AVOIR = re.compile(r"\b(?P<aux>a|ont)\s+(?P<part>\w+)\b(?!-)")
_REFLEXIVE = re.compile(r"\b(?P<aux>s['’]est|se\s+sont)\s+(?P<part>\w+)\b(?!-)")
# Verbs conjugated with "être": their compound past is not a passive.
_ETRE = re.compile(
    r"\b(?P<aux>est|sont)\s+(?P<part>(?:arriv|tomb|rest|entr|rentr|retourn|décéd)é"
    r"|(?:part|sort|(?:de|re|inter|sur)?ven)[iu]|mort|né|allé|descendu)(?:e|s|es)?\b"
)


def _forms(table: str) -> dict[str, tuple[str, str]]:
    """``participle singular plural`` triples as a dict."""
    words = table.split()
    return {words[i]: (words[i + 1], words[i + 2]) for i in range(0, len(words), 3)}


# Frequent participles that no rule conjugates: participle, il ..., ils ...
_IRREGULAR = _forms(
    """
    fait fait font  pris prend prennent  mis met mettent  dit dit disent
    reçu reçoit reçoivent  vu voit voient  perdu perd perdent  rendu rend rendent
    répondu répond répondent  vendu vend vendent  attendu attend attendent
    entendu entend entendent  ouvert ouvre ouvrent  découvert découvre découvrent
    offert offre offrent  obtenu obtient obtiennent  tenu tient tiennent
    maintenu maintient maintiennent  soutenu soutient soutiennent
    promis promet promettent  permis permet permettent  admis admet admettent
    remis remet remettent  écrit écrit écrivent  décrit décrit décrivent
    conduit conduit conduisent  produit produit produisent  suivi suit suivent
    construit construit construisent  connu connaît connaissent  lu lit lisent
    eu a ont  été est sont
    battu bat battent  parti part partent  sorti sort sortent  venu vient viennent
    devenu devient deviennent  revenu revient reviennent  mort meurt meurent
    intervenu intervient interviennent  survenu survient surviennent
    né naît naissent  allé va vont  descendu descend descendent  étendu étend étendent
    """
)
# Second-group verbs (finir: il finit, ils finissent), listed: "parti" is not one.
_SECOND = word_set(
    """choisi réussi fini saisi réagi agi établi investi bâti franchi rempli réuni
    subi trahi envahi accompli affaibli ralenti garanti averti nourri puni grandi
    guéri atterri surgi jailli vieilli enrichi appauvri élargi durci applaudi"""
)
# A second participle sharing the auxiliary: "a vendu la ferme et acheté ..."
_COORDINATED = re.compile(r".*\b(?:et|ou|puis|mais)\s+(?:\w+\s+)?\w+é(?:e|s|es)?\b")
_KNOWN = _SECOND | frozenset(_IRREGULAR)
# A cleft puts the news after "C'est": "C'est le maire qui a démissionné".
_CLEFT = re.compile(
    r"c['’]est\s+(?:(?:ainsi|pourquoi|alors|donc)\s+que\s+|qu['’]|(?!ce\b|cela\b|ça\b)"
    r"(?P<focus>[^,;:\"«»“”]{3,80}?)\s+qui\s+(?=\w))",
    re.IGNORECASE,
)
# "The dollar", "A rise": not "The Hague", nor French "A Hong Kong".
# "A few" is not "few": quantifiers keep theirs.
_ARTICLE = re.compile(r"(?:The|A|An)\s+(?=[a-z])(?!(?:few|little|lot|couple|bit)\b)")
# Every rule below starts at one of these: most sentences are ruled out in one search.
_AUXILIARY = re.compile(
    r"\b(?:a|ont|est|sont|has|have|is|are)\s|\bs['’]est\b|\bse\s+sont\b"
)
_VOWEL = "aeiouyéèêëàâîïôûœh"


def _present(participle: str, plural: bool) -> str | None:
    """The present of the verb whose participle is given ("annoncé" -> "annonce"),
    when a table or a regular conjugation gives it."""
    base = participle.lower()
    for ending in ("es", "e", "s"):  # agreement: "suicidée", "rendus", "mises"
        stem = base[: -len(ending)]
        if base.endswith(ending) and (stem in _KNOWN or stem.endswith("é")):
            base = stem
    if base in _IRREGULAR:
        return _IRREGULAR[base][plural]
    if base in _SECOND:
        return base + ("ssent" if plural else "t")
    if not base.endswith("é") or len(base) < 4 or not base[-2].isalpha():
        return None
    stem = base[:-1]
    if re.search(r"e[^aeiouyéèêàâîôû]$", stem):
        return None  # appeler/appelle but acheter/achète: not decidable by rule
    stem = re.sub(r"é([^aeiouyéèêàâîôû]+)$", r"è\1", stem)  # céder -> cède
    stem = re.sub(r"([ou])y$", r"\1i", stem)  # employer -> emploie
    return stem + ("ent" if plural else "e")


def _subject_ok(text: str, start: int, bare: bool) -> bool:
    """Whether the words before ``start`` are the main clause's subject alone."""
    before = text[:start].split()
    if not before or has_verb(text[:start].lower()) or _LINKED.search(text[:start]):
        return False
    last = before[-1].lower()
    if last in _CLITICS and (bare or last not in word_set("il elle ils elles on")):
        return False
    head = text[:start]
    return head.count('"') % 2 == 0 and head.count("«") == head.count("»")


def _conjugate(text: str, found: re.Match[str]) -> str:
    if _COORDINATED.match(text, found.end()):
        return text  # "a vendu la ferme et acheté un bateau": both or neither
    aux = found.group("aux")
    verb = _present(found.group("part"), aux in ("ont", "sont") or aux[:3] == "se ")
    if verb is None:
        return text
    if aux.startswith(("s'", "s’", "se")):
        verb = f"s'{verb}" if verb[0].lower() in _VOWEL else f"se {verb}"
    return text[: found.start()] + verb + text[found.end() :]


def uncleft(text: str) -> str:
    """A French cleft told straight: "C'est le maire qui a démissionné" -> "le maire
    a démissionné", "C'est ainsi que X ..." -> "X ..."."""
    found = _CLEFT.match(text)
    if not found or (found.group("focus") and has_verb(found.group("focus"))):
        return text
    focus = found.group("focus")
    rest = text[found.end() :]
    return f"{focus} {rest}" if focus else rest


def present(text: str) -> str:
    """``text`` in headline style: its main verb in headline tense, no leading
    English article; unchanged where no rule applies."""
    text = _tense(text)
    found = _ARTICLE.match(text)
    if found:
        rest = text[found.end() :]
        text = rest[:1].upper() + rest[1:]
    return text


def _tense(text: str) -> str:
    if not _AUXILIARY.search(text):
        return text
    for pattern in (_PASSIVE, _PASSIVE_EN, _TO):
        found = pattern.search(text)
        if found and _subject_ok(text, found.start(), True):
            return text[: found.start()] + text[found.end() :]
    for pattern in (_AVOIR, _REFLEXIVE, _ETRE):
        found = pattern.search(text)
        if found and _subject_ok(text, found.start(), False):
            return _conjugate(text, found)
    return text
