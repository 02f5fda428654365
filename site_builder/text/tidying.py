"""A cut headline tidied: trailing marks and stranded words off, quotes balanced.

Whatever cuts a title (headline.py, wordcut.py) leaves its end to this: a word
that governs what was cut ("de", "the", "and") goes, a quotation or bracket left
open is closed, one closed but never opened loses its mark, and a leading linking
word ("Mais", "However") goes.
"""

from __future__ import annotations

import re

from site_builder.text.clauses import DANGLING, OPENERS, squeeze

_QUOTES = {"«": "»", "“": "”", "(": ")"}
# Before "an", a count makes it the French year: "un an", "par an", "l'an".
COUNT = re.compile(r"\d+|un|par|chaque|l['’]|d['’]un|l['’]an")


def _balance(text: str) -> str:
    """Close what the cut left open; drop a closing mark with no opening one."""
    for opening, closing in _QUOTES.items():
        if closing not in text and opening not in text:
            continue
        depth, kept = 0, []
        for char in text:
            if char == closing and depth == 0:
                continue
            depth += (char == opening) - (char == closing)
            kept.append(char)
        text = "".join(kept) + closing * depth
    if text.count('"') % 2:
        last = text.rfind('"')
        opens = last == 0 or text[last - 1] in " («"
        text = f'{text}"' if opens else text[:last] + text[last + 1 :]
    return text


def tidy(text: str) -> str:
    """Trailing punctuation and stranded words off, marks balanced, a capital."""
    text = squeeze(text).rstrip(" ,;:-–—.…")
    words = text.split()
    while len(words) > 1 and dangles(words):
        words.pop()
    text = _balance(" ".join(words).rstrip(" ,;:-–—"))
    text = OPENERS.sub("", text)
    lead = next((i for i, c in enumerate(text) if c.isalnum()), 0)
    return text[:lead] + text[lead : lead + 1].upper() + text[lead + 1 :]


def dangles(words: list[str]) -> bool:
    """Whether the last word needs a complement that was cut ("de", "the"); the
    French "an" of "un an" is a year, not an article."""
    last = words[-1].lower()
    if last == "an" and len(words) > 1:
        return not COUNT.fullmatch(words[-2].lower())
    return last in DANGLING
