"""Render stage: Site -> Rendered*.

The Jinja environment, the theme, page fingerprints.
"""
