"""Dedup's per-article part: a Signature depends on one article alone: cacheable.

A signature holds what dedup compares, as stable hashes (never ids of a build-wide
vocabulary): the exact-copy key, the MinHash of word 5-grams (``text.shingles``) and
the story profile, a bag of features of two kinds: *anchors* (capitalised words that
do not open a sentence, and numbers of two digits or more) and the stems of the other
content words. Anchors survive translation, so articles in two languages are
compared on anchors only (``cluster``).

A headline weighs nothing on its own: two pages can share one and tell two stories.
Each feature is marked when it is met past the *lead* (a first line that reads as a
title, then the first sentence): story clustering asks for evidence shared in the
bodies, and a headline or a lead shared alone cannot make two articles one story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import snowballstemmer
import stop_words

from site_builder.model import CleanArticle, quick_pickle
from site_builder.text.ideographs import ideograph_pairs
from site_builder.text.normalize import LINE, fold, strip_boilerplate
from site_builder.text.shingles import I64, Bools, Vocabulary, sketch

COUNT = 0x1FFF  # the low 13 bits of a packed count: occurrences, at most 8191
ANCHOR = 0x2000  # a name or a number
NUMBER = 0x4000
BODY = 0x8000  # met after the lead (every feature of a text that is only a lead)
HEADLINE_WORDS = 20  # a first line longer than this is prose, not a title
_BATCH = 2048  # articles tokenised at a time: bounds the memory of the numpy arrays
_NONE = -1
# marks that stick to a written word (quotes, brackets, punctuation)
_MARKS = "\"'«»“”\u2018\u2019()[]{}<>*_#~`|,.;:!?…—–-/\\"

_STOP_LANGS = ("en", "fr", "de", "es", "it", "pt", "nl")
# Snowball stems folded words; not Turkish: without its accents it stems unevenly
_STEMMERS = {"en": "english", "fr": "french", "de": "german", "es": "spanish",
             "it": "italian", "pt": "portuguese", "nl": "dutch", "ru": "russian",
             "pl": "polish", "ar": "arabic", "cs": "czech", "ro": "romanian",
             "sv": "swedish", "da": "danish", "no": "norwegian", "fi": "finnish",
             "hu": "hungarian", "el": "greek", "ca": "catalan"}  # fmt: skip


@quick_pickle
@dataclass(frozen=True, slots=True)
class Signature:
    """What dedup keeps of one article, from its text and language alone.

    About 1.5 kB pickled for a 700-word article: 512 bytes of MinHash and 6 bytes
    per distinct feature, never the text. Arrays are stored as little-endian
    bytes, so two signatures compare equal when they hold the same values. Feature
    hashes have 32 bits: two features that collide merely count as one.
    """

    text: bytes  # digest of the compared text and its language
    key: bytes  # exact-copy key: equal folded words (b"" for a text without words)
    words: int  # words of the compared text, also its number of shingles
    minhash: bytes  # BINS uint32
    features: bytes  # uint32 hash of each profile feature, ascending
    counts: bytes  # uint16 per feature: occurrences | ANCHOR | NUMBER | BODY


def compared_text(article: CleanArticle) -> str:
    """The body dedup compares: the publisher's header and footer left out."""
    return "\n\n".join(strip_boilerplate([p.text for p in article.paragraphs]))


def signed_text(article: CleanArticle) -> str:
    """What a signature is made of: the compared text with the publication stamps
    repair removed put back where they stood. A stamp is furniture to a reader, but
    its date is evidence of the event's time, and the story model was fitted on
    texts that had it (without it, the dev corpus merges ECB+'s 2008 and 2013 Paris
    jewellery heists on "France's" and "Paris")."""
    stamps = [r for r in article.removed if r.why == "publication stamp"]
    if not stamps:
        return compared_text(article)
    pieces = [(p.line, 1, p.text) for p in article.paragraphs]
    pieces += [(r.line, 0, r.text) for r in stamps]
    return "\n\n".join(strip_boilerplate([text for _, _, text in sorted(pieces)]))


def signature(article: CleanArticle) -> Signature:
    """The signature of one article; equal to its entry in ``signatures``."""
    return signatures([article])[0]


