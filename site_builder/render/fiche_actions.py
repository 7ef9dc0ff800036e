"""What a resident can do from a structure's fiche: get there, report a mistake, pass the fiche on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from site_builder import urls
from site_builder.campaigns.fields import mail_lines
from site_builder.directory import Structure

if TYPE_CHECKING:
    from site_builder.render.repertoire import FicheInputs


@dataclass(frozen=True)
class FicheActions:
    directions: str  # OpenStreetMap route to the structure, from wherever the visitor starts
    geo: str  # the phone's own maps application (RFC 5870)
    report: str  # a pre-filled e-mail to the coordination, or "" when the contract gives no address
    share_mail: str  # the fiche's address in an e-mail, for whom has no share button
    page: str  # the fiche's absolute address


def fiche_actions(model: FicheInputs, item: Structure) -> FicheActions:
    lat, lon = f"{item.latitude:.5f}", f"{item.longitude:.5f}"
    page = urls.absolute(model.site_url, urls.structure(item))
    report = ""
    if model.contract.courriel:
        # The fields with the labels of the campaign workbook's columns: the coordinator copies a correction
        # into the cell of the same name (site_builder/campaigns/fields.py).
        report = mailto(model.contract.courriel, f"Erreur sur la fiche « {item.nom} »",
                        f"Bonjour,\n\nSur la fiche « {item.nom} » ({page}), voici ce qui est inexact (corrigez "
                        f"la ligne concernée, après les deux-points) :\n\n{mail_lines(item)}\n\nAutre remarque :\n")
    return FicheActions(
        directions=f"https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}#map=16/{lat}/{lon}",
        geo=f"geo:{lat},{lon}?q={lat},{lon}",  # coordinates only: no data text handed to another application
        report=report,
        share_mail=mailto("", item.nom, f"{item.nom}, {item.commune} : {page}"),
        page=page,
    )


def mailto(address: str, subject: str, body: str) -> str:
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
