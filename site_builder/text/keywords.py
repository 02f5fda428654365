"""Keywords and named entities of an article, by counting: no model, no download.

Keywords are the content stems the article uses most, weighed by how rare they are in
the language at large (``commonness``: "election" outranks "people", and words as
common as "detto" or "homme" never rank), shown in their most common written form;
days, months, units of time and number words never are keywords. When the site has a
tag vocabulary, only its tags are proposed, so tags do not sprawl. Entities are runs
of capitalised words that are not merely sentence openers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from itertools import chain
from operator import itemgetter

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names, get_period_names
from babel.units import format_unit

from site_builder.text.commonness import number_words, zipf
from site_builder.text.tokens import stemmer, stop_words, words

# The look-ahead repeats what the first letter must be: it lets the search skip to
# capitals instead of testing the look-behind at every offset (20% faster).
_CAPITALISED = re.compile(
    r"(?=[A-ZÀ-Þ])(?<![\w’'])(?:[A-ZÀ-Þ][\w’'-]*|[A-Z]{2,})"
    r"(?:\s+(?:(?:of|de|du|des|la|le|the|von|van|al|bin)\s+)?[A-ZÀ-Þ][\w’'-]*)*"
)
_ELISION = re.compile(r"^(?:[cldjmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_POSSESSIVE = re.compile(r"['’]s$")
_TIME_UNITS = (
    "duration-year",
    "duration-month",
    "duration-week",
    "duration-day",
    "duration-hour",
    "duration-minute",
)
_LEADING_MARKS = " \"'«“\u2018(-"
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Sir|M|Mme|Mlle|Me|Pr)\.?\s+")
# A word's weight is 1 up to Zipf PLAIN and falls linearly to 0 at COMMON: only the
# words every story uses lose weight (bench/keywords.py has the sweep, by fold).
PLAIN = 4.5
COMMON = 6.5
_SPARE = 2  # ranked beyond the limit, in case a form turns out to be excluded
_SWAP = itemgetter(1, 0)  # (word, stem) -> (stem, word)
_STEM = itemgetter(1)


def keywords(
    sentences: Sequence[Sequence[tuple[str, str]]],
    lang: str,
    limit: int,
    vocabulary: Sequence[str] = (),
    weighting: tuple[float, float] = (PLAIN, COMMON),
) -> tuple[str, ...]:
    """Up to ``limit`` keywords, most telling first; from ``vocabulary`` if given.

    ``sentences``: each sentence's content words as ``(written form, stem)`` pairs,
    as tokens.content_words gives them (so the text is not tokenised twice).
    """
    unique = [set(map(_STEM, pairs)) for pairs in sentences]
    weights: Counter[str] = Counter()
    # Counter.update counts in C; the lead (first three sentences) states what the
    # story is about, so its stems count twice.
    weights.update(chain.from_iterable(unique))
    weights.update(chain.from_iterable(unique[:3]))
    if vocabulary:
        return _from_vocabulary(weights, lang, limit, vocabulary)
    excluded = excluded_stems(lang)
    candidates = frozenset(
        s
        for s, weight in weights.items()
        if weight >= 2 and not _DIGIT.search(s) and s not in excluded
    )
    # Rarity is read on one written form of each stem (the last: a dict built in C);
    # the most common form, a pass over every word, is found for the winners only.
    written = dict(map(_SWAP, chain.from_iterable(sentences)))
    scores = {
        stem: weights[stem] * rarity(written[stem], lang, *weighting)
        for stem in candidates
    }
    ranked = sorted(
        (stem for stem, score in scores.items() if score > 0),
        key=lambda stem: (-scores[stem], stem),
    )[: limit + _SPARE]
    forms = _surface_forms(sentences, frozenset(ranked))
    shown = (forms[stem] for stem in ranked if stem in forms)
    return tuple([form for form in shown if form.lower() not in excluded][:limit])


def rarity(word: str, lang: str, plain: float = PLAIN, common: float = COMMON) -> float:
    """How much ``word`` can tell one story from another: 1 for a word no more
    common than Zipf ``plain`` (or one wordfreq lacks), falling to 0 at ``common``."""
    return min(1.0, max(0.0, (common - zipf(word, lang)) / (common - plain)))


@cache
def excluded_stems(lang: str) -> frozenset[str]:
    """Stems (and lower-cased words) that are never keywords in ``lang``: the
    calendar's and the numbers' ("dix", "thousand")."""
    stem = stemmer(lang)
    numbers = number_words(lang)
    return calendar_stems(lang) | numbers | {stem(word) for word in numbers}


@cache
def calendar_stems(lang: str) -> frozenset[str]:
    """Stems of the days, months, units of time, relative days ("hier",
    "yesterday") and times of day ("midi", "evening") in ``lang`` (from Babel's
    CLDR data): a story about a flood is not about "vendredi" or "hours", however
    often it says them, so they never become keywords (nor topics)."""
    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return frozenset()
    names = [*get_day_names("wide", locale=locale).values()]
    names += get_month_names("wide", locale=locale).values()
    for unit in _TIME_UNITS:
        for length in ("long", "short"):
            for count in (1, 2):
                names.append(format_unit(count, unit, length, locale=locale))
    names += _relative_days(locale)
    for context in ("format", "stand-alone"):  # "midi", "noon", "Abend"
        names += get_period_names("wide", context, locale=locale).values()
    stem = stemmer(lang)
    return frozenset(stem(w.lower()) for name in names for w in words(name))


def _relative_days(locale: Locale) -> list[str]:
    """ "yesterday", "aujourd'hui", "morgen": CLDR has them, Babel formats them
    only inside relative times, so they are read from its locale data."""
    try:
        found = locale._data["date_fields"]["day"]["relative"]
    except (KeyError, AttributeError, TypeError):
        return []
    return [str(name) for name in dict(found).values()]


def _surface_forms(
    sentences: Sequence[Sequence[tuple[str, str]]], wanted: frozenset[str]
) -> dict[str, str]:
    """Each wanted stem's most frequent written form, lower-cased unless always
    capitalised."""
    seen: dict[str, Counter[str]] = {key: Counter() for key in wanted}
    for pairs in sentences:
        for word, stem in pairs:
            if stem in wanted:
                seen[stem][word] += 1
    forms: dict[str, str] = {}
    for key, counts in seen.items():
        if not counts:
            continue
        best = max(
            counts.items(), key=lambda item: (item[1], item[0].islower(), item[0])
        )
        word = best[0]
        forms[key] = word if all(w[:1].isupper() for w in counts) else word.lower()
    return forms


def _from_vocabulary(
    weights: Counter[str], lang: str, limit: int, vocabulary: Sequence[str]
) -> tuple[str, ...]:
    stem = stemmer(lang)
    scored: list[tuple[int, str]] = []
    for tag in vocabulary:
        stems = [stem(w.lower()) for w in words(tag)]
        if stems and all(weights[s] for s in stems):
            scored.append((min(weights[s] for s in stems), tag))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return tuple(tag for weight, tag in scored[:limit] if weight >= 2)


def entities(sentences: Sequence[str], lang: str, limit: int = 8) -> tuple[str, ...]:
    """Names of people, places and organisations, most mentioned first.

    A capitalised run counts when it stands inside a sentence; at a sentence start only
    if it is also seen inside one (or, for a full name, its last word is), since any
    first word is capitalised.
    """
    stop = stop_words(lang)
    inside: Counter[str] = Counter()
    openers: Counter[str] = Counter()
    names: dict[str, str] = {}  # a run's name, once per spelling
    runs: set[str] = set()  # capitalised runs seen inside a sentence, names or not
    for sentence in sentences:
        # a run starts the sentence when only opening marks come before it
        lead = len(sentence) - len(sentence.lstrip(_LEADING_MARKS))
        for match in _CAPITALISED.finditer(sentence):
            run = match.group()
            if match.start() > lead:
                runs.add(run)
            name = names.get(run)
            if name is None:
                name = names[run] = _entity(run, stop)
            if name:
                (openers if match.start() <= lead else inside)[name] += 1
    # "Bettie Page, the pinup ..." opens sentences; inside them she is "Page" (not
    # in German, whose nouns are capitalised: "Beschreibung Julian Assange")
    counts = inside + Counter(
        {
            n: c
            for n, c in openers.items()
            if n in inside or (lang != "de" and _surname_inside(n, runs))
        }
    )
    ranked = sorted(counts, key=lambda n: (-counts[n], -len(n), n))
    # "Bondi" adds nothing beside "Enrico Bondi": " Bondi " is found in another
    # name than its own ("|" cannot be part of a name, so no match spans two)
    padded = "|".join(f" {name} " for name in counts)
    kept: list[str] = []
    for name in ranked:
        if len(kept) == limit:
            break
        if padded.count(f" {name} ") < 2:
            kept.append(name)
    return tuple(kept)


def _surname_inside(name: str, runs: set[str]) -> bool:
    """Whether the last word of a name of two or three words is seen alone and
    capitalised inside a sentence ("Page", a common word, is no name alone)."""
    words = name.split()
    return 1 < len(words) <= 3 and words[-1] in runs


def _entity(name: str, stop: frozenset[str]) -> str:
    """A capitalised run as a name: elision, possessive, title and leading stop
    words off; "" when what is left is too short or a stop word."""
    if "'" in name or "’" in name:  # the regexes are only needed then
        name = _POSSESSIVE.sub("", _ELISION.sub("", name))
    if " " in name:
        name = _TITLE.sub("", name)
    while " " in name and name.split(" ", 1)[0].lower() in stop:
        name = name.split(" ", 1)[1]  # "Les États-Unis" -> "États-Unis"
    if len(name) < 2 or name.lower() in stop:
        return ""
    return name
