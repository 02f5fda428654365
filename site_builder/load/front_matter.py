"""Vocabulary: raw front-matter fields -> a typed FrontMatter, with path:line problems.

Bad values fail the article (``ContentError`` with the key's line); doubtful ones
(a language that is not a code, an unsafe address, a reading time that is not a
number) are dropped with a warning. Unknown keys are kept, in order, in ``extra``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from site_builder.errors import BuildWarning, ContentError
from site_builder.load.fields import Field
from site_builder.model import FrontMatter

_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_HTTP_URL = re.compile(r"^https?://[^\s/]", re.IGNORECASE)
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0", ""}
_TEXT_KEYS = (
    "title",
    "lang",
    "summary",
    "outlet",
    "author",
    "slug",
    "duplicate_of",
    "story",
    "reported_by",
)
_LIST_KEYS = (
    "key_points",
    "tags",
    "keywords",
    "not_duplicate_of",
    "entities",
    "aliases",
)
_URL_KEYS = ("source_url",)


def front_matter(
    fields: tuple[Field, ...], rel: str
) -> tuple[FrontMatter, tuple[BuildWarning, ...]]:
    """Typed FrontMatter from raw fields; bad values fail, doubtful ones warn."""
    values: dict[str, object] = {}
    extra: list[tuple[str, object]] = []
    warnings: list[BuildWarning] = []
    for field in fields:
        key = field.key
        if key in _TEXT_KEYS:
            values[key] = _text(field)
        elif key in _LIST_KEYS:
            values[key] = _text_list(field)
        elif key in _URL_KEYS:
            url = _text(field)
            if url and not _HTTP_URL.match(url):
                warnings.append(
                    BuildWarning(
                        f"{key} must be an http(s) address; ignored", rel, field.line
                    )
                )
                url = None
            values[key] = url
        elif key == "source":  # a common synonym: an address, or the outlet's name
            text = _text(field)
            if text and _HTTP_URL.match(text):
                values.setdefault("source_url", text)
            elif text:
                values.setdefault("outlet", text)
        elif key == "date":
            values[key] = parse_date(field)
        elif key == "reviewed":
            values[key] = _flag(field)
        elif key == "reading_time":
            values[key] = _minutes(field, rel, warnings)
        else:
            extra.append((key, field.value))
    lang = values.get("lang")
    if isinstance(lang, str) and not _LANG.match(lang.lower()):
        line = next(f.line for f in fields if f.key == "lang")
        warnings.append(
            BuildWarning(f"lang {lang!r} is not a language code (fr, en)", rel, line)
        )
        values["lang"] = None
    elif isinstance(lang, str):
        values["lang"] = lang.lower()
    meta = FrontMatter(**values, extra=tuple(extra))  # type: ignore[arg-type]
    return meta, tuple(warnings)


def _minutes(field: Field, rel: str, warnings: list[BuildWarning]) -> int | None:
    """``3``, ``"3"`` or ``"3 min"``: a whole number of minutes; else warned, None."""
    value = field.value
    text = str(value).split()[0] if isinstance(value, (int, str)) and value else ""
    if isinstance(value, bool) or not text.isdigit() or int(text) <= 0:
        if value not in (None, ""):
            warnings.append(
                BuildWarning(
                    "reading_time must be a whole number of minutes, like 3; ignored",
                    rel,
                    field.line,
                )
            )
        return None
    return int(text)


def _text(field: Field) -> str | None:
    value = field.value
    if value is None or value == "":
        return None
    if isinstance(value, (list, dict)):
        raise ContentError(
            f"{field.key} must be text, not a list or mapping", line=field.line
        )
    return str(value).strip() or None


def _text_list(field: Field) -> tuple[str, ...]:
    value = field.value
    if isinstance(value, dict):
        raise ContentError(f"{field.key} must be a list of text", line=field.line)
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        if isinstance(item, (list, dict)):
            raise ContentError(f"{field.key} must be a list of text", line=field.line)
        if item is not None and str(item).strip():
            result.append(str(item).strip())
    return tuple(result)


def _flag(field: Field) -> bool:
    value = field.value
    text = (
        str(value).strip().lower()
        if not isinstance(value, bool)
        else str(value).lower()
    )
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ContentError(
        f"{field.key} must be true or false, not {value!r}", line=field.line
    )


def parse_date(field: Field) -> datetime:
    """An aware datetime from ISO 8601 text (a bare date is midnight UTC)."""
    value = field.value
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        try:
            parsed = datetime.fromisoformat(
                text.replace(" ", "T", 1) if " " in text else text
            )
        except ValueError as error:
            raise ContentError(
                f"invalid date {text!r}; write 2026-11-29 or 2026-11-29T08:30:00+01:00",
                line=field.line,
            ) from error
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    try:  # 9999-12-31T23:00-05:00 parses but has no UTC time: feeds would crash
        parsed.astimezone(UTC)
    except OverflowError as error:
        raise ContentError(
            f"date {str(field.value).strip()!r} is out of range once in UTC",
            line=field.line,
        ) from error
    return parsed
