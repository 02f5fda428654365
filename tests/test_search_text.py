"""What of a page Pagefind reads: equal digests only for pages it reads alike."""

from __future__ import annotations

import pytest

from site_builder.write.search_text import search_digest

PAGE = """<!doctype html><html lang="en"><head><title>T</title></head><body>
<article data-pagefind-body><h1>Harbour lights</h1>
<p data-pagefind-meta="summary">The lights are back.</p>
<section class="related" data-pagefind-ignore><h2>Related</h2>
<ul><li><a href="../b/">{related}</a></li></ul></section>
<nav data-pagefind-ignore><a rel="prev" href="../c/">{newer}</a></nav>
<p class="also" data-pagefind-ignore>Also in: {also}</p>
</article></body></html>"""


def _page(**changes: str) -> bytes:
    values = {"related": "Ferry strike", "newer": "Tide tables", "also": "fr"}
    return PAGE.format(**{**values, **changes}).encode()


def test_text_of_ignored_sections_is_not_read() -> None:
    assert search_digest(_page()) == search_digest(_page(related="Ferry strike ends"))
    assert search_digest(_page()) == search_digest(_page(newer="New tide tables"))


@pytest.mark.parametrize(
    "other",
    [
        _page().replace(b"back.", b"back on."),  # indexed text
        _page().replace(b'href="../b/"', b'href="../d/"'),  # an attribute, ignored
        _page(also="de"),  # a <p> may end early: its text is kept
        _page(related='<span data-pagefind-meta="x">Ferry</span> strike'),
        _page().replace(b"<h1>Harbour lights</h1>", b"<h1>Harbour</h1>"),
    ],
)
def test_what_pagefind_may_read_changes_the_digest(other: bytes) -> None:
    assert search_digest(other) != search_digest(_page())


def test_text_moved_inside_ignored_metadata_changes_the_digest() -> None:
    meta = '<span data-pagefind-meta="x">{}</span>{}'
    one = _page(related=meta.format("Ferry", " strike"))
    two = _page(related=meta.format("Ferry strike", ""))
    assert search_digest(one) != search_digest(two)


def test_an_ignored_section_that_never_closes_has_no_digest() -> None:
    page = _page().replace(b"</section>", b"")
    assert search_digest(page) is None


def test_a_heading_in_an_ignored_section_is_read() -> None:
    one = _page(related="<h1>Ferry</h1>")
    assert search_digest(one) != search_digest(_page(related="<h1>Ferries</h1>"))
