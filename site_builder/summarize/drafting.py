"""Summarize stage: Story -> Summary (summary, key points, title, keywords, reading).

Extractive, and the principle is that of news writing: the inverted pyramid puts the
news first, and the writer's paragraphs say where each point starts. How much the
summary trusts position therefore depends on the structure the text still has.

- A body in paragraphs (two or more): the writer marked the lede (usually a
  one-sentence first paragraph) and gave each later point its own paragraph, so the
  lede need not be forced in; sentences are scored by centrality alone: for each
  content stem occurrence, how often the rest of the article uses that stem. Fuller
  sentences carry more of the story, so the sum is not divided by length.
- A single block (scraped pages, where sentences are often glued): order is the only
  structure left, and in news order is importance, so a strong lead prior applies,
  and centrality is divided by the sentence's stem count (to a power a little above
  1), so that a long unit made of glued sentences does not win on length alone.

Sentences are then taken best first, skipping any that repeats one already taken
(Jaccard of stems, a maximal-marginal-relevance cut-off), and shown in article
order. Markdown is reduced to its prose first (inline markup stripped, headings and
code left out). Front matter always wins over drafts.

Evidence (``python -m bench.summaries``, dev corpus, 3 sentences): the lead prior
applied to paragraphed text costs English 3-9 ROUGE-1 points, and forcing the lede in
costs 2; without it a block falls from 27.6 to 22 in French. Dividing by length in
paragraphed text costs English 0.7 (power 0.3) to 11 (power 1) points. Caveat: on
the dev set the two regimes coincide with the two sources (BBC has paragraphs,
OrangeSum is one block), so a paragraphed text whose ideal summary is its lead gets
a central rather than a lead summary. A linear model over position, length,
centrality, lead overlap, quotes and digits (one weight set, ridge, 5-fold CV by
article) scored English 61.4/53.7/46.0 and French 23.0/8.6/14.7, below these three
constants, and was not kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

from site_builder.config import Config
from site_builder.model import Story, Summary, SummaryQuality
from site_builder.text.keywords import entities, keywords
from site_builder.text.lang import detect_language
from site_builder.text.prose import prose
from site_builder.text.sentences import split_sentences
from site_builder.text.titles import draft_title, reported_by, shorten
from site_builder.text.tokens import (
    content_terms,
    content_words,
    count_words,
    stop_words,
    words,
)

_MIN_WORDS = 5  # shorter "sentences" are captions, datelines or scraps
_MAX_WORDS = 80  # longer ones are glued paragraphs the splitter could not open
# Hard caps on drafts, in words: text with no sentence boundary at all (a 100,000-line
# lowercase dump) must not become a 5 MB summary, title or bullet.
_CAP_SUMMARY = 150
_CAP_TITLE = 24
_CAP_POINT = 45
_BLOCK_DENSITY = 1.2  # in a block, centrality per stem (1 or more), not in total (0)
_BLOCK_LEAD = 10.0  # in a block, the first sentence counts up to 11 times more...
_BLOCK_DECAY = 4.0  # ...and that preference fades over about four sentences
_REDUNDANT = 0.5  # stem Jaccard above which a sentence repeats another
_KEY_POINT_WORDS = 25
_STEM = itemgetter(1)  # of a (word, stem) pair
_COMPARED = ("en", "fr", "de", "es", "it", "pt", "nl")  # languages reads_as weighs
_FEWEST_WORDS = 5  # below this, stop words cannot tell languages apart
_BOILERPLATE = re.compile(
    r"©|\ball rights reserved\b|\btous droits réservés\b"
    r"|^(?:lire aussi|read more|see also|à lire|voir aussi|related)\b",
    re.IGNORECASE,
)
# Both "reserved" phrases hold "serv"; its letters are written out with every
# character IGNORECASE matches them to (the long s, U+017F, too), and a scan for a
# set of letters runs in C where the alternation above is tried at each offset.
_RESERVED = re.compile("[sS\u017f][eE][rR][vV]")
_FACT = re.compile(r"\b(?:\d[\d.,]*|[A-ZÀ-Þ][\w’'-]+)")


@dataclass(frozen=True, slots=True)
class Ranked:
    """A candidate sentence with its stems and score; ``index`` is its article order."""

    index: int
    text: str
    terms: frozenset[str]
    score: float


def rank(
    sentences: list[str], stems: list[list[str]], structured: bool = True
) -> list[Ranked]:
    """Candidates among ``sentences`` (with their content stems), best first.

    ``structured``: the body has paragraphs, so position is left to the writer's
    structure; otherwise the lead prior applies (see the module docstring).
    """
    # chain and map keep the counting loops in C: this runs for every sentence
    frequency = Counter(chain.from_iterable(stems))
    density = 0.0 if structured else _BLOCK_DENSITY
    lead = 0.0 if structured else _BLOCK_LEAD
    ranked: list[Ranked] = []
    for index, (sentence, terms) in enumerate(zip(sentences, stems, strict=True)):
        if not terms or not _fit(sentence):
            continue
        central = sum(map(frequency.__getitem__, terms)) - len(terms)
        score = central / len(terms) ** density
        score *= 1 + lead * math.exp(-index / _BLOCK_DECAY)
        ranked.append(Ranked(index, sentence, frozenset(terms), score))
    return sorted(ranked, key=lambda r: (-r.score, r.index))


def _fit(sentence: str) -> bool:
    count = len(sentence.split())
    return _MIN_WORDS <= count <= _MAX_WORDS and not _boilerplate(sentence)


def _boilerplate(sentence: str) -> bool:
    """``_BOILERPLATE.search(sentence)``, about five times cheaper: that
    case-insensitive alternation is tried at every offset, whereas a sentence with
    neither "©" nor "serv" can only match it at its start."""
    if "©" in sentence or _RESERVED.search(sentence):
        return _BOILERPLATE.search(sentence) is not None
    return _BOILERPLATE.match(sentence) is not None


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def select(ranked: list[Ranked], sentences: int, max_words: int) -> list[Ranked]:
    """Best first, no near-repeats, within the limits; returned in article order."""
    chosen: list[Ranked] = []
    total = 0
    for candidate in ranked:
        if len(chosen) == sentences:
            break
        if any(jaccard(candidate.terms, c.terms) > _REDUNDANT for c in chosen):
            continue
        length = len(candidate.text.split())
        if chosen and max_words and total + length > max_words:
            continue
        chosen.append(candidate)
        total += length
    return sorted(chosen, key=lambda r: r.index)


def key_points(ranked: list[Ranked], limit: int) -> tuple[str, ...]:
    """3 to ``limit`` short bullets, each a source sentence or its main clause."""
    chosen = select(ranked, max(limit, 0), 0)
    if len(chosen) < 3:
        chosen = sorted(ranked[:3], key=lambda r: r.index)
    return tuple(shorten(c.text, _KEY_POINT_WORDS) for c in chosen[:limit])


def reads_as(text: str, lang: str) -> bool:
    """Whether ``text`` is in ``lang``: it uses more of ``lang``'s stop words than of
    any other common language's.

    Cheap enough for every drafted summary (a share alone is not enough: French text
    is about 23% English stop words, "a", "on", "me"...). A language without a
    stop-word list, or a text too short to tell, falls back on the identifier.
    """
    own = stop_words(lang)
    found = [w.lower() for w in words(text)]
    if not own or len(found) < _FEWEST_WORDS:
        return detect_language(text, lang) == lang
    # map over a set's __contains__ counts in C
    score = sum(map(own.__contains__, found))
    return all(
        score >= sum(map(stop_words(other).__contains__, found))
        for other in _COMPARED
        if other != lang
    )


def quality(
    summary: str,
    source: str,
    lang: str,
    drafted: list[frozenset[str]] | None = None,
    source_words: int = 0,
) -> SummaryQuality:
    """Reference-free checks: compression, redundancy, language, names and numbers.

    ``drafted``: the stems of each sentence when the summary is our own extract; its
    names and numbers are then in the article by construction, so only a written
    summary is checked for them. ``source_words``: the article's length, if known.
    """
    summary_words = count_words(summary)
    source_words = source_words or len(words(source))
    parts = drafted
    if parts is None:
        parts = [
            frozenset(content_terms(s, lang)) for s in split_sentences(summary, lang)
        ]
    overlap = max(
        (jaccard(a, b) for i, a in enumerate(parts) for b in parts[i + 1 :]),
        default=0.0,
    )
    grounded = 1.0 if drafted is not None else _grounded(summary, source)
    return SummaryQuality(
        compression=round(summary_words / max(1, source_words), 3),
        redundancy=round(overlap, 3),
        same_language=reads_as(summary, lang),
        grounded=round(grounded, 3),
    )


def _grounded(summary: str, source: str) -> float:
    """Share of the summary's names and numbers that the article also has."""
    facts = _FACT.findall(summary)
    if not facts:
        return 1.0
    known = set(_FACT.findall(source))
    return sum(f in known for f in facts) / len(facts)


