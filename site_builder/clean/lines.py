"""Clean stage, furniture that stands alone: a paragraph that is only page furniture.

A publication stamp ("Posted: Sep 27, 2013 10:50AM CDT"), a byline ("By Jane Roe,
Associated Press", "Par Jean Dupont"), a photo credit or caption ("Bild: Vahid
Salemi", "Lisa, left, in 2019 (Picture: Getty Images)"), a link to another page
("Lire aussi : ...", "READ MORE: ..."), a share, subscription or advertisement
prompt, a note to the reader ("This story was first published on ...", "Thanks
for reading"). Each rule needs the whole paragraph to be that and short: a
paragraph that goes on into news is never taken whole (``inline`` cuts what it can
inside one).
"""

from __future__ import annotations

import re

from site_builder.text.dates import MONTHS, WEEKDAYS
from site_builder.text.stamps import stamp

MAX_FURNITURE = 240  # characters: a paragraph taken whole is at most this long
MAX_NAMES = 8  # capitalised words in a byline ("By Jane Roe and John Doe, Reuters")

AGENCIES = (
    r"AFP|Reuters|AP|dpa(?:-AFX)?|AFX|ANSA|EFE|APA|KNA|epd|Xinhua|PAP|IANS|PTI"
    r"|Belga|ATS|SDA|UPI|TASS|Interfax|Europa\s+Press|Adnkronos|ANP|CNN|Bloomberg"
    r"|Sputnik|NTB|Anadolu|Kyodo|Yonhap|Lusa|AGI|RIA\s+Novosti"
    r"|Agence\s+France[- ]Presse|Associated\s+Press|Press\s+Association|PA|AAP"
    r"|CP|CNA|Notimex|IRNA|Bernama|Antara|SID|sda|KAP|MTI|CTK|ČTK|TT|AA|NAN|BBC"
)
_AGENCY_LINE = re.compile(
    rf"^\(?(?:(?:the|with|from|avec|mit|con)\s+)?(?i:{AGENCIES})"
    rf"(?:\s*(?:[/,&]|and|et|und|y|e)\s*(?i:{AGENCIES}|agencies|agences|Agenturen))*"
    r"\)?\s*\.?$",
)
_SOURCE_LINE = re.compile(r"^(?:Source|Sources|Quelle|Quellen|Fuente|Fonte)\s?:\s*\S")
_BYLINE = re.compile(
    r"^(?:By|BY|Par|PAR|Von|VON|Por|POR|Written by|Story by|Words by|Text:|Texte\s?:"
    r"|Text und Fotos?:|Autor(?:in)?:|Auteur\s?:|Reporting by|\(Reporting by"
    r"|Additional reporting by|\(Additional reporting by|Editing by|Compiled by)\s+"
)
_CREDIT_LABELS = (
    r"Photos?|Fotos?|Bild(?:er)?|Images?|Pictures?|Credits?|Crédits?(?:\s+photos?)?"
    r"|Photo\s+credit|Copyright|Image\s+copyright|Image\s+caption|Caption|Légende"
    r"|Bildunterschrift|Bildquelle|Rubriklistenbild|Symbolbild|Archivbild|Titelbild"
    r"|Fotografía|Imagen|Immagine|Photograph|Illustration|Grafik"
)
MAX_CREDIT = 150  # characters of a credit line: "Photo: Jane Roe/Reuters"
_CREDIT_START = re.compile(
    rf"^(?:(?:{_CREDIT_LABELS})\s*(?::|\bby\b|\bpar\b|\bvon\b|\bdi\b)"
    r"|(?:Photo|Foto)\s+de\b|Image\s+(?:copyright|caption)\b|Getty\s+Images\b"
    r"|AFP\s+PHOTO\b)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s)|\bCopyright\s+(?:©\s*)?(?:19|20)\d\d\b|\bAll\s+rights\s+reserved"
    r"|\bTous\s+droits\s+réservés|\bAlle\s+Rechte\s+vorbehalten"
    r"|\bTodos\s+los\s+derechos\s+reservados|\bRiproduzione\s+riservata",
    re.IGNORECASE,
)
# Substrings the patterns below need (lower case): a quick test before each.
_COPYRIGHT_WORDS = (
    "©",
    "(c)",
    "copyright",
    "rights",
    "droits",
    "rechte",
    "derechos",
    "riproduzione",
)
_CAPTION_WORDS = (
    "photo",
    "foto",
    "bild",
    "picture",
    "image",
    "credit",
    "crédit",
    "caption",
    "légende",
    "illustration",
    "grafik",
    "imagen",
    "immagine",
    "file photo",
)
# A caption: a short paragraph ending on its credit, "(Picture: Getty Images)".
CREDIT_END = re.compile(
    rf"[\s(](?:\((?:(?:AP|AFP|EPA|dpa|Reuters)\s+)?(?:{_CREDIT_LABELS})\b[^()]{{0,100}}\)"
    rf"|(?:{_CREDIT_LABELS})\s*:\s*[^.!?]{{1,80}}|\([^()]{{0,60}}\bfile\s+photo\))\s*$",
    re.IGNORECASE,
)
_LINK_PROMPT = re.compile(
    r"^(?:Read\s+more|Read\s+also|Also\s+read|See\s+also|Related\s*:|More\s*:"
    r"|Continue\s+reading|Click\s+here|Lire\s+(?:aussi|également|la\s+suite)"
    r"|[AÀ]\s+lire\s+(?:aussi|également)|Voir\s+aussi|[AÀ]\s+voir\s+aussi"
    r"|Lesen\s+Sie\s+(?:auch|mehr|hier)|Mehr\s+zum\s+Thema|Weiterlesen"
    r"|Auch\s+interessant|Das\s+könnte\s+Sie\s+auch\s+interessieren|Leggi\s+anche"
    r"|Leggi\s+(?:la\s+notizia|di\s+più)|Lee\s+también|Lea\s+también|Ver\s+también"
    r"|Te\s+puede\s+interesar|Sigue\s+leyendo|Czytaj\s+(?:też|także|więcej)"
    r"|Zobacz\s+(?:też|także|również)|Читайте\s+также|Read\s+or\s+share\s+this\s+story"
    r"|Leggi\s+o\s+condividi\s+questa\s+storia|Lee\s+o\s+comparte\s+esta\s+historia)\b",
    re.IGNORECASE,
)
_SUBSCRIBE = re.compile(
    r"^(?:Subscribe\b|Sign\s+up\b|Support\s+(?:local\s+)?journalism\b|Register\s+now\b"
    r"|Abonnez-vous\b|Inscrivez-vous\b|Jetzt\s+abonnieren\b|Abonnieren\s+Sie\b"
    r"|Newsletter\b|Suscríbete\b|Abbonati\b|Follow\s+us\b|Suivez-nous\b"
    r"|Folgen\s+Sie\s+uns\b|Síguenos\b|Seguici\b|Erhalten\s+Sie\s+(?:\w+\s+)?Newsletter\b"
    r"|Kliknij\s+obserwuj\b)",
    re.IGNORECASE,
)
# The outlet speaking to its reader, about the page, not the news.
_OUTLET_NOTE = re.compile(
    r"^(?:WATCH:\s*)?(?:This\s+(?:article|story)\s+(?:was\s+)?(?:first|originally)"
    r"\s+(?:appeared|published)|Thanks?\s+(?:you\s+)?for\s+(?:reading|supporting)"
    r"|Grazie\s+per\s+(?:aver\s+letto|sostenere)|Merci\s+de\s+(?:votre\s+lecture|soutenir)"
    r"|We['’]ll\s+keep\s+you\s+updated|This\s+(?:is\s+a\s+developing\s+story|story\s+will"
    r"\s+be\s+updated)|For\s+all\s+the\s+latest\b.{0,60}\bdownload\b"
    r"|Per\s+tutte\s+le\s+ultime\s+notizie\b.{0,60}\bscarica\b)",
    re.IGNORECASE,
)
_TEXT_SIZE = re.compile(r"A[+-]?(?:\s+A[+-]?){1,2}")  # "A+ A-": the page's font buttons
_ADVERT = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|publicité|anzeige|werbung"
    r"|pubblicità|publicidad|contenu\s+sponsorisé|story\s+continues\s+below"
    r"(?:\s+advertisement)?|article\s+continues\s+below(?:\s+this\s+ad)?"
    r"|continue\s+reading\s+below)\W*$",
    re.IGNORECASE,
)
_SHARE_WORDS_TEXT = """
    share tweet email e-mail print facebook twitter whatsapp linkedin pinterest reddit
    messenger telegram copy link comments comment save partager imprimer envoyer
    teilen drucken kommentare kommentieren condividi stampa commenta compartir
    imprimir comentar this article story on via sur cet ce diesen artikel
    questo articolo este artículo
    """
