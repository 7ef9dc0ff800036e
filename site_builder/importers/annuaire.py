"""DILA « Annuaire de l'administration » (Service-Public.fr local offices) → the territory's public offices.

Read as downloaded: the `.tar.bz2` archive (each JSON member streamed out of it, one at a time) or one JSON,
`{"service": [...]}` (the data.gouv.fr export) or `{"results": [...]}` (the API). Each office has `id`, `nom`,
`pivot` (its kinds, `type_service_local`, with the communes it serves, `code_insee_commune`),
`code_insee_commune` (where it is), `adresse` (a list: the « Adresse » entry is the place, « Adresse postale »
the mail), `telephone`, `adresse_courriel`, `site_internet`, `plage_ouverture`, `url_service_public`,
`siret` and `date_modification`. Through the API the nested fields arrive as JSON text: both forms are read.

An office is kept when it sits in one of the territory's communes and one of its pivot types belongs on a
health site (`KINDS`); the other types are reported by count. The other communes of the territory it serves
go to `communes_desservies`, so their pages list it. A record with no id, name or date is reported and left
out; the others are imported.
"""

from __future__ import annotations

import datetime as dt
import json
import tarfile
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from site_builder.importers.merge import Imported
from site_builder.importers.reading import (
    decode,
    french_phone,
    load_json,
    mail_address,
    position_or_centre,
    web_address,
)
from site_builder.importers.source_errors import SourceFileError, match_layout
from site_builder.importers.territory_towns import Town
from site_builder.opening_hours import parse

SOURCE = "annuaire"
WHAT = "Fichier de l'Annuaire de l'administration"
LAYOUTS = {"Annuaire de l'administration": ("id", "nom", "pivot", "code_insee_commune")}
# type_service_local (the published list of pivot codes) → typologie; every type that belongs on a health site.
KINDS: dict[str, str] = {
    "msap": "france-services",  # the pre-2020 name of France services, still used by the Annuaire
    "france_services": "france-services",
    "ccas": "ccas", "cias": "ccas",
    "caf": "caf", "cpam": "cpam",
    "msa": "cpam",  # the MSA's counters are the farmers' Assurance maladie, as in the example data
    "pmi": "pmi", "clic": "clic", "cmp": "cmp",
    "maison_handicapees": "mdph", "maison_handi": "mdph",
    "mission_locale": "mission-locale",
    # The Département's social action, named differently from one Département to the next.
    "mds": "maison-solidarites", "cdas": "maison-solidarites", "edas": "maison-solidarites",
    "sdsei": "maison-solidarites",
    "accompagnement_personnes_agees": "plateforme-repit",  # plateforme d'accompagnement et de répit des aidants
}
DAYS = {"lundi": "Mo", "mardi": "Tu", "mercredi": "We", "jeudi": "Th", "vendredi": "Fr", "samedi": "Sa",
        "dimanche": "Su"}


def read_annuaire(path: Path, towns: dict[str, Town], skipped: list[str],
                  notes: list[str] | None = None) -> list[Imported]:
    """The offices of the territory's communes whose kind the repertoire knows; `notes` gets a one-line summary
    of the file (how many offices read, how many kept)."""
    imported: dict[str, Imported] = {}
    other_kinds: Counter[str] = Counter()
    outside = read = 0
    for office in _offices(path):
        read += 1
        code = str(office.get("code_insee_commune") or "").strip()
        served = _served(office)
        if code not in towns:
            if set(served) & set(towns) and _kind(office):
                outside += 1
            continue
        kind = _kind(office)
        if kind is None:
            other_kinds[_pivots(office)[0] if _pivots(office) else "(sans type)"] += 1
            continue
        if item := _office(office, kind, towns[code], tuple(sorted(set(served) & set(towns) - {code})), skipped):
            imported[item.id_source] = item
    for kind, count in sorted(other_kinds.items()):
        skipped.append(f"type « {kind} » hors correspondance : {count} service(s) — voir KINDS dans "
                       "site_builder/importers/annuaire.py.")
    if outside:
        skipped.append(f"{outside} service(s) installé(s) hors du territoire desservent aussi certaines de vos "
                       "communes : ajoutez-les à la main si les habitants s'y rendent.")
    if notes is not None:
        notes.append(f"Annuaire de l'administration : {read} service(s) dans le fichier, {len(imported)} dans vos "
                     "communes et d'un type du répertoire.")
    return [imported[key] for key in sorted(imported)]


def _offices(path: Path) -> Iterator[dict[str, Any]]:
    """Every office record of the archive's JSON members, or of the JSON file; the layout is checked on each."""
    for name, data in _documents(path):
        document = load_json(decode(data, f"{WHAT} ({name})")[0], f"{WHAT} ({name})")
        offices = document.get("service", document.get("results")) if isinstance(document, dict) else document
        if not isinstance(offices, list):
            raise SourceFileError(f"{WHAT} ({name}) : liste « service » ou « results » attendue. Rien n'a été écrit.")
        records = [office for office in offices if isinstance(office, dict)]
        if offices:
            match_layout(dict.fromkeys(key for office in records for key in office), LAYOUTS, f"{WHAT} ({name})")
        yield from records


