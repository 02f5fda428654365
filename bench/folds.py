"""Summary and title ROUGE per fold of a training corpus, for every fitted setting.

Usage: python -m bench.quality ../shared/train --folds [--json]

Folds: leave one source out (fit on the other sources with references, score on
this one) and, within each source, 5 folds by a hash of the article id (fit on the
other sources and four fifths of this one, score on the fifth). A fitted setting is
a pair in ``FITTERS``: ``fit(examples) -> model`` and ``draft(story, model) ->
(summary, title)``; the shipped model is the one fitted on every example. Articles
are loaded and repaired by the product's own stages (load, clean), once, and each
fold drafts them with the site's default configuration, as ``analyze`` does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.baselines import lead, textrank
from bench.quality_checks import body_of
from bench.summaries import mean_scores
from site_builder.clean.repeats import clean
from site_builder.config import Config
from site_builder.load.files import read_article
from site_builder.model import Story
from site_builder.summarize.drafting import summarize

FOLDS = 5


@dataclass(frozen=True, slots=True)
class Example:
    """One article with its references, repaired as the pipeline repairs it."""

    id: str
    source: str  # the manifest's source_dataset
    lang: str
    story: Story
    reference: str
    title: str
    text: str  # the file's text, for the baselines

    @property
    def fifth(self) -> int:
        return hashlib.sha256(self.id.encode()).digest()[0] % FOLDS


Fit = Callable[[Sequence[Example]], Any]
Draft = Callable[[Story, Any], tuple[str, str]]


def _learned_fit(items: Sequence[Example]) -> Any:
    from bench.fit_summary import fit  # it reads this module's examples

    return fit(items)


def _learned_draft(story: Story, model: Any) -> tuple[str, str]:
    drafted = summarize(story, Config(root=Path.cwd()), model)
    return drafted.summary, drafted.title


FITTERS: dict[str, tuple[Fit, Draft]] = {
    "sentence weights": (_learned_fit, _learned_draft),
}


def examples(corpus: Path) -> list[Example]:
    """Every article of ``corpus`` that has a reference summary and title."""
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    content = corpus / "articles"
    found: list[Example] = []
    for entry in manifest["articles"]:
        if not entry.get("reference_summary_path"):
            continue
        article = read_article(content, content / entry["path"].split("/", 1)[1])
        story = Story(entry["id"], clean(article, entry["lang"]), ())
        found.append(
            Example(
                id=entry["id"],
                source=entry["source_dataset"],
                lang=entry["lang"],
                story=story,
                reference=(corpus / entry["reference_summary_path"]).read_text("utf-8"),
                title=(corpus / entry["reference_title_path"]).read_text("utf-8"),
                text=body_of(corpus / entry["path"]),
            )
        )
    return found


def splits(items: Sequence[Example]) -> list[tuple[str, list[int], list[int]]]:
    """(name, train indexes, test indexes) for every fold."""
    sources = sorted({e.source for e in items})
    found = []
    for source in sources:
        test = [i for i, e in enumerate(items) if e.source == source]
        train = [i for i, e in enumerate(items) if e.source != source]
        found.append((f"leave out {source}", train, test))
    for source in sources:
        for fifth in range(FOLDS):
            test = [
                i
                for i, e in enumerate(items)
                if e.source == source and e.fifth == fifth
            ]
            chosen = set(test)
            train = [i for i in range(len(items)) if i not in chosen]
            found.append((f"{source} {fifth + 1}/{FOLDS}", train, test))
    return found


def _baselines(items: Sequence[Example]) -> list[tuple[str, str]]:
    return [(lead(e.text, e.lang), textrank(e.text, e.lang)) for e in items]


def folds_report(corpus: Path) -> dict[str, Any]:
    items = examples(corpus)
    base = _baselines(items)
    rows: list[dict[str, Any]] = []
    for setting, (fit, draft) in FITTERS.items():
        for name, train, test in splits(items):
            model = fit([items[i] for i in train])
            drafts = [draft(items[i].story, model) for i in test]
            lang = items[test[0]].lang
            rows.append(
                {
                    "setting": setting,
                    "fold": name,
                    "lang": lang,
                    "articles": len(test),
                    "summary": _score(items, test, [d[0] for d in drafts], lang),
                    "Lead-3": _score(items, test, [base[i][0] for i in test], lang),
                    "TextRank": _score(items, test, [base[i][1] for i in test], lang),
                    "title": mean_scores(
                        [
                            (items[i].title, d[1])
                            for i, d in zip(test, drafts, strict=True)
                        ],
                        lang,
                    ),
                }
            )
    return {"folds": rows, "table": _table(rows)}


def _score(
    items: Sequence[Example], test: list[int], drafts: list[str], lang: str
) -> tuple[float, ...]:
    pairs = [(items[i].reference, d) for i, d in zip(test, drafts, strict=True)]
    return mean_scores(pairs, lang)


def _table(rows: list[dict[str, Any]]) -> str:
    head = f"{'setting / fold':<44} {'n':>4}  {'summary R-1/2/L':<17} "
    head += f"{'Lead-3':<17} {'TextRank':<17} title R-1/2/L"
    lines = [head]

    def cells(values: tuple[float, ...]) -> str:
        return "/".join(f"{v:.1f}" for v in values)

    for row in rows:
        name = f"{row['setting']}: {row['fold']} ({row['lang']})"
        lines.append(
            f"{name:<44} {row['articles']:>4}  {cells(row['summary']):<17} "
            f"{cells(row['Lead-3']):<17} {cells(row['TextRank']):<17} "
            f"{cells(row['title'])}"
        )
    return "\n".join(lines)
