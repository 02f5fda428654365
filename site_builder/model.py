"""The values that flow between stages; a stage returns a new type, never fills one in.

content/* --load--> Article --clean--> CleanArticle --dedup--> Story
      --summarize--> Brief --assemble--> Site --render--> Rendered --write--> output/
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Literal, TypeVar

Markup = Literal["markdown", "text"]
Kind = TypeVar("Kind", bound=type)


def quick_pickle(kind: Kind) -> Kind:
    """Give a frozen slots dataclass a pickling method that knows its field names:
    an object is pickled as a call of its class with its field values.

    The methods ``dataclass(slots=True)`` adds call ``fields()`` for every object:
    reading the article cache (about 175,000 such objects at 10,000 articles) took
    0.85 s; 0.70 s with a ``__setstate__`` that knew the names; 0.26 s of CPU
    instead of 0.38 s for the call of the class (its ``__init__`` sets the slots in
    C-level calls, where ``__setstate__`` looped in Python). A stored object of
    another shape (another version's) fails to load: the cache is then cold.
    """
    names = tuple(field.name for field in fields(kind))

    def reduce(self: object) -> tuple[type, tuple[object, ...]]:
        return kind, tuple([getattr(self, name) for name in names])

    kind.__reduce__ = reduce  # type: ignore[assignment,method-assign]
    return kind


class DateSource(StrEnum):
    """Where an article's publication date came from (``load.dating``)."""

    FRONT_MATTER = "front matter"
    TEXT = "text"  # a stamp or dateline in its opening lines
    URL = "url"  # the path of its source_url
    FILE_TIME = "file time"  # only when the site asks for it
    NONE = "none"  # undated

    @property
    def trusted(self) -> bool:
        """Whether the date was written by the article's publisher or editor."""
        return self in (DateSource.FRONT_MATTER, DateSource.TEXT, DateSource.URL)


@quick_pickle
@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The keys site-builder understands; anything else is kept in ``extra``.

    Values are as the author wrote them (YAML 1.1 surprises such as ``title: NO``
    are read back as text where text is expected).
    """

    title: str | None = None
    date: datetime | None = None
    lang: str | None = None
    summary: str | None = None
    key_points: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    outlet: str | None = None
    source_url: str | None = None
    author: str | None = None
    slug: str | None = None
    aliases: tuple[str, ...] = ()  # old URLs of the story: each gets a redirect page
    duplicate_of: str | None = None
    not_duplicate_of: tuple[str, ...] = ()
    story: str | None = None
    reviewed: bool = False
    entities: tuple[str, ...] = ()  # people, places, organisations (enrich drafts them)
    reported_by: str | None = None  # who the text credits ("a rapporté le Monde")
    reading_time: int | None = None  # minutes
    extra: tuple[tuple[str, object], ...] = ()


@quick_pickle
@dataclass(frozen=True, slots=True)
class Article:
    """One source file, decoded, its front matter parsed and its body untouched."""

    path: str  # relative to the content folder, POSIX separators
    markup: Markup
    meta: FrontMatter
    body: str  # after the front matter; newlines normalised to \n
    body_line: int  # 1-based line of the file where ``body`` starts
    date: datetime | None  # timezone-aware; None: undated (date_source NONE)
    date_source: DateSource
    digest: str  # sha256 of the file's bytes

    def __post_init__(self) -> None:
        if (self.date is None) != (self.date_source is DateSource.NONE):
            raise ValueError(f"{self.path}: date {self.date} from {self.date_source}")


@quick_pickle
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the body with the file line it starts on."""

    text: str
    line: int


@quick_pickle
@dataclass(frozen=True, slots=True)
class Removal:
    """What clean() dropped: a repeated paragraph or sentence, or page furniture."""

    kind: Literal["paragraph", "sentence", "furniture"]
    text: str
    line: int  # where it stood
    first_line: int | None  # where the kept occurrence stands; None: furniture
    why: str = ""  # furniture: "publication stamp", "byline", "photo credit"...


@quick_pickle
@dataclass(frozen=True, slots=True)
class CleanArticle:
    """An article whose body was repaired, with its language known.

    The repaired text is ``paragraphs``; ``article.body`` is emptied by the clean step.
    """

    article: Article
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removal, ...]
    lang: str  # ISO 639-1
    lang_detected: bool  # False when the front matter said it

    @property
    def path(self) -> str:
        return self.article.path

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@quick_pickle
@dataclass(frozen=True, slots=True)
class NotArticle:
    """A file that is no article (a cookie notice, a paywall): never published."""

    article: Article  # its body emptied, as clean() leaves it
    what: str  # "a cookie notice"
    line: int  # the file line that shows it


