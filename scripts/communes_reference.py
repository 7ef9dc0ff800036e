"""Regenerate site_builder/reference/communes.json.gz, the commune reference shipped for `cls-site nouveau`.

Sources (both open data, see README « Créer le site de mon territoire ») :
- npm `@etalab/decoupage-administratif` 6.0.0 (MIT; data from INSEE's COG, La Poste's postcodes and the DGCL's
  EPCI list): names, INSEE codes, postcodes, EPCI, population.
  Get it with `npm pack @etalab/decoupage-administratif@6.0.0`.
- the public repository gregoiredavid/france-geojson (IGN ADMIN EXPRESS COG 2018, Licence Ouverte): the outline of
  each commune, per département, from which a point inside the commune is computed (its "centre").
  A commune nouvelle keeps the INSEE code of its chef-lieu, so its point lies in its chef-lieu's former outline.

Usage: python scripts/communes_reference.py PACKAGE_DIR FRANCE_GEOJSON_DIR
(PACKAGE_DIR holds data/communes.json and data/epci.json; FRANCE_GEOJSON_DIR holds departements/*/communes-*.geojson.)

The names people still use for places merged into a commune nouvelle (« Malesherbes » for Le Malesherbois) come
from the same package: its `commune-deleguee` and `commune-associee` entries name their `chefLieu`. They are
written to their own file, which needs no outline:
python scripts/communes_reference.py --anciens-noms PACKAGE_DIR
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "site_builder" / "reference" / "communes.json.gz"
FORMER_OUT = OUT.with_name("anciens-noms.json.gz")
Ring = list[list[float]]


def ring_centroid(ring: Ring) -> tuple[float, float, float]:
    """Area and centroid (x, y) of a closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, ring[0][0], ring[0][1]
    return area / 2, cx / (3 * area), cy / (3 * area)


def inside(x: float, y: float, rings: list[Ring]) -> bool:
    """Even-odd rule over the outer ring and its holes."""
    result = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                result = not result
    return result


def point_inside(rings: list[Ring]) -> tuple[float, float]:
    """The centroid of the polygon, or, when it falls outside (a crescent), the middle of the widest inner chord."""
    _, x, y = ring_centroid(rings[0])
    if inside(x, y, rings):
        return x, y
    crossings = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0) for ring in rings
                       for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False) if (y0 > y) != (y1 > y))
    pairs = list(zip(crossings[::2], crossings[1::2], strict=False))
    left, right = max(pairs, key=lambda pair: pair[1] - pair[0])
    return (left + right) / 2, y


def centres(geojson_dir: Path) -> dict[str, tuple[float, float]]:
    """INSEE code → (latitude, longitude) of a point inside the largest part of the commune."""
    result = {}
    for path in sorted(geojson_dir.glob("departements/*/communes-*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            largest = max(polygons, key=lambda rings: abs(ring_centroid(rings[0])[0]))
            lon, lat = point_inside(largest)
            result[feature["properties"]["code"]] = (round(lat, 4), round(lon, 4))
    return result


def main(package_dir: Path, geojson_dir: Path) -> None:
    communes = json.loads((package_dir / "data" / "communes.json").read_text(encoding="utf-8"))
    epcis = json.loads((package_dir / "data" / "epci.json").read_text(encoding="utf-8"))
    epci_of = {member["code"]: epci["code"] for epci in epcis for member in epci["membres"]}
    points = centres(geojson_dir)
    rows, missing = [], []
    for commune in communes:
        if commune["type"] != "commune-actuelle":
            continue
        point = points.get(commune["code"])
        if point is None:
            missing.append(commune["code"])
        rows.append([commune["code"], commune["nom"], commune.get("departement", ""),
                     commune.get("codesPostaux", []), epci_of.get(commune["code"], ""),
                     commune.get("population"), *(point or (None, None))])
    rows.sort(key=lambda row: row[0])
    reference = {
        "colonnes": ["code_insee", "nom", "departement", "codes_postaux", "epci", "population", "latitude",
                     "longitude"],
        "communes": rows,
        "epci": sorted([epci["code"], epci["nom"]] for epci in epcis),
    }
    text = json.dumps(reference, ensure_ascii=False, separators=(",", ":"))
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(rows)} communes, {len(rows) - len(missing)} avec un centre, {len(epcis)} EPCI → {OUT}")
    if missing:
        print(f"sans centre ({len(missing)}) : {' '.join(missing[:40])}{' …' if len(missing) > 40 else ''}")


def former_names(communes: list[dict]) -> dict[str, list[str]]:
    """INSEE code of a current commune → the names of its communes déléguées and associées other than its own."""
    current = {c["code"]: c["nom"] for c in communes if c["type"] == "commune-actuelle"}
    found: dict[str, set[str]] = {}
    for commune in communes:
        head = commune.get("chefLieu")
        if commune["type"] in ("commune-deleguee", "commune-associee") and head in current \
                and commune["nom"] != current[head]:
            found.setdefault(head, set()).add(commune["nom"])
    return {code: sorted(names) for code, names in sorted(found.items())}


def main_former(package_dir: Path) -> None:
    communes = json.loads((package_dir / "data" / "communes.json").read_text(encoding="utf-8"))
    version = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
    names = former_names(communes)
    data = {"source": f"@etalab/decoupage-administratif {version} (COG INSEE)", "anciens_noms": names}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    FORMER_OUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{sum(len(n) for n in names.values())} anciens noms pour {len(names)} communes → {FORMER_OUT}")


if __name__ == "__main__":
    if sys.argv[1] == "--anciens-noms":
        main_former(Path(sys.argv[2]))
    else:
        main(Path(sys.argv[1]), Path(sys.argv[2]))
