"""Previews in serve: an edited article's story page before the full rebuild."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.config import load_config
from site_builder.model import Site
from site_builder.serve.livereload import LiveState
from site_builder.serve.preview import Previews
from site_builder.serve.rebuild import Rebuilder


@pytest.fixture(autouse=True)
def _reproducible() -> Iterator[None]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1764000000"
    yield
    if old is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


FERRY = """---
title: Ferry strike ends after nine days
slug: ferry
date: 2026-03-01T08:00:00Z
outlet: Harbour Wire
---
The ferry crews of Quillmere voted on Tuesday to end the strike that had stopped
crossings to the islands for nine days, the union said.

Under the agreement, wages rise by four percent this year and crews get two more
rest days a month, according to the text seen by Harbour Wire.

Crossings resume on Thursday morning with the winter timetable.
"""

MARKET = """---
title: Christmas market opens in Vaubrenne
slug: market
date: 2026-03-02T08:00:00Z
outlet: Valley Post
---
The Christmas market of Vaubrenne opened on Friday with eighty stalls on the
cathedral square, two more than last year, the town hall said.

The market stays open every day until the twenty-fourth of December.
"""


def _site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "site.toml").write_text('title = "Preview test"\nsearch = false\n')
    (root / "content" / "ferry.md").write_text(FERRY)
    (root / "content" / "market.md").write_text(MARKET)
    return root


def _built(root: Path) -> tuple[Previews, Site]:
    config = load_config(root / "site.toml")
    sites: list[Site] = []
    assert build(config, written_site=sites.append).ok
    previews = Previews(lambda line: None)
    previews.remember(config, sites[0])
    return previews, sites[0]


def test_an_edit_is_previewed_as_the_full_build_will_render_it(tmp_path: Path) -> None:
    root = _site(tmp_path / "site")
    previews, _site_built = _built(root)
    ferry = root / "content" / "ferry.md"
    ferry.write_text(FERRY.replace("winter timetable", "summer timetable"))
    # The summary holds that sentence: its card on the front pages changes too.
    assert previews.show(["ferry.md"]) == {
        "briefs/ferry/index.html": "ferry.md",
        "index.html": "ferry.md",
        "languages/en/index.html": "ferry.md",
    }
    shown = previews.page("briefs/ferry/index.html")
    assert shown is not None
    assert b"summer timetable" in shown
    assert previews.page("briefs/market/index.html") is None
    upto = previews.sequence
    assert build(load_config(root / "site.toml")).ok
    assert (root / "output" / "briefs/ferry/index.html").read_bytes() == shown
    settled = previews.settle(upto)
    assert settled["briefs/ferry/index.html"] == shown
    for path, data in settled.items():
        assert (root / "output" / path).read_bytes() == data, path
    assert not previews.showing()


def test_settle_keeps_previews_of_later_edits(tmp_path: Path) -> None:
    root = _site(tmp_path / "site")
    previews, _site_built = _built(root)
    previews.show(["ferry.md"])
    upto = previews.sequence
    previews.show(["market.md"])
    assert set(previews.settle(upto)) == {"briefs/ferry/index.html"}
    assert previews.page("briefs/market/index.html") is not None


def test_an_edited_source_shows_what_it_adds_on_its_canonicals_page(
    tmp_path: Path,
) -> None:
    root = _site(tmp_path / "site")
    content = root / "content"
    (content / "ferry-copy.md").write_text(FERRY.replace("slug: ferry", "slug: copy"))
    previews, site = _built(root)
    assert len(site.briefs) == 2, "the copy joins the ferry story"
    story = next(b for b in site.briefs if b.story.sources)
    copy = story.story.sources[0].article.path
    added = "The harbour master said the ferries would also run on Sunday nights."
    (content / copy).write_text((content / copy).read_text() + "\n" + added + "\n")
    page = f"briefs/{story.slug}/index.html"
    assert previews.show([copy]) == {page: copy}
    shown = previews.page(page)
    assert shown is not None
    assert added.encode() in shown


def test_no_preview_for_what_only_a_full_build_can_show(tmp_path: Path) -> None:
    root = _site(tmp_path / "site")
    content = root / "content"
    previews, _site_built = _built(root)
    (content / "new.md").write_text(MARKET)  # a new article wanting a taken slug
    assert previews.show(["new.md"]) == {}  # the full build decides
    (content / "market.md").write_text("---\ntitle: [broken\n---\nText.\n")
    assert previews.show(["market.md"]) == {}  # the build reports it with path:line
    assert not previews.showing()


def test_nothing_is_previewed_before_a_first_build(tmp_path: Path) -> None:
    root = _site(tmp_path / "site")
    assert Previews(lambda line: None).show(["ferry.md"]) == {}
    assert not (root / "output").exists()


NEW = """---
title: Tram line to the harbour opens
slug: tram
date: 2026-03-05T08:00:00Z
outlet: Harbour Wire
---
The new tram line between the station and the harbour of Quillmere opened on
Saturday, two years after work began, the transport authority said.

