"""Summarize stage: Story -> Summary: headline, summary, key points, keywords."""
