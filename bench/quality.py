"""What a reader of the drafted briefs sees, counted: issue #19's table for a folder.

Usage:
    python -m bench.quality DIR [--json]            # a content folder, or a corpus
    python -m bench.quality ../shared/train --folds  # ROUGE per fold (see folds.py)

DIR is a content folder, or a corpus folder with ``manifest.json`` (its articles are
in DIR/articles; the ROUGE rows are then computed against its references, beside
Lead-3 and TextRank on the same articles, as ../shared/corpus/README.md scores them).
The pipeline runs in-process through ``site_builder.analyze.analyze``, with the
site's defaults: what ``site-builder analyze`` would print. Every check is the
bench's own (quality_checks.py), never the product's rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from bench import quality_checks as check
from bench.baselines import lead, textrank
from bench.summaries import mean_scores
from site_builder.analyze import analyze
from site_builder.config import load_config

TITLE_WORDS = 16  # real headlines: median 6 words, 95% at most 14
TITLE_CHARACTERS = 100
FRENCH_MARGIN = 1.0  # "above Lead-3 by a clear margin": a ROUGE point on each
TITLE_ROUGE = 25.0


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: ``count`` of ``total`` against a share ``limit``."""

    name: str
    count: int
    total: int
    limit: float  # the largest share allowed (0: none)

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0

    @property
    def met(self) -> bool:
        return self.count == 0 if self.limit == 0 else self.share <= self.limit


@dataclass(frozen=True, slots=True)
class Scores:
    """ROUGE-1/2/L F1 x 100 of one system in one language, and its target."""

    name: str
    lang: str
    values: tuple[float, ...]
    target: str  # what it must reach, said in words
    met: bool | None  # None: a baseline, no target


def counted_rows(records: list[dict[str, Any]], content: Path) -> list[Row]:
    """The table's rows that need no reference, over ``records`` (analyze output)."""
    tally: dict[str, list[int]] = {}

    def count(name: str, hit: bool) -> None:
        cell = tally.setdefault(name, [0, 0])
        cell[0] += hit
        cell[1] += 1

    for record in records:
        _count_record(record, check.body_of(content / record["path"]), count)
    limits = dict(_LIMITS)
    return [Row(name, *tally.get(name, [0, 0]), limits[name]) for name, _ in _LIMITS]


# A summary of one sentence and three points: a shorter article (a wire snippet,
# 305 of the training split's 373 briefs with fewer points) cannot give three.
_ROOM_FOR_POINTS = 5
_FURNITURE = "datelines, stamps, credits, 'Lire aussi', agency prefixes in title or summary (of articles whose text has any)"  # noqa: E501
_LIMITS = (
    (_FURNITURE, 0.05),
    ("key points repeating a summary sentence (word Jaccard >= 0.8)", 0.02),
    ("key points repeating the title (word Jaccard >= 0.8)", 0.01),
    ("key points not in the source's own words", 0.02),
    (f"titles over {TITLE_WORDS} words", 0.05),
    ("titles cut with an ellipsis", 0.01),
    ("stop words shown as topics or keywords", 0.005),
    ("articles with a source_url but no outlet named", 0.02),
    ("undated articles dated by the file's time", 0.0),
    ("a date in the source URL not used", 0.05),
    (f"titles over {TITLE_CHARACTERS} characters", 0.01),
    ("scraper debris in title or summary", 0.01),
    ("summaries opening on an antecedent they do not give", 0.02),
    ("key points under 5 words", 0.02),
    ("briefs with fewer than 3 key points (of articles of 5 or more sentences)", 0.05),
    ("summaries opening on a quotation", 0.05),
    ("sentences glued by the scraper in title or summary", 0.01),
)


def _count_record(record: dict[str, Any], body: str, count: Any) -> None:
    names = [name for name, _ in _LIMITS]
    lang, title, summary = record["lang"], record["title"], record["summary"]
    points = record["key_points"]
    if check.furniture(body):
        count(names[0], bool(check.furniture(title) or check.furniture(summary)))
    parts = check.sentences(summary)
    source = check.typographic(body)
    for point in points:
        count(names[1], any(check.jaccard(point, s) >= 0.8 for s in parts))
        count(names[2], check.jaccard(point, title) >= 0.8)
        count(names[3], not check.own_words(point, source))
        count(names[13], len(check.sentences(point)[0].split()) < 5)
    count(names[4], len(title.split()) > TITLE_WORDS)
    count(names[5], title.rstrip().endswith(("…", "...")))
    for item in [*record["keywords"], *record.get("topics", ())]:
        count(names[6], check.is_stop_word(item, lang))
    url = record.get("source_url") or record.get("_source_url")
    if url:
        outlet = record.get("outlet") or ""
        count(names[7], not outlet or outlet.lower().startswith("unknown"))
    count(names[8], record["date_source"] == "file time")
    dated = check.url_date(url or "")
    if dated and record["date_source"] != "front matter":
        count(names[9], record["date"][:10] != dated)
    count(names[10], len(title) > TITLE_CHARACTERS)
    count(names[11], bool(check.DEBRIS.search(title) or check.DEBRIS.search(summary)))
    count(names[12], bool(parts) and check.opens_on_antecedent(parts[0], lang))
    if len(check.sentences(" ".join(body.split()))) >= _ROOM_FOR_POINTS:
        count(names[14], len(points) < 3)  # a shorter text has no 3 points to give
    count(names[15], bool(parts) and check.opens_on_quote(parts[0]))
    count(names[16], check.glued(title) or check.glued(summary))


