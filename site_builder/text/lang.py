"""Language identification: ISO 639-1 code of a text, with py3langid's bundled model."""

from __future__ import annotations

import py3langid


def detect_language(text: str, default: str) -> str:
    """The language of ``text``, or ``default`` when the text is too short to tell."""
    sample = text[:4000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return default
    lang, _score = py3langid.classify(sample)
    return str(lang)
