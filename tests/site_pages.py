"""Sites made up for the reader-side tests (issue #21): many briefs, several languages.

Every text here is invented: prose with a vocabulary of its own per story (so that
dedup keeps stories apart), and a few German, Spanish and Italian articles.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import write_site
from test_sites import EPOCH

from site_builder.build import BuildReport, build
from site_builder.config import load_config

SYLLABLES = ("ka", "lo", "mi", "ten", "ur", "bas", "vel", "or", "pin", "das", "ru")


def prose(seed: str, sentences: int, words: int = 14) -> str:
    """Sentences whose words belong to ``seed`` alone (drawn from 14,641 made-up
    words: two stories share few of them, as two real stories share few rare words)."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(4))

    return " ".join(
        f"The {seed} {' '.join(word() for _ in range(words))} today."
        for _ in range(sentences)
    )


def story(
    seed: str, lang: str = "en", hours: int = 0, extra: str = "", **meta: str
) -> str:
    """A dated Markdown article: a long summary and many key points, so that a
    card that showed them all would be heavy."""
    points = "".join(f"\n  - {prose(seed + str(n), 1, 20)}" for n in range(8))
    fields = "".join(f"{key}: {value}\n" for key, value in meta.items())
    return (
        f"---\ntitle: Story {seed}\nlang: {lang}\n"
        f"date: 2026-03-02T{8 + hours % 12:02d}:{hours % 60:02d}:00Z\n"
        f"summary: {prose(seed, 6, 25)}\nkey_points:{points}\n"
        f"tags: [shared topic]\noutlet: Common Wire\n{fields}---\n"
        f"{prose(seed, 12)}\n\n{prose(seed + 'b', 12)}\n{extra}"
    )


GERMAN = """---
title: Stadtrat von Kellbach beschließt neue Fähre über den Fluss
lang: de
date: 2026-03-02T09:00:00Z
outlet: Kellbacher Anzeiger
tags: [Verkehr]
---
Der Stadtrat von Kellbach hat am Montag den Bau einer neuen Fähre beschlossen. Die
alte Fähre war im Winter zweimal ausgefallen, und die Pendler mussten lange Umwege
fahren.

Die neue Fähre soll im Herbst in Betrieb gehen und doppelt so viele Fahrzeuge tragen.
Der Bürgermeister sprach von einer wichtigen Entscheidung für die ganze Region.

Die Kosten von vier Millionen Euro teilen sich die Stadt und das Land. Kritiker im
Rat hätten lieber eine Brücke gebaut, fanden aber keine Mehrheit.
"""

SPANISH = """---
title: El ayuntamiento de Valdemora abre una nueva biblioteca
lang: es
date: 2026-03-02T10:00:00Z
outlet: Diario de Valdemora
---
El ayuntamiento de Valdemora abrió el lunes una nueva biblioteca en el centro de la
ciudad. El edificio tiene tres plantas y una sala para los niños.

La alcaldesa dijo que la biblioteca abrirá todos los días hasta las diez de la noche.
Los vecinos llevaban años pidiendo un espacio para estudiar.

La obra costó dos millones de euros, pagados por la región y el ayuntamiento.
Los lectores podrán llevarse hasta diez libros a casa durante un mes.
"""

ITALIAN = """---
title: Il comune di Sorrivo rinnova la piazza del mercato
lang: it
date: 2026-03-02T11:00:00Z
outlet: Gazzetta di Sorrivo
---
Il comune di Sorrivo ha presentato lunedì il progetto per rinnovare la piazza del
mercato. I lavori dureranno sei mesi e costeranno due milioni di euro.

Il sindaco ha spiegato che il mercato resterà aperto durante i lavori. I commercianti
hanno accolto la notizia con favore.

La nuova piazza avrà quaranta alberi e una fontana al centro del mercato.
Le auto non potranno più parcheggiare davanti ai banchi del sabato mattina.
"""


@contextmanager
def fixed_epoch() -> Iterator[None]:
    """Builds dated as the golden sites are (file-time dates clamped to it)."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def build_here(root: Path) -> BuildReport:
    with fixed_epoch():
        report = build(load_config(root=root), use_cache=False)
    assert report.ok, [str(e) for e in report.errors]
    return report


def many_briefs_site(root: Path, count: int, toml: str = "") -> Path:
    """``count`` English briefs and a few French ones, all on one day, all sharing
    one topic and one outlet, plus German, Spanish and Italian stories."""
    files = {f"en-{n:03d}.md": story(f"e{n}", hours=n) for n in range(count)}
    files |= {f"fr-{n:03d}.md": story(f"f{n}", "fr", hours=n) for n in range(12)}
    files |= {"de-faehre.md": GERMAN, "es-biblioteca.md": SPANISH}
    files |= {"it-piazza.md": ITALIAN}
    return write_site(root, files, 'title = "Many"\nsearch = false\n' + toml)
