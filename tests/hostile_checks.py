"""Hostile-input test helpers: nasty strings, site writers, active-content scans.

The scans read what a browser or a feed reader would act on: every ``href``/``src``
(and friends) of every HTML page, of the HTML carried inside Atom, RSS and JSON Feed
items, and every URL-valued field of the XML and JSON outputs. A ``javascript:`` that
only appears as escaped text is harmless and is not reported.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import random
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree

# Written for these tests (the corpus strings are read from ../shared/corpus only).
NASTY: tuple[str, ...] = (
    "<script>alert('t1')</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    "javascript:alert(4)",
    " JaVaScRiPt:alert(5)",
    "java\tscript:alert(6)",
    "&#106;avascript:alert(7)",
    "vbscript:msgbox(8)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==",
    'https://x.example/"onmouseover="alert(10)',
    "https://x.example/<script>alert(11)</script>",
    "//evil.example/twelve",
    "</title><script>alert(13)</script>",
    "</textarea><iframe src=javascript:alert(14)>",
    "]]><x>cdata</x><![CDATA[",
    "<!-- comment --> & &amp; &lt;",
    "{{ 7 * 191 }} {% if true %}jinja{% endif %}",
    "../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/absolute/path",
    "index",
    "static",
    "CON",
    "page",
    "NO",
    "1.10",
    "12:30",
    "~",
    "null",
    "0x1F",
    ".inf",
    "Café",
    unicodedata.normalize("NFD", "Café"),
    "Ünïcödé with ß and Œ",
    "\u202eevil\u202c text",
    "zero\u200bwidth\ufeffbom",
    "line\u2028separator\u2029paragraph",
    "bell\x07 and escape\x1b[31m red",
    "\x85 next line \x96 dash",
    "👩‍👩‍👧 family 🇫🇷 flag",
    "Z\u0337\u0321\u0335a\u0336\u0358l\u0360\u0321g\u0334o",
    "مرحبا بالعالم",
    "שלום עולם",
    "東京で記者会見",
    "'; DROP TABLE briefs; --",
    "%3Cscript%3Ealert(15)%3C/script%3E",
    "a" * 3000,
    "   ",
    "",
)

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data"}
)
ACTIVE_TAGS = frozenset({"iframe", "object", "embed", "frame", "base", "svg", "math"})
OWN_SCRIPTS = ("static/search.js",)
# Browsers drop ASCII whitespace and controls anywhere in a URL's scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")
_ATOM = "{http://www.w3.org/2005/Atom}"
# Not printable for YAML readers, or line breaks: always written as \u escapes.
_ESCAPED = frozenset({0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF, *range(0xD800, 0xE000)})


def dangerous_url(value: str) -> bool:
    """Whether a browser would run ``value`` (already attribute-decoded) as a URL."""
    cleaned = _IGNORED_IN_SCHEME.sub("", html.unescape(value)).lower()
    return cleaned.startswith(DANGEROUS_SCHEMES)


class _ActiveContent(HTMLParser):
    """Collects every piece of markup that could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and not values.get("src", "").endswith(OWN_SCRIPTS):
            self.found.append(f"<script {values}>")
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            # Redirect pages send readers on to a page of the site: a relative or
            # root-relative URL. Anything else (another site, a script) is a problem.
            target = values.get("content", "").partition("url=")[2]
            if not target or ":" in target or target.startswith("//"):
                self.found.append(f"<meta http-equiv=refresh {target!r}>")
        for name, value in values.items():
            handler = name.startswith("on")
            if handler or (name in URL_ATTRIBUTES and dangerous_url(value)):
                self.found.append(f"<{tag} {name}={value!r}>")


def html_problems(text: str) -> list[str]:
    finder = _ActiveContent()
    finder.feed(text)
    finder.close()
    return finder.found


def xml_problems(data: bytes) -> list[str]:
    """Atom, RSS and sitemaps: URL attributes and texts, and HTML-typed contents."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = element.tag.removeprefix(_ATOM)
        for key, value in element.attrib.items():
            if key in URL_ATTRIBUTES and dangerous_url(value):
                found.append(f"<{name} {key}={value!r}>")
        text = element.text or ""
        if name in ("link", "loc", "guid", "id") and dangerous_url(text):
            found.append(f"<{name}>{text!r}")
        html_typed = element.get("type") == "html" or (
            name == "description" and root.tag == "rss"
        )
        if html_typed:
            found += html_problems(text)
    return found


def json_problems(data: bytes) -> list[str]:
    """JSON Feed: ``*url`` fields and ``*_html`` fields."""
    found: list[str] = []

    def walk(value: object, key: str) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str):
            if key.endswith("url") and dangerous_url(value):
                found.append(f"{key}={value!r}")
            if key.endswith("_html"):
                found.extend(html_problems(value))

    walk(json.loads(data), "")
    return found


def output_problems(output: Path) -> dict[str, list[str]]:
    """Active content in every HTML, XML and JSON file of a built site."""
    problems: dict[str, list[str]] = {}
    for path in sorted(output.rglob("*")):
        rel = path.relative_to(output).as_posix()
        if not path.is_file() or rel.startswith("pagefind/"):
            continue
        if path.suffix == ".html":
            found = html_problems(path.read_text(encoding="utf-8"))
        elif path.suffix == ".xml":
            found = xml_problems(path.read_bytes())
        elif path.suffix == ".json":
            found = json_problems(path.read_bytes())
        else:
            continue
        if found:
            problems[rel] = found
    return problems


def words(seed: object, count: int = 14) -> str:
    """Distinct made-up words, so no two test articles look like copies of a story."""
    digest = hashlib.sha256(repr(seed).encode("utf-8", "surrogatepass")).digest()
    draw = random.Random(digest)
    letters = "bcdfghjklmnpqrstvwxz"
    return " ".join(
        "".join(draw.choice(letters) + draw.choice("aeiou") for _ in range(3))
        for _ in range(count)
    )


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar any YAML parser reads back exactly."""
    escaped = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            escaped.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in _ESCAPED:
            escaped.append(f"\\u{code:04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def hostile_article(index: int, text: str) -> str:
    """An article carrying ``text`` in every field and in its body."""
    quoted = yaml_string(text)
    front = "\n".join(
        [
            "---",
            f"title: {quoted}",
            f"tags: [{quoted}]",
            f"slug: {quoted}",
            f"source_url: {quoted}",
            f"image: {quoted}",
            f"outlet: {quoted}",
            f"author: {quoted}",
            f"summary: {quoted}",
            f"key_points: [{quoted}]",
            "lang: en",
            f"date: 2026-11-{1 + index % 28:02d}T{index % 24:02d}:00:00+00:00",
            "---",
        ]
    )
    body = (
        f"Dispatch {index}: {words(index, 120)}.\n\n{text}\n\n"
        f"A [link]({text}) and an ![image]({text}) and <{text}>.\n\n"
        f"<div onclick=alert({index})>{text}</div>\n"
    )
    return f"{front}\n{body}"


def snapshot(root: Path) -> dict[str, tuple[str, bytes | str, int]]:
    """Every entry under ``root``: kind, bytes (or link target) and mtime (ns)."""
    found: dict[str, tuple[str, bytes | str, int]] = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            info = path.lstat()
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path), info.st_mtime_ns)
            elif path.is_dir():
                found[rel] = ("dir", b"", 0)
            else:
                found[rel] = ("file", path.read_bytes(), info.st_mtime_ns)
    return found


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path (empty when ``root`` is missing)."""
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
