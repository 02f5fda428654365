"""What a headline never carries: dates, scene-setting openers, asides and links.

Each goes whole: a date with the preposition or article that governs it ("dans la
nuit de jeudi à vendredi", "mercredi 13 mars", "in 2004", "deux ans plus tard"),
with its apposition and its commas; an opener up to the comma where the subject
starts ("Après huit semaines de confinement,", "Selon l'Insee, institut de la
statistique,"); a parenthesis or dashed aside; an adverbial set off by commas inside
the clause (", au début du mois de juin,"); the aside between a subject and its
verb ("Parmalat, the Italian food group, has"); and the linking adverbs that tie a
lead to what came before ("ainsi", "également", "also").
"""

from __future__ import annotations

import re

from site_builder.text.clauses import (
    DANGLING,
    FINITE,
    RELATIVE,
    has_verb,
    squeeze,
    word_set,
)

BRACKETS = re.compile(
    r"\s*\([^()]{0,120}\)|\s+(?:--|[-–—])\s[^-–—()]{1,200}?\s(?:--|[-–—])(?=[\s,])"
)
# A scene-setting opener: "Mercredi,", "Après huit semaines de confinement,", "Plus
# d'un an après ...,", "Censé être une réussite,", "Upon learning of his sentence,".
SETTING = re.compile(
    r"^(?:alors|après|avant|avec|dans|depuis|dès|pour|en|lors|face|à|au|aux|a|sur"
    r"|malgré|comme|si|quand|lorsque|lorsqu|bien|pendant|afin|outre|parmi|loin|ce|cette"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd|after|before"
    r"|as|with|in|on|at|following|despite|while|when|since|although|if|because|amid"
    r"|during|for|by|last|this|earlier|later|speaking|unlike|like|under|over|from"
    r"|sans|without|selon|d['’]après|according|upon|entre|yesterday|today|tonight"
    r"|overnight|auparavant|ensuite|désormais|enfin|previously|meanwhile|then"
    r"|\w+(?:ly|ment|é|ée|és|ées|ing|ed))\b"
    r"|^[^,]*\b(?:après|avant|after|before|ago|plus\s+tard)\b(?!-)",
    re.IGNORECASE,
)
_ASIDE = re.compile(
    r"(?<!\d),\s*(?P<aside>(?:au|à|en|dans|lors|depuis|dès|selon|d['’]après|pour|après"
    r"|avant|ce|cette|hier|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|in|on|at"
    r"|after|before|last|this|earlier|later|according\s+to)\b[^,;:\"«»“”()]{1,60}),"
    r"(?!\d)\s*",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(
    r"(?<=[\w\"»”])(?<!\smais)(?<!\set)(?<!\sou)(?<!\sbut)(?<!\sand)(?<!\sor)"
    r"(?P<before>\s*,)?\s+(?:donc|néanmoins|également|notamment"
    r"|d['’]ailleurs|pourtant|toutefois|cependant|par\s+ailleurs|en\s+effet"
    r"|de\s+son\s+côté|quant\s+à\s+(?:lui|elle)|(?:ainsi|alors)(?!\s+qu)"
    r"|cette\s+fois(?:-ci)?"
    r"|aussi(?=\s+(?:le|la|les|l['’]|un|une|des|du|de|d['’]|à|au|aux)\b)"
    r"|also|however|meanwhile|therefore|indeed|nevertheless)\b(?!-)(?P<after>\s*,)?",
    re.IGNORECASE,
)
_CONNECTIVE_HINT = re.compile(
    r"\b(?:donc|néanmoins|également|notamment|ailleurs|pourtant|toutefois|cependant"
    r"|effet|côté|quant|ainsi|alors|fois|aussi|also|however|meanwhile|therefore"
    r"|indeed|nevertheless)\b",
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
_SPAN = (
    r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quelques|plusieurs"
    r"|one|two|three|four|five|seven|eight|nine|ten|a\s+few|several|a\s+couple\s+of)"
    r"\s+(?:ans?|années?|mois|jours?|semaines?|heures?|years?|months?|days?|weeks?"
    r"|hours?)"
)
# Dates as whole adverbials: the preposition or article that governs them goes too.
# (Every date starts with a letter or digit: the look-ahead says so, which lets the
# search skip other characters in C, 40% faster.)
_WHEN = re.compile(
    r"(?=\w)"
    rf"\b(?:dans\s+(?:la\s+)?(?:nuit|matinée|soirée|journée|l['’]après-midi)\s+(?:de|du)"
    rf"\s+{_DATE_FR}(?:\s+(?:à|au)\s+{_DATE_FR})?"
    rf"|(?:(?:depuis|dès)\s+)?(?:(?:ce|cette|le)\s+)?{_DATE_FR}{_PART_OF_DAY}"
    rf"|(?:en|fin|début|mi-)\s*(?:{_MONTH_FR})(?:\s+\d{{4}})?(?:\s+dernier)?"
    rf"|en\s+\d{{4}}|hier(?:\s+(?:soir|matin))?|(?:(?:late|early)\s+)?(?:(?:on|last"
    rf"|this|next)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day{_PART_OF_DAY}"
    rf"|(?:on\s+)?\d{{1,2}}\s+(?:{_MONTH_EN})(?:\s+\d{{4}})?"
    rf"|in\s+(?:(?:late|early|mid-)\s*)?(?:{_MONTH_EN})(?:\s+\d{{4}})?|in\s+\d{{4}}"
    r"|(?:earlier\s+|later\s+)?(?:last|this|next)\s+(?:week|month|year)|yesterday"
    # a span counted from another event: "deux ans plus tard", "three days later"
    rf"|il\s+y\s+a\s+{_SPAN}|{_SPAN}\s+(?:plus\s+tard|plus\s+tôt|auparavant|later"
    r"|earlier|ago)"
    r")\b(?![-'’])"
    # and its apposition: "samedi 2 mai, jour de la fête du village,"
    r"(?P<apposition>\s*,\s*(?:jour|veille|lendemain|date|soit|the\s+day)\b[^,]*(?=,))?",
    re.IGNORECASE,
)


_EMPTIED = re.compile(r",\s*,")
# Every date _WHEN finds holds one of these.
_WHEN_HINT = re.compile(
    r"\d|di\b|dimanche|hier|day|week|month|year|ans\b|mois|heure|hour|jan|feb|f[ée]v|mars|march|apr|avr"
    r"|ma[iy]\b|jui?n|jul|juil|ao[uû]|aug|sep|oct|nov|d[ée]c",
    re.IGNORECASE,
)


def drop_when(text: str) -> str:
    """Dates go as whole adverbials; one governed by a preposition ("nuit de jeudi")
    or inside a name ("Black Out Tuesday") stays."""
    if not _WHEN_HINT.search(text):
        return text  # one cheap search rules out most sentences
    opening = _WHEN.match(text)
    rest = text[opening.end() :].lstrip() if opening else ""
    if rest[:1] == "," and len(rest.split()) > 4:  # "Le 3 juin dernier, ..."
        text = rest.lstrip(" ,")  # (not "Hier, il a plu": too little would remain)
    kept, start = [], 0
    for found in _WHEN.finditer(text):
        before = text[: found.start()].split()
        previous = before[-1] if before else ""
        after = text[found.end() :].split()[:1]
        named = found.group()[:1].isupper() and previous[:1].isupper()
        if (
            not before
            or previous.lower() in DANGLING
            or (named and len(before) > 1)
            or after in (["et"], ["and"], ["ou"], ["or"], ["-"])
        ):
            continue
        kept.append(text[start : found.start()])
        start = found.end()
        if found.group("apposition") and not "".join(kept).rstrip().endswith(","):
            start = text.index(",", start) + 1  # the comma that closed the apposition
    # a date between two commas takes both with it: "X, mercredi, a dit" -> "X a dit"
    return squeeze(_EMPTIED.sub(" ", "".join(kept) + text[start:]))


def drop_connectives(text: str) -> str:
    """Linking adverbs tie the lead to what came before; a headline stands alone:
    "Les élus ont ainsi voté" -> "Les élus ont voté"."""

    def keep(found: re.Match[str]) -> str:
        # ", toutefois, " leaves one comma; ", also " leaves its comma
        return "," if found.group("before") or found.group("after") else ""

    if not _CONNECTIVE_HINT.search(text):
        return text
    return squeeze(_CONNECTIVE.sub(keep, text))


def drop_asides(text: str) -> str:
    """Adverbials set off by commas inside the clause go: "Il s'est décidé, au début
    du mois de juin, à installer" (not one item of a list: "en Bretagne, en Corse,
    en Alsace")."""
    for found in reversed(list(_ASIDE.finditer(text))):
        aside, after = found.group("aside"), text[found.end() :].split()[:1]
        if has_verb(aside) or len(text[: found.start()].split()) < 2:
            continue
        if after and after[0].lower() == aside.split()[0].lower():
            continue
        text = f"{text[: found.start()]} {text[found.end() :]}"
    return squeeze(text)


# A comma, but not a decimal one ("39,6"): "mars 2020, lors duquel" is a comma.
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_COMMA_SPACE = re.compile(rf"(?:{_COMMA.pattern})\s*")


def drop_opener(text: str) -> str:
    """The scene-setting opener up to the comma after which the subject starts
    (past a verbless apposition to the opener: "..., un spot réputé, X a ...")."""
    if not SETTING.match(text):
        return text
    for comma in _COMMA_SPACE.finditer(text):
        if comma.start() > 250 or re.search(r"[\"«“(]", text[: comma.start()]):
            break
        rest = drop_subject_aside(text[comma.end() :])
        piece = _COMMA.split(rest)[0]
        if piece != rest and not has_verb(piece):
            continue
        if _SUBJECT.match(rest) and len(rest.split()) >= 4:
            return rest
    return text


def drop_subject_aside(text: str) -> str:
    """ "X, an aside, has ..." and "X qui ..., vont ..." keep X and the verb; "X,
    the model who ..., died ..." too."""
    commas = [m.start() for m in _COMMA.finditer(text)]
    for index, comma in enumerate(commas):
        rest = text[comma + 1 :].lstrip()
        if not FINITE.match(rest.lstrip('"«“ ')):
            continue
        if not index and re.match(r"\w+ed\b", rest):
            continue  # "X, founded in 1990, ...": an aside; after it, "died" is a verb
        relative = RELATIVE.search(text, 0, comma)
        start = commas[0] if index else (relative.start() if relative else -1)
        head = text[:start]
        if index and _opener(head):
            return text  # "Et auparavant, la maison, ..., appartenait": no subject
        if start > 0 and 1 <= len(head.split()) <= 10 and '"' not in head:
            return f"{head.rstrip()} {rest}"
        return text
    return text


# A coordinating word that may open a lead before its opener ("Et auparavant,").
_AND = re.compile(r"^(?:et|mais|puis|or|and|but|yet|so)\s+", re.IGNORECASE)
# Words that open a setting, never a subject ("Dans le Calvados,", "After the
# vote,", "Mardi,"); SETTING's "ce", "cette", "this", "a" can open either.
_SETTING_WORDS = word_set(
    "dans en à au aux sur après avant pendant depuis lors selon malgré avec pour par "
    "in on at after before during since following despite amid under over from with "
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier yesterday today"
)


def _opener(head: str) -> bool:
    """Whether the words before a lead's first comma open it rather than name its
    subject: a setting ("Dans le Calvados,") or one adverb after a coordinating
    word, or in lower case where an earlier step took that word ("Et auparavant,"):
    the subject then follows that comma (a subject of one word is a name)."""
    rest = _AND.sub("", head.strip(), count=1)
    words = rest.split()
    if not words:
        return True
    lone_adverb = len(words) == 1 and (rest != head.strip() or rest[:1].islower())
    return words[0].lower() in _SETTING_WORDS or lone_adverb
