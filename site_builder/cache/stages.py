"""The pipeline's stages through the build cache, on every core.

``CachedStages`` has the methods of ``pipeline.PlainStages`` (repair, group,
summarize) with the same arguments and the same results (tests/test_pipeline.py),
plus ``read``, the loader's ``read_all`` through the cache, whose articles come
without their bodies (their repairs hold the text: 40% of the article cache's bytes,
0.1 s of a one-edit build at 10,000 articles). Each computes only what
the stores do not hold, spreads that work over the worker pool, and records what it
used, so that ``ArticleStores.save`` keeps exactly this build's entries.

Reading a file that is not in the cache also repairs it, in the same worker: the
repair is stored, and ``repair`` then finds it (one pass over the workers, and the
body's text is not sent back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from site_builder.cache.store import (
    ArticleStores,
    ContentKey,
    Drafted,
    Outcome,
    Refusal,
    Repair,
    kept_repair,
)
from site_builder.clean.repair import repair
from site_builder.config import Config
from site_builder.dedup.grouping import Grouping, group
from site_builder.dedup.signature import Signature, signatures
from site_builder.errors import ContentError, GoneError
from site_builder.load.files import (
    Loaded,
    LoadResult,
    content_digest,
    file_dates,
    file_time,
    load_file,
    read_article_bytes,
)
from site_builder.load.inputs import Inputs, StatKey
from site_builder.model import (
    Article,
    CleanArticle,
    DateSource,
    Repaired,
    Story,
    Summary,
)
from site_builder.render.fingerprints import summary_digest
from site_builder.summarize.drafting import summarize
from site_builder.text.commonness import prepare
from site_builder.text.headlinese import prepare as prepare_english_style
from site_builder.workers import (
    MIN_ITEMS,
    Progress,
    StageProgress,
    no_stage_progress,
    parallel_map,
)

SIGN_BATCH = 500  # articles signed per task
PROBE = 32  # files read in the parent before the workers fork


class CachedStages:
    """The stages of ``pipeline.decide`` (and the read before it) through the cache."""

    def __init__(
        self, stores: ArticleStores, progress: StageProgress = no_stage_progress
    ) -> None:
        self.stores = stores
        self.progress = progress
        self.digests: dict[StatKey, str] = {}  # what this build saw, for the next
        # the digest of each summary returned, by its id (page fingerprints)
        self.summary_digests: dict[int, str] = {}

    def save(self, grouping: Grouping) -> None:
        """Keep what this build read and computed for the next one."""
        self.stores.save(
            self.digests, grouping.novel, grouping.meanings, grouping.weighed
        )

    def read(self, config: Config, inputs: Inputs) -> LoadResult:
        """``load.files.read_all(config.content_dir, inputs, file_dates)``, from the
        cache, each article's body emptied (``repair`` finds its repair stored)."""
        root = config.content_dir.resolve()
        self.digests = _digests(root, inputs, self.stores)
        keys = {
            stat: (stat[0], self.digests[stat])
            for stat in inputs.keys
            if stat in self.digests
            and self._usable((stat[0], self.digests[stat]), stat)
        }
        missing = [stat for stat in inputs.keys if stat not in keys]
        fresh = _read_and_repair(config, root, missing, self._reading)
        for stat, (outcome, kept) in zip(missing, fresh, strict=True):
            if isinstance(outcome, GoneError):
                continue  # deleted since the scan: as if the scan had not seen it
            digest = outcome.article.digest if isinstance(outcome, Loaded) else ""
            if digest:
                self.digests[stat] = digest
                if kept is not None:
                    self.stores.repairs.put((stat[0], digest), kept)
            keys[stat] = (stat[0], digest or self.digests.get(stat, ""))
            self.stores.loads.put(keys[stat], outcome)
        outcomes = [self.stores.loads.get(keys[s]) for s in inputs.keys if s in keys]
        return _result(inputs, outcomes)

    def _usable(self, key: ContentKey, stat: StatKey) -> bool:
        """Whether the stored outcome stands for the file as it is now: same bytes
        (its key), the same file time for an article dated by it, and, for an
        article (stored without its body), its repair stored too."""
        entry = self.stores.loads.peek(key)
        if entry is None:
            return False
        if isinstance(entry, ContentError):
            return True
        article = entry.article
        moved = article.date_source == DateSource.FILE_TIME and (
            article.date != file_time(stat[2] / 1e9)
        )
        return not moved and key in self.stores.repairs

    def _reading(self, done: int, total: int) -> None:
        self.progress("Reading", done, total)

    def repair(
        self, config: Config, articles: Sequence[Article]
    ) -> tuple[Repaired, ...]:
        """Each article repaired: from the store, else by ``repair`` on every core."""
        store = self.stores.repairs
        missing = [a for a in articles if (a.path, a.digest) not in store]
        done = parallel_map(lambda a: repair(a, config.default_language), missing)
        for article, repaired in zip(missing, done, strict=True):
            store.put((article.path, article.digest), kept_repair(repaired))
        return tuple(_repaired(store.get((a.path, a.digest)), a) for a in articles)

    def group(self, config: Config, articles: Sequence[CleanArticle]) -> Grouping:
        """``dedup.grouping.group`` given every stored signature and novel sentence;
        the missing signatures computed in batches on every core."""
        store = self.stores.signatures
        todo = [a for a in articles if (a.path, a.article.digest) not in store]
        batches = [
            todo[start : start + SIGN_BATCH]
            for start in range(0, len(todo), SIGN_BATCH)
        ]
        signed = parallel_map(
            signatures, batches, chunk=1, min_items=2, progress=self._comparing
        )
        for batch, values in zip(batches, signed, strict=True):
            for article, value in zip(batch, values, strict=True):
                store.put((article.path, article.article.digest), value)
        known = {
            a.path: _signature(store.get((a.path, a.article.digest))) for a in articles
        }
        return group(
            articles,
            config.dedup,
            signatures=known,
            novel=self.stores.novel,
            meanings=self.stores.meanings,
            weighed=self.stores.weighed,
        )

    def _comparing(self, done: int, total: int) -> None:
        self.progress("Comparing", done, total)

    def _summarizing(self, done: int, total: int) -> None:
        self.progress("Summarizing", done, total)

    def summarize(
        self, config: Config, stories: Sequence[Story]
    ) -> tuple[Summary, ...]:
        """A summary per story version; a canonical's is stored under its file."""
        store = self.stores.summaries
        todo = list({_key(s): s for s in stories if _key(s) not in store}.values())
        if len(todo) >= MIN_ITEMS:  # before the fork: workers share the word lists
            prepare({story.canonical.lang for story in todo})
            if any(_drafts_english_title(story) for story in todo):
                prepare_english_style()  # its lemma dictionary, read once
        done = parallel_map(
            lambda story: summarize(story, config),
            todo,
            chunk=32,
            progress=self._summarizing,
        )
        for story, summary in zip(todo, done, strict=True):
            store.put(_key(story), Drafted(summary, summary_digest(summary)))
        drafted = [_drafted(store.get(_key(story))) for story in stories]
        self.summary_digests.update({id(d.summary): d.digest for d in drafted})
        return tuple([d.summary for d in drafted])


