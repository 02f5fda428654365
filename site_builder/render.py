"""Render stage: Site -> Rendered pages, one Jinja environment (autoescape, strict)."""

from __future__ import annotations

import contextlib
import hashlib
import re
import traceback
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import cache, partial

import jinja2
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_datetime
from jinja2 import meta
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from site_builder import __version__
from site_builder.config import Config
from site_builder.errors import TemplateError
from site_builder.feeds import MIME, item_html, json_feed, rfc822
from site_builder.inputs import theme_dir
from site_builder.model import (
    Brief,
    CleanArticle,
    Page,
    Source,
    SourceKind,
)
from site_builder.strings import translate
from site_builder.taxonomy import Entry
from site_builder.text.typography import typeset
from site_builder.urls import canonical_url, clean_path
from site_builder.urls import href as link

__all__ = ["body_html", "canonical_url", "clean_path", "href", "make_environment"]

# "js-default": no raw HTML, and links with javascript:/vbscript:/data: refused.
_MARKDOWN = MarkdownIt("js-default")


def make_environment(config: Config) -> jinja2.Environment:
    """One environment per build; the site's templates/ override the theme's."""
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(config.templates_dir),
            jinja2.FileSystemLoader(theme_dir()),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        # HTML and XML escape; robots.txt and feed.json are text made by code.
        autoescape=lambda name: name is None or name.endswith((".html", ".xml")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=printable,
        # One environment per build: templates do not change under it, and checking
        # their files' times on every page costs more than rendering some pages.
        auto_reload=False,
    )
    env.globals.update(
        site=config,
        generator=f"site-builder {__version__}",
        story_sources=story_sources,
        card=_card_renderer(env),
        item_html=_memo(item_html),
        json_feed=partial(json_feed, site_title=config.title, base_url=config.base_url),
        rfc822=rfc822,
        feed_mime=MIME,
        search_bundles=(),
        search_shards=(),
    )
    env.filters.update(
        typo=_typo_filter,
        lang_name=language_name,
        autonym=autonym,
        locale=og_locale,
        isodate=date.fromisoformat,
    )
    return env


# Cards kept per worker: a brief's card recurs on nearby pages (its day, topics and
# outlets at one depth), and an unbounded memo held every card of the site in every
# worker (80 MB at 10,000 articles, over a gigabyte at 100,000).
_CARDS_KEPT = 1024


def _card_renderer(env: jinja2.Environment) -> Callable[..., Markup]:
    """``card(entry, heading)``: a brief's card (the theme's _card.html), memoized.

    A brief appears on the home page, its day, its language, topics and outlets: its
    card is rendered once per interface language, heading level and link prefix
    (links depend only on a page's depth) and reused while it is among the last
    ``_CARDS_KEPT`` made. Same bytes, a fraction of the time.
    """
    made: dict[tuple[str, str, str, str], Markup] = {}

    @jinja2.pass_context
    def card(context: jinja2.runtime.Context, entry: Entry, heading: str) -> Markup:
        key = (entry.path, context["lang"], heading, context["url"]("index.html"))
        found = made.get(key)
        if found is None:
            values = {**context.get_all(), "entry": entry, "heading": heading}
            found = Markup(env.get_template("_card.html").render(values))
            if len(made) >= _CARDS_KEPT:  # the oldest: pages come in site order
                del made[next(iter(made))]
            made[key] = found
        return found

    return card


def template_digests(env: jinja2.Environment, names: Iterable[str]) -> dict[str, str]:
    """Each template's digest: its source, those it extends, includes or imports,
    and every partial (``_*.html``: cards are rendered from code, not named in
    templates). A page's fingerprint holds it, so editing ``brief.html`` re-renders
    the story pages only, and ``base.html`` every HTML page."""
    partials = sorted(n for n in env.list_templates() if n.startswith("_"))
    digests = {}
    for name in sorted(set(names)):
        hasher = hashlib.sha256()
        for current, source in _closure(env, [name, *partials]):
            hasher.update(f"{current}\0{source}\0".encode("utf-8", "surrogatepass"))
        digests[name] = hasher.hexdigest()
    return digests


def compile_templates(env: jinja2.Environment, names: Iterable[str]) -> None:
    """Compile ``names``, the partials and all they use, once, before workers fork:
    each fresh worker would otherwise compile every template again."""
    partials = sorted(n for n in env.list_templates() if n.startswith("_"))
    for current, _source in _closure(env, [*sorted(set(names)), *partials]):
        with contextlib.suppress(jinja2.TemplateError):  # rendering will say so
            env.get_template(current)


