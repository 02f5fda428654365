"""Assemble stage, naming: each brief's slug and the old URLs that lead to it; pure.

A published URL must outlive the edits an editor makes. A brief's slug comes from
something the desk does not retouch while fixing a story: the editor's ``slug``, else
the canonical article's file path (``content/en/laura-ashley.md`` ->
``en-laura-ashley``), never its title: retitling a story keeps its URL. The file path
needs no state between builds (a build from a fresh clone names every page as the
last one did), where a slug recorded at the first build would live in the cache and
be lost with it.

A URL can still change: an editor sets ``slug``, a file is renamed, a story's
canonical article changes (another outlet's telling joins and wins), two stories
merge. Each then leaves a redirect page at the old address (``site.redirects``):
every article of a story claims the URL its own file path gives, and any path listed
under ``aliases`` in its front matter (Hugo's name), so a story that absorbed another
keeps the other's readers.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable, Sequence
from functools import lru_cache

from site_builder.errors import BuildWarning
from site_builder.model import Brief, CleanArticle, Story, Summary
from site_builder.site.taxonomy import slug_path
from site_builder.summarize.outlets import outlet_of
from site_builder.summarize.topics import topics
from site_builder.text.slugs import MAX_SLUG, shorten, slugify

# Top-level names the site itself uses: a brief never takes them.
RESERVED = frozenset(
    {
        "index",
        "static",
        "pagefind",
        "feeds",
        "topics",
        "editions",
        "404",
        "search",
        "sources",
        "languages",
        "page",
    }
)


@lru_cache(maxsize=1 << 17)
def path_slug(path: str) -> str:
    """The slug a content file's path gives: ``en/laura-ashley.md`` ->
    ``en-laura-ashley``; a name in a script slugify drops gets a digest of it.

    Remembered: a build asks twice for each canonical path (its slug, then its
    old URLs), and ``serve`` builds again and again."""
    slug = slugify(posixpath.splitext(path)[0])
    if slug:
        return slug
    return "x-" + hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def wanted_slug(article: CleanArticle) -> str:
    """The slug an article asks for: its editor's ``slug``, else its file path's."""
    return slugify(article.article.meta.slug or "") or path_slug(article.path)


def name_briefs(
    stories: Sequence[tuple[Story, Summary]],
) -> tuple[tuple[Brief, ...], tuple[BuildWarning, ...]]:
    """Give each brief a unique slug (``wanted_slug`` of its canonical article) and
    the old URLs that redirect to it.

    Language versions of one story that want the same slug get ``-fr``, ``-en``...
    silently. Otherwise, when two stories want the same slug, the one whose canonical
    path sorts first keeps it and the other gets ``-2``, ``-3``...; both are built and
    a warning says so.
    """
    taken: dict[str, tuple[str, str]] = {}  # slug -> (canonical path, story id)
    named: list[tuple[Story, Summary, str]] = []
    warnings: list[BuildWarning] = []
    order = sorted(stories, key=lambda pair: (pair[0].canonical.path, pair[0].id))
    for story, summary in order:
        wanted = wanted_slug(story.canonical)
        if wanted in RESERVED:
            wanted = f"{wanted}-brief"
        if wanted in taken and taken[wanted][1] == story.id:
            wanted = _suffixed(wanted, story.canonical.lang)
        slug, number = wanted, 1
        while slug in taken:
            number += 1
            slug = _suffixed(wanted, str(number))
        if slug != wanted:
            warnings.append(
                BuildWarning(
                    f"slug {wanted!r} is already used by {taken[wanted][0]}; "
                    f"this brief is published as {slug!r}",
                    story.canonical.path,
                )
            )
        taken[slug] = (story.canonical.path, story.id)
        named.append((story, summary, slug))
    briefs, moved = _with_aliases(named)
    return briefs, (*warnings, *moved)


def _suffixed(slug: str, suffix: str) -> str:
    return f"{shorten(slug, MAX_SLUG - len(suffix) - 1)}-{suffix}"


def _with_aliases(
    named: Sequence[tuple[Story, Summary, str]],
) -> tuple[tuple[Brief, ...], list[BuildWarning]]:
    """Each brief with its topics and the old paths that lead to it: those its
    articles' file paths and slugs give, and their ``aliases``; a path that is a
    brief's own page, or that an earlier brief claimed, stays with it."""
    pages = {slug_path(slug) for _story, _summary, slug in named}
    claimed: set[str] = set()
    briefs: list[Brief] = []
    warnings: list[BuildWarning] = []
    for story, summary, slug in named:
        members = (story.canonical, *(source.article for source in story.sources))
        found: list[str] = []
        for path, explicit, article in _old_paths(members):
            if path in pages or path in claimed:
                if explicit and path != slug_path(slug):
                    warnings.append(
                        BuildWarning(
                            f"alias {path!r} already leads to another page; "
                            "no redirect there",
                            article,
                        )
                    )
                continue
            claimed.add(path)
            found.append(path)
        briefs.append(
            Brief(
                story,
                summary,
                slug,
                _topics(story, summary),
                tuple(outlet_of(member) or "" for member in members),
                tuple(sorted(found)),
            )
        )
    return tuple(briefs), warnings


def _topics(story: Story, summary: Summary) -> tuple[str, ...]:
    """The brief's topics: its tags, else labels from its keywords (summarize)."""
    tags = story.canonical.article.meta.tags
    return topics(summary.keywords, summary.entities, story.canonical.lang, tags)


def _old_paths(
    members: Iterable[CleanArticle],
) -> Iterable[tuple[str, bool, str]]:
    """(output path, whether an editor listed it, article path) of each URL the
    story's articles may have had."""
    for member in members:
        meta = member.article.meta
        yield slug_path(path_slug(member.path)), False, member.path
        if meta.slug and slugify(meta.slug):
            yield slug_path(slugify(meta.slug)), False, member.path
        for alias in meta.aliases:
            path = alias_path(alias)
            if path is not None:
                yield path, True, member.path


def alias_path(alias: str) -> str | None:
    """The output path of an ``aliases`` entry: a path from the site's root
    (``/briefs/old-title/``, ``/2024/story.html``) or a bare slug (``old-title``,
    meaning ``briefs/old-title/``); each part slugified, so no alias leaves output/
    (None: nothing usable is left)."""
    text = alias.strip()
    if "/" not in text and not text.lower().endswith(".html"):
        slug = slugify(text)
        return slug_path(slug) if slug else None
    parts = [part for part in text.split("/") if part.strip()]
    name = "index.html"
    if parts and parts[-1].lower().endswith(".html"):
        stem = slugify(parts.pop()[: -len(".html")])
        name = f"{stem}.html" if stem else name
    folders = [slug for part in parts if (slug := slugify(part))]
    if not folders and name == "index.html":
        return None  # the home page: never a redirect
    return "/".join([*folders, name])


__all__ = ["RESERVED", "alias_path", "name_briefs", "path_slug"]
