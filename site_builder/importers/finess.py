"""FINESS open-data extract (etalab-cs1100507): establishments of the territory's communes, in our keys.

The file: Latin-1, `;`-separated, no header. Line 1 is metadata (`finess;etalab;<n>;<date>`), then
`structureet` rows (32 fields) and `geolocalisation` rows (`nofinesset; x; y; source of the coordinates;
date`). Coordinates are projected: Lambert-93 (EPSG:2154) in mainland France, UTM zones overseas; the
projection is read on each row. Two passes over the file keep memory bounded by the territory, not
the country: the first keeps the territory's establishments, the second their coordinates.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from pyproj import Transformer

from site_builder.importers.merge import Imported
from site_builder.importers.territory import Town

SOURCE = "finess"
FIELDS = ("section", "nofinesset", "nofinessej", "rs", "rslongue", "complrs", "compldistrib", "numvoie", "typvoie",
          "voie", "compvoie", "lieuditbp", "commune", "departement", "libdepartement", "ligneacheminement",
          "telephone", "telecopie", "categetab", "libcategetab", "categagretab", "libcategagretab", "siret",
          "codeape", "codemft", "libmft", "codesph", "libsph", "dateouv", "dateautor", "datemaj", "numuai")

# FINESS category (categetab) → typologie of the repertoire. The one table to extend; the import report
# lists the categories of the territory left out, with their number of establishments.
CATEGORIES: dict[str, str] = {
    "603": "msp",                    # Maison de santé (L.6223-3)
    "124": "centre-sante",           # Centre de santé
    "604": "cpts",                   # Communauté professionnelle territoriale de santé
    "606": "dac",                    # Dispositif d'appui à la coordination
    "355": "hopital",                # Centre hospitalier (C.H.)
    "106": "hopital",                # Centre hospitalier régional
    "101": "hopital",                # Centre hospitalier universitaire
    "362": "usld",                   # Établissement de soins longue durée
    "156": "cmp",                    # Centre médico-psychologique
    "189": "cmpp",                   # Centre médico-psycho-pédagogique
    "223": "pmi",                    # Protection maternelle et infantile
    "463": "clic",                   # Centre local d'information et de coordination
    "500": "ehpad",                  # EHPAD
    "202": "residence-autonomie",    # Résidence autonomie
    "207": "accueil-jour",           # Centre de jour pour personnes âgées
    "354": "ssiad",                  # Service de soins infirmiers à domicile
    "460": "saad",                   # Service d'aide et d'accompagnement à domicile
    "620": "pharmacie",              # Pharmacie d'officine
    "611": "laboratoire",            # Laboratoire de biologie médicale
}

STREET_TYPES = {"R": "rue", "AV": "avenue", "BD": "boulevard", "PL": "place", "RTE": "route", "CHE": "chemin",
                "IMP": "impasse", "ALL": "allée", "QU": "quai", "SQ": "square", "CRS": "cours", "FG": "faubourg",
                "PAS": "passage", "RPT": "rond-point", "SEN": "sentier", "LD": "lieu-dit", "MTE": "montée"}
# FINESS writes names and streets in capitals; they are shown as a person would write them, acronyms kept.
ACRONYMS = frozenset({"EHPAD", "CH", "CHR", "CHU", "CMP", "CMPP", "CCAS", "SSIAD", "SAAD", "MSP", "PMI", "USLD",
                      "IME", "LBM", "CPTS", "DAC", "CLIC", "SSR", "HAD", "EPSM", "MAS", "FAM", "ESAT", "SA", "SAS",
                      "SARL", "SELARL", "SELAS", "II", "III", "IV"})
PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "et", "à", "au", "aux", "en", "sur", "sous", "d", "l"})
# Overseas départements are letters in FINESS (9A Guadeloupe … 9F Mayotte); their INSEE codes start with 97.
OVERSEAS = re.compile(r"9[A-F]")


class FinessRow(dict):
    """One `structureet` row, by field name."""


def read_finess(path: Path, towns: dict[str, Town], skipped: list[str]) -> tuple[str, list[Imported]]:
    """The extraction date and the territory's establishments, ready to merge; what is left out goes to `skipped`."""
    extracted, rows = _establishments(path, towns, skipped)
    positions = _positions(path, set(rows), skipped)
    imported = []
    for number, row in sorted(rows.items()):
        imported.append(Imported(number, _fields(row, towns, positions.get(number), skipped)))
    return extracted, imported


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="latin-1", newline="") as handle:
        yield from csv.reader(handle, delimiter=";")


