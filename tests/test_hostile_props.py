"""Properties under arbitrary input (hypothesis): loading, repair, slugs, rendering."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hostile_checks import NASTY, html_problems, yaml_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.clean.repeats import clean, remove_repeats, repeat_key
from site_builder.errors import ContentError
from site_builder.load.fields import Field
from site_builder.load.files import load_file
from site_builder.load.front_matter import front_matter
from site_builder.model import (
    Article,
    CleanArticle,
    DateSource,
    FrontMatter,
    Markup,
    Paragraph,
    Story,
    Summary,
)
from site_builder.render.catalogs import Interface
from site_builder.render.feed_items import item_html
from site_builder.render.pages import body_html, printable
from site_builder.render.theme import theme_dir
from site_builder.site.assemble import RESERVED, name_briefs
from site_builder.site.naming import path_slug
from site_builder.site.taxonomy import Entry, name_slug
from site_builder.text.slugs import MAX_SLUG, slugify

SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WORDS = Interface([theme_dir() / "locale"], "en")  # the theme's catalogs
PROPS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Pieces that make parsers and renderers work: front matter, YAML, Markdown, HTML.
FRAGMENTS = st.sampled_from(
    [
        "---\n",
        "+++\n",
        "...\n",
        "\ufeff",
        "title: ",
        "date: ",
        "tags: [",
        "]",
        "&a ",
        "*a ",
        "!!binary ",
        "? ",
        ": ",
        "- ",
        "\t",
        "\r\n",
        "\r",
        "\n\n",
        '"',
        "'",
        "\\",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "![x](vbscript:x)",
        "<javascript:alert(1)>",
        "[x]: data:text/html,<script>alert(1)</script>\n",
        "```\n",
        "# ",
        "> ",
        "| a | b |\n|---|---|\n",
        "&#x6A;",
        "%",
        "{{ x }}",
        "2026-02-30",
        "9999-12-31T23:00:00-05:00",
        *NASTY[:20],
    ]
)
NASTY_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=25).map(
    "".join
)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


# --- loading ----------------------------------------------------------------------


def _load(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    try:
        loaded = load_file(folder, path)
    except ContentError as error:
        refused: ContentError | None = error
    else:
        refused = None
    if refused is not None:
        assert refused.path == name
        assert refused.line is None or refused.line >= 1
        return
    article = loaded.article
    assert "\r" not in article.body
    assert article.body.strip()
    assert article.body_line >= 1
    assert article.date.tzinfo is not None
    assert all(w.path == name for w in loaded.warnings)


@PROPS
@given(data=st.binary(max_size=400))
def test_loading_any_bytes_raises_only_content_error(folder: Path, data: bytes) -> None:
    _load(folder, "any.md", data)


@PROPS
@given(text=NASTY_TEXT, name=st.sampled_from(["a.md", "a.txt"]))
def test_loading_any_text_raises_only_content_error(
    folder: Path, text: str, name: str
) -> None:
    _load(folder, name, text.encode("utf-8", "surrogatepass"))


@PROPS
@given(text=NASTY_TEXT, body=NASTY_TEXT)
def test_loading_front_matter_of_any_text_raises_only_content_error(
    folder: Path, text: str, body: str
) -> None:
    _load(folder, "f.md", f"---\n{text}\n---\n{body}".encode("utf-8", "surrogatepass"))


@PROPS
@given(
    title=st.text(st.characters(blacklist_categories=["Cs"]), min_size=1).filter(
        lambda t: t.strip() != ""
    )
)
def test_any_quoted_title_is_read_back_as_written(folder: Path, title: str) -> None:
    path = folder / "t.md"
    path.write_text(f"---\ntitle: {yaml_string(title)}\n---\nBody.\n", "utf-8")
    assert load_file(folder, path).article.meta.title == title.strip()


# --- repair -----------------------------------------------------------------------

SENTENCES = st.sampled_from(
    [
        "The harbour authority reopened the northern quay on Tuesday.",
        "Ferry crews voted to strike over the new rota and pay.",
        "The library will stay open until ten on weekdays from January.",
        "Read more.",
        "Officials said the repairs cost far more than planned this year.",
        "Short line.",
    ]
)
PARAGRAPHS = st.lists(
    st.lists(SENTENCES, min_size=1, max_size=4).map(" ".join), max_size=12
)


@PROPS
@given(texts=PARAGRAPHS, markdown=st.booleans())
def test_repair_keeps_first_occurrences_and_never_grows(
    texts: list[str], markdown: bool
) -> None:
    paragraphs = tuple(Paragraph(t, 1 + 2 * i) for i, t in enumerate(texts))
    kept, removed = remove_repeats(paragraphs, markdown, "en")
    assert sum(len(p.text) for p in kept) <= sum(len(p.text) for p in paragraphs)
    for removal in removed:
        assert removal.first_line <= removal.line
        assert repeat_key(removal.text) is not None, "short passages are never removed"
    # The first paragraph of each kind is never dropped as a repeat.
    first: dict[str | None, int] = {}
    for paragraph in paragraphs:
        first.setdefault(repeat_key(paragraph.text), paragraph.line)
    dropped = {r.line for r in removed if r.kind == "paragraph"}
    assert not dropped & {line for key, line in first.items() if key is not None}
    # Every kept sentence text was in the original, in the same order.
    original = " ".join(texts)
    for paragraph in kept:
        for sentence in re.split(r"(?<=\.) ", paragraph.text):
            assert sentence in original
    again, removed_again = remove_repeats(kept, markdown, "en")
    assert removed_again == (), "repair is idempotent"
    assert again == kept


@PROPS
@given(body=NASTY_TEXT.filter(lambda t: t.strip() != ""))
def test_clean_accepts_any_body(body: str) -> None:
    cleaned = clean(_article(body.replace("\r", "\n"), "text"), "en")
    assert sum(len(p.text) for p in cleaned.paragraphs) <= len(body)


# --- slugs ------------------------------------------------------------------------


@PROPS
@given(text=st.one_of(st.text(), NASTY_TEXT))
def test_slugs_are_safe_and_idempotent(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SAFE_SLUG.match(slug)
    assert len(slug) <= MAX_SLUG
    assert slugify(slug) == slug
    named = name_slug(text)
    assert SAFE_SLUG.match(named)
    assert name_slug(named) == named


@PROPS
@given(wanted=st.lists(st.one_of(st.text(max_size=90), FRAGMENTS), max_size=12))
def test_every_brief_gets_a_unique_safe_slug(wanted: list[str]) -> None:
    stories = [
        (_story(f"s{i}", f"a{i:02d}.md", slug), _summary(slug))
        for i, slug in enumerate(wanted)
    ]
    briefs, warnings = name_briefs(stories)
    slugs = [b.slug for b in briefs]
    assert len(set(slugs)) == len(slugs)
    assert all(SAFE_SLUG.match(s) and s not in RESERVED for s in slugs), slugs
    assert all(len(s) <= MAX_SLUG for s in slugs)
    # A warning for each brief that could not have the slug it asked for.
    moved = 0
    for brief, text in zip(briefs, wanted, strict=True):
        asked = slugify(text) or path_slug(brief.story.canonical.path)
        asked = f"{asked}-brief" if asked in RESERVED else asked
        moved += brief.slug != asked
    assert len(warnings) == moved


# --- rendering --------------------------------------------------------------------


@PROPS
@given(text=NASTY_TEXT, markup=st.sampled_from(["markdown", "text"]))
def test_rendering_any_text_emits_no_active_content(text: str, markup: Markup) -> None:
    body = text.replace("\r", "\n")
    html = str(body_html(clean(_article(body or "x", markup), "en")))
    assert html_problems(html) == []
    assert html_problems(str(printable(html))) == []


@PROPS
@given(text=NASTY_TEXT, url=NASTY_TEXT)
def test_feed_items_of_any_text_emit_no_active_content(text: str, url: str) -> None:
    meta, _ = front_matter((Field("source_url", url, 2),), "a.md")
    story = _story("s1", "a.md", text, source_url=meta.source_url)
    summary = Summary(text, False, text, False, (text,), (), (), None, 1, 1)
    briefs, _ = name_briefs([(story, summary)])
    entry = Entry(briefs[0], "briefs/x/index.html", (), ())
    assert html_problems(str(item_html(WORDS, entry))) == []


# --- builders ---------------------------------------------------------------------


def _article(body: str, markup: Markup, **meta: object) -> Article:
    return Article(
        "a.md",
        markup,
        FrontMatter(**meta),  # type: ignore[arg-type]
        body,
        1,
        datetime(2026, 11, 28, tzinfo=UTC),
        DateSource.FRONT_MATTER,
        "0",
    )


def _story(identity: str, path: str, slug: str, source_url: str | None = None) -> Story:
    article = _article("Body.", "markdown", slug=slug, source_url=source_url)
    article = Article(
        path,
        article.markup,
        article.meta,
        article.body,
        1,
        article.date,
        article.date_source,
        "0",
    )
    cleaned = CleanArticle(article, (Paragraph("Body.", 1),), (), "en", False)
    return Story(identity, cleaned, ())


def _summary(title: str) -> Summary:
    return Summary(title, False, "Summary.", False, (), (), (), None, 1, 1)
