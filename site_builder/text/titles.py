"""Headlines and attributions: a short title drafted from the lead, and who reported it.

A headline is the lead's main clause, as a sub-editor would cut it, and stays
extractive: only whole constituents go. Attributions (", a rapporté le Financial
Times", ", lenders have said"), scene-setting openers ("Après huit semaines de
confinement,", "On Tuesday,"), dates as whole adverbials ("dans la nuit de jeudi à
vendredi", "mercredi 13 mars", "in 2004"), parentheses and the aside between a subject
and its verb ("Parmalat, the Italian food group, has") always go. A lead still longer
than about twelve words is then cut at a constituent boundary (a comma, a
subordinator, a relative pronoun, then an adjunct preposition), never inside quotes.
A removal that would strand a preposition or article is not made, and a final guard
rejects titles that end on one, hold two in a row or start with a subordinator.
"""

from __future__ import annotations

import itertools
import re

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
    r"\b(?:auprès\s+d[eu]|au\s+micro\s+d[eu]|interrogée?s?\s+par|selon|d['’]après"
    rf"|rapporte|écrit|told|according\s+to)\s+(?:le\s+|la\s+|l['’]|les\s+|the\s+)?"
    rf"{_OUTLET}",
)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_SPEAKERS = _set("he she they il elle ils elles on we nous i je")
# What goes whole, first: the attribution after the news (", a-t-il indiqué",
# ", lenders have said"), a leading conjunction or attribution, brackets, asides.
_INVERTED = (
    r"(?:a\s+|ont\s+)?(?:[a-zé]+(?:-t)?-(?:il|elle|on|ils|elles)\b|(?:rapport|indiqu"
    r"|expliqu|annonc|précis|affirm|ajout|soulign|assur|confi|racont|écri|relat|déclar"
    r"|comment|estim|analys|lanc|dit|said|says|told|added|explained)\w*\b)"
)
_TRAILING_ATTRIBUTION = re.compile(
    rf"[\"»”]\s*,\s*{_INVERTED}.*$|,\s*(?:a-t-(?:il|elle|on)|ont-(?:ils|elles))\b.*$"
    rf"|,\s*(?:{_REPORT_VERBS}|selon|according\s+to|d['’]après|{_INVERTED}"
    r"|declared)[^,]*$|,[^,]{0,50}\b(?:reported|said|says|say|shows?|found|told|wrote"
    r"|added|rapporte|indique)$",
    re.IGNORECASE,
)
_LEADING_ATTRIBUTION = re.compile(
    r"^(?:selon|d['’]après|according\s+to)\b[^,]{0,60},\s*", re.IGNORECASE
)
_OPENERS = re.compile(
    r"^(?:but|and|however|meanwhile|also|so|now|yet|mais|et|or|donc|cependant|pourtant"
    r"|ainsi|aussi|en\s+effet|par\s+ailleurs)\b[,\s]*",
    re.IGNORECASE,
)
_BRACKETS = re.compile(
    r"\s*\([^()]{0,120}\)|\s+[-–—]\s[^-–—()]{1,120}?\s[-–—](?=[\s,])"
)
# A scene-setting opener: "Mercredi,", "Après huit semaines de confinement,", "Plus
# d'un an après ...,", "Censé être une réussite,".
_SETTING = re.compile(
    r"^(?:alors|après|avant|avec|dans|depuis|dès|pour|en|lors|face|à|au|aux|a|sur"
    r"|malgré|comme|si|quand|lorsque|lorsqu|bien|pendant|afin|outre|parmi|loin|ce|cette"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd|after|before"
    r"|as|with|in|on|at|following|despite|while|when|since|although|if|because|amid"
    r"|during|for|by|last|this|earlier|later|speaking|unlike|like|under|over|from"
    r"|sans|without|\w+(?:ly|ment|é|ée|és|ées|ing|ed))\b"
    r"|^[^,]*\b(?:après|avant|after|before|ago|plus\s+tard)\b(?!-)",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"(?:le|la|les|l['’]|un|une|des|du|ce|cet|cette|ces|son|sa|ses|leur|leurs|il|elle"
    r"|ils|elles|on|nous|plus|près|the|a|an|this|these|those|his|her|its|their|he"
    r"|she|it|they|we|some|several|many|more|most)\b(?!-)|[\d\"«“]|[A-ZÀ-Þ]",
)
_MONTH_FR = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
_MONTH_FR += "|novembre|décembre"
_MONTH_EN = "january|february|march|april|may|june|july|august|september|october"
_MONTH_EN += "|november|december"
_DATE_FR = (
    rf"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?:\s+\d{{1,2}}(?:er)?"
    rf"(?:\s+(?:{_MONTH_FR}))?)?|\d{{1,2}}(?:er)?\s+(?:{_MONTH_FR}))(?:\s+\d{{4}})?"
)
_PART_OF_DAY = (
    r"(?:\s+(?:soir|matin|midi|après-midi|dernier|prochain|morning|afternoon|evening"
    r"|night|en\s+(?:fin|début)\s+d['’]après-midi|en\s+(?:fin|début)\s+de\s+\w+"
    r"|à\s+l['’]aube|à\s+midi))?"
)
# Dates as whole adverbials: the preposition or article that governs them goes too.
_WHEN = re.compile(
    rf"\b(?:dans\s+(?:la\s+)?(?:nuit|matinée|soirée|journée|l['’]après-midi)\s+(?:de|du)"
    rf"\s+{_DATE_FR}(?:\s+(?:à|au)\s+{_DATE_FR})?"
    rf"|(?:(?:depuis|dès)\s+)?(?:(?:ce|cette|le)\s+)?{_DATE_FR}{_PART_OF_DAY}"
    rf"|(?:en|fin|début|mi-)\s*(?:{_MONTH_FR})(?:\s+\d{{4}})?(?:\s+dernier)?"
    rf"|en\s+\d{{4}}|hier(?:\s+(?:soir|matin))?|(?:(?:late|early)\s+)?(?:(?:on|last"
    rf"|this|next)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day{_PART_OF_DAY}"
    rf"|(?:on\s+)?\d{{1,2}}\s+(?:{_MONTH_EN})(?:\s+\d{{4}})?"
    rf"|in\s+(?:(?:late|early|mid-)\s*)?(?:{_MONTH_EN})(?:\s+\d{{4}})?|in\s+\d{{4}}"
    r"|(?:earlier\s+|later\s+)?(?:last|this|next)\s+(?:week|month|year)|yesterday"
    r")\b(?![-'’])",
    re.IGNORECASE,
)
# A finite verb (or the clitic before one) that resumes a clause after an aside.
_FINITE = re.compile(
    r"(?:a(?=\s+(?:été|\w+(?:é|ée|és|ées)|\w{1,5}(?:i|is|it|u|us|ue|ert))\b)|ont|est"
    r"|sont|était|étaient|avait|avaient|sera|seront|serait|va|vont|doit|doivent|peut"
    r"|peuvent|fait|font|se|s['’]|n['’]|ne|y|reste|restent|vient|viennent|veut"
    r"|veulent|dit|has|have|had|is|are|was|were|will|would|can|could|may|might|must"
    r"|should|does|did|goes|said|says|rose|fell|won|lost|made|took|became|hit|cut|got"
    r"|sold|bought|left|grew|paid|led|told|found|held|\w+(?:ait|aient|r[ao]nt|ra|ed)"
    r"|\w+(?<!m)ent)\b"
)
# ... or a subject clitic, which the verb always follows: "qu'il cesse"
_VERB = re.compile(
    rf"(?<![\w-])(?:{_FINITE.pattern}|(?:il|elle|ils|elles|on|he|she|they)\s+\w)"
)
_RELATIVE = re.compile(r"\s(?:qui|dont|who|which|whose)\s", re.IGNORECASE)
# Where a trailing constituent starts: strong boundaries first, then adjuncts.
_STRONG = re.compile(
    r"(?<!\d)[,;:](?!\d)|\s[-–—](?=\s)|\s(?=(?:(?:alors|tandis|parce)\s+qu(?:e|['’])"
    r"|lorsqu|puisqu|afin\s+d|d['’]après(?!-)|(?:qui|dont|où|quand|après|avant|selon"
    r"|mais|pour\s+\w+(?:er|ir|re)|who|which|whose|where|while|after|before|because"
    r"|although|when|since|amid|despite|following|according|in\s+order|as\s+part"
    r"|but|as\s+(?:the|a|an|it|they|he|she|we|its|their|his|her))\b))",
    re.IGNORECASE,
)
_WEAK = re.compile(
    r"\s(?=(?:dans|sur|avec|lors|pendant|durant|depuis|malgré|vers|chez|pour|contre"
    r"|face|in|on|at|with|over|for|during|from|against|ahead|by)\s)",
    re.IGNORECASE,
)
# A word that does not end a constituent: a participle or particle wants its
# complement ("supplied by", "put on hold"), "eight months" its "after".
_HELD = re.compile(
    r"\w+(?:ed|ing|é|ée|és|ées)|put|set|made|taken|given|held|kept|sent|brought|shown"
    r"|seen|known|up|down|out|off|aside|back|away|still|not|now|also|already|just|soon"
    r"|shortly|pas|plus|toujours|déjà|months|years|days|weeks|hours|mois|ans|années"
    r"|jours|semaines|heures|minutes"
)
_PREPOSITIONS = _set(
    "de d' d’ à au aux par pour sur dans avec sans of to in on at for by with from into"
)
_ARTICLES = _set("le la les l' l’ un une des du the an")
_GOVERNING = _PREPOSITIONS | _ARTICLES
# Words a title cannot end on: they govern or coordinate something that was cut.
_DANGLING = (
    _PREPOSITIONS
    | _ARTICLES
    | _set(
        "entre chez vers a et ou mais que qu' qu’ qui dont en ce cet cette ces son sa "
        "ses leur leurs and or but that which who its their his her such as "
        "than"
    )
)
_SUBORDINATORS = re.compile(
    r"^(?:(?:alors|tandis|bien|parce)\s+qu(?:e|['’])|lorsqu|puisqu|quand\b|si\b"
    r"|(?:while|when|if|as|although|because|since|after|before|though)\b)",
    re.IGNORECASE,
)
# A lead that opens on a pronoun or "C'est" is a hook, not the news.
_HOOK = re.compile(
    r"(?:c['’]est|ce|cela|ça|il|elle|ils|elles|on|it|it['’]s|this|that|these|he|she"
    r"|they|we|i)\b(?!-)",
    re.IGNORECASE,
)
_QUOTES = {"«": "»", "“": "”", "(": ")"}
_LIMIT = 12  # reference headlines run about 5 words (BBC) and 12 (OrangeSum)
_MIN = 5
_SLACK = 5


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


