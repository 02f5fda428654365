"""Clean stage, scraper debris: what a broken scrape leaves in the characters.

TeX spacing left in the text ("Quelque 1 =1em000 manifestants", "=1emLes victimes"),
the raw quote marks of a tokenised corpus (```` He said`` ... ``''``) with their
spaces on the wrong side (``delivers, "said``), and HTML entities in plain text
(``communiqu&#233;``). Nothing is removed that a reader would miss: each fix gives
back the character the page showed.
"""

from __future__ import annotations

import html
import re

_TEX_THOUSANDS = re.compile(r"(?<=\d) ?=?1em(?=\d{3}\b)")
_TEX_SPACE = re.compile(r" ?=1em(?=\S)|(?<=[.!?:;] )1em(?=[A-ZÀ-Þ])")
_OPENING = re.compile(r"``\s*")
_DOUBLE_APOSTROPHE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[]))''(?=\w)|(?<=[\w.,!?;:])''(?=[\s),.;:!?]|$)"
)
_CODE = re.compile(r"^\s*(?:```|~~~|    |\t)")
_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def tidy(text: str, markdown: bool) -> str:
    """``text`` with scraper debris fixed (entities only in plain text: Markdown
    renders them itself)."""
    if "1em" in text:
        text = _TEX_SPACE.sub(" ", _TEX_THOUSANDS.sub(" ", text)).strip()
    # In Markdown a pair of `` opens and closes code: only a lone one is a quote.
    if "``" in text and not (
        markdown and (text.count("``") % 2 == 0 or _CODE.match(text))
    ):
        text = _quotes(_OPENING.sub('"', text))
    if "''" in text:
        text = _DOUBLE_APOSTROPHE.sub('"', text)
    if not markdown and "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return text


def _quotes(text: str) -> str:
    """Straight double quotes of a tokenised text put back against their words:
    an opening one before its word, a closing one after its punctuation
    (``delivers, "said`` -> ``delivers," said``)."""
    out: list[str] = []
    opened = False
    for index, character in enumerate(text):
        if character != '"':
            out.append(character)
            continue
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if opened and before == " " and after.isalpha() and out:
            out.pop()  # the space belongs after the closing mark
            out.append('" ')
        else:
            out.append('"')
        opened = not opened
    return "".join(out)
