"""data/campagnes.yml, written by `cls-site campagne`: the update campaigns and each structure's answer.

    campagnes:
      - date: 2026-12-07
        structures:
          - {id: msp-pithiviers, envoye_le: 2026-12-07, reponse: confirmee, repondu_le: 2026-12-20}

A structure deleted from the repertoire since keeps its line (the campaign happened); the pages skip it.
"""

from __future__ import annotations

from typing import Any

from site_builder.converters import choice, date, slug
from site_builder.directory import ANSWERS, Campaign, CampaignEntry
from site_builder.load import Mapping, Node
from site_builder.schema import Context, Field, Schema, build_records, list_file, records, valid

ENTRY = Schema("une structure de la campagne", (
    Field("id", slug, required=True),
    Field("envoye_le", date, required=True),
    Field("reponse", choice(ANSWERS), default="envoyee"),
    Field("repondu_le", date, default=None),
))

CAMPAIGN = Schema("une campagne de mise à jour", (
    Field("date", date, required=True),
    Field("structures", records(ENTRY), required=True, allow_empty=True),
))

FILE = list_file("le fichier des campagnes de mise à jour", "campagnes", CAMPAIGN, allow_empty=True)


def parse(root: Node, ctx: Context) -> list[Campaign]:
    """The campaigns, oldest first (the file's order is the order they were prepared)."""
    return sorted(build_records(root, ctx, FILE, "campagnes", _campaign), key=lambda c: c.date)


def _campaign(fields: dict[str, Any], raw: Mapping, path: str) -> Campaign:
    entries = tuple(CampaignEntry(item["id"], item["envoye_le"], item["reponse"], item["repondu_le"])
                    for item in valid(fields["structures"]))
    return Campaign(fields["date"], entries)
