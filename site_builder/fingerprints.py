"""Vocabulary: page fingerprints, a digest of everything a page's context holds.

A page whose fingerprint matches the last build's (and whose file is still in
output/) is not rendered again; search shards are fingerprinted from their pages'.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import fields, is_dataclass
from datetime import date, datetime

from site_builder.model import Brief, Site


def page_fingerprints(site: Site, templates: dict[str, str]) -> dict[str, str]:
    """A digest of everything each page's context holds (briefs by their own digest).

    Objects shared by many pages (a topic's entries, a section) are digested once per
    build and stand as their digest, so the cost stays linear in the site's size.
    """
    memo: dict[int, str] = {id(brief): _brief_digest(brief) for brief in site.briefs}
    return {
        page.path: digest(
            (templates[page.template], page.lang, _shape(page.context, memo))
        )
        for page in site.pages
    }


def stable_hash(text: str) -> int:
    """A 32-bit hash of ``text``, the same on every run and machine (``hash`` is
    salted per process); blake2b, because CRC-32's low bits spread look-alike paths
    over few buckets."""
    found = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=4)
    return int.from_bytes(found.digest(), "big")


def digest(value: object) -> str:
    return hashlib.sha1(repr(value).encode("utf-8", "surrogatepass")).hexdigest()


def _brief_digest(brief: Brief) -> str:
    story = brief.story
    members = (story.canonical, *(source.article for source in story.sources))
    return digest(
        (
            story.id,
            brief.slug,
            brief.topics,
            brief.summary,
            [(m.path, m.article.digest, m.article.date, m.lang) for m in members],
            [(source.kind, source.novel) for source in story.sources],
        )
    )


def _shape(value: object, memo: dict[int, str]) -> object:
    """``value`` as plain values; a Brief, dataclass or long tuple as its digest."""
    if isinstance(value, (str, int, float, bool, type(None), datetime, date)):
        return value
    found = memo.get(id(value))
    if found is not None:
        return found
    if isinstance(value, Brief):
        shaped: object = _brief_digest(value)
    elif isinstance(value, (tuple, list)):
        shaped = tuple(_shape(item, memo) for item in value)
        if len(value) <= 8:
            return shaped
    elif isinstance(value, dict):
        return tuple((key, _shape(item, memo)) for key, item in value.items())
    elif is_dataclass(value) and not isinstance(value, type):
        names = _field_names(type(value))
        fields_shape = tuple(_shape(getattr(value, name), memo) for name in names)
        shaped = (type(value).__name__, fields_shape)
    else:
        return repr(value)
    result = shaped if isinstance(shaped, str) else digest(shaped)
    memo[id(value)] = result
    return result


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names (``dataclasses.fields`` is slow when called often)."""
    return tuple(f.name for f in fields(kind))
