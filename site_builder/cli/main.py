"""Command line: parse arguments, run one function per verb, print path:line problems.

Exit codes: 0 success; 1 content errors under --strict, or nothing could be built;
2 usage or configuration errors. The verbs and their options are in cli_args.py, the
wording of what is shown in cli_report.py; the printing is all here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace

from site_builder.build import build
from site_builder.cli.args import parser, site_config
from site_builder.cli.report import (
    build_problems,
    closing_line,
    fetch_progress,
    problem,
    shown,
    stage_progress,
)
from site_builder.cli.skeleton import create_site
from site_builder.config import load_config
from site_builder.errors import ConfigError, SiteError

__all__ = ["main", "shown"]


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(RUNNERS[args.verb](args))
    except ConfigError as error:
        print(problem(error.path, error.line, error.message, None), file=sys.stderr)
        return 2
    except SiteError as error:
        print(problem(error.path, error.line, error.message, None), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _build(args: argparse.Namespace) -> int:
    config = site_config(args)
    with stage_progress() as progress:
        report = build(
            config, strict=args.strict, use_cache=not args.no_cache, progress=progress
        )
    for line in build_problems(report, config.content_dir):
        print(line, file=sys.stderr)
    print(closing_line(report), file=sys.stderr if not report.ok else sys.stdout)
    if not report.ok:
        return 1
    return 0


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
    for line in problems:
        print(line, file=sys.stderr)
    for record in records:
        print(json.dumps(record, ensure_ascii=False))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from site_builder.serve.server import (  # watchdog only when serving
        DevServer,
        is_loopback,
    )

    config = site_config(args)
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
    from site_builder.enrich.files import Status, enrich

    config = load_config(args.config)
    if args.content is not None:
        config = replace(config, content_dir=args.content.resolve())
    report = enrich(config, args.paths or None, args.dry_run)
    base = config.content_dir
    for error in report.errors:
        print(problem(error.path, error.line, error.message, base), file=sys.stderr)
    for outcome in report.outcomes:
        print(outcome.diff, end="")
        if outcome.kept:
            message = f"kept, edited by hand: {', '.join(outcome.kept)}"
            print(problem(outcome.path, None, message, base), file=sys.stderr)
        if outcome.status in (Status.CHANGED, Status.REFUSED):
            message = outcome.message or outcome.status.value
            print(problem(outcome.path, outcome.line, message, base), file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


def _publish(args: argparse.Namespace) -> int:
    from site_builder.publish.targets import PublishOptions, publish

    options = PublishOptions(
        dry_run=args.dry_run,
        max_deletes=args.max_deletes,
        endpoint_url=args.endpoint_url,
        force=args.force,
    )
    for line in publish(site_config(args), args.target, options).lines():
        print(line)
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from site_builder.ingest.fetch import FetchOptions
    from site_builder.ingest.sources import IngestOptions, ingest, iso_date

    config = load_config(args.config)
    try:
        since = iso_date(args.since) if args.since else None
    except ValueError:
        print(f"--since {args.since!r}: write a date (2026-11-29)", file=sys.stderr)
        return 2
    fetch = FetchOptions(timeout=args.timeout, delay=max(0.0, args.delay))
    options = IngestOptions(since=since, dry_run=args.dry_run, fetch=fetch)
    into = (args.into or config.content_dir).resolve()
    cache = config.root / ".site-builder" / "http"
    with fetch_progress() as progress:
        report = ingest(args.sources, into, cache, options, progress=progress)
    for outcome in report.outcomes:
        if outcome.status in ("failed", "skipped"):
            line = f"{outcome.source}: {outcome.status}: {outcome.message}"
            print(line, file=sys.stderr)
        elif outcome.path and args.dry_run:
            print(f"would write {shown(into / outcome.path)}")
    print(report.summary())
    return 1 if report.count("failed") else 0


# One runner per verb of cli_args.parser(), chosen by its name through a plain dict:
# the parser stays free of this module's functions, and the verbs are listed once here.
RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _build,
    "analyze": _analyze,
    "publish": _publish,
    "serve": _serve,
    "ingest": _ingest,
    "enrich": _enrich,
    "new": _new,
}
