"""What each kind of senior service shows a family, in words that fit it: a home-help service has an hourly
rate and an area, a day-care centre a price per day and transport, an EHPAD a hosting price and a dependency
tariff. A fact a family needs but the data lacks says « non communiqué » rather than vanishing.
"""

from __future__ import annotations

import datetime as dt

from site_builder.directory import SeniorHousing, Structure
from site_builder.models import months_between
from site_builder.text import date_fr, month_fr
from site_builder.vocabularies import ALZHEIMER_UNITS, SENIOR_STATUSES, SOCIAL_AID, STATUS_UNKNOWN, TYPOLOGIES

UNKNOWN = "non communiqué"
HOME = ("ssiad", "saad")
HOUSING = ("residence-autonomie", "marpa", "residence-services", "habitat-inclusif", "accueil-familial")
MEDICAL = ("ehpad", "usld")


def euros(value: float) -> str:
    """« 68,40 € » as French write it."""
    return f"{value:.2f}".replace(".", ",") + "\u00a0€"


def status(housing: SeniorHousing) -> str:
    """« Public », … or « Non précisé » when no source gave it."""
    return SENIOR_STATUSES.get(housing.statut, STATUS_UNKNOWN)


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


def price_notice(item: Structure, today: dt.date, kind: str = "") -> str:
    """« Tarifs de juillet 2025 : ils ont pu changer depuis… », or "" when the prices are recent (or absent,
    or not shown: an EHPAD's room prices are not those of the day care it also offers)."""
    housing = item.seniors
    if not prices_are_old(housing, today) or (kind == "accueil-jour" and item.typologie != kind):
        return ""
    who = "au service" if item.typologie in HOME else "à l'établissement"
    return (f"Tarifs de {month_fr(housing.tarifs_au)}, il y a plus d'un an : ils ont pu changer depuis, "
            f"demandez les tarifs actuels {who}.")


def facts(item: Structure, kind: str = "") -> list[tuple[str, str]]:
    """What a family compares, as (label, value) pairs in reading order, with labels that fit the kind.
    `kind`: the service the family looks for, when an establishment of another type offers it (an EHPAD's
    day-care or temporary places): then its facts are those of that service, not of the EHPAD."""
    housing: SeniorHousing = item.seniors
    if kind and kind != item.typologie:
        return _offered_by(item, kind)
    kind = item.typologie
    rows = [("Statut", status(housing)), ("Places", _places(item)),
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
                 ("Prix par jour en séjour temporaire", _per(housing.prix_journalier_temporaire, "par jour", housing)),
                 ("Aide sociale à l'hébergement", SOCIAL_AID.get(housing.aide_sociale, "")),
                 ("Aide au logement (APL)", _apl(housing.apl))]
        if not housing.prix_mensuel and not housing.prix_journalier:
            rows.append(("Prix", UNKNOWN))
    else:
        rows += _medical(item)
    return [(label, value) for label, value in rows if value]


def _offered_by(item: Structure, kind: str) -> list[tuple[str, str]]:
    """Day care or a temporary stay offered by an establishment of another type (an EHPAD, mostly)."""
    housing = item.seniors
    rows = [("Proposé par", TYPOLOGIES[item.typologie]), ("Statut", status(housing))]
    if kind == "accueil-jour":
        rows += [("Places", f"{housing.places_accueil_jour} d'accueil de jour"),
                 ("Niveau d'autonomie accueilli", gir_range(housing.gir)),
                 ("Prix d'une journée", UNKNOWN),  # the establishment's daily price is that of its rooms
                 ("Transport", _transport(housing.transport, kind)),
                 ("Accueil des malades d'Alzheimer", _units(housing))]
    else:
        rows += [("Places", f"{housing.places_temporaires} temporaires"),
                 ("Niveau d'autonomie accueilli", gir_range(housing.gir)),
                 ("Prix de l'hébergement", _per(housing.prix_journalier_temporaire or housing.prix_journalier,
                                                "par jour", housing) or UNKNOWN),
                 ("Durée maximale du séjour", _days(housing.duree_max_jours)),
                 ("Aide sociale à l'hébergement", SOCIAL_AID.get(housing.aide_sociale, ""))]
    return [(label, value) for label, value in rows if value]


def _medical(item: Structure) -> list[tuple[str, str]]:
    housing = item.seniors
    rows = [("Prix de l'hébergement", _per(housing.prix_journalier, "par jour", housing) or UNKNOWN),
            ("Prix de l'hébergement temporaire", _per(housing.prix_journalier_temporaire, "par jour", housing)),
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


def table_price(item: Structure) -> str:
    """The price cell of the comparison table, in the unit that fits the kind: the column holds daily, monthly and
    hourly prices (a home-help service is paid by the hour), so each cell says its unit."""
    housing = item.seniors
    if housing.prix_journalier is not None and item.typologie not in HOME:
        return f"{euros(housing.prix_journalier)} par jour"
    if housing.prix_mensuel is not None:
        return f"{euros(housing.prix_mensuel)} par mois"
    if housing.tarif_horaire is not None:
        return f"{euros(housing.tarif_horaire)} de l'heure"
    return "soins payés par l'Assurance maladie" if item.typologie == "ssiad" else UNKNOWN


def table_places(item: Structure) -> str:
    """A home-help service or a carers' platform has no places: « sans objet », not « non communiqué »."""
    if item.seniors.places:
        return str(item.seniors.places)
    return "sans objet" if item.typologie in ("saad", "plateforme-repit") else UNKNOWN


def table_aid(item: Structure) -> str:
    """Aide sociale: for a SAAD, its habilitation for home help; nursing care and carers' support need none."""
    if item.typologie in ("ssiad", "plateforme-repit"):
        return "sans objet"
    return {"totale": "Oui", "partielle": "Partielle", "oui": "Oui", "non": "Non"}.get(item.seniors.aide_sociale,
                                                                                        UNKNOWN)


def old_prices(item: Structure, today: dt.date) -> str:
    """« tarif de juillet 2025, à vérifier » beside an old price in a table, else ""."""
    housing = item.seniors
    return f"tarif de {month_fr(housing.tarifs_au)}, à vérifier" if prices_are_old(housing, today) else ""