def rouge_rows(
    records: list[dict[str, Any]], corpus: Path, manifest: dict[str, Any]
) -> list[Scores]:
    """Summary and title ROUGE against the references, beside the baselines."""
    by_path = {f"articles/{r['path']}": r for r in records}
    rows: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for entry in manifest["articles"]:
        record = by_path.get(entry["path"])
        if record is None or not entry.get("reference_summary_path"):
            continue
        lang = entry["lang"]
        text = check.body_of(corpus / entry["path"])
        reference = (corpus / entry["reference_summary_path"]).read_text("utf-8")
        title = (corpus / entry["reference_title_path"]).read_text("utf-8")
        rows.setdefault(("ours", lang), []).append((reference, record["summary"]))
        rows.setdefault(("Lead-3", lang), []).append((reference, lead(text, lang)))
        rows.setdefault(("TextRank", lang), []).append(
            (reference, textrank(text, lang))
        )
        rows.setdefault(("title", lang), []).append((title, record["title"]))
        rows.setdefault(("title: first sentence", lang), []).append(
            (title, lead(text, lang, 1))
        )
    scores = {key: mean_scores(pairs, key[1]) for key, pairs in rows.items()}
    return judged(scores)


def judged(scores: dict[tuple[str, str], tuple[float, ...]]) -> list[Scores]:
    """Each language's rows with the issue's targets decided."""
    found: list[Scores] = []
    for lang in sorted({lang for _, lang in scores}):
        ours, lead3 = scores[("ours", lang)], scores[("Lead-3", lang)]
        rank = scores[("TextRank", lang)]
        if lang == "en":
            target, met = "at least TextRank's", all(map(float.__ge__, ours, rank))
        else:
            target = f"above Lead-3 by {FRENCH_MARGIN} on each"
            met = all(o >= b + FRENCH_MARGIN for o, b in zip(ours, lead3, strict=True))
        found.append(Scores("summary", lang, ours, target, met))
        found.append(Scores("summary: Lead-3", lang, lead3, "", None))
        found.append(Scores("summary: TextRank", lang, rank, "", None))
        title = scores[("title", lang)]
        found.append(
            Scores("title", lang, title, f"R-1 >= {TITLE_ROUGE}", title[0] >= 25)
        )
        first = scores[("title: first sentence", lang)]
        found.append(Scores("title: first sentence", lang, first, "", None))
    return found


def measure(folder: Path) -> dict[str, Any]:
    """Every row for ``folder`` (a content folder or a corpus with a manifest)."""
    manifest_path = folder / "manifest.json"
    manifest = None
    content = folder
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        content = folder / "articles"
    config = replace(load_config(root=content), content_dir=content.resolve())
    records, _problems = analyze(config)
    _attach_urls(records, content)
    result: dict[str, Any] = {
        "folder": str(folder),
        "articles": len(records),
        "rows": [
            asdict(r) | {"share": r.share, "met": r.met}
            for r in counted_rows(records, content)
        ],
    }
    if manifest is not None:
        result["rouge"] = [asdict(s) for s in rouge_rows(records, folder, manifest)]
    return result


def _attach_urls(records: list[dict[str, Any]], content: Path) -> None:
    """Each record's source_url from its front matter, when analyze leaves it out."""
    from site_builder.load.files import read_article

    for record in records:
        if "source_url" in record or not record["path"].endswith((".md", ".markdown")):
            continue
        article = read_article(content, content / record["path"])
        record["_source_url"] = article.meta.source_url


def table(result: dict[str, Any]) -> str:
    lines = [f"{result['folder']}: {result['articles']} articles", ""]
    lines.append(f"{'what a reader sees':<100} {'now':>16} {'limit':>6}  met")
    for row in result["rows"]:
        now = f"{row['count']} of {row['total']} ({100 * row['share']:.1f}%)"
        limit = "none" if row["limit"] == 0 else f"{100 * row['limit']:g}%"
        mark = "yes" if row["met"] else "NO"
        lines.append(f"{row['name']:<100} {now:>16} {limit:>6}  {mark}")
    if "rouge" in result:
        lines += ["", f"{'ROUGE F1 x 100':<34} lang   R-1   R-2   R-L  target"]
        for s in result["rouge"]:
            cells = " ".join(f"{v:5.1f}" for v in s["values"])
            mark = "" if s["met"] is None else ("met" if s["met"] else "NOT MET")
            lines.append(
                f"{s['name']:<34} {s['lang']:<4} {cells}  {s['target']} {mark}"
            )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON document")
    parser.add_argument(
        "--folds", action="store_true", help="ROUGE per fold of a training corpus"
    )
    args = parser.parse_args(argv)
    # absolute: the loader takes paths under the folder relative to it
    args.folder = args.folder.resolve()
    if args.folds:
        from bench.folds import folds_report

        result = folds_report(args.folder)
        print(json.dumps(result, indent=1) if args.json else result["table"])
        return 0
    result = measure(args.folder)
    print(
        json.dumps(result, ensure_ascii=False, indent=1) if args.json else table(result)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
