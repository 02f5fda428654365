"""Fuzz the loader with hypothesis: any bytes in, an Article or a ContentError out.

    python -m bench.fuzz_loader [--examples 20000] [--seeds DIR ...] [--slow 2.0]

Not run in CI (tests/test_hostile_props.py runs the same properties on 150 examples
each). Inputs are drawn four ways: raw bytes; seed articles (tests/sites, and any
``--seeds`` folder such as ../shared/corpus/articles) with bytes inserted, replaced
or deleted; front matter assembled from YAML/TOML/Markdown/HTML fragments; and the
same with an encoding (UTF-8 with BOM, UTF-16, cp1252) applied. Each input is
written to a file and must give, within ``--slow`` seconds:

- ``load_file``: an Article, or ContentError with the file's path and a line >= 1;
- for an Article: ``clean`` and ``body_html`` without an exception, and HTML with
  no script, event handler or javascript:/vbscript:/data:text/html URL.

Anything else is a finding: hypothesis shrinks it to a minimal input, which is printed
with its traceback, and the run stops (fix it, then run again).

Runs (2026-11-29, 2 shared cores):

- While writing the same properties for tests/test_hostile_props.py, hypothesis found
  within 150 examples that a control character in front matter (``\\x1f``) escaped as
  ``yaml.reader.ReaderError`` and crashed the whole build; now a ContentError naming
  the line (meta.py). The hand-written cases found three more crashes or hangs (a
  symlink loop, a date with no UTC equivalent, a named pipe): README "Hostile input".
- ``python -m bench.fuzz_loader --examples 60000 --seeds ../shared/corpus/articles``
  after those fixes: 60,000 inputs, no finding, 258 s (365 seed files).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from site_builder.clean.repeats import clean
from site_builder.errors import ContentError
from site_builder.load.files import load_file
from site_builder.render.pages import body_html

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from hostile_checks import NASTY, html_problems  # noqa: E402

FRAGMENTS = [
    "---\n",
    "+++\n",
    "...\n",
    "\ufeff",
    "title: ",
    "date: ",
    "tags: [",
    "]",
    "&a ",
    "*a ",
    "<<: *a\n",
    "!!python/object:os.system ",
    "!!binary ",
    "? ",
    ": ",
    "- ",
    "{",
    "}",
    "\t",
    "\r\n",
    "\r",
    "\n\n",
    '"',
    "'",
    "\\",
    "\x00",
    "\x1f",
    "\x85",
    "\u2028",
    '[a]\nb = "c"\n',
    "date = 1979-05-27T07:32:00Z\n",
    "2026-02-30",
    "9999-12-31T23:00:00-05:00",
    "0001-01-01T00:00:00+05:00",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "```\n",
    "# ",
    "> ",
    "| a |\n|---|\n",
    *NASTY,
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]


def seed_files(folders: list[Path]) -> list[bytes]:
    found = [
        p.read_bytes()[:20_000]
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".md", ".txt") and p.is_file()
    ]
    return found[:400] or [b"---\ntitle: Seed\n---\nA seed body.\n"]


def mutate(seed: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    data = bytearray(seed)
    for position, kind, chunk in edits:
        at = position % (len(data) + 1)
        if kind == 0:
            data[at:at] = chunk
        elif kind == 1:
            data[at : at + len(chunk)] = chunk
        else:
            del data[at : at + len(chunk) + 1]
    return bytes(data)


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "replace" if encoding != "utf-16" else "surrogatepass")


def inputs(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    edits = st.lists(
        st.tuples(st.integers(0, 1 << 20), st.integers(0, 2), st.binary(max_size=8)),
        max_size=8,
    )
    pieces = st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=16)), max_size=40
    ).map("".join)
    return st.one_of(
        st.binary(max_size=2000),
        st.builds(mutate, st.sampled_from(seeds), edits),
        pieces.map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.builds(encoded, pieces, st.sampled_from(ENCODINGS)),
    )


def check(folder: Path, data: bytes, name: str, slow: float) -> None:
    path = folder / name
    path.write_bytes(data)
    started = time.perf_counter()
    try:
        article = load_file(folder, path).article
    except ContentError as error:
        if error.path != name or (error.line is not None and error.line < 1):
            raise AssertionError(f"error without a usable place: {error!r}") from error
        return
    finally:
        elapsed = time.perf_counter() - started
        if elapsed > slow:
            raise AssertionError(f"loading took {elapsed:.1f} s")
    html = str(body_html(clean(article, "en")))
    found = html_problems(html)
    if found:
        raise AssertionError(f"active content rendered: {found}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--seeds", type=Path, nargs="*", default=[])
    parser.add_argument("--slow", type=float, default=2.0)
    args = parser.parse_args()
    seeds = seed_files([REPO / "tests" / "sites", *args.seeds])
    counted = {"runs": 0}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)

        @settings(
            max_examples=args.examples,
            deadline=None,
            database=None,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )
        @given(data=inputs(seeds), suffix=st.sampled_from([".md", ".txt"]))
        def fuzz(data: bytes, suffix: str) -> None:
            counted["runs"] += 1
            check(folder, data, "fuzz" + suffix, args.slow)

        started = time.perf_counter()
        try:
            fuzz()
        except Exception:
            traceback.print_exc()
            print(f"FINDING after {counted['runs']} inputs")
            return 1
    seconds = time.perf_counter() - started
    print(f"{counted['runs']} inputs, no finding, {seconds:.0f} s ({len(seeds)} seeds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
