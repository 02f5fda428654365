"""Summarize stage: Story -> Summary (summary, key points, title, keywords, reading).

Extractive, and news-aware. The body's own headline, when a scrape left it as the
first line, is taken out and offered as the title (lead.py). Each remaining
sentence is scored by a linear model over language-independent features (where it
stands, how long, how central, how close to the lead and the headline; features.py)
whose weights, one set for texts with paragraphs and one for texts in one block,
were fitted on the training split's reference summaries (bench/fit_summary.py). The
summary opens on the lead when it ranks among the best, never shows a sentence that
leans on one it leaves out or that repeats the title, and shows its picks in article
order; key points are whole source sentences that say what the summary does not
(choose.py). Markdown is reduced to its prose first (inline markup stripped,
headings and code left out). Front matter always wins over drafts.

Evidence: README, Summaries (``python -m bench.quality ../shared/train --folds``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter

from site_builder.config import Config
from site_builder.model import CleanArticle, Story, Summary, SummaryQuality
from site_builder.summarize.choose import as_shown, jaccard, ranked, summary_and_points
from site_builder.summarize.features import (
    Candidate,
    Layout,
    SentenceModel,
    candidates,
    shipped_model,
)
from site_builder.summarize.lead import source_headline
from site_builder.text.keywords import entities, keywords
from site_builder.text.lang import detect_language
from site_builder.text.normalize import lowered_for_words
from site_builder.text.prose import prose
from site_builder.text.sentences import split_sentences
from site_builder.text.titles import final_title, reported_by
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
# lowercase dump) must not become a 5 MB summary.
_CAP_SUMMARY = 150
_STEM = itemgetter(1)  # of a (word, stem) pair
_COMPARED = ("en", "fr", "de", "es", "it", "pt", "nl")  # languages reads_as weighs
_FEWEST_WORDS = 5  # below this, stop words cannot tell languages apart
_BOILERPLATE = re.compile(
    r"©|\ball rights reserved\b|\btous droits réservés\b"
    r"|^(?:lire aussi|read more|see also|à lire|voir aussi|related"
    r"|further\s+(?:reading|listening|viewing))\b"
    # calls to action and bare addresses: the page's, not the story's
    r"|^(?:retrouvez|découvrez|suivez|abonnez|cliquez|inscrivez|follow\s+us"
    r"|subscribe|click|sign\s+up|lesen\s+sie|folgen\s+sie)\b"
    r"|\b[\w-]+\.(?:com|fr|org|net|de|co\.uk)\b",
    re.IGNORECASE,
)
# Both "reserved" phrases hold "serv"; its letters are written out with every
# character IGNORECASE matches them to (the long s, U+017F, too), and a scan for a
# set of letters runs in C where the alternation above is tried at each offset.
_RESERVED = re.compile("[sS\u017f][eE][rR][vV]")
_ADDRESS_ENDS = (".co", ".fr", ".org", ".net", ".de")  # of the bare addresses above
_FACT = re.compile(r"\b(?:\d[\d.,]*|[A-ZÀ-Þ][\w’'-]+)")


def _fit(sentence: str) -> bool:
    count = len(sentence.split())
    return _MIN_WORDS <= count <= _MAX_WORDS and not _boilerplate(sentence)


def _boilerplate(sentence: str) -> bool:
    """``_BOILERPLATE.search(sentence)``, about five times cheaper: that
    case-insensitive alternation is tried at every offset, whereas a sentence with
    neither "©" nor "serv" can only match it at its start, unless it holds an
    address ("example.com", found by its ending)."""
    if "©" in sentence or _RESERVED.search(sentence):
        return _BOILERPLATE.search(sentence) is not None
    if "." in sentence[:-1]:  # an address needs a dot and its ending ("1.5" has none)
        low = lowered_for_words(sentence)
        if low is None or any(end in low for end in _ADDRESS_ENDS):
            return _BOILERPLATE.search(sentence) is not None
    return _BOILERPLATE.match(sentence) is not None


@dataclass(frozen=True, slots=True)
class Drafting:
    """An article read for drafting: its sentences, their stems, the scored
    candidates best first, and the headline its body opened on (if any)."""

    sentences: list[str]
    pairs: list[list[tuple[str, str]]]
    best_first: list[Candidate]
    headline: str | None
    paragraphs: int


def read(article: CleanArticle, model: SentenceModel | None = None) -> Drafting:
    """Sentences, stems and scored candidates of ``article``'s prose."""
    lang = article.lang
    headline, paragraphs = source_headline(prose(article), lang)
    sentences: list[str] = []
    where: list[int] = []
    starts: list[bool] = []
    for number, paragraph in enumerate(paragraphs):
        split = split_sentences(paragraph, lang)
        sentences += split
        where += [number] * len(split)
        starts += [i == 0 for i in range(len(split))]
    pairs = [content_words(sentence, lang) for sentence in sentences]
    stems = [list(map(_STEM, found)) for found in pairs]
    layout = Layout(tuple(where), tuple(starts), len(paragraphs) > 1)
    title = frozenset(content_terms(headline, lang)) if headline else frozenset()
    usable = [_fit(s) for s in sentences]
    found = candidates(sentences, stems, layout, lang, usable, title)
    best = ranked(found, model or shipped_model(), layout.structured)
    return Drafting(sentences, pairs, best, headline, len(paragraphs))


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


def title_of(drafting: Drafting, lang: str, margin: float | None = None) -> str:
    """The drafted title: the body's own headline, or one cut from the lead
    (``margin``: see ``titles.draft_title``)."""
    ordered = sorted(drafting.best_first, key=lambda c: c.index)
    lines = [c.text for c in ordered] or drafting.sentences
    return final_title(drafting.headline, lines, lang, ordered, margin)


def summarize(
    story: Story, config: Config, model: SentenceModel | None = None
) -> Summary:
    """Draft what the front matter lacks for ``story``'s canonical article.

    ``model``: sentence weights other than the shipped ones (the bench's folds).
    """
    article = story.canonical
    meta = article.article.meta
    lang = article.lang
    drafting = read(article, model)
    sentences = drafting.sentences
    ordered = sorted(drafting.best_first, key=lambda c: c.index)
    title = meta.title or title_of(drafting, lang)
    title_terms = frozenset(content_terms(title, lang))
    count, max_words = config.summary.length(lang)
    # no word limit still stops at the hard cap, between whole sentences
    chosen, key_points = summary_and_points(
        drafting.best_first,
        (count, max_words or _CAP_SUMMARY),
        title_terms,
        config.summary.key_points,
    )
    # an article too short for any candidate is its own summary
    drafted_text = " ".join(as_shown(chosen)) or " ".join(sentences[:count])
    drafted_text = capped(drafted_text, _CAP_SUMMARY)
    summary = meta.summary or drafted_text
    lines = [c.text for c in ordered] or sentences
    word_count = count_words(article.text)
    drafted = None if meta.summary else [c.terms for c in chosen]
    return Summary(
        title=title,
        title_generated=not meta.title,
        summary=summary,
        summary_generated=not meta.summary,
        key_points=meta.key_points or key_points,
        keywords=meta.keywords
        or keywords(drafting.pairs, lang, config.summary.keywords, config.summary.tags),
        entities=meta.entities or entities(lines, lang),
        reported_by=meta.reported_by or reported_by(sentences),
        word_count=word_count,
        reading_minutes=meta.reading_time
        or max(1, round(word_count / config.reading_speed(lang))),
        quality=quality(summary, article.text, lang, drafted, word_count),
    )
