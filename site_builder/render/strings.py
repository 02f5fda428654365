"""Vocabulary: the theme's interface strings per language (English as fallback)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from babel import UnknownLocaleError
from babel.numbers import format_decimal

from site_builder.text.typography import typeset

_REGIONS = {"en": "en_GB"}

# Each entry is (one, other): the plural form is chosen by the count. French text is
# written with plain spaces; translate() applies French typography (thin spaces).
STRINGS: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "en": {
        "skip": ("Skip to content", ""),
        "home": ("Home", ""),
        "stories": ("{n} story", "{n} stories"),
        "briefs": ("{n} brief", "{n} briefs"),
        "sources": ("{n} source", "{n} sources"),
        "reading": ("{n} min read", ""),
        "sources_heading": ("Sources", ""),
        "adds": ("What this source adds", ""),
        "sentences": ("{n} sentence", "{n} sentences"),
        "more_sources": ("{n} more source", "{n} more sources"),
        "key_points": ("Key points", ""),
        "newer": ("Newer", ""),
        "older": ("Older", ""),
        "newer_page": ("Newer", ""),
        "older_page": ("Older", ""),
        "page": ("Page {n}", ""),
        "page_of": ("Page {n} of {count}", ""),
        "not_found": ("Page not found", ""),
        "not_found_text": ("This page does not exist, or no longer does.", ""),
        "back_home": ("Back to the latest edition", ""),
        "language": ("Language", ""),
        "languages": ("Languages", ""),
        "reported_by": ("Reported by {name}", ""),
        "main_nav": ("Main", ""),
        "pagination": ("Pages", ""),
        "story_nav": ("More stories", ""),
        "read_source": ("Read at {outlet}", ""),
        "unknown_outlet": ("Unknown outlet", ""),
        "kind_exact": ("exact copy", ""),
        "kind_near": ("near copy", ""),
        "topics": ("Topics", ""),
        "topic": ("Topic", ""),
        "outlets": ("Outlets", ""),
        "outlet": ("Outlet", ""),
        "editions": ("Editions", ""),
        "edition": ("Edition", ""),
        "topic_text": ("Every brief on “{name}”, newest first.", ""),
        "outlet_text": ("Every brief that draws on {name}, newest first.", ""),
        "edition_text": ("The briefs of that day, most sourced first.", ""),
        "language_text": ("Every brief written in {name}.", ""),
        "topics_text": ("Topics with their number of briefs.", ""),
        "outlets_text": ("The outlets our briefs draw on.", ""),
        "editions_text": ("Every day of briefs, newest first.", ""),
        "all_editions": ("All editions", ""),
        "also_in": ("Also in", ""),
        "related": ("Related stories", ""),
        "feeds": ("Feeds", ""),
        "search": ("Search", ""),
        "search_label": ("Search the briefs", ""),
        "search_any_language": ("All languages", ""),
        "search_any_topic": ("All topics", ""),
        "search_found": ("{n} result", "{n} results"),
        "search_none": ("No brief matches this search.", ""),
        "search_loading": ("Searching…", ""),
        "search_failed": ("Search is unavailable here (it needs a web server).", ""),
        "search_needs_js": (
            "Search runs in your browser and needs JavaScript. "
            "Every brief is also listed by edition, topic and outlet.",
            "",
        ),
        "colon": (": ", ""),
        "published": ("Published", ""),
    },
    "fr": {
        "skip": ("Aller au contenu", ""),
        "home": ("Accueil", ""),
        "stories": ("{n} sujet", "{n} sujets"),
        "briefs": ("{n} brève", "{n} brèves"),
        "sources": ("{n} source", "{n} sources"),
        "reading": ("Lecture : {n} min", ""),
        "sources_heading": ("Sources", ""),
        "adds": ("Ce que cette source ajoute", ""),
        "sentences": ("{n} phrase", "{n} phrases"),
        "more_sources": ("{n} autre source", "{n} autres sources"),
        "key_points": ("L’essentiel", ""),
        "newer": ("Plus récent", ""),
        "older": ("Plus ancien", ""),
        "newer_page": ("Plus récentes", ""),
        "older_page": ("Plus anciennes", ""),
        "page": ("Page {n}", ""),
        "page_of": ("Page {n} sur {count}", ""),
        "not_found": ("Page introuvable", ""),
        "not_found_text": ("Cette page n’existe pas, ou n’existe plus.", ""),
        "back_home": ("Retour à la dernière édition", ""),
        "language": ("Langue", ""),
        "languages": ("Langues", ""),
        "reported_by": ("Selon {name}", ""),
        "main_nav": ("Navigation principale", ""),
        "pagination": ("Pages", ""),
        "story_nav": ("Autres sujets", ""),
        "read_source": ("Lire sur {outlet}", ""),
        "unknown_outlet": ("Source inconnue", ""),
        "kind_exact": ("copie exacte", ""),
        "kind_near": ("copie proche", ""),
        "topics": ("Thèmes", ""),
        "topic": ("Thème", ""),
        "outlets": ("Médias", ""),
        "outlet": ("Média", ""),
        "editions": ("Éditions", ""),
        "edition": ("Édition", ""),
        "topic_text": (
            "Toutes les brèves sur « {name} », des plus récentes aux plus anciennes.",
            "",
        ),
        "outlet_text": ("Toutes les brèves qui s’appuient sur {name}.", ""),
        "edition_text": ("Les brèves du jour, les plus sourcées d’abord.", ""),
        "language_text": ("Toutes les brèves écrites en {name}.", ""),
        "topics_text": ("Les thèmes et leur nombre de brèves.", ""),
        "outlets_text": ("Les médias sur lesquels s’appuient nos brèves.", ""),
        "editions_text": (
            "Tous les jours de brèves, du plus récent au plus ancien.",
            "",
        ),
        "all_editions": ("Toutes les éditions", ""),
        "also_in": ("Aussi en", ""),
        "related": ("À lire aussi", ""),
        "feeds": ("Flux", ""),
        "search": ("Recherche", ""),
        "search_label": ("Chercher dans les brèves", ""),
        "search_any_language": ("Toutes les langues", ""),
        "search_any_topic": ("Tous les thèmes", ""),
        "search_found": ("{n} résultat", "{n} résultats"),
        "search_none": ("Aucune brève ne correspond à cette recherche.", ""),
        "search_loading": ("Recherche en cours…", ""),
        "search_failed": (
            "La recherche n’est pas disponible ici (il lui faut un serveur web).",
            "",
        ),
        "search_needs_js": (
            "La recherche fonctionne dans votre navigateur et demande JavaScript. "
            "Toutes les brèves sont aussi classées par édition, thème et média.",
            "",
        ),
        "colon": (" : ", ""),
        "published": ("Publié", ""),
    },
}


def translate(lang: str, key: str, n: int | None = None, **values: object) -> str:
    """The interface string ``key`` in ``lang`` (English when missing), formatted.

    An empty plural form means the string does not vary with the count.
    """
    one, other = _forms(lang, key)
    singular = n is not None and (n == 1 or (lang == "fr" and n == 0))
    form = one if singular or not other else other
    if values or n is not None:
        count = _number(lang, n) if n is not None else ""
        form = form.format(n=count, **values)
    return typeset(form, lang)


@cache
def _number(lang: str, n: int) -> str:
    """1,234 / 1 234: numbers as the language writes them."""
    try:
        return format_decimal(n, locale=_REGIONS.get(lang, lang))
    except (ValueError, UnknownLocaleError):
        return str(n)


@cache
def _forms(lang: str, key: str) -> tuple[str, str]:
    table = STRINGS.get(lang, STRINGS["en"])
    return table.get(key) or STRINGS["en"][key]
