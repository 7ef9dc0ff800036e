"""data·inclusion v1 structures (JSON list or CSV export) → the social offer of the territory's communes.

v1 structures carry no type: the repertoire's typologie comes from `reseaux_porteurs` (the reverse of the
export's table in site_builder/inclusion.py); a structure of no known network is listed, not guessed.
`description` goes to `presentation_resume`; the opening hours are kept only if they read as OSM syntax.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from site_builder.importers.merge import Imported
from site_builder.importers.territory import Town
from site_builder.inclusion import RESEAUX
from site_builder.opening_hours import parse

SOURCE = "data-inclusion"
KINDS = {network: typologie for typologie, network in RESEAUX.items()}


def read_inclusion(path: Path, towns: dict[str, Town], skipped: list[str]) -> list[Imported]:
    imported, unknown = [], 0
    for row in _rows(path):
        town = towns.get(str(row.get("code_insee") or ""))
        if town is None:
            continue
        kind = next((KINDS[n] for n in _networks(row.get("reseaux_porteurs")) if n in KINDS), None)
        if kind is None:
            unknown += 1
            continue
        imported.append(Imported(str(row["id"]), _fields(row, kind, town, skipped)))
    if unknown:
        skipped.append(f"{unknown} structure(s) sans réseau porteur connu du répertoire (voir RESEAUX dans "
                       "site_builder/inclusion.py).")
    return sorted(imported, key=lambda item: item.id_source)


def _fields(row: dict[str, Any], kind: str, town: Town, skipped: list[str]) -> dict[str, Any]:
    hours = str(row.get("horaires_accueil") or "").strip()
    if hours:
        try:
            parse(hours)
        except ValueError:
            skipped.append(f"{row['id']} : horaires « {hours} » non repris (syntaxe non prise en charge).")
            hours = ""
    return {
        "nom": str(row.get("nom", "")).strip(), "typologie": kind,
        "adresse": str(row.get("adresse") or town.nom).strip(),
        "complement_adresse": str(row.get("complement_adresse") or "").strip(),
        "code_postal": str(row.get("code_postal") or town.codes_postaux[0]), "code_insee": town.code_insee,
        "commune": town.nom,
        "latitude": round(float(row.get("latitude") or town.latitude), 6),
        "longitude": round(float(row.get("longitude") or town.longitude), 6),
        "telephone": _phone(str(row.get("telephone") or "")), "courriel": str(row.get("courriel") or ""),
        "site_web": str(row.get("site_web") or ""), "horaires_accueil": hours,
        "accessibilite_lieu": str(row.get("accessibilite_lieu") or ""),
        "presentation_resume": " ".join(str(row.get("description") or "").split()),
        "date_maj": dt.date.fromisoformat(str(row["date_maj"])[:10]),
    }


def _rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    return json.loads(path.read_text(encoding="utf-8"))


def _networks(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [v for v in re.split(r"[|,;\s\[\]\"']+", str(value or "")) if v]


def _phone(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2)) if len(digits) == 10 else ""