def _squeeze(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("\u00ad", ""))
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    return re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text).strip(" ,;:")


def _drop_when(text: str) -> str:
    """Dates go as whole adverbials; one governed by a preposition ("nuit de jeudi")
    or inside a name ("Black Out Tuesday") stays."""
    kept, start = [], 0
    for found in _WHEN.finditer(text):
        before = text[: found.start()].split()
        previous = before[-1] if before else ""
        after = text[found.end() :].split()[:1]
        named = (
            found.group()[:1].isupper() and previous[:1].isupper()
        )  # Black Out Tuesday
        if (
            not before
            or previous.lower() in _DANGLING
            or (named and len(before) > 1)
            or after in (["et"], ["and"], ["ou"], ["or"], ["-"])
        ):
            continue
        kept.append(text[start : found.start()])
        start = found.end()
    return _squeeze("".join(kept) + text[start:])


def _has_verb(text: str) -> bool:
    return bool(_VERB.search(text))


def _drop_opener(text: str) -> str:
    """The scene-setting opener up to the comma after which the subject starts
    (past a verbless apposition to the opener: "..., un spot réputé, X a ...")."""
    if not _SETTING.match(text):
        return text
    for comma in re.finditer(r"(?<!\d),(?!\d)\s*", text):
        if comma.start() > 250 or re.search(r"[\"«“(]", text[: comma.start()]):
            break
        rest = _drop_subject_aside(text[comma.end() :])
        piece = re.split(r"(?<!\d),(?!\d)", rest)[0]
        if piece != rest and not _has_verb(piece):
            continue
        if _SUBJECT.match(rest) and len(rest.split()) >= 4:
            return rest
    return text


