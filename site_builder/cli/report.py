"""What the command line shows: paths, path:line problems, progress bars, closing line.

Everything here returns text or a progress callback; cli.py does the printing, the only
module allowed to.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from site_builder.build import BuildReport
from site_builder.errors import BuildWarning
from site_builder.workers import StageProgress, no_stage_progress

SHOWN_PER_KIND = 5


def shown(path: Path | str | None, base: Path | None = None) -> str:
    """A path as the user can open it: relative to the current folder when inside it."""
    if path is None or path == "":
        return ""
    full = Path(path) if Path(path).is_absolute() or base is None else base / path
    try:
        return full.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return full.as_posix()


def problem(
    path: Path | str | None, line: int | None, message: str, base: Path | None
) -> str:
    where = shown(path, base)
    if where and line:
        where = f"{where}:{line}"
    return f"{where}: {message}" if where else message


def build_problems(report: BuildReport, content_dir: Path) -> list[str]:
    """The build's errors, then its warnings, at most SHOWN_PER_KIND of each kind."""
    lines = [
        problem(error.path, error.line, error.message, content_dir)
        for error in report.errors
    ]
    kinds: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    for warning in report.warnings:
        kind = _kind(warning)
        kinds[kind] += 1
        if kinds[kind] > SHOWN_PER_KIND:
            hidden[kind] += 1
            continue
        message = f"warning: {warning.message}"
        lines.append(problem(warning.path, warning.line, message, content_dir))
    lines.extend(
        f"... and {count} more warnings like: {kind}" for kind, count in hidden.items()
    )
    return lines


def _kind(warning: BuildWarning) -> str:
    return warning.message.split(";")[0][:60]


def closing_line(report: BuildReport) -> str:
    removed = report.removed_paragraphs + report.removed_sentences
    parts = [
        f"{report.articles} articles in {report.stories} stories",
        f"{removed} repeated passages removed",
    ]
    if report.written is not None:
        parts.append(f"{report.pages} pages ({report.written.written} changed)")
    else:
        parts.append("nothing written")
    if report.errors:
        parts.append(f"{len(report.errors)} skipped")
    if report.warnings:
        parts.append(f"{len(report.warnings)} warnings")
    return ", ".join(parts) + f" in {report.seconds:.1f} s"


@contextmanager
def stage_progress() -> Iterator[StageProgress]:
    """A progress bar per build stage on stderr when it is a terminal (it vanishes)."""
    if not sys.stderr.isatty():
        yield no_stage_progress
        return
    # rich only for a terminal: a build with nothing to do stays quick to start.
    from rich.console import Console
    from rich.progress import Progress, TaskID

    with Progress(transient=True, console=Console(stderr=True)) as bar:
        tasks: dict[str, TaskID] = {}

        def show(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        yield show


@contextmanager
def fetch_progress() -> Iterator[Callable[[int, int], None]]:
    """Ingest's one bar on stderr, drawn only when it is a terminal (it vanishes)."""
    from rich.console import Console  # rich only once ingest runs
    from rich.progress import Progress

    console = Console(stderr=True)
    quiet = not console.is_terminal
    with Progress(console=console, transient=True, disable=quiet) as bar:
        task = bar.add_task("fetching articles", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)
