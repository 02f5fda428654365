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
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from site_builder.config import Config
from site_builder.errors import SiteError
from site_builder.model import Kept, Rendered, Site
from site_builder.render.fingerprints import digest
from site_builder.site.search_pages import shards
from site_builder.write.staging import Staging

BUNDLE = "pagefind"
# The theme has its own search UI: Pagefind's prebuilt UIs would only add weight.
_UNUSED = ("-ui.", "pagefind-highlight", "playground")


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
        # The bundle's language, whatever <html lang> says: a story in a language the
        # theme has no catalog for is a page in the default interface language, and
        # keeps its own language's stemmer here (``en.1`` is a shard of ``en``).
        "--force-language",
        folder.name.partition(".")[0].partition("-")[0],
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
