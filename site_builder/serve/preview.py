"""Serve: an edited article's story page at once, before the full rebuild lands.

On a large site a full rebuild takes seconds; an editor who saved one article wants
to see it now. ``Previews`` renders the story page of each edited canonical article
against the last full build (its neighbours, lists and related stories as they
were), and the dev server serves those bytes until a build that read the edit has
written the real site. A new article is previewed as a story of its own: its page,
and the first page of the home and of its language with its card added; an edited
source shows what it now adds on its canonical's page. Anything else (a deleted or
renamed file, a template, the settings) waits for the full build, which always has
the last word.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import jinja2

from site_builder.clean.repeats import clean
from site_builder.config import Config
from site_builder.dedup.stories import novel_of, story_id
from site_builder.errors import SiteError
from site_builder.load.files import load_file
from site_builder.model import Brief, CleanArticle, Page, Site, Story
from site_builder.render.pages import make_environment, render_page
from site_builder.site.assemble import name_briefs
from site_builder.site.taxonomy import (
    Entry,
    Label,
    SectionHead,
    brief_path,
    editions,
    outlets_of,
)
from site_builder.summarize.drafting import summarize
from site_builder.write.search import set_search_bundles


@dataclass(frozen=True, slots=True)
class Base:
    """The last full build, as a preview needs it."""

    config: Config
    env: jinja2.Environment
    pages: dict[str, Page]  # article path (canonical or source) -> its story page
    known: frozenset[str]  # every article path of the site, copies included
    fronts: tuple[Page, ...]  # first pages of the home and of each language
    slugs: frozenset[str]


def base_of(config: Config, site: Site) -> Base:
    """What previews are rendered against, from a full build's site."""
    env = make_environment(config)
    set_search_bundles(config, site, env)
    pages: dict[str, Page] = {}
    for page in site.pages:
        brief = (
            dict(page.context).get("brief") if page.template == "brief.html" else None
        )
        if isinstance(brief, Brief):
            pages[brief.story.canonical.path] = page
            for source in brief.story.sources:
                pages.setdefault(source.article.path, page)
    known = frozenset(
        member.path
        for brief in site.briefs
        for member in (brief.story.canonical, *(s.article for s in brief.story.sources))
    )
    fronts = tuple(
        page
        for page in site.pages
        if page.template == "index.html"
        and getattr(dict(page.context).get("pager"), "number", 1) == 1
    )
    for name in ("brief.html", "index.html", "_card.html"):  # compiled now, not
        env.get_template(name)  # while an editor waits for a preview
    slugs = frozenset(brief.slug for brief in site.briefs)
    return Base(config, env, pages, known, fronts, slugs)


