"""Write site_builder/text/number_words.json: the words that spell numbers.

Usage: python -m bench.number_words

The words come from num2words (a bench extra): cardinals 0-20, the tens, 100, 1,000,
a million and a billion, and the ordinals 1-12, each cut into words. "dix", "zwanzig"
or "thousand" can never be a topic or a keyword; num2words is not a run-time
dependency because importing it loads its 56 language modules (0.4 s), for a list
that never changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from num2words import CONVERTER_CLASSES, num2words

OUT = Path(__file__).parents[1] / "site_builder" / "text" / "number_words.json"
CARDINALS = (*range(21), 30, 40, 50, 60, 70, 80, 90, 100, 1000, 10**6, 10**9)
ORDINALS = range(1, 13)
_WORD = re.compile(r"[^\W\d_]+")


def spelled(lang: str) -> list[str]:
    """The lower-cased words num2words uses to spell our numbers in ``lang``."""
    found: set[str] = set()
    for kind, numbers in (("cardinal", CARDINALS), ("ordinal", ORDINALS)):
        for number in numbers:
            try:
                text = num2words(number, lang=lang, to=kind)
            except (NotImplementedError, OverflowError, ValueError, TypeError):
                continue
            found.update(w.lower() for w in _WORD.findall(text) if len(w) > 1)
    return sorted(found)


def main() -> None:
    table = {}
    for code in sorted(CONVERTER_CLASSES):
        lang = code.split("_")[0]
        if len(lang) == 2 and lang not in table:
            words = spelled(lang)
            if words:
                table[lang] = words
    OUT.write_text(
        json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"{OUT}: {len(table)} languages, {sum(map(len, table.values()))} words")


if __name__ == "__main__":
    main()
