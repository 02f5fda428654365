"""Writing: atomic swap, unchanged files keep their mtime, no path twice, no escape."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_builder.errors import SiteError
from site_builder.model import Rendered
from site_builder.write.files import listed
from site_builder.write.staging import build_lock, staging, write_site


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_output_is_replaced_by_exactly_the_new_files(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(out, [Rendered("a.html", b"A"), Rendered("old/b.html", b"B")])
    stats = write_site(out, [Rendered("a.html", b"A"), Rendered("c/index.html", b"C")])
    assert _tree(out) == {"a.html": b"A", "c/index.html": b"C"}
    assert (stats.written, stats.unchanged, stats.removed) == (1, 1, 1)
    assert [p.name for p in tmp_path.iterdir()] == ["output"], (
        "no staging folder is left"
    )


def test_unchanged_files_keep_their_mtime(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(out, [Rendered("same.html", b"same"), Rendered("diff.html", b"one")])
    os.utime(out / "same.html", (1_000_000, 1_000_000))
    os.utime(out / "diff.html", (1_000_000, 1_000_000))
    write_site(out, [Rendered("same.html", b"same"), Rendered("diff.html", b"two")])
    assert (out / "same.html").stat().st_mtime == 1_000_000
    assert (out / "diff.html").stat().st_mtime != 1_000_000


def test_a_failing_build_leaves_the_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(out, [Rendered("index.html", b"old")])

    def files() -> list[Rendered]:
        return [Rendered("index.html", b"new"), Rendered("index.html", b"again")]

    with pytest.raises(SiteError, match=r"two pages want to write 'index\.html'"):
        write_site(out, files())
    assert _tree(out) == {"index.html": b"old"}
    assert not list(tmp_path.glob(".output.staging-*"))


@pytest.mark.parametrize("path", ["../x.html", "/etc/x", "a/../../x", "a\\..\\x", ""])
def test_paths_that_leave_the_output_folder_are_refused(
    tmp_path: Path, path: str
) -> None:
    with pytest.raises(SiteError, match="refusing to write"):
        write_site(tmp_path / "output", [Rendered(path, b"x")])
    assert not (tmp_path / "x.html").exists()


def test_leftovers_of_a_killed_build_are_recovered(tmp_path: Path) -> None:
    out = tmp_path / "output"
    stale = tmp_path / ".output.staging-99999"
    stale.mkdir()
    (stale / "half.html").write_bytes(b"half")
    caught_mid_swap = tmp_path / ".output.old-99999"
    caught_mid_swap.mkdir()
    (caught_mid_swap / "index.html").write_bytes(b"previous")
    write_site(out, [Rendered("index.html", b"previous")])
    assert _tree(out) == {"index.html": b"previous"}
    assert not stale.exists()
    assert not caught_mid_swap.exists()


def test_two_builds_cannot_hold_the_lock(tmp_path: Path) -> None:
    out = tmp_path / "output"
    with (
        build_lock(out),
        pytest.raises(SiteError, match="another build"),
        build_lock(out),
    ):
        pass


def test_a_spare_folder_is_brought_up_to_date_never_written_through(
    tmp_path: Path,
) -> None:
    out, spare = tmp_path / "output", tmp_path / "cache" / "spare"
    sites = [
        {"a.html": b"A1", "b/index.html": b"B", "gone.html": b"G"},
        {"a.html": b"A2", "b/index.html": b"B", "b": b"", "c/d.html": b"D"},
        {"a.html": b"A2", "b/index.html": b"B2", "c": b"now a file"},
        {"a.html": b"A3", "c/d/e.html": b"E", "b/index.html": b"B2"},
    ]
    for site in sites:
        files = [Rendered(k, v) for k, v in site.items() if k != "b"]
        before = _tree(out) if out.exists() else {}
        write_site(out, files, spare)
        assert _tree(out) == {f.path: f.data for f in files}
        # The spare now holds the previous site; writing it again must not reach
        # output/'s files, which share inodes with it.
        assert _tree(spare) == before
    (spare / "junk").mkdir()
    (spare / "junk" / "x.html").write_bytes(b"junk")
    (spare / "a.html").unlink()
    write_site(out, [Rendered("a.html", b"A4"), Rendered("junk", b"file")], spare)
    assert _tree(out) == {"a.html": b"A4", "junk": b"file"}


def test_pages_written_by_forked_workers_land_on_commit_only(tmp_path: Path) -> None:
    import multiprocessing

    out = tmp_path / "output"
    write_site(out, [Rendered("index.html", b"old")])
    with staging(out, tmp_path / "spare") as site:
        chunks = [
            [Rendered(f"p{i}/{j}.html", b"%d" % j) for j in range(3)] for i in range(4)
        ]
        with multiprocessing.get_context("fork").Pool(2) as pool:
            for done in pool.map(site.fill, chunks):
                site.note(done)
        site.put([Rendered("index.html", b"old")])
        assert (out / "index.html").read_bytes() == b"old"
        assert not (out / "p0").exists(), "nothing shows before the commit"
        stats = site.commit()
    assert (stats.written, stats.unchanged) == (12, 1)
    assert (out / "p3" / "2.html").read_bytes() == b"2"


def test_an_uncommitted_staging_leaves_output_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "output"
    write_site(out, [Rendered("index.html", b"old")])
    with staging(out) as site:
        site.put([Rendered("index.html", b"new"), Rendered("more.html", b"x")])
        with pytest.raises(SiteError, match="two pages"):
            site.put([Rendered("more.html", b"y")])
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert (out / "index.html").read_bytes() == b"old"
    assert not list(tmp_path.glob(".output.staging-*"))


def test_a_recorded_spare_is_brought_up_to_date_without_a_walk(tmp_path: Path) -> None:
    out, spare = tmp_path / "output", tmp_path / "spare"
    sites = [
        {"a.html": b"A1", "b/index.html": b"B", "gone/x.html": b"G"},
        {"a.html": b"A2", "c/d.html": b"D", "b": b"now a file"},
        {"a.html": b"A3", "b/index.html": b"B3", "c/d/e.html": b"E"},
        {"z.html": b"Z"},
    ]
    known = None
    for site in sites:
        before = _tree(out) if out.exists() else {}
        with staging(out, spare, known) as stage:
            stage.put(Rendered(k, v) for k, v in site.items())
            stage.commit()
        assert _tree(out) == site
        assert _tree(spare) == before
        assert stage.spare_files == frozenset(before)
        known = stage.spare_files
    assert not [p for p in spare.rglob("*") if p.is_dir() and not any(p.iterdir())]


def test_the_output_listing_is_what_os_walk_finds(tmp_path: Path) -> None:
    """``write.files.listed``: every file at any depth; a link to a folder is
    neither listed nor followed, a link to a file is a file, as ``os.walk`` has it."""
    root = tmp_path / "output"
    for rel in ("index.html", "briefs/a/index.html", "briefs/b/index.html", "x/y/z"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text("no")
    os.symlink(outside, root / "linked")
    os.symlink(root / "index.html", root / "briefs" / "alias.html")
    (root / "empty").mkdir()
    walked = {
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    }
    assert sorted(listed(str(root))) == sorted(walked)
    assert "briefs/alias.html" in walked
    assert "linked/secret.html" not in walked
    assert listed(str(tmp_path / "missing")) == []
