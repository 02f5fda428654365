"""Publish: output/ -> a target chosen by its URL scheme, with --dry-run."""
