"""Small text helpers shared by sorting and search."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata


def fold(text: str) -> str:
    """Remove accents and case: « Dépistage » → « depistage » (for sorting and accent-blind search)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("œ", "oe").replace("æ", "ae")


_ARTICLE = re.compile(r"^(?:(?:les?|la)[ -]+|l' *)")
_SAINT = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def sort_key(name: str) -> str:
    """A place name as people look it up: « Le Malesherbois » → « malesherbois », « St-Michel » → « saint michel »."""
    text = _ARTICLE.sub("", fold(name).replace("’", "'"))
    words = re.sub(r"[-'\s]+", " ", text).split()
    return " ".join(_SAINT.get(word, word) for word in words)


def slug(text: str) -> str:
    """A URL-safe name: « Saint-Michel » → « saint-michel », « L'Isle » → « l-isle ».

    At most 80 characters: a file name longer than 255 bytes cannot be written (the longest French commune
    name, 45 letters, fits)."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())[:80].rstrip("-")


# MkDocs makes `index.md` the page of its folder: a record named so would replace a generated index.
RESERVED_NAMES = ("index",)


def unique_slugs(names: dict[str, str], reserved: tuple[str, ...] = RESERVED_NAMES) -> dict[str, str]:
    """One distinct URL name per key: homonyms, reserved or empty names get their (unique) key appended."""
    result = {key: slug(name) for key, name in names.items()}
    taken = {value for value in result.values() if list(result.values()).count(value) > 1} | set(reserved) | {""}
    while taken:
        result = {key: ("-".join(filter(None, (value, slug(key)))) if value in taken else value)
                  for key, value in result.items()}
        values = list(result.values())
        taken = {value for value in values if values.count(value) > 1}
    return result


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def date_fr(day: dt.date) -> str:
    """« 1er juin 2026 », « 15 juin 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def day_fr(day: dt.date, *, year: bool = True) -> str:
    """« samedi 10 octobre 2026 »."""
    text = f"{WEEKDAYS[day.weekday()]} {date_fr(day)}"
    return text if year else text.rsplit(" ", 1)[0]


def time_fr(moment: dt.datetime) -> str:
    """« 18 h 30 », « 10 h »."""
    return f"{moment.hour} h {moment.minute:02d}" if moment.minute else f"{moment.hour} h"


def span_fr(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> str:
    """When an event happens, as French write it: « samedi 10 octobre 2026, de 10 h à 17 h »."""
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        if start.date() == end.date():
            hours = f"de {time_fr(start)} à {time_fr(end)}" if end > start else f"à {time_fr(start)}"
            return f"{day_fr(start.date())}, {hours}"
        return f"du {day_fr(start.date())}, {time_fr(start)}, au {day_fr(end.date())}, {time_fr(end)}"
    if start == end:
        return day_fr(start)
    return f"du {day_fr(start, year=start.year != end.year)} au {day_fr(end)}"


def age_fr(day: dt.date, today: dt.date) -> str:
    """How long ago, as a reader counts it: « il y a 16 mois », « il y a 2 ans », « il y a 5 jours »."""
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months >= 24:
        return f"il y a {months // 12} ans"
    if months >= 1:
        return f"il y a {months} mois"
    days = (today - day).days
    return "aujourd'hui" if days <= 0 else "hier" if days == 1 else f"il y a {days} jours"


def month_fr(day: dt.date) -> str:
    """« novembre 2026 »."""
    return f"{MONTHS[day.month - 1]} {day.year}"
