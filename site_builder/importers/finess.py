"""FINESS establishments of the territory's communes, in our keys: from the CSV extract or the JSON flow.

The format is told from the content (a JSON document starts with `{`), the encoding from the bytes (both
said in the report). Names (site_builder/importers/names.py) and addresses (addresses.py) are rewritten for
a visitor. The reader never invents a position: an establishment without a plausible position row gets
none, so the merge keeps the position already in data/structures.yml; only a *new* record is placed at its
commune's centre (`complete_new`), until `cls-site geocoder` places it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.importers import finess_csv, finess_json
from site_builder.importers.addresses import place_lines, postcode, street_line
from site_builder.importers.finess_csv import ENCODINGS, Plausible, projection  # noqa: F401 (projection: API)
from site_builder.importers.merge import Imported
from site_builder.importers.names import cased, choose_name, place_names
from site_builder.importers.reading import french_phone, iso_day
from site_builder.importers.territory_towns import Town
from site_builder.importers.yamlfile import read_records
from site_builder.kinds.structures import MARGIN
from site_builder.text import slug
from site_builder.vocabularies import SENIOR_KINDS, TYPOLOGY_GROUPS, TYPOLOGY_PUBLICS
from site_builder.yaml_files import written

SOURCE = "finess"

# FINESS category (categetab) → typologie of the repertoire. The one table to extend; the import report
# lists the categories of the territory left out, with their label and number of establishments.
CATEGORIES: dict[str, str] = {
    "603": "msp",                    # Maison de santé (L.6223-3)
    "124": "centre-sante",           # Centre de santé
    "604": "cpts",                   # Communauté professionnelle territoriale de santé
    "606": "dac",                    # Dispositif d'appui à la coordination
    "101": "hopital",                # Centre hospitalier régional (C.H.R.)
    "106": "hopital",                # Centre hospitalier, ex hôpital local
    "355": "hopital",                # Centre hospitalier (C.H.)
    "292": "hopital-psychiatrique",  # Centre hospitalier spécialisé lutte maladies mentales (C.H.S.)
    "109": "smr",                    # Établissement de santé privé autorisé en SSR (aujourd'hui SMR)
    "146": "dialyse",                # Structure d'alternative à la dialyse en centre
    "362": "usld",                   # Établissement de soins longue durée
    "156": "cmp",                    # Centre médico-psychologique
    "425": "cattp",                  # Centre d'accueil thérapeutique à temps partiel
    "189": "cmpp",                   # Centre médico-psycho-pédagogique
    "223": "pmi",                    # Protection maternelle et infantile
    "463": "clic",                   # Centre local d'information et de coordination
    "500": "ehpad",                  # EHPAD
    "202": "residence-autonomie",    # Résidence autonomie
    "207": "accueil-jour",           # Centre de jour pour personnes âgées
    "354": "ssiad",                  # Service de soins infirmiers à domicile
    "460": "saad",                   # Service d'aide et d'accompagnement à domicile
    "620": "pharmacie",              # Pharmacie d'officine
    "610": "laboratoire",            # Laboratoire d'analyses
    "611": "laboratoire",            # Laboratoire de biologie médicale
    "182": "sessad",                 # Service d'éducation spéciale et de soins à domicile
    "183": "ime",                    # Institut médico-éducatif
    "186": "itep",                   # Institut thérapeutique, éducatif et pédagogique
    "188": "eeap",                   # Établissement pour enfants ou adolescents polyhandicapés
    "192": "iem",                    # Institut d'éducation motrice
    "246": "esat",                   # Établissement et service d'aide par le travail
    "255": "mas",                    # Maison d'accueil spécialisée
    "437": "fam",                    # Foyer d'accueil médicalisé
    "448": "fam",                    # Établissement d'accueil médicalisé (EAM)
    "252": "foyer-vie",              # Foyer d'hébergement pour adultes handicapés
    "382": "foyer-vie",              # Foyer de vie pour adultes handicapés
    "449": "foyer-vie",              # Établissement d'accueil non médicalisé (EANM)
    "445": "samsah",                 # Service d'accompagnement médico-social pour adultes handicapés
    "446": "savs",                   # Service d'accompagnement à la vie sociale
}
DISABILITY = frozenset(TYPOLOGY_GROUPS["Handicap"])
# `libsph` (participation in the public hospital service) → `seniors.statut`, when it says it.
STATUSES = (("espic", "prive-non-lucratif"), ("non lucratif", "prive-non-lucratif"), ("public", "public"),
            ("commercial", "prive-commercial"), ("privé", "prive-commercial"))


@dataclass
class FinessFile:
    """What the reader found: the file's format, encoding and date, and the territory's establishments."""

    layout: str
    encoding: str
    extracted: str
    imported: list[Imported]


def read_finess(path: Path, towns: dict[str, Town], skipped: list[str]) -> FinessFile:
    """The territory's establishments of a FINESS CSV extract or JSON flow, ready to merge."""
    encoding = finess_csv.detect_encoding(path)
    with path.open(encoding=encoding) as handle:
        is_json = handle.read(64).lstrip().startswith(("{", "["))
    near = _near(towns)
    plausible = dict.fromkeys(towns, near)
    if is_json:
        extracted, rows, found = "", _json_rows(path, encoding, towns, plausible, skipped), {}
    else:
        extracted, rows = finess_csv.establishments(path, encoding, lambda code: code in towns, skipped)
    kept = _mapped(rows, skipped)
    if not is_json:
        found = finess_csv.positions(path, encoding, {n: plausible[r["code_insee"]] for n, r in kept.items()},
                                     skipped)
    places = place_names(tuple(sorted({code[:3] if code.startswith("97") else code[:2] for code in towns})))
    imported = [Imported(number, _fields(row, towns[row["code_insee"]], found.get(number) or row.get("position"),
                                         places, skipped))
                for number, row in sorted(kept.items())]
    return FinessFile("JSON (flux « structures »)" if is_json else "CSV", ENCODINGS[encoding], extracted, imported)


