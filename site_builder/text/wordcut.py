"""A title cut to its first words, the last resort when no rule finds a headline.

Some leads hold no constituent boundary a headline rule can use within a title's
length (titles.py): their title is then the longest start of at most MAX_WORDS
words that ends where a title can. A start ends where a title can when it does not
stop inside a name, a quotation or a list, nor on a word that wants more; it is
preferred when it ends before a preposition or a relative pronoun, else when it is
a whole clause: a verb, no clause left open (clauses.open_clause: not "... warns
that rising deficits", not "... predicted it will"), no subject parted from its
verb, no noun of action from its complement ("une modification [de ...]").
"""

from __future__ import annotations

import re

from site_builder.text.adverbials import SETTING
from site_builder.text.clauses import (
    AUXILIARIES,
    DANGLING,
    PREPOSITIONS,
    has_verb,
    main_verb,
    open_clause,
    word_set,
)
from site_builder.text.tidying import tidy

_BOUNDARY = (
    PREPOSITIONS
    | {"who", "which", "qui", "dont", "où", "die", "der", "das"}
    # what opens an adjunct: "... Dortmund slipped [despite the club agreeing]"
    | word_set("despite after before amid during malgré après avant pendant")
)
MAX_WORDS = 16  # real headlines: median 6 words, 95% at most 14
MAX_CHARACTERS = 100  # and as many characters: long words make long lines
_GERUND = re.compile(r"[a-z]\w*ing")
_WANTING = word_set(
    "pas fait font doit doivent peut peuvent va vont ne n' n’ plus moins très trop "
    "most least very too"
)
_COORDINATORS = word_set("and or but et ou mais und oder aber y o pero e")
# "une modification", "son intention": a noun of action wants its complement.
_ACTION = re.compile(r"\w{3,}(?:tion|sion|ance|ence|ité|ure)s?")
_OWNERS = word_set("un une des son sa ses leur leurs")


def first_words(sentence: str) -> str:
    """The last resort, for text no rule can cut: the words before the first
    comma, else the longest start of at most MAX_WORDS words that ends before a
    preposition or a relative pronoun (a constituent ends there: "... was stormed
    [by as many as four robbers]") and where a title can (``_clean_end``), else the
    longest that ends where a title can and leaves no clause open (``_best_start``),
    else the longest that ends where a title can; never an ellipsis."""
    text = tidy(sentence)
    if short(text):
        return text
    clause = tidy(text.split(",", 1)[0])
    if (
        len(clause.split()) >= 3
        and short(clause)
        and not SETTING.match(clause)  # "Upon learning of his death sentence"
        and not open_clause(clause)
    ):
        return clause
    words = text.split()
    found = _best_start(words)
    if found:
        return tidy(found)
    while len(words) > 3 and not short(" ".join(words)):
        words.pop()
    return tidy(" ".join(words))


def _best_start(words: list[str]) -> str | None:
    """The longest start of at most MAX_WORDS words that ends where a title can:
    before a preposition or a relative pronoun, else as a whole clause (a verb,
    none left open: not "... warns that rising deficits", clauses.open_clause,
    nor a subject cut from its verb: "... he knew accountants [were]"), else with
    no clause left open ("Rapid alert service for home users [is launched]"), else
    any; None when no start can end a title."""
    tiers: list[str | None] = [None, None, None]
    for end in range(min(MAX_WORDS, len(words) - 1), 3, -1):
        start = " ".join(words[:end])
        if not (short(start) and _clean_end(words, end)):
            continue
        closed = not open_clause(start) and not _wants_complement(words, end)
        # an auxiliary next is the verb of a clause inside ("denies claims that he
        # knew accountants [were]") unless the start has no main verb ("Issues
        # that voters raise [are]": a subject, whole as a label)
        # a cut before an auxiliary leaves a subject without its verb: "claims
        # that he knew accountants [were doctoring ...]"
        finished = closed and not (words[end] in AUXILIARIES and main_verb(start))
        if finished and words[end].lower() in _BOUNDARY:
            return start
        for tier, fits in enumerate((finished and has_verb(start), closed, True)):
            if fits and tiers[tier] is None:
                tiers[tier] = start
    return next((t for t in tiers if t), None)


def _wants_complement(words: list[str], end: int) -> bool:
    """Whether the cut parts a French noun of action from its complement: "se
    traduit par une modification [de la typologie]"."""
    owned = words[end - 2].lower() in _OWNERS and _ACTION.fullmatch(words[end - 1])
    return bool(owned) and words[end].lower() in ("de", "d'", "d’", "du", "des")


def _clean_end(words: list[str], end: int) -> bool:
    """Whether ``words[:end]`` can end a truncated title: not inside a name ("signed
    up Leonardo [DiCaprio]"), not on a word that wants a complement ("of",
    "stemming", "fait", "pas"; "passed away", "was stormed" are whole), not inside
    a quotation, not on a coordinated scrap ("... and aimed", "... et cette
    disparition")."""
    last, following = words[end - 1], words[end]
    if last[:1].isupper() and following[:1].isupper():
        return False
    if last.lower() in DANGLING or _GERUND.fullmatch(last):
        return False  # "charges stemming [from]"; "King" is a name
    if last.lower() in _WANTING or " ".join(words[:end]).count('"') % 2:
        return False  # "... ne sont pas", "Castaner fait", a quotation left open
    return not any(w.lower() in _COORDINATORS for w in words[max(0, end - 3) : end])


def short(title: str) -> bool:
    return len(title.split()) <= MAX_WORDS and len(title) <= MAX_CHARACTERS
