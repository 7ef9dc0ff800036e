"""CNSA directory of establishments for older people (pour-les-personnes-agees.gouv.fr open data) → `seniors:`.

The consolidated directory (JSON, one object per establishment, or its CSV with flattened columns
« ehpadPrice.prixHebPermCs ») gives per FINESS number: `legal_status`, `capacity`, yes/no flags
(`IsHAB_AIDE_SOC`, `IsCONV_APL`, `IsALZH`, `IsUHR`, `IsPASA`), EHPAD prices (`ehpadPrice.prixHebPermCs`
in € per day for a single room, `ehpadPrice.tarifGir56`) and résidence autonomie prices
(`raPrice.PrixF1`, in € **per month** for a T1), with `updatedAt`.

Only records already in the repertoire are filled (matched on their `finess` number); the import adds
no structure. Honest mapping, on purpose:
- aide sociale: CNSA says yes or no, not « all places »: yes → `oui`, no → `non`;
- `capacity` is the establishment's total of places: it goes to `places_permanentes`, as given;
- a monthly price stays monthly (`prix_mensuel`), never divided into a made-up daily price.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from site_builder.importers.merge import Imported
from site_builder.vocabularies import SENIOR_CAPACITIES, SENIOR_KINDS

SOURCE = "cnsa"
YES = frozenset({"1", "true", "oui", "yes"})
NO = frozenset({"0", "false", "non", "no"})
UNITS = (("IsALZH", "uvp"), ("IsPASA", "pasa"), ("IsUHR", "uhr"))


def read_cnsa(path: Path, skipped: list[str]) -> list[Imported]:
    """Every establishment of the file with a FINESS number, as a `seniors:` section."""
    imported = []
    for row in _rows(path):
        number = str(_get(row, "noFinesset") or "").strip().zfill(9)
        if number == "000000000":
            continue
        fields = senior_fields(row)
        if "statut" not in fields:
            skipped.append(f"{number} : statut juridique « {_get(row, 'legal_status')} » non reconnu.")
            continue
        imported.append(Imported(number, fields))
    return imported


def finess_number(record: CommentedMap) -> str | None:
    return str(record["finess"]) if record.get("finess") else None


def senior_fields(row: dict[str, Any]) -> dict[str, Any]:
    """One establishment's `seniors:` fields (those the file gives)."""
    fields: dict[str, Any] = {}
    status = _status(str(_get(row, "legal_status") or ""))
    if status:
        fields["statut"] = status
    if (capacity := _number(_get(row, "capacity"))) is not None:
        fields["places_permanentes"] = int(capacity)
    aid = _flag(_get(row, "IsHAB_AIDE_SOC"))
    if aid is not None:
        fields["aide_sociale"] = "oui" if aid else "non"
    if (apl := _flag(_get(row, "IsCONV_APL"))) is not None:
        fields["apl"] = "oui" if apl else "non"
    units = [unit for flag, unit in UNITS if _flag(_get(row, flag))]
    if units:
        fields["alzheimer"] = units
    prices = {"prix_journalier": _number(_get(row, "ehpadPrice.prixHebPermCs")),
              "tarif_dependance_gir56": _number(_get(row, "ehpadPrice.tarifGir56")),
              "prix_mensuel": _number(_get(row, "raPrice.PrixF1"))}
    fields.update({key: value for key, value in prices.items() if value is not None})
    if any(value is not None for value in prices.values()):
        fields["tarifs_au"] = _date(_get(row, "ehpadPrice.updatedAt") or _get(row, "updatedAt"))
    return {key: value for key, value in fields.items() if value is not None}


def fit_kind(record: CommentedMap, fields: dict[str, Any]) -> dict[str, Any]:
    """Drop what cannot apply to this kind of structure (a GIR tariff on a résidence autonomie…)."""
    typologie = str(record.get("typologie", ""))
    if typologie not in SENIOR_KINDS:
        return {}
    return {key: value for key, value in fields.items()
            if key not in SENIOR_CAPACITIES or typologie in SENIOR_CAPACITIES[key]}


def _rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.readline()
            handle.seek(0)
            return list(csv.DictReader(handle, delimiter=";" if sample.count(";") > sample.count(",") else ","))
    document = json.loads(path.read_text(encoding="utf-8"))
    return document.get("results", document.get("data", [])) if isinstance(document, dict) else document


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


def _number(value: Any) -> float | None:
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return None
    return number if number > 0 else None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
