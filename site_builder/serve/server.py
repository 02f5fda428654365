"""Serve: build, watch the sources, rebuild on change, serve output/ with live reload.

The build writes output/ exactly as ``site-builder build`` does; the live-reload script
is added to HTML responses only, never to the files. Build errors keep the last good
site on the wire and show in every open page until fixed.
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import os
import threading
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, unquote

from site_builder.config import Config
from site_builder.serve.livereload import (
    POLL_URL,
    SCRIPT_URL,
    LiveState,
    client_script,
    inject,
)
from site_builder.serve.rebuild import Built, Rebuilder, untold
from site_builder.serve.watch import ChangeQueue, Log, Watcher, watched_folders

POLL_SECONDS = 25.0  # under the usual proxy and browser idle timeouts


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(header: str | None) -> str:
    """The host of a Host header, without its port: ``[::1]:8000`` -> ``::1``."""
    value = (header or "").strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    name, colon, port = value.rpartition(":")
    return name if colon and port.isdigit() and ":" not in name else value


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True, slots=True)
class Target:
    """What a URL path points to: a file (200), a redirect (301), or a refusal."""

    status: int
    path: Path | None = None
    location: str = ""


def locate(root: Path, url_path: str) -> Target:
    """The file under ``root`` for ``url_path``; never anything outside ``root``.

    Percent-decoding happens once, before checking, so ``%2e%2e`` is a ``..``; links
    are resolved and the result must stay inside ``root``; folders serve their
    ``index.html`` only (no listing).
    """
    decoded = unquote(url_path)
    if "\x00" in decoded or "\\" in decoded:
        return Target(403)
    parts = [part for part in decoded.split("/") if part not in ("", ".")]
    if ".." in parts:
        return Target(403)
    base = Path(os.path.realpath(root))
    found = Path(os.path.realpath(base.joinpath(*parts)))
    if not found.is_relative_to(base):
        return Target(403)
    if found.is_dir():
        if not decoded.endswith("/"):
            return Target(301, location="/" + quote("/".join(parts)) + "/")
        found = Path(os.path.realpath(found / "index.html"))
        if not found.is_relative_to(base):
            return Target(403)
    return Target(200, found) if found.is_file() else Target(404)


def _page_of(url_path: str) -> str:
    """The output file a URL path names: ``/a/b/`` -> a/b/index.html."""
    decoded = unquote(url_path).lstrip("/")
    return decoded + "index.html" if decoded.endswith("/") or not decoded else decoded


class _Handler(BaseHTTPRequestHandler):
    server_version = "site-builder"

    def __init__(self, *args: Any, site: DevServer) -> None:
        self.site = site
        super().__init__(*args)

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request would bury the build messages

    def _respond(self, head: bool) -> None:
        if self.site.loopback and not is_loopback(host_name(self.headers.get("Host"))):
            # DNS rebinding: a web page of evil.example whose name now points at
            # 127.0.0.1 must not read the preview (nor its drafts) from the browser.
            text = b"this dev server answers only to localhost and 127.0.0.1\n"
            self._send(403, "text/plain; charset=utf-8", text, head)
            return
        path, _, query = self.path.partition("?")
        path = path.partition("#")[0]
        if path == POLL_URL:
            self._poll(query)
        elif path == SCRIPT_URL:
            self._send(200, "text/javascript; charset=utf-8", client_script(), head)
        else:
            self._file(path, head)

    def _poll(self, query: str) -> None:
        values = parse_qs(query).get("version", ["-1"])
        version = int(values[0]) if values[0].lstrip("-").isdigit() else -1
        state = self.site.state.wait(version, POLL_SECONDS)
        self._send(200, "application/json", json.dumps(state).encode(), head=False)

    def _file(self, url_path: str, head: bool) -> None:
        # Read the generation before the file: a build finishing in between makes the
        # page look older than it is (one extra reload), never newer (a lost edit).
        generation = self.site.state.generation
        root = self.site.output_dir
        page = _page_of(url_path)
        shown = self.site.rebuilder.previews.page(page)
        if shown is not None:
            data = inject(shown, generation, page)
            self._send(200, "text/html; charset=utf-8", data, head)
            return
        target = locate(root, url_path)
        if target.status == 301:
            self.send_response(301)
            self.send_header("Location", target.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, path = target.status, target.path
        if path is None:
            fallback = locate(root, "/404.html")
            path = fallback.path if target.status == 404 else None
        if path is None:
            text = b"forbidden\n" if status == 403 else b"not found\n"
            self._send(status, "text/plain; charset=utf-8", text, head)
            return
        try:
            data = path.read_bytes()
        except OSError:  # swapped away by a build: the new site has no such file
            self._send(404, "text/plain; charset=utf-8", b"not found\n", head)
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind == "text/html":
            page = os.path.relpath(path, os.path.realpath(root)).replace(os.sep, "/")
            data = inject(data, generation, page)
        if kind.startswith("text/") or kind.endswith(("xml", "json", "javascript")):
            kind += "; charset=utf-8"
        self._send(status, kind, data, head)

    def _send(self, status: int, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(data)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a tab closed mid-response; nothing to do


class DevServer:
    """The running dev server: ``with DevServer(config) as server: server.url``."""

    def __init__(
        self,
        config: Config,
        host: str = "127.0.0.1",
        port: int = 8000,
        log: Log = _quiet,
        built: Built = untold,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        """Bind ``host:port`` (OSError when taken); ``log`` is told what serve
        does, ``built`` each build's report; ``overrides`` are the Config fields
        the command line set, kept when site.toml is read again."""
        self.state = LiveState()
        self.rebuilder = Rebuilder(config, self.state, log, built, overrides)
        self._queue = ChangeQueue()  # watcher -> previews
        self._builds = ChangeQueue(quiet=0.0, longest=0.0)  # previews -> builds
        self._httpd = _HTTPServer((host, port), partial(_Handler, site=self))
        self.loopback = is_loopback(host)  # then only loopback Host headers are served
        self._watcher = Watcher(config, self._queue)
        self._watching = self._sources(config)
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    @property
    def output_dir(self) -> Path:
        return self.rebuilder.config.output_dir

    def __enter__(self) -> DevServer:
        # Watch first: an edit made during the first build is then built next.
        self._watcher.__enter__()
        content = self.rebuilder.config.content_dir
        if content.is_relative_to(Path.cwd()):  # as the user would type it
            content = content.relative_to(Path.cwd())
        self.rebuilder.log(f"building {content.as_posix()}/ ...")
        self.rebuilder.build()
        loops = (self._httpd.serve_forever, self._preview_loop, self._rebuild_loop)
        for target in loops:
            thread = threading.Thread(target=target, name=f"serve-{target.__name__}")
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._queue.close()
        self._builds.close()
        self.state.close()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._watcher.__exit__(None, None, None)
        for thread in self._threads:
            thread.join()

    def wait(self) -> None:
        """Block until interrupted (Ctrl+C)."""
        threading.Event().wait()

    def _preview_loop(self) -> None:
        """Each batch of changes: previews at once, then on to the builds, which
        take every batch that piled up while one was running as one build."""
        while (batch := self._queue.take()) is not None:
            try:
                self.rebuilder.preview(batch)
            except Exception:  # a preview is a courtesy: the build still runs
                self.rebuilder.log(traceback.format_exc())
            for path in batch:
                self._builds.add(path)

    def _rebuild_loop(self) -> None:
        while (batch := self._builds.take()) is not None:
            self.rebuilder.changed(batch)
            watching = self._sources(self.rebuilder.config)
            if watching != self._watching:  # a folder appeared, or site.toml moved one
                self._watcher.__exit__(None, None, None)
                self._watcher = Watcher(self.rebuilder.config, self._queue)
                self._watcher.__enter__()
                # Files written before the new watch began: one more build reads them.
                for folder in set(watching[0]) - set(self._watching[0]):
                    self._queue.add(str(folder))
                self._watching = watching

    @staticmethod
    def _sources(config: Config) -> tuple[list[Path], Path]:
        return watched_folders(config), config.output_dir
