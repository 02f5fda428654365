"""Assemble: slugs, sections, editions, related stories, translations, pagination."""

from __future__ import annotations

from pathlib import Path

from briefs import article, brief, summary

from site_builder.config import load_config
from site_builder.model import Story
from site_builder.site.assemble import assemble, name_briefs
from site_builder.site.feeds import Feed
from site_builder.site.page_lists import paginate
from site_builder.site.related import related
from site_builder.site.sitemap import sitemap_pages
from site_builder.site.taxonomy import editions, in_language, make_entries, sections
from site_builder.text.slugs import slugify


def test_language_versions_of_one_story_share_a_slug_with_a_suffix_silently() -> None:
    en = article("a-en.md", "en", slug="drones")
    fr = article("a-fr.md", "fr", slug="drones")
    briefs, warnings = name_briefs(
        [
            (Story("s1", en, ()), summary("Drones")),
            (Story("s1", fr, ()), summary("Drones")),
        ]
    )
    assert sorted(b.slug for b in briefs) == ["drones", "drones-fr"]
    assert warnings == ()


def test_two_stories_wanting_one_slug_get_a_number_and_a_warning() -> None:
    one, two = article("a.md", slug="same"), article("b.md", slug="same")
    briefs, warnings = name_briefs(
        [(Story("s2", two, ()), summary("x")), (Story("s1", one, ()), summary("x"))]
    )
    assert {b.story.canonical.path: b.slug for b in briefs} == {
        "a.md": "same",
        "b.md": "same-2",
    }
    assert len(warnings) == 1
    assert warnings[0].path == "b.md"


def test_reserved_names_and_non_latin_names_still_give_usable_slugs() -> None:
    briefs, _ = name_briefs(
        [
            (Story("s9", article("search.md"), ()), summary("Search")),
            (Story("s8", article("Привет.md"), ()), summary("Привет")),
        ]
    )
    slugs = sorted(b.slug for b in briefs)
    assert slugs[0] == "search-brief"
    assert slugs[1].startswith("x-")
    assert slugify("Привет") == ""


def test_editions_put_the_most_sourced_brief_first_then_the_newest() -> None:
    entries = make_entries(
        [
            brief("old", hours=-30),
            brief("lone", hours=2),
            brief("wide", sources=2),
            brief("late", hours=5),
        ]
    )
    days = editions(entries)
    assert [e.day.isoformat() for e in days] == ["2026-11-28", "2026-11-27"]
    assert [e.brief.slug for e in days[0].entries] == ["wide", "late", "lone"]


def test_editions_in_one_language_are_the_editions_of_its_briefs() -> None:
    entries = make_entries(
        [
            brief("old", "fr", hours=-30),
            brief("lone", "en", hours=2),
            brief("wide", "fr", sources=2),
            brief("late", "fr", hours=5),
            brief("early", "en", hours=-29),
        ]
    )
    days = editions(entries)
    for lang in ("en", "fr", "de"):
        own = [e for e in entries if e.brief.lang == lang]
        assert in_language(days, lang) == editions(own)
    assert [e.brief.slug for d in in_language(days, "fr") for e in d.entries] == [
        "wide",
        "late",
        "old",
    ]


def test_a_topic_has_a_page_once_two_briefs_carry_it_tagged_or_not() -> None:
    briefs = [
        brief("a", topics=("strike", "ferry")),
        brief("b", topics=("strike",)),
        brief("c", topics=("Rail", "Orlen"), tags=("Rail", "Orlen")),
        brief("c-fr", "fr", topics=("Rail",), tags=("Rail",), story="c"),
    ]
    labels = {
        (e.brief.slug, t.name): t.path for e in make_entries(briefs) for t in e.topics
    }
    # the French and English versions of a story are two briefs: "Rail" has a page;
    # a drafted topic no other brief carries ("ferry") is not shown, a tag is
    assert labels == {
        ("a", "strike"): "topics/strike/index.html",
        ("b", "strike"): "topics/strike/index.html",
        ("c", "Rail"): "topics/rail/index.html",
        ("c", "Orlen"): None,
        ("c-fr", "Rail"): "topics/rail/index.html",
    }
    every = {t.name: t.path for e in make_entries(briefs, 1) for t in e.topics}
    assert every["ferry"] == "topics/ferry/index.html"
    assert every["Orlen"] == "topics/orlen/index.html"


def test_a_name_is_one_topic_across_languages_and_cases_shown_as_written() -> None:
    entries = make_entries(
        [
            brief("en", "en", topics=("Iran", "sanctions")),
            brief("fr", "fr", topics=("nucléaire", "Iran")),
            brief("shout", "en", topics=("IRAN",)),
        ]
    )
    found = {(e.brief.slug, t.name, t.path) for e in entries for t in e.topics}
    page = "topics/iran/index.html"
    assert {
        ("en", "Iran", page),
        ("fr", "Iran", page),
        ("shout", "Iran", page),
    } <= found


