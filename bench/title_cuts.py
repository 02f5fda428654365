"""Drafted titles that end inside an unfinished clause, counted and listed.

Usage: python -m bench.title_cuts CORPUS [CORPUS ...] [--save FILE] [--compare FILE]
       [--list]

For every English and French article of each corpus (its ``manifest.json``) with no
title of its own, the title is drafted as ``analyze`` drafts it and checked by a
rule of this script's own (not the product's, so that the product is not graded by
its own rule). A title ends inside an unfinished clause when:

- its last complementizer or relative pronoun ("that", "que", "qui", "which", ...)
  opens a clause with no finite verb ("... warns that rising deficits"); not the
  comparative "que" ("plus tôt que prévu"), the restrictive "ne ... que", "that of",
  nor "that" after a preposition or before "day", "year" ...;
- it ends on an auxiliary, a copula, a modal or a verb that wants an infinitive or
  a clause ("... predicted it will", "... le virus est", "... says she wants");
- it ends on a French noun of action whose complement the sentence goes on to
  give ("une modification [de ...]").

``--save`` writes each article's title (JSON) and ``--compare`` prints the titles
that differ from a saved run, flagged or not before and after, to be read.
Reports "cut" titles (fewer words than the sentence they come from) separately.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from site_builder.clean.repeats import clean
from site_builder.load.files import read_article
from site_builder.summarize.drafting import read, title_of
from site_builder.text.clauses import word_set

_LANGS = ("en", "fr")
_WORD = re.compile(r"[\w'’-]+")
_THAT = re.compile(r"\b(?:that|which|who|whom|whose)\b", re.IGNORECASE)
_QUE = re.compile(r"(?<![\w-])(?:que|qu['’]|qui|dont)(?![\w-])", re.IGNORECASE)
_EN_AUX = word_set(
    "is are was were be been being has have had do does did will would can "
    "could may might must shall should am"
)
_EN_IRREGULAR = word_set(
    "said says told knew know made took became gave went came saw found left "
    "lost won held kept sent spent built brought thought met ran paid led got "
    "put hit cut set shut let fell rose grew began felt meant"
)
_EN_WANTING = _EN_AUX | word_set(
    "wants want wanted planned hopes hoped tries tried decided refuses refused "
    "agreed agrees expects expected seeks sought aims vows vowed reveals "
    "revealed suggests suggested claimed says said told added to"
)
_EN_NOT_VERB = word_set(
    "the a an this these those his her its their our my your some any no many "
    "most more few all every each both such"
)
_DEMONSTRATED = word_set(
    "day days year years week weeks time month night morning evening case way "
    "point moment one"
)
_FR_FINITE = word_set(
    "est sont était étaient a ont avait avaient sera seront serait va vont peut "
    "peuvent doit doivent veut veulent fait font dit reste restent vient "
    "viennent semble semblent faut soit soient ait aient"
)
_FR_CLITIC = word_set("se s' s’ ne n' n’ il elle ils elles on y")
_FR_WANTING = _FR_FINITE | word_set(
    "être avoir pourrait pourraient devrait devraient voudrait souhaite "
    "souhaitent entend entendent"
)
_FR_COMPARATIVE = word_set(
    "plus moins autant aussi mieux davantage meilleur meilleure meilleurs "
    "meilleures pire pires même autre autres tel telle tels telles si tant "
    "ainsi alors bien parce avant"
)
_FR_ACTION = re.compile(r"\w{3,}(?:tion|sion|ité|ance|ence|ure)s?$")
_FR_DETERMINERS = word_set("un une des la l' l’ son sa ses leur leurs")
_ASKED = word_set("what how who why whether where")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _relative_verb(title: str, at: int) -> bool:
    """Whether the word after the ``at``-th word opens a relative's verb: it is
    lower case, not a determiner or a gerund, and no comma comes first ("rules
    that disadvantage women", "un radar qui contrôle", not "that TV shows", nor
    "qui, dès ...")."""
    raw = list(_WORD.finditer(title))
    if at + 2 > len(raw) or raw[at + 1].group()[:1].isupper():
        return False
    if "," in title[raw[at].end() : raw[at + 1].start()]:
        return False
    word = raw[at + 1].group().lower()
    return (
        word not in _EN_NOT_VERB
        and word not in _FR_DETERMINERS
        and not (word.endswith("ing"))
    )


def _en_verb(tail: list[str]) -> bool:
    """Whether an English clause's words hold a finite verb (by form)."""
    for i, word in enumerate(tail):
        if word in _EN_AUX or word in _EN_IRREGULAR:
            return True
        if len(word) > 4 and word.endswith("ed"):
            return True
        if i > 0 and tail[i - 1] in {"he", "she", "it", "they", "we", "i", "you"}:
            return True
        last = i == len(tail) - 1
        plain = word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))
        if plain and not last and i > 0:
            return True  # "the drug reduces deaths"
    return False


