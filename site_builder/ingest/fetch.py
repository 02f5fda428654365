"""Ingest's HTTP client: polite (robots.txt, per-host delay), patient, and cached.

Stdlib only (urllib): requests are few and spread over time, so connection reuse
or HTTP/2 would buy nothing worth a dependency. Redirects are followed here, not
by urllib, so that robots.txt is checked at every hop.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPResponse
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from site_builder import __version__
from site_builder.errors import SiteError
from site_builder.ingest.http_cache import HttpCache, Response

USER_AGENT = f"site-builder/{__version__} (news-brief ingest; respects robots.txt)"
ROBOT_NAME = "site-builder"
MAX_REDIRECTS = 5
MAX_WAIT = 60.0  # longest Retry-After or Crawl-delay honoured, in seconds
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY = {429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How patient and how polite the client is."""

    timeout: float = 15.0  # seconds per attempt
    retries: int = 2  # extra attempts after a timeout, a reset or a 429/5xx
    backoff: float = 1.0  # first wait between attempts; doubles each time
    delay: float = 1.0  # seconds between two requests to one host
    concurrency: int = 4  # requests in flight, all hosts together
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str = USER_AGENT


class FetchError(SiteError):
    """A URL that could not be fetched; ``path`` is the URL."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx then surfaces as HTTPError, handled in Fetcher.get


class Fetcher:
    """GET with robots.txt, one request at a time per host, retries and a cache."""

    def __init__(
        self,
        options: FetchOptions,
        cache_dir: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options
        self.cache = HttpCache(cache_dir)
        self.clock = clock
        self.sleep = sleep
        self._opener = urllib.request.build_opener(_NoRedirect())
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self.requests = 0  # sent over the network, robots.txt included

    def get(self, url: str) -> Response:
        """The resource at ``url``; FetchError says why not."""
        for _hop in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError("only http and https addresses can be fetched", url)
            if not self.allowed(url):
                raise FetchError("robots.txt disallows fetching this page", url)
            result = self._attempts(url)
            if isinstance(result, Response):
                return result
            url = result
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", url)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url``; FetchError if it is unreachable."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._host_lock(f"robots {origin}"):
            if origin not in self._robots:
                self._robots[origin] = self._read_robots(origin)
        robots = self._robots[origin]
        if robots is None:
            # RFC 9309: a robots.txt that cannot be fetched means "crawl nothing"
            raise FetchError("robots.txt is unreachable; not fetching this site", url)
        return robots.can_fetch(ROBOT_NAME, url)

    def _read_robots(self, origin: str) -> RobotFileParser | None:
        """The origin's rules; None when robots.txt is unreachable."""
        url = f"{origin}/robots.txt"
        robots = RobotFileParser(url)
        try:
            for _hop in range(MAX_REDIRECTS):
                result = self._attempts(url, use_cache=False)
                if isinstance(result, str):
                    url = result
                    continue
                robots.parse(result.data.decode("utf-8", "replace").splitlines())
                return robots
        except FetchError as error:
            status = getattr(error.__cause__, "code", None)
            if isinstance(status, int) and 400 <= status < 500:
                # 4xx: no rules at all, except 401/403 which forbid everything
                forbid = status in (401, 403)
                robots.parse(["User-agent: *", "Disallow: /"] if forbid else [])
                return robots
        return None

    def crawl_delay(self, origin: str) -> float:
        robots = self._robots.get(origin)
        delay = robots.crawl_delay(ROBOT_NAME) if robots is not None else None
        return min(MAX_WAIT, max(self.options.delay, float(delay or 0)))

    def _attempts(self, url: str, use_cache: bool = True) -> Response | str:
        """One URL with retries: a Response, or the address a redirect points to."""
        wait = self.options.backoff
        for attempt in range(self.options.retries + 1):
            try:
                return self._once(url, use_cache)
            except _Retry as retry:
                if attempt == self.options.retries:
                    raise FetchError(
                        f"{retry.reason} (after {attempt + 1} tries)", url
                    ) from retry.__cause__
                self.sleep(min(MAX_WAIT, retry.after or wait))
                wait *= 2
        raise AssertionError("unreachable")

    def _once(self, url: str, use_cache: bool) -> Response | str:
        cached = self.cache.lookup(url) if use_cache else None
        headers = {"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip"}
        if cached is not None:
            if "ETag" in cached[0]:
                headers["If-None-Match"] = cached[0]["ETag"]
            if "Last-Modified" in cached[0]:
                headers["If-Modified-Since"] = cached[0]["Last-Modified"]
        request = urllib.request.Request(url, headers=headers)
        parts = urlsplit(url)
        with self._polite(f"{parts.scheme}://{parts.netloc}"):
            self.requests += 1
            try:
                with self._opener.open(request, timeout=self.options.timeout) as answer:
                    data = self._read(answer, url)
                    response = Response(
                        answer.geturl(), data, answer.headers.get("Content-Type", "")
                    )
                    if use_cache:
                        self.cache.store(url, answer.headers, response)
                    return response
            except urllib.error.HTTPError as error:
                return self._status(url, error, cached)
            except TimeoutError as error:
                raise _Retry("timed out", None) from error
            except (urllib.error.URLError, ConnectionError, OSError) as error:
                reason = getattr(error, "reason", error)
                if isinstance(reason, TimeoutError):
                    raise _Retry("timed out", None) from error
                raise _Retry(f"network error: {reason}", None) from error

    def _status(
        self,
        url: str,
        error: urllib.error.HTTPError,
        cached: tuple[dict[str, str], Path] | None,
    ) -> Response | str:
        error.close()
        if error.code == 304 and cached is not None:
            meta, body = cached
            return Response(
                meta.get("final_url", url),
                body.read_bytes(),
                meta.get("type", ""),
                cached=True,
            )
        location = error.headers.get("Location")
        if error.code in _REDIRECTS and isinstance(location, str):
            return urljoin(url, location)
        if error.code in _RETRY:
            raise _Retry(
                f"HTTP {error.code} {error.reason}", _retry_after(error.headers)
            ) from error
        raise FetchError(f"HTTP {error.code} {error.reason}", url) from error

    def _read(self, answer: HTTPResponse, url: str) -> bytes:
        data = answer.read(self.options.max_bytes + 1)
        if len(data) > self.options.max_bytes:
            raise FetchError(
                f"larger than {self.options.max_bytes // 1_000_000} MB", url
            )
        if answer.headers.get("Content-Encoding", "").lower() == "gzip":
            try:
                unzip = zlib.decompressobj(16 + zlib.MAX_WBITS)
                data = unzip.decompress(data, self.options.max_bytes + 1)
            except zlib.error as error:
                raise FetchError(f"broken gzip body: {error}", url) from error
        return data

    def _host_lock(self, key: str) -> threading.Lock:
        with self._lock:
            return self._hosts.setdefault(key, threading.Lock())

    @contextmanager
    def _polite(self, origin: str) -> Iterator[None]:
        """One request at a time per host, ``delay`` seconds apart (or Crawl-delay)."""
        with self._host_lock(origin):
            wait = self._next.get(origin, 0.0) - self.clock()
            if wait > 0:
                self.sleep(wait)
            try:
                yield
            finally:
                self._next[origin] = self.clock() + self.crawl_delay(origin)


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


def _retry_after(headers: Message) -> float | None:
    value = headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else None
