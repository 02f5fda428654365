"""A cached build equals a cold build byte for byte, after any sequence of edits.

Hypothesis draws sequences of what a desk does to a content folder (edit a body,
retitle, redate, add an article, copy one, delete one, add or drop a tag, touch a
file: its bytes are then known by their digest, and the stored article, kept
without its body, is used with its stored repair) and after each step the site
built with the cache must equal the site built from nothing.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_builder.build import build
from site_builder.cache.folder import CACHE_DIR
from site_builder.config import load_config

BASIC = Path(__file__).resolve().parent / "sites" / "basic"
WORDS = (
    "harbour",
    "council",
    "ferry",
    "library",
    "budget",
    "strike",
    "market",
    "bridge",
    "river",
    "school",
)
STEPS = st.lists(
    st.tuples(
        st.sampled_from(
            (
                *("edit", "retitle", "redate", "add", "copy", "delete", "tag"),
                *("untag", "touch"),
            )
        ),
        st.integers(min_value=0, max_value=9),
    ),
    min_size=1,
    max_size=4,
)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _articles(content: Path) -> list[Path]:
    return sorted(p for p in content.iterdir() if p.suffix in (".md", ".txt"))


def _apply(content: Path, step: str, n: int) -> None:
    """One change a desk makes; a step with nothing to act on does nothing."""
    articles = _articles(content)
    word = WORDS[n]
    if step == "add" or not articles:
        (content / f"new-{n}-{len(articles)}.md").write_text(
            f"---\ntitle: The {word} of Orlen reopens\n"
            f"date: 2026-11-{20 + n}T08:00:00Z\n---\n"
            f"The {word} of Orlen reopened on Monday after {n + 2} months of work, "
            f"the town said. Residents had waited for the {word} since the spring "
            "floods.\n\nThe works cost the town and the region about a million euros.\n"
        )
        return
    target = articles[n % len(articles)]
    text = target.read_text(encoding="utf-8")
    if step == "edit":
        target.write_text(text.rstrip("\n") + f"\n\nThe {word} was mentioned again.\n")
    elif step == "retitle" and text.startswith("---\n"):
        title = f"title: A new {word} headline"
        target.write_text(re.sub(r"^title: .*$", title, text, count=1, flags=re.M))
    elif step == "redate" and "\ndate: " in text:
        date = f"date: 2026-11-1{n}T06:00:00Z"
        target.write_text(re.sub(r"^date: .*$", date, text, count=1, flags=re.M))
    elif step == "copy":
        shutil.copy2(target, content / f"copy-{n}-{target.name}")
    elif step == "delete" and len(articles) > 1:
        target.unlink()
    elif step == "tag" and text.startswith("---\n"):
        # the tag replaces the article's own (a second tags: key is an error)
        untagged = re.sub(r"^tags: .*\n", "", text, flags=re.M)
        target.write_text(untagged.replace("---\n", f"---\ntags: [{word}]\n", 1))
    elif step == "untag":
        target.write_text(re.sub(r"^tags: .*\n", "", text, flags=re.M))
    elif step == "touch":  # same bytes, new stat: the stored article is used again
        when = target.stat().st_mtime_ns + (n + 1) * 1_000_000_000
        os.utime(target, ns=(when, when))


def _cold(site: Path) -> dict[str, bytes]:
    fresh = site.parent / "cold"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("output", CACHE_DIR))
    for source in (site / "content").rglob("*"):  # file times: file-time dates
        if source.is_file():
            target = fresh / "content" / source.relative_to(site / "content")
            shutil.copystat(source, target)
    build(load_config(fresh / "site.toml"), use_cache=False)
    return _tree(fresh / "output")


@settings(
    max_examples=int(os.environ.get("SITE_BUILDER_EDIT_EXAMPLES", "6")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
@example(steps=[("delete", 1), ("delete", 1), ("tag", 0)])  # a tagged article
@example(steps=[("touch", 2), ("edit", 2), ("touch", 2)])  # bytes known by digest
def test_cached_builds_equal_cold_builds_after_any_edits(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    steps: list[tuple[str, int]],
) -> None:
    site = tmp_path_factory.mktemp("edits") / "site"
    shutil.copytree(BASIC, site, ignore=shutil.ignore_patterns("expected"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    config = load_config(site / "site.toml")
    assert build(config).ok
    for step, n in steps:
        _apply(site / "content", step, n)
        assert build(config).ok, (step, n)
        assert _tree(site / "output") == _cold(site), (step, n)
