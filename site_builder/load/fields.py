"""Vocabulary: front matter split from a file and parsed to (key, value, line) fields.

We parse YAML ourselves (PyYAML's composer) rather than through python-frontmatter,
which silently drops a BOM-prefixed, non-mapping or unterminated block, strips the
body and resolves YAML 1.1 types (``title: NO`` -> False). Here every scalar stays
the text the author wrote, duplicate keys and alias bombs are refused, and every
error has a line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from site_builder.errors import ContentError

MAX_ALIASES = 64
MAX_FRONT_MATTER_CHARS = 256 * 1024

_YAML_OPEN = re.compile(r"---[ \t]*\n")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*\n")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Field:
    """One front-matter key with its value (scalars as text) and its file line."""

    key: str
    value: Any
    line: int


@dataclass(frozen=True, slots=True)
class Split:
    """A file's text cut into front matter fields and body."""

    fields: tuple[Field, ...]
    body: str
    body_line: int  # 1-based


class _TextLoader(yaml.SafeLoader):
    """A safe loader that resolves no implicit type: every scalar is a string."""

    aliases = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise ContentError(
                    f"front matter uses more than {MAX_ALIASES} YAML aliases; "
                    "write the values out instead",
                    line=mark.line + 2,  # +1 for 1-based, +1 for the opening ---
                )
        node: Node | None = super().compose_node(parent, index)
        return node


_TextLoader.yaml_implicit_resolvers = {}


def split_front_matter(text: str) -> Split:
    """Separate front matter (YAML ``---`` or TOML ``+++``) from the body."""
    for opener, closer, parse in (
        (_YAML_OPEN, _YAML_CLOSE, _parse_yaml),
        (_TOML_OPEN, _TOML_CLOSE, _parse_toml),
    ):
        opened = opener.match(text)
        if not opened:
            continue
        closed = closer.search(text, opened.end())
        if closed is None:
            raise ContentError(
                f"front matter opened with {text[:3]} is never closed; "
                f"add a line {text[:3]} after the last key",
                line=1,
            )
        block = text[opened.end() : closed.start()]
        if len(block) > MAX_FRONT_MATTER_CHARS:
            raise ContentError("front matter is larger than 256 kB", line=1)
        after = (
            closed.end() + 1
            if text[closed.end() : closed.end() + 1] == "\n"
            else closed.end()
        )
        body_line = text.count("\n", 0, after) + 1
        return Split(parse(block), text[after:], body_line)
    return Split((), text, 1)


def _parse_yaml(block: str) -> tuple[Field, ...]:
    # Without an anchor there can be no alias: libyaml's C parser (10x faster) is safe.
    # With anchors, the Python composer counts aliases and refuses bombs.
    fast = "&" not in block and hasattr(yaml, "CBaseLoader")
    try:
        loader: yaml.SafeLoader | yaml.CBaseLoader = (
            yaml.CBaseLoader(block) if fast else _TextLoader(block)
        )
    except yaml.reader.ReaderError as error:  # the Python reader checks at once
        raise _unprintable(block, error) from error
    try:
        node = loader.get_single_node()
        if node is None:
            return ()
        if not isinstance(node, MappingNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a single value"
            raise ContentError(
                f"front matter is {kind}; it must be keys with values (title: ...)",
                line=node.start_mark.line + 2,
            )
        return _fields(loader, node)
    except yaml.MarkedYAMLError as error:
        # The context ("while scanning a quoted scalar") points where the mistake
        # starts; the problem mark is often only where the parser gave up.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 2 if mark is not None else 1
        problem = error.problem or "invalid YAML"
        if error.context:
            problem = f"{error.context}, {problem}"
        raise ContentError(
            f"invalid YAML in front matter: {problem}", line=line
        ) from error
    except yaml.reader.ReaderError as error:  # libyaml's reader checks as it reads
        raise _unprintable(block, error) from error
    except yaml.YAMLError as error:
        raise ContentError(f"invalid YAML in front matter: {error}", line=1) from error
    finally:
        loader.dispose()


def _unprintable(block: str, error: yaml.reader.ReaderError) -> ContentError:
    """A control character YAML refuses, with its line (positions differ by reader)."""
    code = error.character if isinstance(error.character, int) else 0
    found = block.find(chr(code)) if code else -1
    line = block.count("\n", 0, found) + 2 if found >= 0 else 1
    return ContentError(
        f"front matter contains the control character U+{code:04X}, which YAML "
        "does not allow; remove it or write it as a \\u escape in quotes",
        line=line,
    )


def _fields(
    loader: yaml.SafeLoader | yaml.CBaseLoader, node: MappingNode
) -> tuple[Field, ...]:
    seen: dict[str, int] = {}
    fields: list[Field] = []
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2  # +1 for 1-based, +1 for the opening ---
        if not isinstance(key_node, ScalarNode):
            raise ContentError("front-matter keys must be plain words", line=line)
        key = str(key_node.value)
        if key in seen:
            raise ContentError(
                f"duplicate key {key!r} (first set on line {seen[key]}); keep one",
                line=line,
            )
        seen[key] = line
        fields.append(Field(key, loader.construct_object(value_node, deep=True), line))
    return tuple(fields)


def _parse_toml(block: str) -> tuple[Field, ...]:
    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        # "at end of document": the last line of the block, before the closing +++
        last = block.rstrip("\n").count("\n") + 2
        line = int(found.group(1)) + 1 if found else last
        message = re.sub(
            r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", str(error)
        )
        raise ContentError(
            f"invalid TOML in front matter: {message}", line=line
        ) from error
    lines = block.splitlines()
    result = []
    for key, value in data.items():
        line = next(
            (
                i + 2
                for i, text in enumerate(lines)
                if re.match(rf"\s*\"?{re.escape(key)}\"?\s*=", text)
            ),
            1,
        )
        result.append(Field(key, value, line))
    return tuple(result)
