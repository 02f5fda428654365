"""Config: site.toml loaded into one frozen, validated object; unknown keys fail."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from site_builder.errors import ConfigError

CONFIG_NAME = "site.toml"
SENTENCES = {"fr": 2}  # chosen on the training split's folds (README, Summaries)
WORDS = {"en": 0, "fr": 60}


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    """[summary]: how long drafted summaries are, and which tags keywords may become."""

    sentences: int = 3  # at most this many sentences
    max_words: int = 90  # and at most about this many words (0: no word limit)
    # per-language overrides, e.g. sentences_by_language = { fr = 2 }
    sentences_by_language: Mapping[str, int] = field(default_factory=SENTENCES.copy)
    max_words_by_language: Mapping[str, int] = field(default_factory=WORDS.copy)
    key_points: int = 5  # at most this many key points (3 when the text allows)
    keywords: int = 8  # at most this many keywords
    tags: tuple[str, ...] = ()  # tag vocabulary: when set, keywords are chosen from it

    def length(self, lang: str) -> tuple[int, int]:
        """(sentences, max_words) for a summary in ``lang``."""
        return (
            self.sentences_by_language.get(lang, self.sentences),
            self.max_words_by_language.get(lang, self.max_words),
        )


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """[dedup]: how stories are formed and their canonical article chosen."""

    preferred_outlets: tuple[str, ...] = ()  # these outlets win, in this order
    # how the canonical article of a story is chosen, first criterion first
    canonical: tuple[str, ...] = ("outlet", "earliest", "longest")
    # days one outlet's dated articles may span in a story (two outlets': dedup.spans)
    window_days: int = 7
    embeddings: bool = False  # also compare by multilingual embeddings (an extra)


@dataclass(frozen=True, slots=True)
class ContentConfig:
    """[content]: how articles are read."""

    undated: str = "undated"  # no date in front matter, text or URL; or "file-time"


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a build needs to know, resolved to absolute paths."""

    root: Path  # the folder holding site.toml (or the current folder)
    title: str = "Briefing"
    description: str = "The day's news, briefly."
    base_url: str = "http://localhost:8000/"
    default_language: str = "en"
    content_dir: Path = Path("content")
    output_dir: Path = Path("output")
    templates_dir: Path = Path("templates")
    static_dir: Path = Path("static")
    per_page: int = 20
    relative_urls: bool = True  # links work from a sub-folder or from disk
    cname: str = ""  # custom domain written to CNAME by git-branch publishing
    feed_items: int = 20  # newest briefs in each Atom, RSS and JSON feed
    search: bool = True  # build the Pagefind search index and search pages
    topic_min_stories: int = 2  # a topic has a page when this many stories carry it
    words_per_minute: Mapping[str, int] = field(
        default_factory=lambda: {"en": 230, "fr": 200, "default": 200}
    )
    summary: SummaryConfig = SummaryConfig()
    dedup: DedupConfig = DedupConfig()
    content: ContentConfig = ContentConfig()
    config_path: Path | None = None

    def reading_speed(self, lang: str) -> int:
        speeds = self.words_per_minute
        return speeds.get(lang, speeds.get("default", 200))


_TOP_KEYS = {
    "title": str,
    "description": str,
    "base_url": str,
    "default_language": str,
    "content_dir": str,
    "output_dir": str,
    "templates_dir": str,
    "static_dir": str,
    "per_page": int,
    "relative_urls": bool,
    "cname": str,
    "feed_items": int,
    "search": bool,
    "topic_min_stories": int,
    "words_per_minute": dict,
    "summary": dict,
    "dedup": dict,
    "content": dict,
}
_SECTION_KEYS: dict[str, dict[str, type]] = {
    "summary": {
        "sentences": int,
        "max_words": int,
        "sentences_by_language": dict,
        "max_words_by_language": dict,
        "key_points": int,
        "keywords": int,
        "tags": list,
    },
    "dedup": {
        "preferred_outlets": list,
        "canonical": list,
        "window_days": int,
        "embeddings": bool,
    },
    "content": {"undated": str},
}


def key_line(text: str, key: str, section: str | None = None) -> int | None:
    """The 1-based line where ``key`` is set (inside ``[section]`` if given)."""
    current: str | None = None
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
    assign = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        found = header.match(line)
        if found:
            current = found.group(1)
            if section is None and current == key:
                return number
            continue
        if current == section and assign.match(line):
            return number
    return None


def _check(
    path: Path,
    text: str,
    table: Mapping[str, Any],
    schema: Mapping[str, type],
    section: str | None,
) -> None:
    for key, value in table.items():
        line = key_line(text, key, section)
        where = f"[{section}] " if section else ""
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise ConfigError(
                f"unknown key {where}{key!r}; known keys: {known}", path, line
            )
        expected = schema[key]
        if not isinstance(value, expected) or (
            expected is int and isinstance(value, bool)
        ):
            raise ConfigError(
                f"{where}{key} must be {expected.__name__}, not {type(value).__name__}",
                path,
                line,
            )


