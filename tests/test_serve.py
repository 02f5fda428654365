"""serve: path safety, the watcher, incremental rebuilds equal to a fresh build, and
live reload, CSS swap and the error overlay in a real Chromium."""

from __future__ import annotations

import http.client
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build import build
from site_builder.config import load_config
from site_builder.render.theme import theme_dir
from site_builder.serve.livereload import SCRIPT_URL, inject
from site_builder.serve.server import DevServer, host_name, is_loopback, locate
from site_builder.serve.watch import ChangeQueue, is_ignored, watched_folders

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

EPOCH = "1764000000"
WORDS = [
    "harbour",
    "ferry",
    "council",
    "budget",
    "river",
    "bridge",
    "school",
    "library",
    "market",
    "winter",
    "strike",
    "vote",
    "museum",
    "railway",
    "storm",
    "festival",
    "hospital",
    "tram",
    "water",
    "grant",
]
INJECTED = re.compile(rb'<script src="/__livereload/livereload.js"[^>]*></script>')


@pytest.fixture(autouse=True, scope="module")
def _reproducible() -> Iterator[None]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    yield
    if old is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


def article(title: str, slug: str, body: str, day: int = 1) -> str:
    return (
        f"---\ntitle: {title}\nslug: {slug}\ndate: 2026-03-{day:02d}T08:00:00Z\n"
        f"outlet: Test Wire\n---\n{body}\n"
    )


def paragraphs(seed: str, count: int) -> str:
    """Prose with its own vocabulary per seed, so that dedup keeps stories apart."""
    rng = random.Random(seed)
    syllables = ("ka", "lo", "mi", "ten", "ur", "bas", "vel", "or", "pin", "das")

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(3))

    return "\n\n".join(
        f"The {seed} {' '.join(word() for _ in range(12))} in paragraph {n}."
        for n in range(count)
    )


def make_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "static").mkdir()
    (root / "site.toml").write_text('title = "Serve test"\n', encoding="utf-8")
    (root / "static" / "style.css").write_text("body { color: rgb(1, 1, 1); }\n")
    files = {
        "ferry.md": article("Ferry strike ends", "ferry", paragraphs("ferry", 40), 1),
        "library.md": article(
            "Library reopens", "library", paragraphs("library", 3), 2
        ),
        "storm.md": article("Storm closes bridge", "storm", paragraphs("storm", 3), 3),
    }
    for name, text in files.items():
        (root / "content" / name).write_text(text, encoding="utf-8")
    return root


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 15) -> None:
    """A guard against hanging, not a timing check: fails only when nothing happens."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.02)


def get(url: str, path: str, host: str | None = None) -> tuple[int, bytes]:
    """A raw GET: http.client sends the path exactly as given (no normalising)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": host} if host else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


@pytest.fixture
def server(site: Path) -> Iterator[DevServer]:
    with DevServer(load_config(site / "site.toml"), port=0) as running:
        yield running


# --- path safety -------------------------------------------------------------------


def test_locate_refuses_traversal_and_links_leaving_the_site(tmp_path: Path) -> None:
    root = tmp_path / "output"
    (root / "briefs" / "a").mkdir(parents=True)
    (root / "briefs" / "a" / "index.html").write_text("a")
    (root / "empty").mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "out.txt").symlink_to(tmp_path / "secret.txt")
    (root / "etc").symlink_to("/etc")
    (root / "inside.txt").symlink_to(root / "briefs" / "a" / "index.html")
    assert locate(root, "/briefs/a/").path == root / "briefs" / "a" / "index.html"
    assert locate(root, "/briefs/a").location == "/briefs/a/"
    assert locate(root, "/inside.txt").status == 200
    for refused in (
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/briefs/%2E%2E%2F..%2Fsecret.txt",
        "/out.txt",
        "/etc/passwd",
        "/..%5csecret.txt",
        "/index.html%00.txt",
    ):
        assert locate(root, refused).status == 403, refused
    assert locate(root, "/empty/").status == 404  # no listing
    assert locate(root, "/%252e%252e/secret.txt").status == 404  # decoded once only


