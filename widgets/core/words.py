"""How counts read in the course's sentences (pure)."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """ "1 review", "3 reviews": the count and its word (only words that add an s)."""
    return f"{count} {word}{'s' if count != 1 else ''}"
