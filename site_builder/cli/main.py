"""Command line: parse arguments, run one function per verb, print path:line problems.

Exit codes: 0 success; 1 content errors under --strict, or nothing could be built;
2 usage or configuration errors. The verbs and their options are in args.py, the
wording of what is shown in report.py; the printing is all here.
"""

from __future__ import annotations

import argparse
import errno
import json
import sys
import threading
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from site_builder.build import BuildReport, build
from site_builder.cli.args import overrides, parser, site_config
from site_builder.cli.report import (
    analysis_lines,
    build_problems,
    closing_line,
    fetch_progress,
    problem,
    shown,
    stage_progress,
)
from site_builder.cli.skeleton import create_site
from site_builder.config import Config, load_config
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
    return _build_site(site_config(args), strict=args.strict, cache=not args.no_cache)


def _build_site(config: Config, strict: bool = False, cache: bool = True) -> int:
    with stage_progress() as progress:
        report = build(config, strict=strict, use_cache=cache, progress=progress)
    _print_report(report, config)
    return 0 if report.ok else 1


def _print_report(
    report: BuildReport, config: Config, shown_before: set[str] | None = None
) -> None:
    """The build's problems, then its closing line: on stdout when the site was
    written, unless serving (serve's stdout holds only its address)."""
    for line in build_problems(report, config.content_dir, shown_before):
        print(line, file=sys.stderr)
    closing = closing_line(report, config.output_dir)
    quiet = not report.ok or shown_before is not None
    print(closing, file=sys.stderr if quiet else sys.stdout, flush=True)


def _new(args: argparse.Namespace) -> int:
    created = create_site(args.directory)
    where = shown(created)
    print(f"created {where}/: site.toml, content/welcome.md, templates/")
    code = _build_site(load_config(created / "site.toml"))
    if code == 0:
        print(
            f"open {where}/output/index.html in a browser, or run:"
            f" cd {where} && site-builder serve --open"
        )
    return code


def _analyze(args: argparse.Namespace) -> int:
    from site_builder.analyze import analyze  # the stages: only when analyzing

    directory: Path | None = args.directory
    if (
        args.config is None
        and directory is not None
        and (directory / "site.toml").is_file()
    ):
        args.source = directory  # DIR is a whole site
        directory = None
    config = site_config(args)
    if directory is not None:
        config = replace(config, content_dir=directory.resolve())
    records, problems = analyze(config)
    for line in problems:
        print(line, file=sys.stderr)
    for record in records:
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            print("\n".join(analysis_lines(record, config.content_dir)))
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
    seen: set[str] = set()  # warnings are shown once, not after every rebuild
    try:
        server = DevServer(
            config,
            args.host,
            args.port,
            log=lambda line: print(line, file=sys.stderr, flush=True),
            built=lambda report, used: _print_report(report, used, seen),
            overrides=overrides(args),
        )
    except OSError as error:
        print(_cannot_listen(args.host, args.port, error), file=sys.stderr)
        return 2
    with server:
        print(f"serving {server.url} (Ctrl+C to stop)", flush=True)
        if args.open:
            _open_browser(server.url)
        try:
            server.wait()
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
    return 0


def _cannot_listen(host: str, port: int, error: OSError) -> str:
    message = f"cannot listen on {host}:{port}: {error.strerror}"
    if error.errno == errno.EADDRINUSE:
        message += (
            "; another program (another serve?) uses this port:"
            " pass --port 0 for any free one, or -p with another number"
        )
    return message


def _open_browser(url: str) -> None:
    """Open ``url`` without waiting for the browser (some launchers block)."""
    local = url.replace("//0.0.0.0:", "//127.0.0.1:").replace("//[::]:", "//[::1]:")
    threading.Thread(target=webbrowser.open, args=(local,), daemon=True).start()


def _enrich(args: argparse.Namespace) -> int:
    from site_builder.enrich.files import Status, enrich

    config = site_config(args)
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
    from site_builder.ingest.sources import IngestOptions, ingest

    config = site_config(args)
    fetch = FetchOptions(timeout=args.timeout, delay=max(0.0, args.delay))
    options = IngestOptions(since=args.since, dry_run=args.dry_run, fetch=fetch)
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


# One runner per verb of args.parser(), chosen by its name through a plain dict:
# the parser stays free of this module's functions, and the verbs are listed once here.
RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _new,
    "ingest": _ingest,
    "enrich": _enrich,
    "analyze": _analyze,
    "build": _build,
    "serve": _serve,
    "publish": _publish,
}