def test_server_refuses_traversal_and_lists_no_folder(
    server: DevServer, site: Path
) -> None:
    (server.output_dir / "etc").symlink_to("/etc")
    (server.output_dir / "empty").mkdir()
    for path in (
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/static/%2e%2e/%2e%2e/site.toml",
        "/..%2fsite.toml",
        "/etc/passwd",
        "/etc/",
    ):
        status, body = get(server.url, path)
        assert status == 403, path
        assert b"Serve test" not in body
        assert b"root:" not in body
    status, body = get(server.url, "/empty/")
    assert status == 404
    assert b"Index of" not in body


def test_only_loopback_host_names_are_answered(server: DevServer) -> None:
    port = urlsplit(server.url).port
    for host in (f"evil.example:{port}", "evil.example", f"192.168.1.5:{port}"):
        status, body = get(server.url, "/", host)
        assert status == 403, host
        assert b"localhost" in body
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
        assert get(server.url, "/", host)[0] == 200, host
    assert host_name("[::1]:8000") == "::1"
    assert host_name("LocalHost:80") == "localhost"
    assert host_name("evil.example") == "evil.example"
    assert host_name(None) == ""


def test_loopback_is_recognised() -> None:
    assert is_loopback("127.0.0.1")
    assert is_loopback("localhost")
    assert is_loopback("::1")
    assert not is_loopback("0.0.0.0")
    assert not is_loopback("192.168.1.5")


