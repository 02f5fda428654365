"""Page fingerprints: every value a page shows is in its digest, and only values."""

from __future__ import annotations

import pickle
from dataclasses import fields, replace
from datetime import date

import pytest
from briefs import brief, variables

from site_builder.config import load_config
from site_builder.model import (
    Brief,
    Page,
    Site,
    Summary,
    SummaryQuality,
)
from site_builder.render.fingerprints import page_fingerprints, summary_digest
from site_builder.site.assemble import assemble


def make(slug: str, hours: int = 0, topics: tuple[str, ...] = ("strike",)) -> Brief:
    return brief(slug, hours=hours, topics=topics, entities=("Oslo",), outlet="Wire")


def prints(briefs: list[Brief]) -> dict[str, str]:
    site = assemble(load_config(), briefs)
    templates = {page.template: f"t-{page.template}" for page in site.pages}
    return page_fingerprints(site, templates)


def other(value: object) -> object:
    """A different value of the same type."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, tuple):
        return (*value, "x")
    if value is None:
        return "x"
    raise AssertionError(value)


def test_every_summary_field_reaches_the_pages_that_show_the_brief() -> None:
    briefs = [make("a"), make("b", 1)]
    before = prints(briefs)
    changes = {
        f.name: replace(
            briefs[0].summary, **{f.name: other(getattr(briefs[0].summary, f.name))}
        )
        for f in fields(Summary)
        if f.name != "quality"
    }
    quality = SummaryQuality()
    for f in fields(SummaryQuality):
        changed = replace(quality, **{f.name: other(getattr(quality, f.name))})
        changes[f"quality.{f.name}"] = replace(briefs[0].summary, quality=changed)
    for name, summary in changes.items():
        after = prints([replace(briefs[0], summary=summary), briefs[1]])
        assert after["briefs/a/index.html"] != before["briefs/a/index.html"], name
        assert after["topics/index.html"] == before["topics/index.html"], name
        assert after["topics/strike/index.html"] != before["topics/strike/index.html"]


def test_every_brief_field_reaches_its_page() -> None:
    briefs = [make("a"), make("b", 1)]
    before = prints(briefs)
    shown = {f.name for f in fields(Brief)} - {"story", "summary", "slug"}
    assert shown == {"topics", "outlets", "aliases"}, "a new field: test it here"
    for name in sorted(shown):
        changed = replace(briefs[0], **{name: (*getattr(briefs[0], name), "x")})
        after = prints([changed, briefs[1]])
        assert after["briefs/a/index.html"] != before["briefs/a/index.html"], name


def test_a_date_change_reaches_the_sitemap_and_the_brief() -> None:
    before = prints([make("a"), make("b", 1)])
    after = prints([make("a", 2), make("b", 1)])
    assert after["sitemap.xml"] != before["sitemap.xml"]
    assert after["briefs/a/index.html"] != before["briefs/a/index.html"]


def test_equal_values_give_equal_fingerprints_whatever_their_sharing() -> None:
    briefs = [make("a"), make("b", 1)]
    copies = pickle.loads(pickle.dumps(briefs))
    assert prints(briefs) == prints(copies)


def test_a_date_is_not_taken_for_its_text_nor_a_number_for_a_flag() -> None:
    day = date(2026, 11, 28)

    def one(value: object) -> str:
        site = Site((Page("p.html", "p.html", "en", variables(v=value)),), ())
        return page_fingerprints(site, {"p.html": "t"})["p.html"]

    found = {one(v) for v in (day, repr(day), 1, True, 1.0, "1", None, (day,), b"x")}
    assert len(found) == 9


def test_a_summary_value_of_an_unknown_type_is_refused_not_skipped() -> None:
    one = make("a")
    for odd in (object(), (object(),), {"k": "v"}):
        strange = replace(one, summary=replace(one.summary, reported_by=odd))
        with pytest.raises((TypeError, ValueError)):
            prints([strange])


def test_summary_digests_given_stand_for_the_summaries() -> None:
    """A build passes the digests its cache keeps of the summaries: the same
    fingerprints as digesting them here, and used instead of the summaries."""
    site = assemble(load_config(), [make("a"), make("b", 1)])
    templates = {page.template: f"t-{page.template}" for page in site.pages}
    known = {id(b.summary): summary_digest(b.summary) for b in site.briefs}
    assert page_fingerprints(site, templates, known) == prints(
        [make("a"), make("b", 1)]
    )
    wrong = dict.fromkeys(known, "x")
    changed = page_fingerprints(site, templates, wrong)
    assert changed != page_fingerprints(site, templates, known)
