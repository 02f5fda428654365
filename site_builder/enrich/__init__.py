"""Enrich: drafted fields into the front matter of content/ (the only writer there)."""
