"""Outlets: who published each article, named as readers know it; in English, French
and German (articles written for these tests)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from briefs import article

from site_builder.analyze import analyze
from site_builder.build import build
from site_builder.config import load_config
from site_builder.model import CleanArticle, Paragraph
from site_builder.summarize.outlets import cited, outlet_of, site_of


def test_the_front_matter_then_the_site_name_then_the_url_then_the_text() -> None:
    url = "https://news.bbc.co.uk/2/hi/europe/1.stm"
    assert outlet_of(article("a.md", outlet=" Harbour Daily ", source_url=url)) == (
        "Harbour Daily"
    )
    named = article("b.md", source_url=url, extra=(("site_name", "BBC Sport"),))
    assert outlet_of(named) == "BBC Sport"
    credits = "Les ferries restent à quai, a rapporté mercredi le Financial Times."
    assert outlet_of(_with_text(article("c.md", "fr", source_url=url), credits)) == (
        "BBC News"
    )
    assert outlet_of(_with_text(article("d.md", "fr"), credits)) == "Financial Times"
    assert outlet_of(article("e.md", "fr", reported_by="Le Monde")) == "Le Monde"
    assert outlet_of(article("f.md", "de")) is None
    # whom a text credits is its outlet only when the name reads as an outlet's
    assert outlet_of(article("g.md", "de", reported_by="Süddeutsche Zeitung"))
    person = "The ferries stay in port, according to the Alan Johnson."
    assert outlet_of(_with_text(article("h.md"), person)) is None
    assert outlet_of(article("i.md", "fr", reported_by="M. Djebbari")) is None


def _with_text(found: CleanArticle, text: str) -> CleanArticle:
    return replace(found, paragraphs=(Paragraph(text, 1),))


def test_a_site_is_named_by_its_registrable_domain_or_its_known_name() -> None:
    assert site_of("https://edition.cnn.com/2026/world/x") == "CNN"
    assert site_of("http://www.lemonde.fr/planete/article/x.html") == "Le Monde"
    assert site_of("https://www.spiegel.de/politik/x") == "Der Spiegel"
    # any other site keeps its domain, public suffixes included
    assert site_of("https://www.lindauer-bote.de/lokales/x") == "lindauer-bote.de"
    assert site_of("http://sport.harbour-daily.co.uk/x") == "harbour-daily.co.uk"
    assert site_of("https://www.gazette-de-varenne.fr/a") == "gazette-de-varenne.fr"
    # a portal's sites are outlets of their own
    assert site_of("http://oscar.go.com/news/x") == "oscar.go.com"
    for nothing in (None, "", "http://localhost/x", "http://192.168.1.9/x", "mailto:"):
        assert site_of(nothing) is None
    # a punycode domain is not decoded: it could spell another site's name
    assert site_of("https://xn--80ak6aa92e.com/") == "xn--80ak6aa92e.com"


def test_french_and_english_put_their_article_before_an_outlet_s_name() -> None:
    assert cited("Financial Times", "fr") == "le Financial Times"
    assert cited("The New York Times", "fr") == "le New York Times"
    assert cited("Le Monde", "fr") == "Le Monde"  # "d'après Le Monde"
    assert cited("BBC", "fr") == "la BBC"
    assert cited("AFP", "fr") == "l’AFP"
    assert cited("Reuters", "fr") == "Reuters"
    assert cited("Financial Times", "en") == "the Financial Times"
    assert cited("The Guardian", "en") == "The Guardian"
    assert cited("Reuters", "en") == "Reuters"
    assert cited("Süddeutsche Zeitung", "de") == "Süddeutsche Zeitung"


_FERRY = """\
---
title: "Ferry crews vote to strike"
lang: en
date: 2026-11-28T08:00:00Z
source_url: "https://news.bbc.co.uk/2/hi/uk/ferry.stm"
---
Ferry crews on the Orlen crossing voted to strike on Friday over pay.

The union said the strike would start on Monday and last three days.
"""
_GREVE = """\
---
title: "Les équipages des ferries votent la grève"
lang: fr
date: 2026-11-28T09:00:00Z
---
Les équipages des ferries de la traversée d'Orlen ont voté la grève vendredi, a \
rapporté le Financial Times.

Le syndicat précise que la grève commencera lundi et durera trois jours.
"""


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    (tmp_path / "site.toml").write_text("search = false\n", encoding="utf-8")
    return tmp_path


def test_the_site_names_outlets_from_urls_and_cites_them_in_french(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path, {"ferry.md": _FERRY, "greve.md": _GREVE})
    config = load_config(site / "site.toml")
    assert build(config, use_cache=False).ok
    output = config.output_dir
    card = (output / "index.html").read_text(encoding="utf-8")
    assert "BBC News" in card
    assert (output / "sources/bbc-news/index.html").is_file()
    french = output / "briefs/greve/index.html"
    page = french.read_text(encoding="utf-8")
    assert "Selon le Financial Times" in page
    records, _ = analyze(replace(config, content_dir=site / "content"))
    outlets = {r["path"]: r["outlet"] for r in records}
    assert outlets == {"ferry.md": "BBC News", "greve.md": "Financial Times"}


def test_an_outlets_page_with_no_outlet_says_so(tmp_path: Path) -> None:
    text = _GREVE.replace("a rapporté le Financial Times", "selon les marins")
    site = _site(tmp_path, {"greve.md": text})
    (site / "site.toml").write_text(
        'search = false\ndefault_language = "fr"\n', encoding="utf-8"
    )
    config = load_config(site / "site.toml")
    assert build(config, use_cache=False).ok
    sources = (config.output_dir / "sources/index.html").read_text(encoding="utf-8")
    assert "Aucun média n’est encore connu pour ces brèves." in sources
    topics = (config.output_dir / "topics/index.html").read_text(encoding="utf-8")
    assert "un thème a la sienne dès que 2 brèves le portent." in topics
