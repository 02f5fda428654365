"""What the command line shows: paths, path:line problems, progress bars, closing line.

Everything here returns text or a progress callback; cli.py does the printing, the only
module allowed to.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


def build_problems(
    report: BuildReport, content_dir: Path, shown_before: set[str] | None = None
) -> list[str]:
    """The build's errors, then its warnings, at most SHOWN_PER_KIND of each kind.

    A warning whose text is in ``shown_before`` is left out, and each shown one is
    added to it: serve tells a warning once, not after every rebuild.
    """
    lines = [
        problem(error.path, error.line, error.message, content_dir)
        for error in report.errors
    ]
    kinds: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    for warning in report.warnings:
        if shown_before is not None:
            if str(warning) in shown_before:
                continue
            shown_before.add(str(warning))
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


def counted(count: int, noun: str, plural: str = "") -> str:
    """``1 article``, ``2 articles``, ``3 stories`` (``plural`` when not noun+s)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def closing_line(report: BuildReport, output_dir: Path) -> str:
    """What a build did, each number saying what it counts.

    ``9 articles in 8 stories, 2 repeated passages removed; 81 pages and feeds,
    107 files in output/ (12 written, 0 removed); done in 1.1 s``
    """
    removed = report.removed_paragraphs + report.removed_sentences
    parts = [
        f"{counted(report.articles, 'article')} in"
        f" {counted(report.stories, 'story', 'stories')},"
        f" {counted(removed, 'repeated passage')} removed",
        f"{counted(report.pages, 'page and feed', 'pages and feeds')}",
    ]
    folder = shown(output_dir) + "/"
    stats = report.written
    if stats is not None:
        parts[-1] += (
            f", {counted(stats.files, 'file')} in {folder}"
            f" ({stats.written} written, {stats.removed} removed)"
        )
    else:
        parts.append(f"nothing written to {folder}")
    problems = []
    if report.errors:
        problems.append(f"{counted(len(report.errors), 'file')} skipped")
    if report.warnings:
        problems.append(counted(len(report.warnings), "warning"))
    if problems:
        parts.append(", ".join(problems))
    return "; ".join(parts) + f"; done in {report.seconds:.1f} s"


def analysis_lines(record: Mapping[str, Any], content_dir: Path) -> list[str]:
    """``analyze``'s reading form of one record: what was decided, a line each."""
    where = shown(record["path"], content_dir)
    title = record["title"] + (" (drafted)" if record["title_generated"] else "")
    lines = [f"{where}: {title}"]
    facts = [
        record["lang"],
        f"story {record['story']}",
        f"{record['word_count']} words",
    ]
    facts.append(f"dated {record['date'][:10]} ({record['date_source']})")
    if record["duplicate_of"]:
        original = shown(record["duplicate_of"], content_dir)
        facts.append(f"{record['duplicate_kind']} copy of {original}")
    lines.append("    " + ", ".join(facts))
    removed = record["removed"]
    if removed:
        at = ", ".join(str(r["line"]) for r in removed)
        what = counted(len(removed), "repeated passage")
        lines.append(
            f"    {what} removed ({'line' if len(removed) == 1 else 'lines'} {at})"
        )
    quality = record["quality"]
    judged = [
        f"{round(quality['compression'] * 100)}% of the article's words",
        f"redundancy {quality['redundancy']:.2f}",
        f"{round(quality['grounded'] * 100)}% of its names and numbers in the text",
    ]
    if not quality["same_language"]:
        judged.append("NOT in the article's language")
    lines.append("    summary: " + ", ".join(judged))
    return lines


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
