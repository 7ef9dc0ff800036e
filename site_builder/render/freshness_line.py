"""The freshness line of the home page and the repertoire: which national files the fiches come from, and when.

Counts come from the structures' `source`; dates from data/rafraichissement.yml (`cls-site rafraichir`).
A repertoire typed by hand, with no national source, shows no line, unless structures confirmed their fiche
(`verifie_le`, from an update campaign): the line then says how many did in the last 12 months.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from site_builder.campaigns.due import CONFIRMATION_MONTHS, confirmed_recently, is_due
from site_builder.directory import Structure
from site_builder.models import SiteModel
from site_builder.refresh.sources import SPECS
from site_builder.text import date_fr


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


def confirmed_count(model: SiteModel) -> int:
    """How many fiches their structure confirmed in the last 12 months (update campaigns)."""
    return confirmed_recently(model.structures, model.today)


def confirmation(item: Structure, today: dt.date) -> str:
    """The fiche's line on the structure's own confirmation; "" when it never answered a campaign."""
    if item.verifie_le is None:
        return ""
    if is_due(item, today, CONFIRMATION_MONTHS):
        return f"Informations à vérifier (dernière confirmation par la structure : {date_fr(item.verifie_le)})."
    return f"Informations confirmées par la structure le {date_fr(item.verifie_le)}."
