"""Summarize stage: the outlet's own headline, when the scraped body still opens on it.

Scraped pages often keep the headline as the body's first line ("Air Liquide
profitiert von Sparprogramm"), sometimes printed twice, sometimes after a date line,
and sometimes glued to the lead by a scraper that joined lines ("... Batteriefirma
ein Peking - Die Volkswagen-Gruppe ...", "... over Nakashima in thriller After
defending ..."). That line is the best title there is (a
sub-editor wrote it) and no sentence of the story: it is taken out of the body the
summary quotes, and offered as the title.
"""

from __future__ import annotations

import re

from site_builder.text.clauses import DANGLING, word_set

_MAX_WORDS = 20  # a longer line is a standfirst or a sentence, not a headline
_MIN_WORDS = 3
# A line that ends like a sentence (or opens on a bullet or a quote mark) is prose.
_PROSE_END = re.compile(r"[.!?:;,…\"»”)]$")
_DATE_LINE = re.compile(
    r"^(?:\w+,?\s+)?(?:\d{1,2}\.?\s+\w+|\w+\s+\d{1,2}),?\s+\d{4}\b[^.!?]{0,20}$"
    r"|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b[^.!?]{0,20}$"
)
# "... Batteriefirma ein Peking - Die ...": a headline, a place (and an agency),
# a dash, the lead.
_GLUED = re.compile(
    r"^(?P<head>[^.!?:;\"«»“”]{15,160}?[\w)])\s+"
    r"(?P<dateline>[A-ZÀ-Þ][\w.'’-]+(?:[ /-][A-ZÀ-Þ][\w.'’-]+){0,3}"
    r"(?:,\s[\w .]{1,25})?\s*(?:\([^()]{1,40}\))?)\s+[-–—]\s+"
    r"(?P<lead>[A-ZÀ-Þ\"«“„].*)$",
    re.DOTALL,
)
# A headline the scrape ran into its lead: no stop, no quotation mark, 15-160 chars.
_HEAD = r"^(?P<head>[^.!?;\"\n]{15,160}?"
# "... Nakashima in thriller After defending ...", "... in sich In der ...": a
# headline run into a lead that opens on a capitalised article or preposition
# followed by a lower-case word (a name would go on in capitals: "in The Hague").
_RUN_ON = re.compile(
    _HEAD + r"[\w)\]»”])\s+(?P<lead>(?:After|The|A|An|In|On|At"
    r"|When|While|As|But|For|Le|La|Les|Un|Une|Selon|Après|Dans|Pour|Der|Die|Das|Ein"
    r"|Eine|Im|Am|Nach|Bei|Mit|El|Los|Las|Una|En|Según|Il|Lo|Gli|Dopo|Nel|Nella"
    r"|During|Since|Despite|Amid|Following|Pendant|Depuis|Alors|Avec|Avant|Dès|Au"
    r"|Aux|Du|Des|Durante|Desde|Seit|Während|Trotz|Nachdem|Als|Durch|W|We|Na|Po|Od"
    r"|Do|Dla|Podczas|Mientras|Tras|Mentre|Secondo)"
    r"\s+[a-zà-ÿ].*)$",
    re.DOTALL,
)
# German capitalises its nouns, so its lead may go on in capitals ("... Millionen
# Euro sparen Die Commerzbank kommt ..."): a capitalised article after a lower-case
# word that governs nothing ("laut Die Welt" is a newspaper's name).
_RUN_ON_DE = re.compile(
    _HEAD + r"[a-zäöüß])\s+(?P<lead>(?:Der|Die|Das"
    r"|Ein|Eine|Seit|Im|Am|Nach|Bei|Mit|Laut|Zum|Zur|Vor|Wie|Als|Nachdem|Wegen)"
    r"\s+[A-ZÄÖÜ\d].*)$",
    re.DOTALL,
)
_GERMAN_GOVERNING = word_set(
    "von vom mit in im bei beim nach aus für über zu zum zur laut gegen durch ohne um "
    "an am auf unter vor hinter neben zwischen und oder der die das des dem den ein "
    "eine einer eines einem einen berichtet berichtete schreibt schrieb sagte"
)


def _headline_like(line: str) -> bool:
    size = len(line.split())
    return (
        _MIN_WORDS <= size <= _MAX_WORDS
        and "\n" not in line.strip()
        and not _PROSE_END.search(line.rstrip())
        and any(c.islower() for c in line)
        and not _DATE_LINE.match(line.strip())
    )


def _doubled(line: str) -> str:
    """ "X X" -> "X": a headline the scrape printed twice on one line."""
    half = line.split()
    size = len(half)
    if size % 2 == 0 and half[: size // 2] == half[size // 2 :]:
        return " ".join(half[: size // 2])
    return line


def source_headline(
    paragraphs: list[str], lang: str = ""
) -> tuple[str | None, list[str]]:
    """The headline the body opens on (if any), and the paragraphs without it
    (``lang``: the article's, for German's capitalised nouns)."""
    lines = paragraphs[0].split("\n") if paragraphs else []
    if len(lines) > 1 and _headline_like(" ".join(lines[0].split())):
        # a Markdown block whose first hard line is the headline
        paragraphs = [lines[0], "\n".join(lines[1:]), *paragraphs[1:]]
    if len(paragraphs) < 2:
        return _glued(paragraphs, lang)
    skip = 1 if _DATE_LINE.match(paragraphs[0].strip()) else 0
    first = _doubled(" ".join(paragraphs[skip].split()))
    if skip < len(paragraphs) - 1 and _headline_like(first):
        rest = paragraphs[skip + 1 :]
        if rest and " ".join(rest[0].split()) == first:  # printed again below
            rest = rest[1:]
        return first, paragraphs[:skip] + rest
    return _glued(paragraphs, lang)


def _glued(paragraphs: list[str], lang: str) -> tuple[str | None, list[str]]:
    """A headline the scrape joined to the lead, through a dateline or none."""
    if not paragraphs:
        return None, paragraphs
    patterns = [_GLUED, _RUN_ON]
    if lang == "de":
        patterns.append(_RUN_ON_DE)
    for pattern in patterns:
        found = pattern.match(paragraphs[0])
        if found is None:
            continue
        head = found.group("head")
        last = head.split()[-1].lower()
        if last in DANGLING or (pattern is _RUN_ON_DE and last in _GERMAN_GOVERNING):
            continue
        if _headline_like(head):
            return head, [found.group("lead"), *paragraphs[1:]]
    return None, paragraphs
