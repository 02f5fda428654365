"""Serve: the dev server: watch, rebuild, preview an edit at once, live reload."""
