"""A cut headline tidied: trailing marks and stranded words off, quotes balanced.

Whatever cuts a title (headline.py, wordcut.py) leaves its end to this: a word
that governs what was cut ("de", "the", "and") goes, a quotation or bracket left
open is closed, one closed but never opened loses its mark, and a leading linking
word ("Mais", "However") goes.
"""

from __future__ import annotations

import re

from site_builder.text.clauses import DANGLING, OPENERS, squeeze, word_set

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
    cut = False
    while len(words) > 1 and (dangles(words) or (cut and _particle(words))):
        words.pop()  # after "dem", the "auf" of "mit Menschen auf [dem]" governed it
        cut = True
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
    if name_end(words):
        return False
    return last in DANGLING or last in _OTHER_LANGUAGES


# Words a cut title cannot end on in the other languages titles are drafted in
# (German, Spanish, Italian, Polish, Russian): articles, prepositions and "and".
# Not German particles that end a clause ("rufen ... auf", "kehrt ... ein"), nor
# a word of English or French ("die", "do", "am", "den").
_OTHER_LANGUAGES = word_set(
    "der dem des eine einen einem einer und oder von für im vom zum zur el los las "
    "del y con por para al una di della dello dei degli delle nel nella il gli lo "
    "da oraz w z na we ze od za dla "
    "в во на с со к ко по о об от до из за и а но у для при без под над"  # noqa: RUF001
)


# German words that end a clause as a verb's particle ("rufen ... auf") but govern
# the article a cut took off ("auf [dem]").
_PARTICLES = word_set("auf aus mit nach zu an bei vor ein")


def _particle(words: list[str]) -> bool:
    return words[-1].lower() in _PARTICLES


def name_end(words: list[str]) -> bool:
    """Whether a capitalised last word ends a name ("the new Doctor Who"): after a
    capitalised word, where the words before are in sentence case (in Title Case,
    "Gets Schooled By Surgeon General On" is cut after a preposition)."""
    last, before = words[-1:], words[-2:-1]
    if not (last and before and last[0][:1].isupper() and before[0][:1].isupper()):
        return False
    if len(last[0]) < 2:
        return False  # "A", a letter: the "A+ A" of a page's text-size buttons
    return any(word[:1].islower() for word in words[-6:-2])
