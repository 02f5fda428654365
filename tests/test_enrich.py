"""enrich: drafted fields written into front matter, every other byte and edit kept."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, write_site

from site_builder.build import build
from site_builder.cli.main import main
from site_builder.config import Config, load_config
from site_builder.enrich.files import Status, enrich
from site_builder.enrich.front_matter_edit import apply, emit, read_layout
from site_builder.errors import SiteError
from site_builder.load.fields import split_front_matter
from site_builder.load.files import read_article

FERRY = (
    "Crews on the Orlen ferry crossing voted on Friday to strike for two days next "
    "week, in a dispute over rest periods between sailings.\n\n"
    "The operator, Harbour Lines, said it would run a reduced timetable and offer "
    "refunds to every ticket holder affected by the strike.\n\n"
    "Union officials said crews had worked twelve-hour shifts without breaks since "
    "the summer, when two vessels were withdrawn for repairs.\n\n"
    "Talks between Harbour Lines and the union are due to resume on Monday in "
    "Orlen, according to a statement from the port authority."
)
MARCHE = (
    "Le marché de Noël de Vaubrenne ouvrira samedi sur la place du Château, avec "
    "soixante chalets d'artisans venus de toute la région.\n\n"
    "La mairie a prolongé les horaires d'ouverture jusqu'à vingt-deux heures le "
    "vendredi et le samedi, pour accueillir davantage de visiteurs.\n\n"
    "Les commerçants du centre-ville espèrent une fréquentation en hausse après "
    "une saison touristique jugée décevante par la chambre de commerce."
)
HEAD = (
    "---\n"
    "# kept: a comment at the top\n"
    'title: "Ferry crews vote to strike"\n'
    "custom_field:   {nested: [1, 2]}   # an unknown key, odd spacing\n"
    "date: 2026-11-28T10:15:00Z\n"
    "tags: [transport]\n"
    "---\n"
)
BODY_TRAILING = FERRY.replace("week,", "week,   ") + "  \n\n  trailing spaces  "


def _site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    return write_site(tmp_path / "site", files)


def _config(site: Path) -> Config:
    return load_config(site / "site.toml")


def _snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(site / "content").as_posix(): (
            p.read_bytes(),
            p.stat().st_mtime_ns,
        )
        for p in sorted((site / "content").rglob("*"))
        if p.is_file()
    }


def test_fields_are_added_and_every_other_byte_is_kept(tmp_path: Path) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + BODY_TRAILING})
    report = enrich(_config(site), None, dry_run=False)
    assert [o.status for o in report.outcomes] == [Status.ENRICHED]
    data = (site / "content" / "ferry.md").read_bytes()
    assert data.endswith(("\n---\n" + BODY_TRAILING).encode())
    block = data.decode().split("\n---\n", 1)[0].split("\n")
    old = HEAD.rstrip("\n").split("\n")[:-1]
    assert block[: len(old)] == old  # comments, spacing, order, unknown keys kept
    added = [line.split(":")[0] for line in block[len(old) :] if line[:1].isalpha()]
    assert added == [
        "summary",
        "key_points",
        "keywords",
        "lang",
        "reading_time",
        "entities",
        "generated",
    ]
    article = read_article(site / "content", Path("ferry.md"))
    assert article.meta.title == "Ferry crews vote to strike"  # a person's title stays
    assert article.meta.summary
    assert article.meta.lang == "en"
    assert article.body == BODY_TRAILING
    assert dict(article.meta.extra)["custom_field"] == {"nested": ["1", "2"]}


def test_crlf_and_bom_are_kept_and_new_lines_use_crlf(tmp_path: Path) -> None:
    text = HEAD + FERRY + "\n"
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    site = _site(tmp_path, {"ferry.md": raw})
    enrich(_config(site), None, dry_run=False)
    data = (site / "content" / "ferry.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n# kept: a comment at the top\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.endswith(b"\r\n---\r\n" + (FERRY + "\n").replace("\n", "\r\n").encode())
    assert read_article(site / "content", Path("ferry.md")).meta.summary


def test_a_text_file_gains_front_matter_and_keeps_its_name_date_and_body(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path, {"marche.txt": MARCHE})  # no final newline
    path = site / "content" / "marche.txt"
    os.utime(path, (1_700_000_000, 1_700_000_000))
    before = read_article(site / "content", Path("marche.txt"))
    enrich(_config(site), None, dry_run=False)
    after = read_article(site / "content", Path("marche.txt"))
    assert path.read_bytes().startswith(b"---\ntitle: ")
    assert path.read_bytes().endswith(b"\n---\n" + MARCHE.encode())
    assert after.markup == "text"
    assert after.body == before.body == MARCHE
    assert after.date == before.date  # dated by its file time: the mtime was kept
    assert after.meta.title
    assert after.meta.lang == "fr"
    assert [p.name for p in path.parent.iterdir()] == ["marche.txt"]


def test_second_run_changes_no_byte_and_no_mtime(tmp_path: Path) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + FERRY, "marche.txt": MARCHE})
    enrich(_config(site), None, dry_run=False)
    first = _snapshot(site)
    time.sleep(0.01)
    report = enrich(_config(site), None, dry_run=False)
    assert {o.status for o in report.outcomes} == {Status.UNCHANGED}
    assert _snapshot(site) == first
    assert report.summary().startswith(
        "0 enriched, 2 unchanged, 0 kept edits, 0 reviewed (skipped) in "
    )


def test_hand_edits_are_never_overwritten(tmp_path: Path) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + FERRY})
    path = site / "content" / "ferry.md"
    enrich(_config(site), None, dry_run=False)
    text = path.read_text()
    summary_line = next(
        line for line in text.split("\n") if line.startswith("summary:")
    )
    edited = text.replace(summary_line, "summary: Crews strike; an editor wrote this.")
    edited = edited.replace("\nlang: en\n", "\n")  # deleted: asks for a fresh draft
    edited += "\n\nThe desk added this correction after the first enrich run."
    path.write_text(edited)
    report = enrich(_config(site), None, dry_run=False)
    assert report.outcomes[0].kept == ("summary",)
    assert report.summary().startswith("1 enriched, 0 unchanged, 1 kept edits")
    article = read_article(site / "content", Path("ferry.md"))
    assert article.meta.summary == "Crews strike; an editor wrote this."
    assert article.meta.lang == "en"
    assert article.meta.title == "Ferry crews vote to strike"
    again = enrich(_config(site), None, dry_run=False)
    assert again.outcomes[0].status is Status.UNCHANGED
    assert again.outcomes[0].kept == ("summary",)


def test_a_stale_draft_is_redrafted_when_the_body_changes(tmp_path: Path) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + FERRY})
    path = site / "content" / "ferry.md"
    enrich(_config(site), None, dry_run=False)
    before = read_article(site / "content", Path("ferry.md")).meta
    head, body = path.read_text().split("\n---\n", 1)
    path.write_text(head + "\n---\n" + body.replace("Orlen", "Kestwick"))
    report = enrich(_config(site), None, dry_run=False)
    assert report.outcomes[0].status is Status.ENRICHED
    assert report.outcomes[0].kept == ()
    after = read_article(site / "content", Path("ferry.md")).meta
    assert before.summary
    assert "Orlen" in before.summary + " ".join(before.key_points)
    assert "Orlen" not in (after.summary or "") + " ".join(after.key_points)


def test_reviewed_articles_are_not_touched(tmp_path: Path) -> None:
    reviewed = HEAD.replace("tags:", "reviewed: true\ntags:") + FERRY
    site = _site(tmp_path, {"ferry.md": reviewed, "marche.txt": MARCHE})
    before = _snapshot(site)
    report = enrich(_config(site), None, dry_run=False)
    assert {o.path: o.status for o in report.outcomes} == {
        "ferry.md": Status.REVIEWED,
        "marche.txt": Status.ENRICHED,
    }
    assert _snapshot(site)["ferry.md"] == before["ferry.md"]


def test_dry_run_prints_the_diff_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + FERRY})
    before = _snapshot(site)
    code = main(
        [
            "enrich",
            "--dry-run",
            "--config",
            str(site / "site.toml"),
            "--content",
            str(site / "content"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert _snapshot(site) == before
    assert "--- a/ferry.md\n+++ b/ferry.md\n" in out
    assert "\n+summary: " in out
    assert "\n+generated:\n" in out
    assert "1 would be enriched, 0 unchanged" in out
    assert [p.name for p in (site / "content").iterdir()] == ["ferry.md"]


def test_a_save_during_enrich_is_not_lost(tmp_path: Path) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + FERRY})
    path = site / "content" / "ferry.md"
    saved = (HEAD + FERRY + "\n\nA late correction.\n").encode()

    def editor_saves(target: Path) -> None:
        target.write_bytes(saved)

    report = enrich(_config(site), None, dry_run=False, before_replace=editor_saves)
    assert report.outcomes[0].status is Status.CHANGED
    assert not report.ok
    assert path.read_bytes() == saved
    assert [p.name for p in path.parent.iterdir()] == ["ferry.md"]  # no temp left
    assert enrich(_config(site), None, dry_run=False).outcomes[0].status is (
        Status.ENRICHED
    )


def test_paths_select_files_and_must_be_inside_content(tmp_path: Path) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + FERRY, "fr/marche.txt": MARCHE})
    before = _snapshot(site)
    report = enrich(_config(site), [site / "content" / "fr"], dry_run=False)
    assert [o.path for o in report.outcomes] == ["fr/marche.txt"]
    after = _snapshot(site)
    assert after["ferry.md"] == before["ferry.md"]
    assert after["fr/marche.txt"] != before["fr/marche.txt"]
    with pytest.raises(SiteError, match="not inside the content folder"):
        enrich(_config(site), [site / "site.toml"], dry_run=False)


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"+++\ntitle = 'x'\n+++\n", "TOML front matter (+++) is not edited"),
        (b"---\n{date: 2026-11-28, outlet: x}\n---\n", "share a line"),
        (b"---\n{outlet: x}\n---\n", "could not edit the front matter"),
        (b"---\ngenerated: yes\n---\n", "'generated' is not enrich's record"),
        (b"---\noutlet: Caf\xe9 Post\n---\n", "not valid UTF-8"),
    ],
)
def test_front_matter_it_cannot_edit_safely_is_left_alone(
    tmp_path: Path, head: bytes, message: str
) -> None:
    site = _site(tmp_path, {"ferry.md": head + FERRY.encode()})
    before = _snapshot(site)
    report = enrich(_config(site), None, dry_run=False)
    assert report.outcomes[0].status is Status.REFUSED
    assert message in report.outcomes[0].message
    assert _snapshot(site) == before


def test_a_link_is_not_replaced_by_a_file(tmp_path: Path) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + FERRY})
    (site / "content" / "link.md").symlink_to("ferry.md")
    report = enrich(_config(site), None, dry_run=False)
    # load names a link's article by its target, so the target alone is written
    assert [(o.path, o.status) for o in report.outcomes] == [
        ("ferry.md", Status.ENRICHED)
    ]
    assert (site / "content" / "link.md").is_symlink()
    assert os.readlink(site / "content" / "link.md") == "ferry.md"


def test_requoting_a_draft_is_not_an_edit(tmp_path: Path) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + FERRY})
    path = site / "content" / "ferry.md"
    enrich(_config(site), None, dry_run=False)
    path.write_text(path.read_text().replace("\nlang: en\n", '\nlang: "en"\n'))
    requoted = path.read_bytes()
    report = enrich(_config(site), None, dry_run=False)
    assert (report.outcomes[0].status, report.outcomes[0].kept) == (
        Status.UNCHANGED,
        (),
    )
    assert path.read_bytes() == requoted


@pytest.mark.parametrize(
    "value", ["NO", "yes", "1.0", "null", "~", "a: b", "#x", "[1]", " padded ", "é «»"]
)
def test_generated_text_reads_back_as_the_same_text(value: str) -> None:
    assert emit("title", value) != [f"title: {value}\n"] or value == "é «»"
    data = apply(read_layout(b"body\n"), [("title", value), ("keywords", [value])])
    fields = split_front_matter(data.decode()).fields
    assert [(f.key, f.value) for f in fields] == [
        ("title", value),
        ("keywords", [value]),
    ]


def test_build_never_writes_content_and_shows_enriched_and_edited_fields(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path, {"ferry.md": HEAD + FERRY, "marche.txt": MARCHE})
    config = _config(site)
    before = _snapshot(site)
    assert build(config).ok
    assert _snapshot(site) == before
    enrich(config, None, dry_run=False)
    path = site / "content" / "marche.txt"
    text = path.read_text()
    title = read_article(site / "content", Path("marche.txt")).meta.title
    summary_line = next(
        line for line in text.split("\n") if line.startswith("summary:")
    )
    path.write_text(text.replace(summary_line, "summary: Un résumé écrit à la main."))
    enriched = _snapshot(site)
    assert build(config).ok
    assert _snapshot(site) == enriched
    pages = "".join(
        p.read_text() for p in (site / "output" / "briefs").rglob("index.html")
    )
    assert "Un résumé écrit à la main." in pages
    assert title
    assert title.replace("'", "&#39;") in pages


# The crash test: a real ``site-builder enrich`` killed at random moments.

_WORDS = (
    "harbour",
    "council",
    "ferry",
    "bridge",
    "school",
    "budget",
    "museum",
    "river",
    "station",
    "library",
    "market",
    "festival",
    "hospital",
)
_TOWNS = ("Orlen", "Kestwick", "Vaubrenne", "Lestrac", "Harrowfield", "Millrace")


def _article(rng: random.Random, number: int) -> str:
    town, place, thing = rng.choice(_TOWNS), rng.choice(_WORDS), rng.choice(_WORDS)
    count = rng.randint(3, 900)
    paragraphs = [
        f"The {place} of {town} will close for {count} days from Monday while "
        f"engineers repair the {thing}, officials said on Friday (item {number}).",
        f"Residents of {town} asked the council to publish the costs of the {thing} "
        f"works, which rose to {count * 7} thousand pounds this year.",
        f"A spokesperson for the {place} said visitors would be offered another "
        f"{thing} near the {rng.choice(_WORDS)} until the repairs end.",
    ]
    head = f"---\ntitle: Item {number}\n---\n" if number % 3 == 0 else ""
    body = "\n\n".join(paragraphs)
    return head + (body.replace("\n", "\r\n") if number % 4 == 0 else body)


def _run(site: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "site_builder", "enrich"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def _writing(content: Path, pid: int) -> bool:
    mark = f".{pid}.enrich-tmp"
    with os.scandir(content) as entries:
        return any(entry.name.endswith(mark) for entry in entries)


def _kill(site: Path, delay: float | None, window: float) -> None:
    """SIGKILL an enrich run after ``delay`` s, or ``window`` s into its writing."""
    process = _run(site)
    if delay is None:
        while process.poll() is None and not _writing(site / "content", process.pid):
            time.sleep(0.0005)
        delay = window
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def test_a_killed_enrich_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    rng = random.Random(20261129)
    files = {f"a{n:02}.{'txt' if n % 2 else 'md'}": _article(rng, n) for n in range(30)}
    site = _site(tmp_path, files)
    content = site / "content"
    old = {name: (content / name).read_bytes() for name in files}

    def reset() -> None:
        for name, data in old.items():
            (content / name).write_bytes(data)
            os.utime(content / name, (1_700_000_000, 1_700_000_000))

    reset()
    started = time.monotonic()
    assert _run(site).wait(timeout=60) == 0
    full_run = time.monotonic() - started
    new = {name: (content / name).read_bytes() for name in files}
    assert all(new[name] != old[name] for name in files)
    for attempt in range(20):
        reset()
        # half the kills land anywhere, half while files are being replaced
        at_random = rng.uniform(0.0, 1.0) * full_run if attempt % 2 else None
        _kill(site, at_random, rng.uniform(0.0, 0.1) * full_run)
        for name in files:
            assert (content / name).read_bytes() in (old[name], new[name]), name
    finished = _run(site)  # from whatever state the last kill left
    assert finished.wait(timeout=60) == 0
    assert {name: (content / name).read_bytes() for name in files} == new
    assert sorted(p.name for p in content.iterdir()) == sorted(files)  # no temp left
