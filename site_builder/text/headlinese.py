"""English headline style for a drafted title: no articles, the news in the present.

English headlines drop articles ("Firm drops threat of legal action", not "The firm
has dropped the threat of legal action"), tell what has happened in the present
("Creator of first Apple Mac dies") and a passive with its participle alone
("Bellamy fined after row"). A lead cut into a title keeps its
prose: "Jef Raskin has died", "Microsoft has said it will replace more than 14
million power cables". Only these changes are made, and only where they are
certain: a lower-case "the", "a" or "an" before a word goes, except in a quotation
and before a quantifier ("a few", "a lot"); "has" or "have" before a participle
becomes the verb's present ("has said" -> "says", "have warned" -> "warn") when the
participle's dictionary form is known (lemmas.py), and "was" or "were" before a
participle goes ("Paris jewellery store was stormed" -> "... store stormed"), when
the words before are the subject alone (no pronoun: "He has won" stays).

Evidence (``python -m bench.quality``, training split, BBC title ROUGE-1): see the
README's Briefs section; the title a reader sees is the one scored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from site_builder.text.clauses import AUXILIARIES, PREPOSITIONS, has_verb, word_set
from site_builder.text.lemmas import lemma

# "a few", "a lot": quantifiers keep their article.
_ARTICLE = re.compile(
    r"(?:(?<![\w'\u2019-])(?:the|a|an)|^The|^An|^A)\s+(?=[\w\"\u201c\u2018'$\u00a3\u20ac])"
    r"(?!(?:few|little|lot|couple|bit|number|third|half|quarter)\b)"
)
_ADVERB = r"(?P<adverb>(?:also|now|already|just|finally|\w+ly)\s+)?"
_PERFECT = re.compile(rf"\b(?P<aux>has|have)\s+{_ADVERB}(?P<part>[a-z]{{2,}})\b")
_PAST_PASSIVE = re.compile(rf"\b(?:was|were)\s+{_ADVERB}(?P<part>[a-z]{{2,}})\b")
# Irregular participles and their verbs ("has won" -> "wins"); any other word
# after "has" is a participle only if it ends in -ed and has a dictionary form of
# its own ("has plans", "has children", "has hundred" are not perfects).
_IRREGULAR = dict(
    pair.split(":")
    for pair in word_set(
        """said:say made:make won:win lost:lose left:leave kept:keep held:hold
    sold:sell bought:buy brought:bring caught:catch taught:teach found:find
    struck:strike paid:pay laid:lay led:lead fed:feed met:meet shot:shoot sent:send
    spent:spend built:build told:tell taken:take given:give seen:see written:write
    chosen:choose fallen:fall broken:break driven:drive risen:rise beaten:beat
    stolen:steal spoken:speak known:know shown:show grown:grow thrown:throw
    drawn:draw flown:fly begun:begin become:become come:come run:run hit:hit put:put
    cut:cut set:set shut:shut hurt:hurt quit:quit withdrawn:withdraw
    overtaken:overtake undertaken:undertake forgotten:forget fought:fight
    sought:seek thought:think heard:hear felt:feel dealt:deal meant:mean
    sworn:swear stuck:stick swept:sweep lent:lend fled:flee"""
    )
)
# Irregular simple pasts that are no participle, and their verbs ("saw" -> "see"),
# and "said": a name's "said" is its verb unless "to" follows ("X said to be ..."
# is a passive). Other pasts that are participles too ("found", "held", "shot")
# often stand for a passive in a headline ("X found dead").
_PAST_ONLY = dict(
    pair.split(":")
    for pair in word_set(
        """said:say saw:see took:take gave:give wrote:write chose:choose fell:fall
    broke:break drove:drive rose:rise stole:steal spoke:speak knew:know grew:grow
    threw:throw drew:draw flew:fly began:begin became:become came:come ran:run
    withdrew:withdraw swore:swear forgot:forget overtook:overtake undertook:undertake"""
    )
)
# Regular verbs whose participle is never a passive headline's ("died", not
# "named": after newsstyle.py, "Anna Holm named chief" is a passive already).
_INTRANSITIVE = word_set(
    """die resign retire arrive collapse slump soar plunge surge tumble slip climb
    jump dip rally crash vanish disappear emerge return testify"""
)
_PLURALS = word_set("police people children men women")
# Prepositions: a subject's head stands before them; no subject starts with one.
_HEADS_AFTER = PREPOSITIONS | word_set("over under near")
_ONE_S = ("ss", "us", "is")
_PRONOUNS = word_set("i you he she it we they who which that there this these those")
_SUBORDINATORS = word_set(
    "after before when while because if as since although though that whether until "
    "unless once"
)
# No name starts with these ("It took", "Some thought"); no subject alone holds a
# pronoun, a subordinator or a finite verb ("The man who stole").
_NOT_NAMES = _PRONOUNS | word_set("some many most all both few several")
_NOT_SUBJECT = (
    _PRONOUNS | _SUBORDINATORS | AUXILIARIES | word_set("whom whose do does did")
)
_QUOTES = "\"'\u201c\u2018\u00ab"
_QUOTED = re.compile(r"(\"[^\"]*\"|\u201c[^\u201d]*\u201d)")
_THIRD_PERSON = {"have": "has", "be": "is", "do": "does", "go": "goes"}
_ES = re.compile(r"(?:s|x|z|ch|sh|o)$")
_Y = re.compile(r"[^aeiou]y$")


def english_style(title: str) -> str:
    """``title`` in English headline style (see the module docstring); a quoted
    title is a quotation and stays as it is."""
    if title[:1] in _QUOTES:
        return title
    text = _present(title)
    text = _outside_quotes(text, partial(_ARTICLE.sub, ""))
    return text[:1].upper() + text[1:] if text else text


def _present(title: str) -> str:
    """The main clause's perfect as a present ("has died" -> "dies"), or its past
    passive as a bare participle ("was stormed" -> "stormed")."""
    found = _PERFECT.search(title)
    if found and _subject_alone(title[: found.start()]):
        verb = _conjugated(found.group("part"), found.group("aux") == "has")
        if verb is not None:
            return _replaced(title, found, verb)
    found = _PAST_PASSIVE.search(title)
    if (
        found
        and _subject_alone(title[: found.start()])
        and _participle(found.group("part"))
    ):
        return _replaced(title, found, found.group("part"))
    return _simple_past(title)


def _simple_past(title: str) -> str:
    """The subject's simple past as its present ("Bettie Page died" -> "Bettie Page
    dies", "Armed robbers stole gems" -> "Armed robbers steal gems"), only for a
    past that cannot be a passive's participle (an irregular one, "saw", "took", or
    a verb that takes no object, "died"): after newsstyle.py, "Campaign launched" is
    a passive (all regular pasts made 25 errors in 86 changes on the training
    split). The subject is the words before, when they hold no verb, pronoun,
    subordinator or comma: a name of two words or more is one, a noun in -s many
    ("police" too; a single capitalised word is read as a noun: "Shares fell");
    "said" only after a name, and not before "to" ("X said to be ...": a passive)."""
    words = title.split()
    for at, word in enumerate(words[1:6], start=1):
        past = word.rstrip(",;:")  # "Jane Roe died, aged 85"
        base = _PAST_ONLY.get(past) or (past.endswith("ed") and lemma(past, "en"))
        if not base or (base not in _INTRANSITIVE and past not in _PAST_ONLY):
            continue
        plural = _plural(words[:at], past, words[at + 1 : at + 2])
        if plural is None:
            return title
        verb = (base if plural else _third_person(base)) + word[len(past) :]
        return " ".join([*words[:at], verb, *words[at + 1 :]])
    return title


def _plural(subject: list[str], past: str, after: list[str]) -> bool | None:
    """Whether ``subject`` is plural; None when it is no subject alone or its
    number is unsure."""
    low = [w.lower() for w in subject]
    if low[0] in _NOT_NAMES or low[-1].endswith(("'s", "’s")):
        return None  # "It took", "Some thought", "Northwind's planned farm"
    if low[0] in _HEADS_AFTER or any(w in _NOT_SUBJECT or w[-1] in ",;:" for w in low):
        return None  # "The man who stole", "After the storm, ...", "In spring it"
    heads = [at for at, w in enumerate(low) if w in _HEADS_AFTER]
    if heads:  # "Voters in the capital began": the noun before "in" is the head
        subject, low = subject[: heads[0]], low[: heads[0]]
    if len(subject) > 1 and all(w[:1].isupper() for w in subject):  # a name
        if past == "said" and after == ["to"]:
            return None  # "Anna Holm said to be leaving": a passive
        return False
    if past == "said":
        return None  # "staff said": one or many?
    last = low[-1]
    if last in _PLURALS:
        return True
    if not last.endswith("s") or last.endswith(_ONE_S):
        return False
    if len(subject) == 1 and lemma(last, "en").lower() == last:
        return None  # a name in -s ("Williams took"), not a plural ("Shares fell")
    return True


def _subject_alone(before: str) -> bool:
    """Whether ``before`` is a subject alone: no verb, no pronoun, no
    subordinator, no quotation left open."""
    words = before.lower().split()
    if not words or words[-1] in _PRONOUNS or has_verb(before.lower()):
        return False
    if _SUBORDINATORS.intersection(words):
        return False  # "Three years after Argentina was hit": no main clause
    return before.count('"') % 2 == 0 and before.count("“") == before.count("”")


def _replaced(title: str, found: re.Match[str], verb: str) -> str:
    adverb = found.group("adverb") or ""
    return f"{title[: found.start()]}{adverb}{verb}{title[found.end() :]}"


def _participle(word: str) -> bool:
    return word in _IRREGULAR or (word.endswith("ed") and lemma(word, "en") != word)


def _conjugated(participle: str, singular: bool) -> str | None:
    """The present of the verb whose participle is given, or None when the
    participle is not one (its dictionary form is itself: "has plans")."""
    base = _IRREGULAR.get(participle)
    if base is None:
        base = lemma(participle, "en") if participle.endswith("ed") else participle
        if base == participle or not base.isalpha():
            return None
    return _third_person(base) if singular else base


def _third_person(base: str) -> str:
    """The present third person singular of the verb ``base``."""
    if base in _THIRD_PERSON:
        return _THIRD_PERSON[base]
    if _Y.search(base):
        return base[:-1] + "ies"
    return base + ("es" if _ES.search(base) else "s")


def prepare() -> None:
    """Read the English lemma dictionary now (0.4 s): forked workers then share it
    instead of each reading it again."""
    lemma("reported", "en")


def _outside_quotes(text: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the parts of ``text`` outside double quotes."""
    parts = _QUOTED.split(text)
    return "".join(p if i % 2 else change(p) for i, p in enumerate(parts))
