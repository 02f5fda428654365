"""bench.ssg's scenarios: each one's change to a corpus, undone afterwards, and seen?"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from bench.ssg_tools import Tool

SCENARIOS = ("cold", "no-change", "edit one", "add one")
COPY_TAG = "-benchcopy"  # in the file names of added articles, so they can be removed


def prepare(
    tool: Tool, scenario: str, rep: int, pristine: Path
) -> tuple[tuple[str, ...], str | None]:
    """Set ``scenario`` up: the command to time, and the text the output must show."""
    marker = None
    command = tool.warm
    if scenario in ("cold", "cold, cache on"):
        make_cold(tool)
        command = tool.cold if scenario == "cold" else tool.warm
    elif scenario == "edit one":
        marker = edit(tool, rep, pristine)
    elif scenario == "add one":
        marker = add(tool, rep)
    return command, marker


def make_cold(tool: Tool) -> None:
    for pattern in tool.clean:
        paths = (
            [Path(pattern)] if Path(pattern).is_absolute() else tool.site.glob(pattern)
        )
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def chosen_article(tool: Tool) -> Path:
    """An original (not duplicated) article, the same story for every tool."""
    truth = json.loads((tool.site / "ground_truth.json").read_text())
    articles = truth["articles"]
    slug = min(s for s, a in articles.items() if a["kind"] == "original")
    return tool.site / str(articles[slug]["path"])


def keep_pristine(tool: Tool, path: Path, pristine: Path) -> None:
    saved = pristine / tool.site.name / path.relative_to(tool.site)
    if not saved.exists():
        saved.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, saved)


def restore(tool: Tool, pristine: Path) -> None:
    """Undo edits and remove added articles (also after an interrupted run)."""
    for path in tool.site.glob(f"content/**/*{COPY_TAG}*.md"):
        path.unlink()
    saved_root = pristine / tool.site.name
    for saved in (p for p in saved_root.rglob("*") if p.is_file()):
        shutil.copyfile(saved, tool.site / saved.relative_to(saved_root))
    shutil.rmtree(saved_root, ignore_errors=True)


def edit(tool: Tool, rep: int, pristine: Path) -> str:
    """Append a sentence to the last paragraph of one article; returns the marker."""
    path = chosen_article(tool)
    keep_pristine(tool, path, pristine)
    marker = f"Benchmark edit number {rep} was appended here."
    path.write_text(path.read_text().rstrip("\n") + f" {marker}\n")
    return marker


def add(tool: Tool, rep: int) -> str:
    """Copy one article under a new slug (file name) and title, with a sentence of
    its own; returns that sentence. (A plain copy is, to site-builder, a duplicate
    listed under the original's story: from the second copy on its title showed on
    no page, and the check below failed although the build had done its work.)"""
    path = chosen_article(tool)
    marker = f"Benchmark article number {rep} adds this sentence."
    text = path.read_text().rstrip("\n") + f" {marker}\n"
    found = re.search(r'^(title:\s*)"?(.*?)"?$', text, re.IGNORECASE | re.MULTILINE)
    if found is None:
        raise SystemExit(f"no title line in {path}")
    title = f"Benchmark copy {rep} of {found.group(2)}"
    quote = '"' if found.group(0).endswith('"') else ""
    line = f"{found.group(1)}{quote}{title}{quote}"
    copy = path.with_name(f"{path.stem}{COPY_TAG}{rep}.md")
    copy.write_text(text[: found.start()] + line + text[found.end() :])
    return marker


def in_output(tool: Tool, marker: str) -> bool:
    """Whether any page of the output holds ``marker`` (the rebuild saw the change)."""
    pages = (tool.site / tool.output).rglob("*.html")
    return any(marker in page.read_text(errors="replace") for page in pages)


def pages(tool: Tool) -> int:
    return sum(1 for _ in (tool.site / tool.output).rglob("*.html"))
