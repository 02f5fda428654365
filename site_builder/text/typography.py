"""French typography: narrow no-break spaces before ``: ; ! ?`` and inside « »."""

from __future__ import annotations

import re

NNBSP = "\u202f"
_BEFORE = re.compile(r"[ \u00a0\u202f]+([:;!?»])")
_AFTER_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_TIGHT_CLOSE = re.compile(r"(?<=[^\s\u00a0\u202f])»")


def french_spacing(text: str) -> str:
    """Replace the space before ``: ; ! ? »`` and after ``«`` with U+202F.

    Only spaces already there are changed (and the inside of guillemets): times like
    12:30, URLs and "?q=" have no space before the sign and are left alone.
    """
    if not any(sign in text for sign in ":;!?«»"):
        return text
    text = _BEFORE.sub(NNBSP + r"\1", text)
    text = _AFTER_OPEN.sub("«" + NNBSP, text)
    return _TIGHT_CLOSE.sub(NNBSP + "»", text)


def typeset(text: str, lang: str) -> str:
    """Apply the typography rules of ``lang`` to plain text."""
    return french_spacing(text) if lang == "fr" else text
