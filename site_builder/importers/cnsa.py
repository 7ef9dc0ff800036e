"""CNSA open data on establishments for older people (pour-les-personnes-agees.gouv.fr) → `seniors:`.

Two layouts, recognised by their columns (`match_layout`), never by the file name:
- « Prix hébergement et tarifs dépendance des EHPAD – données brutes » (CSV, `;`, quoted, decimal comma; the
  current file): `finessEt`, `prixHebPermCs` (permanent stay, single room, € per day), `prixHebTempCs`
  (temporary stay), `TARIF_GIR_12/34/56` (dependency tariffs, € per day), `DATE_MAJ`. No legal status.
- the older directory (JSON, one object per establishment, or its CSV with flattened columns
  « ehpadPrice.prixHebPermCs »; last published November 2020): `noFinesset`, `legal_status`, `capacity`,
  yes/no flags (`IsHAB_AIDE_SOC`, `IsCONV_APL`, `IsALZH`, `IsUHR`, `IsPASA`), `ehpadPrice.*` and
  `raPrice.PrixF1` (résidence autonomie, € **per month**), `updatedAt`.

A national file reports on the territory only: its rows are filtered to the FINESS numbers of the
repertoire's senior records before anything is read from them. The import adds no structure. Honest mapping:
an empty cell or « 0 » is « not given »; a price that is not a finite number within the schema's bounds is
refused and reported; aide sociale yes → `oui` (CNSA does not say « all places »); `capacity` is the total of
places (→ `places_permanentes`); a monthly price stays monthly.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from site_builder.importers.merge import Imported
from site_builder.importers.reading import iso_day, load_json, read_csv, read_text
from site_builder.importers.source_errors import SourceFileError, match_layout
from site_builder.importers.yamlfile import read_records
from site_builder.kinds.seniors import PRICE_BOUNDS
from site_builder.vocabularies import SENIOR_CAPACITIES, SENIOR_KINDS
from site_builder.yaml_files import written

SOURCE = "cnsa"
WHAT = "Fichier CNSA"
YES = frozenset({"1", "true", "oui", "yes"})
NO = frozenset({"0", "false", "non", "no"})
UNITS = (("IsALZH", "uvp"), ("IsPASA", "pasa"), ("IsUHR", "uhr"))
LAYOUTS = {"prix EHPAD « données brutes »": ("finessEt", "prixHebPermCs"),
           "annuaire des établissements": ("noFinesset", "legal_status")}
# Where each price is, per layout (dotted: nested in the JSON directory, or a flattened CSV column).
PRICE_COLUMNS = {
    "prix EHPAD « données brutes »": {
        "prix_journalier": "prixHebPermCs", "prix_journalier_temporaire": "prixHebTempCs",
        "tarif_dependance_gir12": "TARIF_GIR_12", "tarif_dependance_gir34": "TARIF_GIR_34",
        "tarif_dependance_gir56": "TARIF_GIR_56"},
    "annuaire des établissements": {
        "prix_journalier": "ehpadPrice.prixHebPermCs", "prix_journalier_temporaire": "ehpadPrice.prixHebTempCs",
        "tarif_dependance_gir12": "ehpadPrice.tarifGir12", "tarif_dependance_gir34": "ehpadPrice.tarifGir34",
        "tarif_dependance_gir56": "ehpadPrice.tarifGir56", "prix_mensuel": "raPrice.PrixF1"},
}
NUMBER_COLUMN = {"prix EHPAD « données brutes »": "finessEt", "annuaire des établissements": "noFinesset"}
DATE_COLUMNS = {"prix EHPAD « données brutes »": ("DATE_MAJ",),
                "annuaire des établissements": ("ehpadPrice.updatedAt", "updatedAt")}


# The kinds a layout gives prices for: the price file lists EHPAD only, so a résidence autonomie or a SSIAD of
# the repertoire is not « absent » from it.
KINDS_COVERED = {"prix EHPAD « données brutes »": frozenset({"ehpad"})}


def repertoire_numbers(data_dir: Path) -> dict[str, str]:
    """The FINESS numbers of the repertoire's senior records (→ typologie): the only rows worth reading."""
    records = read_records(data_dir / "structures.yml")
    return {written(r["finess"]).strip(): str(r.get("typologie", "")) for r in records
            if isinstance(r, dict) and r.get("finess") and str(r.get("typologie", "")) in SENIOR_KINDS}


def _absent(wanted: Mapping[str, str] | set[str], found: dict[str, Any], layout: str, skipped: list[str]) -> None:
    """Report the repertoire's establishments the file should have priced and did not."""
    covered = KINDS_COVERED.get(layout)
    missing = sorted(set(wanted) - set(found))
    if covered is not None and isinstance(wanted, Mapping):
        others = [n for n in missing if wanted[n] not in covered]
        missing = [n for n in missing if wanted[n] in covered]
        if others:
            skipped.append(f"{len(others)} établissement(s) du répertoire d'un autre type que l'EHPAD (résidence "
                           "autonomie, SSIAD…) : ce fichier ne donne que les prix des EHPAD.")
    if missing:
        skipped.append(f"{len(missing)} établissement(s) du répertoire absent(s) du fichier : n° "
                       + ", ".join(missing) + ".")


