"""Publish: dispatch, plan, guards (stale, empty, max-deletes, overlap), folders."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from publish_fixtures import PAGES, make_site, tree

from site_builder.errors import PublishError, SiteError
from site_builder.publish.folder import folder_of
from site_builder.publish.git import split_target as split_git
from site_builder.publish.plan import Change, Plan, check_deletes, redacted
from site_builder.publish.s3 import cache_control, content_type
from site_builder.publish.s3 import split_target as split_s3
from site_builder.publish.sync import parse_itemized, rsync_destination
from site_builder.publish.targets import PUBLISHERS, PublishOptions, publish, scheme
from site_builder.write.staging import build_lock

DRY = PublishOptions(dry_run=True)
GO = PublishOptions()


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/srv/www", "publish.folder"),
        ("relative/folder", "publish.folder"),
        ("a:b/folder", "publish.sync"),  # rsync reads host:path, as ssh does
        ("deploy@example.org:/srv/www", "publish.sync"),
        ("file:///srv/www", "publish.folder"),
        ("rsync://host/module/path", "publish.sync"),
        ("git+file:///tmp/repo.git#gh-pages", "publish.git"),
        ("git+ssh://git@example.org/a/b.git#pages", "publish.git"),
        ("git+https://example.org/a/b.git", "publish.git"),
        ("s3://bucket/prefix", "publish.s3"),
        ("S3://bucket", "publish.s3"),
    ],
)
def test_the_scheme_picks_the_publisher(target: str, expected: str) -> None:
    assert PUBLISHERS[scheme(target)].__module__ == f"site_builder.{expected}"


def test_an_unknown_scheme_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    with pytest.raises(PublishError) as caught:
        publish(site.config, "ftp://user:secret@host/x", GO)
    assert "unknown target" in caught.value.message
    assert "s3://" in caught.value.message
    assert "secret" not in caught.value.message


def test_targets_are_split_and_secrets_redacted() -> None:
    assert split_git("git+file:///tmp/r.git#main") == ("file:///tmp/r.git", "main")
    assert split_git("git+https://h/r.git") == ("https://h/r.git", "gh-pages")
    with pytest.raises(PublishError):
        split_git("git+https://h/r.git#--upload-pack=evil")
    assert split_s3("s3://bucket/a/b/") == ("bucket", "a/b/")
    assert split_s3("s3://bucket") == ("bucket", "")
    assert redacted("git+https://me:tok3n@h/r.git") == "git+https://me:***@h/r.git"
    assert folder_of("file:///srv/my%20site") == Path("/srv/my site")
    with pytest.raises(PublishError, match="file:// targets are local"):
        folder_of("file://elsewhere/srv")
    assert rsync_destination("host:www") == "host:www/"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (">f+++++++++ briefs/a/index.html", ("briefs/a/index.html", "added")),
        (">fcs....... index.html", ("index.html", "changed")),
        ("<f.s....... static/style.css", ("static/style.css", "changed")),
        ("*deleting   old page.html", ("old page.html", "deleted")),
        (".f..t...... same.html", None),  # only the time was set
        ("cd+++++++++ briefs/", None),
        ("*deleting   briefs/gone/", None),
        ("created directory /srv/www", None),
    ],
)
def test_rsync_itemized_lines(line: str, expected: tuple[str, str] | None) -> None:
    item = parse_itemized(line + "\n")
    if expected is None:
        assert item is None
        return
    assert item is not None
    kind = "added" if item.added else "changed" if item.changed else "deleted"
    assert (item.path, kind) == expected


@pytest.mark.parametrize(
    ("path", "data", "expected"),
    [
        ("index.html", b"<html>", "text/html; charset=utf-8"),
        ("feeds/atom.xml", PAGES["feeds/atom.xml"], "application/atom+xml"),
        ("feeds/rss.xml", PAGES["feeds/rss.xml"], "application/rss+xml"),
        ("feeds/feed.json", PAGES["feeds/feed.json"], "application/feed+json"),
        ("pagefind/pagefind-entry.json", b"{}", "application/json"),
        ("sitemap.xml", PAGES["sitemap.xml"], "application/xml"),
        ("static/style.css", b"", "text/css; charset=utf-8"),
        ("static/app.js", b"", "application/javascript"),
        ("static/logo.svg", b"", "image/svg+xml"),
        ("static/font.woff2", b"", "font/woff2"),
        ("pagefind/fragment/en_1.pf_fragment", b"\x1f", "application/octet-stream"),
    ],
)
def test_content_types(path: str, data: bytes, expected: str) -> None:
    assert content_type(path, data) == expected


def test_cache_control_is_short_for_pages_and_long_for_assets() -> None:
    assert cache_control("index.html") == "public, max-age=300"
    assert cache_control("feeds/atom.xml") == "public, max-age=300"
    assert cache_control("pagefind/pagefind-entry.json") == "public, max-age=300"
    assert cache_control("static/style.css") == "public, max-age=86400"
    assert "immutable" in cache_control("pagefind/fragment/en_3f2a9c1.pf_fragment")
    assert "immutable" in cache_control("static/app.1a2b3c4d5e.js")


def test_output_missing_or_empty_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    site.build({})
    with pytest.raises(PublishError, match=r"output/ is empty; run site-builder build"):
        publish(site.config, str(tmp_path / "www"), GO)
    site.output.rmdir()
    with pytest.raises(PublishError, match=r"output/ does not exist"):
        publish(site.config, str(tmp_path / "www"), GO)
    assert not (tmp_path / "www").exists()


def test_output_older_than_a_source_is_refused_unless_forced(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    edited = site.root / "content" / "story.md"
    later = time.time() + 60
    os.utime(edited, (later, later))
    with pytest.raises(PublishError) as caught:
        publish(site.config, str(tmp_path / "www"), GO)
    assert caught.value.message.startswith(
        "output/ is older than content/story.md; run site-builder build first"
    )
    assert not (tmp_path / "www").exists()
    publish(site.config, str(tmp_path / "www"), PublishOptions(force=True))
    assert tree(tmp_path / "www") == PAGES


def test_a_folder_mirrors_output_and_a_second_publish_sends_nothing(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path / "site")
    www = tmp_path / "deep" / "www"
    first = publish(site.config, f"file://{www}", GO)
    assert tree(www) == PAGES
    assert (len(first.plan.added), first.plan.unchanged) == (len(PAGES), 0)
    assert first.plan.upload_bytes == sum(len(d) for d in PAGES.values())
    assert os.stat(www / "index.html").st_mode & 0o777 == 0o644
    again = publish(site.config, f"file://{www}", GO)
    assert again.plan.empty
    assert again.plan.unchanged == len(PAGES)
    assert again.lines()[-1].startswith(
        f"published to file://{www}: 0 added, 0 changed, 0 deleted, {len(PAGES)}"
        " unchanged (0 B uploaded) in "
    )


def test_dry_run_lists_the_plan_and_changes_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    www = tmp_path / "www"
    publish(site.config, str(www), GO)
    pages = {k: v for k, v in PAGES.items() if k != "feeds/rss.xml"}
    pages["index.html"] = b"<p>new front page</p>"
    pages["briefs/new/index.html"] = b"<p>new brief</p>"
    site.build(pages)
    report = publish(site.config, str(www), DRY)
    assert report.lines()[:-1] == [
        "add     briefs/new/index.html (16 B)",
        "change  index.html (21 B)",
        "delete  feeds/rss.xml",
    ]
    assert report.lines()[-1] == (
        f"dry run for {www}: 1 added, 1 changed, 1 deleted,"
        f" {len(PAGES) - 2} unchanged (37 B to upload)"
    )
    assert tree(www) == PAGES
    publish(site.config, str(www), GO)
    assert tree(www) == pages


def test_too_many_deletes_are_refused_and_nothing_changes(tmp_path: Path) -> None:
    many = {f"briefs/b{i}/index.html": b"x%d" % i for i in range(50)}
    site = make_site(tmp_path / "site", {**many, "index.html": b"home"})
    www = tmp_path / "www"
    publish(site.config, str(www), GO)
    site.build({"index.html": b"home, almost empty"})
    with pytest.raises(PublishError) as caught:
        publish(site.config, str(www), GO)
    assert "refusing to delete 50 of the 51 files" in caught.value.message
    assert "--max-deletes 50" in caught.value.message
    assert tree(www)["index.html"] == b"home", "a refused publish sends nothing"
    dry = publish(site.config, str(www), DRY)
    assert "a real publish would stop: refusing to delete 50" in dry.lines()[-1]
    with pytest.raises(PublishError, match="the limit is 49"):
        publish(site.config, str(www), PublishOptions(max_deletes=49))
    publish(site.config, str(www), PublishOptions(max_deletes=50))
    assert tree(www) == {"index.html": b"home, almost empty"}


def test_the_default_limit_allows_half_the_target_and_at_least_20() -> None:
    def plan(deleted: int, unchanged: int) -> Plan:
        gone = tuple(Change(f"{i}.html", 0) for i in range(deleted))
        return Plan("t", (), (), gone, unchanged)

    check_deletes(plan(20, 0), None)
    check_deletes(plan(50, 50), None)
    with pytest.raises(PublishError):
        check_deletes(plan(21, 0), None)
    with pytest.raises(PublishError):
        check_deletes(plan(51, 49), None)
    with pytest.raises(PublishError):
        check_deletes(plan(1, 100), 0)


@pytest.mark.parametrize("where", [".", "output", "output/sub", ".."])
def test_a_folder_overlapping_the_site_is_refused(tmp_path: Path, where: str) -> None:
    site = make_site(tmp_path / "site")
    (site.root / ".output.lock").touch()  # publish holds the build lock
    before = tree(tmp_path)
    with pytest.raises(PublishError, match="overlaps the output folder"):
        publish(site.config, str(site.root / where), GO)
    assert tree(tmp_path) == before


def test_publish_waits_for_no_build_holding_the_output(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    with build_lock(site.output), pytest.raises(SiteError, match="another build"):
        publish(site.config, str(tmp_path / "www"), GO)
    assert not (tmp_path / "www").exists()


def test_output_option_is_what_gets_published(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "only.html").write_bytes(b"only")
    config = replace(site.config, output_dir=other)
    publish(config, str(tmp_path / "www"), GO)
    assert tree(tmp_path / "www") == {"only.html": b"only"}


def test_cli_publish_prints_the_summary_and_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder.cli.main import main

    site = make_site(tmp_path / "site")
    monkeypatch.chdir(site.root)
    www = tmp_path / "www"
    assert main(["publish", str(www), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith(f"dry run for {www}: {len(PAGES)} added, 0 changed")
    assert not www.exists()
    assert main(["publish", str(www)]) == 0
    assert capsys.readouterr().out.startswith(f"published to {www}: {len(PAGES)} added")
    assert tree(www) == PAGES
    os.utime("site.toml")
    assert main(["publish", str(www)]) == 1
    assert capsys.readouterr().err == (
        "output/ is older than site.toml; run site-builder build first"
        " (or pass --force to publish it as it is)\n"
    )
    assert main(["publish", str(www), "--force", "--max-deletes", "0"]) == 0


def test_a_folder_is_published_with_python_alone(tmp_path: Path) -> None:
    """No rsync, no git on PATH: a folder target still works (a fresh machine)."""
    site = make_site(tmp_path / "site")
    empty = tmp_path / "no-tools"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    www = tmp_path / "www"
    command = [sys.executable, "-m", "site_builder", "publish", str(www)]
    done = subprocess.run(
        command, cwd=site.root, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"published to {www}: {len(PAGES)} added,")
    assert tree(www) == PAGES
    for path in www.rglob("*"):
        wanted = 0o755 if path.is_dir() else 0o644
        assert path.stat().st_mode & 0o777 == wanted, path
    built = site.output / "static" / "style.css"
    assert (www / "static" / "style.css").stat().st_mtime_ns == built.stat().st_mtime_ns


def test_a_folder_target_never_follows_links_and_keeps_its_git(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_bytes(b"not the site's")
    www = tmp_path / "www"
    (www / ".git").mkdir(parents=True)  # a checked-out repository
    (www / ".git" / "config").write_bytes(b"[core]\n")
    (www / "briefs").symlink_to(outside)  # a link where a folder goes
    (www / "index.html").mkdir()  # a folder where a file goes
    (www / "index.html" / "old.html").write_bytes(b"old")
    (www / "feeds").write_bytes(b"a file where a folder goes")
    (www / "static").mkdir()
    (www / "static" / "style.css").symlink_to(outside / "keep.txt")
    (www / "gone" / "deep").mkdir(parents=True)
    (www / "gone" / "deep" / "page.html").write_bytes(b"removed from the site")
    (www / ".site-builder-publish" / "x").mkdir(parents=True)  # an earlier stop
    plan = publish(site.config, str(www), DRY).plan
    assert [c.path for c in plan.deleted] == [
        "briefs",
        "feeds",
        "gone/deep/page.html",
        "index.html/old.html",
    ]
    assert [c.path for c in plan.changed] == ["static/style.css"]
    publish(site.config, str(www), GO)
    assert {k: v for k, v in tree(www).items() if not k.startswith(".git/")} == PAGES
    assert (www / ".git" / "config").read_bytes() == b"[core]\n"
    assert tree(outside) == {"keep.txt": b"not the site's"}
    assert not (www / "gone").exists()
    assert not (www / ".site-builder-publish").exists()
    assert not (www / "briefs").is_symlink()
    assert publish(site.config, str(www), GO).plan.empty


def test_a_sitemap_pointing_to_this_machine_is_refused_unless_forced(
    tmp_path: Path,
) -> None:
    for base, refused in (
        ("http://localhost:8000/", True),
        ("http://127.0.0.1:1313/news/", True),
        ("http://[::1]/", True),
        ("https://news.example.org/", False),
    ):
        sitemap = f"<urlset><url><loc>{base}</loc></url></urlset>\n".encode()
        site = make_site(tmp_path / base.split("/")[2].strip("[]:").replace(":", "-"))
        site.build({**PAGES, "sitemap.xml": sitemap})
        www = site.root.parent / f"www-{site.root.name}"
        if refused:
            with pytest.raises(PublishError, match=r"sitemap.xml points to http://"):
                publish(site.config, str(www), GO)
            assert not www.exists()
        report = publish(site.config, str(www), PublishOptions(force=refused))
        assert report.plan.added, base


def test_a_folder_that_cannot_be_written_is_reported_not_raised(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path / "site")
    taken = tmp_path / "www"
    taken.write_bytes(b"a file, not a folder")
    with pytest.raises(PublishError, match=r"www is a file, not a folder"):
        publish(site.config, str(taken), GO)
    (tmp_path / "blocked").write_bytes(b"a file where the parent folder goes")
    with pytest.raises(PublishError) as caught:
        publish(site.config, str(tmp_path / "blocked" / "www"), GO)
    assert caught.value.message.startswith(f"writing to {tmp_path}/blocked/www failed")
    assert caught.value.message.endswith(
        "running the same command again completes the publish"
    )