def _json_rows(path: Path, encoding: str, towns: dict[str, Town], plausible: dict[str, Plausible],
               skipped: list[str]) -> list[dict[str, Any]]:
    rows = [row for row in finess_json.establishments(finess_json.read_document(path, encoding), skipped)
            if row["code_insee"] in towns]
    for row in rows:
        xy = row.pop("xy")
        row["position"] = finess_json.position(xy, row["code_insee"], plausible[row["code_insee"]])
        if row["position"] is None and any(xy):
            skipped.append(f"{row['nofinesset']} : coordonnées impossibles pour sa commune, refusées.")
    return rows


def _near(towns: dict[str, Town]) -> Plausible:
    """Within the territory's box (the rule of `cls-site validate`), so no New York, NaN or latitude 123."""
    lats = [t.latitude for t in towns.values()]
    lons = [t.longitude for t in towns.values()]
    south, north, west, east = min(lats) - MARGIN, max(lats) + MARGIN, min(lons) - MARGIN, max(lons) + MARGIN
    return lambda lat, lon: south <= lat <= north and west <= lon <= east


def _mapped(rows: list[dict[str, Any]], skipped: list[str]) -> dict[str, dict[str, Any]]:
    """Rows of a mapped category, one per number (the latest); the others counted by category."""
    kept: dict[str, dict[str, Any]] = {}
    outside: Counter[str] = Counter()
    for row in rows:
        if row["categetab"] not in CATEGORIES:
            outside[f"{row['categetab']} {row['libcategetab']}".strip()] += 1
            continue
        number, previous = row["nofinesset"], kept.get(row["nofinesset"])
        if previous is not None:
            skipped.append(f"{number} figure deux fois dans le fichier : la ligne mise à jour le plus récemment "
                           "est gardée.")
            if previous["datemaj"] >= row["datemaj"]:
                continue
        kept[number] = row
    for category, count in sorted(outside.items()):
        skipped.append(f"catégorie FINESS hors correspondance : {category} ({count} établissement(s)) — voir "
                       "CATEGORIES dans site_builder/importers/finess.py.")
    return kept


