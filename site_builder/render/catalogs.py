"""Render stage, vocabulary: the interface's words in each language (gettext, Babel).

The templates are written in English and mark each interface string for translation
(``_('Key points')``, ``ngettext('%(num)s story', '%(num)s stories', n)``,
``pgettext('button', 'Search')``). Each other language has a gettext catalog,
``locale/<lang>/LC_MESSAGES/messages.po``, that a translator edits with any PO
editor; ``pybabel extract/update/compile`` keep it in step with the templates and
compile it to the ``messages.mo`` read here (see the README). The theme ships its
catalogs under templates/locale/; a site's own templates/locale/ adds languages or
overrides some strings of the theme's.

A page's interface speaks one language: its content's when a catalog has it (or it
is English, the templates' own), else the site's default (when it can), else English.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from site_builder.render.locales import localized_number
from site_builder.text.typography import typeset

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"  # the language the templates are written in


class Interface:
    """The catalogs of one build, and the strings they give, each made once."""

    def __init__(self, folders: Iterable[Path], default: str) -> None:
        """``folders`` hold ``<lang>/LC_MESSAGES/messages.mo``, the first one's
        strings winning (a site's templates/locale, then the theme's)."""
        self.catalogs: dict[str, Translations] = {}
        digest = hashlib.sha256()
        for folder in reversed(list(folders)):  # the theme first, the site over it
            for mo in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")):
                lang = mo.parent.parent.name.lower().replace("_", "-")
                digest.update(f"{lang}\0".encode() + mo.read_bytes())
                with mo.open("rb") as data:
                    found = Translations(data, domain=DOMAIN)
                known = self.catalogs.get(lang)
                if known is not None:
                    found = known.merge(found)
                self.catalogs[lang] = found
        self.digest = digest.hexdigest()  # in every page's fingerprint
        self.default = self.language(default, fallback=SOURCE_LANGUAGE)
        self._made: dict[tuple[object, ...], str] = {}

    def speaks(self, lang: str) -> bool:
        return lang == SOURCE_LANGUAGE or lang in self.catalogs

    def language(self, lang: str, fallback: str | None = None) -> str:
        """The interface language of a page whose content is in ``lang``."""
        for wanted in (lang.lower(), lang.lower().partition("-")[0]):
            if self.speaks(wanted):
                return wanted
        return self.default if fallback is None else fallback

    def gettext(self, lang: str, message: str, **values: object) -> str:
        """``message`` in ``lang``, its ``%(name)s`` filled from ``values``."""
        return self._string(("", lang, message, None, 0), values)

    def pgettext(self, lang: str, context: str, message: str, **values: object) -> str:
        """``message`` as said in ``context`` (a button's "Search" is a verb)."""
        return self._string((context, lang, message, None, 0), values)

    def ngettext(
        self, lang: str, singular: str, plural: str, n: int, **values: object
    ) -> str:
        """The form for ``n`` (the catalog's plural rule), its ``%(num)s`` the
        number as the language writes it (1,234 / 1 234), unless ``num`` is given
        (a placeholder that a script fills)."""
        return self._string(("", lang, singular, plural, n), values)

    def _string(
        self, key: tuple[str, str, str, str | None, int], values: dict[str, object]
    ) -> str:
        try:
            memo = (*key, *sorted(values.items()))
            found = self._made.get(memo)
        except TypeError:  # a value that cannot be a key: made every time
            return self._make(*key, values)
        if found is None:
            found = self._made[memo] = self._make(*key, values)
        return found

    def _make(
        self,
        context: str,
        lang: str,
        message: str,
        plural: str | None,
        n: int,
        values: dict[str, object],
    ) -> str:
        """The string, typeset; with a ``Markup`` value (a ``<code>`` the template
        made) it is Markup, the other values escaped into it."""
        catalog = self.catalogs.get(lang) or NullTranslations()
        text: str
        if plural is not None:
            text = catalog.ngettext(message, plural, n)
            values = {"num": localized_number(lang, n), **values}
        elif context:
            text = str(catalog.pgettext(context, message))
        else:
            text = catalog.gettext(message)
        if any(isinstance(value, Markup) for value in values.values()):
            return escape(typeset(text, lang)) % values
        return typeset(text % values if values else text, lang)
