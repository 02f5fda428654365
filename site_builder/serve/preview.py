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

from site_builder.config import Config
from site_builder.dedup.stories import novel_of
from site_builder.errors import SiteError
from site_builder.load.files import file_dates, load_file
from site_builder.model import Page, Site, Story, Summary
from site_builder.pipeline import decide
from site_builder.render.pages import make_environment, render_page
from site_builder.render.template_runtime import Environment
from site_builder.site.assemble import name_briefs
from site_builder.site.page_lists import BriefContext, EditionsContext
from site_builder.site.taxonomy import Entry, Label, brief_path, editions, outlets_of


@dataclass(frozen=True, slots=True)
class Base:
    """The last full build, as a preview needs it."""

    config: Config
    env: Environment
    pages: dict[str, Page]  # article path (canonical or source) -> its story page
    known: frozenset[str]  # every article path of the site, copies included
    fronts: tuple[Page, ...]  # first pages of the home and of each language
    slugs: frozenset[str]


def base_of(config: Config, site: Site) -> Base:
    """What previews are rendered against, from a full build's site."""
    env = make_environment(config)
    pages: dict[str, Page] = {}
    for page in site.pages:
        if isinstance(page.context, BriefContext):
            story = page.context.brief.story
            pages[story.canonical.path] = page
            for source in story.sources:
                pages.setdefault(source.article.path, page)
    known = frozenset(
        member.path
        for brief in site.briefs
        for member in (brief.story.canonical, *(s.article for s in brief.story.sources))
    )
    fronts = tuple(
        page
        for page in site.pages
        if isinstance(page.context, EditionsContext) and page.context.pager.number == 1
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

    def show(
        self, edited: Iterable[str], deleted: Iterable[str] = ()
    ) -> dict[str, str]:
        """Render the story pages of the ``edited`` articles (content-relative
        paths), and the front pages without the cards of ``deleted`` ones that were
        stories of their own; the output paths rendered, each with its article."""
        with self._lock:
            base = self._base
            self.sequence += 1
            sequence = self.sequence
        if base is None:
            return {}
        fresh, shown = {}, {}
        for path in edited:
            page = base.pages.get(path)
            if page is not None:
                found = self._render(base, page, path)
            elif path not in base.known:
                found = self._render_new(base, path)
            else:
                continue
            for out, data in found.items():
                fresh[out] = (sequence, data)
                shown[out] = path
        for path in deleted:
            for out, data in self._render_gone(base, path).items():
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

    def _render(self, base: Base, page: Page, path: str) -> dict[str, bytes]:
        """An edited article's story page, and for a canonical (whose headline and
        summary its card shows) the first pages of lists that show its card."""
        decided = _decide(base, path)
        context = page.context
        if decided is None or not isinstance(context, BriefContext):
            return {}  # base_of keeps story pages only
        (story, summary), brief = decided, context.brief
        pages = []
        if brief.story.canonical.path == path:
            fresh = replace(
                brief,
                story=replace(brief.story, canonical=story.canonical),
                summary=summary,
            )
            entry = replace(context.entry, brief=fresh)
            if summary != brief.summary:  # a new headline or summary: cards change
                pages += [
                    shown
                    for front in base.fronts
                    if (shown := _with_fresh(front, entry)) is not None
                ]
        else:  # another outlet's telling: what it adds, on its canonical's page
            cleaned = story.canonical
            sources = tuple(
                replace(
                    s, article=cleaned, novel=novel_of(cleaned, brief.story.canonical)
                )
                if s.article.path == path
                else s
                for s in brief.story.sources
            )
            fresh = replace(brief, story=replace(brief.story, sources=sources))
            entry = replace(context.entry, brief=fresh)
        pages.insert(
            0, replace(page, context=replace(context, brief=fresh, entry=entry))
        )
        found = {shown.path: self._html(base, shown, path) for shown in pages}
        return {out: data for out, data in found.items() if data is not None}

    def _render_new(self, base: Base, path: str) -> dict[str, bytes]:
        """A new article as a story of its own: its page, and its card on the
        first page of the home and of its language when it is among the newest."""
        decided = _decide(base, path)
        if decided is None:
            return {}
        (brief,), _ = name_briefs([decided])
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

    def _render_gone(self, base: Base, path: str) -> dict[str, bytes]:
        """The front pages that showed a deleted article's card, without it, when
        the article was a story of its own (else the full build decides: another
        source may become the story's canonical)."""
        page = base.pages.get(path)
        context = page.context if page is not None else None
        if not isinstance(context, BriefContext) or context.brief.story.sources:
            return {}
        pages = [
            shown
            for front in base.fronts
            if (shown := _without(front, context.entry.path)) is not None
        ]
        found = {shown.path: self._html(base, shown, path) for shown in pages}
        return {out: data for out, data in found.items() if data is not None}

    def _html(self, base: Base, page: Page, path: str) -> bytes | None:
        try:
            return render_page(base.config, base.env, page).encode("utf-8")
        except Exception as error:  # the full build reports template errors itself
            self._log(f"no preview of {path}: {type(error).__name__}: {error}")
            return None


def _decide(base: Base, path: str) -> tuple[Story, Summary] | None:
    """The article at ``path`` as ``pipeline.decide`` sees it alone: repaired, a
    story of its own, summarized (None: it does not load; the build says why)."""
    root = base.config.content_dir.resolve()
    try:
        loaded = load_file(root, root / path, file_dates(base.config))
    except SiteError:
        return None  # the full build reports it, with path:line
    summarized = decide(base.config, [loaded.article]).summarized()
    return summarized[0] if summarized else None  # no article: the build says so


def _story_page(entry: Entry, fronts: tuple[Page, ...]) -> Page:
    shared = fronts[0].context if fronts else None
    nav, feed = (
        (shared.nav, shared.feed)
        if isinstance(shared, EditionsContext)
        else (None, None)
    )
    context = BriefContext(entry, entry.brief, (), (), None, None, nav, feed)
    return Page(entry.path, "brief.html", entry.brief.lang, context)


def _with_fresh(front: Page, entry: Entry) -> Page | None:
    """``front`` (a first page of editions) with ``entry``'s card in place of the
    one it shows for the same brief; None when it does not show it."""
    context = front.context
    if not isinstance(context, EditionsContext) or not any(
        e.path == entry.path for edition in context.editions for e in edition.entries
    ):
        return None
    days = tuple(
        replace(
            edition,
            entries=tuple(
                entry if e.path == entry.path else e for e in edition.entries
            ),
        )
        for edition in context.editions
    )
    return replace(front, context=replace(context, editions=days))


def _without(front: Page, path: str) -> Page | None:
    """``front`` without the card of the brief at output path ``path``; None when
    it does not show it."""
    context = front.context
    if not isinstance(context, EditionsContext):
        return None
    shown = [e for edition in context.editions for e in edition.entries]
    if all(e.path != path for e in shown):
        return None
    kept = editions([e for e in shown if e.path != path])
    return replace(front, context=replace(context, editions=kept))


def _swap(shown: Entry, entry: Entry) -> Entry:
    return entry if shown.path == entry.path else shown


def _with_entry(front: Page, entry: Entry) -> Page | None:
    """``front`` (a first page of editions) with ``entry``'s card, when it belongs
    there: the home, or its language's page, and not older than what it shows."""
    context = front.context
    if not isinstance(context, EditionsContext):
        return None
    section = context.section
    if section is not None and section.key != entry.brief.lang:
        return None
    shown = [e for edition in context.editions for e in edition.entries]
    dates = [e.brief.date for e in shown if e.brief.date]  # the undated come last
    if dates and (entry.brief.date is None or entry.brief.date < min(dates)):
        return None
    return replace(front, context=replace(context, editions=editions([*shown, entry])))
