"""The site's public address: whether ``base_url`` points to this machine.

A site built with ``base_url = "http://localhost:8000/"`` (what ``site-builder new``
writes) sends readers of its sitemap, feeds and canonical links to their own
machine: ``build`` warns, ``publish`` refuses it (reading output/sitemap.xml).
"""

from __future__ import annotations

import ipaddress
import tomllib
from urllib.parse import urlsplit

from site_builder.config import Config, key_line
from site_builder.errors import BuildWarning


def local_address(url: str) -> bool:
    """Whether ``url``'s host is this machine: localhost, a loopback or an
    unspecified address (0.0.0.0, ::)."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:  # a malformed [IPv6] host
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def base_url_warnings(config: Config) -> tuple[BuildWarning, ...]:
    """One warning when the feeds, sitemap and canonical links the build writes
    would point to this machine; none otherwise."""
    if not local_address(config.base_url):
        return ()
    message = (
        f"base_url {config.base_url} is this machine: the sitemap, feeds and"
        " canonical links point to it; set base_url to the site's public address,"
        " or build with --base-url URL (publish refuses such a site)"
    )
    path = config.config_path
    if path is None:
        return (BuildWarning(message),)
    try:
        text = path.read_text(encoding="utf-8-sig")
        written = tomllib.loads(text).get("base_url")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return (BuildWarning(message, str(path)),)
    if written is None:  # the default: site.toml says nothing
        return (BuildWarning(message, str(path)),)
    if written != config.base_url:  # --base-url gave it
        return (BuildWarning(message),)
    return (BuildWarning(message, str(path), key_line(text, "base_url") or 0),)
