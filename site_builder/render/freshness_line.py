"""The freshness line of the home page and the repertoire: which national files the fiches come from, and when.

Counts come from the structures' `source`; dates from data/rafraichissement.yml (`cls-site rafraichir`).
A repertoire typed by hand, with no national source, shows no line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from site_builder.models import SiteModel
from site_builder.refresh.sources import SPECS


@dataclass(frozen=True)
class NationalSource:
    label: str
    count: int  # fiches of the repertoire taken from this source
    file_date: dt.date | None  # date of the file they were last imported from, when a refresh recorded it


def national_sources(model: SiteModel) -> list[NationalSource]:
    """The national sources of the repertoire's fiches, in the order of refresh/sources.py."""
    counts = Counter(s.source for s in model.structures if s.disparu_de_la_source is None)
    dates = {r.source: r.fichier_du for r in model.refreshes}
    return [NationalSource(spec.short, counts[spec.name], dates.get(spec.name)) for spec in SPECS
            if counts[spec.name]]


def last_refresh(model: SiteModel) -> dt.date | None:
    """The last day a refresh brought a new national file, if any."""
    return max((r.importe_le for r in model.refreshes), default=None)
