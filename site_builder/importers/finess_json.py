"""The FINESS JSON « structures » flow (ANS, schema-structures-v1.json), read into the rows of the CSV extract.

Layout (repository ansforge/finess, flux/out/data.gouv/structure/): `pmej[]` (legal entities), each with
`ege[]` (establishments): `categorieEntiteGeographiqueExercice` {code}, `siret`, `modeFixationTarifaire`,
`dateDerniereMaj.dateEvenement`, `contact[].telecom.telephone` and `adresse[]` (`numeroVoie`, `typeVoie`,
`libelleVoie`, `complementVoie`, `complementPointGeographique`, `lieuDit`, `cogCommune`, `ligneAcheminement`,
`coordonneesGeographique` {coordonneeX, coordonneeY}). The schema leaves `informationsGeneralesEGE` undefined;
its names follow the FINESS database (table Ege: NumFinessEge, Nomegecourt, Nomegelong,
Complementdenominationeg). Coordinates are WGS84 or projected: one published month swapped the two, so they
are told apart by their magnitude, never by their field name.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from pyproj import Transformer

from site_builder.importers.finess_csv import Plausible
from site_builder.importers.source_errors import SourceFileError

# Projected coordinates overseas: the UTM zone of each département (INSEE prefix); mainland is Lambert-93.
OVERSEAS_CRS = {"971": "EPSG:32620", "972": "EPSG:32620", "973": "EPSG:32622", "974": "EPSG:32740",
                "976": "EPSG:32738", "975": "EPSG:32621", "977": "EPSG:32620", "978": "EPSG:32620"}


def read_document(path: Path, encoding: str) -> list[dict[str, Any]]:
    """The `pmej` list of the flow; a file that is not that flow is refused in French."""
    try:
        document = json.loads(path.read_text(encoding=encoding))
    except json.JSONDecodeError as error:
        raise SourceFileError(f"{path.name} n'est pas un JSON lisible (erreur ligne {error.lineno}, colonne "
                              f"{error.colno}) : fichier tronqué ? Téléchargez-le à nouveau. Rien n'a été écrit.") \
            from None
    entities = document.get("pmej") if isinstance(document, dict) else None
    if not isinstance(entities, list) or not any(isinstance(e, dict) and e.get("ege") for e in entities):
        keys = ", ".join(list(document)[:10]) if isinstance(document, dict) else "une liste sans clé"
        raise SourceFileError(f"{path.name} n'est pas le flux JSON « structures » de FINESS : clé « pmej » avec des "
                              f"établissements « ege » attendue, trouvé : {keys or 'rien'}. Rien n'a été écrit.")
    return entities


def establishments(entities: list[dict[str, Any]], skipped: list[str]) -> list[dict[str, Any]]:
    """One CSV-like row per establishment (`ege`), with its raw coordinates under `xy`."""
    found = []
    for entity in entities:
        for ege in _list(_map(entity).get("ege")):
            if not isinstance(ege, dict):
                continue
            row = _row(ege)
            if not row["nofinesset"]:
                skipped.append("un établissement du flux JSON sans numéro FINESS, ignoré.")
                continue
            found.append(row)
    return found


def _row(ege: dict[str, Any]) -> dict[str, Any]:
    info = _map(ege.get("informationsGeneralesEGE"))
    address = next((a for a in _list(ege.get("adresse")) if isinstance(a, dict)), {})
    coordinates = _map(address.get("coordonneesGeographique"))
    phones = [_map(_map(c).get("telecom")).get("telephone") for c in _list(ege.get("contact"))]
    category = _map(ege.get("categorieEntiteGeographiqueExercice"))
    tariff = _map(ege.get("modeFixationTarifaire"))
    return {
        "nofinesset": _text(_first(info, "numFinessEge", "numFinessEt", "numFiness") or ege.get("numFinessEge")),
        "rs": _text(_first(info, "nomEgeCourt", "denominationEge", "denomination")),
        "rslongue": _text(_first(info, "nomEgeLong", "denominationLongueEge", "denominationLongue")),
        "complrs": _text(_first(info, "complementDenominationEg", "complementDenominationEge")),
        "numvoie": _text(address.get("numeroVoie")), "typvoie": _text(address.get("typeVoie")),
        "voie": _text(address.get("libelleVoie")), "compvoie": _text(address.get("complementVoie")),
        "compldistrib": _text(address.get("complementPointGeographique")),
        "lieuditbp": _text(address.get("lieuDit")), "code_insee": _text(address.get("cogCommune")),
        "ligneacheminement": _text(address.get("ligneAcheminement") or address.get("codePostal")),
        "telephone": _text(next((p for p in phones if p), "")),
        "categetab": _text(category.get("code")), "libcategetab": _text(_first(category, "libelle", "display")),
        "siret": _text(ege.get("siret")), "libmft": _text(_first(tariff, "libelle", "display")),
        "libsph": _text(_first(info, "libelleSph", "espic")),
        "datemaj": _text(_map(ege.get("dateDerniereMaj")).get("dateEvenement")),
        "xy": (_text(coordinates.get("coordonneeX")), _text(coordinates.get("coordonneeY"))),
    }


def _map(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one when the file has something else there."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _first(mapping: dict[str, Any], *names: str) -> Any:
    return next((mapping[name] for name in names if mapping.get(name)), "")


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""


def position(xy: tuple[Any, Any], insee: str, plausible: Plausible) -> tuple[float, float] | None:
    """WGS84 (lat, lon) from the flow's X/Y, whichever system and order they are in: degrees when both fit
    in degrees, else metres of Lambert-93 (mainland) or of the département's UTM zone; None if implausible."""
    try:
        a, b = float(str(xy[0]).replace(",", ".")), float(str(xy[1]).replace(",", "."))
    except ValueError:
        return None
    if not (math.isfinite(a) and math.isfinite(b)):
        return None
    if abs(a) <= 180 and abs(b) <= 180:
        candidates = [(b, a), (a, b)]
    else:
        crs = OVERSEAS_CRS.get(insee[:3], "EPSG:2154")
        transformer = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        candidates = [tuple(reversed(transformer.transform(x, y))) for x, y in ((a, b), (b, a))]
    for lat, lon in candidates:
        if math.isfinite(lat) and math.isfinite(lon) and plausible(lat, lon):
            return round(lat, 5), round(lon, 5)
    return None
