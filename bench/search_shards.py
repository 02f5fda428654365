"""Search shards: what each layout of the Pagefind index costs an edit and a reader.

    python -m bench.search_shards index OUTPUT --workdir W --layouts date:250,hash:1000
    python -m bench.search_shards browse W --runs 5 [--layouts ...] [--json FILE]

``index`` reads the story pages of a built site (``OUTPUT``: site-builder's output,
built with ``search = false`` to save time, plus a search page taken from any build
with search on, ``--search-page``), cuts them into shards by each layout and runs
the Pagefind binary on each shard, as ``write.search`` does (a temporary copy of
the shard's pages, the same flags), one at a time: the wall and CPU time of each
run is what an edit of one of its pages costs. Each layout becomes a servable
folder ``W/<layout>/`` (search page, static files, bundles) and a line of
``W/index.json``. Layouts: ``date:N`` (site-builder's: date order, content-defined
cuts, N pages on average), ``auto`` (the same, N as site-builder picks it for the
language's size), ``hash:N`` (the previous layout: a power of two of shards by
path hash, N pages each at most), ``whole`` (one bundle per language).

``browse`` opens each layout's search page in Debian's Chromium (Playwright,
served by nginx on 127.0.0.1), a new browser context (cold cache) per run, layouts
interleaved in a new order each round, and times the first result shown:
``open`` (the page opened with ``?q=``, from navigation start) and ``typed`` (the
page ready, then a query submitted). See ``bench.search_browse``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from site_builder.site.search_pages import cut, shard_size, stable_hash

_LANG = re.compile(rb'<html[^>]* lang="([^"]+)"')
_DATE = re.compile(rb'property="article:published_time" content="([^"]+)"')
_UNUSED = ("-ui.", "pagefind-highlight", "playground")


def story_pages(output: Path) -> list[tuple[str, str, str]]:
    """(language, date, path) of each story page (those Pagefind indexes)."""
    found = []
    for page in sorted(output.glob("briefs/*/index.html")):
        data = page.read_bytes()
        if b"data-pagefind-body" not in data:
            continue  # a redirect page
        lang, date = _LANG.search(data), _DATE.search(data)
        assert lang, page
        assert date, page
        found.append(
            (lang[1].decode(), date[1].decode(), page.relative_to(output).as_posix())
        )
    return found


def layout(pages: list[tuple[str, str, str]], name: str) -> dict[str, list[str]]:
    """Bundle name -> paths, for the layout ``name`` (see the module's docstring)."""
    by_lang: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for lang, date, path in pages:
        by_lang[lang].append((date, path))
    kind, _, size = name.partition(":")
    found: dict[str, list[str]] = {}
    for lang, items in sorted(by_lang.items()):
        paths = [path for _, path in sorted(items)]
        if kind == "whole":
            runs = [paths]
        elif kind == "date":
            runs = cut(paths, int(size))
        elif kind == "auto":
            runs = cut(paths, shard_size(len(paths)))
        elif kind == "hash":
            count = 1
            while count * int(size) < len(paths):
                count *= 2
            buckets: list[list[str]] = [[] for _ in range(count)]
            for path in sorted(paths):
                buckets[stable_hash(path) % count].append(path)
            runs = [bucket for bucket in buckets if bucket]
        else:
            raise SystemExit(f"unknown layout {name!r}")
        for number, run in enumerate(runs):
            found[lang if number == 0 else f"{lang}.{number}"] = run
    return found


def pagefind() -> str:
    from pagefind.service import get_executable

    found = get_executable()
    assert found is not None, "pip install 'pagefind[bin]'"
    return str(found)


def index_shard(
    output: Path, lang: str, paths: list[str], bundle: Path
) -> dict[str, float]:
    """Index ``paths`` into ``bundle`` as write.search does; its times and memory."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="search-shards-") as temp:
        site = Path(temp) / "site"
        for path in paths:
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(output / path, site / path)
        command = [pagefind(), "--site", str(site), "--output-path", str(bundle)]
        command += ["--force-language", lang, "--keep-index-url", "--silent"]
        process = subprocess.Popen(command)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        assert process.returncode == 0, command
    for unused in [p for p in bundle.iterdir() if any(u in p.name for u in _UNUSED)]:
        unused.unlink()
    return {
        "pages": len(paths),
        "wall": time.perf_counter() - start,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
    }


def index(args: argparse.Namespace) -> None:
    pages = story_pages(args.output)
    print(f"{len(pages)} story pages in {args.output}")
    record_path = args.workdir / "index.json"
    records = json.loads(record_path.read_text()) if record_path.exists() else {}
    for name in args.layouts.split(","):
        shards = layout(pages, name)
        folder = args.workdir / name.replace(":", "-")
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "search").mkdir(parents=True)
        shutil.copytree(args.static or args.output / "static", folder / "static")
        page = args.search_page.read_text()
        page = re.sub(r'data-shards="[^"]*"', f'data-shards="{" ".join(shards)}"', page)
        (folder / "search" / "index.html").write_text(page)
        runs = {}
        for bundle, paths in shards.items():
            target = folder / "pagefind" / bundle
            runs[bundle] = index_shard(args.output, bundle.split(".")[0], paths, target)
            print(f"{name} {bundle}: {runs[bundle]}", flush=True)
        files = [p for p in (folder / "pagefind").rglob("*") if p.is_file()]
        records[name] = {
            "shards": runs,
            "files": len(files),
            "bytes": sum(p.stat().st_size for p in files),
            "load": os.getloadavg(),
        }
        record_path.write_text(json.dumps(records, indent=1))
    print_index(records)


def print_index(records: dict[str, Any]) -> None:
    print(
        "| layout | bundles | pages per bundle (median, max) | index one shard: wall "
        "s (median, max) | CPU s (median, max) | memory MB (max) | index size MB | "
        "files |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, record in records.items():
        runs = list(record["shards"].values())

        def spread(key: str, runs: list[dict[str, float]] = runs) -> str:
            values = [run[key] for run in runs]
            return f"{statistics.median(values):.2f}, {max(values):.2f}"

        sizes = [run["pages"] for run in runs]
        print(
            f"| {name} | {len(runs)} | {statistics.median(sizes):.0f}, {max(sizes)} | "
            f"{spread('wall')} | {spread('cpu')} | "
            f"{max(run['rss_mb'] for run in runs):.0f} | "
            f"{record['bytes'] / 1e6:.1f} | {record['files']} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    make = verbs.add_parser("index")
    make.add_argument("output", type=Path)
    make.add_argument("--workdir", type=Path, required=True)
    make.add_argument("--layouts", default="date:250")
    make.add_argument("--search-page", type=Path, required=True)
    make.add_argument("--static", type=Path, help="default: OUTPUT/static")
    browse = verbs.add_parser("browse")
    browse.add_argument("workdir", type=Path)
    browse.add_argument("--layouts", help="default: every indexed layout")
    browse.add_argument("--runs", type=int, default=5)
    browse.add_argument("--queries", help="comma-separated; default: picked from pages")
    browse.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.verb == "index":
        args.workdir.mkdir(parents=True, exist_ok=True)
        index(args)
    else:
        from bench.search_browse import browse as run_browse

        run_browse(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