def test_cli_serves_on_a_free_port_and_warns_off_loopback(site: Path) -> None:
    command = [sys.executable, "-m", "site_builder", "serve", "--port", "0"]
    for extra, warned in (([], False), (["--host", "0.0.0.0"], True)):
        process = subprocess.Popen(
            [*command, *extra], cwd=site, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            found = re.search(r"serving (http://[^ ]+/)", line)
            assert found, line
            url = found.group(1).replace("0.0.0.0", "127.0.0.1")
            status, body = get(url, "/briefs/library/")
            assert status == 200
            assert b"Library reopens" in body
        finally:
            process.terminate()
            _, errors = process.communicate(timeout=20)
        assert ("warning: listening on 0.0.0.0" in errors) is warned


def _serve(site: Path, *extra: str, env: dict[str, str] | None = None) -> Any:
    return subprocess.Popen(
        [sys.executable, "-m", "site_builder", "serve", *extra], cwd=site,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_cli_serve_words_each_build_as_build_does_and_warns_once(site: Path) -> None:
    process = _serve(site, "-p", "0")
    errors: list[str] = []
    assert process.stderr is not None
    reader = threading.Thread(target=lambda: errors.extend(process.stderr or ()))
    reader.start()
    closing = re.compile(
        r"3 articles in 3 stories, 0 repeated passages removed; \d+ pages and feeds,"
        r" \d+ files in output/ \(\d+ written, \d+ removed\); 1 warning;"
        r" done in \d+\.\d s\n"
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("serving http://127.0.0.1:")
        wait_until(lambda: any(map(closing.fullmatch, errors)), "the first build")
        story = site / "content" / "library.md"
        story.write_text(story.read_text() + "\nThe library adds Sunday hours.\n")
        wait_until(lambda: len([*filter(closing.fullmatch, errors)]) == 2, "a rebuild")
    finally:
        process.terminate()
        process.wait(timeout=20)
        reader.join()
        process.stdout.close()
        process.stderr.close()
    assert errors[0] == "building content/ ...\n"
    warned = [line for line in errors if "warning: base_url" in line]
    assert len(warned) == 1, errors  # told once, not after every rebuild
    assert not any(line.startswith("built ") for line in errors)


def test_cli_serve_on_a_taken_port_suggests_port_0(site: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _serve(site, "-p", str(port))
        _, errors = process.communicate(timeout=60)
    assert process.returncode == 2
    assert errors == (
        f"cannot listen on 127.0.0.1:{port}: Address already in use; another"
        " program (another serve?) uses this port: pass --port 0 for any free one,"
        " or -p with another number\n"
    )


def test_cli_serve_open_shows_the_site_in_the_browser(
    site: Path, tmp_path: Path
) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\nprintf %s "$1" > "{opened}.part"\n'
                       f'mv "{opened}.part" "{opened}"\n')  # fmt: skip
    browser.chmod(0o755)
    process = _serve(site, "--port", "0", "--open", env={"BROWSER": str(browser)})
    try:
        assert process.stdout is not None
        found = re.search(r"serving (http://\S+/)", process.stdout.readline())
        assert found
        wait_until(opened.exists, "the browser to be started")
        assert opened.read_text() == found.group(1)
    finally:
        process.terminate()
        process.communicate(timeout=20)


# --- what is served ------------------------------------------------------------------


def test_inject_goes_before_the_last_body_end() -> None:
    tagged = inject(b"<html><body><p>x</p></BODY></html>", 7, 'a/"b".html')
    assert re.fullmatch(
        rb'<html><body><p>x</p><script src="[^"]+" data-generation="7"'
        rb' data-page="a/&quot;b&quot;.html" defer></script></BODY></html>',
        tagged,
    )
    assert inject(b"<p>fragment</p>", 1).startswith(b"<p>fragment</p><script")


def test_html_is_served_with_the_script_but_built_without_it(
    server: DevServer,
) -> None:
    status, body = get(server.url, "/briefs/ferry/")
    assert status == 200
    assert SCRIPT_URL.encode() in body
    built = (server.output_dir / "briefs" / "ferry" / "index.html").read_bytes()
    assert SCRIPT_URL.encode() not in built
    assert INJECTED.sub(b"", body) == built
    status, css = get(server.url, "/static/style.css")
    assert css == (server.output_dir / "static" / "style.css").read_bytes()


# --- watching ------------------------------------------------------------------------


def test_build_products_caches_and_hidden_files_are_ignored(site: Path) -> None:
    config = load_config(site / "site.toml")
    folders = watched_folders(config)
    for ignored in (
        "output/index.html",
        ".output.lock",
        ".output.staging-123/index.html",
        ".site-builder/cache.db",
        "content/.#ferry.md",
        "content/.git/index",
        "content/ferry.md~",
    ):
        assert is_ignored(config, folders, site / ignored), ignored
    for watched in ("content/ferry.md", "content/2026/x.txt", "static/style.css"):
        assert not is_ignored(config, folders, site / watched), watched


def test_change_queue_merges_a_burst_and_never_drops_a_change() -> None:
    queue = ChangeQueue(quiet=0.01, longest=0.05)
    sent = [f"file{n}" for n in range(200)]
    taken: set[str] = set()

    def produce() -> None:
        for name in sent:
            queue.add(name)
            time.sleep(0.001)

    producer = threading.Thread(target=produce)
    producer.start()
    batches = 0
    while taken != set(sent):
        batch = queue.take()
        assert batch is not None
        taken |= batch
        batches += 1
    producer.join()
    assert 1 < batches < len(sent)  # merged, yet a stream cannot starve the builds
    queue.close()
    assert queue.take() is None


def test_only_source_changes_trigger_builds(server: DevServer, site: Path) -> None:
    builds = server.rebuilder.builds
    (server.output_dir / "stray.html").write_text("x")
    (site / ".site-builder").mkdir(exist_ok=True)
    (site / ".site-builder" / "other-tool-file").write_text("x")
    (site / "content" / ".hidden.md").write_text("x")
    edited = site / "content" / "storm.md"
    edited.write_text(article("Storm closes two bridges", "storm", "Short text here."))
    wait_until(lambda: server.rebuilder.builds > builds, "a rebuild")
    assert server.rebuilder.last_batch == {str(edited)}


# --- the invariant: served site == fresh full build --------------------------------

NAMES = ("a.md", "b.md", "c.txt", "d/e.md")
write_op = st.tuples(
    st.just("write"),
    st.sampled_from(NAMES),
    st.lists(st.sampled_from(WORDS), min_size=6, max_size=14),
)
rename_op = st.tuples(st.just("rename"), st.sampled_from(NAMES), st.sampled_from(NAMES))
delete_op = st.tuples(st.just("delete"), st.sampled_from(NAMES))
theme_op = st.tuples(st.sampled_from(["template", "css"]), st.integers(0, 3))
pause_op = st.tuples(st.just("pause"), st.sampled_from([0.0, 0.05, 0.2]))
operations = st.lists(
    st.one_of(write_op, rename_op, delete_op, theme_op, pause_op),
    min_size=1,
    max_size=8,
)


def apply(site: Path, operation: tuple[object, ...]) -> None:
    kind, *args = operation
    content = site / "content"
    if kind == "write":
        name, words = str(args[0]), [str(w) for w in args[1]]  # type: ignore[attr-defined]
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        day = 1 + NAMES.index(name)
        title = " ".join(words[:3]).capitalize()
        path.write_text(article(title, f"s-{day}", " ".join(words) + ".", day))
    elif kind == "rename" and (content / str(args[0])).is_file():
        target = content / str(args[1])
        target.parent.mkdir(parents=True, exist_ok=True)
        (content / str(args[0])).rename(target)
    elif kind == "delete":
        (content / str(args[0])).unlink(missing_ok=True)
    elif kind == "template":
        page = (theme_dir() / "404.html").read_text(encoding="utf-8")
        (site / "templates" / "404.html").write_text(f"{page}<!-- v{args[0]} -->\n")
    elif kind == "css":
        (site / "static" / "style.css").write_text(f"p {{ margin: {args[0]}em; }}\n")
    elif kind == "pause":
        time.sleep(float(str(args[0])))


def fresh_build(site: Path, into: Path) -> dict[str, bytes]:
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    for name in ("content", "templates", "static"):
        shutil.copytree(site / name, into / name)
    shutil.copy2(site / "site.toml", into / "site.toml")
    report = build(load_config(into / "site.toml"))
    assert report.ok
    assert not report.errors
    return tree(into / "output")


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def long_running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    site = make_site(tmp_path_factory.mktemp("invariant") / "site")
    (site / "templates").mkdir()
    with DevServer(load_config(site / "site.toml"), port=0) as running:
        yield running


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=operations)
def test_served_site_equals_a_fresh_build_after_any_edits(
    long_running: DevServer, tmp_path_factory: pytest.TempPathFactory, steps: list
) -> None:
    site = long_running.rebuilder.config.root
    for step in steps:
        apply(site, step)
    expected = fresh_build(site, tmp_path_factory.mktemp("fresh"))

    def settled() -> bool:
        if long_running.rebuilder.previews.showing():
            return False  # the build that reads the last edit is still running
        try:
            return tree(long_running.output_dir) == expected
        except OSError:  # a file swapped away while reading: try again
            return False

    wait_until(settled, "the served site to equal a fresh build")
    for name, data in expected.items():
        status, body = get(long_running.url, "/" + name)
        assert status == 200, name
        assert INJECTED.sub(b"", body) == data, name


# --- in the browser ------------------------------------------------------------------


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 800, "height": 600})
    yield context.new_page()
    context.close()


