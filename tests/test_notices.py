"""Files that are no article: reported with path and line, never published."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_site

from site_builder.analyze import analyze
from site_builder.build import build
from site_builder.clean.notice_kinds import notice
from site_builder.clean.notices import not_article
from site_builder.clean.repair import repair
from site_builder.config import load_config
from site_builder.enrich.drafts import Status
from site_builder.enrich.files import enrich
from site_builder.load.files import read_article
from site_builder.model import CleanArticle, NotArticle, Paragraph
from site_builder.text.normalize import lowered_for_words
from site_builder.text.paragraphs import split_paragraphs

COOKIES = (
    "Fähren stehen still\nOK\n\n"
    "Wir setzen auf unserer Website Cookies und andere Technologien ein, um Ihnen "
    "das volle Angebot zu zeigen. Durch die weitere Nutzung unserer Website erklären "
    "Sie sich mit dem Einsatz von Cookies einverstanden.\n\nzur Datenschutzerklärung\n"
)
PAYWALL = (
    "Ferry crews vote to strike\n"
    "Once registered, you can:\n\n- Read more free articles each month\n\n"
    "Register now\n\nAlready a subscriber? Log in to your account.\n"
)
ADBLOCK = (
    "Grève des bacs\n"
    "Nous avons remarqué que vous utilisez un bloqueur de publicité.\n\n"
    "Désactivez votre bloqueur de pub pour soutenir notre rédaction.\n"
)
ERROR = (
    "Page introuvable\nLa page que vous cherchez n'existe pas.\n\nRetour à l'accueil\n"
)
DONATION = (
    "Harbour Film Library: Free Streaming\nCan You Chip In?\n\n"
    "The library is growing faster than ever, and we need your help. We keep our "
    "shelves open to all and are powered by donations averaging $20. Only one in "
    "a thousand of our readers gives.\n\n"
    "We don't ask often, but right now we have a Matching Gift Campaign. If you "
    "find the films useful, please pitch in.\n\n- The founder\n"
)
NEWS_ON_DONATIONS = (
    "Charity sets a record\n\n"
    "The harbour charity said on Monday that donations reached a record last year, "
    "as more readers gave small sums online. The charity plans to open two more "
    "shelters before the winter, its director told reporters. Donations rose by "
    "a fifth, and the number of donors by a third, the annual report shows.\n"
)
LINKS = "Latest news\n\n" + "\n\n".join(
    f"Ferry crossing number {n} cancelled by the strike" for n in range(1, 11)
)
NEWS_ON_COOKIES = (
    "Regulator fines shop over cookies\n\n"
    "The data regulator fined an online shop on Tuesday for setting cookies "
    "without consent. The shop said it would appeal the decision and change its "
    "banner. Regulators have fined three other firms this year, and say more "
    "cases are open. The fine is the largest the regulator has imposed on a "
    "retailer since the rules came in, officials said on Tuesday.\n"
)


def paragraphs(body: str) -> tuple[Paragraph, ...]:
    return split_paragraphs(body, "text", 1)


@pytest.mark.parametrize(
    ("body", "lang", "what"),
    [
        (COOKIES, "de", "a cookie notice"),
        (PAYWALL, "en", "a paywall or registration prompt"),
        (ADBLOCK, "fr", "an ad-blocker notice"),
        (ERROR, "fr", "an error page"),
        (DONATION, "en", "a donation appeal"),
        (LINKS, "en", "a page of links (an index or listing page)"),
    ],
)
def test_notices_and_pages_of_links_are_no_articles(
    body: str, lang: str, what: str
) -> None:
    found = not_article(paragraphs(body), lang)
    assert found is not None
    assert found.what == what


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("WE USE COOKIES TO IMPROVE YOUR EXPERIENCE.", "a cookie notice"),
        ("Once regi\u017ftered, you can read on.", "a paywall or registration prompt"),
        (
            "Bitte melden Sie sich an, um weiterzulesen.",
            "a paywall or registration prompt",
        ),
        ("Désactivez votre bloqueur de publicité.", "an ad-blocker notice"),
        ("Le conseil a voté le budget.", None),
    ],
)
def test_a_notice_is_found_whatever_its_case_and_letters(
    sentence: str, kind: str | None
) -> None:
    # each kind's words are tested before its patterns; the long s, which
    # IGNORECASE reads as "s", sends the sentence to the patterns all the same
    assert notice(sentence) == kind
    assert (lowered_for_words(sentence) is None) is ("\u017f" in sentence)


def test_news_about_donations_is_an_article() -> None:
    assert not_article(paragraphs(NEWS_ON_DONATIONS), "en") is None


def test_news_about_cookies_is_an_article() -> None:
    assert notice("The regulator fined a shop over cookies set without consent.")
    assert not_article(paragraphs(NEWS_ON_COOKIES), "en") is None


def test_scrambled_text_after_a_paywall_is_no_news() -> None:
    body = (
        "Ferry crews vote to strike\n\nThe crews walked out at dawn.\n\n"
        "This article is for subscribers only. Subscribe to read it in full.\n\n"
        "Uif dsfxt xbmlfe pvu bu ebxo boe uif vojpo tbje uif tusjlf xpvme mbtu uxp "
        "ebzt xijmf ubmlt xfou po jo Wbmcsvof xjui uif pqfsbups boe uif dpvodjm.\n"
    )
    found = not_article(paragraphs(body), "en")
    assert found is not None
    assert found.what == "a paywall or registration prompt"


def test_repair_refuses_a_notice_unless_an_editor_vouched_for_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(COOKIES, encoding="utf-8")
    refused = repair(read_article(tmp_path, tmp_path / "a.txt"), "en")
    assert isinstance(refused, NotArticle)
    assert (refused.article.path, refused.what, refused.line) == (
        "a.txt",
        "a cookie notice",
        4,
    )
    (tmp_path / "b.txt").write_text("---\nreviewed: true\n---\n" + COOKIES)
    kept = repair(read_article(tmp_path, tmp_path / "b.txt"), "en")
    assert isinstance(kept, CleanArticle)


def test_build_warns_and_publishes_no_brief_analyze_and_enrich_say_so(
    tmp_path: Path,
) -> None:
    news = "---\ntitle: Ferries stop\ndate: 2026-11-28\n---\nThe crews walked out.\n"
    site = write_site(tmp_path / "site", {"cookies.txt": COOKIES, "news.md": news})
    config = load_config(site / "site.toml")
    report = build(config, use_cache=False)
    expected = (
        "cookies.txt:4: not an article: a cookie notice; it is not published. "
        "Remove it, or set `reviewed: true` in its front matter if it is news"
    )
    assert [str(w) for w in report.warnings if "not an article" in str(w)] == [expected]
    assert (report.articles, report.stories) == (1, 1)
    assert not any("stehen" in p.name for p in (site / "output" / "briefs").iterdir())
    records, problems = analyze(config)
    assert [r["path"] for r in records] == ["news.md"]
    assert problems == [expected]
    outcome = {o.path: o for o in enrich(config, None, False).outcomes}["cookies.txt"]
    assert outcome.status is Status.REFUSED
    assert outcome.message == expected.split(": ", 1)[1]
    assert "not_article" not in (site / "content" / "cookies.txt").read_text()
