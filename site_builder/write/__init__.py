"""Write stage: Rendered* -> output/.

Atomic, only what changed; the search index beside it.
"""