def read_cnsa(path: Path, wanted: Mapping[str, str] | set[str], skipped: list[str]) -> tuple[str, list[Imported]]:
    """A one-line summary of the file and the `seniors:` fields of the repertoire's establishments found in it."""
    text, encoding = read_text(path, WHAT)
    columns, rows = _table(text)
    layout = match_layout(columns, LAYOUTS, WHAT)
    found: dict[str, tuple[dt.date | None, dict[str, Any]]] = {}
    for row in rows:
        number = str(_get(row, NUMBER_COLUMN[layout]) or "").strip().zfill(9)
        if number not in wanted:
            continue
        day = iso_day(next((v for c in DATE_COLUMNS[layout] if (v := _get(row, c))), None))
        if number in found and (found[number][0] or dt.date.min) > (day or dt.date.min):
            continue  # a number given twice: the latest update wins
        found[number] = (day, row)
    imported = [Imported(number, senior_fields(row, layout, day, number, skipped))
                for number, (day, row) in sorted(found.items())]
    if not wanted:
        skipped.append("aucune fiche de personnes âgées (EHPAD, USLD, résidence autonomie…) du répertoire ne porte de "
                       "numéro FINESS : importez d'abord le fichier FINESS, ou ajoutez « finess » à vos fiches.")
    _absent(wanted, found, layout, skipped)
    summary = (f"Fichier CNSA ({layout}, {encoding}) : {len(rows)} établissement(s) dans le fichier, "
               f"{len(imported)} du répertoire.")
    return summary, imported


def finess_number(record: CommentedMap) -> str | None:
    return written(record["finess"]) if record.get("finess") else None


def senior_fields(row: dict[str, Any], layout: str, day: dt.date | None, number: str,
                  skipped: list[str]) -> dict[str, Any]:
    """One establishment's `seniors:` fields (those the file gives); refused values go to `skipped`."""
    fields: dict[str, Any] = {}
    legal = str(_get(row, "legal_status") or "").strip()
    if status := _status(legal):
        fields["statut"] = status
    elif legal:
        skipped.append(f"{number} : statut juridique « {legal} » non reconnu, laissé vide.")
    if (capacity := _positive(_get(row, "capacity"))) is not None and 1 <= capacity <= 1000:
        fields["places_permanentes"] = int(capacity)
    for flag, key in (("IsHAB_AIDE_SOC", "aide_sociale"), ("IsCONV_APL", "apl")):
        if (value := _flag(_get(row, flag))) is not None:
            fields[key] = "oui" if value else "non"
    if units := [unit for flag, unit in UNITS if _flag(_get(row, flag))]:
        fields["alzheimer"] = units
    prices = _prices(row, PRICE_COLUMNS[layout], number, skipped)
    if prices and day is None:
        skipped.append(f"{number} : prix sans date de mise à jour, non repris (la date doit accompagner un prix).")
    elif prices:
        fields.update(prices, tarifs_au=day)
    return fields


def _prices(row: dict[str, Any], columns: dict[str, str], number: str, skipped: list[str]) -> dict[str, float]:
    """The prices given (« 0 » and empty cells are not given); one outside the schema's bounds is refused."""
    prices = {}
    for key, column in columns.items():
        value = _positive(_get(row, column))
        if value is None:
            continue
        low, high = PRICE_BOUNDS[key]
        if not low <= value <= high:
            skipped.append(f"{number} : {key} « {_get(row, column)} » refusé (hors de {low:g} à {high:g}).")
            continue
        prices[key] = round(value, 2)
    return prices


def fit_kind(record: CommentedMap, fields: dict[str, Any]) -> dict[str, Any]:
    """Drop what cannot apply to this kind of structure (a GIR tariff on a résidence autonomie…)."""
    typologie = str(record.get("typologie", ""))
    if typologie not in SENIOR_KINDS:
        return {}
    return {key: value for key, value in fields.items()
            if key not in SENIOR_CAPACITIES or typologie in SENIOR_CAPACITIES[key]}


def _table(text: str) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows of a JSON directory (a list, or under `results`/`data`) or of a CSV."""
    if text.lstrip("\ufeff \r\n\t")[:1] not in ("[", "{"):
        return read_csv(text, WHAT)
    document = load_json(text, WHAT)
    if isinstance(document, dict):
        document = document.get("results", document.get("data", []))
    rows = [row for row in document if isinstance(row, dict)] if isinstance(document, list) else []
    if not rows:
        raise SourceFileError(f"{WHAT} : aucun établissement dans ce JSON (liste d'objets attendue). "
                              "Rien n'a été écrit.")
    return list(dict.fromkeys(key for row in rows for key in row)), rows


def _get(row: dict[str, Any], dotted: str) -> Any:
    """`ehpadPrice.prixHebPermCs` from nested JSON, or from a flattened CSV column (`.` or `_`)."""
    for flat in (dotted, dotted.replace(".", "_")):
        if flat in row:
            return row[flat]
    value: Any = row
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _status(text: str) -> str:
    folded = text.lower()
    if "commercial" in folded or "lucratif" in folded and "non" not in folded:
        return "prive-commercial"
    if "non lucratif" in folded or "associatif" in folded:
        return "prive-non-lucratif"
    return "public" if "public" in folded else ""


def _flag(value: Any) -> bool | None:
    text = str(value).strip().lower()
    return True if text in YES else False if text in NO else None


def _positive(value: Any) -> float | None:
    """A number written with a point or a comma; empty, « 0 », negative or not a number → None (not given).
    NaN and infinities are returned as such, for the bounds to refuse them."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except ValueError:
        return None
    return number if number > 0 or math.isnan(number) else None

