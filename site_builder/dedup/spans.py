"""Dedup's time rule: how many days apart a story's dated members may be.

One outlet that writes of the same people again weeks later is telling a new
story (a follow-up, next year's edition: the same headline, the same names), and
so is a desk whose outlets are unknown: their articles are one story only within
``[dedup] window_days``. Two different outlets that report one event weeks or
months apart (a trial's verdict, an inquiry's report, an article in a weekly) are
still telling it: their articles may be up to ``OTHER_OUTLETS_DAYS`` apart when
the evidence joins them. Two outlets differ when both are known and they share
neither their front matter's ``outlet`` nor the site of their ``source_url``;
an undated article is near every date.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

from site_builder.text.shingles import I64, Bools

F64 = npt.NDArray[np.float64]

# two known, different outlets: fitted on ../shared/train (bench.stories --windows,
# leave-one-ECB+-topic-out at the shipped bars, ECB+ B-cubed F1 by this bound: 30
# days 0.888, 120 0.898, 365 0.901, 500 to 1000 0.902, unbounded 0.904; the folds
# chose 700 or more), kept at two years: a look-alike event years later stays apart
# by its time when the evidence cannot tell. The cost: more pairs compared, and on
# generated word salad more chance joins (README, "Duplicates and stories")
OTHER_OUTLETS_DAYS = 730.0
UNKNOWN = -1  # no outlet known


@dataclass(frozen=True, slots=True)
class Window:
    """Each article's day (nan: unknown) and outlet (``UNKNOWN``: not known), and
    the days a story may span within one outlet (``same``) and across two."""

    days: F64
    outlets: I64
    same: float
    other: float = OTHER_OUTLETS_DAYS

    @classmethod
    def of(cls, days: F64, same: float) -> Window:
        """A window over articles of unknown outlets."""
        return cls(days, np.full(len(days), UNKNOWN, dtype=np.int64), same, same)

    @property
    def widest(self) -> float:
        return max(self.same, self.other)

    @property
    def farthest(self) -> float:
        """The largest gap any pair may have: ``widest`` once two outlets are known
        (a folder of unknown outlets compares no more pairs than ``same`` allows)."""
        return self.widest if int(self.outlets.max(initial=UNKNOWN)) >= 1 else self.same

    def reach(self, pairs: I64) -> Bools:
        """Whether each pair (i, j) may be one story by its dates and outlets."""
        first, second = pairs[:, 0], pairs[:, 1]
        gap = np.abs(self.days[first] - self.days[second])
        one, two = self.outlets[first], self.outlets[second]
        differ = (one != UNKNOWN) & (two != UNKNOWN) & (one != two)
        limit = np.where(differ, self.widest, self.same)
        near: Bools = ~(gap > limit)  # nan: a date unknown, near all
        return near


class Spans:
    """The first and last known day of each group, overall and per outlet.

    Two groups may merge when their dated members span ``same`` days at most, or
    ``widest`` at most while no outlet's own articles span more than ``same`` and
    an article of unknown outlet lies within ``same`` of every dated member.
    """

    def __init__(self, window: Window) -> None:
        self.window = window
        self.groups: list[dict[int | str, tuple[float, float]] | None] = []
        for day, outlet in zip(
            window.days.tolist(), window.outlets.tolist(), strict=True
        ):
            key: int | str = "unknown" if outlet == UNKNOWN else int(outlet)
            known = not math.isnan(day)
            self.groups.append({"all": (day, day), key: (day, day)} if known else None)

    def fits(self, a: int, b: int) -> bool:
        spans = _merged(self.groups[a], self.groups[b])
        if spans is None:
            return True
        first, last = spans["all"]
        if last - first <= self.window.same:
            return True
        if last - first > self.window.widest:
            return False
        for key, (start, end) in spans.items():
            if key == "unknown":
                if max(last - start, end - first) > self.window.same:
                    return False
            elif key != "all" and end - start > self.window.same:
                return False
        return True

    def merge(self, into: int, other: int) -> None:
        self.groups[into] = _merged(self.groups[into], self.groups[other])
        self.groups[other] = None


def _merged(
    one: dict[int | str, tuple[float, float]] | None,
    two: dict[int | str, tuple[float, float]] | None,
) -> dict[int | str, tuple[float, float]] | None:
    if one is None or two is None:
        return one if two is None else two
    spans = dict(one)
    for key, (start, end) in two.items():
        if key in spans:
            start, end = min(spans[key][0], start), max(spans[key][1], end)
        spans[key] = (start, end)
    return spans


def outlet_numbers(outlets: Sequence[str | None], sites: Sequence[str | None]) -> I64:
    """One number per article for its outlet (``UNKNOWN`` when neither is given).

    ``outlets`` are front-matter names, ``sites`` source URLs. Articles that share
    a name or a site are one outlet, and so, through them, are the others of each
    (an article naming "Le Monde" with a lemonde.fr URL joins both).
    """
    keys = [_keys(name, url) for name, url in zip(outlets, sites, strict=True)]
    root: dict[str, str] = {}

    def find(key: str) -> str:
        while root.setdefault(key, key) != key:
            key = root[key]
        return key

    for own in keys:
        for key in own[1:]:
            root[find(key)] = find(own[0])
    numbers: dict[str, int] = {}
    found = [
        numbers.setdefault(find(own[0]), len(numbers)) if own else UNKNOWN
        for own in keys
    ]
    return np.array(found, dtype=np.int64)


def _keys(name: str | None, url: str | None) -> list[str]:
    """What names an article's outlet: its front-matter name, its URL's site."""
    keys = [f"name:{name.strip().casefold()}"] if name and name.strip() else []
    site = site_of(url)
    return [*keys, f"site:{site}"] if site else keys


def site_of(url: str | None) -> str | None:
    """The registrable domain of ``url``'s host (``news.bbc.co.uk`` -> ``bbc.co.uk``,
    by the Public Suffix List), or None."""
    host = (urlsplit(url or "").hostname or "").rstrip(".")
    return _registrable(host) if host else None


@cache
def _registrable(host: str) -> str | None:
    from tld import get_fld  # 0.4 s to import and read the list: only when needed

    found = get_fld(host, fail_silently=True, fix_protocol=True)
    return found if isinstance(found, str) else None
