"""Model: the stage values pickle (the build cache) to equal values."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from site_builder.model import (
    Article,
    CleanArticle,
    DateSource,
    FrontMatter,
    Paragraph,
    Removal,
    quick_pickle,
)


def _clean() -> CleanArticle:
    meta = FrontMatter(title="Ferry strike", tags=("ports", "strikes"), reviewed=True)
    article = Article(
        "news/ferry.md",
        "markdown",
        meta,
        "Ferries stop.\n\nFerries stop.\n",
        4,
        datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
        DateSource.FRONT_MATTER,
        "ab" * 32,
    )
    return CleanArticle(
        article,
        (Paragraph("Ferries stop.", 4),),
        (Removal("paragraph", "Ferries stop.", 6, 4),),
        "en",
        False,
    )


def test_cached_values_pickle_to_equal_values() -> None:
    value = _clean()
    copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == value
    assert copy.article.meta.tags == ("ports", "strikes")
    assert copy.article.date.tzinfo is not None


@quick_pickle
@dataclass(frozen=True, slots=True)
class _Pair:
    left: int
    right: int


def test_a_pickled_state_of_another_shape_is_refused() -> None:
    pair = _Pair(1, 2)
    assert pair.__reduce__() == (_Pair, (1, 2))
    assert pickle.loads(pickle.dumps(pair)) == pair
    with pytest.raises(TypeError):  # stored when _Pair had three fields
        pickle.loads(pickle.dumps(_Older()))


class _Older:
    """A _Pair as a version with three fields pickled it."""

    def __reduce__(self) -> tuple[type, tuple[int, ...]]:
        return _Pair, (1, 2, 3)
