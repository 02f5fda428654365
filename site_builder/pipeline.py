"""decide(config, articles) -> Decisions: repair, group, summarize. No I/O.

What the pipeline decides for a set of articles, in one place: ``build``, ``analyze``,
``enrich`` and the previews of ``serve`` all call ``decide``, so what one of them
shows is what the others show. ``build`` passes the cached stages
(``cache.stages.CachedStages``): they take the same arguments and return exactly
what ``PLAIN`` returns (tests/test_pipeline.py), from the build cache and on every
core.

    Article* --repair--> CleanArticle* --group--> Story* --summarize--> Summary*

A file that repair finds to be no article (a cookie notice, a paywall prompt: a
``NotArticle``) goes no further: ``Decisions.refused`` holds it, and
``Decisions.warnings`` says so, with its path and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from site_builder.clean.repair import repair
from site_builder.config import Config
from site_builder.dedup.grouping import Grouping, group
from site_builder.errors import BuildWarning
from site_builder.model import (
    Article,
    CleanArticle,
    NotArticle,
    Repaired,
    Story,
    Summary,
)
from site_builder.summarize.drafting import summarize


class Stages(Protocol):
    """The three decisions, each over all the articles at once."""

    def repair(
        self, config: Config, articles: Sequence[Article]
    ) -> tuple[Repaired, ...]:
        """Each article with its body repaired (or refused), in the order given."""
        ...

    def group(self, config: Config, articles: Sequence[CleanArticle]) -> Grouping:
        """Copies and stories."""
        ...

    def summarize(
        self, config: Config, stories: Sequence[Story]
    ) -> tuple[Summary, ...]:
        """A summary per story version, in the order given."""
        ...


class PlainStages:
    """The stages as plain calls, one article after another."""

    def repair(
        self, config: Config, articles: Sequence[Article]
    ) -> tuple[Repaired, ...]:
        return tuple(repair(article, config.default_language) for article in articles)

    def group(self, config: Config, articles: Sequence[CleanArticle]) -> Grouping:
        return group(articles, config.dedup)

    def summarize(
        self, config: Config, stories: Sequence[Story]
    ) -> tuple[Summary, ...]:
        return tuple(summarize(story, config) for story in stories)


PLAIN = PlainStages()


@dataclass(frozen=True, slots=True)
class Decisions:
    """What the pipeline decided: repaired articles, stories and their summaries."""

    articles: tuple[CleanArticle, ...]  # in the order given, without the refused
    grouping: Grouping
    summaries: tuple[Summary, ...]  # one per story version, as grouping.stories
    refused: tuple[NotArticle, ...] = ()  # files that are no article

    @property
    def warnings(self) -> tuple[BuildWarning, ...]:
        """One per refused file: what it is, and what to do."""
        return tuple(
            BuildWarning(
                f"not an article: {item.what}; it is not published. Remove it, or "
                "set `reviewed: true` in its front matter if it is news",
                item.article.path,
                item.line,
            )
            for item in self.refused
        )

    @property
    def stories(self) -> tuple[Story, ...]:
        return self.grouping.stories

    def summarized(self) -> tuple[tuple[Story, Summary], ...]:
        """Each story version with its summary."""
        return tuple(zip(self.grouping.stories, self.summaries, strict=True))


def decide(
    config: Config, articles: Sequence[Article], stages: Stages = PLAIN
) -> Decisions:
    """Repair every article, group them into stories, summarize each story."""
    repaired = stages.repair(config, articles)
    cleaned = tuple(item for item in repaired if isinstance(item, CleanArticle))
    refused = tuple(item for item in repaired if isinstance(item, NotArticle))
    grouping = stages.group(config, cleaned)
    summaries = stages.summarize(config, grouping.stories)
    return Decisions(cleaned, grouping, summaries, refused)


def drafts(
    config: Config,
    decisions: Decisions,
    paths: Iterable[str],
    stages: Stages = PLAIN,
) -> dict[str, tuple[Story, Summary]]:
    """The story and summary shown for each of ``paths``: its story version's where
    it is a canonical, else its own, as a story of its own (a copy or another
    outlet's telling: what ``analyze`` reports and ``enrich`` drafts for it)."""
    wanted = set(paths)
    found: dict[str, tuple[Story, Summary]] = {}
    for story, summary in decisions.summarized():
        if story.canonical.path in wanted:
            found.setdefault(story.canonical.path, (story, summary))  # first version
    alone: dict[str, Story] = {}
    for story in decisions.stories:
        for source in story.sources:
            path = source.article.path
            if path in wanted and path not in found:
                alone.setdefault(path, Story(story.id, source.article, ()))
    for article in decisions.articles:  # in no story: dedup leaves none, but say so
        if article.path in wanted and article.path not in found:
            alone.setdefault(article.path, Story("", article, ()))
    stories = list(alone.values())
    summaries = stages.summarize(config, stories)
    for story, summary in zip(stories, summaries, strict=True):
        found[story.canonical.path] = (story, summary)
    return found
