"""Load stage: content/ -> Article*.

Discovery, encodings, front matter, saved HTML pages.
"""
