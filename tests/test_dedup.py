"""Dedup stage: copies, stories, canonical choice, stable ids and editors' overrides."""

from __future__ import annotations

import json
import pickle
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from site_builder.config import ConfigError, DedupConfig, load_config
from site_builder.dedup.grouping import dedup, group
from site_builder.dedup.signature import signature, signatures
from site_builder.dedup.stories import story_id
from site_builder.model import (
    Article,
    CleanArticle,
    DateSource,
    FrontMatter,
    Paragraph,
    SourceKind,
    Story,
)

DAY = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)

RENNES = [
    "A road bridge over the Vilaine collapsed in Rennes on Monday night, injuring "
    "seven people, the Ille-et-Vilaine prefecture said.",
    "Prefect Anne Morel said two lorries were crossing the Pont Saint-Hélier when its "
    "central span gave way at about 23:40. Firefighters pulled three drivers from the "
    "river.",
    "The bridge, built in 1962, had been inspected in 2021. Mayor Nathalie Appéré "
    "ordered "
    "an audit of the 41 other bridges of the city and closed the quays to traffic.",
    "Prosecutor Philippe Astruc opened an inquiry for involuntary injuries. Repairs "
    "are "
    "expected to cost 4.2 million euros, according to Rennes Métropole.",
]
RENNES_OTHER_OUTLET = [
    "Seven people were hurt when the Pont Saint-Hélier in Rennes fell into the Vilaine "
    "late on Monday, with two lorries on it.",
    "Anne Morel, the prefect of Ille-et-Vilaine, told reporters that the span built "
    "in 1962 "
    "had passed its last inspection in 2021.",
    "Philippe Astruc, the Rennes prosecutor, is investigating. Nathalie Appéré wants "
    "every "
    "one of the 41 bridges checked; Rennes Métropole puts repairs at 4.2 million "
    "euros.",
]
RENNES_FRENCH = [
    "Sept blessés dans l'effondrement du pont Saint-Hélier à Rennes lundi soir, selon "
    "la "
    "préfecture d'Ille-et-Vilaine.",
    "Deux poids lourds traversaient l'ouvrage de 1962 quand la travée centrale a cédé. "
    "La préfète Anne Morel évoque une inspection réalisée en 2021.",
    "Le procureur Philippe Astruc a ouvert une enquête. Nathalie Appéré fait "
    "contrôler les "
    "41 ponts de la ville ; Rennes Métropole chiffre les travaux à 4,2 millions "
    "d'euros.",
]
PORTO = [
    "A footbridge over the Douro collapsed in Porto on Saturday, injuring four "
    "cyclists, "
    "the city's civil protection service said.",
    "Commander Rui Tavares said the steel deck, opened in 1998, gave way during a "
    "charity "
    "ride. Divers searched the river until dawn.",
    "Mayor Rui Moreira suspended the Ribeira cycling festival and ordered checks on 12 "
    "footbridges. Engineers from LNEC in Lisbon will examine the wreckage.",
]
FOOTBALL = [
    "Stade Rennais beat Olympique de Marseille 3-1 at Roazhon Park on Sunday, with two "
    "goals from Arnaud Kalimuendo and one from Ludovic Blas.",
    "Coach Julien Stéphan praised a pressing game that left Marseille with 38% of the "
    "ball. "
    "Rennes climb to fifth in Ligue 1 ahead of a trip to Lens.",
]
OSLO = [
    "The Munch Museum in Oslo will show 140 woodcuts lent by the Bergen KODE "
    "collection "
    "from 12 April, its director Tone Hansen announced.",
]
CHIPS = [
    "Nordwafer will build a chip plant near Dresden, the company said on Tuesday, "
    "promising 1,400 jobs and an investment of 6.5 billion euros.",
    "Chief executive Lena Voss said production of 28-nanometre wafers for carmakers "
    "would "
    "start in 2027 if Saxony approves the site plan.",
]


def make(
    path: str,
    paragraphs: list[str],
    lang: str = "en",
    date: datetime | None = DAY,
    **meta: object,
) -> CleanArticle:
    dated = date is not None
    article = Article(
        path=path,
        markup="markdown",
        meta=FrontMatter(lang=lang, **meta),  # type: ignore[arg-type]
        body="\n\n".join(paragraphs),
        body_line=1,
        date=date or datetime(2026, 1, 1, tzinfo=UTC),
        date_source=DateSource.FRONT_MATTER if dated else DateSource.FILE_TIME,
        digest=path,
    )
    kept = tuple(Paragraph(text, 1 + 2 * i) for i, text in enumerate(paragraphs))
    return CleanArticle(article, kept, (), lang, False)


def members(story: Story) -> set[str]:
    return {story.canonical.path, *(s.article.path for s in story.sources)}


