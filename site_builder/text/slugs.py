"""Slugs: ASCII, lowercase, hyphenated names for URLs and file names."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 80


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphenated; empty when nothing usable is left."""
    spaced = re.sub(r"['’ʼ`]", " ", text)  # l'Iran -> l iran, not liran
    ascii_text = (
        unicodedata.normalize("NFKD", spaced)
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:MAX_SLUG].rstrip("-")