def test_a_brief_shows_its_topics_with_a_page_and_is_on_each_page() -> None:
    entries = make_entries(
        [
            brief("a", topics=("pont", "lits", "grève", "ferry", "Calais")),
            brief("b", topics=("Calais", "ferry")),
            brief("c", topics=("lits",)),
        ]
    )
    assert [t.name for t in entries[0].topics] == ["lits", "ferry", "Calais"]
    days = editions(entries)
    groups = sections(entries, days, "en")["topic"]
    # each topic's page lists every brief that carries it, wherever it stands
    assert {s.key: [e.brief.slug for e in s.entries] for s in groups} == {
        "Calais": ["a", "b"],
        "ferry": ["a", "b"],
        "lits": ["a", "c"],
    }


def test_briefs_naming_one_topic_or_outlet_share_one_label() -> None:
    one, two = make_entries(
        [
            brief("a", topics=("strike", "ferry"), outlet="Wire"),
            brief("b", topics=("ferry",), outlet="Wire"),
        ]
    )
    assert one.topics[0] is two.topics[0]
    assert one.topics[0].path == "topics/ferry/index.html"
    assert one.outlets[0] is two.outlets[0]
    assert one.outlets[0].path == "sources/wire/index.html"
    assert [t.name for t in one.topics] == ["ferry"]  # "strike" leads nowhere


def test_related_prefers_same_language_and_more_shared_terms() -> None:
    entries = make_entries(
        [
            brief("me", topics=("strike", "ferry"), entities=("Calais",)),
            brief("both", "en", 1, topics=("strike", "ferry")),
            brief("one", "en", 2, topics=("strike",), entities=("Calais",)),
            brief("french", "fr", 1, topics=("strike", "ferry"), entities=("Calais",)),
            brief("nothing", "en", 1, topics=("sport",)),
            brief("me-fr", "fr", 0, topics=("strike",), story="me"),
        ]
    )
    found = related(entries)["briefs/me/index.html"]
    assert [e.brief.slug for e in found] == ["both", "one", "french"]


def test_pagination_links_each_page_to_its_neighbours() -> None:
    pages = paginate("topics/x", 3)
    assert [p for p, _ in pages] == [
        "topics/x/index.html",
        "topics/x/page/2/index.html",
        "topics/x/page/3/index.html",
    ]
    middle = pages[1][1]
    assert (middle.previous, middle.next) == (
        "topics/x/index.html",
        "topics/x/page/3/index.html",
    )
    assert paginate("", 1)[0][0] == "index.html"


def test_assemble_builds_every_section_feed_and_the_sitemap(tmp_path: Path) -> None:
    config = load_config(root=tmp_path)
    briefs = [
        brief(f"b{n}", "fr" if n % 2 else "en", -n * 5, topics=("strike",))
        for n in range(45)
    ]
    site = assemble(config, briefs)
    paths = {p.path for p in site.pages}
    assert {
        "index.html",
        "page/2/index.html",
        "topics/strike/page/3/index.html",
        "languages/fr/index.html",
        "languages/fr/atom.xml",
        "feeds/feed.json",
        "search/index.html",
        "search/fr/index.html",
        "editions/index.html",
        "sources/index.html",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    } <= paths
    assert "topics/strike/page/4/index.html" not in paths  # 45 briefs, 20 a page
    story = next(p for p in site.pages if p.path == "briefs/b1/index.html")
    context = story.context.variables()
    newer, older = context["newer"], context["older"]
    assert newer is None
    assert older.brief.slug == "b3"


def test_html_pages_link_feeds_without_their_entries(tmp_path: Path) -> None:
    config = load_config(root=tmp_path)
    briefs = [
        brief(f"b{n}", "fr" if n % 2 else "en", -n, topics=("strike",))
        for n in range(6)
    ]
    site = assemble(config, briefs)
    linked = [
        (page.path, value)
        for page in site.pages
        for value in page.context.variables().values()
        if isinstance(value, Feed)
    ]
    html = [feed for path, feed in linked if path.endswith(".html")]
    xml = [feed for path, feed in linked if not path.endswith(".html")]
    assert {feed.page for feed in html} >= {
        "index.html",
        "languages/fr/index.html",
        "topics/strike/index.html",
    }
    assert all(feed.entries == () for feed in html)
    assert xml
    assert all(feed.entries for feed in xml)


def test_a_big_site_splits_its_sitemap() -> None:
    from site_builder.model import Page

    pages = [Page(f"p{n}/index.html", "list.html", "en", ()) for n in range(50_001)]
    made = sitemap_pages(pages, {}, "en")
    assert [p.path for p in made] == [
        "sitemap-1.xml",
        "sitemap-2.xml",
        "sitemap.xml",
        "robots.txt",
    ]
