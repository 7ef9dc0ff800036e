"""Pages of the professional edition that follow the data's upkeep: the update campaign, structure by structure,
and the last report of `cls-site rafraichir` (rapport-rafraichissement.md beside mkdocs.yml)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from site_builder import urls
from site_builder.campaigns.campaign_file import latest_entries
from site_builder.campaigns.due import CONFIRMATION_MONTHS, is_due
from site_builder.directory import ANSWERS, Campaign, CampaignEntry, Structure
from site_builder.models import SiteModel
from site_builder.render.environment import GeneratedPage, render
from site_builder.text import fold


@dataclass(frozen=True)
class CampaignRow:
    """A structure asked by a campaign, and where its answer stands."""

    structure: Structure
    campaign: Campaign
    entry: CampaignEntry

    @property
    def state(self) -> str:
        return ANSWERS[self.entry.reponse]


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    """The campaign page and the refresh report's page, in the professional edition only."""
    if model.edition != "pro":
        return
    if model.structures:
        rows = campaign_rows(model)
        never = [s for s in model.structures if s.verifie_le is None and s.id not in {r.structure.id for r in rows}]
        yield render("campagne.md.j2", urls.CAMPAIGN, model=model, rows=rows, never=never,
                     summary=summary(rows),
                     old=[s for s in model.structures if s.verifie_le and is_due(s, model.today, CONFIRMATION_MONTHS)])
    if model.refresh_report:
        yield render("rapport_rafraichissement.md.j2", urls.REFRESH_REPORT, model=model,
                     report=safe_report(model.refresh_report))


def summary(rows: list[CampaignRow]) -> str:
    """« 1 confirmée · 1 corrigée · 2 sans réponse »: the states present, in the order of a campaign."""
    counts = Counter(row.entry.reponse for row in rows)
    return " · ".join(f"{counts[key]} {words[counts[key] > 1]}" for key, words in STATES.items() if counts[key])


def campaign_rows(model: SiteModel) -> list[CampaignRow]:
    """Each structure of the repertoire in the last campaign that asked it, the oldest confirmation first."""
    rows = [CampaignRow(model.structure_by_id[ident], campaign, entry)
            for ident, (campaign, entry) in latest_entries(model.campaigns).items() if ident in model.structure_by_id]
    return sorted(rows, key=lambda r: (r.structure.verifie_le or dt.date.min, fold(r.structure.nom), r.structure.id))


# How the summary counts each state: (one, several).
STATES = {"envoyee": ("en attente de réponse", "en attente de réponse"), "confirmee": ("confirmée", "confirmées"),
          "corrigee": ("corrigée", "corrigées"), "sans-reponse": ("sans réponse", "sans réponse")}
FENCE = re.compile(r"^\s*(```|~~~)")


def safe_report(text: str) -> str:
    """The report's Markdown, its headings one level down (the page has its own title) and, outside code blocks,
    no HTML nor link syntax: it quotes names read from national files."""
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = html.escape(line, quote=False).replace("[", "\\[").replace("]", "\\]")
            line = "#" + line if line.startswith("#") else line
        lines.append(line)
    return "\n".join(lines)
