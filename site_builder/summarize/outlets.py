"""Summarize stage, outlets: the name of the outlet that published an article.

In this order: the front matter's ``outlet`` (an editor's, or what ``ingest`` read
from the page's ``og:site_name``), a ``site_name`` key, the name of the source URL's
site, and last the outlet the text itself credits ("a rapporté le Financial
Times"). A site is named by its registrable domain, found with the Public Suffix List
that the ``tld`` package ships (no network): ``news.bbc.co.uk`` and ``www.bbc.co.uk``
are ``bbc.co.uk``, ``edition.cnn.com`` is ``cnn.com``; outlets.json then gives
well-known sites the name they go by ("BBC News", "CNN"), and any other keeps its
domain ("sunjournal.com"), which is how a reader would find it. Whom a text
credits is taken for its outlet only when the name reads as one (a known outlet,
a newspaper's name, "News", "Radio", "Zeitung"...): "according to Alan Johnson"
names a person, and no outlet is better than a wrong one.

``cited`` puts the article French or English sets before a name in running text:
"selon le Financial Times", "d'après Le Monde", "reported by the BBC".
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from site_builder.model import CleanArticle
from site_builder.text.attribution import reported_by
from site_builder.text.prose import prose
from site_builder.text.sentences import split_sentences

_DATA = Path(__file__).with_name("outlets.json")
# The last word of a newspaper's name: "le Washington Post", "the Financial Times".
_PAPER = re.compile(
    r"\b(?:Times|Post|Journal|Herald|Tribune|Guardian|Telegraph|Independent|Globe"
    r"|Mail|Mirror|Observer|Gazette|Chronicle|Examiner|Inquirer|Courier|Register"
    r"|Star|Sun|Express|Standard|Monitor|Dispatch|Bulletin|Daily\s+News)$"
)
_OWN_ARTICLE = {
    "fr": re.compile(r"^(?:Le|La|Les)\s|^L['’]", re.IGNORECASE),
    "en": re.compile(r"^The\s", re.IGNORECASE),
}
_LEAD = 3  # sentences reported_by reads
_HOST = re.compile(r"^[\w.-]+$")
_MEDIA = re.compile(
    r"\b(?:News|Press|Presse|TV|Radio|Agence|Agency|Zeitung|Magazine?|Daily|Weekly"
    r"|Hebdo|Channel|Network|Broadcasting|Nachrichten|Info|Matin|Soir)\b"
    r"|\.[a-z]{2,}$"
)


def outlet_of(article: CleanArticle) -> str | None:
    """Who published ``article`` (see the module docstring)."""
    meta = article.article.meta
    for name in (meta.outlet, _site_name(meta.extra)):
        if name and name.strip():
            return name.strip()
    site = site_of(meta.source_url)
    if site:
        return site
    credited = (meta.reported_by or _credited(article) or "").strip()
    return credited if credited and reads_as_outlet(credited) else None


def _credited(article: CleanArticle) -> str | None:
    """The outlet the article's lead credits, as summarize finds it (the same
    text whether the article is a story's canonical or one of its sources)."""
    sentences: list[str] = []
    for paragraph in prose(article):
        sentences += split_sentences(paragraph, article.lang)
        if len(sentences) >= _LEAD:
            break
    return reported_by(sentences)


def reads_as_outlet(name: str) -> bool:
    """Whether a name the text credits is an outlet's ("the Financial Times",
    "France Info"), not a person's or an office's ("Alan Johnson", "M. Djebbari")."""
    return name in _known_names() or bool(_PAPER.search(name) or _MEDIA.search(name))


def site_of(url: str | None) -> str | None:
    """A readable name for the site at ``url``: its well-known name, else its
    registrable domain; None when the URL names no public site."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host or not _HOST.match(host):
        return None
    known = _data()[0]
    bare = host.removeprefix("www.")
    if bare in known:
        return known[bare]
    domain = _registrable(host)
    if domain is None:
        return None
    if domain in _portals():
        return bare  # oscar.go.com, not go.com
    # a punycode domain stays so: decoded, "xn--80ak6aa92e.com" reads "apple.com"
    return known.get(domain, domain)


def cited(name: str, lang: str) -> str:
    """``name`` as running text in ``lang`` cites it: with the article French or
    English puts before it ("le Financial Times", "the BBC"), none when the name
    has its own ("Le Monde", "The Guardian") or takes none ("Reuters")."""
    name = name.strip()
    own = _OWN_ARTICLE.get(lang)
    if own is None:
        return name
    if lang == "fr" and re.match(r"^The\s", name) and _PAPER.search(name):
        name = name[4:]  # "The New York Times" -> "le New York Times"
    elif own.match(name):
        return name
    article = _data()[1].get(lang, {}).get(name)
    if article is None:
        article = ("le" if lang == "fr" else "the") if _PAPER.search(name) else ""
    if not article:
        return name
    return f"{article}{name}" if article.endswith("’") else f"{article} {name}"


def _site_name(extra: tuple[tuple[str, object], ...]) -> str | None:
    for key, value in extra:
        if key == "site_name" and isinstance(value, str):
            return value
    return None


def _registrable(host: str) -> str | None:
    """``host``'s registrable domain by the Public Suffix List (ICANN part)."""
    from tld import get_fld  # 0.4 s to import and read the list: only when needed

    found = get_fld(host, fail_silently=True, fix_protocol=True)
    return found if isinstance(found, str) else None


@cache
def _portals() -> frozenset[str]:
    table = json.loads(_DATA.read_text(encoding="utf-8"))
    return frozenset(table["portals"])


@cache
def _known_names() -> frozenset[str]:
    """Every outlet outlets.json names, and those it gives an article."""
    domains, articles = _data()
    return frozenset(domains.values()).union(*articles.values())


@cache
def _data() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    table = json.loads(_DATA.read_text(encoding="utf-8"))
    return table["domains"], table["articles"]
