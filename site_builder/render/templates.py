"""Render stage, templates: which templates each one uses, and their digests.

A page's fingerprint holds the digest of its template and of all it extends,
includes or imports (``template_digests``), so a template edit re-renders only the
pages that use it. Finding what a template uses takes a parse; what each source
uses is remembered in the folder of compiled templates (``References``), so a build
whose templates did not change parses none.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

import jinja2
from jinja2 import meta

from site_builder.render.template_runtime import Environment

Refs = list[str | None]  # None: a name computed at render time (could be any)


class References:
    """Each template's source and the names it uses, by name for this build and by
    the source's digest across builds (``references.json`` in ``folder``)."""

    def __init__(self, env: jinja2.Environment, folder: Path | None = None) -> None:
        self.env = env
        self.file = folder / "references.json" if folder else None
        self.read: dict[str, tuple[str, Refs]] = {}
        self.known: dict[str, Refs] = {}
        self.changed = False
        if self.file is not None:
            with contextlib.suppress(OSError, ValueError):
                found = json.loads(self.file.read_text(encoding="utf-8"))
                if isinstance(found, dict):
                    self.known = found

    def source(self, name: str) -> tuple[str, Refs]:
        """A template's source and the names it extends, includes or imports."""
        if name not in self.read:
            self.read[name] = self._source(name)
        return self.read[name]

    def _source(self, name: str) -> tuple[str, Refs]:
        env = self.env
        try:
            source = env.loader.get_source(env, name)[0] if env.loader else ""
        except jinja2.TemplateError:  # missing: rendering will say so
            return "<unreadable>", []
        key = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        if key in self.known:
            return source, list(self.known[key])
        try:
            found: Refs = list(meta.find_referenced_templates(env.parse(source)))
        except jinja2.TemplateError:  # broken: rendering will say so
            return "<unreadable>", []
        self.known[key], self.changed = found, True
        return source, found

    def save(self) -> None:
        """Keep what was parsed for the next build (atomically; a failure only
        costs a parse)."""
        if self.file is None or not self.changed:
            return
        temporary = self.file.with_name(f".references.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(self.known), encoding="utf-8")
            os.replace(temporary, self.file)


def template_digests(refs: References, names: Iterable[str]) -> dict[str, str]:
    """Each template's digest: its source, those it extends, includes or imports,
    every partial (``_*.html``: cards are rendered from code, not named in
    templates) and the interface's catalogs. A page's fingerprint holds it, so
    editing ``brief.html`` re-renders the story pages only, ``base.html`` or a
    translation every HTML page."""
    env = refs.env
    assert isinstance(env, Environment), "make_environment's"
    partials = sorted(n for n in env.list_templates() if n.startswith("_"))
    digests = {}
    for name in sorted(set(names)):
        hasher = hashlib.sha256(env.interface.digest.encode("ascii"))
        for current, source in _closure(refs, [name, *partials]):
            hasher.update(f"{current}\0{source}\0".encode("utf-8", "surrogatepass"))
        digests[name] = hasher.hexdigest()
    return digests


def compile_templates(refs: References, names: Iterable[str]) -> None:
    """Compile ``names``, the partials and all they use, once, before workers fork:
    each fresh worker would otherwise compile every template again."""
    env = refs.env
    partials = sorted(n for n in env.list_templates() if n.startswith("_"))
    for current, _source in _closure(refs, [*sorted(set(names)), *partials]):
        with contextlib.suppress(jinja2.TemplateError):  # rendering will say so
            env.get_template(current)


def _closure(refs: References, names: list[str]) -> list[tuple[str, str]]:
    """``names`` and every template they extend, include or import, with sources."""
    seen: set[str] = set()
    found_all: list[tuple[str, str]] = []
    todo = list(names)
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source, found = refs.source(current)
        found_all.append((current, source))
        if None in found:  # a name computed at render time: could be any
            found = list(refs.env.list_templates())
        todo += [ref for ref in found if ref is not None]
    return found_all