Trams run every eight minutes from six in the morning until midnight.
"""


def test_a_new_article_shows_its_page_and_its_card_on_the_front_pages(
    tmp_path: Path,
) -> None:
    root = _site(tmp_path / "site")
    with (root / "site.toml").open("a") as toml:
        toml.write("per_page = 1\n")  # the home has two pages: only the first shows it
    previews, _site_built = _built(root)
    assert (root / "output" / "page" / "2" / "index.html").is_file()
    (root / "content" / "tram.md").write_text(NEW)
    shown = previews.show(["tram.md"])
    assert set(shown) == {
        "briefs/tram/index.html",
        "index.html",
        "languages/en/index.html",
    }
    home = previews.page("index.html")
    assert home is not None
    assert home.index(b"Tram line to the harbour") < home.index(b"Christmas market")
    story = previews.page("briefs/tram/index.html")
    assert story is not None
    assert b"every eight minutes" in story
    old = NEW.replace("2026-03-05", "2025-01-05").replace("slug: tram", "slug: old")
    (root / "content" / "old.md").write_text(old)
    assert set(previews.show(["old.md"])) == {"briefs/old/index.html"}  # not a front


def test_a_build_tells_browsers_a_preview_they_saw_is_gone(tmp_path: Path) -> None:
    """A build that read a later edit (so the page was written) while an older
    preview stood in front of it, then the build that drops that preview: browsers
    showing the preview must reload, though the second build writes nothing."""
    root = _site(tmp_path / "site")
    state = LiveState()
    rebuilder = Rebuilder(load_config(root / "site.toml"), state, lambda line: None)
    rebuilder.build()
    ferry = root / "content" / "ferry.md"
    ferry.write_text(FERRY.replace("winter", "first"))
    rebuilder.preview(frozenset({str(ferry)}))
    page = "briefs/ferry/index.html"
    shown = rebuilder.previews.page(page)
    assert shown is not None
    assert b"first timetable" in shown
    ferry.write_text(FERRY.replace("winter", "second"))
    rebuilder.previews.sequence = 0  # a build that began before that preview...
    rebuilder.build()  # ...but read the second edit
    rebuilder.previews.sequence = 1
    assert rebuilder.previews.page(page) == shown  # still in front
    generation = state.generation
    rebuilder.build()  # writes nothing, drops the preview
    assert rebuilder.previews.page(page) is None
    assert state.generation == generation + 1
    assert page in state.snapshot()["history"][-1][2]  # type: ignore[index]


def test_a_new_headline_is_previewed_on_the_front_pages_that_show_its_card(
    tmp_path: Path,
) -> None:
    root = _site(tmp_path / "site")
    previews, _site_built = _built(root)
    ferry = root / "content" / "ferry.md"
    retitled = "title: Ferry crews vote to end their strike"
    ferry.write_text(
        FERRY.replace("title: Ferry strike ends after nine days", retitled)
    )
    shown = previews.show(["ferry.md"])
    assert set(shown) == {
        "briefs/ferry/index.html",
        "index.html",
        "languages/en/index.html",
    }
    upto = previews.sequence
    assert build(load_config(root / "site.toml")).ok
    for path in shown:  # the preview showed what the full build then wrote
        page = previews.page(path)
        assert page is not None
        assert b"Ferry crews vote to end their strike" in page
        assert (root / "output" / path).read_bytes() == page, path
    assert set(previews.settle(upto)) == set(shown)


def test_each_new_headline_shows_on_the_home_page_however_many_came_before(
    tmp_path: Path,
) -> None:
    """Previews share one environment between full builds: a card rendered for an
    earlier preview must not stand in for a brief another preview changed."""
    root = _site(tmp_path / "site")
    previews, _site_built = _built(root)
    content = root / "content"
    for round_, (name, text, old) in enumerate(
        [
            ("ferry.md", FERRY, "Ferry strike ends after nine days"),
            ("market.md", MARKET, "Christmas market opens in Vaubrenne"),
            ("ferry.md", FERRY, "Ferry strike ends after nine days"),
        ]
    ):
        headline = f"Headline number {round_} of the day"
        (content / name).write_text(text.replace(old, headline))
        assert "index.html" in previews.show([name])
        home = previews.page("index.html")
        assert home is not None
        assert headline.encode() in home, round_


def test_a_deleted_story_leaves_the_front_pages_at_once(tmp_path: Path) -> None:
    root = _site(tmp_path / "site")
    previews, _site_built = _built(root)
    home = (root / "output" / "index.html").read_bytes()
    assert b"Christmas market opens in Vaubrenne" in home
    (root / "content" / "market.md").unlink()
    shown = previews.show([], ["market.md"])
    assert set(shown) == {"index.html", "languages/en/index.html"}
    for path in shown:
        page = previews.page(path)
        assert page is not None
        assert b"Christmas market opens in Vaubrenne" not in page
        assert b"Ferry strike ends after nine days" in page
    assert build(load_config(root / "site.toml")).ok
    assert b"Christmas market" not in (root / "output" / "index.html").read_bytes()


def test_a_deleted_article_of_a_story_told_twice_waits_for_the_build(
    tmp_path: Path,
) -> None:
    root = _site(tmp_path / "site")
    copy = FERRY.replace("slug: ferry\n", "").replace("03-01T08", "03-01T09")
    (root / "content" / "ferry-copy.md").write_text(copy)  # an hour later: a copy
    previews, site = _built(root)
    (story,) = [b.story for b in site.briefs if b.slug == "ferry"]
    assert [s.article.path for s in story.sources] == ["ferry-copy.md"]
    # Another source may become the canonical: only the full build can tell.
    assert previews.show([], ["ferry.md"]) == {}
    assert previews.show([], ["ferry-copy.md"]) == {}
