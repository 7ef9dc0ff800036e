"""Coordinates from addresses with the Géoplateforme batch geocoder, every answer kept in a committed cache.

`cls-site geocoder` looks for the records of data/structures.yml without a position of their own: no
coordinates, or exactly their commune's centre (what an importer writes when the source has none).
Each address is asked once: answers go to data/geocodage.csv, committed with the data, so a build never
needs the network and a second run asks nothing. The service says « ok » even for a poor match, so an
answer is used only when its type is better than the commune and its score reaches MIN_SCORE; anything
short of a house number with a good score is listed for review.
"""

from __future__ import annotations

import csv
import io
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from site_builder.importers.merge import is_example
from site_builder.importers.territory import Town

BASE_URL = "https://data.geopf.fr/geocodage"
CACHE_COLUMNS = ("adresse", "code_postal", "code_insee", "latitude", "longitude", "result_label", "result_score",
                 "result_type")
MIN_SCORE = 0.5      # below: not used
GOOD_SCORE = 0.8     # below, or not a house number: used but listed for review
BATCH_ROWS = 5000    # addresses per request (the service takes files up to 50 MB)
MIN_INTERVAL = 1 / 50  # the Géoplateforme allows 50 requests per second and per address


@dataclass(frozen=True)
class Address:
    adresse: str
    code_postal: str
    code_insee: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (" ".join(self.adresse.lower().split()), self.code_postal, self.code_insee)


@dataclass
class GeocodeReport:
    placed: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    asked: int = 0

    def text(self) -> str:
        lines = [f"Géocodage : {self.asked} adresse(s) demandée(s) au service, les autres lues dans le cache."]
        sections = (("Positionnées", self.placed), ("À vérifier (score faible ou pas un numéro)", self.review),
                    ("Non positionnées (réponse trop imprécise)", self.unplaced))
        for title, items in sections:
            if items:
                lines.append(f"{title} ({len(items)}) :")
                lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def to_place(records: list[CommentedMap], towns: dict[str, Town]) -> list[CommentedMap]:
    """Real records whose position is missing or is only their commune's centre, unless the coordinator keeps it."""
    chosen = []
    for record in records:
        kept = {str(name) for name in record.get("garder") or ()}
        if is_example(record) or "latitude" in kept or not record.get("adresse"):
            continue
        town = towns.get(str(record.get("code_insee", "")))
        lat, lon = record.get("latitude"), record.get("longitude")
        if lat is None or lon is None or (town and (float(lat), float(lon)) == (town.latitude, town.longitude)):
            chosen.append(record)
    return chosen


def read_cache(path: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {Address(r["adresse"], r["code_postal"], r["code_insee"]).key: r for r in csv.DictReader(handle)}


def write_cache(path: Path, cache: dict[tuple[str, str, str], dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CACHE_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(cache[key] for key in sorted(cache))
    path.write_text(buffer.getvalue(), encoding="utf-8")


def geocode(records: list[CommentedMap], cache: dict[tuple[str, str, str], dict[str, str]], base_url: str,
            report: GeocodeReport, post: Callable[[str, bytes, str], str] | None = None) -> None:
    """Fill `cache` with the answers missing for `records`, then place each record from the cache."""
    addresses = [Address(str(r["adresse"]), str(r.get("code_postal", "")), str(r.get("code_insee", "")))
                 for r in records]
    missing = sorted({a.key: a for a in addresses if a.key not in cache}.values(), key=lambda a: a.key)
    for start in range(0, len(missing), BATCH_ROWS):
        batch = missing[start:start + BATCH_ROWS]
        for row in ask(batch, base_url, post or _post):
            cache[Address(row["adresse"], row["code_postal"], row["code_insee"]).key] = row
        report.asked += len(batch)
        time.sleep(MIN_INTERVAL)
    for record, address in zip(records, addresses, strict=True):
        _place(record, cache.get(address.key), report)


def ask(batch: list[Address], base_url: str, post: Callable[[str, bytes, str], str]) -> list[dict[str, str]]:
    """One POST /search/csv: the addresses as CSV, the commune and postcode as filters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("adresse", "code_postal", "code_insee"))
    writer.writerows((a.adresse, a.code_postal, a.code_insee) for a in batch)
    fields = [("columns", "adresse"), ("postcode", "code_postal"), ("citycode", "code_insee")]
    fields += [("result_columns", name) for name in CACHE_COLUMNS[3:]]
    body, content_type = multipart(fields, buffer.getvalue().encode("utf-8"))
    answer = post(base_url.rstrip("/") + "/search/csv", body, content_type)
    return list(csv.DictReader(io.StringIO(answer.lstrip("\ufeff"))))


def multipart(fields: list[tuple[str, str]], data: bytes) -> tuple[bytes, str]:
    """A multipart/form-data body: the form fields, then the file as `data`."""
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in fields]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="data"; filename="adresses.csv"\r\n'
                 "Content-Type: text/csv\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _post(url: str, body: bytes, content_type: str) -> str:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.read().decode("utf-8")


def _place(record: CommentedMap, answer: dict[str, str] | None, report: GeocodeReport) -> None:
    label = f"{record['id']} — {record['adresse']}, {record.get('commune', '')}"
    score = float((answer or {}).get("result_score") or 0)
    kind = (answer or {}).get("result_type", "")
    if not answer or score < MIN_SCORE or kind in ("", "municipality") or not answer.get("latitude"):
        report.unplaced.append(f"{label} (score {score:.2f}, type « {kind or 'aucun'} »)")
        return
    record["latitude"] = round(float(answer["latitude"]), 6)
    record["longitude"] = round(float(answer["longitude"]), 6)
    line = f"{label} → {answer.get('result_label', '')} (score {score:.2f}, type « {kind} »)"
    (report.placed if kind == "housenumber" and score >= GOOD_SCORE else report.review).append(line)