def _drop_subject_aside(text: str) -> str:
    """ "X, an aside, has ..." and "X qui ..., vont ..." keep X and the verb."""
    commas = [m.start() for m in re.finditer(r"(?<!\d),(?!\d)", text)]
    for index, comma in enumerate(commas):
        rest = text[comma + 1 :].lstrip()
        if not _FINITE.match(rest.lstrip('"«“ ')) or re.match(r"\w+ed\b", rest):
            continue
        relative = _RELATIVE.search(text, 0, comma)
        start = commas[0] if index else (relative.start() if relative else -1)
        head = text[:start]
        if start > 0 and 1 <= len(head.split()) <= 10 and '"' not in head:
            return f"{head.rstrip()} {rest}"
        return text
    return text


def _clean(sentence: str) -> str:
    """The lead without what a headline never carries: attribution, setting, dates."""
    # a sentence glued to the next one by the scrape: "de Privas.L'homme"
    text = re.split(r"(?<=[a-zà-ÿ])[.!?](?=[A-ZÀ-Þ])", _squeeze(sentence))[0]
    text = text.rstrip(".!?… ")
    if text[:1] in '"«“' and text[-1:] in '"»”' and text.count('"') <= 2:
        text = text[1:-1].strip()
    # a quote that opens the lead, then who said it: '"...", s'enquiert un voisin'
    text = re.sub(r'^([«"“][^"»”]{8,}[»"”])\s*,.*$', r"\1", text)
    text = _TRAILING_ATTRIBUTION.sub("", text)
    text = _LEADING_ATTRIBUTION.sub("", _OPENERS.sub("", text))
    text = _drop_opener(text)
    text = _BRACKETS.sub("", text)
    text = _drop_when(text)
    return _drop_subject_aside(text)


