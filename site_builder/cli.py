"""Command line: parse arguments, run one function per verb, print path:line problems.

Exit codes: 0 success; 1 content errors under --strict, or nothing could be built;
2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from site_builder import __version__
from site_builder.build import BuildReport, StageProgress, build, no_stage_progress
from site_builder.config import Config, load_config
from site_builder.errors import BuildWarning, ConfigError, SiteError
from site_builder.skeleton import create_site

SHOWN_PER_KIND = 5


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except ConfigError as error:
        print(_problem(error.path, error.line, error.message, None), file=sys.stderr)
        return 2
    except SiteError as error:
        print(_problem(error.path, error.line, error.message, None), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-builder",
        description="Build a static briefing site from news articles.",
    )
    parser.add_argument(
        "--version", action="version", version=f"site-builder {__version__}"
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="COMMAND")

    build_cmd = verbs.add_parser("build", help="build content/ into output/")
    _site_options(build_cmd)
    build_cmd.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on any error or warning"
    )
    build_cmd.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore .site-builder/ and build everything again (a cold build)",
    )
    build_cmd.set_defaults(run=_build)

    analyze_cmd = verbs.add_parser(
        "analyze",
        help="print what the pipeline decides for each article; writes nothing",
    )
    analyze_cmd.add_argument(
        "directory",
        type=Path,
        nargs="?",
        metavar="DIR",
        help="content folder (default: content/)",
    )
    analyze_cmd.add_argument(
        "--json",
        action="store_true",
        help="JSON Lines, one object per article (the default)",
    )
    analyze_cmd.add_argument("--config", type=Path, help="site.toml to use")
    analyze_cmd.set_defaults(run=_analyze)

    publish_cmd = verbs.add_parser(
        "publish", help="send output/ to a folder, rsync host, git branch or S3 bucket"
    )
    publish_cmd.add_argument(
        "target",
        metavar="TARGET",
        help="DIR, file:///DIR, rsync://HOST/MODULE/PATH, USER@HOST:PATH,"
        " git+file|ssh|https://REPO#BRANCH or s3://BUCKET/PREFIX",
    )
    _site_options(publish_cmd)
    publish_cmd.add_argument(
        "--dry-run", action="store_true", help="list what would change; send nothing"
    )
    publish_cmd.add_argument(
        "--max-deletes",
        type=int,
        metavar="N",
        help="refuse to delete more than N files (default: half the target's, min 20)",
    )
    publish_cmd.add_argument(
        "--endpoint-url",
        metavar="URL",
        help="S3-compatible store to use instead of AWS",
    )
    publish_cmd.add_argument(
        "--force", action="store_true", help="publish even if output/ looks stale"
    )
    publish_cmd.set_defaults(run=_publish)

    serve_cmd = verbs.add_parser(
        "serve", help="build, serve on 127.0.0.1, rebuild and reload browsers on change"
    )
    _site_options(serve_cmd)
    serve_cmd.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve_cmd.add_argument(
        "--port", type=int, default=8000, help="port (default: 8000; 0: a free one)"
    )
    serve_cmd.set_defaults(run=_serve)

    ingest_cmd = verbs.add_parser(
        "ingest", help="fetch pages, feeds or sitemaps into content/ as Markdown"
    )
    ingest_cmd.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="page, feed or sitemap URL or file"
    )
    ingest_cmd.add_argument(
        "--into", type=Path, help="folder to write to (default: the site's content/)"
    )
    ingest_cmd.add_argument("--config", type=Path, help="site.toml to use")
    ingest_cmd.add_argument(
        "--since", metavar="DATE", help="skip feed entries older than DATE (2026-11-29)"
    )
    ingest_cmd.add_argument(
        "--dry-run", action="store_true", help="list the files it would write"
    )
    ingest_cmd.add_argument(
        "--delay", type=float, default=1.0, help="seconds between requests to a host"
    )
    ingest_cmd.add_argument(
        "--timeout", type=float, default=15.0, help="seconds to wait for an answer"
    )
    ingest_cmd.set_defaults(run=_ingest)

    enrich_cmd = verbs.add_parser(
        "enrich",
        help="write drafted titles, summaries and keywords into content/ front matter",
    )
    enrich_cmd.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="articles or folders inside content/ (default: all of content/)",
    )
    enrich_cmd.add_argument(
        "--dry-run", action="store_true", help="print the diff it would apply"
    )
    enrich_cmd.add_argument("--config", type=Path, help="site.toml to use")
    enrich_cmd.add_argument(
        "--content", type=Path, help="folder of articles (default: content/)"
    )
    enrich_cmd.set_defaults(run=_enrich)

    new_cmd = verbs.add_parser("new", help="create a new site skeleton in DIR")
    new_cmd.add_argument("directory", type=Path, metavar="DIR")
    new_cmd.set_defaults(run=_new)
    return parser


def _site_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--config", type=Path, help="site.toml to use (default: ./site.toml)"
    )
    command.add_argument(
        "--content", type=Path, help="folder of articles (default: content/)"
    )
    command.add_argument(
        "--output", type=Path, help="folder to write (default: output/)"
    )


def _config(args: argparse.Namespace) -> Config:
    config = load_config(args.config)
    changes = {}
    if args.content is not None:
        changes["content_dir"] = args.content.resolve()
    if args.output is not None:
        changes["output_dir"] = args.output.resolve()
    if not changes:
        return config
    return replace(config, **changes)


def _build(args: argparse.Namespace) -> int:
    config = _config(args)
    with _progress_bar() as progress:
        report = build(
            config, strict=args.strict, use_cache=not args.no_cache, progress=progress
        )
    _print_problems(report, config.content_dir)
    print(_closing_line(report), file=sys.stderr if not report.ok else sys.stdout)
    if not report.ok:
        return 1
    return 0


def shown(path: Path | str | None, base: Path | None = None) -> str:
    """A path as the user can open it: relative to the current folder when inside it."""
    if path is None or path == "":
        return ""
    full = Path(path) if Path(path).is_absolute() or base is None else base / path
    try:
        return full.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return full.as_posix()


def _problem(
    path: Path | str | None, line: int | None, message: str, base: Path | None
) -> str:
    where = shown(path, base)
    if where and line:
        where = f"{where}:{line}"
    return f"{where}: {message}" if where else message


@contextmanager
def _progress_bar() -> Iterator[StageProgress]:
    """A progress bar on stderr when it is a terminal (it vanishes when done)."""
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


def _print_problems(report: BuildReport, content_dir: Path) -> None:
    for error in report.errors:
        print(
            _problem(error.path, error.line, error.message, content_dir),
            file=sys.stderr,
        )
    kinds: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    for warning in report.warnings:
        kind = _kind(warning)
        kinds[kind] += 1
        if kinds[kind] > SHOWN_PER_KIND:
            hidden[kind] += 1
            continue
        message = f"warning: {warning.message}"
        print(
            _problem(warning.path, warning.line, message, content_dir), file=sys.stderr
        )
    for kind, count in hidden.items():
        print(f"... and {count} more warnings like: {kind}", file=sys.stderr)


def _kind(warning: BuildWarning) -> str:
    return warning.message.split(";")[0][:60]


def _closing_line(report: BuildReport) -> str:
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


def _analyze(args: argparse.Namespace) -> int:
    from site_builder.analyze import analyze  # the stages: only when analyzing

    directory = args.directory
    if (
        args.config is None
        and directory is not None
        and (directory / "site.toml").is_file()
    ):
        config = load_config(directory / "site.toml")  # DIR is a whole site
    else:
        config = load_config(args.config)
        if directory is not None:
            config = replace(config, content_dir=directory.resolve())
    records, problems = analyze(config)
    for problem in problems:
        print(problem, file=sys.stderr)
    for record in records:
        print(json.dumps(record, ensure_ascii=False))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from site_builder.serve import DevServer, is_loopback  # watchdog only when serving

    config = _config(args)
    if not is_loopback(args.host):
        print(
            f"warning: listening on {args.host}: other machines can read this site "
            "and its drafts; use the default 127.0.0.1 unless you mean it",
            file=sys.stderr,
        )
    try:
        server = DevServer(
            config, args.host, args.port, log=lambda line: print(line, file=sys.stderr)
        )
    except OSError as error:
        where = f"{args.host}:{args.port}"
        print(f"cannot listen on {where}: {error.strerror}", file=sys.stderr)
        return 2
    with server:
        print(f"serving {server.url} (Ctrl+C to stop)", flush=True)
        try:
            server.wait()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
    return 0


def _new(args: argparse.Namespace) -> int:
    created = create_site(args.directory)
    print(f"created {created}; now run: cd {created} && site-builder build")
    return 0


def _enrich(args: argparse.Namespace) -> int:
    from site_builder.enrich import Status, enrich

    config = load_config(args.config)
    if args.content is not None:
        config = replace(config, content_dir=args.content.resolve())
    report = enrich(config, args.paths or None, args.dry_run)
    base = config.content_dir
    for error in report.errors:
        print(_problem(error.path, error.line, error.message, base), file=sys.stderr)
    for outcome in report.outcomes:
        print(outcome.diff, end="")
        if outcome.kept:
            message = f"kept, edited by hand: {', '.join(outcome.kept)}"
            print(_problem(outcome.path, None, message, base), file=sys.stderr)
        if outcome.status in (Status.CHANGED, Status.REFUSED):
            message = outcome.message or outcome.status.value
            print(_problem(outcome.path, outcome.line, message, base), file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


def _publish(args: argparse.Namespace) -> int:
    from site_builder.publish import PublishOptions, publish

    options = PublishOptions(
        dry_run=args.dry_run,
        max_deletes=args.max_deletes,
        endpoint_url=args.endpoint_url,
        force=args.force,
    )
    for line in publish(_config(args), args.target, options).lines():
        print(line)
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import Progress

    from site_builder.fetch import FetchOptions
    from site_builder.ingest import IngestOptions, ingest, iso_date

    config = load_config(args.config)
    try:
        since = iso_date(args.since) if args.since else None
    except ValueError:
        print(f"--since {args.since!r}: write a date (2026-11-29)", file=sys.stderr)
        return 2
    fetch = FetchOptions(timeout=args.timeout, delay=max(0.0, args.delay))
    options = IngestOptions(since=since, dry_run=args.dry_run, fetch=fetch)
    into = (args.into or config.content_dir).resolve()
    console = Console(stderr=True)
    quiet = not console.is_terminal
    with Progress(console=console, transient=True, disable=quiet) as bar:
        task = bar.add_task("fetching articles", total=None)
        report = ingest(
            args.sources,
            into,
            config.root / ".site-builder" / "http",
            options,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    for outcome in report.outcomes:
        if outcome.status in ("failed", "skipped"):
            line = f"{outcome.source}: {outcome.status}: {outcome.message}"
            print(line, file=sys.stderr)
        elif outcome.path and args.dry_run:
            print(f"would write {shown(into / outcome.path)}")
    print(report.summary())
    return 1 if report.count("failed") else 0
