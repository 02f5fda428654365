"""Naming: slugs that survive title edits, and redirects from every old URL."""

from __future__ import annotations

from briefs import article, summary

from site_builder.model import Source, SourceKind, Story
from site_builder.site.naming import alias_path, name_briefs, path_slug
from site_builder.text.slugs import shorten, slugify


def test_a_retitled_story_keeps_its_slug() -> None:
    story = Story("s1", article("en/laura-ashley.md"), ())
    before, _ = name_briefs([(story, summary("Laura Ashley chief executive resigns"))])
    after, _ = name_briefs([(story, summary("Laura Ashley's boss steps down"))])
    assert before[0].slug == after[0].slug == "en-laura-ashley"


def test_slugs_are_cut_between_words_never_inside_one() -> None:
    title = (
        "La commune de Valbrune annonce qu'elle cessera de vendre des billets "
        "aux armateurs"
    )
    slug = slugify(title)  # 82 characters before the cut
    assert slug.endswith("-des-billets-aux")  # not "-aux-armateu"
    assert len(slug) <= 80
    assert shorten("a" * 100, 80) == "a" * 80  # one long word: cut where it must be
    assert shorten("abc-def", 7) == "abc-def"
    assert shorten("abc-def-ghi", 8) == "abc-def"
    assert shorten("abc-defghi", 8) == "abc"


def test_an_editor_slug_leaves_a_redirect_at_the_file_name_url() -> None:
    story = Story("s1", article("drones.md", slug="iran-drones"), ())
    (brief,), warnings = name_briefs([(story, summary("x"))])
    assert brief.slug == "iran-drones"
    assert brief.aliases == ("briefs/drones/index.html",)
    assert warnings == ()


def test_every_source_of_a_story_leads_to_it() -> None:
    """When another outlet's telling becomes the canonical article, or two stories
    merge, the URL the other article had still leads to the story."""
    sources = tuple(
        Source(article(f"{name}.md"), SourceKind.SAME_STORY, ())
        for name in ("wire-copy", "other-outlet")
    )
    story = Story("s1", article("first.md"), sources)
    (brief,), _ = name_briefs([(story, summary("x"))])
    assert brief.slug == "first"
    assert brief.aliases == (
        "briefs/other-outlet/index.html",
        "briefs/wire-copy/index.html",
    )


def test_aliases_from_front_matter_become_redirect_paths() -> None:
    assert alias_path("old-title") == "briefs/old-title/index.html"
    assert alias_path("/briefs/Old Title/") == "briefs/old-title/index.html"
    assert alias_path("/2024/11/story.html") == "2024/11/story.html"
    assert alias_path("/../../etc/passwd") == "etc/passwd/index.html"
    assert alias_path("/") is None
    assert alias_path("..") is None
    assert alias_path("/../") is None


def test_an_alias_never_replaces_a_page_and_says_so() -> None:
    one = Story("s1", article("one.md"), ())
    two = Story("s2", article("two.md", aliases=("one", "/old/two/")), ())
    briefs, warnings = name_briefs([(one, summary("x")), (two, summary("y"))])
    by_slug = {b.slug: b for b in briefs}
    assert by_slug["one"].aliases == ()
    assert by_slug["two"].aliases == ("old/two/index.html",)
    assert [str(w) for w in warnings] == [
        "two.md: alias 'briefs/one/index.html' already leads to another page; "
        "no redirect there"
    ]


def test_path_slugs_are_safe_for_any_file_name() -> None:
    assert path_slug("2026/11/Grève générale.md") == "2026-11-greve-generale"
    assert path_slug("../x.txt") == "x"
    assert path_slug("Привет.md").startswith("x-")
