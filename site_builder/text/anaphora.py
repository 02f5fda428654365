"""Sentences that lean on an earlier one: openers a summary cannot show alone.

A sentence that opens on a pronoun ("It reduced ...", "Elle a ...", or after an opener:
"In laboratory tanks, it reduced ..."), a demonstrative
or possessive ("Cette mesure ...", "His administration ...", "Diese Regel ..."), a
linking adverb ("However", "Pourtant", "Außerdem") or a noun that only names what was
said before ("The move ...", "La question ...", "a soulevé la question avec ...")
needs the sentence before it. Rules,
per language, for the languages the desk publishes most; others use the English and
French lists, which news quotes across languages.
"""

from __future__ import annotations

import re
from functools import cache

from site_builder.text.normalize import lowered_for_words

_OPENERS = {
    "en": """he she it they this these those his her its their him them such
    however but and also meanwhile moreover furthermore still yet instead
    nevertheless besides then so thus hence""",
    "fr": """il elle ils elles ce cet cette ces cela ça ceci son sa ses leur leurs
    lui celui celle ceux celles mais et pourtant cependant toutefois néanmoins aussi
    ainsi alors donc puis également d'ailleurs en""",
    "de": """er sie es dies diese dieser dieses diesen diesem sein seine seiner seinen
    ihr ihre ihrer ihren deren dessen aber doch jedoch außerdem zudem dabei dazu
    damit daher deshalb trotzdem auch""",
    "es": """él ella ellos ellas esto esta este estos estas eso esa ese esos esas su
    sus pero sin además también entonces""",
    "it": """lui lei loro questo questa questi queste quello quella suo sua suoi sue
    ma però tuttavia inoltre anche""",
}
# "The move", "La décision": a definite noun that only names what came before.
_BACK_NOUNS = re.compile(
    r"^(?:the\s+(?:move|decision|plan|deal|measure|announcement|question|issue|step"
    r"|latter|former|same)|(?:la|le|les|l['’])\s*(?:question|décision|mesure|même"
    r"|mêmes|dernier|dernière|premier|première)|der\s+(?:schritt|plan)|die"
    r"\s+(?:entscheidung|maßnahme|frage))\b",
    re.IGNORECASE,
)
# What may follow an opener for the sentence to stand alone after all: a time ("Ce
# mardi", "This week"), an impersonal verb ("Il y a", "Il faut"), or for "en" and
# "alors" anything but a linking phrase ("En 2020", "Alors que").
_TIME = re.compile(
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir|week-end"
    r"|semaine|mois|année|an|été|hiver|printemps|automne|saison|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday|morning|evening|afternoon|week"
    r"|weekend|month|year|summer|winter|spring|autumn|season|woche|monat|jahr"
    r"|sommer|winter|wochenende|y\s+a|faut|est\s+(?:possible|prévu|probable)"
    r"|is\s+(?:expected|likely|possible|unclear|not\s+clear))\b"
)
_INDEPENDENT = {
    "en": re.compile(r"(?!effet|outre|revanche|plus\b|tout\s+cas|attendant)"),
    "alors": re.compile(r"qu(?:e\b|['’])"),
    "so": re.compile(r"far\b"),
    "then": re.compile(r"-"),
}
# "a soulevé la question avec ...": a question, issue or matter named without saying
# which: it was said before.
_UNSAID = re.compile(
    r"\b(?:(?:la|cette)\s+question|l['’]affaire|ce\s+dossier)\b(?!\s+(?:de|du|des|d['’]"
    r"|sur|qui|que|qu['’]|posée|se|suivante))|\bthe\s+(?:question|issue|matter)\b"
    r"(?!\s+(?:of|whether|that|about|on|which|is\s+whether))|\bdie\s+Frage\b(?!\s+"
    r"(?:nach|ob|der|des|von|wie|was))",
    re.IGNORECASE,
)
# A word of each alternative of _UNSAID: a sentence holding none skips the pattern.
_UNSAID_WORDS = ("question", "affaire", "dossier", "issue", "matter", "frage")
# A personal pronoun as the subject after an opener ("In laboratory tanks kept at
# 4°C, it reduced ...", "Mercredi soir, il a ...").
_OPENER_CHARS = 100
_PRONOUN_AFTER_OPENER = re.compile(
    r"[^,;:.!?\"«“„]{3,100},\s*(?:it|he|she|they|il|elle|ils|elles|er|sie|es)\b(?![-'’])",
    re.IGNORECASE,
)
_EXPLETIVE = re.compile(
    r"(?:has\s+)?(?:emerged|appears|appeared|seems|seemed|rained|snowed)\b"
    r"|(?:is|was)\s+(?:understood|announced|reported|revealed|believed)\b"
)
_FIRST_WORD = re.compile(r"[\"«“„(\s]*([^\W\d_]+(?:['’][^\W\d_]+)?)")


@cache
def _openers(lang: str) -> frozenset[str]:
    words = _OPENERS.get(lang) or f"{_OPENERS['en']} {_OPENERS['fr']}"
    return frozenset(words.split())


def leans_back(sentence: str, lang: str) -> bool:
    """Whether ``sentence`` needs an earlier one: it opens on a word that points
    back, or names "the question" without saying which."""
    found = _FIRST_WORD.match(sentence)
    if not found:
        return False
    word = found.group(1).lower()
    if word in _openers(lang):
        rest = sentence[found.end() :].lstrip(" ,").lower()
        return not _INDEPENDENT.get(word, _TIME).match(rest)
    if _BACK_NOUNS.match(sentence.lstrip('"«“„( ')):
        return True
    if "," in sentence[:_OPENER_CHARS]:
        after = _PRONOUN_AFTER_OPENER.match(sentence)
        rest = sentence[after.end() :].lstrip().lower() if after else ""
        if after and not (_TIME.match(rest) or _EXPLETIVE.match(rest)):
            return True  # "In tanks kept at 4°C, it reduced ...": which "it"?
    low = lowered_for_words(sentence)
    if low is not None and not any(map(low.__contains__, _UNSAID_WORDS)):
        return False
    return bool(_UNSAID.search(sentence))


# Linking words that only join a sentence to the one before: without them it stands
# alone ("But the firm said ..." -> "The firm said ..."). Only those after which the
# word order stays that of a statement: German "außerdem" or "zudem" would leave the
# verb first, French "aussi" an inverted subject.
_LINKING = {
    "en": """but and however meanwhile moreover furthermore still yet instead
    nevertheless besides then so thus hence also""",
    "fr": """mais et pourtant cependant toutefois néanmoins alors donc puis également
    d'ailleurs""",
    "de": "aber",
    "es": "pero además también",
    "it": "ma però tuttavia inoltre",
}
_LINKING_OPENER = re.compile(r"[\"«“„(\s]*([^\W\d_]+(?:['’][^\W\d_]+)?)\s*,?\s+")


@cache
def _linking(lang: str) -> frozenset[str]:
    words = _LINKING.get(lang) or f"{_LINKING['en']} {_LINKING['fr']}"
    return frozenset(words.split())


def standing(sentence: str, lang: str) -> str | None:
    """``sentence`` as it can be shown without the sentence before it: itself, or
    without the linking word it opens on ("However, the bank ..." -> "The bank
    ..."); None when it needs the sentence before all the same ("But he said ...")."""
    if not leans_back(sentence, lang):
        return sentence
    found = _LINKING_OPENER.match(sentence)
    if not found or found.group(1).lower().replace("’", "'") not in _linking(lang):
        return None
    rest = sentence[found.end() :]
    if not rest[:1].isalpha() or leans_back(rest, lang):
        return None
    return rest[:1].upper() + rest[1:]
