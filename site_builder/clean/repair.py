"""Clean stage: one Article -> CleanArticle, or NotArticle when it is no article.

``clean`` repairs the body (debris, furniture, repeated passages; see
``clean.repeats``); ``repair`` then asks whether what is left is news at all
(``clean.notices``). An article whose front matter says ``reviewed: true`` was
vouched for by an editor and is always an article.
"""

from __future__ import annotations

from site_builder.clean.notices import not_article
from site_builder.clean.repeats import clean
from site_builder.model import Article, CleanArticle, NotArticle


def repair(article: Article, default_lang: str) -> CleanArticle | NotArticle:
    """``article`` repaired, or refused as no article."""
    cleaned = clean(article, default_lang)
    if article.meta.reviewed:
        return cleaned
    verdict = not_article(cleaned.paragraphs, cleaned.lang)
    if verdict is None:
        return cleaned
    return NotArticle(cleaned.article, verdict.what, verdict.line)