def _documents(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each JSON member of a .tar.bz2 (or .tar.gz, .tar) archive, else of the file itself."""
    with path.open("rb") as handle:
        start = handle.read(4)
    if not start.startswith((b"BZh", b"\x1f\x8b")) and not tarfile.is_tarfile(path):
        yield path.name, path.read_bytes()
        return
    try:
        with tarfile.open(path, "r:*") as archive:
            members = 0
            for member in archive:
                if member.isfile() and member.name.lower().endswith(".json"):
                    members += 1
                    yield member.name, archive.extractfile(member).read()
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise SourceFileError(f"{WHAT} : archive illisible ou tronquée ({error}) ; téléchargez-la de nouveau. "
                              "Rien n'a été écrit.") from None
    if not members:
        raise SourceFileError(f"{WHAT} : l'archive ne contient aucun fichier .json. Rien n'a été écrit.")


def _office(office: dict[str, Any], typologie: str, town: Town, served: tuple[str, ...],
            skipped: list[str]) -> Imported | None:
    """One office as a record, or None (reported) when its id, name or date is missing."""
    ident, name = str(office.get("id") or "").strip(), " ".join(str(office.get("nom") or "").split())
    day = _date(str(office.get("date_modification") or ""))
    missing = [label for label, value in (("id", ident), ("nom", name), ("date_modification", day)) if not value]
    if missing:
        skipped.append(f"service « {name or ident or '?'} » ({town.nom}) : sans {', '.join(missing)}, non repris.")
        return None
    fields = _fields(office, typologie, town, ident, skipped)
    fields.update(nom=name, date_maj=day, communes_desservies=served)
    return Imported(ident, fields)


def _fields(office: dict[str, Any], typologie: str, town: Town, ident: str, skipped: list[str]) -> dict[str, Any]:
    place = _place(_list(office.get("adresse")))
    hours = opening_hours(_list(office.get("plage_ouverture")))
    if hours is None:
        skipped.append(f"{ident} : horaires non convertibles, à saisir à la main.")
    latitude, longitude = position_or_centre((place.get("latitude"), place.get("longitude")), town, ident, skipped)
    postcode = str(place.get("code_postal") or "").strip()
    mails = _list(office.get("adresse_courriel")) or [office.get("adresse_courriel")]
    siret = "".join(str(office.get("siret") or "").split())
    return {
        "typologie": typologie,
        "adresse": " ".join(str(place.get("numero_voie") or town.nom).split()),
        "complement_adresse": " ".join(str(place.get("complement1") or "").split()),
        "code_postal": postcode if postcode in town.codes_postaux else town.codes_postaux[0],
        "code_insee": town.code_insee, "commune": town.nom,
        "latitude": round(latitude, 5), "longitude": round(longitude, 5),
        "telephone": next((p for p in (french_phone(_value(x)) for x in _list(office.get("telephone"))) if p), ""),
        "courriel": next((m for m in (mail_address(x) for x in mails if isinstance(x, str)) if m), ""),
        "site_web": next((u for u in (web_address(_value(x)) for x in _list(office.get("site_internet"))) if u), ""),
        "horaires_accueil": hours or "",
        "lien_source": web_address(office.get("url_service_public")),
        "siret": siret if siret.isdigit() and len(siret) == 14 else "",
    }


def opening_hours(spans: list[Any]) -> str | None:
    """« Lundi–Vendredi 08:30:00–12:00:00 / 13:30:00–17:00:00 » rows → « Mo-Fr 08:30-12:00,13:30-17:00 »."""
    rules = []
    for span in spans:
        if not isinstance(span, dict):
            return None
        first = DAYS.get(str(span.get("nom_jour_debut", "")).strip().lower())
        last = DAYS.get(str(span.get("nom_jour_fin", "")).strip().lower()) or first
        times = [f"{str(span[f'valeur_heure_debut_{n}'])[:5]}-{str(span[f'valeur_heure_fin_{n}'])[:5]}"
                 for n in (1, 2) if span.get(f"valeur_heure_debut_{n}") and span.get(f"valeur_heure_fin_{n}")]
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


def _pivots(office: dict[str, Any]) -> list[str]:
    return [str(p.get("type_service_local", "")) for p in _list(office.get("pivot")) if isinstance(p, dict)]


def _kind(office: dict[str, Any]) -> str | None:
    """The typologie of the first pivot type the repertoire knows."""
    return next((KINDS[p] for p in _pivots(office) if p in KINDS), None)


def _served(office: dict[str, Any]) -> list[str]:
    """The communes the office serves, as its pivot entries list them."""
    codes = [c for p in _list(office.get("pivot")) if isinstance(p, dict) for c in _list(p.get("code_insee_commune"))]
    return [str(code).strip() for code in codes if isinstance(code, (str, int))]


def _place(addresses: list[Any]) -> dict[str, Any]:
    entries = [a for a in addresses if isinstance(a, dict)]
    physical = [a for a in entries if a.get("type_adresse") == "Adresse"]
    return (physical or entries or [{}])[0]


def _list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return []
    return value if isinstance(value, list) else []


def _value(entry: Any) -> str:
    """The `valeur` of a phone or website entry (or the entry itself when it is plain text)."""
    return str(entry.get("valeur") or "") if isinstance(entry, dict) else str(entry or "")


def _date(text: str) -> dt.date | None:
    for pattern in ("%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip()[:19], pattern).date()
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(text.strip()).date()
    except ValueError:
        return None
