"""The command line's vocabulary: verbs, their options, and the Config they select.

Flags follow Hugo, Zola and MkDocs where they agree: ``-s/--source`` for the site's
folder (Hugo), ``-c/--config`` (Zola), ``-o/--output`` (Zola's ``-o``),
``-u/--base-url`` (Zola), ``-p/--port`` and ``-O/--open`` (Zola), ``-n/--dry-run``
(rsync, git). Paths given on the command line are read from the current folder.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import urlsplit

from site_builder import __version__
from site_builder.config import Config, load_config
from site_builder.errors import ConfigError

# argparse has no public name for what add_subparsers() returns.
Verbs: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

EPILOG = """\
A site is a folder holding site.toml, content/ (the articles) and, when you override
the theme, templates/ and static/. Every command reads the site in the current
folder, or the one -s names. `site-builder COMMAND --help` lists a command's options.
"""


def parser() -> argparse.ArgumentParser:
    """Every verb with its options; ``verb`` in the namespace names the one given."""
    top = argparse.ArgumentParser(
        prog="site-builder",
        description="Build a static briefing site from news articles.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument(
        "--version", action="version", version=f"site-builder {__version__}"
    )
    verbs = top.add_subparsers(
        dest="verb", required=True, metavar="COMMAND", title="commands, in order"
    )
    # The order here is the order `site-builder --help` lists them in: the order a
    # site meets them, from an empty folder to a published site.
    _new_command(verbs)
    _ingest_command(verbs)
    _enrich_command(verbs)
    _analyze_command(verbs)
    _build_command(verbs)
    _serve_command(verbs)
    _publish_command(verbs)
    return top


def _new_command(verbs: Verbs) -> None:
    new_cmd = verbs.add_parser(
        "new",
        help="create a site in DIR and build it",
        description="Create a site in DIR: site.toml with every option commented,"
        " content/ with one article, an empty templates/ for overrides; then build"
        " it into DIR/output/.",
    )
    new_cmd.add_argument(
        "directory", type=Path, metavar="DIR", help="folder to create (may exist empty)"
    )


def _ingest_command(verbs: Verbs) -> None:
    ingest_cmd = verbs.add_parser(
        "ingest", help="fetch pages, feeds or sitemaps into content/ as Markdown"
    )
    ingest_cmd.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="page, feed or sitemap URL or file"
    )
    _site_options(ingest_cmd, content=False)
    ingest_cmd.add_argument(
        "--into",
        type=Path,
        metavar="DIR",
        help="folder to write to (default: content/)",
    )
    ingest_cmd.add_argument(
        "--since",
        type=since_date,
        metavar="YYYY-MM-DD",
        help="skip feed entries published before this date (default: keep all)",
    )
    _dry_run(ingest_cmd, "list the files it would write; write nothing")
    for name, default, text in (
        ("--delay", 1.0, "pause between requests to one host"),
        ("--timeout", 15.0, "how long to wait for an answer"),
    ):
        ingest_cmd.add_argument(
            name, type=float, default=default, metavar="SECONDS",
            help=f"{text} (default: {default})",
        )  # fmt: skip


def _enrich_command(verbs: Verbs) -> None:
    enrich_cmd = verbs.add_parser(
        "enrich", help="write drafted titles, summaries, keywords into front matter"
    )
    enrich_cmd.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="articles or folders inside content/ (default: all of content/)",
    )
    _site_options(enrich_cmd)
    _dry_run(enrich_cmd, "print the diff it would apply; write nothing")


def _analyze_command(verbs: Verbs) -> None:
    analyze_cmd = verbs.add_parser(
        "analyze", help="show what the pipeline decides for each article; no writing"
    )
    analyze_cmd.add_argument(
        "directory",
        type=Path,
        nargs="?",
        metavar="DIR",
        help="content folder, or a site folder holding site.toml (default: content/)",
    )
    _site_options(analyze_cmd, content=False)
    analyze_cmd.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per line, with every field (default: a few lines per"
        " article, for reading)",
    )


def _build_command(verbs: Verbs) -> None:
    build_cmd = verbs.add_parser("build", help="build content/ into output/")
    _site_options(build_cmd, output=True)
    build_cmd.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on any error or warning"
    )
    build_cmd.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore .site-builder/ and build everything again (a cold build)",
    )


def _serve_command(verbs: Verbs) -> None:
    serve_cmd = verbs.add_parser(
        "serve", help="build, serve on 127.0.0.1, rebuild and reload on every change"
    )
    _site_options(serve_cmd, output=True)
    serve_cmd.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDRESS",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    serve_cmd.add_argument(
        "-p",
        "--port",
        type=int,
        default=8000,
        help="port to listen on (default: 8000; 0: any free one)",
    )
    serve_cmd.add_argument(
        "-O", "--open", action="store_true", help="open the site in a web browser"
    )


def _publish_command(verbs: Verbs) -> None:
    publish_cmd = verbs.add_parser(
        "publish", help="send output/ to a folder, rsync host, git branch or S3 bucket"
    )
    publish_cmd.add_argument(
        "target",
        metavar="TARGET",
        help="DIR, file:///DIR, rsync://HOST/MODULE/PATH, USER@HOST:PATH,"
        " git+file|ssh|https://REPO[#BRANCH] (a bare repository's path works too;"
        " branch gh-pages by default) or s3://BUCKET/PREFIX",
    )
    _site_options(publish_cmd, output=True, base_url=False)
    _dry_run(publish_cmd, "list what would change; send nothing")
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
        "--force",
        action="store_true",
        help="publish even if output/ is older than the sources or points to localhost",
    )


def _site_options(
    command: argparse.ArgumentParser,
    content: bool = True,
    output: bool = False,
    base_url: bool | None = None,
) -> None:
    """Where the site is: its folder, its site.toml, and the folders it overrides."""
    command.add_argument(
        "-s",
        "--source",
        type=Path,
        metavar="DIR",
        help="the site's folder, holding site.toml (default: the current folder)",
    )
    command.add_argument(
        "-c",
        "--config",
        type=Path,
        metavar="FILE",
        help="site.toml to use (default: site.toml in the site's folder)",
    )
    if content:
        command.add_argument(
            "--content",
            type=Path,
            metavar="DIR",
            help="folder of articles (default: content/ in the site's folder)",
        )
    if output:
        command.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="DIR",
            help="folder of the built site (default: output/ in the site's folder)",
        )
    if base_url if base_url is not None else output:
        command.add_argument(
            "-u",
            "--base-url",
            type=public_url,
            metavar="URL",
            help="the site's public address, instead of site.toml's base_url",
        )


def _dry_run(command: argparse.ArgumentParser, text: str) -> None:
    command.add_argument("-n", "--dry-run", action="store_true", help=text)


def since_date(text: str) -> datetime:
    """``--since``: an ISO 8601 date or time; a usage error (exit 2) otherwise."""
    from site_builder.ingest.sources import iso_date  # ingest only when asked

    try:
        return iso_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD (2026-11-29)"
        ) from None


def public_url(text: str) -> str:
    """``--base-url``: an http(s) address with a host, ending in ``/``."""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an http(s) address; write https://news.example.org/"
        )
    return text if text.endswith("/") else text + "/"


def overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The Config fields the command line sets, whatever site.toml says."""
    changes: dict[str, Any] = {}
    for option, name in (("content", "content_dir"), ("output", "output_dir")):
        value = getattr(args, option, None)
        if value is not None:
            changes[name] = value.resolve()
    if getattr(args, "base_url", None) is not None:
        changes["base_url"] = args.base_url
    return changes


def site_config(args: argparse.Namespace) -> Config:
    """The site's Config: site.toml from -c, or in -s's folder (or the current
    one), with what the command line overrides in place."""
    source: Path | None = args.source
    if source is not None and not source.is_dir():
        raise ConfigError(f"{source}: no such folder; -s names the site's folder")
    config = load_config(args.config, root=source)
    changes = overrides(args)
    return replace(config, **changes) if changes else config
