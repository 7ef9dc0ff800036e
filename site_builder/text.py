"""Small text helpers shared by sorting and search."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Remove accents and case: « Dépistage » → « depistage » (for sorting and accent-blind search)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("œ", "oe").replace("æ", "ae")
