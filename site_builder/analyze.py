"""`site-builder analyze`: what the pipeline decides per article, as JSON lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from site_builder.clean.repeats import clean
from site_builder.config import Config
from site_builder.dedup.explain import Evidence
from site_builder.dedup.grouping import Copy, group
from site_builder.load.files import load_all
from site_builder.model import Story
from site_builder.summarize.drafting import summarize


def analyze(config: Config) -> tuple[list[dict[str, Any]], list[str]]:
    """One object per readable article (sorted by path), and the problems met."""
    loaded = load_all(config.content_dir)
    cleaned = [clean(article, config.default_language) for article in loaded.articles]
    grouping = group(cleaned, config.dedup, explain=True)
    copies = {copy.path: copy for copy in grouping.copies}
    records: dict[str, dict[str, Any]] = {}
    for story in grouping.stories:  # the canonical of each language version first
        records[story.canonical.path] = _record(
            config, story, copies, grouping.evidence
        )
    for story in grouping.stories:
        for source in story.sources:
            if source.article.path not in records:
                alone = Story(story.id, source.article, ())
                records[source.article.path] = _record(
                    config, alone, copies, grouping.evidence
                )
    problems = [str(error) for error in loaded.errors] + [
        str(w) for w in loaded.warnings
    ]
    return [records[path] for path in sorted(records)], problems


def _record(
    config: Config,
    story: Story,
    copies: dict[str, Copy],
    evidence: Mapping[str, Evidence],
) -> dict[str, Any]:
    """What the pipeline decided for ``story.canonical``."""
    article = story.canonical
    joined = evidence.get(article.path)
    summary = summarize(story, config)
    copy = copies.get(article.path)
    return {
        "path": article.path,
        "lang": article.lang,
        "title": summary.title,
        "title_generated": summary.title_generated,
        "summary": summary.summary,
        "key_points": list(summary.key_points),
        "keywords": list(summary.keywords),
        "entities": list(summary.entities),
        "reported_by": summary.reported_by,
        "duplicate_of": copy.of if copy else None,
        "duplicate_kind": copy.kind.value if copy else None,
        "story": story.id,
        # why the article is in its story (None: alone, a copy, or an editor's call)
        "evidence": {
            "linked": joined.linked,
            "probability": joined.probability,
            "names": list(joined.names),
            "numbers": list(joined.numbers),
            "years": list(joined.years),
        }
        if joined
        else None,
        "date": article.article.date.isoformat(),
        "date_source": article.article.date_source.value,
        "word_count": summary.word_count,
        "reading_minutes": summary.reading_minutes,
        "removed": [
            {"kind": r.kind, "line": r.line, "first_line": r.first_line, "text": r.text}
            for r in article.removed
        ],
    }