def _boundaries(text: str, pattern: re.Pattern[str]) -> list[int]:
    """Offsets where ``pattern`` starts a trailing constituent, outside quotes."""
    found = []
    for match in pattern.finditer(text):
        before = text[: match.start()]
        if before.count('"') % 2 or before.count("«") > before.count("»"):
            continue
        found.append(match.start())
    return found


def _cut(text: str, limit: int) -> str:
    """The longest start of ``text`` within ``limit`` words that ends where a
    constituent does; strong boundaries (clauses) before weak ones (adjuncts)."""
    if len(text.split()) <= limit:
        return text

    def fits(cut: int) -> bool:
        return _whole(text[:cut], text[cut:]) and _usable(_tidy(text[:cut]))

    shortest = text
    for pattern, slack in ((_STRONG, _SLACK), (_WEAK, 0)):
        cuts = [c for c in _boundaries(text, pattern) if len(text[:c].split()) >= _MIN]
        within = [c for c in cuts if len(text[:c].split()) <= limit + slack]
        best = next((c for c in reversed(within) if fits(c)), None)
        if best is not None:
            return text[:best]
        first = next((c for c in cuts if fits(c)), None)
        if first is not None and len(text[:first]) < len(shortest):
            shortest = text[:first]
    return shortest


def _whole(kept: str, dropped: str) -> bool:
    """Whether cutting ``dropped`` off leaves whole constituents: not the end of a
    list ("..., de profession ou d'appartenance"), not an aside cut from its verb
    ("Le journal, qui ..."), not a "que" clause before its verb."""
    comma = dropped.lstrip()[:1] == ","
    dropped = dropped.lstrip(" ,;:")
    own_clause = _SUBORDINATORS.match(dropped) or _RELATIVE.match(f" {dropped}")
    if _has_verb(dropped) and not _has_verb(kept) and not own_clause:
        return False  # the verb would go: "A campaign to bump up bills [was dropped]"
    last = kept.split()[-1].lower() if kept.split() else ""
    if _HELD.fullmatch(last) or re.search(
        r"\b(?:to\s+\w+|(?:de|d['’]|à|pour)\s*\w+(?:er|ir|re|oir))$", kept
    ):
        return False
    listed = re.split(r"\s(?:et|ou|and|or)\s", f" {dropped} ")
    if comma and len(listed) > 1 and 0 < len(listed[0].split()) <= 3:
        return False  # mid-list: "with Meryl Streep[, Morgan Freeman and ...]"
    if re.search(r",\s*(?:qui|dont|who|which)\b[^,]*$", kept):
        return False
    clauses = re.split(r"\b(?:que|qu['’]|that)\b", kept)[1:]
    return all(_has_verb(clause) for clause in clauses)