def _fields(row: dict[str, Any], town: Town, position: tuple[float, float] | None, places: dict[str, str],
            skipped: list[str]) -> dict[str, Any]:
    typologie = CATEGORIES[row["categetab"]]
    street = street_line(row["numvoie"], row["compvoie"], row["typvoie"], row["voie"], places)
    adresse, complement = place_lines(street, row["compldistrib"], row["lieuditbp"], cased(row["voie"]), places)
    fields: dict[str, Any] = {
        "nom": cased(choose_name(row["rs"], row["rslongue"]), places=places),
        "typologie": typologie,
        "adresse": adresse or town.nom,
        "complement_adresse": complement,
        "code_postal": postcode(row["ligneacheminement"], _postcodes(town)),
        "code_insee": town.code_insee,
        "commune": town.nom,
        "telephone": french_phone(row["telephone"]),
        "finess": row["nofinesset"],
        "siret": row["siret"] if re.fullmatch(r"\d{14}", row["siret"]) else "",
        "date_maj": iso_day(row["datemaj"]),
    }
    if position:
        fields["latitude"], fields["longitude"] = position
    if typologie in SENIOR_KINDS and (seniors := _seniors(row, skipped)):
        fields["seniors"] = seniors
    return fields


def _postcodes(town: Town) -> tuple[str, ...]:
    """The commune's postcodes: the territory's data/communes.yml, else the national reference."""
    codes = tuple(code for code in town.codes_postaux if code)
    if codes:
        return codes
    from site_builder.reference import load_reference

    known = load_reference().communes.get(town.code_insee)
    return known.codes_postaux if known else ()


def _seniors(row: dict[str, Any], skipped: list[str]) -> dict[str, str]:
    """`seniors.statut` from `libsph`, `seniors.aide_sociale: oui` when `libmft` says « habilité aide sociale »
    (and not « non habilité »). Written only with a status: the senior guide requires one."""
    sph, mft = row["libsph"].lower(), row["libmft"].lower()
    status = next((value for word, value in STATUSES if word in sph), "")
    helped = "habilité aide sociale" in mft and "non habilité" not in mft
    if not status:
        if helped:
            skipped.append(f"{row['nofinesset']} : habilité à l'aide sociale selon FINESS, mais sans statut "
                           "(public, privé) : la partie « seniors » est à compléter.")
        return {}
    return {"statut": status, **({"aide_sociale": "oui"} if helped else {})}


def complete_new(found: FinessFile, data_dir: Path, towns: dict[str, Town], skipped: list[str]) -> None:
    """Give the establishments that are not yet in data/structures.yml a lasting id, the publics of their kind
    and, without a position in the file, their commune's centre (said in the report)."""
    from site_builder.importers import finess_key

    records = read_records(data_dir / "structures.yml")
    known = {key for record in records if (key := finess_key(record))}
    taken = {written(record.get("id")) for record in records}
    for item in found.imported:
        if item.id_source in known:
            continue
        fields = item.fields
        fields["id"] = new_id(fields, item.id_source, taken)
        taken.add(fields["id"])
        publics = TYPOLOGY_PUBLICS.get(fields["typologie"], ())
        if fields["typologie"] in DISABILITY:
            publics = (*publics, "personnes-handicap")
        if publics:
            fields["publics"] = list(publics)
        if "latitude" not in fields:
            town = towns[fields["code_insee"]]
            fields["latitude"], fields["longitude"] = town.latitude, town.longitude
            skipped.append(f"{item.id_source} : pas de position dans le fichier, centre de {town.nom} en attendant "
                           "(lancez « cls-site geocoder »).")


def new_id(fields: dict[str, Any], number: str, taken: set[str]) -> str:
    """The name and commune as a slug, never cut into siblings; an id already taken gets the FINESS number
    (not a counter: the same establishment gets the same id whatever the order of the file)."""
    base = slug(str(fields.get("nom", ""))) or SOURCE
    town = slug(str(fields.get("commune", "")))
    if town and town not in base and len(base) + len(town) < 80:
        base = f"{base}-{town}"
    return base if base not in taken else f"{base}-{number}"