def story_of(stories: tuple[Story, ...], path: str) -> Story:
    return next(s for s in stories if path in members(s))


def newsroom() -> list[CleanArticle]:
    return [
        make("rennes.md", RENNES),
        make(
            "rennes-copy.md",
            [
                "*By Paul Roux, Harbour Post.*",
                *RENNES,
                "*© 2024 Harbour Post. All rights reserved.*",
            ],
        ),
        make("rennes-other.md", RENNES_OTHER_OUTLET, date=DAY + timedelta(hours=5)),
        make("rennes-fr.md", RENNES_FRENCH, lang="fr", date=DAY + timedelta(hours=2)),
        make("porto.md", PORTO, date=DAY + timedelta(days=2)),
        make("football.md", FOOTBALL),
        make("chips.md", CHIPS),
    ]


def test_every_article_in_exactly_one_story_sorted_by_id() -> None:
    stories = dedup(newsroom(), DedupConfig())
    events: dict[str, set[str]] = {}
    for story in stories:
        events.setdefault(story.id, members(story))
        assert members(story) == events[story.id], "every version lists every source"
    paths = [p for group in events.values() for p in group]
    assert sorted(paths) == sorted(a.path for a in newsroom())
    keys = [(s.id, s.canonical.lang) for s in stories]
    assert keys == sorted(set(keys)), "sorted by id, one version per language"


def test_an_event_told_in_two_languages_has_a_version_in_each() -> None:
    stories = dedup(newsroom(), DedupConfig())
    by_id: dict[str, list[Story]] = {}
    for story in stories:
        by_id.setdefault(story.id, []).append(story)
    mixed = [v for v in by_id.values() if len({m.canonical.lang for m in v}) > 1]
    assert mixed, "the fixture has a cross-language event"
    for versions in mixed:
        for version in versions:
            for source in version.sources:
                if source.article.lang != version.canonical.lang:
                    assert source.novel == (), "no novel sentences across languages"


def test_exact_copy_despite_case_spacing_and_boilerplate() -> None:
    story = story_of(dedup(newsroom(), DedupConfig()), "rennes.md")
    kinds = {s.article.path: s.kind for s in story.sources}
    # equal dates and lengths: the path decides which of the two is canonical
    assert story.canonical.path == "rennes-copy.md"
    assert kinds["rennes.md"] is SourceKind.EXACT


def test_same_event_other_outlet_and_language_join_one_story() -> None:
    story = story_of(dedup(newsroom(), DedupConfig()), "rennes.md")
    assert members(story) == {
        "rennes.md",
        "rennes-copy.md",
        "rennes-other.md",
        "rennes-fr.md",
    }
    kinds = {s.article.path: s.kind for s in story.sources}
    assert kinds["rennes-other.md"] is SourceKind.SAME_STORY
    assert kinds["rennes-fr.md"] is SourceKind.SAME_STORY


def test_look_alike_event_and_unrelated_articles_stay_apart() -> None:
    stories = dedup(newsroom(), DedupConfig())
    for path in ("porto.md", "football.md", "chips.md"):
        assert members(story_of(stories, path)) == {path}


def test_near_copy_with_edits_swapped_paragraphs_and_new_footer() -> None:
    edited = [
        RENNES[1],
        RENNES[0].replace("seven", "7"),
        RENNES[2],
        RENNES[3] + " An appeal was issued.",
    ]
    later = DAY + timedelta(hours=1)
    articles = [
        make("a.md", RENNES),
        make("b.md", [*edited, "Read more on Metro Wire."], date=later),
    ]
    result = group(articles, DedupConfig())
    assert [(c.path, c.of, c.kind) for c in result.copies] == [
        ("b.md", "a.md", SourceKind.NEAR)
    ]
    (source,) = result.stories[0].sources
    assert source.novel == ("An appeal was issued.",)


def test_novel_sentences_of_another_outlet_exclude_what_the_canonical_says() -> None:
    story = story_of(dedup(newsroom(), DedupConfig()), "rennes.md")
    other = next(s for s in story.sources if s.article.path == "rennes-other.md")
    assert other.novel  # told differently, so its sentences are its own
    copy = next(s for s in story.sources if s.article.path == "rennes.md")
    assert copy.novel == ()


def test_input_order_does_not_matter() -> None:
    articles = newsroom()
    assert dedup(articles, DedupConfig()) == dedup(articles[::-1], DedupConfig())


def test_story_ids_survive_adding_and_removing_unrelated_articles() -> None:
    before = {s.id: members(s) for s in dedup(newsroom(), DedupConfig())}
    extra = make("0000-first-by-path.md", OSLO)
    after = {s.id: members(s) for s in dedup([*newsroom(), extra], DedupConfig())}
    fewer = {s.id: members(s) for s in dedup(newsroom()[:-1], DedupConfig())}
    for identity, paths in before.items():
        if "chips.md" not in paths:
            assert fewer[identity] == paths
        if "0000-first-by-path.md" not in after.get(identity, set()):
            assert after[identity] == paths


