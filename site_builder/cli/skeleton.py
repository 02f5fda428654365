"""`site-builder new DIR`: a working site skeleton (the command then builds it)."""

from __future__ import annotations

from pathlib import Path

from site_builder.errors import SiteError

SITE_TOML = """\
# site.toml: every option, with its default. Unknown keys are errors.

# The site's name, shown in the header and in feeds.
title = "Briefing"
# One line under the title.
description = "The day's news, briefly."
# The public address of the site: canonical URLs, feeds and the sitemap use it.
# Set it before publishing: a build warns while it points to this machine, and
# publish refuses such a site (`build --base-url URL` overrides it for one build).
base_url = "http://localhost:8000/"
# Interface language of the pages in a language the theme does not speak (it speaks
# en, fr, de, es, it; templates/locale/ adds more), and of the site-wide pages.
default_language = "en"
# Folders, relative to this file.
content_dir = "content"
output_dir = "output"
# Files here override the default theme's file of the same name.
templates_dir = "templates"
# Files here are copied to output/static/, overriding the theme's.
static_dir = "static"
# Briefs per list page.
per_page = 20
# true: relative links that work from a sub-folder or opened from disk;
# false: root-relative clean URLs (/briefs/x/) under base_url's path.
relative_urls = true
# Custom domain of a GitHub/GitLab Pages site: `publish git+...` writes it to CNAME.
cname = ""
# Newest briefs in each Atom, RSS and JSON feed.
feed_items = 20
# Build the Pagefind search index (about 1.6 s per 1,000 stories) and the search pages.
search = true
# A topic gets its own page once this many stories carry it (a topic page with one
# story is a dead end); other topics show on their briefs without a link.
topic_min_stories = 2

# Reading speed, in words per minute, per language ("default" for the others).
[words_per_minute]
en = 230
fr = 200
default = 200

[summary]
# Drafted summaries have at most this many sentences...
sentences = 3
# ...and about this many words (0: no word limit).
max_words = 90

[content]
# An article with no date in its front matter, its text ("Posted Sep 27, 2013") or
# its source_url (/2013/09/27/): "undated" shows it apart, never as today's news;
# "file-time" dates it by its file, for desks that write files as the news comes.
undated = "undated"

[dedup]
# When several outlets tell a story, these outlets' articles are preferred as the
# canonical text, in this order; otherwise the earliest, most complete article is.
preferred_outlets = []
# Days one outlet's dated articles (or articles whose outlet is unknown) may lie
# apart in one story: later, the same names make a follow-up. Two different
# outlets' articles (front-matter outlet, or source_url site) may lie up to two
# years apart, or window_days if that is more, when the evidence joins them.
window_days = 7
# Also compare articles across languages by multilingual sentence embeddings (needs
# pip install 'site-builder[embeddings]'; about 25 ms of CPU per new article).
embeddings = false
"""

EXAMPLE = """\
---
title: "Welcome to your briefing"
date: 2026-11-29T08:00:00Z
outlet: "Your desk"
tags: [site]
---
Drop articles into this folder: Markdown with optional YAML front matter, or plain text.
site-builder cleans them, groups copies of the same story, drafts summaries and builds
the briefing into output/.

Run `site-builder build` to build, and open output/index.html in a browser.
"""


def create_site(directory: Path) -> Path:
    """Create ``directory`` with site.toml, content/ and templates/; never overwrite."""
    if (directory / "site.toml").exists() or (directory / "content").exists():
        raise SiteError("a site already exists here; choose another folder", directory)
    (directory / "content").mkdir(parents=True)
    (directory / "templates").mkdir()
    (directory / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    (directory / "content" / "welcome.md").write_text(EXAMPLE, encoding="utf-8")
    return directory