def _fr_verb(tail: list[str]) -> bool:
    for word in tail:
        if word in _FR_FINITE or word in _FR_CLITIC:
            return True
        if word.startswith(("s'", "s’", "n'", "n’", "l'", "l’")) and len(word) > 2:
            return True  # "s'est", "l'a"
        if re.search(r"\w\w(?:ait|aient|ont|era|rait|èrent|ra)$", word):
            return True
        if re.search(r"\w\w(?<!m)ent$", word) and word not in {"président", "agent"}:
            return True
    return False


def _open_clause(title: str, words: list[str], lang: str) -> bool:
    """Whether the last complementizer or relative opens a clause with no verb."""
    if lang == "en":
        spots = [i for i, w in enumerate(words) if _THAT.fullmatch(w)]
        if not spots:
            return False
        at = spots[-1]
        tail = words[at + 1 :]
        if words[at] == "that":
            before = words[at - 1] if at else ""
            after = tail[0] if tail else ""
            if after == "of" or before in {"in", "at", "on", "by", "for", "with"}:
                return False
            if after in _DEMONSTRATED:
                return False
        relative = at > 0 and _relative_verb(title, at)
        return not tail or not (relative or _en_verb(tail))
    spots = [i for i, w in enumerate(words) if _QUE.fullmatch(w)]
    if not spots:
        return False
    at = spots[-1]
    tail = words[at + 1 :]
    if words[at] in {"que", "qu'", "qu’"}:
        near = words[max(0, at - 4) : at]
        if any(w in _FR_COMPARATIVE for w in near):
            return False
        if any(w in {"ne", "n'", "n’"} or w.startswith(("n'", "n’")) for w in near):
            return False
        if words[at][-1] in "'’" and tail[:1] and tail[0] in _FR_CLITIC:
            return False  # "qu'il" and a verb
    relative = words[at] == "qui" and _relative_verb(title, at)
    return not tail or not (relative or _fr_verb(tail))


def unfinished(title: str, lang: str, source: str) -> str:
    """Why ``title`` ends inside an unfinished clause, or "" when it does not."""
    words = _words(title)
    if not words or title.split()[-1][:1].isupper():
        return ""  # a name ("Doctor Who") or a headline in title case
    if _open_clause(title, words, lang):
        return "clause without its verb"
    asked = any(w in _ASKED for w in words[-5:-1])  # "... what the rule is"
    last = re.split(r"['’]", words[-1])[-1]  # "n'ont"
    if last in (_EN_WANTING if lang == "en" else _FR_WANTING) and not asked:
        return "ends on an auxiliary or a verb wanting more"
    owned = len(words) > 1 and words[-2] in _FR_DETERMINERS
    if lang == "fr" and owned and _FR_ACTION.search(words[-1]):
        rest = source[source.lower().rfind(words[-1]) + len(words[-1]) :]
        if re.match(r"\s+(?:de|du|des|d['’])\b", rest):
            return "noun without its complement"
    return ""


def _source(title: str, lines: list[str]) -> str:
    """The opening sentence the title was most likely cut from."""
    mine = set(_words(title))
    return max(lines[:6] or [""], key=lambda s: len(mine & set(_words(s))))


def drafted(corpus: Path) -> dict[str, tuple[str, str, str]]:
    """Article path -> (lang, title, source sentence), drafted titles only."""
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    content = corpus / "articles"
    found = {}
    for entry in manifest["articles"]:
        if entry["lang"] not in _LANGS:
            continue
        path = content / entry["path"].split("/", 1)[1]
        article = clean(read_article(content, path), entry["lang"])
        if article.article.meta.title or article.lang not in _LANGS:
            continue
        drafting = read(article)
        lines = [drafting.headline or "", *drafting.sentences]
        title = title_of(drafting, article.lang)
        found[f"{corpus.name}/{path.name}"] = (
            article.lang,
            title,
            _source(title, lines),
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    titles: dict[str, tuple[str, str, str]] = {}
    for corpus in args.corpus:
        titles.update(drafted(corpus.resolve()))
    flagged = {p: unfinished(t, lang, s) for p, (lang, t, s) in titles.items()}
    for lang in _LANGS:
        mine = [p for p, row in titles.items() if row[0] == lang]
        cut = [p for p in mine if len(titles[p][1].split()) < len(titles[p][2].split())]
        print(
            f"{lang}: {len(mine)} drafted titles, {len(cut)} cut, "
            f"{sum(bool(flagged[p]) for p in mine)} end inside an unfinished clause "
            f"({sum(bool(flagged[p]) for p in cut)} of the cut ones)"
        )
    if args.list:
        for path, why in sorted(flagged.items()):
            if why:
                print(f"{path}\t{why}\t{titles[path][1]}")
    if args.save:
        args.save.write_text(json.dumps(titles, ensure_ascii=False), encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        for path, (lang, title, source) in sorted(titles.items()):
            old = before.get(path, [lang, "", ""])[1]
            if old != title:
                was = unfinished(old, lang, source) or "-"
                print(
                    f"{path}\n  was [{was}] {old}\n  now [{flagged[path] or '-'}]"
                    f" {title}\n  from {source}"
                )


if __name__ == "__main__":
    main()
