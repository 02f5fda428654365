"""Vocabulary: dates, numbers and language names as pages print them (Babel, CLDR)."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal


@cache
def localized_date(lang: str, value: datetime | date, style: str = "long") -> str:
    """``29 novembre 2026`` / ``29 November 2026``; style "full" adds the weekday."""
    locale = _locale(lang)
    if style == "time":
        return format_datetime(value, "d MMMM y, HH:mm", locale=locale)
    if style == "month":
        text = format_date(value, format="LLLL y", locale=locale)
        return text[:1].upper() + text[1:]
    if style == "full" and lang in _FULL_DATE:
        style = _FULL_DATE[lang]
    text = format_date(value, format=style, locale=locale)
    return text[:1].upper() + text[1:] if style != "long" else text


@cache
def language_name(code: str, in_lang: str) -> str:
    """The name of language ``code`` written in ``in_lang`` (``fr`` in en: French)."""
    try:
        name = Locale.parse(code).get_display_name(_locale(in_lang))
    except (ValueError, UnknownLocaleError):
        return code
    return (name[:1].upper() + name[1:]) if name else code


def autonym(code: str) -> str:
    """A language's name in itself: Français, English."""
    return language_name(code, code)


@cache
def og_locale(lang: str) -> str:
    """Open Graph's ``language_TERRITORY``: fr -> fr_FR, en -> en_GB."""
    likely = get_global("likely_subtags").get(_REGIONS.get(lang, lang), "")
    try:
        locale = Locale.parse(likely or _REGIONS.get(lang, lang))
    except (ValueError, UnknownLocaleError):
        return lang
    return f"{locale.language}_{locale.territory}" if locale.territory else lang


# Day-month-year dates ("Sunday 29 November 2026") read better in a briefing than
# CLDR's US default for plain "en".
_REGIONS = {"en": "en_GB"}
# Edition headings as newspapers print them: "Sunday 29 November 2026" (CLDR adds a
# comma in English), "Dimanche 29 novembre 2026".
_FULL_DATE = {"en": "EEEE d MMMM y", "fr": "EEEE d MMMM y"}


@cache
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(_REGIONS.get(lang, lang))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


@cache
def localized_number(lang: str, n: int) -> str:
    """1,234 / 1 234: a whole number as the language writes it."""
    return format_decimal(n, locale=_locale(lang))
