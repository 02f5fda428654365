"""One sentence as a headline: its main clause, as a sub-editor would cut it.

A headline stays extractive: only whole constituents go. Attribution, scene-setting
openers, dates, brackets, asides and linking adverbs always go (attribution.py,
adverbials.py), and so does a second sentence glued on by the scrape. A lead still
longer than about twelve words is then cut at a constituent boundary (a comma, a
subordinator, "car", a relative pronoun, then an adjunct: a preposition, a gerund,
a participle that modifies a noun), never inside quotes. A lead that is one
quotation is cut inside and quoted again, and keeps its tense; anything else takes
headline style (newsstyle.py). A removal that would strand a preposition or article
is not made, and a final guard rejects titles that end on one, hold two in a row or
start with a subordinator.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from site_builder.text.adverbials import (
    BRACKETS,
    SETTING,
    drop_asides,
    drop_connectives,
    drop_opener,
    drop_subject_aside,
    drop_when,
)
from site_builder.text.attribution import drop_attribution, drop_source
from site_builder.text.clauses import (
    ARTICLES,
    GOVERNING,
    PREPOSITIONS,
    SUBORDINATORS,
    has_verb,
    open_clause,
    squeeze,
)
from site_builder.text.newsstyle import present, uncleft
from site_builder.text.sentences import split_sentences
from site_builder.text.tidying import COUNT, dangles, name_end, tidy

# Where a trailing constituent starts: strong boundaries first, then adjuncts.
_STRONG = re.compile(
    r"(?<!\d)[,;:](?!\d)|\s[-–—](?=\s)|\s(?=(?:(?:alors|tandis|parce)\s+qu(?:e|['’])"
    r"|lorsqu|puisqu|afin\s+d|d['’]après(?!-)|car\s+(?:il|elle|ils|elles|on|le|la|les"
    r"|l['’]|un|une|des|c['’]|ce|cette|ces|nous|je|j['’]|sa|son|ses|leur|leurs)\b"
    r"|(?:qui|dont|où|quand|après|avant|selon"
    r"|mais|pour\s+\w+(?:er|ir|re)|who|which|whose|where|while|after|before|because"
    r"|although|when|since|amid|despite|following|according|in\s+order|as\s+part"
    r"|but|as\s+(?:the|a|an|it|they|he|she|we|its|their|his|her))\b))",
    re.IGNORECASE,
)
_WEAK = re.compile(
    r"\s(?=(?:dans|sur|avec|lors|pendant|durant|depuis|malgré|vers|chez|pour|contre"
    r"|face|in|on|at|with|over|for|during|from|against|ahead|by)\s"
    r"|en\s+(?:ne\s+|n['’])?\w+ant\b)"
    # a participle that modifies a noun: 'des "insultes" lancées par des ...'
    r"|(?<!ment)(?<!\sou)(?<!\set)\s(?=\w+(?:ée|és|ées|ise|ises|ite|ites)"
    r"\s+par\s+(?:un|une|des|la|les|l['’]|ses|son|sa|leur|leurs)\b)",
    re.IGNORECASE,
)
# A boundary word written with a capital inside a sentence (after a capitalised
# word) is part of a name: "Doctor Who", "After Earth".
_NAMED = re.compile(r"\s[A-ZÀ-Þ]")
_MODIFIER = re.compile(r"\w+(?:ée|és|ées|ise|ises|ite|ites)\s+par\s")
_AFTER_COLON = re.compile(
    r":\s*((?:en|pour|à|de|d['’]|afin|in|for|to|with)\b[^:\"«»“”]*)$", re.IGNORECASE
)
# A word that does not end a constituent: a participle or particle wants its
# complement ("supplied by", "put on hold"), "eight months" its "after".
_HELD = re.compile(
    r"\w+(?:ed|ing|é|ée|és|ées)|put|set|made|taken|given|held|kept|sent|brought|shown"
    r"|seen|known|up|down|out|off|aside|back|away|still|not|now|also|already|just|only"
    r"|soon|seulement|shortly|pas|plus|toujours|déjà|months|years|days|weeks|hours|mois|ans|années"
    r"|jours|semaines|heures|minutes|est|sont|été|être|était|is|are|was|were|be|been"
)
# "to go", "de prendre", "pour faire": a verb that wants what was cut. A French
# infinitive ends -er, -ir, -oir, -ire, -dre, -tre or -vre; "d'heure", "de guerre"
# are nouns.
_INFINITIVE = re.compile(
    r"\b(?:to\s+\w+|(?:de|d['’]|à|pour)\s*\w+(?:er|ir|oir|ire|[dtv]re))$"
)
# A sentence glued to the next one by the scrape: "de Privas.L'homme", 'fait".Le',
# "en familia;La antigua", 'une Europe "en danger"Jamais depuis',
# or with no stop at all, "les travauxLe maire a dit" (a brand starts with a capital
# or a single small letter: "BlackBerry", "iPhone").
_GLUED = re.compile(
    r"(?<=[a-zà-ÿ\"»”)])[.!?;](?=[A-ZÀ-Þ])|(?:(?<![\w'’-])[a-zà-ÿ]{3,}|[)»”]"
    r"|(?<=[a-zà-ÿ])\")(?P<at>)"
    r"(?=[A-ZÀ-Þ][a-zà-ÿ])"
)
# What a scrape leaves before the first word: bullets, arrows, markup debris.
_JUNK = re.compile(r"^[^\w\"«“(]+")
_CLOSING = {'"': '"', "«": "»", "“": "”"}
_LIMIT = 12  # reference headlines run about 5 words (BBC) and 12 (OrangeSum)
_MIN = 5
_SLACK = 5


# An article's opening sentences are cut for its title and often again for its key
# points: the few most recent results are kept (the function is pure).
@lru_cache(maxsize=64)
def _clean(sentence: str) -> tuple[str, tuple[str, str]]:
    """The lead without what a headline never carries (attribution, setting, dates),
    and the marks that enclosed it when all that is left is one quotation."""
    text = BRACKETS.sub("", _JUNK.sub("", unglued(squeeze(sentence))).rstrip(".!?… "))
    # the subject's aside first ("Acme, the maker, reported a loss" is no
    # attribution), unless an opener comes first: it goes first
    if not SETTING.match(text):
        text = drop_subject_aside(text)
    text, marks = _unquoted(drop_source(drop_opener(drop_attribution(text))))
    text = drop_subject_aside(drop_asides(drop_when(text)))
    return (text if marks[0] else uncleft(drop_connectives(text))), marks


def unglued(text: str) -> str:
    """The first of two sentences the scrape glued together."""
    glued = _GLUED.search(text)
    if not glued:
        return text
    return text[: glued.start("at") if glued.group("at") is not None else glued.start()]


def _unquoted(text: str) -> tuple[str, tuple[str, str]]:
    """A text that is one quotation: its first sentence, unquoted, and its marks
    (French guillemets with their inner spaces), so that its words are cut like any
    others and then quoted again. Anything else comes back as it is."""
    if text[:1] not in _CLOSING or text[-1:] != _CLOSING[text[0]]:
        return text, ("", "")
    inner = text[1:-1]
    if any(mark in inner for mark in '"«»“”'):
        return text, ("", "")
    lead = inner[: len(inner) - len(inner.lstrip())][:1]
    marks = (text[0] + lead, inner[len(inner.rstrip()) :][:1] + text[-1])
    return (split_sentences(inner, "") or [inner])[0].rstrip(".!?… "), marks


def _boundaries(text: str, pattern: re.Pattern[str]) -> list[int]:
    """Offsets where ``pattern`` starts a trailing constituent, outside quotes."""
    found = []
    for match in pattern.finditer(text):
        before = text[: match.start()]
        if before.count('"') % 2 or before.count("«") > before.count("»"):
            continue
        named = _NAMED.match(text, match.start())
        if named and name_end([*before.split(), text[named.end() - 1 :].split()[0]]):
            continue  # "as current Doctor [Who]": a name, not a clause
        found.append(match.start())
    return found


def _cut(text: str, limit: int) -> str:
    """The longest start of ``text`` within ``limit`` words that ends where a
    constituent does; strong boundaries (clauses) before weak ones (adjuncts)."""
    if len(text.split()) <= limit:
        return text

    tested: dict[int, bool] = {}  # a cut that failed within the limit is met again

    def fits(cut: int) -> bool:
        if cut not in tested:
            kept = text[:cut]
            tested[cut] = _whole(kept, text[cut:]) and _usable(tidy(kept))
        return tested[cut]

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
    ("Le journal, qui ..."), not a clause short of its verb."""
    comma = dropped.lstrip()[:1] == ","
    dropped = dropped.lstrip(" ,;:")
    # the verb would go: "A campaign to bump up bills [was dropped]", "Dozens of
    # people [who were giving blood applauded]" (a relative after a verbless
    # start is the subject's, and the main verb follows it)
    verb_goes = has_verb(dropped) or _MODIFIER.match(dropped)
    if verb_goes and not has_verb(kept) and not SUBORDINATORS.match(dropped):
        return False
    last = kept.split()[-1].lower() if kept.split() else ""
    if _HELD.fullmatch(last) or _INFINITIVE.search(kept):
        return False
    listed = re.split(r"\s(?:et|ou|and|or)\s", f" {dropped} ")
    if comma and len(listed) > 1 and 0 < len(listed[0].split()) <= 3:
        return False  # mid-list: "with Meryl Streep[, Morgan Freeman and ...]"
    if re.search(r",\s*(?:qui|dont|who|which)\b[^,]*$", kept):
        return False
    explained = _AFTER_COLON.search(kept)  # "Le port ferme: en plus de perdre"
    if explained and not has_verb(explained.group(1)):
        return False
    return not open_clause(kept)  # "... warns that rising deficits", "... is"


