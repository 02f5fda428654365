"""Render stage: Site -> Rendered pages, one Jinja environment (autoescape, strict)."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import Markup

from site_builder import __version__
from site_builder.config import Config
from site_builder.errors import TemplateError
from site_builder.model import Brief, Page, Source, SourceKind
from site_builder.render.catalogs import Interface
from site_builder.render.feed_items import MIME, item_html, json_feed, rfc822
from site_builder.render.html_text import (
    body_html,
    lead_filter,
    printable,
    printable_text,
    typo_filter,
)
from site_builder.render.locales import (
    autonym,
    language_name,
    localized_date,
    og_locale,
)
from site_builder.render.template_runtime import Environment
from site_builder.render.theme import locale_dirs, theme_dir
from site_builder.site.taxonomy import Entry
from site_builder.site.urls import canonical_url, clean_path
from site_builder.site.urls import href as link
from site_builder.summarize.outlets import cited

__all__ = [
    "body_html",
    "canonical_url",
    "clean_path",
    "href",
    "localized_date",
    "make_environment",
    "printable",
]


def make_environment(config: Config, compiled: Path | None = None) -> Environment:
    """One environment per build; the site's templates/ override the theme's, and
    its templates/locale/ catalogs the theme's. ``compiled``: a folder where Jinja
    keeps each template's compiled code, keyed by its source (a build that renders
    a few pages then parses no template)."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(config.templates_dir),
            jinja2.FileSystemLoader(theme_dir()),
        ]
    )
    env = Environment(
        loader=loader,
        # HTML and XML escape; robots.txt and feed.json are text made by code.
        autoescape=lambda name: name is None or name.endswith((".html", ".xml")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per build: templates do not change under it, and checking
        # their files' times on every page costs more than rendering some pages.
        auto_reload=False,
        bytecode_cache=(
            jinja2.FileSystemBytecodeCache(str(compiled)) if compiled else None
        ),
    )
    env.interface = Interface(locale_dirs(config), config.default_language)
    items = _memo(partial(item_html, env.interface))
    env.globals.update(
        site=config,
        generator=f"site-builder {__version__}",
        story_sources=story_sources,
        card=_card_renderer(env),
        item_html=items,
        json_feed=partial(
            json_feed, site_title=config.title, base_url=config.base_url, item=items
        ),
        rfc822=rfc822,
        feed_mime=MIME,
    )
    env.filters.update(
        typo=typo_filter,
        lead=lead_filter,
        lang_name=language_name,
        autonym=autonym,
        locale=og_locale,
        isodate=date.fromisoformat,
        cited=cited,
    )
    return env


# Cards kept per worker: a brief's card recurs on nearby pages (its day, topics and
# outlets at one depth), and an unbounded memo held every card of the site in every
# worker (80 MB at 10,000 articles, over a gigabyte at 100,000). A worker lives for
# about 800 pages: 8,192 cards (some 20 MB) hold most of what it reuses, where 1,024
# made it render 96% of the cards it showed at 10,000 articles.
_CARDS_KEPT = 8192


def _card_renderer(env: jinja2.Environment) -> Callable[..., Markup]:
    """``card(entry, heading)``: a brief's card (the theme's _card.html), memoized.

    A brief appears on the home page, its day, its language, topics and outlets: its
    card is rendered once per interface language, heading level and link prefix
    (links depend only on a page's depth) and reused while it is among the last
    ``_CARDS_KEPT`` made. Same bytes, a fraction of the time.
    """
    # Each card is kept with the brief it shows: a build shares one Brief object
    # among all the pages that list it, and serve's previews render a fresh Brief for
    # an edited article against the same environment (keyed by path alone, a second
    # new headline showed the card of the first preview: 8 s at 10,000 articles).
    made: dict[tuple[str, str, str, str], tuple[object, Markup]] = {}

    @jinja2.pass_context
    def card(context: jinja2.runtime.Context, entry: Entry, heading: str) -> Markup:
        key = (entry.path, context["lang"], heading, context["url"]("index.html"))
        brief = getattr(entry, "brief", None)  # a theme may pass its own objects
        found = made.get(key)
        if found is None or found[0] is not brief:
            found = (brief, _render_card(env, context, entry, heading))
            if len(made) >= _CARDS_KEPT:  # the oldest: pages come in site order
                del made[next(iter(made))]
            made[key] = found
        return found[1]

    return card


def _render_card(
    env: jinja2.Environment, context: jinja2.runtime.Context, entry: Entry, heading: str
) -> Markup:
    """What ``render`` does, on the page's own variables rather than a copy of them
    merged with the globals again (a seventh of a card's time)."""
    template = env.get_template("_card.html")
    values = {"entry": entry, "heading": heading}
    card = template.new_context(context.get_all(), shared=True, locals=values)
    try:
        return Markup(env.concat(template.root_render_func(card)))
    except Exception:
        env.handle_exception()


def _memo(function: Callable[[Entry], Markup]) -> Callable[[Entry], Markup]:
    """``function`` remembered per brief page for one build (one environment)."""
    made: dict[str, Markup] = {}

    def remembered(entry: Entry) -> Markup:
        found = made.get(entry.path)
        if found is None:
            found = made[entry.path] = function(entry)
        return found

    return remembered


def render_page(config: Config, env: Environment, page: Page) -> str:
    """One page as text; template problems become TemplateError with path:line.

    ``lang`` is the page's interface language (``page.lang`` its content's, when
    the theme speaks it): its strings, dates and numbers, and its ``<html lang>``.
    """
    context: dict[str, object] = {"nav": None, "feed": None}
    context.update(page.context.variables())
    # The 404 page is served at any depth: its links are never relative.
    relative = config.relative_urls and page.path != "404.html"
    words = env.interface
    ui = words.language(page.lang)
    context.update(
        page=page,
        lang=ui,
        _=partial(words.gettext, ui),
        gettext=partial(words.gettext, ui),
        ngettext=partial(words.ngettext, ui),
        pgettext=partial(words.pgettext, ui),
        url=partial(link, config.base_url, relative, page.path),
        canonical=partial(canonical_url, config.base_url),
        date=partial(localized_date, ui),
        body_html=body_html,
    )
    try:
        # The forbidden code points are removed from the whole page once, not from
        # each printed value (a ``finalize`` call per value cost a sixth of the
        # render): the theme's own text holds none, so the bytes are the same.
        return printable_text(env.get_template(page.template).render(context))
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            error.message or "syntax error", error.filename, error.lineno
        ) from error
    except jinja2.TemplateNotFound as error:
        raise TemplateError(
            f"template {error.name!r} not found", page.template
        ) from error
    except Exception as error:  # any runtime error inside a template: report where
        filename, line = _template_frame(error)
        raise TemplateError(
            f"{type(error).__name__}: {error}", filename, line
        ) from error


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".html", ".xml", ".txt", ".json", ".j2")):
            return frame.filename, frame.lineno
    return None, None


def href(config: Config, current: str, relative: bool, target: str) -> str:
    """A link from output path ``current`` to ``target`` under this config.

    Relative mode (the default) keeps ``index.html`` so the site also works from a
    sub-folder or opened from disk; absolute mode gives clean root-relative URLs.
    ``relative=False`` forces the latter (the 404 page is served at any depth).
    """
    return link(config.base_url, config.relative_urls and relative, current, target)


def story_sources(brief: Brief) -> tuple[Source, ...]:
    """The canonical article first (as a source adding nothing), then the others."""
    story = brief.story
    return (Source(story.canonical, SourceKind.SAME_STORY, ()), *story.sources)
