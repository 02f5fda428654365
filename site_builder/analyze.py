"""`site-builder analyze`: what the pipeline decides per article, as JSON lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from site_builder.config import Config
from site_builder.dedup.explain import Evidence, worded
from site_builder.dedup.grouping import Copy
from site_builder.load.files import file_dates, load_all
from site_builder.model import Removal, Story, Summary
from site_builder.pipeline import decide, drafts
from site_builder.summarize.outlets import outlet_of
from site_builder.summarize.topics import topics


def analyze(config: Config) -> tuple[list[dict[str, Any]], list[str]]:
    """One object per readable article (sorted by path), and the problems met.

    What ``pipeline.decide`` decided, as ``build`` shows it: a canonical article's
    record is its story version's brief; any other article's is its own draft.
    """
    loaded = load_all(config.content_dir, file_dates(config))
    decisions = decide(config, loaded.articles)
    shown = drafts(config, decisions, (a.path for a in loaded.articles))
    copies = {copy.path: copy for copy in decisions.grouping.copies}
    evidence = worded(decisions.grouping.evidence, decisions.articles)
    records = [
        _record(story, summary, copies, evidence)
        for _path, (story, summary) in sorted(shown.items())
    ]
    problems = [str(error) for error in loaded.errors] + [
        str(w) for w in (*loaded.warnings, *decisions.warnings)
    ]
    return records, problems


def _record(
    story: Story,
    summary: Summary,
    copies: dict[str, Copy],
    evidence: Mapping[str, Evidence],
) -> dict[str, Any]:
    """What the pipeline decided for ``story.canonical``."""
    article = story.canonical
    copy = copies.get(article.path)
    joined = evidence.get(article.path)
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
        "outlet": outlet_of(article),
        "topics": list(
            topics(
                summary.keywords,
                summary.entities,
                article.lang,
                article.article.meta.tags,
            )
        ),
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
        "date": published.isoformat() if (published := article.article.date) else None,
        "date_source": article.article.date_source.value,
        "word_count": summary.word_count,
        "reading_minutes": summary.reading_minutes,
        "quality": {  # reference-free signals on the summary (SummaryQuality)
            "compression": summary.quality.compression,
            "redundancy": summary.quality.redundancy,
            "same_language": summary.quality.same_language,
            "grounded": summary.quality.grounded,
        },
        "removed": [_removal(r) for r in article.removed],
    }


def _removal(removed: Removal) -> dict[str, Any]:
    """A repeat (and where its first occurrence stands) or furniture (and why)."""
    found: dict[str, Any] = {"kind": removed.kind, "line": removed.line}
    found["first_line"] = removed.first_line
    if removed.why:
        found["why"] = removed.why
    return found | {"text": removed.text}
