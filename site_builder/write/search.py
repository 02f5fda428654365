"""Search stage: rendered story pages -> a Pagefind bundle per language, as more files.

Pagefind's Python API answers one request per 100 ms poll of its service (100 pages
took 10 s here), so the binary shipped by ``pagefind[bin]`` is run once per language
on a temporary copy of the story pages, all languages at once, and the bundle files
are read back to go through the atomic write with the rest of the site.

One bundle per language (``pagefind/fr/``, ``pagefind/en/``): the search page loads
each as its own Pagefind instance, so every language keeps its own stemmer and one
query searches them all. A language with many pages is cut into shards by page path
(``pagefind/en/``, ``pagefind/en.1/``, ...; the page merges those of a language with
Pagefind's ``mergeIndex``), so an edit re-indexes one shard, not the whole archive:
Pagefind took 22 s for 8,000 pages here, and has no incremental mode.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import jinja2

from site_builder.config import Config
from site_builder.errors import SiteError
from site_builder.model import Kept, Page, Rendered, Site
from site_builder.render.fingerprints import digest, stable_hash
from site_builder.write.staging import Staging

BUNDLE = "pagefind"
SHARD_PAGES = 1000  # pages per shard, about: a shard re-indexes in a second or two
# The theme has its own search UI: Pagefind's prebuilt UIs would only add weight.
_UNUSED = ("-ui.", "pagefind-highlight", "playground")


def indexed_pages(site: Site) -> dict[str, str]:
    """Output path -> language of each page the index covers (the story pages)."""
    return {p.path: p.lang for p in site.pages if p.template == "brief.html"}


def search_languages(pages: Iterable[Page]) -> tuple[str, ...]:
    """The languages that get a bundle: those of the story pages."""
    return tuple(sorted({p.lang for p in pages if p.template == "brief.html"}))


def shard_count(pages: int) -> int:
    """Shards of a language with ``pages`` pages: a power of two, so that a page
    keeps its shard until the archive doubles."""
    count = 1
    while count * SHARD_PAGES < pages:
        count *= 2
    return count


def shards(pages: Iterable[Page]) -> dict[str, list[str]]:
    """Bundle name (``en``, ``en.1``, ...) -> the output paths it indexes, sorted;
    a shard no page falls in has no bundle."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        if page.template == "brief.html":
            by_lang[page.lang].append(page.path)
    found: dict[str, list[str]] = {}
    for lang, paths in sorted(by_lang.items()):
        count = shard_count(len(paths))
        for path in sorted(paths):
            shard = stable_hash(path) % count
            found.setdefault(_bundle_name(lang, shard), []).append(path)
    return dict(sorted(found.items()))


def _bundle_name(lang: str, shard: int) -> str:
    return lang if shard == 0 else f"{lang}.{shard}"


def search_index(
    config: Config,
    bundles: Mapping[str, Sequence[str]],
    read: Callable[[str], bytes],
) -> list[Rendered]:
    """The Pagefind bundles named in ``bundles`` (name -> its pages' paths, whose
    bytes ``read`` gives one at a time), as ``pagefind/<name>/...`` files."""
    if not config.search or not bundles:
        return []
    found: list[Rendered] = []
    with tempfile.TemporaryDirectory(prefix="site-builder-search-") as temp:
        names = sorted(bundles)
        for start in range(0, len(names), _RUNNING):  # a few Pagefinds at a time
            runs = {
                name: _start(
                    Path(temp) / name, bundles[name], read, config.relative_urls
                )
                for name in names[start : start + _RUNNING]
            }
            for name, (process, out) in runs.items():
                _, errors = process.communicate()
                if process.returncode != 0:
                    message = errors.decode("utf-8", "replace").strip()[-500:]
                    raise SiteError(f"pagefind failed on the {name} pages: {message}")
                found += _read_back(out, f"{BUNDLE}/{name}")
    return found


_RUNNING = 4


def _start(
    folder: Path,
    paths: Sequence[str],
    read: Callable[[str], bytes],
    keep_index_url: bool,
) -> tuple[subprocess.Popen[bytes], Path]:
    site_dir, out = folder / "site", folder / "bundle"
    for path in paths:
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(read(path))
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


def set_search_bundles(config: Config, site: Site, env: jinja2.Environment) -> None:
    """Tell every page which languages have a search index to link."""
    env.globals["search_bundles"] = (
        search_languages(site.pages) if config.search else ()
    )
    env.globals["search_shards"] = tuple(shards(site.pages)) if config.search else ()


def search_files(
    config: Config,
    site: Site,
    out: Staging,
    fingerprints: dict[str, str],
    previous: dict[str, str],
) -> dict[str, str]:
    """Write the search bundles into ``out``; their fingerprints for the next build.
    A shard whose pages all kept their fingerprints is kept as it is in output/."""
    if not config.search:
        return {}
    digests: dict[str, str] = {}
    todo: dict[str, list[str]] = {}
    for name, paths in shards(site.pages).items():
        key = f"{BUNDLE}/{name}/"
        digests[key] = digest([(path, fingerprints[path]) for path in paths])
        folder = config.output_dir / BUNDLE / name
        if previous.get(key) == digests[key] and folder.is_dir():
            out.put(
                Kept(path.relative_to(config.output_dir).as_posix())
                for path in sorted(folder.rglob("*"))
                if path.is_file()
            )
            continue
        todo[name] = list(paths)
    out.put(search_index(config, todo, out.read))
    return digests