def test_story_id_comes_from_the_earliest_member() -> None:
    articles = newsroom()
    story = story_of(dedup(articles, DedupConfig()), "rennes.md")
    # rennes.md and rennes-copy.md share the earliest date; the path breaks the tie
    index = sorted(articles, key=lambda a: a.path)
    assert story.id == story_id(
        index, [i for i, a in enumerate(index) if a.path in members(story)]
    )
    assert story.id == story_id([make("rennes-copy.md", RENNES)], [0])


def test_canonical_by_outlet_then_earliest_then_longest() -> None:
    early = make("early.md", RENNES[:3], date=DAY)
    late_long = make(
        "late.md", RENNES, date=DAY + timedelta(hours=3), outlet="Ouest Wire"
    )
    assert dedup([early, late_long], DedupConfig())[0].canonical.path == "early.md"
    preferred = DedupConfig(preferred_outlets=("Ouest Wire",))
    assert dedup([early, late_long], preferred)[0].canonical.path == "late.md"
    longest = DedupConfig(canonical=("longest", "earliest", "outlet"))
    assert dedup([early, late_long], longest)[0].canonical.path == "late.md"


def test_file_times_do_not_make_an_article_earliest() -> None:
    undated = make("undated.md", RENNES, date=None)
    dated = make("dated.md", RENNES, date=DAY + timedelta(days=30))
    assert dedup([undated, dated], DedupConfig())[0].canonical.path == "dated.md"


def test_dated_articles_far_apart_are_different_stories() -> None:
    now = make("now.md", RENNES)
    year_later = make("later.md", RENNES_OTHER_OUTLET, date=DAY + timedelta(days=365))
    assert len(dedup([now, year_later], DedupConfig())) == 2
    assert len(dedup([now, year_later], DedupConfig(window_days=400))) == 1


def test_duplicate_of_forces_a_copy() -> None:
    forced = make("teaser.md", FOOTBALL, duplicate_of="./rennes.md")
    result = group([make("rennes.md", RENNES), forced], DedupConfig())
    assert [(c.path, c.of, c.kind) for c in result.copies] == [
        ("teaser.md", "rennes.md", SourceKind.NEAR)
    ]
    assert len(result.stories) == 1


def test_not_duplicate_of_keeps_copies_and_stories_apart() -> None:
    kept_apart = make("b.md", RENNES, not_duplicate_of=("a.md",))
    result = group([make("a.md", RENNES), kept_apart], DedupConfig())
    assert result.copies == ()
    assert len(result.stories) == 2


def test_story_override_moves_an_article_into_a_named_story() -> None:
    articles = newsroom()
    rennes = story_of(dedup(articles, DedupConfig()), "rennes.md").id
    moved = make("chips.md", CHIPS, story=rennes)
    stories = dedup([*articles[:-1], moved], DedupConfig())
    assert "chips.md" in members(story_of(stories, "rennes.md"))
    assert story_of(stories, "chips.md").id == rennes


def test_story_override_with_a_new_id_groups_articles_under_it() -> None:
    a = make("chips.md", CHIPS, story="chip-plants")
    b = make("football.md", FOOTBALL, story="chip-plants")
    (story,) = dedup([a, b], DedupConfig())
    assert story.id == "chip-plants"
    assert members(story) == {"chips.md", "football.md"}


def test_empty_input_and_empty_articles() -> None:
    assert dedup([], DedupConfig()) == ()
    stories = dedup([make("a.md", [""]), make("b.md", [""])], DedupConfig())
    assert len(stories) == 2  # two empty bodies are no copies of each other


def test_config_reads_dedup_section(tmp_path: Path) -> None:
    toml = (
        '[dedup]\npreferred_outlets = ["AFP"]\n'
        'canonical = ["earliest", "outlet"]\nwindow_days = 3\n'
    )
    (tmp_path / "site.toml").write_text(toml, encoding="utf-8")
    config = load_config(tmp_path / "site.toml").dedup
    assert config == DedupConfig(("AFP",), ("earliest", "outlet"), 3)


