"""The checks every imported or geocoded position and price goes through before it is written.

The same as `cls-site validate`, and a little more: a position is a finite pair inside France (mainland,
Corsica or an overseas territory) and inside the box of the territory's communes with the margin validate
allows (site_builder/kinds/structures.py); a senior price goes through its own field of the seniors schema
(site_builder/kinds/seniors.py), bounds included. A refused value is reported and not written.
"""

from __future__ import annotations

import math
from typing import Any

from site_builder.errors import ErrorReport
from site_builder.importers.merge import Imported
from site_builder.importers.territory_towns import Town
from site_builder.kinds.seniors import PRICES, SENIORS
from site_builder.load import Scalar
from site_builder.schema import Context

Box = tuple[float, float, float, float]  # south, west, north, east, in degrees (WGS84)

# France, one box per land (a little wider than the coast, so a lighthouse or an islet stays in).
FRANCE: dict[str, Box] = {
    "France métropolitaine": (42.30, -5.30, 51.15, 8.30),
    "Corse": (41.30, 8.50, 43.05, 9.60),
    "Guadeloupe": (15.80, -61.85, 16.55, -61.00),
    "Martinique": (14.35, -61.25, 14.90, -60.80),
    "Guyane": (2.10, -54.65, 5.80, -51.60),
    "La Réunion": (-21.40, 55.20, -20.85, 55.85),
    "Mayotte": (-13.05, 45.00, -12.60, 45.30),
    "Saint-Pierre-et-Miquelon": (46.70, -56.45, 47.15, -56.10),
    "Saint-Barthélemy": (17.85, -62.95, 17.98, -62.78),
    "Saint-Martin": (18.00, -63.16, 18.13, -62.96),
    "Wallis-et-Futuna": (-14.40, -178.25, -13.10, -176.10),
    "Polynésie française": (-27.70, -154.80, -7.80, -134.40),
    "Nouvelle-Calédonie": (-23.00, 163.50, -18.90, 169.00),
}
POSITION_KEYS = frozenset({"latitude", "longitude"})
SENIOR_FIELDS = {spec.name: spec for spec in SENIORS.fields}


def inside(latitude: float, longitude: float, box: Box) -> bool:
    """Whether the point is in the box, edges included."""
    south, west, north, east = box
    return south <= latitude <= north and west <= longitude <= east


def position_refusal(latitude: Any, longitude: Any, territory: Box | None) -> str:
    """Why a position cannot be written (French), or "" when it can."""
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return "ce ne sont pas des nombres"
    if isinstance(latitude, bool) or isinstance(longitude, bool) or not (math.isfinite(lat) and math.isfinite(lon)):
        return "ce ne sont pas des nombres finis"
    if not any(inside(lat, lon, box) for box in FRANCE.values()):
        swapped = any(inside(lon, lat, box) for box in FRANCE.values())
        return "hors de France" + (" (latitude et longitude inversées ?)" if swapped else "")
    if territory and not inside(lat, lon, territory):
        south, west, north, east = territory
        return (f"hors du territoire (latitudes {south:.2f} à {north:.2f}, longitudes {west:.2f} à {east:.2f}, "
                "marge comprise)")
    return ""


def price_refusal(key: str, value: Any) -> str:
    """Why a senior price cannot be written (French, the seniors schema's own words), or "" when it can."""
    if key not in PRICES or value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return f"« {value} » n'est pas un prix"
    report = ErrorReport()
    SENIOR_FIELDS[key].convert(Scalar(repr(float(value))), Context("", report), key)
    return report.errors[0].message.rstrip(".") if report.errors else ""


def shown(value: Any) -> str:
    """A number as the coordinator reads it in a report."""
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)


def screen(items: list[Imported], section: str | None, territory: Box | None, new: set[str],
           towns: dict[str, Town], refused: list[str]) -> None:
    """Take out of `items` every value that cannot be written, saying why in `refused`; a new record whose
    position is refused gets its commune's centre, as when the source has none."""
    for item in items:
        label = f"{item.id_source}" + (f" ({item.fields['nom']})" if item.fields.get("nom") else "")
        for key, value in list(item.fields.items()):
            if isinstance(value, float) and not math.isfinite(value) and key not in POSITION_KEYS:
                del item.fields[key]
                refused.append(f"refusée : {_name(section, key)} « {value} » de {label} — ce n'est pas un nombre fini.")
            elif section == "seniors" and (reason := price_refusal(key, value)):
                del item.fields[key]
                refused.append(f"refusée : {_name(section, key)} « {shown(value)} » de {label} — {reason}.")
        if not section and POSITION_KEYS & item.fields.keys():
            _screen_position(item, label, territory, item.id_source in new, towns, refused)


def _screen_position(item: Imported, label: str, territory: Box | None, is_new: bool, towns: dict[str, Town],
                     refused: list[str]) -> None:
    """Keep the item's position if it can be written, else take it out (or put the commune's centre) and say why."""
    latitude, longitude = item.fields.pop("latitude", None), item.fields.pop("longitude", None)
    reason = position_refusal(latitude, longitude, territory)
    if not reason:
        item.fields.update(latitude=latitude, longitude=longitude)
        return
    town = towns.get(str(item.fields.get("code_insee", "")))
    if not is_new:
        kept = "la position déjà dans le répertoire est gardée"
    elif town and not position_refusal(town.latitude, town.longitude, None):
        item.fields.update(latitude=town.latitude, longitude=town.longitude)
        kept = f"centre de la commune ({town.nom}) en attendant (lancez « cls-site geocoder »)"
    else:
        kept = "fiche sans position : complétez latitude et longitude"
    refused.append(f"refusée : position ({latitude}, {longitude}) de {label} — {reason} ; {kept}.")


def _name(section: str | None, key: str) -> str:
    """A field's name as `garder` and the report write it (« seniors.prix_journalier »)."""
    return f"{section}.{key}" if section else key
