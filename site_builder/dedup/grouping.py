"""Dedup stage: CleanArticles -> Stories (exact copies, near copies, same-story groups).

The per-article part is a ``signature.Signature``: it depends on one article alone,
so a build may cache it and pass it to ``group``, which then does only the work
across articles:

1. Exact copies: equal folded words after the publisher's header and footer are
   dropped (``text.normalize``).
2. Near copies (``copies``): MinHash signatures of word 5-grams, candidate pairs
   from LSH bands (42 bands of 3 rows: a pair at Jaccard 0.5 is proposed with
   probability 0.995, one at 0.1 with 0.04), accepted at estimated Jaccard >= 0.5, or
   when 80% of the smaller text lies in the larger (an updated, longer version).
3. Stories (``join``): one representative per group of copies; candidate pairs
   share strong features; each pair gets the probability that the two report one
   event from its evidence (``evidence``: shared names and numbers, shared
   protagonists, years that disagree, passages shared word for word; a headline
   or lead alone is no evidence), and average linkage (``linkage``) joins groups
   whose mean probability clears a bar and comes close to their own cohesion.
   Model and bars are fitted on ../shared/train (``decision``). No story spans
   more than ``window_days`` between one outlet's dated members (front matter,
   a stamp in the text, else a date in the source URL), nor more than
   ``spans.OTHER_OUTLETS_DAYS`` between two outlets' (``spans``).
4. Editors decide last (``overrides``): ``duplicate_of`` and ``not_duplicate_of`` act
   on copies, ``not_duplicate_of`` also keeps two articles out of one story, ``story``
   moves an article (with its copies) into a story.

Rules the rest of the site relies on (``stories``):

- Canonical article of a story: the first by ``DedupConfig.canonical``, by default
  a preferred outlet (in ``preferred_outlets`` order), then the earliest date from
  front matter (file times do not count), then the most words (header and footer
  left out), then the path.
- Story id: ``s`` + 10 hex digits of the SHA-256 of the path of the story's
  *earliest* member (front-matter date, then path), whatever the canonical. Adding
  or removing an article that joins no story therefore renames no story; a story
  named by ``story: <id>`` keeps that id.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from site_builder.config import DedupConfig
from site_builder.dedup import meaning
from site_builder.dedup import signature as signing
from site_builder.dedup.copies import Copies, find_copies
from site_builder.dedup.decision import StoryModel, fitted
from site_builder.dedup.explain import Evidence, evidence, strongest
from site_builder.dedup.join import gather, join
from site_builder.dedup.overrides import apply_story_overrides, read_overrides
from site_builder.dedup.signature import Signature, compared_text
from site_builder.dedup.stories import NovelKey, Novelty, ranking, versions
from site_builder.dedup.weighed import Weighed
from site_builder.errors import BuildWarning
from site_builder.model import CleanArticle, SourceKind, Story


@dataclass(frozen=True, slots=True)
class Copy:
    """An article that copies another: the copy's path, the original's and how."""

    path: str
    of: str
    kind: SourceKind


@dataclass(frozen=True, slots=True)
class Grouping:
    """Everything dedup decided: the stories, each copy's own original, and warnings.

    ``Copy.of`` may differ from the story's canonical: in a story told by outlets A
    and B where B was also copied as B', B' is a copy of B but only a ``SAME_STORY``
    source of A. ``novel`` holds the novel sentences this grouping used, to be
    given back to the next ``group`` call. ``evidence`` says, for each article a
    story holds by evidence, what joined it (``explain``).
    """

    stories: tuple[Story, ...]
    copies: tuple[Copy, ...]
    warnings: tuple[BuildWarning, ...] = ()
    novel: Mapping[NovelKey, tuple[str, ...]] = field(default_factory=dict)
    evidence: Mapping[str, Evidence] = field(default_factory=dict)
    # each article's embedding (digest of its text, vector), when embeddings are on
    meanings: Mapping[str, tuple[bytes, bytes]] = field(default_factory=dict)
    # the candidate pairs' evidence, for the next build (``weighed``): a means to an
    # end, as two equal groupings may have gathered differently
    weighed: Weighed | None = field(default=None, compare=False)


def dedup(articles: Sequence[CleanArticle], config: DedupConfig) -> tuple[Story, ...]:
    """Group articles into stories, sorted by id then language.

    Every article is the canonical of at most one story version; an event told in
    several languages gives one Story per language, sharing one id.
    """
    return group(articles, config).stories


def group(
    articles: Sequence[CleanArticle],
    config: DedupConfig,
    *,
    signatures: Mapping[str, Signature] | None = None,
    novel: Mapping[NovelKey, tuple[str, ...]] | None = None,
    explain: bool = False,
    model: StoryModel | None = None,
    meanings: Mapping[str, tuple[bytes, bytes]] | None = None,
    weighed: Weighed | None = None,
) -> Grouping:
    """Like ``dedup``, and also say which article each copy duplicates.

    ``signatures`` maps article paths to their signature from an earlier build (the
    caller vouches that each article is unchanged); ``novel`` is ``Grouping.novel``
    of an earlier build. Missing entries are computed: the result is the same.
    With ``explain``, each Evidence also lists the shared names, numbers and years
    (the texts are read again). ``model`` replaces the fitted story model (benches).
    ``meanings`` is ``Grouping.meanings`` of an earlier build (an entry is used
    while its digest is the article's signature's); with ``[dedup] embeddings``
    the missing ones are computed. ``weighed`` is ``Grouping.weighed`` of an
    earlier build: its pairs' evidence is used where that is exact (``weighed``).
    """
    ordered = sorted(articles, key=lambda a: a.path)
    if not ordered:
        return Grouping((), ())
    signed = _signatures(ordered, signatures or {})
    rank = ranking(ordered, [s.words for s in signed], config)
    overrides = read_overrides(ordered)
    copies = find_copies(signed, rank, overrides.links, overrides.apart)
    vectors = _meanings(ordered, signed, config, meanings or {})
    chosen = model or fitted(meaning=bool(vectors))
    groups, links, gathered = _cluster(
        ordered, signed, copies, config, chosen, vectors, weighed
    )
    stories = apply_story_overrides(ordered, groups, copies, overrides.joins)
    novelty = Novelty(ordered, signed, novel or {})
    built = [
        version
        for name, chosen in stories
        for version in versions(name, chosen, copies, rank, novelty)
    ]
    built.sort(key=lambda story: (story.id, story.canonical.lang))
    listing = tuple(
        Copy(ordered[i].path, ordered[root].path, copies.kind[i])
        for i, root in enumerate(copies.root)
        if root != i
    )
    held = _held(ordered, stories, links, explain)
    warnings = overrides.warnings
    if config.embeddings and not vectors:
        warnings = (*warnings, _NO_EMBEDDINGS)
    return Grouping(
        tuple(built), listing, warnings, novelty.used, held, vectors, gathered
    )


_NO_EMBEDDINGS = BuildWarning(
    "[dedup] embeddings is on but the embeddings extra is not installed, so stories "
    "are decided on names and numbers alone; pip install 'site-builder[embeddings]' "
    "or set embeddings = false",
    "site.toml",
)


def _meanings(
    ordered: Sequence[CleanArticle],
    signed: Sequence[Signature],
    config: DedupConfig,
    known: Mapping[str, tuple[bytes, bytes]],
) -> dict[str, tuple[bytes, bytes]]:
    """Each article's (text digest, embedding), from ``known`` or computed now.

    Empty when embeddings are off or the extra is missing.
    """
    if not config.embeddings or not meaning.available():
        return {}
    found = {
        a.path: known[a.path]
        for a, s in zip(ordered, signed, strict=True)
        if a.path in known and known[a.path][0] == s.text
    }
    missing = [
        (a, s) for a, s in zip(ordered, signed, strict=True) if a.path not in found
    ]
    vectors = meaning.embed([compared_text(a) for a, _ in missing])
    for (article, sign), vector in zip(missing, vectors, strict=True):
        found[article.path] = (sign.text, vector)
    return found


def _signatures(
    ordered: Sequence[CleanArticle], known: Mapping[str, Signature]
) -> list[Signature]:
    """The signature of each article: from ``known``, else computed now."""
    missing = [a for a in ordered if a.path not in known]
    computed = dict(
        zip((a.path for a in missing), signing.signatures(missing), strict=True)
    )
    return [known.get(a.path) or computed[a.path] for a in ordered]


def _cluster(
    ordered: Sequence[CleanArticle],
    signed: Sequence[Signature],
    copies: Copies,
    config: DedupConfig,
    model: StoryModel,
    vectors: Mapping[str, tuple[bytes, bytes]],
    weighed: Weighed | None,
) -> tuple[list[list[int]], dict[int, tuple[int, float]], Weighed | None]:
    """Stories as groups of article numbers, each joined unit's strongest link, and
    the gathering's evidence for the next build.

    One article stands for its copies (a unit); links are by article number.
    """
    units = sorted(set(copies.root))
    chosen = [ordered[u] for u in units]
    embedded = [vectors[a.path][1] for a in chosen] if vectors else None
    days = float(config.window_days)
    signs = [signed[u] for u in units]
    found = gather(chosen, signs, days, embedded, known=weighed)
    position = {unit: i for i, unit in enumerate(units)}
    ends = [
        (position[copies.root[a]], position[copies.root[b]]) for a, b in copies.apart
    ]
    apart = sorted({(min(x, y), max(x, y)) for x, y in ends})
    labels, chance = join(found, model, apart)
    members: dict[int, list[int]] = {}
    for unit, label in zip(units, labels, strict=True):
        members.setdefault(label, []).extend(copies.members[unit])
    links = {
        units[i]: (units[j], p)
        for i, (j, p) in strongest(found.pairs, chance, labels).items()
    }
    return list(members.values()), links, found.weighed


def _held(
    ordered: Sequence[CleanArticle],
    stories: Sequence[tuple[str, list[int]]],
    links: Mapping[int, tuple[int, float]],
    words: bool,
) -> dict[str, Evidence]:
    """Evidence for each article whose strongest link stayed in its story."""
    story = {i: name for name, members in stories for i in members}
    return {
        ordered[i].path: evidence(ordered[i], ordered[j], p, words)
        for i, (j, p) in sorted(links.items())
        if story[i] == story[j]
    }
