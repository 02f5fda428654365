"""Search stage: rendered story pages -> Pagefind bundles, as more files.

Pagefind's Python API answers one request per 100 ms poll of its service (100 pages
took 10 s here), so the binary shipped by ``pagefind[bin]`` is run once per shard
on a temporary copy of its story pages, a few shards at once, and the bundle files
are read back to go through the atomic write with the rest of the site.

Pagefind has no incremental mode, so a language's pages are indexed in shards of
about 250, more past 32 shards (``site.search_pages`` says which; the search page
merges them with Pagefind's ``mergeIndex``), and a build re-indexes only the shards
whose pages changed in what Pagefind reads (``search_text``): one edit re-indexes
one shard (0.3 s, at most 1.3 s, in a 10,000-article site; README, Search shards).
Each shard is indexed as its language (``--force-language``), so every language
keeps its own stemmer.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from site_builder.config import Config
from site_builder.errors import SiteError
from site_builder.model import Kept, Rendered, Site
from site_builder.render.fingerprints import digest
from site_builder.site.search_pages import shards
from site_builder.write.search_text import search_digest
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
            batch = names[start : start + _RUNNING]
            runs = _waited(temp, batch, bundles, read, config.relative_urls)
            for name, (code, errors, out) in runs.items():
                if code != 0:
                    message = errors.decode("utf-8", "replace").strip()[-500:]
                    raise SiteError(f"pagefind failed on the {name} pages: {message}")
                found += _read_back(out, f"{BUNDLE}/{name}")
    return found


def _waited(
    temp: str,
    names: Sequence[str],
    bundles: Mapping[str, Sequence[str]],
    read: Callable[[str], bytes],
    relative_urls: bool,
) -> dict[str, tuple[int, bytes, Path]]:
    """Each bundle's Pagefind run, started together and each waited for (its exit
    code, its errors, its output folder): a failed run reported after the others
    leaves no process running and no pipe open."""
    started: dict[str, tuple[subprocess.Popen[bytes], Path]] = {}
    try:
        for name in names:
            started[name] = _start(
                Path(temp) / name, bundles[name], read, relative_urls
            )
    finally:
        waited = {}
        for name, (process, out) in started.items():
            _, errors = process.communicate()
            waited[name] = (process.returncode, errors, out)
    return waited


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


def _version(binary: Path) -> str:
    """The Pagefind version of ``binary`` ("1.5.2"), as its bundles record it."""
    found = subprocess.run(
        [str(binary), "--version"], capture_output=True, text=True, check=False
    )
    return found.stdout.strip().rpartition(" ")[2]


def _bundle_version(folder: Path) -> str:
    try:
        return str(json.loads((folder / "pagefind-entry.json").read_bytes())["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


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
    config: Config, site: Site, out: Staging, previous: dict[str, str]
) -> dict[str, str]:
    """Write the search bundles into ``out``; each shard's digest for the next build.

    A shard keeps its bundle in output/ when it holds the same pages as in the last
    build (``previous``) and none of them changed in what Pagefind reads: the
    pages whose bytes this build changed are compared, old and new, by
    ``search_digest``, a few per shard (more changed pages: re-indexed unread)."""
    if not config.search:
        return {}
    changed = frozenset(out.written)
    old: dict[str, list[str]] = defaultdict(list)  # bundle -> its files in output/
    for path in out.old_files():
        if path.startswith(f"{BUNDLE}/"):
            old[path.split("/", 2)[1]].append(path)
    digests: dict[str, str] = {}
    kept: dict[str, list[str]] = {}
    todo: dict[str, list[str]] = {}
    for name, paths in shards(site.pages).items():
        key = f"{BUNDLE}/{name}/"
        digests[key] = digest((config.relative_urls, paths))
        if (
            previous.get(key) == digests[key]
            and f"{key}pagefind-entry.json" in old[name]
            and _reads_the_same(out, [p for p in paths if p in changed])
        ):
            kept[name] = old[name]
        else:
            todo[name] = paths
    if (
        todo
        and kept
        and _version(_binary())
        != _bundle_version(config.output_dir / BUNDLE / next(iter(kept)))
    ):
        # A new Pagefind: no bundle of the old one stays beside its bundles.
        todo, kept = shards(site.pages), {}
    out.put(Kept(path) for name in sorted(kept) for path in sorted(kept[name]))
    out.put(search_index(config, todo, out.read))
    return digests


_CHECKED = 16  # changed pages of a shard compared before it is simply re-indexed


def _reads_the_same(out: Staging, paths: list[str]) -> bool:
    """Whether Pagefind reads the same of each page in ``paths`` in output/ (the
    last build) and in ``out`` (this one)."""
    if len(paths) > _CHECKED:
        return False
    for path in paths:
        old = out.output_dir / path
        if not old.is_file():
            return False
        before = search_digest(old.read_bytes())
        if before is None or before != search_digest(out.read(path)):
            return False
    return True
