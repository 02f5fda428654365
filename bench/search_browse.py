"""bench.search_shards' browser half: first-result times of each layout in Chromium.

nginx serves ``W/`` on 127.0.0.1 (keep-alive, sendfile: a real web server, not
Python's); one Chromium, a new context (empty HTTP cache) per measure. Two measures
per layout and query: ``open`` (navigation start -> the first result card in the
DOM, the page opened with ``?q=``) and ``typed`` (the page ready, its index loaded;
then the query submitted -> the first card), with the requests and bytes fetched.
Layouts run in a new random order each round, so a busy moment of this shared
machine falls on all of them alike.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import socket
import statistics
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from bench.serve_latency import CHROMIUM, CHROMIUM_ARGS

# Times the first result card (and the form's readiness) as the page sees them.
_PROBE = """(() => {
  const t = (window.__times = {});
  new MutationObserver(() => {
    const form = document.getElementById("search-form");
    if (!t.ready && form && form.dataset.ready) t.ready = performance.now();
    if (!t.first && document.querySelector("#search-results .headline a"))
      t.first = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
})();"""
_TYPED = """async (query) => {
  const t0 = performance.now();
  window.__times.first = 0;
  document.getElementById("search-q").value = query;
  document.getElementById("search-form").requestSubmit();
  while (!window.__times.first) await new Promise((r) => setTimeout(r, 2));
  return window.__times.first - t0;
}"""


def nginx(root: Path, workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    prefix = workdir / "nginx"
    prefix.mkdir(exist_ok=True)
    (prefix / "nginx.conf").write_text(
        f"daemon off; worker_processes 1; pid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/error.log;\nevents {{ worker_connections 512; }}\n"
        "http { include /etc/nginx/mime.types;\n"
        f"  access_log off; sendfile on; keepalive_timeout 65;\n"
        f"  client_body_temp_path {prefix}; proxy_temp_path {prefix};\n"
        f"  fastcgi_temp_path {prefix}; uwsgi_temp_path {prefix};\n"
        f"  scgi_temp_path {prefix};\n"
        f"  server {{ listen 127.0.0.1:{port}; root {root}; }} }}\n"
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(prefix / "nginx.conf"), "-p", str(prefix)]
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return process, port
        except OSError:
            subprocess.run(["sleep", "0.05"], check=True)
    raise SystemExit("nginx did not start")


def measure(browser: Any, url: str, query: str, mode: str) -> dict[str, float]:
    context = browser.new_context()
    fetched: Counter[str] = Counter()
    sizes: list[int] = []

    def seen(response: Any) -> None:
        kind = re.sub(r".*/pagefind/[^/]+/", "", response.url).split("/")[0]
        fetched[kind.split("?")[0] if "." in kind else kind] += 1
        sizes.append(int(response.headers.get("content-length", 0)))

    context.on("response", seen)
    context.add_init_script(_PROBE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if mode == "open":
        page.goto(f"{url}?q={query}")
        page.wait_for_function("window.__times.first > 0", timeout=120_000)
        time = page.evaluate("window.__times.first")
    else:
        page.goto(url)
        page.wait_for_function("window.__times.ready > 0", timeout=120_000)
        time = page.evaluate(_TYPED, query)
    ready = page.evaluate("window.__times.ready")
    context.close()
    assert not errors, errors
    return {
        "ms": time,
        "ready_ms": ready,
        "requests": sum(fetched.values()),
        "kb": sum(sizes) / 1000,
    }


def browse(args: argparse.Namespace) -> None:
    from playwright.sync_api import sync_playwright

    records = json.loads((args.workdir / "index.json").read_text())
    layouts = args.layouts.split(",") if args.layouts else list(records)
    queries = args.queries.split(",") if args.queries else ["parliament"]
    server, port = nginx(args.workdir, args.workdir)
    results: dict[str, list[dict[str, float]]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            rng = random.Random(0)
            for round_ in range(args.runs):
                order = [
                    (name, query, mode)
                    for name in layouts
                    for query in queries
                    for mode in ("open", "typed")
                ]
                rng.shuffle(order)
                for name, query, mode in order:
                    folder = name.replace(":", "-")
                    url = f"http://127.0.0.1:{port}/{folder}/search/index.html"
                    found = measure(browser, url, query, mode)
                    results.setdefault(f"{name}|{query}|{mode}", []).append(found)
                print(f"round {round_ + 1} of {args.runs} done", flush=True)
            browser.close()
    finally:
        server.terminate()
        server.wait()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print_browse(results, records)


def print_browse(
    results: dict[str, list[dict[str, float]]], records: dict[str, Any]
) -> None:
    print(
        "| layout | bundles | query | mode | first result ms: median (min-max) | "
        "index ready ms | requests | kB fetched |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for key, runs in sorted(results.items()):
        name, query, mode = key.split("|")
        times = [run["ms"] for run in runs]
        ready = statistics.median(run["ready_ms"] for run in runs)
        print(
            f"| {name} | {len(records[name]['shards'])} | {query} | {mode} | "
            f"{statistics.median(times):.0f} ({min(times):.0f}-{max(times):.0f}) | "
            f"{ready:.0f} | {statistics.median(run['requests'] for run in runs):.0f} | "
            f"{statistics.median(run['kb'] for run in runs):.0f} |"
        )
