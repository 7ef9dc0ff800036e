"""The guide « Bien vieillir sur le territoire » (fiche 2-3-1): one page per kind of solution, a comparison
table, a map and a printable guide. Its home and costs pages are hand-written in content/bien-vieillir/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from site_builder import urls
from site_builder.models import SeniorHousing, SiteModel, Structure
from site_builder.render.environment import GeneratedPage, render
from site_builder.render.maps import Layer, structures_map
from site_builder.text import date_fr
from site_builder.vocabularies import (
    ALZHEIMER_UNITS,
    SENIOR_FAMILIES,
    SENIOR_KIND_TEXTS,
    SENIOR_KINDS,
    SENIOR_STATUSES,
    SOCIAL_AID,
    TYPOLOGIES,
)


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    if not model.senior_establishments:
        return
    context = {"model": model, "families": SENIOR_FAMILIES, "kinds": TYPOLOGIES, "texts": SENIOR_KIND_TEXTS,
               "facts": facts, "euros": euros, "gir": gir_range, "labels": LABELS, "family_of": FAMILY_OF}
    for kind in SENIOR_KINDS:
        yield render("senior_kind.md.j2", urls.senior_kind(kind), kind=kind, items=model.seniors_of_kind(kind),
                     in_nav=False, **context)
    yield render("senior_table.md.j2", urls.SENIOR_TABLE, in_nav=True, **context)
    layers = [Layer(TYPOLOGIES[k], [s for s in model.senior_establishments if s.typologie == k]) for k in SENIOR_KINDS]
    layers = [layer for layer in layers if layer.structures]
    title = "Carte des solutions pour les personnes âgées"
    yield render("map.md.j2", urls.SENIOR_MAP, model=model, title=title, layers=layers, in_nav=True,
                 description=f"Les {len(model.senior_establishments)} services et établissements du guide, par type.",
                 map=structures_map("carte_seniors", title, layers, urls.SENIOR_MAP, layer_control=True))
    yield render("senior_print.md.j2", urls.SENIOR_PRINT, in_nav=True, updated=date_fr(last_update(model)),
                 **context)


LABELS = {"statut": SENIOR_STATUSES, "aide_sociale": SOCIAL_AID, "alzheimer": ALZHEIMER_UNITS}
FAMILY_OF = {kind: family for family, kinds in SENIOR_FAMILIES.items() for kind in kinds}


def last_update(model: SiteModel) -> dt.date:
    return max(s.date_maj for s in model.senior_establishments)


def euros(value: float) -> str:
    """« 68,40 € » as French write it."""
    return f"{value:.2f}".replace(".", ",") + "\u00a0€"


def gir_range(levels: tuple[int, ...]) -> str:
    """« GIR 1 à 4 » for a run of levels, « GIR 1, 3 » otherwise."""
    if not levels:
        return ""
    ordered = sorted(levels)
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"GIR {ordered[0]} à {ordered[-1]}"
    return "GIR " + ", ".join(str(level) for level in ordered)


def facts(item: Structure) -> list[tuple[str, str]]:
    """What a family compares, as (label, value) pairs in reading order; empty fields are left out."""
    housing: SeniorHousing = item.seniors
    places = [(housing.places_permanentes, "permanentes" if item.typologie != "ssiad" else "de soins"),
              (housing.places_temporaires, "temporaires"), (housing.places_accueil_jour, "d'accueil de jour")]
    rows = [("Statut", SENIOR_STATUSES[housing.statut]),
            ("Places", ", ".join(f"{n} {what}" for n, what in places if n)),
            ("Niveau d'autonomie accueilli", gir_range(housing.gir)),
            ("Prix de l'hébergement", _price(housing.prix_journalier, housing)),
            ("Tarif dépendance GIR 5-6", _price(housing.tarif_dependance_gir56, housing)),
            ("Aide sociale à l'hébergement", SOCIAL_AID.get(housing.aide_sociale, "")),
            ("Aide au logement (APL)", {True: "Oui", False: "Non"}.get(housing.apl, "")),
            ("Unité Alzheimer", ", ".join(ALZHEIMER_UNITS[u] for u in housing.alzheimer))]
    return [(label, value) for label, value in rows if value]


def _price(value: float | None, housing: SeniorHousing) -> str:
    if value is None:
        return ""
    return f"{euros(value)} par jour (tarif au {date_fr(housing.tarifs_au)})"
