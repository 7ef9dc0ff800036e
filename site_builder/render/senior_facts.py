"""What each kind of senior service shows a family, in words that fit it: a home-help service has an hourly
rate and an area, a day-care centre a price per day and transport, an EHPAD a hosting price and a dependency
tariff. A fact a family needs but the data lacks says « non communiqué » rather than vanishing.
"""

from __future__ import annotations

import datetime as dt

from site_builder.models import SeniorHousing, Structure, months_between
from site_builder.text import date_fr
from site_builder.vocabularies import ALZHEIMER_UNITS, SENIOR_STATUSES, SOCIAL_AID

UNKNOWN = "non communiqué"
HOME = ("ssiad", "saad")
HOUSING = ("residence-autonomie", "marpa", "residence-services", "habitat-inclusif", "accueil-familial")
MEDICAL = ("ehpad", "usld")


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


def prices_are_old(housing: SeniorHousing, today: dt.date) -> bool:
    """Prices dated more than a year before the build: the family must ask for the current ones."""
    return housing.tarifs_au is not None and months_between(housing.tarifs_au, today) >= 12


def price_notice(housing: SeniorHousing, today: dt.date) -> str:
    if not prices_are_old(housing, today):
        return ""
    return (f"Prix datant du {date_fr(housing.tarifs_au)}, il y a plus d'un an : "
            "demandez les tarifs actuels à l'établissement.")


def facts(item: Structure) -> list[tuple[str, str]]:
    """What a family compares, as (label, value) pairs in reading order, with labels that fit the kind."""
    housing: SeniorHousing = item.seniors
    kind = item.typologie
    rows = [("Statut", SENIOR_STATUSES[housing.statut]), ("Places", _places(item)),
            ("Niveau d'autonomie accueilli", gir_range(housing.gir))]
    if kind == "ssiad":
        rows += [("Prise en charge", "soins payés par l'Assurance maladie, sur prescription médicale"),
                 ("Communes desservies", housing.zone_intervention or UNKNOWN)]
    elif kind == "saad":
        rows += [("Tarif horaire", _per(housing.tarif_horaire, "de l'heure", housing) or UNKNOWN),
                 ("Communes desservies", housing.zone_intervention or UNKNOWN),
                 ("Habilité à l'aide sociale (aide ménagère)", _yes_no(housing.aide_sociale))]
    elif kind in ("accueil-jour", "plateforme-repit"):
        rows += [("Prix d'une journée", _per(housing.prix_journalier, "la journée", housing)
                  or ("" if kind == "plateforme-repit" else UNKNOWN)),
                 ("Transport", _transport(housing.transport, kind)),
                 ("Accueil des malades d'Alzheimer", _units(housing))]
    elif kind == "hebergement-temporaire":
        rows += [("Prix par jour", _per(housing.prix_journalier, "par jour", housing) or UNKNOWN),
                 ("Durée maximale du séjour", _days(housing.duree_max_jours)),
                 ("Aide sociale à l'hébergement", SOCIAL_AID.get(housing.aide_sociale, ""))]
    elif kind in HOUSING:
        rows += [("Loyer mensuel", _per(housing.prix_mensuel, "par mois", housing)),
                 ("Prix par jour", _per(housing.prix_journalier, "par jour", housing)),
                 ("Aide sociale à l'hébergement", SOCIAL_AID.get(housing.aide_sociale, "")),
                 ("Aide au logement (APL)", _apl(housing.apl))]
        if not housing.prix_mensuel and not housing.prix_journalier:
            rows.append(("Prix", UNKNOWN))
    else:
        rows += _medical(item)
    return [(label, value) for label, value in rows if value]


def _medical(item: Structure) -> list[tuple[str, str]]:
    housing = item.seniors
    rows = [("Prix de l'hébergement", _per(housing.prix_journalier, "par jour", housing) or UNKNOWN),
            ("Tarif dépendance GIR 5-6", _per(housing.tarif_dependance_gir56, "par jour", housing) or UNKNOWN),
            ("Tarif dépendance GIR 3-4", _per(housing.tarif_dependance_gir34, "par jour", housing)),
            ("Tarif dépendance GIR 1-2", _per(housing.tarif_dependance_gir12, "par jour", housing)),
            ("Aide sociale à l'hébergement", SOCIAL_AID.get(housing.aide_sociale, UNKNOWN)),
            ("Aide au logement (APL)", _apl(housing.apl) or UNKNOWN),
            ("Unité Alzheimer", _units(housing) or "aucune")]
    if housing.places_temporaires:
        rows.append(("Hébergement temporaire", f"{housing.places_temporaires} places"
                     + (f", {_days(housing.duree_max_jours)}" if housing.duree_max_jours else "")))
    if housing.places_accueil_jour:
        rows.append(("Accueil de jour", f"{housing.places_accueil_jour} places"
                     + (f", {_transport(housing.transport, 'accueil-jour').lower()}" if housing.transport is not None
                        else "")))
    return rows


def _places(item: Structure) -> str:
    housing = item.seniors
    places = [(housing.places_permanentes, "permanentes" if item.typologie != "ssiad" else "de soins"),
              (housing.places_temporaires, "temporaires"), (housing.places_accueil_jour, "d'accueil de jour")]
    return ", ".join(f"{n} {what}" for n, what in places if n)


def _per(value: float | None, unit: str, housing: SeniorHousing) -> str:
    if value is None:
        return ""
    return f"{euros(value)} {unit} (tarif au {date_fr(housing.tarifs_au)})"


def _yes_no(aid: str) -> str:
    return {"totale": "oui", "partielle": "oui, en partie", "oui": "oui", "non": "non"}.get(aid, UNKNOWN)


def _apl(apl: bool | None) -> str:
    return {True: "Oui (établissement conventionné)", False: "Non"}.get(apl, "")


def _transport(transport: bool | None, kind: str) -> str:
    if kind == "plateforme-repit" and transport is None:
        return ""
    return {True: "Organisé par le service (aller et retour)", False: "Non organisé : à prévoir par la famille"}.get(
        transport, UNKNOWN)


def _units(housing: SeniorHousing) -> str:
    return ", ".join(ALZHEIMER_UNITS[u] for u in housing.alzheimer)


def _days(days: int | None) -> str:
    return f"{days} jours par an au plus" if days else UNKNOWN
