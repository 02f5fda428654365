"""Search stage: rendered story pages -> a Pagefind bundle per language, as more files.

Pagefind's Python API answers one request per 100 ms poll of its service (100 pages
took 10 s here), so the binary shipped by ``pagefind[bin]`` is run once per language
on a temporary copy of the story pages, all languages at once, and the bundle files
are read back to go through the atomic write with the rest of the site.

One bundle per language (``pagefind/fr/``, ``pagefind/en/``): the search page loads
each as its own Pagefind instance, so every language keeps its own stemmer and one
query searches them all.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from site_builder.config import Config
from site_builder.errors import SiteError
from site_builder.model import Page, Rendered, Site

BUNDLE = "pagefind"
# The theme has its own search UI: Pagefind's prebuilt UIs would only add weight.
_UNUSED = ("-ui.", "pagefind-highlight", "playground")


def indexed_pages(site: Site) -> dict[str, str]:
    """Output path -> language of each page the index covers (the story pages)."""
    return {p.path: p.lang for p in site.pages if p.template == "brief.html"}


def search_languages(pages: Iterable[Page]) -> tuple[str, ...]:
    """The languages that get a bundle: those of the story pages."""
    return tuple(sorted({p.lang for p in pages if p.template == "brief.html"}))


def search_index(
    config: Config, site: Site, rendered: Sequence[Rendered]
) -> list[Rendered]:
    """The Pagefind bundles of the site, as ``pagefind/<lang>/...`` files."""
    if not config.search:
        return []
    wanted = indexed_pages(site)
    by_lang: dict[str, list[Rendered]] = defaultdict(list)
    for item in rendered:
        if item.path in wanted:
            by_lang[wanted[item.path]].append(item)
    if not by_lang:
        return []
    with tempfile.TemporaryDirectory(prefix="site-builder-search-") as temp:
        runs = {
            lang: _start(Path(temp) / lang, files, config.relative_urls)
            for lang, files in sorted(by_lang.items())
        }
        found: list[Rendered] = []
        for lang, (process, out) in runs.items():
            _, errors = process.communicate()
            if process.returncode != 0:
                message = errors.decode("utf-8", "replace").strip()[-500:]
                raise SiteError(f"pagefind failed on the {lang} pages: {message}")
            found += _read_back(out, f"{BUNDLE}/{lang}")
    return found


def _start(
    folder: Path, files: Sequence[Rendered], keep_index_url: bool
) -> tuple[subprocess.Popen[bytes], Path]:
    site_dir, out = folder / "site", folder / "bundle"
    for item in files:
        target = site_dir / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.data)
    command = [
        str(_binary()),
        "--site",
        str(site_dir),
        "--output-path",
        str(out),
    ]
    if keep_index_url:
        # Result links keep index.html, like every other link of a relative site.
        command.append("--keep-index-url")
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return process, out


def _read_back(out: Path, prefix: str) -> list[Rendered]:
    return [
        Rendered(f"{prefix}/{path.relative_to(out).as_posix()}", path.read_bytes())
        for path in sorted(out.rglob("*"))
        if path.is_file() and not any(part in path.name for part in _UNUSED)
    ]


def _binary() -> Path:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SiteError(
            "the pagefind binary is missing: pip install 'pagefind[bin]', "
            "or set search = false in site.toml"
        )
    return found
