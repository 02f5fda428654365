"""Slugs: ASCII, lowercase, hyphenated names for URLs and file names."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 80


def slugify(text: str, limit: int = MAX_SLUG) -> str:
    """ASCII, lowercase, hyphenated, at most ``limit`` characters cut between
    words; empty when nothing usable is left."""
    spaced = re.sub(r"['’ʼ`]", " ", text)  # l'Iran -> l iran, not liran
    ascii_text = (
        spaced.lower()
        if spaced.isascii()  # a file path, most often: nothing to decompose
        else unicodedata.normalize("NFKD", spaced)
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    return shorten(re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-"), limit)


def shorten(slug: str, limit: int = MAX_SLUG) -> str:
    """``slug`` cut to ``limit`` characters at a hyphen, never inside a word
    (``...-vendre-des-drones``, not ``...-vendre-des-drones-ar``); a single word
    longer than ``limit`` is cut where it must be."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    if cut[-1] != "-":
        head = cut.rpartition("-")[0]
        cut = head or cut[:limit]
    return cut.rstrip("-")
