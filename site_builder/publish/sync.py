"""Publish to a folder or an rsync host: the rsync program mirrors output/ there.

Targets: ``file:///path``, a plain folder path, ``rsync://host[:port]/module/path`` and
``[user@]host:path`` (over ssh). One ``rsync --dry-run`` makes the plan; the real run
sends files into place at the end (``--delay-updates``) and deletes last, so a visitor
never gets a page whose assets are missing. rsync compares checksums, so an interrupted
publish resumes where it stopped when run again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_builder.errors import PublishError
from site_builder.publish.plan import Advance, Destination, LocalFile, Plan, make_plan

_OPTIONS = [
    "--recursive",
    "--times",
    "--omit-dir-times",  # the target folder may belong to someone else (a web server)
    "--checksum",
    "--perms",
    "--chmod=D0755,F0644",  # readable by the web server, whatever the local umask
    "--delete",
    "--delete-delay",
    "--delay-updates",
    "--mkpath",
    "--8-bit-output",
    "--timeout=120",
    "--out-format=%i %n",
]
_CODE = 11  # width of rsync's itemized change code ("%i")


@dataclass(frozen=True, slots=True)
class Itemized:
    """What rsync says it does to one file."""

    path: str
    added: bool
    changed: bool
    deleted: bool


def rsync_destination(target: str) -> str:
    """The destination rsync understands, always ending in ``/`` (the folder itself)."""
    if target.startswith("file://"):
        parts = urlsplit(target)
        if parts.netloc not in ("", "localhost"):
            raise PublishError(f"file:// targets are local; got host {parts.netloc!r}")
        target = unquote(parts.path)
    return target if target.endswith("/") else target + "/"


def _local_folder(destination: str) -> Path | None:
    """The local folder of ``destination``, or None when rsync would go remote."""
    if destination.startswith("rsync://"):
        return None
    head = destination.split("/", 1)[0]
    if ":" in head:  # host:path, as rsync reads it
        return None
    return Path(destination).resolve()


def check_not_overlapping(destination: str, output_dir: Path) -> None:
    """Refuse to mirror output/ onto itself, into itself, or over the site around it."""
    folder = _local_folder(destination)
    if folder is None:
        return
    output = output_dir.resolve()
    if folder == output or folder in output.parents or output in folder.parents:
        raise PublishError(
            f"the target folder {folder} overlaps the output folder; mirroring there"
            " would delete the site's own files: choose a folder outside it"
        )


class SyncPublisher:
    """output/ mirrored to one rsync destination."""

    def __init__(self, target: str, output_dir: Path) -> None:
        if shutil.which("rsync") is None:
            raise PublishError(
                "this target needs the rsync program: apt-get install rsync"
            )
        self.target = target
        self.destination = rsync_destination(target)
        self.output_dir = output_dir
        check_not_overlapping(self.destination, output_dir)
        folder = _local_folder(self.destination)
        if folder is not None:  # rsync's --mkpath fails on paths holding ".."
            self.destination = f"{folder}/"

    def _command(self, dry_run: bool) -> list[str]:
        command = ["rsync", *_OPTIONS]
        if self.destination.startswith("rsync://"):
            command.append("--contimeout=20")
        if dry_run:
            command.append("--dry-run")
        return [*command, "--", f"{self.output_dir}/", self.destination]

    def plan(self, local: Mapping[str, LocalFile]) -> Plan:
        items = list(self._run(self._command(dry_run=True)))
        return make_plan(
            self.target,
            local,
            added=[i.path for i in items if i.added],
            changed=[i.path for i in items if i.changed],
            deleted=[i.path for i in items if i.deleted],
        )

    def apply(self, plan: Plan, advance: Advance) -> None:
        sizes = {c.path: c.size for c in (*plan.added, *plan.changed)}
        for item in self._run(self._command(dry_run=False)):
            advance(sizes.get(item.path, 0))

    def _run(self, command: list[str]) -> Iterator[Itemized]:
        """Run rsync and yield the files it reports, as it reports them."""
        env = {**os.environ, "LC_ALL": "C"}
        with subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
        ) as process:
            assert process.stdout is not None
            assert process.stderr is not None
            for raw in process.stdout:
                item = parse_itemized(raw.decode("utf-8", "surrogateescape"))
                if item is not None:
                    yield item
            errors = process.stderr.read().decode("utf-8", "replace")
            code = process.wait()
        if code != 0:
            raise PublishError(_failure(code, errors, self.target))


def parse_itemized(line: str) -> Itemized | None:
    """One line of ``--out-format='%i %n'``, or None for directories and chatter."""
    line = line.rstrip("\n")
    code, path = line[:_CODE], line[_CODE + 1 :]
    if not path or path.endswith("/"):
        return None
    if code.startswith("*deleting"):
        return Itemized(path, added=False, changed=False, deleted=True)
    if len(code) != _CODE or code[1] != "f" or code[0] not in "<>":
        return None  # not a file, or only times or permissions touched
    new = code[2:] == "+" * (_CODE - 2)
    return Itemized(path, added=new, changed=not new, deleted=False)


# rsync's exit codes that mean "could not reach or talk to the target".
_UNREACHABLE = {5, 10, 12, 30, 35, 255}


def _failure(code: int, errors: str, target: str) -> str:
    detail = " / ".join(line.strip() for line in errors.splitlines() if line.strip())
    detail = detail[-600:] or "no message"
    what = "cannot reach" if code in _UNREACHABLE else "rsync failed for"
    return (
        f"{what} {target} (rsync exit {code}: {detail}); files already sent stay,"
        " and running the same command again completes the publish"
    )


@contextmanager
def open_sync(destination: Destination) -> Iterator[SyncPublisher]:
    yield SyncPublisher(destination.url, destination.output_dir)
