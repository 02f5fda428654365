"""ingest end to end against a local HTTP server on 127.0.0.1, and its Fetcher."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from site_builder.ingest.fetch import Fetcher, FetchError, FetchOptions
from site_builder.ingest.sources import IngestOptions, IngestReport, ingest
from site_builder.load.fields import split_front_matter

WWW = Path(__file__).parent / "fixtures" / "ingest" / "www"
FAST = FetchOptions(timeout=0.5, retries=1, backoff=0.01, delay=0.0, concurrency=4)
NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    log: list[tuple[str, int]]
    released: threading.Event
    flaky: int
    robots_status: int
    robots_text: bytes | None


class Handler(BaseHTTPRequestHandler):
    """Fixture files with ETag and 304; /slow, a 301, a flaky 503, 404 otherwise."""

    server: Server

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/slow":
            self.server.released.wait(5)  # longer than the client's timeout
            return self._send(200, b"<html><body><p>late</p></body></html>")
        if path == "/old/library":
            return self._send(301, b"", {"Location": "/news/library-hours.html"})
        if path == "/loop":
            return self._send(302, b"", {"Location": "/loop"})
        if path == "/flaky":
            self.server.flaky += 1
            if self.server.flaky == 1:
                return self._send(503, b"busy", {"Retry-After": "0"})
            path = "/news/library-hours.html"
        if path == "/robots.txt" and self.server.robots_text is not None:
            return self._send(
                200, self.server.robots_text, {"Content-Type": "text/plain"}
            )
        if path == "/robots.txt" and self.server.robots_status != 200:
            return self._send(self.server.robots_status, b"")
        file = (WWW / path.lstrip("/")).resolve()
        if not file.is_relative_to(WWW) or not file.is_file():
            return self._send(404, b"not found")
        origin = f"http://{self.headers['Host']}".encode()
        data = file.read_bytes().replace(b"{{origin}}", origin)
        etag = '"' + hashlib.sha1(data).hexdigest() + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", {"ETag": etag})
        kinds = {".html": "text/html; charset=utf-8", ".json": "application/feed+json"}
        kind = kinds.get(file.suffix, "application/xml")
        return self._send(200, data, {"ETag": etag, "Content-Type": kind})

    def _send(
        self, status: int, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.server.log.append((self.path, status))
        try:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (the slow page)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.log, httpd.released, httpd.flaky = [], threading.Event(), 0
    httpd.robots_status, httpd.robots_text = 200, None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.released.set()
    httpd.shutdown()
    httpd.server_close()


def url(server: Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def run(server: Server, site: Path, *paths: str, **options: object) -> IngestReport:
    sources = [
        url(server, p) if p.startswith("/") and not Path(p).exists() else p
        for p in paths
    ]
    return ingest(
        sources,
        site / "content",
        site / ".site-builder" / "http",
        IngestOptions(fetch=FAST, **options),  # type: ignore[arg-type]
        now=NOW,
    )


def write_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "site.toml").write_text('title = "Ingested"\n', encoding="utf-8")
    return root


def front(path: Path) -> tuple[dict[str, str], str]:
    split = split_front_matter(path.read_text(encoding="utf-8"))
    return {f.key: f.value for f in split.fields}, split.body


FEEDS = ("/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json", "/sitemap.xml")


def test_feeds_and_sitemap_are_ingested_politely(
    server: Server, tmp_path: Path
) -> None:
    report = run(server, tmp_path, *FEEDS)
    written = sorted(p.name for p in (tmp_path / "content").iterdir())
    assert written == [
        "central-library-extends-its-evening-hours.md",
        "harbour-bridge-reopens-after-repairs.md",
        "island-ferry-adds-a-late-crossing-on-saturdays.md",
        "les-halles-de-montclair-rouvrent-apres-deux-ans-de-travaux.md",
        "road-closures-diversions-this-weekend.md",
    ]
    failed = {
        o.source.split("/", 3)[-1]: o.message
        for o in report.outcomes
        if o.status == "failed"
    }
    assert failed == {
        "news/withdrawn.html": "HTTP 404 Not Found",
        "slow": "timed out (after 2 tries)",
        "private/staff-memo.html": "robots.txt disallows fetching this page",
        "news/archive-2019.html": "HTTP 404 Not Found",
    }
    assert report.summary() == "5 new, 2 already here, 4 failed"  # duplicates merged
    assert not any(path.startswith("/private/") for path, _ in server.log)


def test_front_matter_and_body(server: Server, tmp_path: Path) -> None:
    run(server, tmp_path, "/feeds/rss.xml")
    meta, body = front(tmp_path / "content" / "harbour-bridge-reopens-after-repairs.md")
    assert list(meta) == [
        "title",
        "date",
        "source_url",
        "outlet",
        "author",
        "lang",
        "fetched_at",
    ]
    assert meta["source_url"] == "https://gazette.example/news/harbour-bridge-reopens"
    assert meta["date"] == "2026-11-28T07:45:00+01:00"
    assert meta["fetched_at"] == "2026-11-29T08:00:00+00:00"
    assert meta["outlet"] == "The Tidewater Gazette"
    assert "counterweight cables" in body
    assert "harbourwatcher" not in body
    library = front(
        tmp_path / "content" / "central-library-extends-its-evening-hours.md"
    )
    assert library[0]["source_url"] == url(
        server, "/news/library-hours.html"
    )  # after the 301
    road_meta, road = front(
        tmp_path / "content" / "road-closures-diversions-this-weekend.md"
    )
    assert "source_url" not in road_meta
    assert road_meta["outlet"] == "Regional wire"
    assert road_meta["lang"] == "en"
    assert "<" not in road
    assert "ring road" in road


def test_a_second_run_writes_nothing_and_asks_only_for_changes(
    server: Server, tmp_path: Path
) -> None:
    run(server, tmp_path, *FEEDS)
    before = {p.name: p.read_bytes() for p in (tmp_path / "content").iterdir()}
    server.log.clear()
    again = run(server, tmp_path, *FEEDS)
    after = {p.name: p.read_bytes() for p in (tmp_path / "content").iterdir()}
    assert after == before
    assert again.count("new") == 0
    assert again.summary() == "0 new, 7 already here, 4 failed"
    served = [path for path, status in server.log if status == 200]
    assert served == ["/robots.txt"]  # feeds and pages answered 304 or were skipped


def test_same_text_at_another_address_is_not_written_twice(
    server: Server, tmp_path: Path
) -> None:
    first = run(server, tmp_path, "/news/harbour-bridge.html")
    copy = run(server, tmp_path, "/mirror/harbour-bridge-copy.html")
    assert first.summary() == "1 new, 0 already here, 0 failed"
    assert (
        copy.outcomes[0].message == "already in harbour-bridge-reopens-after-repairs.md"
    )


def test_since_skips_older_entries(server: Server, tmp_path: Path) -> None:
    report = run(
        server, tmp_path, "/feeds/rss.xml", since=datetime(2026, 11, 27, tzinfo=UTC)
    )
    skipped = [
        o.source.rsplit("/", 1)[-1] for o in report.outcomes if o.status == "skipped"
    ]
    assert skipped == [
        "library",
        "withdrawn.html",
        "slow",
        "staff-memo.html",
        "rss.xml (entry 7)",
        "archive-2019.html",
    ]
    assert report.count("new") == 2


def test_dry_run_writes_nothing(server: Server, tmp_path: Path) -> None:
    report = run(server, tmp_path, "/feeds/atom.xml", "/sitemap.xml", dry_run=True)
    assert not (tmp_path / "content").exists()
    assert [o.path for o in report.outcomes if o.status == "new"] == [
        "island-ferry-adds-a-late-crossing-on-saturdays.md",
        "harbour-bridge-reopens-after-repairs.md",
        "central-library-extends-its-evening-hours.md",
    ]


def test_existing_file_of_the_same_name_is_never_overwritten(
    server: Server, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    mine = content / "harbour-bridge-reopens-after-repairs.md"
    mine.write_text(
        "---\ntitle: Mine\n---\nA different article by me.\n", encoding="utf-8"
    )
    report = run(server, tmp_path, "/news/harbour-bridge.html")
    assert mine.read_text(encoding="utf-8").endswith("A different article by me.\n")
    (path,) = [o.path for o in report.outcomes]
    assert path is not None
    assert path.startswith("harbour-bridge-reopens-after-repairs-")
    assert not [p for p in content.iterdir() if p.name.startswith(".")]  # no temp left


def test_local_files_and_ingested_site_builds(server: Server, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    feed = tmp_path / "wire.xml"
    rss = (WWW / "feeds" / "rss.xml").read_text(encoding="utf-8")
    feed.write_text(
        rss.replace("https://wire.example/", url(server, "/feeds/")), "utf-8"
    )
    local_page = WWW / "news" / "ferry-timetable.html"
    report = run(server, site, str(feed), str(local_page))
    assert report.summary() == "5 new, 0 already here, 4 failed"
    from site_builder.build import build  # the whole pipeline, only here
    from site_builder.config import load_config

    result = build(load_config(site / "site.toml"))
    assert result.ok
    assert not result.errors
    assert result.articles == 5
    assert result.removed_paragraphs == 2  # the market hall page's repeats


def test_command_line_prints_the_summary(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from site_builder.cli.main import main

    site = write_site(tmp_path)
    args = ["ingest", url(server, "/news/library-hours.html"), url(server, "/nowhere")]
    code = main([*args, "--config", str(site / "site.toml"), "--delay", "0"])
    out, err = capsys.readouterr()
    assert out.strip() == "1 new, 0 already here, 1 failed"
    assert "/nowhere: failed: HTTP 404 Not Found" in err
    assert code == 1
    assert (site / ".site-builder" / "http").is_dir()
    again = [
        *args[:2],
        "--config",
        str(site / "site.toml"),
        "--delay",
        "0",
        "--dry-run",
    ]
    assert main(again) == 0
    assert capsys.readouterr().out.strip() == "0 new, 1 already here, 0 failed"


def test_unknown_source_is_reported_not_raised(tmp_path: Path) -> None:
    report = ingest(
        ["no/such/file.xml"], tmp_path / "c", None, IngestOptions(fetch=FAST)
    )
    assert report.summary() == "0 new, 0 already here, 1 failed"


def test_retry_after_503_and_redirect_loop(server: Server) -> None:
    fetcher = Fetcher(FAST)
    assert b"Central library" in fetcher.get(url(server, "/flaky")).data
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get(url(server, "/loop"))


@pytest.mark.parametrize(
    ("status", "message"),
    [(500, "robots.txt is unreachable"), (403, "robots.txt disallows")],
)
def test_robots_errors_forbid(server: Server, status: int, message: str) -> None:
    server.robots_status = status
    with pytest.raises(FetchError, match=message):
        Fetcher(FAST).get(url(server, "/news/library-hours.html"))
    assert not any(path.startswith("/news") for path, _ in server.log)


def test_missing_robots_allows_everything(server: Server) -> None:
    server.robots_status = 404
    assert Fetcher(FAST).get(url(server, "/private/staff-memo.html")).data


def test_etag_makes_the_second_fetch_a_304(server: Server, tmp_path: Path) -> None:
    first = Fetcher(FAST, tmp_path).get(url(server, "/news/market-hall.html"))
    second = Fetcher(FAST, tmp_path).get(url(server, "/news/market-hall.html"))
    assert not first.cached
    assert second.cached
    assert second.data == first.data
    assert second.charset == "utf-8"
    assert server.log[-1] == ("/news/market-hall.html", 304)


def test_requests_to_one_host_are_spaced_by_the_delay(server: Server) -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))
        now[0] += seconds

    polite = FetchOptions(timeout=2, retries=0, delay=3.0)
    fetcher = Fetcher(polite, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        fetcher.get(url(server, "/news/library-hours.html"))
    # robots.txt, then three pages: each request waits out the delay after the last
    assert waits == [3.0, 3.0, 3.0]


def test_crawl_delay_from_robots_is_honoured(server: Server) -> None:
    server.robots_text = b"User-agent: site-builder\nCrawl-delay: 7\nDisallow: /x\n"
    fetcher = Fetcher(FAST)
    fetcher.get(url(server, "/news/library-hours.html"))
    assert fetcher.crawl_delay(url(server, "")) == 7.0


def test_a_page_without_a_site_name_is_credited_to_its_site_by_name() -> None:
    from site_builder.ingest.sources import _extract, _Item

    body = "<p>Ferry crews on the Orlen crossing voted to strike over pay.</p>" * 6
    page = (
        '<html><head><title>Ferry strike</title><link rel="canonical" '
        'href="https://www.bbc.co.uk/news/uk-1"></head><body><article>'
        f"<h1>Ferry strike</h1>{body}</article></body></html>"
    ).encode()
    draft = _extract(_Item("ferry.html", None, local=page), None)  # type: ignore[arg-type]
    fields = dict(draft.fields)
    assert draft.url == "https://www.bbc.co.uk/news/uk-1"
    assert fields["outlet"] == "BBC News"  # not "bbc.co.uk", the host trafilatura gives
    named = page.replace(
        b"</head>", b'<meta property="og:site_name" content="BBC Sport"></head>'
    )
    draft = _extract(_Item("ferry.html", None, local=named), None)  # type: ignore[arg-type]
    assert dict(draft.fields)["outlet"] == "BBC Sport"
