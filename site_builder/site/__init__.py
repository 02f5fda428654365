"""Site stage (pure): Config + Brief* -> Site.

URLs, editions, listings, topics, related stories, feeds, sitemap.
"""
