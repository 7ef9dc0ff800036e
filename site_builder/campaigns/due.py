"""Which structures a campaign asks: never confirmed, or confirmed `months` or more ago; the oldest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from site_builder.directory import Structure
from site_builder.models import months_between
from site_builder.text import fold

CONFIRMATION_MONTHS = 12  # a confirmation older than this is « à vérifier » on the fiche


def is_due(item: Structure, today: dt.date, months: int) -> bool:
    """Never confirmed by the structure, or confirmed `months` whole months ago or more (12 March 2026 is due
    on 12 March 2027 with 12 months, not on the 11th: the rule of the « Fiches à mettre à jour » page)."""
    return item.verifie_le is None or months_between(item.verifie_le, today) >= months


def due(structures: Iterable[Structure], today: dt.date, months: int, examples: bool = False) -> list[Structure]:
    """The structures to ask, oldest confirmation first (never confirmed before all), then by name. A structure
    gone from its source is left out (the coordinator checks those first), and so are example records unless
    `examples` (the example site shows the feature with them)."""
    chosen = [s for s in structures if is_due(s, today, months) and s.disparu_de_la_source is None
              and (examples or not s.exemple)]
    return sorted(chosen, key=lambda s: (s.verifie_le or dt.date.min, fold(s.nom), s.id))


def confirmed_recently(structures: Iterable[Structure], today: dt.date) -> int:
    """How many fiches their structure confirmed less than CONFIRMATION_MONTHS ago."""
    return sum(1 for s in structures if s.verifie_le is not None and not is_due(s, today, CONFIRMATION_MONTHS))