def signatures(articles: Sequence[CleanArticle]) -> tuple[Signature, ...]:
    """The signature of each article, computed a batch at a time (faster than alone)."""
    vocab = Vocabulary()
    tables = _Tables(vocab)
    found: list[Signature] = []
    for start in range(0, len(articles), _BATCH):
        batch = articles[start : start + _BATCH]
        texts = [signed_text(a) for a in batch]
        ids, offsets = vocab.encode([ideograph_pairs(t) for t in texts])
        sketches = sketch(vocab, ids, offsets)
        profiles = _profiles(vocab, tables, ids, offsets, [a.lang for a in batch])
        for i, (text, article) in enumerate(zip(texts, batch, strict=True)):
            features, counts = profiles[i]
            found.append(
                Signature(
                    _digest(text, article.lang),
                    sketches.keys[i] if sketches.sizes[i] else b"",
                    int(sketches.sizes[i]),
                    sketches.signatures[i].astype("<u4").tobytes(),
                    features.astype("<u4").tobytes(),
                    counts.astype("<u2").tobytes(),
                )
            )
    return tuple(found)


def profiles(texts: Sequence[str], langs: Sequence[str]) -> list[tuple[bytes, bytes]]:
    """The story profile of each text, stored as ``Signature.features, .counts`` are.

    For texts that are no article's whole body (what a text adds beyond the
    passages it shares with another, ``join``).
    """
    vocab = Vocabulary()
    ids, offsets = vocab.encode([ideograph_pairs(t) for t in texts])
    found = _profiles(vocab, _Tables(vocab), ids, offsets, langs)
    return [
        (features.astype("<u4").tobytes(), counts.astype("<u2").tobytes())
        for features, counts in found
    ]


def _digest(text: str, lang: str) -> bytes:
    return hashlib.blake2b(f"{lang}\n{text}".encode(), digest_size=16).digest()


def _hash32(name: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(name.encode(), digest_size=4).digest(), "little"
    )


def anchor_hash(word: str) -> int:
    """The feature hash of a folded word (digits only for a number) as an anchor."""
    return _hash32("a:" + word)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    words: set[str] = set()
    for lang in _STOP_LANGS:
        words.update(fold(w) for w in stop_words.get_stop_words(lang))
    return frozenset(words)


@lru_cache(maxsize=16)
def _stemmer(lang: str) -> snowballstemmer.Stemmer:
    return snowballstemmer.stemmer(_STEMMERS.get(lang, "porter"))


class _Tables:
    """Feature hash of each folded word of a vocabulary, per language.

    Column 0 is the word as a plain content word (its stem), column 1 as an anchor;
    ``_NONE`` for a stop word or a one-letter word.
    """

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self._tables: dict[str, I64] = {}

    def table(self, lang: str) -> I64:
        table = self._tables.get(lang, np.zeros((0, 2), dtype=np.int64))
        folded = self.vocab.folded
        if len(table) < len(folded):
            stop, stem = _stop_words(), _stemmer(lang).stemWord
            rows = []
            for word in folded[len(table) :]:
                if word.isdigit():
                    anchor = _hash32("a:" + word) if len(word) >= 2 else _NONE
                    rows.append((anchor, anchor))
                elif word in stop or len(word) < 2:
                    rows.append((_NONE, _NONE))
                else:
                    rows.append((_hash32("s:" + stem(word)), _hash32("a:" + word)))
            added = np.array(rows, dtype=np.int64).reshape(-1, 2)
            table = np.concatenate([table, added])
            self._tables[lang] = table
        return table


def anchor_words(text: str, lang: str) -> dict[int, str]:
    """Feature hash -> the word as first written, for each anchor of ``text``.

    Says in words what two signatures share (``explain``); never part of one.
    """
    vocab = Vocabulary()
    ids, offsets = vocab.encode([ideograph_pairs(text)])
    feature, anchor, _doc = _features(vocab, _Tables(vocab), ids, offsets, [lang])
    found: dict[int, str] = {}
    for at in np.flatnonzero(anchor & (feature != _NONE) & ~vocab.mark[ids]).tolist():
        word = surface_word(vocab.surfaces[int(ids[at])])
        found.setdefault(int(feature[at]), word)
    return found


def surface_word(token: str) -> str:
    """A split token without the marks that stick to it ("(Reuters)," -> Reuters)."""
    return token.strip(_MARKS) or token


