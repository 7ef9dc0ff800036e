"""Small text helpers shared by sorting and search."""

from __future__ import annotations

import datetime as dt
import unicodedata


def fold(text: str) -> str:
    """Remove accents and case: « Dépistage » → « depistage » (for sorting and accent-blind search)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("œ", "oe").replace("æ", "ae")


def slug(text: str) -> str:
    """A URL-safe name: « Saint-Michel » → « saint-michel », « L'Isle » → « l-isle »."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def date_fr(day: dt.date) -> str:
    """« 1er juin 2026 », « 15 juin 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"
