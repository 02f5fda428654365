"""Publish test helpers: a small built site, and real servers on 127.0.0.1.

The servers (nginx, an rsync daemon, s3rver) are the ones scripts/test-tools.sh
installs; each runs on a free port, bound to 127.0.0.1 only, and is stopped on exit.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.config import Config, load_config

REPO = Path(__file__).resolve().parents[1]
S3RVER = REPO / "tests" / "tools" / "node_modules" / ".bin" / "s3rver"
INSTALL_HINT = "run scripts/test-tools.sh, which installs the publish test tools"

ATOM = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>\n'
)
RSS = b'<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>\n'
JSON_FEED = b'{"version": "https://jsonfeed.org/version/1.1", "items": []}\n'

PAGES: dict[str, bytes] = {
    "index.html": b"<!doctype html><title>Home</title><p>Front page</p>\n",
    "404.html": b"<!doctype html><title>Not found</title>\n",
    "briefs/ferry-strike/index.html": b"<!doctype html><title>Ferry</title>\n",
    "briefs/caf\u00e9-prices/index.html": "<p>Caf\u00e9 \u2019prix</p>\n".encode(),
    "feeds/atom.xml": ATOM,
    "feeds/rss.xml": RSS,
    "feeds/feed.json": JSON_FEED,
    "sitemap.xml": b'<?xml version="1.0"?>\n<urlset></urlset>\n',
    "static/style.css": b"body { margin: 0 }\n",
    "static/app.js": b"console.log('hi');\n",
    "static/logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "static/font.woff2": bytes(range(256)) * 4,
    "pagefind/pagefind.js": b"export {};\n",
    "pagefind/pagefind-entry.json": b'{"version": "1"}\n',
    "pagefind/fragment/en_3f2a9c1.pf_fragment": b"\x1f\x8b\x08\x00binary\xff\x00",
}


@dataclass(frozen=True, slots=True)
class Site:
    """A site folder whose output/ is newer than its sources."""

    root: Path
    config: Config

    @property
    def output(self) -> Path:
        return self.config.output_dir

    def build(self, pages: Mapping[str, bytes]) -> None:
        """Replace output/ by exactly ``pages``, as a build would."""
        shutil.rmtree(self.output, ignore_errors=True)
        self.output.mkdir()
        for name, data in pages.items():
            path = self.output / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def make_site(root: Path, pages: Mapping[str, bytes] = PAGES, toml: str = "") -> Site:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(toml or 'title = "Test"\n', encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "story.md").write_text("---\ntitle: S\n---\nBody.\n")
    past = time.time() - 3600
    for path in (root / "site.toml", root / "content" / "story.md"):
        os.utime(path, (past, past))
    site = Site(root, load_config(root / "site.toml"))
    site.build(pages)
    return site


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited early: {log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"server did not listen on {port}: {log.read_text(errors='replace')}")


@contextmanager
def running(command: list[str], port: int, log: Path) -> Iterator[None]:
    """Run a server in the foreground of a child process until the block ends."""
    with log.open("ab") as sink:
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    try:
        _wait_listening(port, process, log)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        pytest.fail(f"{name} is missing: {INSTALL_HINT}")
    return found


@contextmanager
def nginx(docroot: Path, work: Path) -> Iterator[str]:
    """nginx serving ``docroot`` on 127.0.0.1; yields its base URL."""
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    temp = " ".join(
        f"{kind}_temp_path {work / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, workers would drop to "nobody", who cannot read pytest's tmp folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"""{user}
daemon off; master_process on; worker_processes 1;
pid {work / "nginx.pid"}; error_log {work / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
  access_log off; {temp}
  types {{ text/html html; text/css css; }}
  server {{ listen 127.0.0.1:{port}; root {docroot}; }}
}}
""",
        encoding="utf-8",
    )
    command = [tool("nginx"), "-p", str(work), "-c", str(work / "nginx.conf")]
    with running(command, port, work / "server.log"):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def rsync_daemon(folder: Path, work: Path) -> Iterator[str]:
    """An rsync daemon with module ``site`` = ``folder``; yields ``rsync://host:port``."""
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    (work / "rsyncd.conf").write_text(
        f"""pid file = {work / "rsyncd.pid"}
log file = {work / "rsyncd.log"}
use chroot = no
[site]
  path = {folder}
  read only = no
  uid = {os.getuid()}
  gid = {os.getgid()}
""",
        encoding="utf-8",
    )
    command = [
        tool("rsync"),
        "--daemon",
        "--no-detach",
        f"--config={work / 'rsyncd.conf'}",
        "--address=127.0.0.1",
        f"--port={port}",
    ]
    with running(command, port, work / "server.log"):
        yield f"rsync://127.0.0.1:{port}"


@contextmanager
def s3rver(data: Path, port: int | None = None) -> Iterator[str]:
    """s3rver storing objects under ``data``, bucket ``site``; yields the endpoint."""
    if not S3RVER.exists():
        pytest.fail(f"s3rver is missing: {INSTALL_HINT}")
    port = port or free_port()
    data.mkdir(parents=True, exist_ok=True)
    command = [
        tool("node"),
        str(S3RVER),
        "--directory",
        str(data),
        "--address",
        "127.0.0.1",
        "--port",
        str(port),
        "--configure-bucket",
        "site",
        "--silent",
    ]
    with running(command, port, data.parent / f"s3rver-{port}.log"):
        yield f"http://127.0.0.1:{port}"