def capped(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` words, else its first ``limit`` and "…"."""
    words = text.split(maxsplit=limit)
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]) + " …"


def summarize(story: Story, config: Config) -> Summary:
    """Draft what the front matter lacks for ``story``'s canonical article."""
    article = story.canonical
    meta = article.article.meta
    lang = article.lang
    paragraphs = prose(article)
    sentences = [s for p in paragraphs for s in split_sentences(p, lang)]
    pairs = [content_words(sentence, lang) for sentence in sentences]
    stems = [list(map(_STEM, found)) for found in pairs]
    ranked = rank(sentences, stems, structured=len(paragraphs) > 1)
    count, max_words = config.summary.length(lang)
    chosen = select(ranked, count, max_words)
    # an article too short for any candidate is its own summary
    drafted_text = " ".join(r.text for r in chosen) or " ".join(sentences[:count])
    drafted_text = capped(drafted_text, max_words or _CAP_SUMMARY)
    summary = meta.summary or drafted_text
    ordered = sorted(ranked, key=lambda r: r.index)
    lines = [r.text for r in ordered] or sentences
    word_count = count_words(article.text)
    drafted = None if meta.summary else [r.terms for r in chosen]
    return Summary(
        title=meta.title
        or capped(
            draft_title(lines, lang, [r.terms for r in ordered] if ordered else None),
            _CAP_TITLE,
        ),
        title_generated=not meta.title,
        summary=summary,
        summary_generated=not meta.summary,
        key_points=meta.key_points
        or tuple(
            capped(p, _CAP_POINT) for p in key_points(ranked, config.summary.key_points)
        ),
        keywords=meta.keywords
        or keywords(pairs, lang, config.summary.keywords, config.summary.tags),
        entities=meta.entities or entities(lines, lang),
        reported_by=meta.reported_by or reported_by(sentences),
        word_count=word_count,
        reading_minutes=meta.reading_time
        or max(1, round(word_count / config.reading_speed(lang))),
        quality=quality(summary, article.text, lang, drafted, word_count),
    )