def _drafts_english_title(story: Story) -> bool:
    article = story.canonical
    return article.lang == "en" and not article.article.meta.title


def _key(story: Story) -> ContentKey:
    return (story.canonical.path, story.canonical.article.digest)


def _read_and_repair(
    config: Config,
    root: Path,
    missing: list[StatKey],
    progress: Progress,
) -> list[tuple[Outcome, Repair | Refusal | None]]:
    """Each of ``missing`` read and repaired, on every core.

    The first few in this process: a language model they load (about 1 s, for text
    without a front-matter language) is then inherited by every forked worker
    instead of being loaded again by each (workers are renewed).
    """

    def work(stat: StatKey) -> tuple[Outcome, Repair | Refusal | None]:
        try:
            loaded = load_file(root, root / stat[0], file_dates(config))
        except ContentError as error:
            return error, None
        kept = kept_repair(repair(loaded.article, config.default_language))
        # The repair holds the text: the body is neither sent back nor stored.
        return Loaded(replace(loaded.article, body=""), loaded.warnings), kept

    probe = missing[:PROBE] if len(missing) >= MIN_ITEMS else []
    done = [work(stat) for stat in probe]
    done += parallel_map(
        work,
        missing[len(probe) :],
        min_items=MIN_ITEMS - len(probe),
        progress=lambda n, _t: progress(len(probe) + n, len(missing)),
    )
    return done


def _digests(root: Path, inputs: Inputs, stores: ArticleStores) -> dict[StatKey, str]:
    """The content digest of each file the cache may hold an entry for: remembered
    for an unchanged stat, else read (a touched file is then no work). A file whose
    path the cache does not hold is not read here: loading it gives its digest."""
    known = stores.digests
    held = stores.loads.paths()
    digests: dict[StatKey, str] = {}
    for stat in inputs.keys:
        if stat in known:
            digests[stat] = known[stat]
        elif stat[0] in held:
            try:  # the loader's own reading: no pipe is opened to block, no huge file
                _, data = read_article_bytes(root / stat[0])
            except (OSError, ContentError):
                continue  # loading it reports why
            digests[stat] = content_digest(data)
    return digests


def _result(inputs: Inputs, outcomes: list[Outcome | None]) -> LoadResult:
    """What ``read_all`` returns for these outcomes, in the inputs' order."""
    articles = tuple(o.article for o in outcomes if isinstance(o, Loaded))
    errors = tuple(o for o in outcomes if isinstance(o, ContentError))
    found = (w for o in outcomes if isinstance(o, Loaded) for w in o.warnings)
    return LoadResult(articles, errors, (*inputs.refused, *found))


def _repaired(kept: Repair | Refusal | None, article: Article) -> Repaired:
    if kept is None:  # every missing repair was stored just above
        raise AssertionError(f"no repair of {article.path}")
    return kept.applied(article)


def _signature(value: Signature | None) -> Signature:
    if value is None:  # every missing signature was stored just above
        raise AssertionError("a signature is missing")
    return value


def _drafted(value: Drafted | None) -> Drafted:
    if value is None:  # every missing summary was stored just above
        raise AssertionError("a summary is missing")
    return value
