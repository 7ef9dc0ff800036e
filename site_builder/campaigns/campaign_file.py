"""data/campagnes.yml, as `cls-site campagne` writes it: every campaign, one line per structure asked.

The file is rewritten whole from the validated campaigns (sorted, one flow mapping a line), so the same
campaigns always give the same bytes; the build reads it like any data file (site_builder/kinds/campaigns.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from site_builder.directory import Campaign, CampaignEntry, Structure
from site_builder.yaml_files import write_atomically

FILE = "campagnes.yml"
HEADER = ("# Écrit par « cls-site campagne preparer » et « cls-site campagne importer » : les structures interrogées\n"
          "# à chaque campagne de mise à jour et leur réponse (envoyee, confirmee, corrigee, sans-reponse).\n"
          "# Affiché dans l'édition professionnelle. Ne le modifiez pas à la main : importez le classeur.\n")


def started(campaigns: Iterable[Campaign], day: dt.date, asked: Iterable[Structure]) -> tuple[Campaign, ...]:
    """The campaigns once the one of `day` is prepared (a campaign prepared again the same day replaces it)."""
    new = Campaign(day, tuple(CampaignEntry(item.id, day) for item in asked))
    return tuple(sorted([c for c in campaigns if c.date != day] + [new], key=lambda c: c.date))


def dump(campaigns: Iterable[Campaign]) -> str:
    """The file's text."""
    lines = [HEADER.rstrip("\n"), "campagnes:"]
    for campaign in campaigns:
        lines += [f"  - date: {campaign.date.isoformat()}", "    structures:"]
        lines += [f"      - {_entry(entry)}" for entry in campaign.structures] or ["      []"]
    return "\n".join(lines).replace("structures:\n      []", "structures: []") + "\n"


def _entry(entry: CampaignEntry) -> str:
    parts = [f"id: {json.dumps(entry.structure)}", f"envoye_le: {entry.envoye_le.isoformat()}",
             f"reponse: {entry.reponse}"]
    if entry.repondu_le:
        parts.append(f"repondu_le: {entry.repondu_le.isoformat()}")
    return "{" + ", ".join(parts) + "}"


def save(data_dir: Path, campaigns: Iterable[Campaign]) -> None:
    write_atomically(data_dir / FILE, dump(campaigns))


def latest_entries(campaigns: Iterable[Campaign]) -> dict[str, tuple[Campaign, CampaignEntry]]:
    """Each structure's entry in the last campaign that asked it."""
    return {entry.structure: (campaign, entry) for campaign in sorted(campaigns, key=lambda c: c.date)
            for entry in campaign.structures}
