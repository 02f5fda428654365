"""Assemble stage, related stories by delta: which briefs' lists a change can alter;
pure.

A brief's related list (``related.related_paths``) depends only on its candidates:
the NEIGHBOURS // 2 briefs before and after it in the time-ordered list of each of
its topics and entities, and their rows. So when some briefs change (their topics,
entities, time, language or story), appear or go, only these briefs can rank
differently: the changed ones, and those near the place where a changed brief
stood or stands now in the list of any term it had or has. Every other brief keeps
the same neighbours (a brief added or removed further along a list shifts a window
and its brief together) with the same rows, so the same list.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from site_builder.site.related import NEIGHBOURS, Row

CHANGED = 64  # more changed briefs than this: everything is ranked again
# a changed brief's old place in a list is found with the brief itself maybe in it
# at its new place: one more each way covers either
_MARGIN = NEIGHBOURS // 2 + 1

Key = tuple[float, str]  # (stamp, path): a brief's place in time order


def touched(before: Mapping[str, Row], rows: Sequence[Row]) -> set[str] | None:
    """The briefs of ``rows`` whose related lists may differ from those the rows
    ``before`` (by path) gave; None when more than CHANGED briefs changed, appeared
    or went."""
    now = {row.path: row for row in rows}
    changed = [row for row in rows if before.get(row.path) != row]
    gone = [old for path, old in before.items() if path not in now]
    if len(changed) + len(gone) > CHANGED:
        return None
    if not changed and not gone:
        return set()
    places = [*changed, *gone, *(before[r.path] for r in changed if r.path in before)]
    lists = _term_lists(rows, places)
    found = {row.path for row in changed}
    for place in places:
        found.update(_near(lists, place))
    return found & now.keys()


def _near(lists: Mapping[str, tuple[list[Key], list[str]]], row: Row) -> list[str]:
    """The briefs within _MARGIN of ``row``'s place in the list of each of its
    terms."""
    found: list[str] = []
    for term in _terms(row):
        if term not in lists:
            continue
        keys, paths = lists[term]
        at = bisect_left(keys, (row.stamp, row.path))
        found += paths[max(0, at - _MARGIN) : at + _MARGIN + 1]
    return found


def _terms(row: Row) -> list[str]:
    """A brief's terms as ``related._postings`` numbers them: topics and entities
    apart."""
    return [*(f"t:{t}" for t in row.topics), *(f"e:{n}" for n in row.names)]


def _term_lists(
    rows: Sequence[Row], places: Sequence[Row]
) -> dict[str, tuple[list[Key], list[str]]]:
    """The briefs in time order (``rows`` are) of each term of ``places``, as
    (keys, paths)."""
    topics = {t for row in places for t in row.topics}
    names = {n for row in places for n in row.names}
    lists: dict[str, tuple[list[Key], list[str]]] = {}
    for row in rows:
        held = [f"t:{t}" for t in row.topics if t in topics]
        held += [f"e:{n}" for n in row.names if n in names]
        for term in held:
            keys, paths = lists.setdefault(term, ([], []))
            keys.append((row.stamp, row.path))
            paths.append(row.path)
    return lists