def title_is(page: Page, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator("h1")).to_contain_text(text, timeout=15_000)


@pytest.mark.browser
def test_an_edit_reloads_the_page_and_keeps_the_scroll_position(
    server: DevServer, site: Path, page: Page
) -> None:
    page.goto(server.url + "briefs/ferry/")
    page.evaluate("window.scrollTo(0, 700); window.notReloaded = true")
    ferry = site / "content" / "ferry.md"
    ferry.write_text(article("Ferry strike over", "ferry", paragraphs("ferry", 40)))
    title_is(page, "Ferry strike over")
    assert page.evaluate("window.notReloaded") is None  # it was a reload
    assert abs(page.evaluate("window.scrollY") - 700) <= 2


@pytest.mark.browser
def test_a_tab_reloads_only_when_its_page_changed(
    server: DevServer, site: Path, browser: Browser
) -> None:
    context = browser.new_context()
    try:
        story, elsewhere = context.new_page(), context.new_page()
        story.goto(server.url + "briefs/storm/")
        elsewhere.goto(server.url + "no-such-page/")  # the 404 page shows no story
        elsewhere.evaluate("window.notReloaded = true")
        builds = server.rebuilder.builds
        storm = site / "content" / "storm.md"
        storm.write_text(article("Storm over", "storm", paragraphs("storm", 3), 3))
        title_is(story, "Storm over")
        wait_until(lambda: server.rebuilder.builds > builds, "the full rebuild")
        time.sleep(0.5)  # time for a wrong reload to happen
        assert elsewhere.evaluate("window.notReloaded") is True
    finally:
        context.close()


