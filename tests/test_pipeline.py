"""One pipeline: the cached stages return what the plain ones return; every command
that shows a decision shows the same one."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from site_builder.analyze import analyze
from site_builder.build import build
from site_builder.cache.folder import CacheFolder, Fingerprint
from site_builder.cache.stages import CachedStages
from site_builder.cache.store import ArticleStores
from site_builder.config import Config, load_config
from site_builder.load.files import LoadResult, read_all
from site_builder.load.inputs import scan
from site_builder.model import CleanArticle, Site
from site_builder.pipeline import PLAIN, decide
from site_builder.render.fingerprints import summary_digest

BASIC = Path(__file__).resolve().parent / "sites" / "basic"


def _site(tmp_path: Path) -> Config:
    """The basic golden site, plus a broken file and a repeated passage."""
    site = tmp_path / "site"
    shutil.copytree(BASIC, site, ignore=shutil.ignore_patterns("expected"))
    content = site / "content"
    (content / "broken.md").write_text("---\ntitle: [\n---\nText.\n")
    repeated = "The harbour authority said the ferries would sail again on Monday."
    (content / "notice.txt").write_text(f"{repeated}\n\nMore news.\n\n{repeated}\n")
    (content / "cookies.txt").write_text(
        "Ferry news\n\nWe use cookies to improve your experience. By continuing to "
        "browse you accept our use of cookies.\n"
    )
    return load_config(site / "site.toml")


def _stages(config: Config, use: bool = True) -> CachedStages:
    """Stages through the site's cache, as a build makes them."""
    folder = CacheFolder(config.root, Fingerprint.of(config), use)
    return CachedStages(ArticleStores(folder))


def _same_read(cached: LoadResult, plain: LoadResult, bodies: bool = False) -> None:
    """``cached`` reads what ``plain`` reads; its articles without their bodies
    (their stored repairs hold them) unless it read ``bodies`` too."""
    wanted = plain.articles
    assert cached.articles == (
        wanted if bodies else tuple(replace(a, body="") for a in wanted)
    )
    assert [str(e) for e in cached.errors] == [str(e) for e in plain.errors]
    assert [e.line for e in cached.errors] == [e.line for e in plain.errors]
    assert cached.warnings == plain.warnings


def test_each_cached_stage_returns_what_the_plain_stage_returns(
    tmp_path: Path,
) -> None:
    config = _site(tmp_path)
    inputs = scan(config.content_dir)
    plain = read_all(config.content_dir, inputs)
    assert plain.errors, "the broken file is reported"
    expected = decide(config, plain.articles)
    assert any(a.removed for a in expected.articles), "a repeat was removed"
    assert [a.article.path for a in expected.refused] == ["cookies.txt"], "no article"
    for round_ in ("cold", "warm"):  # computed, then from the stores
        stages = _stages(config)
        loaded = stages.read(config, inputs)
        _same_read(loaded, plain)
        repaired = stages.repair(config, loaded.articles)
        assert repaired == PLAIN.repair(config, plain.articles), round_
        cleaned = [a for a in repaired if isinstance(a, CleanArticle)]
        grouping = stages.group(config, cleaned)
        assert grouping == PLAIN.group(config, cleaned), round_
        summaries = stages.summarize(config, grouping.stories)
        assert summaries == PLAIN.summarize(config, grouping.stories), round_
        # each summary's stored digest is its digest (page fingerprints use it)
        assert stages.summary_digests == {
            id(s): summary_digest(s) for s in summaries
        }, round_
        assert decide(config, loaded.articles, stages) == expected, round_
        stages.save(grouping)


def test_a_file_deleted_after_the_scan_is_a_deletion_not_an_error(
    tmp_path: Path,
) -> None:
    """serve's builds race the editor: a file listed by the scan may be gone before
    it is read; the build then reads as if the scan had not seen it."""
    config = _site(tmp_path)
    inputs = scan(config.content_dir)
    gone = config.content_dir / "notice.txt"
    gone.unlink()
    expected = read_all(config.content_dir, scan(config.content_dir))
    plain = read_all(config.content_dir, inputs)
    _same_read(plain, expected, bodies=True)
    for round_ in ("cold", "warm"):
        _same_read(_stages(config).read(config, inputs), expected)
        assert "notice.txt" not in {a.path for a in expected.articles}, round_


def test_a_repair_missing_from_the_store_is_computed_like_the_plain_one(
    tmp_path: Path,
) -> None:
    config = _site(tmp_path)
    articles = read_all(config.content_dir, scan(config.content_dir)).articles
    stages = _stages(config, use=False)  # nothing read first: repair does the work
    assert stages.repair(config, articles) == PLAIN.repair(config, articles)


def test_analyze_and_the_built_pages_agree_on_every_headline(tmp_path: Path) -> None:
    config = _site(tmp_path)
    built: list[Site] = []
    build(config, written_site=built.append)
    records, _problems = analyze(config)
    by_path = {record["path"]: record for record in records}
    (site,) = built
    assert site.briefs
    for brief in site.briefs:
        record = by_path[brief.story.canonical.path]
        assert record["title"] == brief.summary.title
        assert record["summary"] == brief.summary.summary
        assert record["story"] == brief.story.id
    json.dumps(records)  # what --json prints


@pytest.mark.corpus
def test_analyze_and_the_built_dev_corpus_agree_on_every_headline(
    corpus: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for article in sorted((corpus / "articles").iterdir()):
        shutil.copy(article, site / "content" / article.name)  # a temporary site
    (site / "site.toml").write_text("search = false\n")
    config = load_config(site / "site.toml")
    built: list[Site] = []
    build(config, written_site=built.append)
    titles = {record["path"]: record["title"] for record in analyze(config)[0]}
    (found,) = built
    assert len(found.briefs) > 200
    disagree = [
        b.story.canonical.path
        for b in found.briefs
        if titles[b.story.canonical.path] != b.summary.title
    ]
    assert disagree == []


def test_an_article_stored_without_its_repair_is_read_again(tmp_path: Path) -> None:
    """The article cache keeps no bodies: an article whose repair is not stored
    is read again from its file, never repaired from an empty body."""
    config = _site(tmp_path)
    inputs = scan(config.content_dir)
    plain = read_all(config.content_dir, inputs)
    stages = _stages(config)
    stages.read(config, inputs)
    stages.stores.repairs.used.clear()  # as if the repairs were lost
    stages.save(PLAIN.group(config, []))
    again = _stages(config)
    loaded = again.read(config, inputs)
    _same_read(loaded, plain)
    assert again.repair(config, loaded.articles) == PLAIN.repair(config, plain.articles)