def _establishments(path: Path, towns: dict[str, Town], skipped: list[str]) -> tuple[str, dict[str, FinessRow]]:
    extracted, kept, outside = "", {}, {}
    for cells in _rows(path):
        if cells and cells[0] == "finess":
            extracted = cells[3] if len(cells) > 3 else ""
        if not cells or cells[0] != "structureet" or len(cells) < len(FIELDS) - 1:
            continue
        row = FinessRow(zip(FIELDS, cells, strict=False))
        if insee_code(row) not in towns:
            continue
        if row["categetab"] not in CATEGORIES:
            outside.setdefault(f"{row['categetab']} {row['libcategetab']}", []).append(row["nofinesset"])
            continue
        _keep_latest(kept, row, skipped)
    for category, numbers in sorted(outside.items()):
        skipped.append(f"catégorie FINESS hors correspondance : {category} ({len(numbers)} établissement(s) : "
                       f"{', '.join(sorted(numbers))}) — voir CATEGORIES dans site_builder/importers/finess.py.")
    return extracted, kept


def _keep_latest(kept: dict[str, FinessRow], row: FinessRow, skipped: list[str]) -> None:
    number, previous = row["nofinesset"], kept.get(row["nofinesset"])
    if previous is not None:
        skipped.append(f"{number} figure deux fois dans le fichier : la ligne mise à jour le plus récemment "
                       "est gardée.")
        if previous["datemaj"] >= row["datemaj"]:
            return
    kept[number] = row


def _positions(path: Path, wanted: set[str], skipped: list[str]) -> dict[str, tuple[float, float]]:
    transformers: dict[str, Transformer] = {}
    positions = {}
    for cells in _rows(path):
        if len(cells) < 5 or cells[0] != "geolocalisation" or cells[1] not in wanted:
            continue
        crs = projection(cells[4])
        try:
            x, y = float(cells[2]), float(cells[3])
        except ValueError:
            continue
        if crs is None:
            skipped.append(f"{cells[1]} : projection des coordonnées inconnue (« {cells[4]} »).")
            continue
        if crs not in transformers:
            transformers[crs] = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        lon, lat = transformers[crs].transform(x, y)
        positions[cells[1]] = (round(lat, 5), round(lon, 5))
    return positions


def projection(source: str) -> str | None:
    """The projection named in `sourcecoordet`: « …,LAMBERT_93 » → EPSG:2154, « …,UTM_N20 » → EPSG:32620."""
    if match := re.search(r"EPSG:(\d{4,5})", source):
        return f"EPSG:{match[1]}"
    if re.search(r"LAMBERT[ _-]?93", source, re.I):
        return "EPSG:2154"
    if match := re.search(r"UTM[ _]?(?:zone[ _]?)?([NS])?[ _]?(\d{1,2})([NS])?", source, re.I):
        hemisphere = (match[1] or match[3] or "N").upper()
        return f"EPSG:{(32600 if hemisphere == 'N' else 32700) + int(match[2])}"
    return None


def insee_code(row: FinessRow) -> str:
    department = row["departement"]
    return ("97" if OVERSEAS.fullmatch(department) else department) + row["commune"]


def _fields(row: FinessRow, towns: dict[str, Town], position: tuple[float, float] | None,
            skipped: list[str]) -> dict[str, object]:
    town = towns[insee_code(row)]
    if position is None:
        skipped.append(f"{row['nofinesset']} : pas de coordonnées dans le fichier, centre de {town.nom} en attendant "
                       "(lancez « cls-site geocoder »).")
        position = (town.latitude, town.longitude)
    postcode = row["ligneacheminement"][:5]
    return {
        "nom": readable((row["rslongue"] or row["rs"]).strip()),
        "typologie": CATEGORIES[row["categetab"]],
        "adresse": _street(row) or town.nom,
        "complement_adresse": row["lieuditbp"].strip(),
        "code_postal": postcode if postcode.isdigit() else town.codes_postaux[0],
        "code_insee": town.code_insee,
        "commune": town.nom,
        "latitude": position[0],
        "longitude": position[1],
        "telephone": _phone(row["telephone"]),
        "finess": row["nofinesset"],
        "date_maj": _date(row["datemaj"]),
    }


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _street(row: FinessRow) -> str:
    kind = STREET_TYPES.get(row["typvoie"].strip().upper(), row["typvoie"].strip().lower())
    parts = (row["numvoie"], row["compvoie"], kind, readable(row["voie"], start=False))
    return " ".join(part.strip() for part in parts if part.strip())


def readable(text: str, *, start: bool = True) -> str:
    """« MAISON DE SANTÉ DE L'ÎLE-DE-FRANCE » → « Maison de santé de l'Île-de-France »; mixed case is left alone."""
    if text != text.upper():
        return text
    words = re.split(r"(\s+|-|')", text)
    out = []
    for n, word in enumerate(words):
        lower = word.lower()
        if word in ACRONYMS or not word.strip() or word in ("-", "'"):
            out.append(word)
        elif (n > 0 or not start) and lower in PARTICLES:
            out.append(lower)
        else:
            out.append(lower[:1].upper() + lower[1:])
    return "".join(out)


def _phone(digits: str) -> str:
    digits = re.sub(r"\D", "", digits)
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2)) if len(digits) == 10 else ""
