"""Vocabulary of the site's lists: entries, editions, sections; pure."""

from __future__ import annotations

import hashlib
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from site_builder.model import Brief
from site_builder.summarize.topics import topic_key
from site_builder.text.slugs import slugify


@dataclass(frozen=True, slots=True)
class Label:
    """A name, and the output path of its page when it has one."""

    name: str
    path: str | None


@dataclass(frozen=True, slots=True)
class Entry:
    """A brief as lists, feeds and its own page show it; made once per brief."""

    brief: Brief
    path: str
    topics: tuple[Label, ...]
    outlets: tuple[Label, ...]


@dataclass(frozen=True, slots=True)
class Edition:
    """The briefs of one day, most important first, or the part of them one page
    of a list shows (``site.page_lists``); day None: the undated, after every day."""

    day: date | None
    entries: tuple[Entry, ...]
    count: int  # briefs of the whole day, on every page it spans
    continued: bool = False  # its first briefs are on the page before

    @property
    def key(self) -> str:
        """The ISO day, or "undated": the edition's key and folder name."""
        return self.day.isoformat() if self.day else "undated"


def edition(day: date | None, entries: tuple[Entry, ...]) -> Edition:
    """A whole day's edition."""
    return Edition(day, entries, len(entries))


@dataclass(frozen=True, slots=True)
class Section:
    """A topic, an outlet, a language or a day: a list of briefs with its own pages."""

    kind: str  # "topic", "outlet", "language", "edition"
    key: str  # the topic or outlet name, the language code or the ISO day
    folder: str  # e.g. "topics/ferry-strike"; its first page is folder/index.html
    lang: str  # the interface language of its pages
    entries: tuple[Entry, ...]  # newest first (editions: most important first)

    @property
    def path(self) -> str:
        return f"{self.folder}/index.html"

    @property
    def head(self) -> SectionHead:
        """What a page says of the section: a page that shows only this changes only
        when it does, not when any of its briefs does (see page fingerprints)."""
        return SectionHead(
            self.kind, self.key, self.folder, self.lang, len(self.entries)
        )


@dataclass(frozen=True, slots=True)
class SectionHead:
    """A section's name, place and size, without its briefs."""

    kind: str
    key: str
    folder: str
    lang: str
    count: int  # briefs in the whole section

    @property
    def path(self) -> str:
        return f"{self.folder}/index.html"


def label_key(text: str) -> str:
    """A topic or outlet name as one key: trimmed, in Unicode's composed form (NFC).

    "Café" typed with a combining accent and "Café" typed precomposed look the
    same: they must be one topic with one page, not two pages named alike.
    """
    return unicodedata.normalize("NFC", text.strip())


def name_slug(name: str) -> str:
    """A slug for a topic or outlet name, even one in a script slugify drops."""
    slug = slugify(name)
    if slug:
        return slug
    return "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def stamp(brief: Brief) -> float:
    """A brief's time as a number; an undated brief after every dated one."""
    return brief.date.timestamp() if brief.date is not None else math.inf


def importance(brief: Brief) -> tuple[int, float, str]:
    """Sort key of an edition: more sources first, then newest first."""
    return (-len(brief.story.sources), -stamp(brief), brief.slug)


def newest_first(brief: Brief) -> tuple[bool, float, str]:
    """Newest first, the undated last."""
    return (brief.date is None, -stamp(brief), brief.slug)


def brief_path(brief: Brief) -> str:
    return slug_path(brief.slug)


def slug_path(slug: str) -> str:
    """The output path of the story page at ``slug``."""
    return f"briefs/{slug}/index.html"


def outlets_of(brief: Brief) -> tuple[str, ...]:
    """The distinct outlets that told this story, canonical first."""
    return tuple(dict.fromkeys(label_key(n) for n in brief.outlets if n.strip()))


def topic_names(briefs: Sequence[Brief], min_stories: int) -> dict[str, str]:
    """Topic key -> the name its page shows, for the topics that at least
    ``min_stories`` briefs carry (the "stories" the site counts: an event told in
    French and in English is two, and both are under "Iran").

    The name is the one most briefs show ("Iran" beside one "IRAN"); on a tie, a
    capitalised one (a name), then the first in sorted order.
    """
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for brief in briefs:
        for name in brief.topics:
            shown[topic_key(name)][name] += 1
    return {
        key: min(found, key=lambda n: (-found[n], not n[:1].isupper(), n))
        for key, found in shown.items()
        if found.total() >= min_stories
    }


