"""Briefs made by hand for the assemble, related-stories and fingerprint tests."""

from __future__ import annotations

from dataclasses import make_dataclass
from datetime import UTC, datetime, timedelta

from site_builder.model import (
    Article,
    Brief,
    CleanArticle,
    DateSource,
    FrontMatter,
    PageContext,
    Paragraph,
    Source,
    SourceKind,
    Story,
    Summary,
)

DAY = datetime(2026, 11, 28, 9, tzinfo=UTC)


def variables(**values: object) -> PageContext:
    """A page context with these template variables (a kind of page made up here)."""
    kind = make_dataclass(
        "Variables",
        [(name, object) for name in values],
        bases=(PageContext,),
        frozen=True,
        slots=True,
    )
    found: PageContext = kind(**values)
    return found


def article(
    path: str, lang: str = "en", hours: int = 0, minutes: int = 0, **meta: object
) -> CleanArticle:
    front = FrontMatter(**meta)  # type: ignore[arg-type]
    date = DAY + timedelta(hours=hours, minutes=minutes)
    raw = Article(path, "text", front, "Body.", 1, date, DateSource.FRONT_MATTER, path)
    return CleanArticle(raw, (Paragraph("Body.", 1),), (), lang, False)


def summary(
    title: str, keywords: tuple[str, ...] = (), entities: tuple[str, ...] = ()
) -> Summary:
    return Summary(
        title, False, "A summary.", False, ("One.",), keywords, entities, None, 100, 1
    )


def brief(
    slug: str,
    lang: str = "en",
    hours: int = 0,
    topics: tuple[str, ...] = (),
    story: str | None = None,
    sources: int = 0,
    entities: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    outlet: str = "",
    minutes: int = 0,
) -> Brief:
    canonical = article(
        f"{slug}.md",
        lang,
        hours,
        minutes,
        tags=tags,
        outlet=outlet or f"Outlet {slug}",
    )
    extra = tuple(
        Source(
            article(f"{slug}-{n}.md", lang, hours, minutes, outlet="Wire"),
            SourceKind.NEAR,
            (),
        )
        for n in range(sources)
    )
    return Brief(
        Story(story or slug, canonical, extra),
        summary(slug, entities=entities),
        slug,
        topics,
        (outlet or f"Outlet {slug}", *("Wire" for _ in extra)),
    )
