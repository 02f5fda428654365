"""The build cache.

Typed stores per stage, and the stages run through them on every core.
"""
