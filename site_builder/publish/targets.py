"""Publish stage: output/ -> a target chosen by its URL scheme, with --dry-run.

``PUBLISHERS`` maps each scheme to the family that handles it (folder, git branch,
rsync mirror, S3 bucket); a plain path is a folder, or a git branch when it names a
bare repository. Every family plans first (added, changed, deleted); then the plan is
printed (--dry-run), refused (--max-deletes) or applied with a progress bar. A site
whose sitemap points to this machine (base_url left at localhost) is refused.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from site_builder.config import Config
from site_builder.errors import PublishError
from site_builder.publish.folder import folder_of, open_folder
from site_builder.publish.git import open_git
from site_builder.publish.plan import (
    Advance,
    Destination,
    LocalFile,
    Opener,
    Plan,
    check_deletes,
    human_size,
    redacted,
    scan,
)
from site_builder.publish.s3 import open_s3
from site_builder.publish.sync import is_remote_path, open_sync
from site_builder.site.address import local_address
from site_builder.write.staging import build_lock

# "file" is also a plain folder path; "" is rsync's [user@]host:path (over ssh).
PUBLISHERS: dict[str, Opener] = {
    "git+file": open_git,
    "git+ssh": open_git,
    "git+https": open_git,
    "git+http": open_git,
    "file": open_folder,
    "rsync": open_sync,
    "": open_sync,
    "s3": open_s3,
}
_LOC = re.compile(rb"<loc>\s*([^<\s]+)")


@dataclass(frozen=True, slots=True)
class PublishOptions:
    """The command line's choices."""

    dry_run: bool = False
    max_deletes: int | None = None  # None: half the target's files, at least 20
    endpoint_url: str | None = None
    force: bool = False  # publish a stale output/, or one built for localhost


@dataclass(frozen=True, slots=True)
class PublishReport:
    """What a publish did (or, for a dry run, would do)."""

    plan: Plan
    dry_run: bool
    seconds: float
    refusal: str = ""  # dry run only: why the real publish would be refused

    def lines(self) -> list[str]:
        """The dry run's listing, then the summary line."""
        target = redacted(self.plan.target)
        size = human_size(self.plan.upload_bytes)
        if not self.dry_run:
            return [
                f"published to {target}: {self.plan.counts()}"
                f" ({size} uploaded) in {self.seconds:.1f} s"
            ]
        summary = f"dry run for {target}: {self.plan.counts()} ({size} to upload)"
        if self.refusal:
            summary += f"; a real publish would stop: {self.refusal}"
        return [*self.plan.listing(), summary]


def scheme(target: str) -> str:
    """The target's URL scheme: "file" for a plain path, "" for ``host:path``."""
    if "://" in target:
        return target.split("://", 1)[0].lower()
    return "" if is_remote_path(target) else "file"


def bare_repository(target: str) -> str | None:
    """``git+file://PATH[#BRANCH]`` when a folder target (a path or ``file://``
    URL, ``#BRANCH`` allowed) is a bare git repository: mirroring files over its
    insides would ruin it, and a branch of it is what was meant."""
    if scheme(target) != "file":
        return None
    where, _, branch = target.partition("#")
    try:
        folder = folder_of(where)
    except PublishError:
        return None
    if not (
        (folder / "HEAD").is_file()
        and (folder / "objects").is_dir()
        and (folder / "refs").is_dir()
    ):
        return None
    return f"git+file://{folder}" + (f"#{branch}" if branch else "")


