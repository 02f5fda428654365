"""Clean stage, photo credits glued into the text: where a credit ends.

"... sichtlich bewegt. Foto: Gregor Fischer / DPA Jetzt teilen: Berlin - Für ...",
"... on Sunday. Credit: AP/Facebook Thai police on Sunday shot dead ...": a scrape
keeps the credit and runs the next paragraph into it. A credit is a label ("Foto:",
"Photo :", "Picture:", "Credit:", "Bild:", "Image via", "©") and then names:
photographers (two words at most in a row), agencies and picture libraries, joined
by slashes. It ends
before a word that cannot be part of it: a third name in a row, a name after an
agency, a lower-case word, a stop word opening the next sentence ("In unserer ...").
"""

from __future__ import annotations

import re

from site_builder.text.tokens import stop_words

MAX_NAMES = 2  # names in a row: "Gregor Fischer", never "Oliver Berg Düsseldorf"
MAX_STOP = 6  # letters of a stop word that opens a sentence ("Jetzt", "Where")
_LABEL = re.compile(
    r"(?<![\w(])(?:©\s*)?(?:(?:Photos?|Fotos?|Bild|Picture|Credit|Image|Crédit"
    r"|Crédits)\s?[:/]|(?:Photos?|Fotos?|Pictures?|Images?)\s+via\b|©)\s*",
    re.IGNORECASE,
)
# A name or an agency, after a slash, or after a comma when an agency follows it
# ("Matias Delacroix, AP": a comma before a name would be the sentence going on).
_TOKEN = re.compile(
    r"\s*(/|,(?=\s*(?:AP|AFP|dpa|DPA|Reuters|EPA|Getty)\b))?\s*([\w@][\w.'’&@-]*)"
)
# Agencies and picture libraries: a credit may end on one, never go on after it
# except across a slash.
_SOURCES_TEXT = """
ap afp dpa reuters epa getty images istock pa keystone imago shutterstock adobe
stock picture-alliance archiv archivbild symbolbild zb tmn pool via facebook twitter
youtube instagram dreamstime.com ansa efe xinhua sputnik anadolu kyodo yonhap plus
"""
_SOURCES = frozenset(_SOURCES_TEXT.split())
_LEADS = ("dpa", "afp", "ap-", "getty")  # "dpa-tmn", "dpa-Zentralbild"


def credit_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """The spans of the credits in ``text``, label included."""
    spans = []
    stops = stop_words(lang) | stop_words("en")
    for label in _LABEL.finditer(text):
        end = _credit_end(text, label.end(), stops)
        if end > label.end():
            spans.append((label.start(), end))
    return spans


def _credit_end(text: str, start: int, stops: frozenset[str]) -> int:
    end = start
    names = 0  # in a row, since the label or the last slash
    after_source = False
    for found in _TOKEN.finditer(text, start):
        if found.start() != end:
            break
        slash, word = found.group(1), found.group(2)
        key = word.lower().rstrip(".")
        source = key in _SOURCES or key.startswith(_LEADS)
        if slash:
            names, after_source = 0, False
        elif after_source and not source:
            break
        if not (source or word[:1].isupper() or word[:1] == "@"):
            break
        if not source:
            if names >= MAX_NAMES or _opens_sentence(word, key, stops):
                break
            names += 1
        after_source = after_source or source
        end = found.end()
    return end


def _opens_sentence(word: str, key: str, stops: frozenset[str]) -> bool:
    """A short stop word ("In", "Der", "Gli") opens the next sentence; an initial
    ("S.") or a long word the lists happen to hold ("Associated") is a name."""
    return key in stops and len(key) <= MAX_STOP and not word.endswith(".")
