"""Ingest: pages, feeds and sitemaps -> Markdown articles in content/."""
