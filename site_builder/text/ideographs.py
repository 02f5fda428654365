"""Text primitive: Chinese and Japanese runs as overlapping pairs of characters."""

from __future__ import annotations

import re

# Han ideographs, hiragana and katakana: scripts written without spaces
_IDEOGRAPHS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def ideograph_pairs(text: str) -> str:
    """``text`` with each run of Chinese or Japanese characters as character pairs.

    Those scripts write no spaces: split on them, a Chinese article is a few
    clause-long "words" that no other article shares. Overlapping pairs of
    characters are the usual unit for comparing such text ("北京大学" -> "北京 京大
    大学"); a lone character stays as it is.
    """
    if not _IDEOGRAPHS.search(text):
        return text
    return _IDEOGRAPHS.sub(_pairs, text)


def _pairs(run: re.Match[str]) -> str:
    chars = run.group()
    if len(chars) == 1:
        return f" {chars} "
    return " " + " ".join(chars[i : i + 2] for i in range(len(chars) - 1)) + " "
