"""Vocabulary: output paths turned into links between pages and public URLs."""

from __future__ import annotations


def clean_path(target: str) -> str:
    """``briefs/x/index.html`` -> ``briefs/x/``; ``index.html`` -> ``''``."""
    if target == "index.html":
        return ""
    return target[: -len("index.html")] if target.endswith("/index.html") else target


def canonical_url(base_url: str, target: str) -> str:
    """The absolute public URL of an output path, from ``base_url``."""
    return base_url.rstrip("/") + "/" + clean_path(target)


def base_path(base_url: str) -> str:
    """The path of ``base_url`` without its final slash: ``/news`` or ``''``."""
    return ("/" + base_url.split("://", 1)[-1].partition("/")[2]).rstrip("/")


def relative_link(current: str, target: str) -> str:
    """A link from output path ``current`` to output path ``target``, kept relative.

    Always up to the root and down again (``../../topics/x/index.html``): a link then
    depends only on the depth of the page it sits on, so a brief's card rendered once
    serves every list page at that depth. ``index.html`` stays so the site works
    opened from disk too.
    """
    return "../" * current.count("/") + target


def href(base_url: str, relative: bool, current: str, target: str) -> str:
    """Relative links (sub-folder or disk) or clean root-relative ones."""
    if relative:
        return relative_link(current, target)
    return base_path(base_url) + "/" + clean_path(target)
