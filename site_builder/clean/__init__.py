"""Clean stage: one Article -> CleanArticle.

Repeated passages removed and recorded.
"""
