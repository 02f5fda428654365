"""The build cache: cached builds equal cold ones byte for byte; stale ones unused."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from site_builder.build import build
from site_builder.cache.folder import CACHE_DIR
from site_builder.config import Config, load_config
from site_builder.model import Page

HERE = Path(__file__).resolve().parent
BASIC = HERE / "sites" / "basic"


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(BASIC, site, ignore=shutil.ignore_patterns("expected"))
    return site


def _built(tmp_path: Path) -> tuple[Path, Config]:
    """A copy of the basic site, built once (the cache and spare folder filled)."""
    site = _site(tmp_path)
    config = load_config(site / "site.toml")
    build(config)
    return site, config


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
    }


def _cold_tree(site: Path) -> dict[str, bytes]:
    """What a build from nothing gives for the site as it is now."""
    fresh = site.parent / "cold"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("output", CACHE_DIR))
    for source in (site / "content").rglob("*"):  # keep mtimes: file-time dates
        target = fresh / "content" / source.relative_to(site / "content")
        if source.is_file():
            shutil.copystat(source, target)
    build(load_config(fresh / "site.toml"), use_cache=False)
    return _tree(fresh / "output")


def test_cached_builds_equal_cold_builds_after_edits(tmp_path: Path) -> None:
    site, config = _built(tmp_path)
    edited = site / "content" / "ferry-strike.md"
    edited.write_text(edited.read_text().replace("48 hours", "72 hours"))
    added = site / "content" / "new-brief.md"
    added.write_text(
        "---\ntitle: Harbour lights return\ndate: 2026-11-29T07:00:00Z\n---\n"
        "The harbour lights of Orlen were switched back on after repairs.\n"
    )
    (site / "content" / "untitled-library.md").unlink()
    report = build(config)
    assert report.written is not None
    assert report.written.written > 0
    assert _tree(site / "output") == _cold_tree(site)
    assert "72 hours" in (site / "output" / "feeds" / "atom.xml").read_text()


def test_a_rebuild_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    config = load_config(site / "site.toml")
    first = build(config)
    before = {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*")}
    again = build(config)
    assert again.written is not None
    assert again.written.written == 0
    assert (again.articles, again.pages) == (first.articles, first.pages)
    assert {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*")} == before


def test_a_template_change_is_never_served_from_the_cache(tmp_path: Path) -> None:
    site, config = _built(tmp_path)
    (site / "templates").mkdir()
    base = (HERE.parent / "templates" / "base.html").read_text()
    (site / "templates" / "base.html").write_text(
        base.replace("<main", "<!-- theme v2 -->\n<main")
    )
    build(config)
    assert "theme v2" in (site / "output" / "index.html").read_text()
    assert _tree(site / "output") == _cold_tree(site)


@pytest.mark.parametrize(
    ("template", "pages"),
    [
        ("brief.html", r"briefs/[^/]+/index\.html"),
        ("rss.xml", r"(.+/)?rss\.xml"),
        ("_macros.html", r".+\.html"),  # a partial: every page that may use it
    ],
)
def test_a_template_change_re_renders_only_the_pages_that_use_it(
    tmp_path: Path, template: str, pages: str
) -> None:
    site, config = _built(tmp_path)
    (site / "templates").mkdir()
    theme = (HERE.parent / "templates" / template).read_text()
    changed = (
        theme.replace("</channel>", "<!-- v2 --></channel>", 1)
        .replace("{% block main %}", "{% block main %}<!-- v2 -->", 1)
        .replace("{% endmacro %}", "<!-- v2 -->{% endmacro %}", 1)
    )
    assert changed != theme
    (site / "templates" / template).write_text(changed)
    report = build(config)
    assert report.written is not None
    assert report.written.changed, "the pages that use it were written again"
    assert all(re.fullmatch(pages, path) for path in report.written.changed)
    assert _tree(site / "output") == _cold_tree(site)


def test_an_edit_renders_only_the_pages_that_show_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder.render import pages as render
    from site_builder.write import pages as incremental

    site, config = _built(tmp_path)
    rendered: list[str] = []
    real_render = render.render_page

    def counting(config: object, env: object, page: Page) -> str:
        rendered.append(page.path)
        return real_render(config, env, page)  # type: ignore[arg-type]

    monkeypatch.setattr(incremental, "render_page", counting)
    edited = site / "content" / "ferry-strike.md"
    edited.write_text(edited.read_text().replace("48 hours", "72 hours"))
    report = build(config)
    assert rendered, "the edited article's pages are rendered again"
    briefs = {
        p.parent.relative_to(site / "output").as_posix() + "/index.html"
        for p in (site / "output" / "briefs").glob("*/index.html")
    }
    # The other briefs' pages are kept as they are (a related list may name it).
    assert len(briefs - set(rendered)) >= len(briefs) // 2, rendered
    assert len(rendered) < report.pages // 2, rendered
    assert _tree(site / "output") == _cold_tree(site)


def test_a_config_change_is_never_served_from_the_cache(tmp_path: Path) -> None:
    site = _site(tmp_path)
    build(load_config(site / "site.toml"))
    toml = site / "site.toml"
    toml.write_text(toml.read_text().replace("Golden briefing", "Renamed desk"))
    build(load_config(toml))
    assert "Renamed desk" in (site / "output" / "index.html").read_text()


def test_a_corrupt_cache_is_detected_and_recomputed(tmp_path: Path) -> None:
    site, config = _built(tmp_path)
    for cached in (site / CACHE_DIR).glob("*.pickle"):
        data = cached.read_bytes()
        cached.write_bytes(data[: len(data) // 2] + b"garbage")
    edited = site / "content" / "ferry-strike.md"
    edited.write_text(edited.read_text() + "\nA late update.\n")
    report = build(config)
    assert report.ok
    assert _tree(site / "output") == _cold_tree(site)


def test_output_files_deleted_by_hand_are_written_again(tmp_path: Path) -> None:
    site, config = _built(tmp_path)
    victim = next((site / "output" / "briefs").rglob("index.html"))
    victim.unlink()
    build(config)
    assert victim.is_file()
    assert _tree(site / "output") == _cold_tree(site)


def test_the_build_reports_its_progress_stage_by_stage(tmp_path: Path) -> None:
    site = _site(tmp_path)
    seen: dict[str, list[tuple[int, int]]] = {}

    def record(stage: str, done: int, total: int) -> None:
        seen.setdefault(stage, []).append((done, total))

    build(load_config(site / "site.toml"), progress=record)
    assert set(seen) == {"Reading", "Comparing", "Summarizing", "Rendering"}
    for steps in seen.values():
        assert steps[-1][0] == steps[-1][1], "each stage ends complete"
        assert [done for done, _ in steps] == sorted(done for done, _ in steps)


def test_an_override_naming_no_article_is_warned_in_cached_builds_too(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path)
    ferry = site / "content" / "ferry-strike.md"
    text = ferry.read_text(encoding="utf-8")
    ferry.write_text(text.replace("---\n", "---\nduplicate_of: gone.md\n", 1))
    for _ in range(2):  # cold, then from the cache
        report = build(load_config(site / "site.toml"))
        warned = [str(w) for w in report.warnings if "gone.md" in str(w)]
        assert len(warned) == 1, report.warnings
        assert "ferry-strike.md" in warned[0]


def test_an_entry_is_never_used_for_other_bytes_whatever_the_file_times(
    tmp_path: Path,
) -> None:
    site, config = _built(tmp_path)
    edited = site / "content" / "ferry-strike.md"
    times = edited.stat()
    text = edited.read_text()
    assert "48 hours" in text
    edited.write_text(text.replace("48 hours", "96 hours"))  # same size
    os.utime(edited, ns=(times.st_atime_ns, times.st_mtime_ns))  # same mtime
    assert edited.stat().st_size == times.st_size
    build(config)
    assert _tree(site / "output") == _cold_tree(site)
    assert b"96 hours" in b"".join(_tree(site / "output").values())


def test_a_file_touched_with_the_same_bytes_is_not_processed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder.cache import stages as incremental
    from site_builder.load import files as load

    site, config = _built(tmp_path)
    loaded: list[Path] = []
    real_load = load.load_file

    def counting(root: Path, path: Path, file_dates: bool = False) -> load.Loaded:
        loaded.append(path)
        return real_load(root, path, file_dates)

    monkeypatch.setattr(incremental, "load_file", counting)
    dated = site / "content" / "ferry-strike.md"  # its date is in its front matter
    assert "date:" in dated.read_text()
    dated.write_bytes(dated.read_bytes())  # new mtime and ctime, same bytes
    build(config)
    assert loaded == []
    shutil.rmtree(site / "output")  # a fresh clone with the cache restored, as in CI
    for path in (site / "content").iterdir():
        if "date:" in path.read_text():
            path.write_bytes(path.read_bytes())
    build(config)
    assert loaded == []
    assert _tree(site / "output") == _cold_tree(site)


def test_an_article_dated_by_its_file_time_follows_that_time(tmp_path: Path) -> None:
    site = _site(tmp_path)
    config = load_config(site / "site.toml")
    undated = site / "content" / "undated-note.txt"
    undated.write_text(
        "The Orlen tram depot reopened its visitor gallery on Saturday.\n\n"
        "Volunteers restored two carriages from 1931 over three winters.\n"
    )
    os.utime(undated, (1_700_000_000, 1_700_000_000))
    build(config)
    os.utime(undated, (1_750_000_000, 1_750_000_000))  # same bytes, a later time
    build(config)
    assert _tree(site / "output") == _cold_tree(site)


def test_a_build_killed_before_its_swap_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder.write import staging as write

    site, config = _built(tmp_path)
    build(config)  # the spare now holds a site, and its files are recorded
    extra = site / "content" / "extra-brief.md"
    extra.write_text(
        "---\ntitle: Night ferry timetable\ndate: 2026-11-20T07:00:00Z\n---\n"
        "The night ferry to Orlen keeps its winter timetable until March.\n"
    )

    def killed(self: write.Staging) -> write.WriteStats:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(write.Staging, "commit", killed)
        with pytest.raises(KeyboardInterrupt):
            build(config)  # its pages are in the spare folder, not in output/
    extra.unlink()
    build(config)
    assert _tree(site / "output") == _cold_tree(site)
    (site / "content" / "ferry-strike.md").touch()
    build(config)
    assert _tree(site / "output") == _cold_tree(site)