def test_config_rejects_unknown_canonical_rule(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(
        '[dedup]\ncanonical = ["newest"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"dedup\.canonical"):
        load_config(tmp_path / "site.toml")


def test_an_override_naming_no_article_is_a_warning_with_the_path() -> None:
    articles = [
        make("a.md", RENNES),
        make("b.md", CHIPS, duplicate_of="missing.md"),
        make("c.md", FOOTBALL, not_duplicate_of=("gone.md",)),
        make("d.md", OSLO, story="news/nowhere.md"),
    ]
    result = group(articles, DedupConfig())
    assert [(w.path, w.message.split(":")[0]) for w in result.warnings] == [
        ("b.md", "duplicate_of"),
        ("c.md", "not_duplicate_of"),
        ("d.md", "story"),
    ]
    assert "'missing.md' names no article" in str(result.warnings[0])
    assert str(result.warnings[0]).startswith("b.md: ")
    assert "relative to the content folder" in result.warnings[0].message
    assert result.copies == ()
    assert all(len(members(s)) == 1 for s in result.stories)


def test_override_paths_resolve_from_the_articles_folder_or_get_a_hint() -> None:
    articles = [
        make("news/a.md", RENNES),
        make("news/b.md", FOOTBALL, duplicate_of="a.md"),
        make("c.md", CHIPS, duplicate_of="./a.md"),
        make("d.md", OSLO, duplicate_of="d.md"),
    ]
    result = group(articles, DedupConfig())
    assert [(c.path, c.of) for c in result.copies] == [("news/b.md", "news/a.md")]
    hint, itself = result.warnings
    assert hint.path == "c.md"
    assert "did you mean 'news/a.md'?" in hint.message
    assert itself.path == "d.md"
    assert "itself" in itself.message


def test_story_naming_an_article_path_joins_that_articles_story() -> None:
    moved = make("chips.md", CHIPS, story="rennes.md")
    stories = dedup([make("rennes.md", RENNES), moved], DedupConfig())
    (story,) = stories
    assert members(story) == {"rennes.md", "chips.md"}


def test_signature_depends_on_the_text_alone_and_holds_no_text() -> None:
    articles = newsroom()
    assert signatures(articles) == tuple(signature(a) for a in articles)
    moved = make("elsewhere/other-name.md", RENNES, date=DAY + timedelta(days=9))
    assert signature(moved) == signature(articles[0])
    assert signature(make("x.md", RENNES, lang="fr")) != signature(articles[0])
    stored = pickle.dumps(signature(articles[0]))
    assert pickle.loads(stored) == signature(articles[0])
    assert b"Vilaine" not in stored
    assert len(stored) < 2048


def test_group_with_cached_signatures_and_novel_sentences_is_the_same() -> None:
    articles = [*newsroom(), make("b.md", [*RENNES[1:], "An appeal was issued."])]
    fresh = group(articles, DedupConfig())
    known = {a.path: signature(a) for a in articles}
    assert group(articles, DedupConfig(), signatures=known) == fresh
    some = {path: known[path] for path in ("rennes.md", "porto.md")}
    assert group(articles, DedupConfig(), signatures=some) == fresh
    assert fresh.novel, "the fixture has novel sentences"
    again = group(articles, DedupConfig(), signatures=known, novel=fresh.novel)
    assert again == fresh


def test_known_novel_sentences_are_reused_not_recomputed() -> None:
    articles = [make("a.md", RENNES), make("b.md", [*RENNES[1:], "An appeal."])]
    fresh = group(articles, DedupConfig())
    (key,) = fresh.novel
    planted = group(articles, DedupConfig(), novel={key: ("planted",)})
    (source,) = planted.stories[0].sources
    assert source.novel == ("planted",)


@pytest.mark.corpus
def test_corpus_copies_and_clusters(corpus: Path) -> None:
    from bench.dedup import copy_pairs, load, pairs_of

    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    articles = load(corpus, manifest)
    result = group(list(articles.values()), DedupConfig())
    ids = {a.path: key for key, a in articles.items()}
    found, _ = copy_pairs(result, ids)
    for kind in ("exact", "near"):
        expected = set().union(
            *(
                pairs_of(g["members"])
                for g in manifest["dup_groups"]
                if g["kind"] == kind
            )
        )
        assert expected <= found
    story = {
        ids[a.path]: s.id
        for s in result.stories
        for a in (s.canonical, *(x.article for x in s.sources))
    }
    event = {m: c["cluster_id"] for c in manifest["clusters"] for m in c["members"]}
    for cluster in manifest["clusters"]:
        labels = [story[m] for m in cluster["members"]]
        # precision first: reports may stay apart, but most find company ...
        assert max(labels.count(x) for x in labels) >= len(labels) / 3
        # ... and no story mixes two events, even two look-alikes
        for label in labels:
            assert {event[m] for m in event if story[m] == label} == {
                cluster["cluster_id"]
            }
    # same headline, under a fifth of word 5-grams shared: a different story
    from bench.dedup import UNRELATED_BELOW, jaccard

    text = {key: a.text for key, a in articles.items()}
    for g in manifest["dup_groups"]:
        if g["kind"] == "same_title_unrelated":
            for pair in pairs_of(g["members"]):
                if jaccard(text, pair) < UNRELATED_BELOW:
                    assert story[pair[0]] != story[pair[1]], pair
