"""The story decision: hard cases of our own making, evidence, dates from URLs.

Every fixture here was written for these tests (English, French, German,
Chinese): two events of one kind told by one outlet, a follow-up built on an
earlier article, an article quoting another, one event told by two outlets, and
two notices of one template that name no one, and an outlet's yearly story a
year on.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from test_dedup import DAY, make, members, story_of

from site_builder.analyze import analyze
from site_builder.config import DedupConfig, load_config
from site_builder.dedup import meaning
from site_builder.dedup import signature as signing
from site_builder.dedup.cluster import Profiles
from site_builder.dedup.evidence import pair_features
from site_builder.dedup.grouping import group
from site_builder.dedup.join import url_day
from site_builder.dedup.linkage import average_linkage
from site_builder.dedup.spans import Window
from site_builder.dedup.timing import Years, elsewhen, lead, leads_disagree, years
from site_builder.model import SourceKind
from site_builder.text.ideographs import ideograph_pairs
from site_builder.text.normalize import surface

# Two earthquakes in one region, reported by one outlet with its usual wording and
# its usual sources: the same kind of event, the same agency, the same governor.
QUAKE_2019 = [
    "A magnitude 5.8 earthquake struck the Sierra Alta region early on Tuesday, "
    "the National Seismic Service said, damaging 140 homes in Valdemora and "
    "Ortigal.",
    "Governor Lucia Ferran said 12 people were treated for light injuries at the "
    "Valdemora hospital and that schools in Ortigal would stay shut until Friday.",
    "The quake, the strongest in the region since 2011, was felt as far as the "
    "coast, the National Seismic Service added. Engineers are inspecting the "
    "Ortigal dam.",
    "It was the third tremor felt in Sierra Alta in 2019.",
]
QUAKE_2021 = [
    "A magnitude 6.3 earthquake hit the Sierra Alta region on Sunday night, the "
    "National Seismic Service said, cutting power to 30,000 homes around Pinarejo "
    "and Castrovid.",
    "Governor Lucia Ferran said 4 people died when a church tower fell in "
    "Castrovid, and that 2 field hospitals were being set up in Pinarejo.",
    "Rescue teams from the coast reached the mountain villages at dawn, the "
    "National Seismic Service added. The Pinarejo bridge was closed.",
    "The region had last been shaken by a strong quake in 2020.",
]

# A follow-up: the desk's Monday article kept as background under Tuesday's news.
STRIKE_MONDAY = [
    "Les conducteurs des bus de Montclair se sont mis en grève lundi matin à "
    "l'appel du syndicat SUD-Transports, qui réclame 150 euros de plus par mois.",
    "La régie Montclair Mobilité assure un service réduit sur les lignes 3 et 7. "
    "Son directeur, Paul Garnier, dénonce une grève « disproportionnée » et "
    "affirme que les salaires ont été relevés de 2 % en janvier.",
    "Les usagers sont invités à consulter le site de la régie avant de partir.",
]
STRIKE_TUESDAY = [
    "La grève des bus de Montclair a pris fin mardi soir : la régie Montclair "
    "Mobilité et SUD-Transports ont signé un accord prévoyant une prime de 90 "
    "euros et une nouvelle négociation en septembre.",
    "La déléguée syndicale Amina Belkacem salue « un premier pas ». Le trafic "
    "reprendra normalement mercredi sur l'ensemble du réseau.",
    STRIKE_MONDAY[0],
    STRIKE_MONDAY[1],
]

# One article quoting another: a reaction piece that cites a report word for word.
REPORT = [
    "Der Rechnungshof von Bergland hat am Mittwoch seinen Bericht über den Neubau "
    "der Klinik in Feldkirchen vorgelegt. Die Kosten seien von 80 auf 214 "
    "Millionen Euro gestiegen, heißt es darin.",
    "Die Prüfer werfen dem Gesundheitsministerium vor, Nachträge ohne "
    "Ausschreibung vergeben zu haben. Ministerin Petra Wendel habe die Warnungen "
    "ihres Hauses aus dem Jahr 2019 nicht beachtet.",
]
REACTION = [
    "Die Opposition im Landtag von Bergland fordert einen Untersuchungsausschuss. "
    "Fraktionschef Jonas Albrecht kündigte am Freitag an, die nötigen Stimmen "
    "bei den Grünen und den Freien Wählern zu sammeln.",
    "Albrecht zitierte im Plenum aus dem Bericht des Rechnungshofs: „Die Prüfer "
    "werfen dem Gesundheitsministerium vor, Nachträge ohne Ausschreibung vergeben "
    "zu haben. Ministerin Petra Wendel habe die Warnungen ihres Hauses aus dem "
    "Jahr 2019 nicht beachtet.“",
    "Der Ausschuss solle auch die Vergabe der Aufträge für die Schulen in "
    "Talheim und Oberau prüfen, sagte Albrecht. Die Regierung wies die Vorwürfe "
    "zurück.",
]

# One event, two outlets, each in its own words: the same names and figures.
FIRE_A = [
    "Ein Großbrand hat in der Nacht zum Samstag eine Lagerhalle der Spedition "
    "Hollmann in Neustadt an der Weide zerstört. Verletzt wurde niemand.",
    "Nach Angaben von Kreisbrandmeister Stefan Kirchner waren 160 Einsatzkräfte "
    "vor Ort. Der Schaden wird auf 3,5 Millionen Euro geschätzt.",
    "Die Polizei Weidenthal ermittelt zur Brandursache; die Bundesstraße 48 blieb "
    "bis zum Morgen gesperrt.",
]
FIRE_B = [
    "Die Bundesstraße 48 bei Neustadt an der Weide war am Samstag stundenlang "
    "gesperrt: Eine Halle der Spedition Hollmann stand in Flammen.",
    "Kreisbrandmeister Stefan Kirchner sprach von 160 Feuerwehrleuten im Einsatz. "
    "Die Firma beziffert den Schaden auf 3,5 Millionen Euro, Menschen kamen nicht "
    "zu Schaden.",
    "Die Kriminalpolizei Weidenthal sucht nach der Ursache des Feuers.",
]


# The same fire in English, in the words of a third outlet.
FIRE_EN = [
    "A warehouse of the Hollmann haulage firm burned down overnight into Saturday "
    "in Neustadt an der Weide. Nobody was hurt.",
    "District fire chief Stefan Kirchner said 160 firefighters fought the blaze; "
    "the damage is put at 3.5 million euros.",
    "Police in Weidenthal are investigating the cause. Federal road 48 was closed "
    "until the morning.",
]


# An outlet's yearly story: one carmaker's bonus a year apart, told in the same
# words, by the same people, with the same amount; only the year in the lead differs
# (the later report names the earlier year in its body).
BONUS_2023 = [
    "Kestrel Motors will pay each of its workers in Halvard a bonus of 7,400 euros "
    "after a record 2023, the carmaker said on Thursday.",
    "The Halvard firm sold 184,300 cars last year, 6% more than in 2022, helped by "
    "its Tarn and Veyra models. Part of the bonus, 600 euros, goes into the Kestrel "
    "FutureFund pension plan.",
    "Chief executive Oskar Lindqvist thanked the 21,000 staff: the works council "
    "under Marta Sjoberg had asked for the payment in January.",
    "The carmaker also doubled its gifts to food banks around Halvard.",
]
BONUS_2024 = [
    "Kestrel Motors will again pay its workers in Halvard a bonus of 7,400 euros, "
    "after a strong 2024, the carmaker said on Wednesday.",
    "The Halvard firm sold 201,900 cars, 9% more than a year before, with the Tarn "
    "and the new Sola in the lead. As in 2023, 600 euros of it go into the Kestrel "
    "FutureFund pension plan.",
    "Chief executive Oskar Lindqvist said the 22,500 staff had earned it; works "
    "council head Marta Sjoberg welcomed the news.",
    "Kestrel Motors also raised its gifts to food banks around Halvard.",
]


def _notice(items: list[str]) -> list[str]:
    """A desk's template that names no one: the items change, the frame does not
    (never five words in a row shared, so the frame is no passage ``reuse`` finds)."""
    return [
        f"{item.capitalize()} (council report, part {12 * (n + 1)})."
        for n, item in enumerate(items)
    ]


NOTICE_A = _notice(
    [
        "street lighting will be dimmed after midnight to save money",
        "winter gritting starts earlier on the hill roads",
        "library hours shrink on weekday evenings",
        "bus fares for pensioners stay frozen",
        "park benches get repainted by volunteers",
    ]
)
NOTICE_B = _notice(
    [
        "refuse collection moves to a fortnightly round",
        "planning appeals now take eleven weeks",
        "care homes ask for more nursing staff",
        "cycle lanes open along the canal towpath",
        "allotment fees rise for new tenants",
    ]
)


def _apart(first: str, second: str, articles: list) -> bool:  # type: ignore[type-arg]
    stories = group(articles, DedupConfig()).stories
    return first not in members(story_of(stories, second))


@pytest.mark.parametrize(
    ("first", "second"),
    [(QUAKE_2019, QUAKE_2021), (BONUS_2023, BONUS_2024)],
    # the bonus a year on: the decision before leads' years were read merged the
    # two (p = 0.63)
    ids=["two quakes in one region", "a yearly story a year on"],
)
def test_two_events_of_one_kind_by_one_outlet_stay_two_stories(
    first: list[str], second: list[str]
) -> None:
    articles = [make("a.txt", first, date=None), make("b.txt", second, date=None)]
    assert _apart("a.txt", "b.txt", articles)


def test_a_follow_up_built_on_the_earlier_article_is_its_own_story() -> None:
    articles = [
        make("monday.md", STRIKE_MONDAY, lang="fr"),
        make("tuesday.md", STRIKE_TUESDAY, lang="fr", date=DAY + timedelta(days=1)),
    ]
    assert _apart("monday.md", "tuesday.md", articles)


def test_an_article_quoting_a_report_is_no_story_of_that_report() -> None:
    articles = [
        make("report.md", REPORT, lang="de"),
        make("reaction.md", REACTION, lang="de", date=DAY + timedelta(days=2)),
    ]
    assert _apart("report.md", "reaction.md", articles)


def test_one_fire_told_by_two_outlets_is_one_story_with_its_evidence() -> None:
    articles = [
        make("fire-a.md", FIRE_A, lang="de"),
        make("fire-b.md", FIRE_B, lang="de", date=DAY + timedelta(hours=5)),
        make("q2019.md", QUAKE_2019),
    ]
    found = group(articles, DedupConfig(), explain=True)
    assert members(story_of(found.stories, "fire-a.md")) == {"fire-a.md", "fire-b.md"}
    joined = found.evidence["fire-b.md"]
    assert joined.linked == "fire-a.md"
    assert 0.0 < joined.probability <= 1.0
    assert {"Hollmann", "Kirchner", "Weidenthal"} <= set(joined.names)
    assert {"160", "48"} <= set(joined.numbers)
    assert "q2019.md" not in found.evidence


def test_analyze_gives_each_joined_article_its_evidence(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name, paragraphs in (("fire-a.md", FIRE_A), ("fire-b.md", FIRE_B)):
        text = "\n\n".join(paragraphs)
        (content / name).write_text(f"---\nlang: de\n---\n{text}\n", "utf-8")
    (content / "quake.md").write_text("\n\n".join(QUAKE_2019) + "\n", "utf-8")
    config = replace(load_config(None, tmp_path), content_dir=content)
    records, _problems = analyze(config)
    found = {r["path"]: r["evidence"] for r in records}
    joined = found["fire-a.md"] or found["fire-b.md"]
    assert joined is not None
    assert joined["linked"] in ("fire-a.md", "fire-b.md")
    assert "Hollmann" in joined["names"]
    assert found["quake.md"] is None


def test_evidence_without_explain_names_the_link_but_no_words() -> None:
    articles = [
        make("fire-a.md", FIRE_A, lang="de"),
        make("fire-b.md", FIRE_B, lang="de", date=DAY + timedelta(hours=5)),
    ]
    joined = group(articles, DedupConfig()).evidence["fire-b.md"]
    assert joined.linked == "fire-a.md"
    assert joined.names == joined.numbers == joined.years == ()


def test_an_editor_keeps_an_explained_merge_apart_with_not_duplicate_of() -> None:
    articles = [
        make("fire-a.md", FIRE_A, lang="de"),
        make(
            "fire-b.md",
            FIRE_B,
            lang="de",
            date=DAY + timedelta(hours=5),
            not_duplicate_of=("fire-a.md",),
        ),
    ]
    found = group(articles, DedupConfig(), explain=True)
    assert len(found.stories) == 2
    assert found.evidence == {}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/2024/03/04/bridge-collapse", "2024-03-04"),
        ("https://news.example/world/2019-11-28-quake.html", "2019-11-28"),
        ("https://news.example/2024/13/45/no-date", None),
        ("https://news.example/story/12345", None),
        (None, None),
    ],
)
def test_a_date_spelled_in_the_source_url_is_used(
    url: str | None, expected: str | None
) -> None:
    found = url_day(url)
    if expected is None:
        assert np.isnan(found)
    else:
        day = DAY.replace(
            year=int(expected[:4]), month=int(expected[5:7]), day=int(expected[8:])
        )
        assert found == pytest.approx(day.timestamp() / 86400.0, abs=1.0)


def test_two_tight_groups_joined_only_by_their_topic_stay_apart() -> None:
    # 0-1 and 2-3 are two events (0.9 inside each); every cross pair is 0.4
    pairs = np.array([[0, 1], [2, 3], [0, 2], [0, 3], [1, 2], [1, 3]], dtype=np.int64)
    scores = np.array([0.9, 0.9, 0.4, 0.4, 0.4, 0.4])
    days = np.full(4, np.nan)
    window = Window.of(days, 7.0)
    assert average_linkage(pairs, scores, 0.3, window) == [0, 0, 0, 0]
    apart = average_linkage(pairs, scores, 0.3, window, cohesion=0.6)
    assert apart == [0, 0, 2, 2]


def test_a_text_is_embedded_from_its_head_cut_at_a_space() -> None:
    text = "word " * 1000
    cut = meaning.head(text)
    assert len(cut) <= meaning.HEAD
    assert cut.endswith("word")
    assert meaning.head("short text") == "short text"


def test_cosines_of_stored_vectors() -> None:
    vectors = [
        np.array(v, dtype="<f2").tobytes() for v in ([1, 0], [1, 1], [0, 2], [-1, 0])
    ]
    pairs = np.array([[0, 1], [0, 2], [0, 3]], dtype=np.int64)
    assert meaning.cosines(vectors, pairs) == pytest.approx(
        [2**-0.5, 0.0, -1.0], abs=1e-3
    )


def test_embeddings_asked_for_but_not_installed_warn_and_fall_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(meaning, "PACKAGE", "no_such_package_here")
    articles = [
        make("fire-a.md", FIRE_A, lang="de"),
        make("fire-b.md", FIRE_B, lang="de", date=DAY + timedelta(hours=5)),
    ]
    found = group(articles, DedupConfig(embeddings=True))
    assert found.meanings == {}
    assert any("embeddings extra" in w.message for w in found.warnings)
    assert len(found.stories) == 1  # the lexical decision, as without the option


def test_with_embeddings_one_event_in_two_languages_is_one_story() -> None:
    pytest.importorskip(meaning.PACKAGE, reason="the embeddings extra is not installed")
    articles = [
        make("fire-a.md", FIRE_A, lang="de"),
        make("fire-en.md", FIRE_EN, lang="en", date=DAY + timedelta(hours=2)),
        make("q2019.md", QUAKE_2019),
    ]
    found = group(articles, DedupConfig(embeddings=True))
    assert members(story_of(found.stories, "fire-a.md")) == {"fire-a.md", "fire-en.md"}
    assert set(found.meanings) == {"fire-a.md", "fire-en.md", "q2019.md"}
    again = group(articles, DedupConfig(embeddings=True), meanings=found.meanings)
    assert again.stories == found.stories


def test_chinese_runs_become_overlapping_character_pairs() -> None:
    assert ideograph_pairs("北京大学 2020年 news") == " 北京 京大 大学  2020 年  news"
    assert ideograph_pairs("no ideographs") == "no ideographs"


def test_two_texts_of_one_template_that_name_no_one_stay_two_stories() -> None:
    # they share the frame's words and its part numbers, nothing of their items
    articles = [
        make("notice-a.md", NOTICE_A, date=None),
        make("notice-b.md", NOTICE_B, date=None),
    ]
    assert _apart("notice-a.md", "notice-b.md", articles)


def test_two_near_copies_that_name_no_one_are_still_one_story() -> None:
    edited = [
        p.replace("weekday evenings", "weekday evenings and mornings") for p in NOTICE_A
    ]
    articles = [
        make("notice-a.md", NOTICE_A, date=None),
        make("notice-a-edited.md", edited, date=None),
        make("notice-b.md", NOTICE_B, date=None),
    ]
    story = story_of(group(articles, DedupConfig()).stories, "notice-a.md")
    assert members(story) == {"notice-a.md", "notice-a-edited.md"}
    assert [s.kind for s in story.sources] == [SourceKind.NEAR]


def test_a_capital_in_a_caseless_script_is_no_name_the_pair_must_share() -> None:
    # two Chinese texts of one event, each with another foreign word in capitals:
    # in English the two would name different actors; in Chinese the characters
    # they share widely are the evidence
    zh = [
        "球员王明今天在北京宣布退役。他在 NBA 效力十二年。球迷在体育馆外感谢他。"
        "俱乐部将为他举行告别仪式。球衣号码也将退役。",
        "球员王明今天在北京宣布退役。这位 CBA 老将效力十二年。球迷在体育馆外感谢他。"
        "俱乐部将为他举行告别仪式。球衣号码也将退役。",
    ]
    profiles = Profiles.packed(signing.profiles(zh, ["zh", "zh"]))
    one = np.array([[0, 1]], dtype=np.int64)
    assert pair_features(profiles, one, ["zh", "zh"]).gated.tolist() == [True]
    assert pair_features(profiles, one, ["en", "en"]).gated.tolist() == [False]


@pytest.mark.parametrize(
    ("lang", "first", "second"),
    [
        ("ru", "выборы", "выборах"),  # elections, in two cases
        ("ru", "правительство", "правительства"),  # government
        ("pl", "wybory", "wyborach"),
        ("pl", "rząd", "rządu"),
        ("ar", "حكومة", "الحكومة"),  # government, the government
    ],
)
def test_inflected_forms_of_a_word_are_one_feature(
    lang: str, first: str, second: str
) -> None:
    assert signing.profiles([first], [lang]) == signing.profiles([second], [lang])


def test_numbers_in_other_digits_are_the_same_anchor_across_languages() -> None:
    # Arabic-Indic and full-width digits: the same toll in an Arabic, a Chinese
    # and an English report
    texts = [
        "قتل ٣٥٠ شخصا عام ٢٠٢٣",
        "\uff12\uff10\uff12\uff13年 死亡 \uff13\uff15\uff10 人",
        "350 people died in 2023",
    ]
    found = signing.profiles(texts, ["ar", "zh", "en"])
    hashes = [set(np.frombuffer(features, "<u4").tolist()) for features, _ in found]
    numbers = {signing.anchor_hash("350"), signing.anchor_hash("2023")}
    assert all(numbers <= h for h in hashes)


def test_a_turkish_case_ending_leaves_the_name() -> None:
    for token in ("Ankara'da", "Türkiye'nin", "Erdo\u011fan'\u0131n", "AKP'deki"):
        assert surface(token).folded in {"ankara", "turkiye", "erdogan", "akp"}
    # only after a capital, and only case endings
    assert surface("aujourd'hui").folded == "aujourd'hui"
    assert surface("O'Brien").folded == "o'brien"
    assert surface("Sant'Anna").folded == "sant'anna"


def test_a_chinese_lead_ends_at_its_first_full_stop() -> None:
    # the lead names the year the company was founded, the body this year's figure;
    # before, a Chinese lead ran to the first Latin word ending in "." (none here),
    # so the whole text counted as body and a shared lead was evidence
    text = "这家公司在2019年成立。今年利润增长了35个百分点\uff0c超过了预期。"
    [(features, counts)] = signing.profiles([text], ["zh"])
    flags = dict(
        zip(
            np.frombuffer(features, "<u4").tolist(),
            np.frombuffer(counts, "<u2").tolist(),
            strict=True,
        )
    )
    assert not flags[signing.anchor_hash("2019")] & signing.BODY
    assert flags[signing.anchor_hash("35")] & signing.BODY
    # the full stop opens no sentence: a Latin word after it is still a name
    [(features, counts)] = signing.profiles(["他宣布退役。 NBA 球员都感谢他。"], ["zh"])
    found = dict(
        zip(
            np.frombuffer(features, "<u4").tolist(),
            np.frombuffer(counts, "<u2").tolist(),
            strict=True,
        )
    )
    assert found[signing.anchor_hash("nba")] & signing.ANCHOR


def test_the_lead_is_a_title_line_and_the_first_sentence() -> None:
    text = (
        "Bonus at Kestrel\nAfter a record 2023, workers get 7,400 euros. In 2022 less."
    )
    assert lead(text, "en") == (
        "Bonus at Kestrel\nAfter a record 2023, workers get 7,400 euros."
    )
    assert years(text, "en") == Years(frozenset({2023}), frozenset({2022, 2023}))
    odd = "Up 3.2019 points, 12019 units, on 2013-09-28, in the 1940s. In 2019 too."
    assert years(odd, "en").lead == set()
    assert years("2008年12月4日巴黎发生抢劫。2013年又一次。", "zh").lead == {2008}


def test_two_texts_report_another_time_when_their_leads_years_differ() -> None:
    def dated(lead: set[int], named: set[int]) -> Years:
        return Years(frozenset(lead), frozenset(lead | named))

    first, second = dated({2023}, {2022}), dated({2024}, {2023})
    looking_back = dated({2024}, {2023, 2022})
    assert elsewhen(first, second)  # 2024 is named nowhere in the first
    assert not elsewhen(dated({2023}, {2024}), looking_back)  # each names the other
    assert not elsewhen(first, dated(set(), {2024}))  # a lead without a year
    assert not elsewhen(first, dated({2023, 2024}, set()))
    pairs = np.array([[0, 1], [0, 1], [0, 2]])
    texts = [first, second, dated({2023}, set())]
    found = leads_disagree(pairs, np.array([True, False, True]), texts.__getitem__)
    assert found.tolist() == [True, False, False]
