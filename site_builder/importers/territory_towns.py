"""The communes of the territory as the importers need them: INSEE code → name, postcodes, centre."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Town:
    code_insee: str
    nom: str
    codes_postaux: tuple[str, ...]
    latitude: float
    longitude: float


def read_towns(data_dir: Path) -> dict[str, Town]:
    """data/communes.yml read as plain text values (BaseLoader: « 01000 » stays « 01000 »)."""
    document = yaml.load((data_dir / "communes.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    towns = {}
    for item in document.get("communes") or []:
        postcodes = tuple(item.get("codes_postaux") or ()) or (item.get("code_postal", ""),)
        towns[item["code_insee"]] = Town(item["code_insee"], item["nom"], postcodes,
                                         float(item.get("latitude", 0)), float(item.get("longitude", 0)))
    return towns