def _features(
    vocab: Vocabulary, tables: _Tables, ids: I64, offsets: I64, langs: Sequence[str]
) -> tuple[I64, Bools, I64]:
    """Feature hash (or ``_NONE``) and anchor flag of each token, and its text."""
    texts = len(offsets) - 1
    doc = np.repeat(np.arange(texts), np.diff(offsets))
    opening = vocab.opens[ids].copy()
    opening[:1] = True
    opening[1:] |= vocab.closes[ids][:-1] | (doc[1:] != doc[:-1])
    anchor = (vocab.capital[ids] & ~opening) | vocab.numeric[ids]
    folded = vocab.folded_id[ids]
    feature = np.full(len(ids), _NONE, dtype=np.int64)
    lang_of = np.array(list(langs))[doc] if texts else np.array([], dtype=str)
    for lang in sorted(set(langs)):
        here = lang_of == lang
        feature[here] = tables.table(lang)[folded[here], anchor[here].astype(np.int64)]
    return feature, anchor, doc


def _profiles(
    vocab: Vocabulary, tables: _Tables, ids: I64, offsets: I64, langs: Sequence[str]
) -> list[tuple[I64, I64]]:
    """(feature hashes, packed counts) of each text of a batch."""
    texts = len(offsets) - 1
    feature, anchor, doc = _features(vocab, tables, ids, offsets, langs)
    body = _past_lead(vocab, ids, offsets, doc)
    keep = (feature != _NONE) & ~vocab.mark[ids]
    flags = np.where(anchor, ANCHOR, 0) | np.where(vocab.numeric[ids], NUMBER, 0)
    key = (doc[keep] << 32) | feature[keep]
    unique, first, inverse, tf = np.unique(
        key, return_index=True, return_inverse=True, return_counts=True
    )
    later = np.bincount(inverse, body[keep], len(unique)) > 0
    packed = np.minimum(tf, COUNT) | flags[keep][first] | np.where(later, BODY, 0)
    bounds = np.searchsorted(unique >> 32, np.arange(texts + 1))
    return [
        (unique[a:b] & 0xFFFFFFFF, packed[a:b])
        for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)
    ]


def _past_lead(
    vocab: Vocabulary, ids: I64, offsets: I64, doc: I64
) -> npt.NDArray[np.float64]:
    """1.0 for each token past its text's lead (headline and first sentence), else 0;
    a text with nothing past its lead counts wholly as body."""
    count = len(ids)
    index = np.arange(count)
    word = ~vocab.mark[ids]
    line = ids == _line_id(vocab)
    start, end = offsets[:-1], offsets[1:]
    last_word = np.maximum.accumulate(np.where(word, index, -1)) if count else index
    words_before = np.concatenate([[0], np.cumsum(word)])
    first_line = _first_at_or_after(np.flatnonzero(line), start, end)
    body_start = start.copy()
    for text in np.flatnonzero(first_line < end).tolist():
        at = int(first_line[text])
        title_words = words_before[at] - words_before[start[text]]
        tail = int(last_word[at - 1]) if at > start[text] else -1
        if (
            0 < title_words <= HEADLINE_WORDS
            and not vocab.closes[ids[tail]]
            and words_before[end[text]] > words_before[at]
        ):
            body_start[text] = at
    # a Chinese full stop ends a lead too, else it ran to the first "St." far in
    closing = np.flatnonzero(word & (vocab.closes[ids] | vocab.stops[ids]))
    lead_end = _first_at_or_after(closing, body_start, end)
    has_more = words_before[end] > words_before[np.minimum(lead_end + 1, end)]
    beyond = (index > lead_end[doc]) | ~has_more[doc]
    return beyond.astype(np.float64)


def _line_id(vocab: Vocabulary) -> int:
    """The id of the line-break token, or -1 while no text had one."""
    return vocab.surfaces.index(LINE) if LINE in vocab.surfaces else -1


def _first_at_or_after(positions: I64, start: I64, end: I64) -> I64:
    """For each [start, end): the first of the sorted ``positions`` in it, or end."""
    at = np.searchsorted(positions, start)
    found = (
        positions[np.minimum(at, max(len(positions) - 1, 0))] if len(positions) else end
    )
    return np.where((at < len(positions)) & (found < end), found, end)