def _balance(text: str) -> str:
    """Close what the cut left open; drop a closing mark with no opening one."""
    for opening, closing in _QUOTES.items():
        if closing not in text and opening not in text:
            continue
        depth, kept = 0, []
        for char in text:
            if char == closing and depth == 0:
                continue
            depth += (char == opening) - (char == closing)
            kept.append(char)
        text = "".join(kept) + closing * depth
    if text.count('"') % 2:
        last = text.rfind('"')
        opens = last == 0 or text[last - 1] in " («"
        text = f'{text}"' if opens else text[:last] + text[last + 1 :]
    return text


def _tidy(text: str) -> str:
    """Trailing punctuation and stranded words off, marks balanced, a capital."""
    text = _squeeze(text).rstrip(" ,;:-–—.…")
    words = text.split()
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    text = _balance(" ".join(words).rstrip(" ,;:-–—"))
    text = _OPENERS.sub("", text)
    lead = next((i for i, c in enumerate(text) if c.isalnum()), 0)
    return text[:lead] + text[lead : lead + 1].upper() + text[lead + 1 :]


def _usable(title: str) -> bool:
    """At least three words, no stranded or doubled preposition, not subordinate."""
    words = [w.lower().strip('"«»“”()') for w in title.split()]
    doubled = any(
        (a in _GOVERNING and b in _PREPOSITIONS) or (a in _ARTICLES and b in _ARTICLES)
        for a, b in itertools.pairwise(words)
    )
    return (
        len(words) >= 3
        and words[-1] not in _DANGLING
        and not doubled
        and not _SUBORDINATORS.match(title)
        and (_has_verb(title) or not _SETTING.match(title))
    )


def headline(sentence: str, limit: int = _LIMIT) -> str:
    """``sentence`` as a headline of about ``limit`` words, or "" when it cannot be."""
    title = _tidy(_cut(_clean(sentence), limit))
    return title if _usable(title) else ""


def shorten(sentence: str, limit: int) -> str:
    """``sentence`` cut to its main clause of about ``limit`` words, with a stop."""
    text = sentence.strip()
    if len(text.split()) <= limit:
        return text
    clause = headline(text, limit) or text
    return clause if clause.endswith((".", "!", "?", '"', "»")) else f"{clause}."


def draft_title(sentences: list[str]) -> str:
    """A headline-like title from the lead: its main clause, cut whole.

    The first of the three opening sentences that makes a headline (a statement,
    not a quote or a question) is used. (A name put in front as a label raised
    ROUGE but made headlines readers reject: it is not done.)
    """
    drafted = []
    for sentence in sentences[:3]:
        title = headline(sentence)
        drafted.append(title)
        statement = sentence.lstrip()[:1] not in '"«“' and sentence.rstrip()[-1:] != "?"
        if statement and len(title.split()) >= 4 and not _HOOK.match(title):
            return title
    return next((t for t in drafted if t), "") or _tidy(
        sentences[0] if sentences else ""
    )
