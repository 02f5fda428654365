"""Publish to a git branch (GitHub or GitLab Pages): output/ as one new commit on it.

Targets: ``git+file:///path/repo.git#branch``, ``git+ssh://...#branch`` and
``git+https://...#branch`` (branch ``gh-pages`` when no ``#branch``); a plain path to
a bare repository is read as ``git+file://`` (targets.py). The commit is made
with plumbing in a throw-away repository (the branch's last commit fetched shallow,
blobs hashed, one tree written), so the user's own repository is never touched. The
branch keeps its history; a tree identical to the last one makes no commit. Adds
``.nojekyll`` (serve folders starting with ``_``) and ``CNAME`` from ``site.toml``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from site_builder.errors import PublishError
from site_builder.publish.plan import (
    Advance,
    Destination,
    LocalFile,
    Plan,
    make_plan,
    redacted,
)

DEFAULT_BRANCH = "gh-pages"
_IDENTITY = {
    "NAME": ("user.name", "site-builder"),
    "EMAIL": ("user.email", "site-builder@localhost"),
}


def split_target(url: str) -> tuple[str, str]:
    """``git+URL#branch`` -> (URL git understands, branch)."""
    remote, _, branch = url.removeprefix("git+").partition("#")
    branch = branch or DEFAULT_BRANCH
    if not urlsplit(remote).path.strip("/"):
        raise PublishError(f"{redacted(url)}: no repository path in the target")
    if branch.startswith("-") or " " in branch or ".." in branch:
        raise PublishError(f"{redacted(url)}: {branch!r} is not a branch name")
    return remote, branch


class GitPublisher:
    """output/ as the next commit of one branch, built in ``work``."""

    def __init__(self, destination: Destination, work: Path) -> None:
        if shutil.which("git") is None:
            raise PublishError("git targets need the git program; install git")
        self.remote, self.branch = split_target(destination.url)
        # Named with its branch, which the target may leave to the default.
        repository = redacted(destination.url).partition("#")[0]
        self.target = f"branch {self.branch} of {repository}"
        self.cname = destination.cname.strip()
        self.work = work
        self.env = {**os.environ, "GIT_INDEX_FILE": str(work / "index")}
        self.old: str | None = None  # the branch's last commit
        self.tree = ""

    def git(self, *args: str, data: bytes | None = None, what: str = "") -> str:
        """Run git in the throw-away repository; a failure names the target."""
        done = subprocess.run(
            ["git", "-C", str(self.work / "repo"), *args],
            input=data if data is not None else b"",
            capture_output=True,
            env=self.env,
            check=False,
        )
        if done.returncode != 0:
            detail = " / ".join(done.stderr.decode("utf-8", "replace").split("\n")[-6:])
            raise PublishError(
                f"{what or 'git ' + args[0]} failed for {self.target}:"
                f" {detail.strip(' /') or 'no message'}; running the same command"
                " again completes the publish"
            )
        return done.stdout.decode("utf-8", "surrogateescape")

    def plan(self, local: Mapping[str, LocalFile]) -> Plan:
        self.old = self._fetch_last()
        extras = self._extras(local)
        self.tree = self._write_tree(local, extras)
        everything = {**local, **extras}
        if self.old is None:
            return make_plan(self.target, everything, everything, (), ())
        status = self.git(
            "diff-tree",
            "-r",
            "-z",
            "--no-renames",
            "--name-status",
            f"{self.old}^{{tree}}",
            self.tree,
        )
        fields = status.split("\0")
        pairs = list(zip(fields[0::2], fields[1::2], strict=False))
        return make_plan(
            self.target,
            everything,
            added=[p for s, p in pairs if s == "A"],
            changed=[p for s, p in pairs if s in ("M", "T")],
            deleted=[p for s, p in pairs if s == "D"],
        )

    def _fetch_last(self) -> str | None:
        """The branch's last commit, fetched alone; None for a new branch."""
        (self.work / "repo").mkdir()
        self.git("init", "--quiet", what="git init")
        ref = f"refs/heads/{self.branch}"
        heads = self.git("ls-remote", self.remote, ref, what="reaching the repository")
        if any(line.endswith(f"\t{ref}") for line in heads.splitlines()):
            self.git(
                "fetch",
                "--quiet",
                "--depth=1",
                "--no-tags",
                self.remote,
                f"+{ref}:refs/publish/old",
                what="fetching the branch",
            )
            return self.git("rev-parse", "refs/publish/old").strip()
        return None

    def _extras(self, local: Mapping[str, LocalFile]) -> dict[str, LocalFile]:
        """.nojekyll and CNAME, unless output/ has its own."""
        wanted = {".nojekyll": b""}
        if self.cname:
            wanted["CNAME"] = self.cname.encode("utf-8") + b"\n"
        extras: dict[str, LocalFile] = {}
        for name, data in wanted.items():
            if name not in local:
                path = self.work / name
                path.write_bytes(data)
                extras[name] = LocalFile(name, path, len(data), "")
        return extras

    def _write_tree(self, *groups: Mapping[str, LocalFile]) -> str:
        files = [f for group in groups for f in group.values()]
        paths = "".join(f"{f.full}\n" for f in files).encode("utf-8", "surrogateescape")
        blobs = self.git(
            "hash-object",
            "-w",
            "--no-filters",
            "--stdin-paths",
            data=paths,
            what="hashing output/",
        ).split()
        index = "".join(
            f"100644 {blob}\t{f.path}\0" for f, blob in zip(files, blobs, strict=True)
        )
        self.git(
            "update-index",
            "--add",
            "-z",
            "--index-info",
            data=index.encode("utf-8", "surrogateescape"),
        )
        return self.git("write-tree").strip()

    def apply(self, plan: Plan, advance: Advance) -> None:
        parents = ["-p", self.old] if self.old else []
        message = f"Publish site: {plan.counts()}\n\nsite-builder publish"
        self.env.update(self._identity())
        commit = self.git("commit-tree", self.tree, *parents, "-m", message).strip()
        self.git(
            "push",
            "--quiet",
            self.remote,
            f"{commit}:refs/heads/{self.branch}",
            what="pushing the branch",
        )
        advance(plan.upload_bytes)

    def _identity(self) -> dict[str, str]:
        """A default author and committer where neither variables nor config set one."""
        missing: dict[str, str] = {}
        for key, (setting, default) in _IDENTITY.items():
            configured = (
                subprocess.run(
                    ["git", "-C", str(self.work / "repo"), "config", "--get", setting],
                    capture_output=True,
                    env=self.env,
                    check=False,
                ).returncode
                == 0
            )
            for role in ("AUTHOR", "COMMITTER"):
                variable = f"GIT_{role}_{key}"
                if not configured and variable not in os.environ:
                    missing[variable] = default
        return missing


@contextmanager
def open_git(destination: Destination) -> Iterator[GitPublisher]:
    with tempfile.TemporaryDirectory(prefix="site-builder-publish-") as work:
        yield GitPublisher(destination, Path(work))
