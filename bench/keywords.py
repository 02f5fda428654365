"""Keywords against the references: how the commonness weighting was chosen.

Usage: python -m bench.keywords ../shared/train [--grid]

There is no reference list of keywords, so a keyword is judged by whether the
article's reference headline (or reference summary) uses it: a story's topic is
what its headline is about. For each setting of ``keywords.PLAIN`` / ``COMMON``
(and "none": ranking by counts alone, as before), over the articles with references:
the share of the first 3 keywords whose stem is in the reference title (P@3 title)
or summary (P@3 summary), and over every article, the share of the 8 keywords that
are stop words by the bench's own lists (quality_checks.is_stop_word, sumy and
stop-words together). Folds: leave one source out (BBC, OrangeSum): the setting
with the best P@3 title on one source is scored on the other.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.quality_checks import is_stop_word
from site_builder.clean.repeats import clean
from site_builder.load.files import read_article
from site_builder.text.keywords import keywords
from site_builder.text.prose import prose
from site_builder.text.sentences import split_sentences
from site_builder.text.tokens import content_terms, content_words, stemmer

NONE = (99.0, 100.0)  # no word is common enough to lose weight: counts alone
GRID = (
    NONE,
    *((plain, common) for plain in (4.0, 4.5, 5.0, 5.5) for common in (6.0, 6.5, 7.0)),
)


@dataclass(frozen=True, slots=True)
class Item:
    source: str
    lang: str
    pairs: list[list[tuple[str, str]]]
    title: frozenset[str]  # reference title stems (empty: no reference)
    summary: frozenset[str]


def items(corpus: Path) -> Iterator[Item]:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    root = corpus / "articles"
    for entry in manifest["articles"]:
        article = clean(read_article(root, corpus / entry["path"]), entry["lang"])
        lang = article.lang
        sentences = [s for p in prose(article) for s in split_sentences(p, lang)]
        refs = []
        for key in ("reference_title_path", "reference_summary_path"):
            path = entry.get(key)
            text = (corpus / path).read_text(encoding="utf-8") if path else ""
            refs.append(frozenset(content_terms(text, lang)))
        yield Item(
            entry["source_dataset"],
            lang,
            [content_words(s, lang) for s in sentences],
            refs[0],
            refs[1],
        )


def score(found: list[Item], setting: tuple[float, float]) -> dict[str, float]:
    hits_title = hits_summary = shown = stops = total = 0
    for item in found:
        words = keywords(item.pairs, item.lang, 8, weighting=setting)
        total += len(words)
        stops += sum(is_stop_word(w, item.lang) for w in words)
        if not item.title:
            continue
        stem = stemmer(item.lang)
        top = [stem(w.lower()) for w in words[:3]]
        shown += len(top)
        hits_title += sum(s in item.title for s in top)
        hits_summary += sum(s in item.summary for s in top)
    return {
        "p3_title": hits_title / max(1, shown),
        "p3_summary": hits_summary / max(1, shown),
        "stop_words": stops / max(1, total),
        "keywords": total,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.keywords")
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args(argv)
    found = list(items(args.corpus))
    by_source = {
        name: [i for i in found if i.source == name] for name in ("bbc", "orangesum")
    }
    table = {}
    print(f"{'plain/common':<14} {'part':<10} P@3 title  P@3 summary  stop words")
    for setting in GRID:
        label = "none" if setting == NONE else f"{setting[0]}/{setting[1]}"
        for part, chosen in (*by_source.items(), ("all", found)):
            result = score(chosen, setting)
            table[label, part] = result
            print(
                f"{label:<14} {part:<10} {result['p3_title']:9.3f} "
                f"{result['p3_summary']:12.3f} {result['stop_words']:10.4f}"
            )
    print("\nleave one source out (chosen on one, scored on the other):")
    for fit, held in (("bbc", "orangesum"), ("orangesum", "bbc")):
        best = max(
            (s for s in GRID if s != NONE),
            key=lambda s: table[f"{s[0]}/{s[1]}", fit]["p3_title"],
        )
        got = table[f"{best[0]}/{best[1]}", held]
        base = table["none", held]
        print(
            f"fit on {fit}: {best[0]}/{best[1]}; on {held}: P@3 title "
            f"{got['p3_title']:.3f} (counts alone {base['p3_title']:.3f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