def _closure(env: jinja2.Environment, names: list[str]) -> list[tuple[str, str]]:
    """``names`` and every template they extend, include or import, with sources."""
    seen: set[str] = set()
    found_all: list[tuple[str, str]] = []
    todo = list(names)
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source = env.loader.get_source(env, current)[0] if env.loader else ""
            found: list[str | None] = list(
                meta.find_referenced_templates(env.parse(source))
            )
        except jinja2.TemplateError:  # missing or broken: rendering will say so
            source, found = "<unreadable>", []
        found_all.append((current, source))
        if None in found:  # a name computed at render time: could be any
            found = list(env.list_templates())
        todo += [ref for ref in found if ref is not None]
    return found_all


def _memo(function: Callable[[Entry], Markup]) -> Callable[[Entry], Markup]:
    """``function`` remembered per brief page for one build (one environment)."""
    made: dict[str, Markup] = {}

    def remembered(entry: Entry) -> Markup:
        found = made.get(entry.path)
        if found is None:
            found = made[entry.path] = function(entry)
        return found

    return remembered


def render_page(config: Config, env: jinja2.Environment, page: Page) -> str:
    """One page as text; template problems become TemplateError with path:line."""
    context: dict[str, object] = {"nav": None, "feed": None}
    context.update(page.context)
    # The 404 page is served at any depth: its links are never relative.
    relative = config.relative_urls and page.path != "404.html"
    context.update(
        page=page,
        lang=page.lang,
        t=partial(translate, page.lang),
        url=partial(link, config.base_url, relative, page.path),
        canonical=partial(canonical_url, config.base_url),
        date=partial(localized_date, page.lang),
        body_html=body_html,
    )
    try:
        return env.get_template(page.template).render(context)
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


@cache
def localized_date(lang: str, value: datetime | date, style: str = "long") -> str:
    """``29 novembre 2026`` / ``29 November 2026``; style "full" adds the weekday."""
    locale = _locale(lang)
    if style == "time":
        return format_datetime(value, "d MMMM y, HH:mm", locale=locale)
    if style == "month":
        text = format_date(value, format="LLLL y", locale=locale)
        return text[:1].upper() + text[1:]
    if style == "full" and lang in _FULL_DATE:
        style = _FULL_DATE[lang]
    text = format_date(value, format=style, locale=locale)
    return text[:1].upper() + text[1:] if style != "long" else text


@cache
def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` written in ``in_lang`` (``fr`` in en: French)."""
    try:
        name = Locale.parse(code).get_display_name(_locale(in_lang))
    except (ValueError, UnknownLocaleError):
        return code
    return (name[:1].upper() + name[1:]) if name else code


def autonym(code: str) -> str:
    """A language's name in itself: Français, English."""
    return language_name(code, code)


@cache
def og_locale(lang: str) -> str:
    """Open Graph's ``language_TERRITORY``: fr -> fr_FR, en -> en_GB."""
    likely = get_global("likely_subtags").get(_REGIONS.get(lang, lang), "")
    try:
        locale = Locale.parse(likely or _REGIONS.get(lang, lang))
    except (ValueError, UnknownLocaleError):
        return lang
    return f"{locale.language}_{locale.territory}" if locale.territory else lang


# Day-month-year dates ("Sunday 29 November 2026") read better in a briefing than
# CLDR's US default for plain "en".
_REGIONS = {"en": "en_GB"}
# Edition headings as newspapers print them: "Sunday 29 November 2026" (CLDR adds a
# comma in English), "Dimanche 29 novembre 2026".
_FULL_DATE = {"en": "EEEE d MMMM y", "fr": "EEEE d MMMM y"}


@cache
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(_REGIONS.get(lang, lang))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def story_sources(brief: Brief) -> tuple[Source, ...]:
    """The canonical article first (as a source adding nothing), then the others."""
    story = brief.story
    return (Source(story.canonical, SourceKind.SAME_STORY, ()), *story.sources)


# Code points HTML forbids (C0 and C1 controls but whitespace, noncharacters). C1
# controls in text are Windows-1252 bytes read as Latin-1: U+0095 was a bullet.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def _repair(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0x80 <= code <= 0x9F:
        try:
            return bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            return ""
    return ""


def printable(value: object) -> object:
    """Every value a template prints, without the code points HTML forbids."""
    if isinstance(value, str) and _FORBIDDEN.search(value):
        return type(value)(_FORBIDDEN.sub(_repair, value))
    return value


def _typo_filter(text: object, lang: str) -> Markup:
    return Markup(escape(typeset(str(text), lang)))


def body_html(article: CleanArticle) -> Markup:
    """The cleaned body as HTML: Markdown without raw HTML, or escaped paragraphs."""
    lang = article.lang
    if article.article.markup == "text":
        return Markup("\n").join(
            Markup("<p>{}</p>").format(typeset(p.text, lang))
            for p in article.paragraphs
        )
    tokens = _MARKDOWN.parse(article.text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            # The page's own title is the only h1: body headings start at h2.
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
        for child in token.children or ():
            if child.type == "text":
                child.content = typeset(child.content, lang)
    return Markup(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))
