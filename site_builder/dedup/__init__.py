"""Dedup stage: CleanArticle* -> Story*: signatures, exact and near copies, stories."""