Repaired = CleanArticle | NotArticle  # what the clean stage makes of one article


class SourceKind(StrEnum):
    """How an extra source relates to its story's canonical article."""

    EXACT = "exact"
    NEAR = "near"
    SAME_STORY = "story"


@quick_pickle
@dataclass(frozen=True, slots=True)
class Source:
    """An extra article of a story: a copy, or another outlet's telling."""

    article: CleanArticle
    kind: SourceKind
    novel: tuple[str, ...]  # sentences it adds that the canonical text lacks


@quick_pickle
@dataclass(frozen=True, slots=True)
class Story:
    """One event: the canonical article and every other source that tells it."""

    id: str
    canonical: CleanArticle
    sources: tuple[Source, ...]


@quick_pickle
@dataclass(frozen=True, slots=True)
class SummaryQuality:
    """Signals on a summary that need no reference text; `analyze` shows them."""

    compression: float = 0.0  # summary words / article words
    redundancy: float = (
        0.0  # highest term overlap (Jaccard) between two summary sentences
    )
    same_language: bool = True  # the summary reads in the article's language
    grounded: float = (
        1.0  # share of the summary's names and numbers found in the article
    )


@quick_pickle
@dataclass(frozen=True, slots=True)
class Summary:
    """What summarize() drafts for a story; front-matter values win over drafts."""

    title: str
    title_generated: bool
    summary: str
    summary_generated: bool
    key_points: tuple[str, ...]
    keywords: tuple[str, ...]
    entities: tuple[str, ...]
    reported_by: str | None
    word_count: int
    reading_minutes: int
    quality: SummaryQuality = SummaryQuality()


@dataclass(frozen=True, slots=True)
class Brief:
    """A story ready to publish: summary, slug, topics and outlets decided."""

    story: Story
    summary: Summary
    slug: str
    topics: tuple[str, ...]  # as shown ("Iran", "Los Angeles", "game")
    # who published each article: the canonical's, then each source's ("": unknown)
    outlets: tuple[str, ...]
    # output paths of the redirect pages that lead here (URLs it had before)
    aliases: tuple[str, ...] = ()

    @property
    def lang(self) -> str:
        return self.story.canonical.lang

    @property
    def date(self) -> datetime | None:
        """When its canonical article was published, else the earliest trusted date
        of its story's other sources (a French telling of a story the English press
        dated); None: undated."""
        own = self.story.canonical.article.date
        if own is not None:  # most briefs: asked about 10 times each per build
            return own
        others = (s.article.article for s in self.story.sources)
        dated = [a.date for a in others if a.date and a.date_source.trusted]
        return min(dated, default=None)


_VARIABLES: dict[type, tuple[str, ...]] = {}


@dataclass(frozen=True, slots=True)
class PageContext:
    """What a page's template is given: one subclass per kind of page (the site
    stage defines them), its fields the template's variables."""

    def variables(self) -> dict[str, object]:
        """The template variables, by name."""
        kind = type(self)
        names = _VARIABLES.get(kind)
        if names is None:
            names = _VARIABLES[kind] = tuple(field.name for field in fields(kind))
        return {name: getattr(self, name) for name in names}


@dataclass(frozen=True, slots=True)
class Page:
    """One output file to render: where it goes, which template, with what."""

    path: str  # output path relative to output/, e.g. "briefs/x/index.html"
    template: str
    lang: str
    context: PageContext


@dataclass(frozen=True, slots=True)
class Site:
    """Every page of the site, decided before anything is rendered."""

    pages: tuple[Page, ...]
    briefs: tuple[Brief, ...]


@dataclass(frozen=True, slots=True)
class Rendered:
    """Bytes for one output path."""

    path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Kept:
    """An output file whose inputs did not change since the last build: keep it."""

    path: str
