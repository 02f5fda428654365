"""Loading: encodings, front matter, and an exact path:line for every problem."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from site_builder.errors import ContentError
from site_builder.load.files import load_all, load_file
from site_builder.model import DateSource


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _error(tmp_path: Path, name: str, data: str | bytes) -> str:
    with pytest.raises(ContentError) as caught:
        load_file(tmp_path, _write(tmp_path, name, data))
    return str(caught.value)


def test_front_matter_fields_are_typed_and_body_line_is_counted(tmp_path: Path) -> None:
    text = "---\ntitle: Hello\ndate: 2026-11-28 09:30\ntags: [a, b]\n---\nBody here.\n"
    loaded = load_file(tmp_path, _write(tmp_path, "a.md", text))
    article = loaded.article
    assert article.meta.title == "Hello"
    assert article.meta.tags == ("a", "b")
    assert article.date == datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    assert article.date_source is DateSource.FRONT_MATTER
    assert article.body == "Body here.\n"
    assert article.body_line == 6
    assert article.markup == "markdown"


def test_bom_before_front_matter_is_read_not_dropped(tmp_path: Path) -> None:
    data = "\ufeff---\ntitle: Avec BOM\n---\nTexte.\n".encode()
    article = load_file(tmp_path, _write(tmp_path, "bom.txt", data)).article
    assert article.meta.title == "Avec BOM"
    assert article.markup == "text"


def test_crlf_and_lone_cr_become_newlines(tmp_path: Path) -> None:
    article = load_file(
        tmp_path, _write(tmp_path, "w.txt", "One.\r\nTwo.\rThree.")
    ).article
    assert article.body == "One.\nTwo.\nThree."


def test_cp1252_is_decoded_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    data = "First line.\nCaf\u00e9 \u2019quoted\u2019.\n".encode("cp1252")
    loaded = load_file(tmp_path, _write(tmp_path, "old.txt", data))
    assert "Café ’quoted’" in loaded.article.body
    assert [str(w) for w in loaded.warnings] == [
        "old.txt:2: not valid UTF-8; read as Windows-1252. Re-save the file as UTF-8"
    ]


def test_yaml_1_1_surprises_stay_the_text_the_author_wrote(tmp_path: Path) -> None:
    text = "---\ntitle: NO\nversion: 1.10\nwhen: 12:30\n---\nBody.\n"
    meta = load_file(tmp_path, _write(tmp_path, "n.md", text)).article.meta
    assert meta.title == "NO"
    assert dict(meta.extra) == {"version": "1.10", "when": "12:30"}


def test_toml_front_matter(tmp_path: Path) -> None:
    text = '+++\ntitle = "Depuis TOML"\ntags = ["x"]\n+++\nCorps.\n'
    meta = load_file(tmp_path, _write(tmp_path, "t.md", text)).article.meta
    assert (meta.title, meta.tags) == ("Depuis TOML", ("x",))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "empty.md",
            "",
            "empty.md:1: file is empty; write an article or delete the file",
        ),
        (
            "nul.txt",
            b"ok\nbad\x00byte\n",
            "nul.txt:2: file contains NUL bytes: it is binary, not an article",
        ),
        (
            "yaml.md",
            "---\ntitle: ok\ntags: [a, b\n---\nBody\n",
            "yaml.md:3: invalid YAML in front matter: while parsing a flow sequence, "
            "did not find expected ',' or ']'",
        ),
        (
            "list.md",
            "---\n- a\n- b\n---\nBody\n",
            "list.md:2: front matter is a list; it must be keys with values "
            "(title: ...)",
        ),
        (
            "scalar.md",
            "---\njust text\n---\nBody\n",
            "scalar.md:2: front matter is a single value; it must be keys with values "
            "(title: ...)",
        ),
        (
            "open.md",
            "---\ntitle: never closed\nBody\n",
            "open.md:1: front matter opened with --- is never closed; "
            "add a line --- after the last key",
        ),
        (
            "dup.md",
            "---\ntitle: a\nlang: fr\ntitle: b\n---\nBody\n",
            "dup.md:4: duplicate key 'title' (first set on line 2); keep one",
        ),
        (
            "date.md",
            "---\ntitle: a\ndate: 2026-13-45\n---\nBody\n",
            "date.md:3: invalid date '2026-13-45'; write 2026-11-29 or "
            "2026-11-29T08:30:00+01:00",
        ),
        (
            "nobody.md",
            "---\ntitle: a\n---\n\n",
            "nobody.md:4: the article has no body after its front matter",
        ),
        (
            "flag.md",
            "---\nreviewed: maybe\n---\nBody\n",
            "flag.md:2: reviewed must be true or false, not 'maybe'",
        ),
    ],
)
def test_broken_files_name_path_and_line(
    tmp_path: Path, name: str, data: str | bytes, message: str
) -> None:
    assert _error(tmp_path, name, data) == message


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"]
    previous = "a"
    for level in "bcdefghijk":
        refs = ", ".join([f"*{previous}"] * 9)
        lines.append(f"{level}: &{level} [{refs}]")
        previous = level
    text = "\n".join([*lines, "---", "Body"])
    message = _error(tmp_path, "bomb.md", text)
    assert "more than 64 YAML aliases" in message
    assert message.startswith("bomb.md:")


def test_unsafe_source_url_is_dropped_with_a_warning(tmp_path: Path) -> None:
    text = "---\nsource_url: javascript:alert(1)\n---\nBody\n"
    loaded = load_file(tmp_path, _write(tmp_path, "u.md", text))
    assert loaded.article.meta.source_url is None
    assert [str(w) for w in loaded.warnings] == [
        "u.md:2: source_url must be an http(s) address; ignored"
    ]


def test_an_article_with_no_date_is_undated_not_dated_by_its_file(
    tmp_path: Path,
) -> None:
    article = load_file(tmp_path, _write(tmp_path, "a.txt", "Text.")).article
    assert article.date_source is DateSource.NONE
    assert article.date is None


def test_file_time_is_used_and_marked_when_the_site_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = _write(tmp_path, "a.txt", "Text.")
    article = load_file(tmp_path, path, file_dates=True).article
    assert article.date_source is DateSource.FILE_TIME
    assert article.date == datetime.fromtimestamp(1700000000, UTC)


@pytest.mark.parametrize(
    ("body", "day"),
    [
        (
            "Harbour ferries stop for a day\nPosted: Sep 27, 2013 10:50AM CDT\n"
            "The crews walked out at dawn.",
            "2013-09-27",
        ),
        (
            "Grève des bacs du port\nPublié le 12 avril 2013 à 10h00\n"
            "Les équipages ont cessé le travail à l'aube.",
            "2013-04-12",
        ),
        (
            "Fähren stehen still\nAktualisiert am 02.01.2020, 14:00 Uhr\n"
            "Die Besatzungen legten im Morgengrauen die Arbeit nieder.",
            "2020-01-02",
        ),
        (
            "Harbour ferries stop Posted on March 09, 2013 The crews walked out.",
            "2013-03-09",
        ),
        ("WASHINGTON, DC, April 28, 2009\nThe crews walked out.", "2009-04-28"),
    ],
)
def test_the_texts_own_stamp_dates_it(tmp_path: Path, body: str, day: str) -> None:
    article = load_file(tmp_path, _write(tmp_path, "a.txt", body)).article
    assert article.date_source is DateSource.TEXT
    assert article.date == datetime.fromisoformat(day).replace(tzinfo=UTC)


def test_a_date_in_a_sentence_is_news_not_a_stamp(tmp_path: Path) -> None:
    body = "Le 3 avril 2018, deux fillettes mouraient dans un accident à Festieux."
    article = load_file(tmp_path, _write(tmp_path, "a.txt", body)).article
    assert article.date_source is DateSource.NONE


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example/2013/04/12/ferry-strike", "2013-04-12"),
        ("https://news.example/story/2013-07-21/harbour-fire/", "2013-07-21"),
        ("https://news.example/a/30409/20130606/strike.htm", "2013-06-06"),
    ],
)
def test_the_source_url_dates_an_article_without_a_stamp(
    tmp_path: Path, url: str, day: str
) -> None:
    text = f"---\nsource_url: {url}\n---\nThe crews walked out.\n"
    article = load_file(tmp_path, _write(tmp_path, "a.md", text)).article
    assert article.date_source is DateSource.URL
    assert article.date == datetime.fromisoformat(day).replace(tzinfo=UTC)


def test_front_matter_then_text_then_url(tmp_path: Path) -> None:
    url = "source_url: https://news.example/2013/04/12/strike\n"
    stamped = "Published: March 3, 2013\nThe crews walked out.\n"
    both = load_file(tmp_path, _write(tmp_path, "a.md", f"---\n{url}---\n{stamped}"))
    assert both.article.date_source is DateSource.TEXT
    assert both.article.date == datetime(2013, 3, 3, tzinfo=UTC)
    chosen = f"---\ndate: 2013-05-01\n{url}---\n{stamped}"
    front = load_file(tmp_path, _write(tmp_path, "b.md", chosen)).article
    assert front.date_source is DateSource.FRONT_MATTER


def test_a_stamp_a_day_from_the_url_gives_way_to_it(tmp_path: Path) -> None:
    url = "source_url: https://news.example/2013/04/12/strike\n"
    text = f"---\n{url}---\nUpdated: April 13, 2013 1:31 AM\nThe crews walked out.\n"
    article = load_file(tmp_path, _write(tmp_path, "a.md", text)).article
    assert article.date_source is DateSource.URL
    assert article.date == datetime(2013, 4, 12, tzinfo=UTC)


def test_a_month_folder_in_a_url_is_no_date(tmp_path: Path) -> None:
    text = "---\nsource_url: https://news.example/2013/08/strike/\n---\nText.\n"
    article = load_file(tmp_path, _write(tmp_path, "a.md", text)).article
    assert article.date_source is DateSource.NONE


def test_load_all_skips_broken_files_and_refuses_outside_links(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "good.md").write_text("---\ntitle: Good\n---\nText.\n")
    (content / "bad.md").write_text("---\ntitle: [\n---\nText.\n")
    (content / "notes.pdf").write_bytes(b"%PDF")
    (content / ".hidden.md").write_text("Hidden.")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    (content / "link.txt").symlink_to(secret)
    result = load_all(content)
    assert [a.path for a in result.articles] == ["good.md"]
    assert [e.path for e in result.errors] == ["bad.md"]
    assert [str(w) for w in result.warnings] == [
        "link.txt: symbolic link points outside the content folder; not followed"
    ]


def test_missing_content_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="content folder not found"):
        load_all(tmp_path / "nope")


def test_source_is_read_as_outlet_or_address(tmp_path: Path) -> None:
    named = "---\nsource: Harbour Post\n---\nBody\n"
    meta = load_file(tmp_path, _write(tmp_path, "a.md", named)).article.meta
    assert (meta.outlet, meta.source_url) == ("Harbour Post", None)
    linked = "---\noutlet: Daily\nsource: https://x.example/a\n---\nBody\n"
    meta = load_file(tmp_path, _write(tmp_path, "b.md", linked)).article.meta
    assert (meta.outlet, meta.source_url) == ("Daily", "https://x.example/a")


def test_enrich_fields_are_typed_and_a_bad_reading_time_is_warned(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\nentities: [Orlen, Coast Wire]\nreported_by: Coast Wire\n"
        "reading_time: 4\n---\nBody.\n"
    )
    meta = load_file(tmp_path, path).article.meta
    assert meta.entities == ("Orlen", "Coast Wire")
    assert meta.reported_by == "Coast Wire"
    assert meta.reading_time == 4
    assert dict(meta.extra) == {}
    for value, minutes in (('"3 min"', 3), ("soon", None), ("0", None), ("-2", None)):
        path.write_text(f"---\nreading_time: {value}\n---\nBody.\n")
        loaded = load_file(tmp_path, path)
        assert loaded.article.meta.reading_time == minutes, value
        warned = [str(w) for w in loaded.warnings]
        assert bool(warned) == (minutes is None), value
        if minutes is None:
            assert "a.md:2" in warned[0]
            assert "whole number of minutes" in warned[0]
