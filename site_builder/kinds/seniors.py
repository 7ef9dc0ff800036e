"""The senior-housing section of a structure (`seniors:` in data/structures.yml), for the guide « Bien vieillir ».

One source of truth: name, address and phone stay in the structure; this section only adds what a family
compares (status, places, GIR, prices, aids, Alzheimer units).
"""

from __future__ import annotations

from typing import Any

from site_builder.converters import boolean, choice, date, integer, list_of, number, text
from site_builder.directory import SeniorHousing
from site_builder.formats import url
from site_builder.load import Mapping, Node
from site_builder.schema import Context, Field, Schema
from site_builder.vocabularies import (
    ALZHEIMER_UNITS,
    SENIOR_CAPACITIES,
    SENIOR_KINDS,
    SENIOR_STATUSES,
    SOCIAL_AID,
    TYPOLOGIES,
)

# Bounds of each price (€ per day, per month for `prix_mensuel`, per hour for `tarif_horaire`): beyond them it is
# a typo (a monthly price typed as daily…). One table, read by the schema and by the CNSA importer.
PRICE_BOUNDS: dict[str, tuple[float, float]] = {
    "prix_journalier": (15, 400), "prix_journalier_temporaire": (15, 400), "tarif_dependance_gir56": (0, 40),
    "tarif_dependance_gir12": (0, 60), "tarif_dependance_gir34": (0, 60), "prix_mensuel": (100, 6000),
    "tarif_horaire": (5, 80),
}
PRICES = tuple(PRICE_BOUNDS)

SENIORS = Schema("la partie « guide seniors » d'une structure", (
    # Optional: the CNSA price file has no legal status (FINESS `libsph` brings it); the pages then say
    # « non précisé ».
    Field("statut", choice(SENIOR_STATUSES), default=""),
    Field("places_permanentes", integer(1, 1000), default=None),
    Field("places_temporaires", integer(1, 200), default=None),
    Field("places_accueil_jour", integer(1, 200), default=None),
    Field("gir", list_of(integer(1, 6)), default=()),
    # Bounds of what a French establishment charges per day; beyond them it is a typo (a monthly price…).
    Field("prix_journalier", number(*PRICE_BOUNDS["prix_journalier"]), default=None),
    Field("tarif_dependance_gir56", number(*PRICE_BOUNDS["tarif_dependance_gir56"]), default=None),
    Field("aide_sociale", choice(SOCIAL_AID), default=""),
    Field("apl", boolean, default=None),
    Field("alzheimer", list_of(choice(ALZHEIMER_UNITS)), default=()),
    Field("portail", url, default=""),
    Field("tarifs_au", date, default=None),
    Field("tarif_dependance_gir12", number(*PRICE_BOUNDS["tarif_dependance_gir12"]), default=None),
    Field("tarif_dependance_gir34", number(*PRICE_BOUNDS["tarif_dependance_gir34"]), default=None),
    # A monthly rent, as the CNSA publishes for résidences autonomie; beyond these bounds, a daily price or a typo.
    Field("prix_mensuel", number(*PRICE_BOUNDS["prix_mensuel"]), default=None),
    Field("tarif_horaire", number(*PRICE_BOUNDS["tarif_horaire"]), default=None),
    Field("zone_intervention", text, default=""),
    Field("transport", boolean, default=None),
    Field("duree_max_jours", integer(1, 365), default=None),
    # The daily price of a temporary stay (CNSA `prixHebTempCs`), often above the permanent one.
    Field("prix_journalier_temporaire", number(*PRICE_BOUNDS["prix_journalier_temporaire"]), default=None),
))


def senior_housing(fields: dict[str, Any], raw: Mapping, typologie: str, ctx: Context,
                   path: str) -> SeniorHousing | None:
    """Build the section, reporting what cannot apply to this kind of structure."""
    name = TYPOLOGIES.get(typologie, typologie)
    node: Node = raw.get("seniors")
    if typologie not in SENIOR_KINDS:
        ctx.error(node, path, f"une structure de type « {name} » ne figure pas dans le guide seniors.",
                  "retirez la partie seniors, ou choisissez une typologie du guide : " + ", ".join(SENIOR_KINDS) + ".",
                  parent_line=raw.line)
        return None
    valid = True
    for key, kinds in SENIOR_CAPACITIES.items():
        if fields[key] not in (None, (), "") and typologie not in kinds:
            valid = False
            ctx.error(node.get(key), f"{path}.{key}", f"sans objet pour une structure de type « {name} ».",
                      "retirez ce champ (types concernés : " + ", ".join(kinds) + ").", parent_line=node.line)
    if any(fields[key] is not None for key in PRICES) and fields["tarifs_au"] is None:
        valid = False
        ctx.error(node, path, "prix sans date : ajoutez « tarifs_au » (date des tarifs, AAAA-MM-JJ).",
                  "les familles doivent savoir de quand datent les prix affichés.", parent_line=raw.line)
    return SeniorHousing(**fields) if valid else None
