"""extract_html / html_article_fields on invented pages, and the feed parsers."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from site_builder.ingest.listings import ListingError, parse_listing, sniff
from site_builder.load.html import escape_block, extract_html, html_article_fields

WWW = Path(__file__).parent / "fixtures" / "ingest" / "www"


def page(name: str) -> bytes:
    return (WWW / name).read_bytes()


def test_keeps_the_article_and_drops_navigation_comments_and_footer() -> None:
    found = extract_html(page("news/harbour-bridge.html"), "http://x.example/a")
    assert "lifting mechanism" in found.text
    assert "final load test" in found.text
    for boilerplate in ("harbourwatcher", "nightmare", "Most read", "Subscribe", "©"):
        assert boilerplate not in found.text
    assert found.text.count("\n\n") == 3  # four paragraphs, blank-line separated
    assert not found.text.startswith("Harbour bridge reopens")  # the h1 is the title


def test_metadata_from_the_page() -> None:
    found = extract_html(page("news/harbour-bridge.html"), "http://x.example/a")
    assert found.title == "Harbour bridge reopens after repairs"
    assert found.author == "Mara Okafor"
    assert found.outlet == "The Tidewater Gazette"
    assert found.date == datetime(
        2026, 11, 28, 7, 45, tzinfo=timezone(timedelta(hours=1))
    )
    assert found.lang == "en"  # <html lang="en-GB"> reduced to ISO 639-1
    assert found.canonical_url == "https://gazette.example/news/harbour-bridge-reopens"


def test_json_ld_date_and_language() -> None:
    found = extract_html(page("news/market-hall.html"), None)
    assert found.date == datetime(2026, 11, 27, 17, 10, tzinfo=UTC)
    assert found.lang == "fr"
    assert found.outlet == "Le Courrier du Val"
    assert found.canonical_url is None


def test_repeated_paragraphs_survive_extraction_for_clean_to_record() -> None:
    found = extract_html(page("news/market-hall.html"), None)
    assert found.text.count("Une trentaine de commerçants") == 2
    assert "du mardi au dimanche" in found.text
    assert "Abonnez-vous" not in found.text


def test_bare_date_is_midnight_utc_and_relative_canonical_resolves() -> None:
    html = page("news/library-hours.html").replace(
        b"</head>", b'<link rel="canonical" href="/library">\n</head>'
    )
    found = extract_html(html, "https://post.example/news/x.html")
    assert found.date == datetime(2026, 11, 26, tzinfo=UTC)
    assert found.canonical_url == "https://post.example/library"
    assert found.author == "Idris Penhallow"


def test_a_page_without_an_article_gives_no_text() -> None:
    found = extract_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert found.text == ""
    assert found.date is None


def test_markdown_lookalikes_are_escaped() -> None:
    assert escape_block("1. Drivers") == "1\\. Drivers"
    assert escape_block("# hashtag") == "\\# hashtag"
    assert escape_block("- minus") == "\\- minus"
    assert escape_block("-5 degrees at dawn") == "-5 degrees at dawn"


def test_html_article_fields_for_the_loader() -> None:
    body, fields = html_article_fields(page("news/ferry-timetable.html"))
    assert body.startswith("The ferry between Saltmarsh and Gull Island")
    assert "Harbour dues" not in body  # the related-links box
    assert fields == {
        "title": "Island ferry adds a late crossing on Saturdays",
        "date": datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        "outlet": "Saltmarsh Courier",
        "lang": "en",
        "source_url": "https://courier.example/ferry-late-crossing",
    }


def test_sniff_tells_pages_feeds_and_sitemaps_apart() -> None:
    assert sniff(page("news/harbour-bridge.html")) == "page"
    assert sniff(page("feeds/rss.xml")) == "feed"
    assert sniff(page("feeds/atom.xml")) == "feed"
    assert sniff(page("feeds/feed.json")) == "feed"
    assert sniff(page("sitemap.xml")) == "sitemap"


def test_rss_relative_links_html_titles_and_descriptions() -> None:
    listing = parse_listing(page("feeds/rss.xml"), "http://h.example/feeds/rss.xml")
    urls = [e.url for e in listing.entries]
    assert urls[:3] == [
        "http://h.example/news/harbour-bridge.html",
        "http://h.example/news/market-hall.html",
        "http://h.example/old/library",
    ]
    road = next(e for e in listing.entries if e.url is None)
    assert road.title == "Road closures & diversions this weekend"
    assert "<" not in road.text
    assert "ring road" in road.text
    assert "- Buses 4 and 9" not in road.text  # list items are text, not Markdown
    assert "1\\. Drivers" in road.text
    assert road.date == datetime(2026, 11, 25, 16, 0, tzinfo=UTC)
    market = listing.entries[1]
    assert market.text == "Les halles rouvrent."  # the <script> is dropped
    assert listing.title == "Regional wire"
    assert listing.lang == "en-gb"


def test_rss_without_a_base_uses_the_channel_link() -> None:
    listing = parse_listing(page("feeds/rss.xml"), None)
    assert listing.entries[0].url == "https://wire.example/news/harbour-bridge.html"


def test_atom_xml_base_and_html_title() -> None:
    listing = parse_listing(page("feeds/atom.xml"), "http://h.example/feeds/atom.xml")
    assert [e.url for e in listing.entries] == [
        "http://h.example/news/ferry-timetable.html",
        "http://h.example/news/harbour-bridge.html?utm_source=atom&utm_medium=feed",
    ]
    assert listing.title == "Saltmarsh Courier"
    assert listing.entries[0].date == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert listing.entries[0].text == "A late boat."


def test_json_feed_and_gzipped_sitemap() -> None:
    listing = parse_listing(page("feeds/feed.json"), "http://h.example/feeds/feed.json")
    assert listing.entries[1].url == "http://h.example/news/library-hours.html"
    assert listing.entries[1].text == "Later hours."
    sitemap = page("sitemap.xml").replace(b"{{origin}}", b"http://h.example")
    pages = parse_listing(gzip.compress(sitemap), None)
    assert len(pages.entries) == 3
    assert pages.entries[0].date == datetime(2026, 11, 25, tzinfo=UTC)


@pytest.mark.parametrize(
    "data", [b"<rss><channel><item>", b"{not json", b'{"title": "no items"}', b"<x/>"]
)
def test_broken_listings_raise(data: bytes) -> None:
    with pytest.raises(ListingError):
        parse_listing(data, None)