def _folders(prefix: str, names: Iterable[str]) -> dict[str, str]:
    """Names -> ``prefix/slug``; names sharing a slug get ``-2``... in sorted order."""
    folders: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        slug = final = name_slug(name)
        number = 1
        while final in taken:
            number += 1
            final = f"{slug}-{number}"
        taken.add(final)
        folders[name] = f"{prefix}/{final}"
    return folders


def make_entries(briefs: Sequence[Brief], min_stories: int = 2) -> tuple[Entry, ...]:
    """One Entry per brief, in the order given, with its topic and outlet links.

    Briefs naming one topic or outlet share one Label: fingerprints digest each
    object once, and the same name is the same link on every page. A brief shows
    the drafted topics it carries that have a page (each such page lists it) and
    all its editor's tags, those with a page first; a drafted topic no other brief
    carries is a guess that leads nowhere, so it is not shown (a card shows the
    first three).
    """
    outlets = [outlets_of(brief) for brief in briefs]
    names = topic_names(briefs, min_stories)
    pages = _folders("topics", sorted(names.values()))
    sources = _folders("sources", sorted({o for own in outlets for o in own}))
    made: dict[tuple[str, str], Label] = {}

    def label(kind: str, name: str) -> Label:
        key = topic_key(name) if kind == "t" else name
        shown = names.get(key, name) if kind == "t" else name
        found = made.get((kind, shown))
        if found is None:
            folder = (pages if kind == "t" else sources).get(shown)
            found = Label(shown, f"{folder}/index.html" if folder else None)
            made[kind, shown] = found
        return found

    return tuple(
        Entry(
            brief,
            brief_path(brief),
            _shown(
                [label("t", t) for t in brief.topics],
                bool(brief.story.canonical.article.meta.tags),
            ),
            tuple([label("o", o) for o in own]),
        )
        for brief, own in zip(briefs, outlets, strict=True)
    )


def _shown(labels: list[Label], tagged: bool) -> tuple[Label, ...]:
    """Those with a page, in the brief's order, then (tags only) the others."""
    return (
        *[t for t in labels if t.path],
        *[t for t in labels if tagged and not t.path],
    )


def editions(entries: Sequence[Entry]) -> tuple[Edition, ...]:
    """Entries grouped by publication day, newest day first, the undated last."""
    by_day: dict[date | None, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_day[day.date() if (day := entry.brief.date) else None].append(entry)
    dated = sorted((d for d in by_day if d), reverse=True)
    days = [*dated, None] if None in by_day else dated
    return tuple(
        edition(day, tuple(sorted(by_day[day], key=lambda e: importance(e.brief))))
        for day in days
    )


def majority_language(entries: Sequence[Entry], default: str) -> str:
    """The language most of these briefs are in (the default wins ties)."""
    counts = Counter(e.brief.lang for e in entries)
    if not counts:
        return default
    best = max(counts.values())
    tied = sorted(lang for lang, n in counts.items() if n == best)
    return default if default in tied else tied[0]


def in_language(days: Sequence[Edition], lang: str) -> tuple[Edition, ...]:
    """The editions of briefs in ``lang``: ``editions()`` of those briefs, without
    sorting them again (their order within a day is a total one)."""
    found = (
        edition(day.day, tuple([e for e in day.entries if e.brief.lang == lang]))
        for day in days
    )
    return tuple(day for day in found if day.entries)


def sections(
    entries: Sequence[Entry], days: Sequence[Edition], default_language: str
) -> dict[str, tuple[Section, ...]]:
    """Topic, outlet, language and edition sections of the site, each sorted by key.

    ``days`` are the editions of ``entries``.
    """
    grouped: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    folders: dict[tuple[str, str], str] = {}
    for entry in entries:  # entries arrive newest first and stay so
        brief = entry.brief
        grouped["language"][brief.lang].append(entry)
        folders["language", brief.lang] = f"languages/{brief.lang}"
        for kind, labels in (("topic", entry.topics), ("outlet", entry.outlets)):
            for item in labels:
                if item.path:
                    grouped[kind][item.name].append(entry)
                    folders[kind, item.name] = item.path.removesuffix("/index.html")
    result: dict[str, tuple[Section, ...]] = {}
    for kind in ("topic", "outlet", "language"):
        found = grouped[kind]
        result[kind] = tuple(
            Section(
                kind,
                key,
                folders[kind, key],
                key
                if kind == "language"
                else majority_language(found[key], default_language),
                tuple(found[key]),
            )
            for key in sorted(found)
        )
    result["edition"] = _edition_sections(days, default_language)
    return result


def _edition_sections(
    days: Sequence[Edition], default_language: str
) -> tuple[Section, ...]:
    """One section per day, its briefs most important first."""
    return tuple(
        Section("edition", e.key, f"editions/{e.key}", default_language, e.entries)
        for e in days
    )
