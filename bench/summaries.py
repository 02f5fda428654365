"""Evaluation of drafted summaries and titles against the corpus references (ROUGE).

Usage: python -m bench.summaries ../shared/corpus

Scored as ../shared/corpus/README.md describes: rouge-score F1; English with its
tokenizer and Porter stemmer, other languages with lowercase Unicode word tokens;
3 sentences per summary and no word limit (``max_words=0``), as the README's baselines
were picked. (The site's default of 90 words costs English about 2 points, since BBC
references are ~170-word extracts.) Lead-3 and first-sentence titles are recomputed in
the same run with our sentence splitter, beside the README's published baselines. Two
halves of the corpus (split by a hash of the article id) are also scored apart: how
much the figures move between them says how far a difference of a point can be
trusted. Speed is the best of three runs, per article: the stage's summary + key
points + keywords, and the whole summarize() call.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer  # type: ignore[import-untyped]

from site_builder.config import Config, SummaryConfig
from site_builder.model import (
    Article,
    CleanArticle,
    DateSource,
    FrontMatter,
    Paragraph,
    Story,
)
from site_builder.summarize.choose import pick, points
from site_builder.summarize.drafting import read, summarize
from site_builder.text.keywords import keywords
from site_builder.text.sentences import split_sentences

PUBLISHED = {  # README.md, dev split (F1 x 100): en R-1/2/L, fr R-1/2/L
    "Lead-3": (43.9, 35.1, 33.5, 27.2, 10.1, 16.9),
    "LexRank": (51.1, 44.3, 40.5, 23.2, 7.8, 15.2),
    "TextRank": (60.6, 54.3, 46.5, 19.7, 6.1, 12.6),
    "title: first sentence": (23.1, 5.5, 19.8, 21.0, 8.2, 16.5),
}
METRICS = ("rouge1", "rouge2", "rougeL")


class WordTokens:
    """Lowercase Unicode word tokens, for languages rouge-score's tokenizer mangles."""

    def tokenize(self, text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())


def scorer(lang: str) -> rouge_scorer.RougeScorer:
    if lang == "en":
        return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    return rouge_scorer.RougeScorer(list(METRICS), tokenizer=WordTokens())


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Blank-line paragraphs; a file with none has one paragraph per line."""
    blocks = (
        re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    )
    found: list[Paragraph] = []
    line = 1
    for block in blocks:
        if block.strip():
            found.append(Paragraph(block.strip(), line))
        line += block.count("\n") + 1
    return tuple(found)


def story_of(entry: dict[str, Any], corpus: Path) -> Story:
    raw = (corpus / entry["path"]).read_bytes()
    text = raw.decode("utf-8")
    article = Article(
        path=entry["path"],
        markup="text",
        meta=FrontMatter(),
        body=text,
        body_line=1,
        date=datetime(2020, 1, 1, tzinfo=UTC),
        date_source=DateSource.FILE_TIME,
        digest=hashlib.sha256(raw).hexdigest(),
    )
    clean = CleanArticle(article, paragraphs(text), (), entry["lang"], True)
    return Story(entry["id"], clean, ())


def core(story: Story, config: Config) -> None:
    """Summary + key points + keywords only: the part the speed budget covers."""
    clean = story.canonical
    drafting = read(clean)
    chosen = pick(drafting.best_first, 3, 0, frozenset())
    points(drafting.best_first, chosen, frozenset(), config.summary.key_points)
    keywords(drafting.pairs, clean.lang, config.summary.keywords)


def mean_scores(pairs: list[tuple[str, str]], lang: str) -> tuple[float, ...]:
    rouge = scorer(lang)
    totals = [0.0, 0.0, 0.0]
    for reference, candidate in pairs:
        scores = rouge.score(reference, candidate)
        for i, metric in enumerate(METRICS):
            totals[i] += scores[metric].fmeasure
    return tuple(round(100 * t / max(1, len(pairs)), 1) for t in totals)


def timed(function: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _each(
    stage: Callable[[Story, Config], object], stories: list[Story], c: Config
) -> None:
    for story in stories:
        stage(story, c)


def evaluate(corpus: Path) -> dict[str, Any]:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    config = Config(root=Path.cwd(), summary=SummaryConfig(sentences=3, max_words=0))
    rows: dict[str, list[tuple[str, str]]] = {}
    stories: list[Story] = []
    for entry in manifest["articles"]:
        if "summarization" not in entry["tasks"] or entry["lang"] not in ("en", "fr"):
            continue
        story = story_of(entry, corpus)
        stories.append(story)
        lang = entry["lang"]
        summary = summarize(story, config)
        reference = (corpus / entry["reference_summary_path"]).read_text(
            encoding="utf-8"
        )
        title = (corpus / entry["reference_title_path"]).read_text(encoding="utf-8")
        sentences = split_sentences(story.canonical.text, lang)
        rows.setdefault(f"ours {lang}", []).append((reference, summary.summary))
        half = "A" if hashlib.sha256(entry["id"].encode()).digest()[0] % 2 else "B"
        rows.setdefault(f"half{half} {lang}", []).append((reference, summary.summary))
        rows.setdefault(f"lead3-{half} {lang}", []).append(
            (reference, " ".join(sentences[:3]))
        )
        rows.setdefault(f"lead3 {lang}", []).append(
            (reference, " ".join(sentences[:3]))
        )
        rows.setdefault(f"title {lang}", []).append((title, summary.title))
        rows.setdefault(f"first {lang}", []).append((title, sentences[0]))
    scores = {key: mean_scores(pairs, key.split()[1]) for key, pairs in rows.items()}
    seconds = timed(lambda: _each(core, stories, config))
    whole = timed(lambda: _each(summarize, stories, config))
    return {
        "scores": scores,
        "core_ms": 1000 * seconds / len(stories),
        "stage_ms": 1000 * whole / len(stories),
        "articles": len(stories),
    }


def table(result: dict[str, Any]) -> str:
    scores = result["scores"]

    def row(name: str, values: tuple[float, ...]) -> str:
        cells = " ".join(f"{v:5.1f}" for v in values)
        return f"{name:<34} {cells}"

    lines = [f"{'system (F1 x 100)':<34}  en-1  en-2  en-L  fr-1  fr-2  fr-L", "-" * 70]
    lines.append(row("summary: ours", scores["ours en"] + scores["ours fr"]))
    for half in "AB":
        values = scores[f"half{half} en"] + scores[f"half{half} fr"]
        lines.append(row(f"  ours, half {half}", values))
        values = scores[f"lead3-{half} en"] + scores[f"lead3-{half} fr"]
        lines.append(row(f"  Lead-3, half {half}", values))
    lines.append(
        row("summary: Lead-3 (this run)", scores["lead3 en"] + scores["lead3 fr"])
    )
    for name, values in PUBLISHED.items():
        if not name.startswith("title"):
            lines.append(row(f"summary: {name} (README)", values))
    lines.append(row("title: ours", scores["title en"] + scores["title fr"]))
    lines.append(
        row("title: first sentence (this run)", scores["first en"] + scores["first fr"])
    )
    lines.append(
        row("title: first sentence (README)", PUBLISHED["title: first sentence"])
    )
    lines.append("-" * 70)
    lines.append(
        f"{result['articles']} articles; summary + key points + keywords: "
        f"{result['core_ms']:.2f} ms/article; whole stage (with title, entities, "
        f"quality): {result['stage_ms']:.2f} ms/article"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bench.summaries CORPUS_DIR", file=sys.stderr)
        return 2
    print(table(evaluate(Path(argv[0]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
