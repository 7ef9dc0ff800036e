"""DILA « Annuaire de l'administration » (Service-Public.fr local offices, JSON export) → the territory's offices.

The export is `{"service": [...]}`; each office has `id`, `nom`, `pivot` (its kind, `type_service_local`),
`code_insee_commune`, `adresse` (a list; the « Adresse » entry is the place, « Adresse postale » the mail),
`telephone`, `adresse_courriel`, `site_internet`, `plage_ouverture` (day range and up to two time spans)
and `date_modification`. Through the API the nested fields arrive as JSON text: both forms are read.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from site_builder.importers.merge import Imported
from site_builder.importers.territory import Town
from site_builder.opening_hours import parse

SOURCE = "annuaire"
# type_service_local → typologie. The MSA's offices are Assurance maladie counters, as in the example data.
KINDS: dict[str, str] = {
    "ccas": "ccas", "caf": "caf", "cpam": "cpam", "msa": "cpam", "france_services": "france-services",
    "pmi": "pmi", "mission_locale": "mission-locale", "clic": "clic", "cmp": "cmp",
}
DAYS = {"lundi": "Mo", "mardi": "Tu", "mercredi": "We", "jeudi": "Th", "vendredi": "Fr", "samedi": "Sa",
        "dimanche": "Su"}


def read_annuaire(path: Path, towns: dict[str, Town], skipped: list[str]) -> list[Imported]:
    """The offices of the territory's communes whose kind the repertoire knows."""
    document = json.loads(path.read_text(encoding="utf-8"))
    offices = document.get("service", document.get("results", [])) if isinstance(document, dict) else document
    imported, other_kinds = [], {}
    for office in offices:
        code = str(office.get("code_insee_commune") or "")
        if code not in towns:
            continue
        kind = _kind(office)
        if kind not in KINDS:
            other_kinds[kind] = other_kinds.get(kind, 0) + 1
            continue
        imported.append(Imported(str(office["id"]), _fields(office, KINDS[kind], towns[code], skipped)))
    for kind, count in sorted(other_kinds.items()):
        skipped.append(f"type « {kind} » hors correspondance : {count} service(s) — voir KINDS dans "
                       "site_builder/importers/annuaire.py.")
    return sorted(imported, key=lambda item: item.id_source)


def _fields(office: dict[str, Any], typologie: str, town: Town, skipped: list[str]) -> dict[str, Any]:
    place = _place(_list(office.get("adresse")))
    hours = opening_hours(_list(office.get("plage_ouverture")))
    if hours is None:
        skipped.append(f"{office['id']} : horaires non convertibles, à saisir à la main.")
    sites = _list(office.get("site_internet"))
    phones = _list(office.get("telephone"))
    mails = office.get("adresse_courriel")
    return {
        "nom": str(office.get("nom", "")).strip(),
        "typologie": typologie,
        "adresse": str(place.get("numero_voie") or town.nom).strip(),
        "complement_adresse": str(place.get("complement1") or "").strip(),
        "code_postal": str(place.get("code_postal") or town.codes_postaux[0]),
        "code_insee": town.code_insee,
        "commune": town.nom,
        "latitude": round(float(place.get("latitude") or town.latitude), 5),
        "longitude": round(float(place.get("longitude") or town.longitude), 5),
        "telephone": _phone(phones[0].get("valeur", "") if phones else ""),
        "courriel": (mails[0] if isinstance(mails, list) and mails else mails or "").strip(),
        "site_web": sites[0].get("valeur", "") if sites else "",
        "horaires_accueil": hours or "",
        "date_maj": _date(str(office.get("date_modification", ""))),
    }


def opening_hours(spans: list[dict[str, Any]]) -> str | None:
    """« Lundi–Vendredi 08:30:00–12:00:00 / 13:30:00–17:00:00 » rows → « Mo-Fr 08:30-12:00,13:30-17:00 »."""
    rules = []
    for span in spans:
        first = DAYS.get(str(span.get("nom_jour_debut", "")).strip().lower())
        last = DAYS.get(str(span.get("nom_jour_fin", "")).strip().lower()) or first
        times = [f"{span[f'valeur_heure_debut_{n}'][:5]}-{span[f'valeur_heure_fin_{n}'][:5]}" for n in (1, 2)
                 if span.get(f"valeur_heure_debut_{n}") and span.get(f"valeur_heure_fin_{n}")]
        if not first or not times:
            return None
        rules.append(f"{first}-{last} {','.join(times)}" if last != first else f"{first} {','.join(times)}")
    # The directory's time slots add up: `; ` when their days differ, `, ` (OSM's additional rule) when they
    # share days, since a later `;` rule would replace the earlier one (opening_hours.py).
    for separator in ("; ", ", "):
        try:
            parse(separator.join(rules))
        except ValueError:
            continue
        return separator.join(rules)
    return None


def _kind(office: dict[str, Any]) -> str:
    pivots = _list(office.get("pivot"))
    return str(pivots[0].get("type_service_local", "")) if pivots else ""


def _place(addresses: list[dict[str, Any]]) -> dict[str, Any]:
    physical = [a for a in addresses if a.get("type_adresse") == "Adresse"]
    return (physical or addresses or [{}])[0]


def _list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def _phone(text: str) -> str:
    digits = re.sub(r"\D", "", text.replace("+33", "0"))
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2)) if len(digits) == 10 else ""


def _date(text: str) -> dt.date | None:
    for pattern in ("%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip()[:19], pattern).date()
        except ValueError:
            continue
    return None