# A title that ends on who spoke is the attribution of a cut quote, and one that
# ends inside a relative clause lost its verb: "X's father said later", "Four
# robbers, two of whom were disguised".
_FRAGMENT = re.compile(
    r"\b(?:said|says|told|added|asked|wrote|a-t-(?:il|elle)\s+\w+|dit|déclaré"
    r"|affirmé|ajouté|sagte|erklärte)(?:\s+(?:later|today|yesterday|then|plus\s+tard"
    r"|ensuite|später))?$|,\s*(?:\w+\s+of\s+)?(?:whom|which|who|dont|qui|deren"
    r"|denen)\b[^,]*$",
    re.IGNORECASE,
)


def _usable(title: str) -> bool:
    """At least three words, no stranded or doubled preposition, not subordinate,
    no fragment."""
    cased = [w.strip('"«»“”()') for w in title.split()]
    words = [w.lower() for w in cased]
    doubled = any(
        (a in GOVERNING and b in PREPOSITIONS)
        or (a in ARTICLES and b in ARTICLES and not (b == "an" and COUNT.fullmatch(a)))
        for a, b in itertools.pairwise(words)
    )
    return (
        len(words) >= 3
        and not dangles(cased)  # in case: "Doctor Who" ends on a name
        and not doubled
        and not SUBORDINATORS.match(title)
        and (has_verb(title) or not SETTING.match(title))
        and not _FRAGMENT.search(title.rstrip('"»” '))
        and not open_clause(title)
    )


def headline(sentence: str, limit: int = _LIMIT) -> str:
    """``sentence`` as a headline of about ``limit`` words, or "" when it cannot be.

    The main verb takes headline tense ("s'est suicidé" -> "se suicide"), except in
    a quotation, which stays a quotation.
    """
    text, marks = _clean(sentence)
    # the cut may keep as many more words as the tense change saves
    saved = 0 if marks[0] else len(text.split()) - len(present(text).split())
    title = tidy(_cut(text, limit + saved))
    if not _usable(title):
        return ""
    return f"{marks[0]}{title}{marks[1]}" if marks[0] else present(title)


def shorten(sentence: str, limit: int) -> str:
    """``sentence`` cut to its main clause of about ``limit`` words, with a stop."""
    text = sentence.strip()
    if len(text.split()) <= limit:
        return text
    clause, marks = _clean(text)
    clause = tidy(_cut(clause, limit))
    if not _usable(clause):
        return text
    clause = f"{marks[0]}{clause}{marks[1]}"
    return clause if clause.endswith((".", "!", "?", '"', "»")) else f"{clause}."
