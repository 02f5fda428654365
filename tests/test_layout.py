"""The package's shape: stages as sub-packages, imports pointing one way, small parts.

A newcomer reads the folder list as the pipeline (STYLE.md); these rules keep it so.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "site_builder"

# Each part of the package and its place in the pipeline: a module may import only
# from parts of a lower or equal rank (the vocabulary first, the edges last).
RANKS = {
    "__init__": 0,
    "errors": 0,
    "config": 1,
    "model": 1,
    "workers": 1,
    "text": 2,
    "load": 3,
    "clean": 4,
    "dedup": 5,
    "summarize": 6,
    "pipeline": 7,
    "site": 8,
    "render": 9,
    "write": 10,
    "cache": 11,
    "build": 12,
    "analyze": 12,
    "enrich": 13,
    "serve": 13,
    "publish": 13,
    "ingest": 13,
    "cli": 14,
    "__main__": 15,
}
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _part(module: str) -> str:
    """``site_builder.dedup.grouping`` -> ``dedup``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "site_builder":  # a module, or a name of __init__
                found |= {
                    f"site_builder.{a.name}" if a.name in RANKS else "site_builder"
                    for a in node.names
                }
            elif node.module.startswith("site_builder."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("site_builder.")}
    return found


def test_every_part_of_the_package_has_a_place_in_the_pipeline() -> None:
    parts = {
        path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in _modules()
    }
    assert parts <= set(RANKS), sorted(parts - set(RANKS))


def test_the_stages_are_sub_packages() -> None:
    stages = [p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    assert len(stages) >= 6, stages


def test_no_module_imports_from_a_later_stage() -> None:
    upward = []
    for path in _modules():
        own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        for module in _imports(path):
            if RANKS[_part(module)] > RANKS[own]:
                upward.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert upward == []


def test_modules_and_functions_stay_small() -> None:
    large = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE)
        if len(source.splitlines()) > MAX_MODULE_LINES:
            large.append(f"{name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    large.append(f"{name}:{node.lineno} {node.name}: {lines} lines")
    assert large == []


# Declared dependencies the package never names: each is another one's back end.
BACK_ENDS = {
    "pystemmer": "snowballstemmer runs PyStemmer's C code when it is installed",
    "lxml-html-clean": "justext (trafilatura's extractor) imports lxml.html.clean",
}


def _named_modules() -> set[str]:
    """Top-level modules the package imports, or locates by name (``find_spec``)."""
    named: set[str] = set()
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                named |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                named.add(node.module.split(".")[0])
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "find_spec"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                named.add(str(node.args[0].value).split(".")[0])
    return named


def test_every_declared_dependency_is_used() -> None:
    import re
    import tomllib
    from importlib.metadata import packages_distributions

    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["project"]
    provides: dict[str, set[str]] = {}
    for module, dists in packages_distributions().items():
        for dist in dists:
            provides.setdefault(norm(dist), set()).add(module)
    named = _named_modules()
    unused = []
    for requirement in project["dependencies"]:
        dist = norm(re.split(r"[<>=!~\[; ]", requirement)[0])
        if not provides.get(dist, set()) & named and dist not in BACK_ENDS:
            unused.append(dist)
    assert unused == []


def test_the_back_ends_are_the_ones_in_use() -> None:
    import justext.core
    import snowballstemmer

    assert type(snowballstemmer.stemmer("english")).__module__ == "Stemmer"
    assert justext.core.Cleaner.__module__.startswith("lxml_html_clean")