class Previews:
    """Preview pages by output path, each stamped with the change it shows."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self._lock = threading.Lock()
        self._base: Base | None = None
        self._pages: dict[str, tuple[int, bytes]] = {}
        self._log = log
        self.sequence = 0  # batches previewed so far

    def remember(self, config: Config, site: Site) -> None:
        """A full build wrote ``site``: previews are rendered against it from now on."""
        base = base_of(config, site)
        with self._lock:
            self._base = base

    def show(self, edited: Iterable[str]) -> dict[str, str]:
        """Render the story pages of the ``edited`` articles (content-relative
        paths); the output paths rendered, each with its article."""
        with self._lock:
            base = self._base
            self.sequence += 1
            sequence = self.sequence
        if base is None:
            return {}
        fresh, shown = {}, {}
        for path in edited:
            page = base.pages.get(path)
            if page is not None and (data := self._render(base, page, path)):
                fresh[page.path] = (sequence, data)
                shown[page.path] = path
            elif path not in base.known:
                for out, data in self._render_new(base, path).items():
                    fresh[out] = (sequence, data)
                    shown[out] = path
        with self._lock:
            self._pages.update(fresh)
        return shown

    def showing(self) -> bool:
        """Whether any preview is served in place of the built page."""
        with self._lock:
            return bool(self._pages)

    def page(self, path: str) -> bytes | None:
        """The preview of output path ``path``, if one is showing."""
        with self._lock:
            found = self._pages.get(path)
        return found[1] if found else None

    def settle(self, upto: int) -> dict[str, bytes]:
        """A full build that began after preview number ``upto`` has written the
        site: drop the previews it covers, and say what they showed."""
        with self._lock:
            done = {p: v for p, v in self._pages.items() if v[0] <= upto}
            for path in done:
                del self._pages[path]
        return {path: data for path, (_seq, data) in done.items()}

    def _render(self, base: Base, page: Page, path: str) -> bytes | None:
        cleaned = _read(base, path)
        if cleaned is None:
            return None
        context = dict(page.context)
        brief = context["brief"]
        assert isinstance(brief, Brief), "base_of keeps story pages only"
        if brief.story.canonical.path == path:
            story = replace(brief.story, canonical=cleaned)
            fresh = replace(brief, story=story, summary=summarize(story, base.config))
        else:  # another outlet's telling: what it adds, on its canonical's page
            sources = tuple(
                replace(
                    s, article=cleaned, novel=novel_of(cleaned, brief.story.canonical)
                )
                if s.article.path == path
                else s
                for s in brief.story.sources
            )
            fresh = replace(brief, story=replace(brief.story, sources=sources))
        context["brief"] = fresh
        context["entry"] = replace(context["entry"], brief=fresh)  # type: ignore[type-var]
        return self._html(base, replace(page, context=tuple(context.items())), path)

    def _render_new(self, base: Base, path: str) -> dict[str, bytes]:
        """A new article as a story of its own: its page, and its card on the
        first page of the home and of its language when it is among the newest."""
        cleaned = _read(base, path)
        if cleaned is None:
            return {}
        story = Story(story_id([cleaned], [0]), cleaned, ())
        (brief,), _ = name_briefs([(story, summarize(story, base.config))])
        if brief.slug in base.slugs:
            return {}  # the full build decides who keeps the slug
        entry = Entry(
            brief,
            brief_path(brief),
            tuple(Label(topic, None) for topic in brief.topics),  # no page yet
            tuple(Label(outlet, None) for outlet in outlets_of(brief)),
        )
        pages = [_story_page(entry, base.fronts)]
        pages += [
            page
            for front in base.fronts
            if (page := _with_entry(front, entry)) is not None
        ]
        found = {page.path: self._html(base, page, path) for page in pages}
        return {out: data for out, data in found.items() if data is not None}

    def _html(self, base: Base, page: Page, path: str) -> bytes | None:
        try:
            return render_page(base.config, base.env, page).encode("utf-8")
        except Exception as error:  # the full build reports template errors itself
            self._log(f"no preview of {path}: {type(error).__name__}: {error}")
            return None


def _read(base: Base, path: str) -> CleanArticle | None:
    root = base.config.content_dir.resolve()
    try:
        loaded = load_file(root, root / path)
    except SiteError:
        return None  # the full build reports it, with path:line
    return clean(loaded.article, base.config.default_language)


def _story_page(entry: Entry, fronts: tuple[Page, ...]) -> Page:
    shared = dict(fronts[0].context) if fronts else {}
    context = (
        ("entry", entry),
        ("brief", entry.brief),
        ("translations", ()),
        ("related", ()),
        ("newer", None),
        ("older", None),
        ("nav", shared.get("nav")),
        ("feed", shared.get("feed")),
    )
    return Page(entry.path, "brief.html", entry.brief.lang, context)


def _with_entry(front: Page, entry: Entry) -> Page | None:
    """``front`` (a first page of editions) with ``entry``'s card, when it belongs
    there: the home, or its language's page, and not older than what it shows."""
    context = dict(front.context)
    section = context.get("section")
    if isinstance(section, SectionHead) and section.key != entry.brief.lang:
        return None
    shown = [e for edition in context.get("editions") or () for e in edition.entries]  # type: ignore[attr-defined]
    if shown and entry.brief.date < min(e.brief.date for e in shown):
        return None
    context["editions"] = editions([*shown, entry])
    return replace(front, context=tuple(context.items()))