_SHARE_WORDS = frozenset(_SHARE_WORDS_TEXT.split())
_SHARE_VERBS_TEXT = "share tweet partager teilen condividi compartir"
_SHARE_VERBS = frozenset(_SHARE_VERBS_TEXT.split())
_NAME_JOINERS_TEXT = """
and und et y e & of de du des von van der den la le di da dos del by in
reporting editing writing additional
"""
_NAME_JOINERS = frozenset(_NAME_JOINERS_TEXT.split())
_SENTENCES = re.compile(r"[a-zà-ÿ]{2}[.!?]\s+[A-ZÀ-Þ]")  # a stop between sentences
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?")


def standalone(text: str, first: bool = False) -> str | None:
    """What furniture the paragraph ``text`` is, or None when it is not.

    ``first``: the body's first paragraph, which may be a headline with a caption
    glued to it: it is never taken whole as a caption.
    """
    if len(text) > 2 * MAX_FURNITURE:  # before spaces are folded: most paragraphs
        return None
    line = " ".join(text.split())
    if not line or len(line) > MAX_FURNITURE:
        return None
    if stamp(line):
        return "publication stamp"
    if _ADVERT.match(line):
        return "advertisement label"
    if _TEXT_SIZE.fullmatch(line):
        return "text-size buttons"
    if _BYLINE.match(line) and _names_only(_BYLINE.sub("", line, count=1)):
        return "byline"
    named = line.partition(":")[2].strip()
    if _AGENCY_LINE.match(line) or (
        _SOURCE_LINE.match(line) and (_names_only(named) or _AGENCY_LINE.match(named))
    ):
        return "source line"
    if (
        _CREDIT_START.match(line)
        and len(line) <= MAX_CREDIT
        and not _SENTENCES.search(line)
    ):
        return "photo credit"
    low = line.lower()
    if any(word in low for word in _COPYRIGHT_WORDS) and _COPYRIGHT.search(line):
        return "copyright notice"
    if (
        not first
        and line[-1:] not in ".!?"
        and any(word in low for word in _CAPTION_WORDS)
        and CREDIT_END.search(line)
    ):
        return "photo caption"
    if _LINK_PROMPT.match(line):
        return "read-more link"
    if _SUBSCRIBE.match(line):
        return "subscription prompt"
    if _OUTLET_NOTE.match(line):
        return "note to the reader"
    if _share_prompt(line):
        return "share prompt"
    return None


def _names_only(text: str) -> bool:
    """Whether ``text`` is names (and dates, an outlet, a role): what follows "By"."""
    text = text.strip(" ()").replace(";", ",")
    if not text or text.endswith(("!", "?")):
        return False
    if text.endswith(".") and not re.search(r"\b(?:[A-Z]|Jr|Sr|Esq)\.$", text):
        return False
    names = 0
    for word in _WORD.findall(text):
        key = word.lower().rstrip(".")
        if key in _NAME_JOINERS or key in MONTHS or word[:1].isdigit():
            continue
        if key in WEEKDAYS:  # "By Tuesday": a time, not a name
            return False
        if not word[:1].isupper():
            return False
        names += 1
    return 0 < names <= MAX_NAMES


def _share_prompt(line: str) -> bool:
    words = [w.lower().rstrip(".") for w in _WORD.findall(line)]
    return (
        bool(words)
        and len(words) <= 12
        and all(w in _SHARE_WORDS for w in words)
        and any(w in _SHARE_VERBS for w in words)
    )