@pytest.mark.browser
def test_a_css_change_is_swapped_in_without_a_reload(
    server: DevServer, site: Path, page: Page
) -> None:
    page.goto(server.url)
    page.evaluate("window.notReloaded = true")
    color = "getComputedStyle(document.body).color"
    assert page.evaluate(color) == "rgb(1, 1, 1)"
    (site / "static" / "style.css").write_text("body { color: rgb(2, 3, 4); }\n")
    page.wait_for_function(f"{color} === 'rgb(2, 3, 4)'", timeout=15_000)
    assert page.evaluate("window.notReloaded") is True


def overlay_text(page: Page) -> str:
    box = page.locator("#site-builder-errors")
    box.wait_for(state="visible", timeout=15_000)
    return box.inner_text()


@pytest.mark.browser
def test_bad_yaml_shows_an_overlay_keeps_the_last_good_site_and_clears(
    server: DevServer, site: Path, page: Page
) -> None:
    page.goto(server.url + "briefs/library/")
    library = site / "content" / "library.md"
    good = library.read_text()
    library.write_text(good.replace("title: Library reopens", "title: a: b"))
    text = overlay_text(page)
    assert "content/library.md:2" in text
    assert "2 | title: a: b" in text
    status, body = get(server.url, "/briefs/library/")  # the last good site
    assert status == 200
    assert b"Library reopens" in body
    library.write_text(good.replace("Library reopens", "Library reopens at last"))
    title_is(page, "Library reopens at last")
    assert page.locator("#site-builder-errors").count() == 0


@pytest.mark.browser
def test_a_template_error_shows_path_line_and_the_line_then_clears(
    server: DevServer, site: Path, page: Page
) -> None:
    page.goto(server.url + "briefs/storm/")
    templates = site / "templates"
    templates.mkdir()
    broken = "{% extends 'base.html' %}\n{% block main %}\n<h1>{{ nope.x }}</h1>\n"
    (templates / "brief.html").write_text(broken + "{% endblock %}\n")
    text = overlay_text(page)
    assert "templates/brief.html:3" in text
    assert "3 | <h1>{{ nope.x }}</h1>" in text
    status, body = get(server.url, "/briefs/storm/")
    assert status == 200
    assert b"Storm closes bridge" in body
    fixed = "{% extends 'base.html' %}\n{% block main %}\n<h1>Fixed {{ brief.slug }}"
    (templates / "brief.html").write_text(fixed + "</h1>\n{% endblock %}\n")
    title_is(page, "Fixed storm")
    assert page.locator("#site-builder-errors").count() == 0


@pytest.mark.browser
def test_ten_tabs_all_reload(server: DevServer, site: Path, browser: Browser) -> None:
    context = browser.new_context()
    try:
        tabs = [context.new_page() for _ in range(10)]
        for tab in tabs:
            tab.goto(server.url + "briefs/storm/")
        storm = site / "content" / "storm.md"
        storm.write_text(article("Storm over", "storm", paragraphs("storm", 3), 3))
        for tab in tabs:
            title_is(tab, "Storm over")
        assert tabs[9].evaluate("fetch('/').then(r => r.status)") == 200
    finally:
        context.close()


@pytest.mark.browser
def test_a_burst_of_edits_during_reloads_loses_none(
    server: DevServer, site: Path, page: Page
) -> None:
    page.goto(server.url + "briefs/storm/")
    storm = site / "content" / "storm.md"
    for n in range(12):
        storm.write_text(article(f"Storm edit {n}", "storm", "Rain again.", 3))
        time.sleep(0.04)
    title_is(page, "Storm edit 11")
