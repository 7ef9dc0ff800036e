"""The facts of « Comparer côte à côte », one row per fact and one cell per establishment, in plain words."""

from __future__ import annotations

import datetime as dt

from site_builder.costs import APA_KINDS
from site_builder.directory import Structure
from site_builder.render.senior_facts import UNKNOWN, euros, gir_range, prices_are_old, status
from site_builder.text import date_fr
from site_builder.vocabularies import ALZHEIMER_UNITS, SOCIAL_AID, TYPOLOGIES


def side_rows(items: list[Structure], today: dt.date) -> list[tuple[str, list[str]]]:
    """(label, one value per establishment) in reading order (the name and phone rows are links: in the template)."""
    facts = [("Type", lambda s: TYPOLOGIES[s.typologie]),
             ("Commune", lambda s: s.commune),
             ("Prix de l'hébergement", _hosting),
             ("Tarif dépendance GIR 5-6", lambda s: _tariff(s, s.seniors.tarif_dependance_gir56)),
             ("Tarif dépendance GIR 3-4", lambda s: _tariff(s, s.seniors.tarif_dependance_gir34)),
             ("Tarif dépendance GIR 1-2", lambda s: _tariff(s, s.seniors.tarif_dependance_gir12)),
             ("Places", lambda s: str(s.seniors.places or UNKNOWN)),
             ("Niveau d'autonomie accueilli", lambda s: gir_range(s.seniors.gir) or UNKNOWN),
             ("Unité Alzheimer", lambda s: ", ".join(ALZHEIMER_UNITS[u] for u in s.seniors.alzheimer) or "aucune"),
             ("Aide sociale à l'hébergement", lambda s: SOCIAL_AID.get(s.seniors.aide_sociale, UNKNOWN)),
             ("Aide au logement (APL)", lambda s: {True: "oui", False: "non"}.get(s.seniors.apl, UNKNOWN)),
             ("Statut", lambda s: status(s.seniors)),
             ("Tarifs au", lambda s: _dated(s, today))]
    return [(label, [value(s) for s in items]) for label, value in facts]


def _hosting(item: Structure) -> str:
    housing = item.seniors
    if housing.prix_mensuel is not None:
        return f"{euros(housing.prix_mensuel)} par mois"
    return f"{euros(housing.prix_journalier)} par jour" if housing.prix_journalier is not None else UNKNOWN


def _tariff(item: Structure, value: float | None) -> str:
    if item.typologie not in APA_KINDS:
        return "sans objet"
    return f"{euros(value)} par jour" if value is not None else UNKNOWN


def _dated(item: Structure, today: dt.date) -> str:
    housing = item.seniors
    if housing.tarifs_au is None:
        return UNKNOWN
    old = " (plus d'un an : demandez les tarifs actuels)" if prices_are_old(housing, today) else ""
    return date_fr(housing.tarifs_au) + old