def publish(config: Config, target: str, options: PublishOptions) -> PublishReport:
    """Compare output/ with ``target``, then send what differs (unless dry run)."""
    started = time.perf_counter()
    target = bare_repository(target) or target
    opener = PUBLISHERS.get(scheme(target))
    if opener is None:
        known = ", ".join(f"{s}://" for s in sorted(PUBLISHERS) if s)
        raise PublishError(
            f"{redacted(target)}: unknown target; use a folder, host:path or {known}"
        )
    destination = Destination(
        target, config.output_dir, options.endpoint_url, config.cname
    )
    # The build lock keeps a build from swapping output/ while it is being sent.
    with build_lock(config.output_dir):
        local = ready_output(config, force=options.force)
        with opener(destination) as publisher:
            plan = publisher.plan(local)
            if options.dry_run:
                refusal = _refusal(plan, options.max_deletes)
                return PublishReport(plan, True, time.perf_counter() - started, refusal)
            check_deletes(plan, options.max_deletes)
            if not plan.empty:
                with progress_bar(plan.upload_bytes, redacted(target)) as advance:
                    publisher.apply(plan, advance)
    return PublishReport(plan, False, time.perf_counter() - started)


def _refusal(plan: Plan, max_deletes: int | None) -> str:
    try:
        check_deletes(plan, max_deletes)
    except PublishError as error:
        return error.message
    return ""


def ready_output(config: Config, force: bool = False) -> dict[str, LocalFile]:
    """output/'s files, refusing a missing, empty or (unless forced) stale folder."""
    output = config.output_dir
    name = _shown(output, config.root)
    if not output.is_dir():
        raise PublishError(f"{name}/ does not exist; run site-builder build first")
    local = scan(output)
    if not local:
        raise PublishError(f"{name}/ is empty; run site-builder build first")
    if force:
        return local
    newest = newest_source(config)
    if newest is not None and newest[0] > _built_at(output):
        raise PublishError(
            f"{name}/ is older than {_shown(newest[1], config.root)}; run site-builder"
            " build first (or pass --force to publish it as it is)"
        )
    local_url = _local_url(output / "sitemap.xml")
    if local_url:
        raise PublishError(
            f"{name}/sitemap.xml points to {local_url}, this machine: the sitemap,"
            " feeds and canonical links would send readers there; set base_url in"
            " site.toml to the site's public address (or build with --base-url URL)"
            " and build again (or pass --force to publish it as it is)"
        )
    return local


def _local_url(sitemap: Path) -> str:
    """The site (``scheme://host/``) of the first address in ``sitemap`` that
    points to this machine, or ""."""
    try:
        data = sitemap.read_bytes()
    except OSError:  # a theme without a sitemap: nothing to check
        return ""
    for found in _LOC.finditer(data):
        url = found.group(1).decode("utf-8", "replace")
        if local_address(url):
            parts = urlsplit(url)
            return f"{parts.scheme}://{parts.netloc}/"
    return ""


def newest_source(config: Config) -> tuple[float, Path] | None:
    """The most recently modified source file and its mtime (hidden files ignored)."""
    newest: tuple[float, Path] | None = None
    candidates: list[Path] = []
    if config.config_path is not None:
        candidates.append(config.config_path)
    for folder in (config.content_dir, config.templates_dir, config.static_dir):
        if folder.is_dir():
            candidates += folder.rglob("*")
    for path in candidates:
        if any(part.startswith(".") for part in path.parts[-1:]) or not path.is_file():
            continue
        mtime = path.stat().st_mtime
        if newest is None or mtime > newest[0]:
            newest = (mtime, path)
    return newest


def _built_at(output: Path) -> float:
    """When output/ was last built.

    Folders count as much as files: the build writes every folder anew but keeps
    unchanged files (and their old mtimes) as hard links.
    """
    return max(
        [output.stat().st_mtime, *(p.stat().st_mtime for p in output.rglob("*"))]
    )


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Advance]:
    """A transfer bar on stderr (only on a terminal); yields ``advance(bytes)``."""
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(
        *columns, console=console, transient=True, disable=not console.is_terminal
    ) as bar:
        task = bar.add_task(f"publishing to {label}", total=total or None)
        yield lambda sent: bar.advance(task, sent)


__all__ = ["PUBLISHERS", "PublishOptions", "PublishReport", "publish"]
