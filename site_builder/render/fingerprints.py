"""Vocabulary: page fingerprints, a digest of everything a page's context holds.

A page whose fingerprint matches the last build's (and whose file is still in
output/) is not rendered again; search shards are fingerprinted from their pages'.

Values are digested as ``marshal`` (format 2) writes them: it refuses every type but
plain ones, so nothing a page shows can go unseen, and it has no back-references, so
equal values give equal bytes. It writes strings as UTF-8, where ``repr`` escapes
them character by character: about 25 MB of text a build at 10,000 briefs.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import Any

from site_builder.model import Brief, PageContext, Site, Summary


def page_fingerprints(
    site: Site, templates: dict[str, str], summaries: Mapping[int, str] | None = None
) -> dict[str, str]:
    """A digest of everything each page's context holds (briefs by their own digest).

    Objects shared by many pages (a topic's entries, a section) are digested once per
    build and stand as their digest, so the cost stays linear in the site's size.
    ``summaries`` gives the ``summary_digest`` of Summary objects by their id (the
    build cache keeps each summary's: 11 of the 15 MB a build digested for its
    briefs at 10,000 articles); the others are digested here.
    """
    known = summaries or {}
    memo: dict[int, object] = {
        id(brief): _brief_digest(brief, known) for brief in site.briefs
    }
    return {
        page.path: _digest(
            (templates[page.template], page.lang, _context(page.context, memo))
        )
        for page in site.pages
    }


def _context(
    context: PageContext, memo: dict[int, object]
) -> tuple[tuple[str, object], ...]:
    """A page's (name, value) pairs, each value shaped (the pairs are new per page)."""
    found = context.variables().items()
    return tuple([(name, _plain_or_shape(value, memo)) for name, value in found])


def digest(value: object) -> str:
    """The digest of ``repr(value)``, for values of any type."""
    return hashlib.sha1(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def _digest(shaped: Any) -> str:  # Any: a shape, which marshal writes
    return hashlib.sha1(marshal.dumps(shaped, 2)).hexdigest()


def _plain_or_shape(value: object, memo: dict[int, object]) -> object:
    """``_shape(value)`` without the call for plain values and values seen before
    (most of a page's values): a shape is never empty, so never falsy."""
    if type(value) in _PLAIN:
        return value
    return memo.get(id(value)) or _shape(value, memo)


def summary_digest(summary: Summary) -> str:
    """The digest of every field of a summary."""
    return _digest(_values(summary))


def _brief_digest(brief: Brief, summaries: Mapping[int, str]) -> str:
    """The digest of a brief: its topics, outlets, old URLs, summary (every field,
    by its digest) and articles."""
    story = brief.story
    summary = summaries.get(id(brief.summary)) or summary_digest(brief.summary)
    members = (story.canonical, *(source.article for source in story.sources))
    plain = (
        story.id,
        brief.slug,
        brief.topics,
        brief.outlets,
        brief.aliases,
        summary,
        tuple(
            [(m.path, m.article.digest, _when(m.article.date), m.lang) for m in members]
        ),
        tuple([(str(source.kind), source.novel) for source in story.sources]),
    )
    return _digest(plain)


def _values(value: object) -> tuple[Any, ...]:  # Any: what marshal accepts
    """A dataclass's field values, nested dataclasses as their values too.

    Any other type but plain ones raises here, or in marshal (inside a tuple).
    """
    names = _field_names(type(value))
    if names is None:
        raise TypeError(f"cannot digest a {type(value).__name__}")
    found = [getattr(value, name) for name in names]
    return tuple(
        [
            v
            if type(v) in _PLAIN or type(v) is tuple
            else _when(v)
            if type(v) in _WHEN
            else _values(v)
            for v in found
        ]
    )


# What marshal writes as it is; dates and times are written as bytes (see _when).
_PLAIN = frozenset({str, int, float, bool, type(None)})
_WHEN = frozenset({datetime, date})
_SIMPLE = _PLAIN | _WHEN


def _when(value: object) -> bytes:
    """A date or a time (with its zone) as its repr, in bytes: no other part of a
    shape is bytes, so it cannot be taken for a string."""
    return repr(value).encode("ascii")


def _shape(value: object, memo: dict[int, object]) -> object:
    """``value`` as plain values; a Brief, dataclass or long tuple as its digest.

    Called about 50 times per page: plain values are passed over by type before any
    call, and each dataclass type's field names are looked up once.
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind in _WHEN:
        return _when(value)
    found = memo.get(id(value))
    if found is not None:
        return found
    if isinstance(value, Brief):
        shaped: object = _brief_digest(value, {})
    elif isinstance(value, (tuple, list)):
        shaped = tuple([_plain_or_shape(item, memo) for item in value])
        if len(value) <= 8:
            return shaped
    elif isinstance(value, dict):
        return tuple((key, _plain_or_shape(v, memo)) for key, v in value.items())
    elif (names := _field_names(kind)) is not None:
        items = [getattr(value, name) for name in names]
        if all(type(item) in _SIMPLE for item in items):
            # A label, a link, a pager: its values are shorter than their digest.
            shaped = (
                kind.__name__,
                tuple([_when(i) if type(i) in _WHEN else i for i in items]),
            )
            memo[id(value)] = shaped
            return shaped
        shaped = (kind.__name__, tuple([_shape(item, memo) for item in items]))
    else:
        return repr(value)
    result = shaped if isinstance(shaped, str) else _digest(shaped)
    memo[id(value)] = result
    return result


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names, None for other types (``dataclasses.fields`` is
    slow when called often)."""
    if kind not in _FIELDS:
        is_data = is_dataclass(kind)
        _FIELDS[kind] = tuple(f.name for f in fields(kind)) if is_data else None
    return _FIELDS[kind]
