"""Vocabulary: a source file's YAML front matter edited as lines, every other byte kept.

A YAML dumper would requote values, reorder keys and drop comments, so keys are
edited textually instead: each top-level key owns the lines from its own to the
last line of its value (found from PyYAML's node marks); a changed key's lines are
replaced, a new key is appended before the closing ``---``, a file without front
matter gets a block in front of its first byte. The BOM, the line endings, comments,
unknown keys and the body are left as they were, and the result is parsed again:
an edit that would change anything but the keys asked for is refused.

TOML (``+++``) front matter is refused rather than edited: our generated values
are YAML, and the files we produce mostly come from ``ingest``, which writes YAML.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import yaml
from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode

from site_builder.errors import ContentError
from site_builder.load.fields import split_front_matter

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_YAML_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_YAML_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n)?")
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n)")
_WIDTH = 1 << 30  # never fold a generated value over several lines


@dataclass(frozen=True, slots=True)
class Layout:
    """A file cut into lines, with where its front matter and each key stand."""

    bom: bytes
    lines: tuple[str, ...]  # each with its own line ending, as in the file
    newline: str  # the ending written on lines we add
    close: int | None  # index of the closing ``---``; None: no front matter
    spans: Mapping[str, tuple[int, int]]  # key -> first and last line index
    values: Mapping[str, Any]  # key -> value, every scalar as text
    body: str  # as the loader reads it

    def text(self) -> str:
        return "".join(self.lines)


def read_layout(data: bytes) -> Layout:
    """The layout of a file's bytes; ContentError when it cannot be edited safely."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ContentError(
            "not valid UTF-8; re-save the file as UTF-8 to enrich it", line=line
        ) from error
    if _TOML_OPEN.match(text):
        raise ContentError(
            "TOML front matter (+++) is not edited by enrich; rewrite it as YAML "
            "between --- lines to enrich this file",
            line=1,
        )
    lines = tuple(_LINE.findall(text))
    split = split_front_matter(re.sub(r"\r\n?", "\n", text))
    values = {field.key: field.value for field in split.fields}
    if not _YAML_OPEN.match(text):
        newline = _ending(lines[0]) if lines and _ending(lines[0]) else "\n"
        return Layout(bom, lines, newline, None, {}, values, split.body)
    close = next(i for i in range(1, len(lines)) if _YAML_CLOSE.fullmatch(lines[i]))
    spans = _spans(lines[1:close])
    return Layout(bom, lines, _ending(lines[0]), close, spans, values, split.body)


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _spans(block_lines: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Top-level key -> (first, last) line index in the file (block starts at 1)."""
    block = re.sub(r"\r\n?", "\n", "".join(block_lines))
    try:
        root = yaml.compose(block, Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:  # our loader read it, so this is unexpected
        raise ContentError(f"front matter cannot be edited: {error}", line=1) from error
    if not isinstance(root, MappingNode):
        return {}
    spans: dict[str, tuple[int, int]] = {}
    for key, value in root.value:
        first = key.start_mark.line
        last = max(first, _last_line(value, block_lines, set()))
        spans[str(key.value)] = (first + 1, last + 1)
    return spans


def _last_line(node: Node, block_lines: Sequence[str], seen: set[int]) -> int:
    """The last line holding part of ``node``'s value (comments after it excluded).

    A block collection ends where the next token starts, past any comment, so its
    end is that of its last leaf; a block scalar ends past trailing blank lines.
    An alias is the node it names, earlier in the block, so ``seen`` stops cycles.
    """
    if id(node) in seen:
        return 0
    seen.add(id(node))
    if isinstance(node, CollectionNode) and not node.flow_style:
        items: list[Node] = (
            [n for pair in node.value for n in pair]
            if isinstance(node, MappingNode)
            else list(node.value)
        )
        return max((_last_line(item, block_lines, seen) for item in items), default=0)
    end = node.end_mark
    last = end.line if end.column > 0 else end.line - 1
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        while last > node.start_mark.line and not block_lines[last].strip():
            last -= 1
    return max(last, node.start_mark.line)


def emit(key: str, value: object, newline: str = "\n") -> list[str]:
    """``key: value`` as YAML lines that our loader reads back as the same text."""
    dumped = yaml.safe_dump(
        {key: value},
        allow_unicode=True,
        width=_WIDTH,
        sort_keys=False,
        default_flow_style=False,
    )
    return [line.replace("\n", newline) for line in _LINE.findall(dumped)]


def text_form(value: object) -> object:
    """``value`` as our loader would read it back: scalars as text."""
    if isinstance(value, Mapping):
        return {str(k): text_form(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [text_form(item) for item in value]
    if isinstance(value, bool):
        return str(value).lower()
    return value if value is None else str(value)


def apply(layout: Layout, changes: Sequence[tuple[str, object]]) -> bytes:
    """The file with each ``(key, value)`` set (``None`` removes the key)."""
    if not changes:
        return layout.bom + layout.text().encode("utf-8")
    lines = list(layout.lines)
    nl = layout.newline
    added = [line for key, v in changes if v is not None for line in emit(key, v, nl)]
    if layout.close is None:
        if not added:
            return layout.bom + layout.text().encode("utf-8")
        lines[:0] = ["---" + nl, *added, "---" + nl]
    else:
        _check_apart(layout)
        lines[layout.close : layout.close] = [
            line
            for key, v in changes
            if key not in layout.spans and v is not None
            for line in emit(key, v, nl)
        ]
        edits = sorted(
            (layout.spans[key], key, value)
            for key, value in changes
            if key in layout.spans
        )
        for (first, last), key, value in reversed(edits):  # keeps indices valid
            lines[first : last + 1] = [] if value is None else emit(key, value, nl)
    data = layout.bom + "".join(lines).encode("utf-8")
    _verify(layout, dict(changes), data)
    return data


def _check_apart(layout: Layout) -> None:
    """Refuse keys sharing a line (``{a: 1, b: 2}``): we edit whole lines."""
    ordered = sorted(layout.spans.items(), key=lambda item: item[1])
    for (key_a, (_, last_a)), (key_b, (first_b, _)) in pairwise(ordered):
        if first_b <= last_a:
            raise ContentError(
                f"front-matter keys {key_a!r} and {key_b!r} share a line; "
                "put each key on its own line to enrich this file",
                line=first_b + 1,
            )


def _verify(layout: Layout, changes: Mapping[str, object], data: bytes) -> None:
    """Parse the edited file: the body and every other key must be as they were."""
    expected = {
        key: value for key, value in layout.values.items() if key not in changes
    }
    expected.update(
        (key, text_form(value)) for key, value in changes.items() if value is not None
    )
    try:
        after = read_layout(data)
        same = after.body == layout.body and dict(after.values) == expected
        order = [key for key in after.values if key in layout.values]
        same = same and order == [key for key in layout.values if key in after.values]
    except ContentError:
        same = False
    if not same:
        raise ContentError(
            "could not edit the front matter without changing other keys or the "
            "body; edit this file by hand",
            line=1,
        )
