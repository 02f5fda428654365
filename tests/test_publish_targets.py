"""Publish to real targets on 127.0.0.1: bare git repo, nginx, rsync daemon, s3rver.

The tools come from scripts/test-tools.sh; each test starts its own servers.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from publish_fixtures import (
    PAGES,
    free_port,
    make_site,
    nginx,
    rsync_daemon,
    s3rver,
    tool,
    tree,
)

from site_builder.errors import PublishError
from site_builder.publish.plan import Destination
from site_builder.publish.s3 import open_s3
from site_builder.publish.targets import PublishOptions, publish, ready_output

GO = PublishOptions()
EDITED = {
    **{k: v for k, v in PAGES.items() if not k.startswith("briefs/ferry-strike/")},
    "index.html": b"<!doctype html><title>Home</title><p>New front page</p>\n",
    "briefs/new-story/index.html": b"<!doctype html><title>New story</title>\n",
}


def git(*args: str) -> str:
    done = subprocess.run(
        [tool("git"), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user.name anywhere: publish must bring its own identity."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "home" / "gitconfig"))
    for role in ("AUTHOR", "COMMITTER"):
        for key in ("NAME", "EMAIL"):
            monkeypatch.delenv(f"GIT_{role}_{key}", raising=False)


def _checkout(remote: Path, branch: str, where: Path) -> dict[str, bytes]:
    git("clone", "--quiet", "--branch", branch, str(remote), str(where))
    files = tree(where)
    return {k: v for k, v in files.items() if not k.startswith(".git/")}


@pytest.mark.usefixtures("no_git_identity")
def test_git_branch_gets_one_commit_per_change_and_keeps_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path / "site", toml='cname = "news.example.org"\n')
    git("init", "--quiet", str(site.root))  # the user's own repository
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote))
    target = f"git+file://{remote}#pages"

    first = publish(site.config, target, GO)
    assert first.lines()[-1].startswith(
        f"published to branch pages of git+file://{remote}: {len(PAGES) + 2} added"
    )
    extras = {".nojekyll": b"", "CNAME": b"news.example.org\n"}
    assert _checkout(remote, "pages", tmp_path / "c1") == {**PAGES, **extras}
    assert len(first.plan.added) == len(PAGES) + 2
    head = git("-C", str(remote), "rev-parse", "pages")
    author = git("-C", str(remote), "log", "-1", "--format=%an <%ae>|%cn", "pages")
    assert author == "site-builder <site-builder@localhost>|site-builder"

    again = publish(site.config, target, GO)
    assert again.plan.empty
    assert git("-C", str(remote), "rev-parse", "pages") == head, "no empty commit"

    site.build(EDITED)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Desk Editor")
    third = publish(site.config, target, GO)
    assert (len(third.plan.added), len(third.plan.changed)) == (1, 1)
    assert [c.path for c in third.plan.deleted] == ["briefs/ferry-strike/index.html"]
    assert _checkout(remote, "pages", tmp_path / "c2") == {**EDITED, **extras}
    log = git("-C", str(remote), "log", "--format=%an|%P", "pages").splitlines()
    assert log == [f"Desk Editor|{head}", "site-builder|"]
    assert git("-C", str(site.root), "status", "--porcelain", "--untracked=no") == ""
    assert git("-C", str(site.root), "for-each-ref") == "", "user's repo untouched"


@pytest.mark.usefixtures("no_git_identity")
def test_git_push_refused_is_reported_and_a_rerun_completes(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote))
    marker = tmp_path / "refuse"
    marker.touch()
    hook = remote / "hooks" / "pre-receive"
    hook.write_text(
        f'#!/bin/sh\nif [ -e "{marker}" ]; then echo "denied by the test hook"'
        " >&2; exit 1; fi\n"
    )
    hook.chmod(0o755)
    target = f"git+file://{remote}"
    with pytest.raises(PublishError) as caught:
        publish(site.config, target, GO)
    message = caught.value.message
    assert message.startswith(
        f"pushing the branch failed for branch gh-pages of {target}:"
    )
    assert "denied by the test hook" in message
    assert message.endswith("running the same command again completes the publish")
    marker.unlink()
    publish(site.config, target, GO)
    assert _checkout(remote, "gh-pages", tmp_path / "c") == {**PAGES, ".nojekyll": b""}


@pytest.mark.usefixtures("no_git_identity")
def test_a_bare_repository_path_is_published_as_a_branch(tmp_path: Path) -> None:
    """`publish /srv/site.git` commits to its gh-pages branch (and says so); the
    repository's own files are never mirrored over."""
    site = make_site(tmp_path / "site")
    remote = tmp_path / "site.git"
    git("init", "--quiet", "--bare", str(remote))
    insides = tree(remote)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "site_builder", "publish", *args]
        return subprocess.run(
            command, cwd=site.root, capture_output=True, text=True, check=False
        )

    dry = cli(str(remote), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    *listing, summary = dry.stdout.splitlines()
    assert "add     .nojekyll (0 B)" in listing
    assert not any("HEAD" in line or "hooks/" in line for line in listing)
    assert summary.startswith(
        f"dry run for branch gh-pages of git+file://{remote}: {len(PAGES) + 1} added"
    )
    assert tree(remote) == insides
    sent = cli(str(remote))
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.startswith(
        f"published to branch gh-pages of git+file://{remote}:"
    )
    assert _checkout(remote, "gh-pages", tmp_path / "c1") == {
        **PAGES,
        ".nojekyll": b"",
    }
    assert git("-C", str(remote), "rev-parse", "--is-bare-repository") == "true"
    named = cli(f"file://{remote}#live")
    assert named.stdout.startswith(f"published to branch live of git+file://{remote}:")
    assert _checkout(remote, "live", tmp_path / "c2") == {**PAGES, ".nojekyll": b""}


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_folder_served_by_nginx_gets_new_pages_and_loses_removed_ones(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path / "site")
    www = tmp_path / "www"
    publish(site.config, f"file://{www}", GO)
    with nginx(www, tmp_path / "nginx") as base:
        assert _get(f"{base}/briefs/ferry-strike/") == (
            200,
            PAGES["briefs/ferry-strike/index.html"],
        )
        cafe = quote("briefs/caf\u00e9-prices/")
        assert _get(f"{base}/{cafe}") == (
            200,
            PAGES["briefs/caf\u00e9-prices/index.html"],
        )
        assert _get(f"{base}/briefs/new-story/")[0] == 404
        site.build(EDITED)
        publish(site.config, f"file://{www}", GO)
        assert _get(f"{base}/briefs/new-story/") == (
            200,
            EDITED["briefs/new-story/index.html"],
        )
        assert _get(f"{base}/")[1] == EDITED["index.html"]
        assert _get(f"{base}/briefs/ferry-strike/")[0] == 404
    assert tree(www) == EDITED


def test_rsync_daemon_mirrors_output(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    served = tmp_path / "served"
    served.mkdir()
    with rsync_daemon(served, tmp_path / "rsyncd") as base:
        target = f"{base}/site/news"
        first = publish(site.config, target, GO)
        assert tree(served / "news") == PAGES
        assert len(first.plan.added) == len(PAGES)
        assert publish(site.config, target, GO).plan.empty
        site.build(EDITED)
        third = publish(site.config, target, GO)
        assert tree(served / "news") == EDITED
        assert (len(third.plan.added), len(third.plan.changed)) == (1, 1)
        assert len(third.plan.deleted) == 1
        with pytest.raises(PublishError) as caught:
            publish(site.config, f"{base}/nope/news", GO)
        assert caught.value.message.startswith(f"cannot reach {base}/nope/news")
        assert "Unknown module 'nope'" in caught.value.message


@pytest.fixture
def s3_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """s3rver's fixed keys, and nothing from this machine's AWS files."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "S3RVER")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "S3RVER")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-creds"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # a stopped server fails at once
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)


def _on_disk(data: Path, prefix: str) -> dict[str, bytes]:
    """The objects s3rver stores under ``site/prefix``, read from its folder."""
    root = data / "site" / prefix
    suffix = "._S3rver_object"
    return {
        p.relative_to(root).as_posix().removesuffix(suffix): p.read_bytes()
        for p in root.rglob(f"*{suffix}")
    }


def _client(endpoint: str) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.session.Session().client(
        "s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"})
    )


@pytest.mark.usefixtures("s3_env")
def test_s3_holds_exact_objects_with_types_and_sends_only_changes(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path / "site")
    data = tmp_path / "s3"
    with s3rver(data) as endpoint:
        options = PublishOptions(endpoint_url=endpoint)
        first = publish(site.config, "s3://site/news", options)
        assert _on_disk(data, "news") == PAGES
        assert len(first.plan.added) == len(PAGES)
        assert "S3RVER" not in "\n".join(first.lines())
        client = _client(endpoint)
        expected = {
            "index.html": ("text/html; charset=utf-8", "public, max-age=300"),
            "feeds/atom.xml": ("application/atom+xml", "public, max-age=300"),
            "feeds/feed.json": ("application/feed+json", "public, max-age=300"),
            "static/style.css": ("text/css; charset=utf-8", "public, max-age=86400"),
            "static/logo.svg": ("image/svg+xml", "public, max-age=86400"),
        }
        for path, (kind, cache) in expected.items():
            head = client.head_object(Bucket="site", Key=f"news/{path}")
            assert (head["ContentType"], head["CacheControl"]) == (kind, cache), path

        second = publish(site.config, "s3://site/news", options)
        assert (second.plan.added, second.plan.changed, second.plan.deleted) == (
            (),
            (),
            (),
        )
        assert re.fullmatch(
            rf"published to s3://site/news: 0 added, 0 changed, 0 deleted,"
            rf" {len(PAGES)} unchanged \(0 B uploaded\) in \d+\.\d s",
            second.lines()[0],
        )

        site.build(EDITED)
        third = publish(site.config, "s3://site/news/", options)
        assert _on_disk(data, "news") == EDITED
        assert [c.path for c in third.plan.changed] == ["index.html"]
        assert [c.path for c in third.plan.added] == ["briefs/new-story/index.html"]


@pytest.mark.usefixtures("s3_env")
def test_s3_failure_halfway_is_reported_and_a_rerun_completes(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    data = tmp_path / "s3"
    port = free_port()
    with ExitStack() as server:
        endpoint = server.enter_context(s3rver(data, port))
        destination = Destination("s3://site/half", site.output, endpoint)
        sent: list[int] = []

        def stop_after_first(size: int) -> None:
            sent.append(size)
            server.close()  # the store goes away in the middle of the upload

        with open_s3(destination) as publisher:
            plan = publisher.plan(ready_output(site.config))
            with pytest.raises(PublishError) as caught:
                publisher.apply(plan, stop_after_first)
    assert len(sent) == 1
    message = caught.value.message
    assert message.startswith("uploading ")
    assert " to s3://site/half failed: " in message
    assert message.endswith("running the same command again completes the publish")
    assert len(_on_disk(data, "half")) == 1

    with s3rver(data, port) as endpoint:
        rerun = publish(
            site.config, "s3://site/half", PublishOptions(endpoint_url=endpoint)
        )
    assert len(rerun.plan.added) == len(PAGES) - 1
    assert rerun.plan.unchanged == 1
    assert _on_disk(data, "half") == PAGES
