"""Live-reload latency of `site-builder serve`, as a reader sees it in Chromium.

    python -m bench.serve_latency                         # the sample site
    python -m bench.serve_latency --n 10000 --workdir DIR     # a generated corpus

Starts `site-builder serve --port 0` in a copy of the site, opens a page in Debian's
Chromium through Playwright, then times, from the write of the file until the open page
shows the change: edits of an article (its page open), new articles, new headlines of
the newest article and deletions of a new article (the home page open). Then a burst
of 20 new articles written 50 ms apart (every one must be served), and a burst of 20
edits of the open article (the page must end on the last one).
Prints medians and maxima in milliseconds, and the edits lost.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SYLLABLES = ("ka", "lo", "mi", "ten", "ur", "bas", "vel", "or", "pin", "das", "ro")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, help="generate a corpus of N articles")
    parser.add_argument("--workdir", type=Path, help="where the site copy goes")
    parser.add_argument("--make-corpus", type=Path, default=MAKE_CORPUS)
    parser.add_argument("--samples", type=int, default=15, help="edits and creations")
    parser.add_argument("--burst", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.05, help="seconds")
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="seconds to wait for each change"
    )
    args = parser.parse_args(argv)
    TIMEOUT[0] = args.timeout
    workdir = args.workdir or Path(f"/tmp/sb-serve-bench-{args.n or 'sample'}")
    site = prepare_site(workdir, args.n, args.make_corpus)
    server, url = start_server(site, workdir / "serve.log")
    try:
        results = measure(site, url, args)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print_results(args.n, results)
    return 0 if results["lost"] == 0 and results["burst_final_shown"] else 1


def prepare_site(workdir: Path, n: int | None, make_corpus: Path) -> Path:
    """A fresh copy of the sample site, or of a generated corpus (generated once)."""
    site = workdir / "site"
    shutil.rmtree(site, ignore_errors=True)
    if n is None:
        site.mkdir(parents=True)
        shutil.copy2(REPO / "site.toml", site / "site.toml")
        shutil.copytree(REPO / "content", site / "content")
        return site
    corpus = workdir / f"corpus-{n}"
    if not (corpus / "content").is_dir():
        subprocess.run(
            [
                sys.executable,
                str(make_corpus),
                "--n",
                str(n),
                "--target",
                "generic",
                "--out",
                str(corpus),
            ],
            check=True,
        )
    shutil.copytree(corpus / "content", site / "content")
    (site / "site.toml").write_text('title = "Benchmark briefing"\n', encoding="utf-8")
    return site


def start_server(site: Path, log: Path) -> tuple[subprocess.Popen[str], str]:
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "site_builder", "serve", "--port", "0"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    found = re.search(r"serving (http://\S+/)", line)
    if not found:
        server.kill()
        raise SystemExit(f"serve did not start; see {log}")
    print(f"first build and start: {time.perf_counter() - started:.1f} s", flush=True)
    return server, found.group(1)


def measure(site: Path, url: str, args: argparse.Namespace) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        target, page_url = find_edited_page(site, url)
        goto(page, url + page_url)
        edits = [
            timed(page, lambda m: mark(target, m), f"sbedit{i}x{random_word()}")
            for i in range(args.samples)
        ]
        goto(page, url)
        newest = latest_date(site / "content")
        creations = [
            timed(
                page,
                lambda m, i=i: new_article(site, f"bench-new-{i}", m, newest, i),
                f"sbnew{i}x{random_word()}",
            )
            for i in range(args.samples)
        ]
        retitles = [
            timed(
                page,
                partial(retitle, retitled(site)),  # chosen before the clock starts
                f"Sbtitle{i}x{random_word()}",
            )
            for i in range(args.samples)
        ]
        deletions = [timed_deletion(page, site, newest, i) for i in range(args.samples)]
        lost = burst_of_new_articles(site, url, page, newest, args)
        goto(page, url + page_url)
        final_shown, final_ms = burst_of_edits(page, target, args)
        browser.close()
    return {
        "edits": edits,
        "creations": creations,
        "retitles": retitles,
        "deletions": deletions,
        "lost": lost,
        "burst": args.burst,
        "burst_final_shown": final_shown,
        "burst_final_ms": final_ms,
    }


def goto(page: Any, url: str) -> None:
    """``page.goto``, again when live reload navigated the page at the same moment."""
    for attempt in range(5):
        try:
            page.goto(url)
            return
        except Exception as error:  # playwright's Error; a reload interrupted it
            if "interrupted by another navigation" not in str(error) or attempt == 4:
                raise


def random_word() -> str:
    return "".join(random.choice(SYLLABLES) for _ in range(4))


TIMEOUT = [30.0]  # set from --timeout


def shows(
    page: Any, marker: str, timeout: float | None = None, present: bool = True
) -> float | None:
    """Seconds until the open page's text contains ``marker`` (``present``), or no
    longer does (None: never)."""
    # Absent only from a whole page: a page in the middle of a reload shows nothing.
    script = (
        "m => document.documentElement.textContent.includes(m)"
        if present
        else "m => document.readyState === 'complete'"
        " && !!document.querySelector('main')"
        " && !document.documentElement.textContent.includes(m)"
    )
    started = time.perf_counter()
    while time.perf_counter() - started < (timeout or TIMEOUT[0]):
        try:
            if page.evaluate(script, marker):
                return time.perf_counter() - started
        except Exception:  # the page is reloading: its context is gone for a moment
            pass
        time.sleep(0.003)
    return None


def timed(
    page: Any, write: Any, marker: str, present: bool = True
) -> tuple[float, float]:
    """Milliseconds from the write until the page shows it (or, ``present`` false,
    no longer shows ``marker``), and until the server announced the new build (the
    rest is the browser's reload)."""
    url = page.url.split("/", 3)
    base = "/".join(url[:3]) + "/"
    generation = poll(base, -1)["generation"]
    announced: list[float] = []

    def announce() -> None:
        newer_build(base, generation)
        announced.append(time.perf_counter())

    waiter = threading.Thread(target=announce)
    waiter.start()
    started = time.perf_counter()
    write(marker)
    if shows(page, marker, present=present) is None:
        print(f"not seen within {TIMEOUT[0]:.0f} s: {marker}", flush=True)
        elapsed = float("inf")
    else:
        elapsed = (time.perf_counter() - started) * 1000
    waiter.join()
    time.sleep(0.3)  # let the reload finish before the next write
    return elapsed, (announced[0] - started) * 1000


def timed_deletion(
    page: Any, site: Path, newest: datetime, n: int
) -> tuple[float, float]:
    """A new article shown on the open home page, then deleted: milliseconds from
    the deletion until its card is gone, and until the server announced the build."""
    marker = f"sbgone{n}x{random_word()}"
    slug = f"bench-gone-{n}"
    new_article(site, slug, marker, newest, 200 + n)
    if shows(page, marker) is None:
        raise SystemExit(f"new article {slug} never shown")
    # its full build too: the page shown may be the preview, and a deletion before
    # the build that read the article lands has nothing built to take away (at
    # 10,000 articles that build takes 3-5 s)
    built = site / "output" / "briefs" / slug / "index.html"
    deadline = time.monotonic() + TIMEOUT[0]
    while not built.is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # and the reload it caused
    if not built.is_file() or shows(page, marker, timeout=10) is None:
        raise SystemExit(f"new article {slug} no longer shown after its full build")
    path = site / "content" / f"{slug}.md"
    return timed(page, lambda _marker: path.unlink(), marker, present=False)


def retitle(newest: Path, marker: str) -> None:
    """Give the article ``newest`` a new title."""
    text = newest.read_text(encoding="utf-8")
    text = re.sub(
        r"^title: .*$", f"title: {marker} retitled", text, count=1, flags=re.M
    )
    newest.write_text(text, encoding="utf-8")


def retitled(site: Path) -> Path:
    """The newest article whose card the home page shows: a story's own article (its
    page is named after its file), never a copy of another, which is listed under its
    original's headline (retitling it changes no card; its address redirects to the
    original's page). Reading 10,000 articles to find it takes a quarter of a second:
    it is chosen before the write is timed."""
    content = site / "content"
    found = re.compile(r"^date: ['\"]?(\S+?)['\"]?$", re.MULTILINE)
    home = html.unescape((site / "output" / "index.html").read_text("utf-8"))
    newest_first = sorted(
        (p for p in content.glob("*.md") if not p.name.startswith("bench-")),
        key=lambda p: (
            m.group(1) if (m := found.search(p.read_text())) else "",
            p.name,
        ),
        reverse=True,
    )
    briefs = site / "output" / "briefs"
    return next(
        (p for p in newest_first if _title(p) in home and _own_page(briefs / p.stem)),
        newest_first[0],
    )


def _own_page(folder: Path) -> bool:
    """Whether ``folder`` holds a story's page, not the redirect a copy's old address
    gets to its original's page."""
    try:
        return 'http-equiv="refresh"' not in (folder / "index.html").read_text("utf-8")
    except OSError:
        return False


def _title(path: Path) -> str:
    """The article's front-matter title, unquoted ("" if none)."""
    found = re.search(r"^title: (.*)$", path.read_text("utf-8"), re.MULTILINE)
    return found.group(1).strip().strip("'\"") if found else "\0"


def mark(path: Path, marker: str) -> None:
    """Put ``marker`` in the article's last paragraph (replacing an earlier one)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n\nBench marker \S+ closes this report\.\n$", "\n", text)
    path.write_text(
        text.rstrip("\n") + f"\n\nBench marker {marker} closes this report.\n"
    )


def find_edited_page(site: Path, url: str) -> tuple[Path, str]:
    """An article whose page shows an appended paragraph, and that page's path."""
    output = site / "output"
    for candidate in sorted((site / "content").glob("*.md"))[:30]:
        marker = f"sbfind{random_word()}"
        original = candidate.read_text(encoding="utf-8")
        version = poll(url, -1)["version"]
        mark(candidate, marker)
        for _ in range(5):  # a build, then more builds if events came late
            version = poll(url, version)["version"]
            pages = [
                p
                for p in (output / "briefs").glob("*/index.html")
                if marker in p.read_text(encoding="utf-8")
            ]
            if pages:
                return candidate, pages[0].relative_to(output).parent.as_posix() + "/"
        # Shown nowhere (a copy of another story): put it back, try the next one.
        candidate.write_text(original, encoding="utf-8")
    raise SystemExit("no article's edit shows on its page")


def poll(url: str, version: int) -> dict[str, Any]:
    import json

    with urllib.request.urlopen(f"{url}__livereload/poll?version={version}") as answer:
        state: dict[str, Any] = json.load(answer)
        return state


def newer_build(url: str, generation: int) -> None:
    """Return once the server has published a build newer than ``generation``."""
    version = -1
    while (state := poll(url, version))["generation"] <= generation:
        version = state["version"]


def latest_date(content: Path) -> datetime:
    found = re.compile(
        r"^date: ['\"]?(\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?)", re.MULTILINE
    )
    dates = [
        datetime.fromisoformat(m.group(1))
        for p in content.rglob("*.md")
        if (m := found.search(p.read_text(encoding="utf-8", errors="replace")[:600]))
    ]
    return max(dates, default=datetime(2026, 1, 1))


def new_article(site: Path, slug: str, marker: str, after: datetime, n: int) -> None:
    """A story of its own words (nothing to deduplicate), newer than every other."""
    rng = random.Random(marker)
    words = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(60)]
    date = (after + timedelta(hours=1, minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
    # a name of its own: two texts that name no one and share the bench's template
    # words could be joined into one story (then the open page shows the other)
    name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
    body = "\n\n".join(
        f"The {' '.join(words[i : i + 12])} report {marker} by {name} part {i}."
        for i in range(0, 60, 12)
    )
    head = f"title: {marker} {words[0]}\nslug: {slug}\ndate: {date}\nlang: en"
    text = f"---\n{head}\n---\n\n"
    (site / "content" / f"{slug}.md").write_text(text + body + "\n", encoding="utf-8")


def burst_of_new_articles(
    site: Path, url: str, page: Any, after: datetime, args: argparse.Namespace
) -> int:
    """Write ``burst`` new articles ``interval`` apart; count those never served."""
    goto(page, url)
    markers = [f"sbburst{j}x{random_word()}" for j in range(args.burst)]
    for j, marker in enumerate(markers):
        new_article(site, f"bench-burst-{j}", marker, after, 100 + j)
        time.sleep(args.interval)
    shows(page, markers[-1])
    lost = 0
    for j, marker in enumerate(markers):
        deadline = time.perf_counter() + TIMEOUT[0]
        while True:
            try:
                with urllib.request.urlopen(f"{url}briefs/bench-burst-{j}/") as answer:
                    if marker in answer.read().decode():
                        break
            except OSError:
                pass
            if time.perf_counter() > deadline:
                lost += 1
                break
            time.sleep(0.05)
    return lost


def burst_of_edits(
    page: Any, target: Path, args: argparse.Namespace
) -> tuple[bool, float | None]:
    """Edit the open article ``burst`` times; the page must end on the last edit."""
    markers = [f"sbrapid{j}x{random_word()}" for j in range(args.burst)]
    for marker in markers:
        mark(target, marker)
        last = time.perf_counter()
        time.sleep(args.interval)
    waited = shows(page, markers[-1])
    if waited is None:
        return False, None
    return True, (time.perf_counter() - last) * 1000


def print_results(n: int | None, results: dict[str, Any]) -> None:
    print(f"site: {'sample site' if n is None else f'{n} generated articles'}")
    for name in ("edits", "creations", "retitles", "deletions"):
        values = [shown for shown, _ in results[name]]
        built = [server for _, server in results[name]]
        print(
            f"{name}: n={len(values)} median {statistics.median(values):.0f} ms, "
            f"max {max(values):.0f} ms  (all: {', '.join(f'{v:.0f}' for v in values)})"
        )
        print(
            f"  of which write -> build announced: median "
            f"{statistics.median(built):.0f} ms, max {max(built):.0f} ms"
        )
    print(f"burst of {results['burst']} new articles: {results['lost']} lost")
    shown = results["burst_final_shown"]
    final = results["burst_final_ms"]
    tail = f"shown {final:.0f} ms after the last write" if shown else "NOT shown"
    print(f"burst of {results['burst']} edits of the open article: last edit {tail}")


if __name__ == "__main__":
    sys.exit(main())
