"""Publish to an rsync host: the rsync program mirrors output/ there.

Targets: ``rsync://host[:port]/module/path`` (an rsync daemon) and ``[user@]host:path``
(over ssh); a folder of this machine needs no rsync (folder.py). A ``.git`` at the
top of the target is left alone. One ``rsync --dry-run`` makes the plan; the real run
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
    "--exclude=/.git",  # a checked-out repository at the target keeps its history
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


def is_remote_path(target: str) -> bool:
    """Whether ``target`` is ``[user@]host:path``, as rsync reads it (no ``://``)."""
    return "://" not in target and ":" in target.split("/", 1)[0]


def rsync_destination(target: str) -> str:
    """The destination rsync understands, always ending in ``/`` (the folder itself)."""
    return target if target.endswith("/") else target + "/"


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
