"""« Index A–Z » of the repertoire: every structure by name, one static page. It is the site's search for a
visitor without JavaScript (the search box's noscript links to it) and a plain list for everyone."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from site_builder import urls
from site_builder.directory import Structure
from site_builder.render.environment import GeneratedPage, render
from site_builder.text import fold
from site_builder.vocabularies import TYPOLOGIES

DIGITS = "0–9"


def letter(name: str) -> str:
    """The index letter of a name: « Église » → « E », « 3237 » → « 0–9 »."""
    first = next((ch for ch in fold(name) if ch.isalnum()), "#")
    return DIGITS if first.isdigit() else first.upper()


def az_sections(structures: Sequence[Structure]) -> list[tuple[str, list[Structure]]]:
    """(letter, its structures by name), digits first then A to Z."""
    ordered = sorted(structures, key=lambda s: (letter(s.nom) != DIGITS, fold(s.nom), s.commune))
    return [(key, list(items)) for key, items in groupby(ordered, key=lambda s: letter(s.nom))]


def az_page(structures: Sequence[Structure]) -> GeneratedPage:
    """The page of the index."""
    return render("repertoire_az.md.j2", urls.REPERTOIRE_AZ, sections=az_sections(structures), kinds=TYPOLOGIES,
                  total=len(structures))
