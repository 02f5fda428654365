"""Editors' overrides for dedup: ``duplicate_of``, ``not_duplicate_of``, ``story``.

A path in these keys is relative to the content folder, or else to the folder of the
article that names it. A path that names no article is reported as a BuildWarning
and the key is ignored: a silent no-op would leave the editor believing it worked.
``story`` takes a story id (a new id names a new story); given the path of an
article instead, it joins that article's story.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass

from site_builder.dedup.copies import Copies
from site_builder.dedup.stories import story_id
from site_builder.errors import BuildWarning
from site_builder.model import CleanArticle

_CONTENT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class Overrides:
    """What editors asked for, by article number in path order."""

    links: tuple[tuple[int, int], ...]  # (copy, original) from duplicate_of
    apart: tuple[tuple[int, int], ...]  # (i, j), i < j, from not_duplicate_of
    joins: tuple[tuple[int, str | int], ...]  # article -> story id, or an article
    warnings: tuple[BuildWarning, ...]


class _Reader:
    """Resolves the paths editors wrote, collecting a warning for each unmatched one."""

    def __init__(self, ordered: Sequence[CleanArticle]) -> None:
        self.where = {a.path: i for i, a in enumerate(ordered)}
        self.by_name: dict[str, list[str]] = {}
        for article in ordered:
            name = posixpath.basename(article.path)
            self.by_name.setdefault(name, []).append(article.path)
        self.links: list[tuple[int, int]] = []
        self.apart: set[tuple[int, int]] = set()
        self.joins: list[tuple[int, str | int]] = []
        self.warnings: list[BuildWarning] = []

    def read(self, i: int, article: CleanArticle) -> None:
        meta, path = article.article.meta, article.path
        if meta.duplicate_of:
            j = self.resolve(path, "duplicate_of", meta.duplicate_of)
            if j is not None:
                self.links.append((i, j))
        for value in meta.not_duplicate_of:
            j = self.resolve(path, "not_duplicate_of", value)
            if j is not None:
                self.apart.add((min(i, j), max(i, j)))
        wanted = (meta.story or "").strip()
        if wanted and _looks_like_path(wanted):
            j = self.resolve(path, "story", wanted)
            if j is not None:
                self.joins.append((i, j))
        elif wanted:
            self.joins.append((i, wanted))

    def resolve(self, path: str, key: str, value: str) -> int | None:
        """The article ``value`` names, seen from the article at ``path``."""
        wanted = value.strip().replace("\\", "/")
        rooted = posixpath.normpath(wanted.lstrip("/")) if wanted else ""
        here = posixpath.normpath(posixpath.join(posixpath.dirname(path), wanted))
        found = next((self.where[p] for p in (rooted, here) if p in self.where), None)
        if found is None:
            self.warnings.append(_unmatched(path, key, value, self._hint(wanted)))
        elif self.where[path] == found:
            self.warnings.append(_itself(path, key))
            return None
        return found

    def _hint(self, wanted: str) -> str:
        same = self.by_name.get(posixpath.basename(wanted), [])
        return f" (did you mean {same[0]!r}?)" if len(same) == 1 else ""


def read_overrides(ordered: Sequence[CleanArticle]) -> Overrides:
    """The editors' keys of every article, resolved to article numbers."""
    reader = _Reader(ordered)
    for i, article in enumerate(ordered):
        reader.read(i, article)
    return Overrides(
        tuple(reader.links),
        tuple(sorted(reader.apart)),
        tuple(reader.joins),
        tuple(reader.warnings),
    )


def _looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.lower().endswith(_CONTENT_SUFFIXES)


def _unmatched(path: str, key: str, value: str, hint: str) -> BuildWarning:
    wanted = "a story id, or the path" if key == "story" else "the path"
    return BuildWarning(
        f"{key}: {value!r} names no article{hint}, so it is ignored; write {wanted} "
        "of an article relative to the content folder, or remove the key",
        path,
    )


def _itself(path: str, key: str) -> BuildWarning:
    return BuildWarning(
        f"{key} names this article itself, so it is ignored; name another article",
        path,
    )


def apply_story_overrides(
    ordered: Sequence[CleanArticle],
    groups: list[list[int]],
    copies: Copies,
    joins: Sequence[tuple[int, str | int]],
) -> list[tuple[str, list[int]]]:
    """Stories as (id, members) once ``story`` in front matter has been obeyed.

    An article moves with its copies. A story that loses members but keeps some
    is renamed after its earliest remaining member; a named story keeps its name.
    """
    natural = [(story_id(ordered, g), g) for g in groups]
    if not joins:
        return natural
    owner = {i: identity for identity, members in natural for i in members}
    forced: dict[str, set[int]] = {}
    for i, wanted in joins:
        identity = owner[wanted] if isinstance(wanted, int) else wanted
        forced.setdefault(identity, set()).update(copies.members[copies.root[i]])
    moved = set().union(*forced.values())
    result: dict[str, list[int]] = {}
    for identity, members in natural:
        kept = [i for i in members if i not in moved]
        if identity in forced:
            result[identity] = sorted(set(kept) | forced.pop(identity))
        elif kept:
            renamed = identity if len(kept) == len(members) else story_id(ordered, kept)
            result[renamed] = kept
    for identity, group_members in forced.items():
        result[identity] = sorted(group_members | set(result.pop(identity, [])))
    return list(result.items())