def _positive(path: Path, text: str, name: str, value: int, section: str | None) -> int:
    if value < 0:
        raise ConfigError(
            f"{name} must be 0 or more", path, key_line(text, name, section)
        )
    return value


def load_config(path: Path | None = None, root: Path | None = None) -> Config:
    """Read site.toml at ``path`` (or defaults for ``root`` when there is none)."""
    if path is None:
        base = (root or Path.cwd()).resolve()
        candidate = base / CONFIG_NAME
        if not candidate.is_file():
            return _resolve(Config(root=base))
        path = candidate
    path = path.resolve()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the configuration: {error}", path) from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        line = int(found.group(1)) if found else None
        raise ConfigError(f"invalid TOML: {message}", path, line) from error
    _check(path, text, data, _TOP_KEYS, None)
    for section, schema in _SECTION_KEYS.items():
        _check(path, text, data.get(section, {}), schema, section)
    return _resolve(_from_table(path, text, data))


def _from_table(path: Path, text: str, data: Mapping[str, Any]) -> Config:
    config = Config(root=path.parent, config_path=path)
    simple = {f.name for f in fields(Config)} & set(data) - set(_SECTION_KEYS)
    values: dict[str, Any] = {}
    for name in simple:
        value = data[name]
        values[name] = Path(value) if name.endswith("_dir") else value
    for name in ("per_page", "topic_min_stories", "feed_items"):
        if values.get(name, 1) < 1:
            raise ConfigError(f"{name} must be 1 or more", path, key_line(text, name))
    if "words_per_minute" in values:
        speeds = values["words_per_minute"]
        for lang, speed in speeds.items():
            if not isinstance(speed, int) or speed < 1:
                line = key_line(text, lang, "words_per_minute")
                raise ConfigError(
                    f"words_per_minute.{lang} must be a positive integer", path, line
                )
        values["words_per_minute"] = {**config.words_per_minute, **speeds}
    values["summary"] = _summary_config(path, text, data.get("summary", {}))
    outlets = data.get("dedup", {}).get("preferred_outlets", [])
    if not all(isinstance(o, str) for o in outlets):
        line = key_line(text, "preferred_outlets", "dedup")
        raise ConfigError(
            "dedup.preferred_outlets must be a list of strings", path, line
        )
    values["dedup"] = _dedup(path, text, data.get("dedup", {}), tuple(outlets))
    content = data.get("content", {})
    if content.get("undated", "undated") not in ("undated", "file-time"):
        message = 'content.undated must be "undated" or "file-time"'
        raise ConfigError(message, path, key_line(text, "undated", "content"))
    values["content"] = ContentConfig(**content)
    return replace(config, **values)


CANONICAL_RULES = ("outlet", "earliest", "longest")


def _dedup(
    path: Path, text: str, table: Mapping[str, Any], outlets: tuple[str, ...]
) -> DedupConfig:
    rules = table.get("canonical", list(CANONICAL_RULES))
    if not all(r in CANONICAL_RULES for r in rules) or len(set(rules)) != len(rules):
        known = ", ".join(CANONICAL_RULES)
        line = key_line(text, "canonical", "dedup")
        raise ConfigError(
            f"dedup.canonical must list distinct rules among: {known}", path, line
        )
    window = _positive(path, text, "window_days", table.get("window_days", 7), "dedup")
    embeddings = bool(table.get("embeddings", False))
    return DedupConfig(outlets, tuple(rules), window, embeddings)


def _summary_config(path: Path, text: str, table: Mapping[str, Any]) -> SummaryConfig:
    def count(name: str, default: int) -> int:
        return _positive(path, text, name, table.get(name, default), "summary")

    by_language: dict[str, dict[str, int]] = {}
    for name in ("sentences_by_language", "max_words_by_language"):
        for lang, value in table.get(name, {}).items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                line = key_line(text, name, "summary")
                message = f"summary.{name}.{lang} must be 0 or more"
                raise ConfigError(message, path, line)
        by_language[name] = dict(table.get(name, {}))
    tags = table.get("tags", [])
    if not all(isinstance(tag, str) and tag.strip() for tag in tags):
        line = key_line(text, "tags", "summary")
        message = "summary.tags must be a list of non-empty strings"
        raise ConfigError(message, path, line)
    own_count = {} if "sentences" in table else SENTENCES  # a site's value: all
    own_words = {} if "max_words" in table else WORDS  # languages get it
    sentences = {**own_count, **by_language["sentences_by_language"]}
    return SummaryConfig(
        sentences=count("sentences", 3) or 1,
        max_words=count("max_words", 90),
        sentences_by_language={lang: n or 1 for lang, n in sentences.items()},
        max_words_by_language={**own_words, **by_language["max_words_by_language"]},
        key_points=count("key_points", 5),
        keywords=count("keywords", 8),
        tags=tuple(tag.strip() for tag in tags),
    )


def _resolve(config: Config) -> Config:
    """Make the folders absolute, relative to the folder of site.toml."""
    return replace(
        config,
        content_dir=config.root / config.content_dir,
        output_dir=config.root / config.output_dir,
        templates_dir=config.root / config.templates_dir,
        static_dir=config.root / config.static_dir,
    )
