"""Vocabulary of enrich: the fields it drafts, whose each one is now, what it did.

``generated:`` in the front matter maps each field enrich wrote to a short hash of
the value it wrote. A field is then in one of four states:

- ``absent``: no such key; enrich may write it (also after an editor deleted it,
  which is how to ask for a fresh draft);
- ``ours``: its value still has the recorded hash; enrich redrafts it and rewrites
  it when the draft changed;
- ``edited``: its hash differs: a person changed it; never overwritten (an empty
  value, ``summary: ""``, is how to suppress a field for good);
- ``human``: present with no record: a person wrote it; never touched.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from site_builder.enrich.front_matter_edit import text_form
from site_builder.errors import ContentError
from site_builder.model import Article, CleanArticle, Summary

OWNED = (
    "title",
    "summary",
    "key_points",
    "keywords",
    "lang",
    "reading_time",
    "entities",
    "reported_by",
)
RECORD = "generated"
State = Literal["absent", "ours", "edited", "human"]


def fingerprint(value: object) -> str:
    """A short hash of a value as our loader reads it back (so quoting is no edit)."""
    text = json.dumps(text_form(value), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def field_states(
    values: Mapping[str, object], record: Mapping[str, str]
) -> dict[str, State]:
    """Each owned field's state, from the front matter's values and record."""
    states: dict[str, State] = {}
    for key in OWNED:
        if key not in values:
            states[key] = "absent"
        elif key not in record:
            states[key] = "human"
        elif fingerprint(values[key]) == record[key]:
            states[key] = "ours"
        else:
            states[key] = "edited"
    return states


def without_drafts(article: Article, states: Mapping[str, State]) -> Article:
    """The article with enrich's earlier drafts removed, so they are drafted afresh.

    Only fields that summarize() and clean() read from the front matter matter here;
    the others (reading_time, entities, reported_by) are drafted from the body.
    """
    ours = {key for key, state in states.items() if state == "ours"}
    blank: dict[str, object] = {
        key: None for key in ("title", "summary", "lang") if key in ours
    }
    blank.update((key, ()) for key in ("key_points", "keywords") if key in ours)
    if not blank:
        return article
    meta = replace(article.meta, **blank)  # type: ignore[arg-type]
    return replace(article, meta=meta)


def drafted_fields(article: CleanArticle, summary: Summary) -> dict[str, object]:
    """What the pipeline drafted for ``article``; None where there is nothing."""
    values: dict[str, object] = {
        "title": summary.title if summary.title_generated else None,
        "summary": summary.summary if summary.summary_generated else None,
        "key_points": list(summary.key_points),
        "keywords": list(summary.keywords),
        "lang": article.lang,
        "reading_time": summary.reading_minutes,
        "entities": list(summary.entities),
        "reported_by": summary.reported_by,
    }
    return {key: None if value in ("", []) else value for key, value in values.items()}


def plan(
    values: Mapping[str, object],
    states: Mapping[str, State],
    record: Mapping[str, str],
    drafted: Mapping[str, object],
) -> tuple[list[tuple[str, object]], tuple[str, ...]]:
    """The ``(key, value)`` changes to make (``None``: remove), and the kept edits."""
    changes: list[tuple[str, object]] = []
    new_record: dict[str, str] = {}
    kept: list[str] = []
    for key in OWNED:
        if states[key] == "edited":
            kept.append(key)
            new_record[key] = record[key]
        if states[key] in ("edited", "human"):
            continue
        value = drafted[key]
        if value is None:
            if key in values:
                changes.append((key, None))
            continue
        new_record[key] = fingerprint(value)
        if key not in values or values[key] != text_form(value):
            changes.append((key, value))
    # entries a later version may add are kept as they are
    new_record.update((k, v) for k, v in record.items() if k not in OWNED)
    if new_record != dict(record):
        changes.append((RECORD, new_record or None))
    return changes, tuple(kept)


class Status(StrEnum):
    """What enrich did with one file."""

    ENRICHED = "enriched"
    UNCHANGED = "unchanged"
    REVIEWED = "reviewed (skipped)"
    CHANGED = "changed while enriching; run again"
    REFUSED = "not enriched"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file's result; ``kept``: fields left alone because edited by hand."""

    path: str
    status: Status
    kept: tuple[str, ...] = ()
    message: str = ""
    line: int = 0
    diff: str = ""  # the unified diff, under --dry-run


@dataclass(frozen=True, slots=True)
class EnrichReport:
    """Every selected file's outcome, and the selected files that could not load."""

    outcomes: tuple[Outcome, ...]
    errors: tuple[ContentError, ...]
    dry_run: bool
    seconds: float

    def count(self, status: Status) -> int:
        return sum(outcome.status is status for outcome in self.outcomes)

    @property
    def ok(self) -> bool:
        failed = self.count(Status.CHANGED) + self.count(Status.REFUSED)
        return not failed and not self.errors

    def summary(self) -> str:
        enriched = "would be enriched" if self.dry_run else "enriched"
        parts = [
            f"{self.count(Status.ENRICHED)} {enriched}",
            f"{self.count(Status.UNCHANGED)} unchanged",
            f"{sum(bool(o.kept) for o in self.outcomes)} kept edits",
            f"{self.count(Status.REVIEWED)} reviewed (skipped)",
        ]
        failed = self.count(Status.CHANGED) + self.count(Status.REFUSED)
        if failed or self.errors:
            parts.append(f"{failed + len(self.errors)} not enriched")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"
