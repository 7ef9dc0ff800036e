"""data/rafraichissement.yml, written by `cls-site rafraichir`: the national file each source's records come from.

    finess: {fichier_du: 2026-11-30, importe_le: 2026-12-07}

Read like every data file (an unknown source or a wrong date is a located error), so the freshness line
of the home page and the repertoire never shows a date the data do not hold.
"""

from __future__ import annotations

from site_builder.converters import date
from site_builder.load import Node
from site_builder.models import SourceRefresh
from site_builder.refresh.sources import NAMES
from site_builder.schema import INVALID, Context, Field, Schema, record

DATES = Schema("les dates d'une source", (
    Field("fichier_du", date, required=True),
    Field("importe_le", date, required=True),
))
FILE = Schema("le fichier des rafraîchissements", tuple(Field(name, record(DATES), default=None) for name in NAMES))


def parse(root: Node, ctx: Context) -> list[SourceRefresh]:
    """One entry per source the file dates, in the order of refresh/sources.py."""
    values = FILE.parse(root, ctx, "")
    if values is INVALID:
        return []
    return [SourceRefresh(name, **dates) for name, dates in values.items() if dates]
