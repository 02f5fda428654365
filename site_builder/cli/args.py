"""The command line's vocabulary: verbs, their options, and the Config they select."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TypeAlias

from site_builder import __version__
from site_builder.config import Config, load_config

# argparse has no public name for what add_subparsers() returns.
Verbs: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def parser() -> argparse.ArgumentParser:
    """Every verb with its options; ``verb`` in the namespace names the one given."""
    top = argparse.ArgumentParser(
        prog="site-builder",
        description="Build a static briefing site from news articles.",
    )
    top.add_argument(
        "--version", action="version", version=f"site-builder {__version__}"
    )
    verbs = top.add_subparsers(dest="verb", required=True, metavar="COMMAND")
    # The order here is the order `site-builder --help` lists them in.
    _build_command(verbs)
    _analyze_command(verbs)
    _publish_command(verbs)
    _serve_command(verbs)
    _ingest_command(verbs)
    _enrich_command(verbs)
    new_cmd = verbs.add_parser("new", help="create a new site skeleton in DIR")
    new_cmd.add_argument("directory", type=Path, metavar="DIR")
    return top


def _build_command(verbs: Verbs) -> None:
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


def _analyze_command(verbs: Verbs) -> None:
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


def _publish_command(verbs: Verbs) -> None:
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


def _serve_command(verbs: Verbs) -> None:
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


def _ingest_command(verbs: Verbs) -> None:
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


def _enrich_command(verbs: Verbs) -> None:
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


def site_config(args: argparse.Namespace) -> Config:
    """The site's Config with --content and --output, when given, in place."""
    config = load_config(args.config)
    changes = {}
    if args.content is not None:
        changes["content_dir"] = args.content.resolve()
    if args.output is not None:
        changes["output_dir"] = args.output.resolve()
    if not changes:
        return config
    return replace(config, **changes)
