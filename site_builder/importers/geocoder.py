"""Coordinates from addresses with the Géoplateforme batch geocoder, every answer kept in a committed cache.

`cls-site geocoder` looks for the records of data/structures.yml without a position of their own: no
coordinates, or exactly their commune's centre (what an importer writes when the source has none); a record
whose position the coordinator keeps (`garder`) or an example (`exemple: oui`) is left alone.
Each address is asked once: answers go to data/geocodage.csv, committed with the data, so a build never
needs the network and a second run asks nothing. The service says « ok » even for a poor match, so an
answer is used only when its type is better than the commune and its score reaches MIN_SCORE; anything
short of a house number with a good score is listed for review. An answer in another commune, or a position
validate would refuse (site_builder/importers/plausible.py), is refused; an answer that is not the CSV asked
for is reported as such. The run has a total deadline and each request its own, however slowly a server
sends its bytes.
"""

from __future__ import annotations

import csv
import io
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from site_builder.importers.deadline import Deadline, post
from site_builder.importers.merge import is_example
from site_builder.importers.plausible import Box, position_refusal
from site_builder.importers.territory_towns import Town
from site_builder.kinds.structures import POSITION, kept_names
from site_builder.yaml_files import written

BASE_URL = "https://data.geopf.fr/geocodage"
ANSWER_COLUMNS = ("adresse", "code_postal", "code_insee", "latitude", "longitude", "result_label", "result_score",
                  "result_type")
CACHE_COLUMNS = (*ANSWER_COLUMNS, "result_citycode")  # older caches lack the commune code: read without it
MIN_SCORE = 0.5      # below: not used
GOOD_SCORE = 0.8     # below, or not a house number: used but listed for review
BATCH_ROWS = 5000    # addresses per request (the service takes files up to 50 MB)
MIN_INTERVAL = 1 / 50  # the Géoplateforme allows 50 requests per second and per address
TOTAL_SECONDS = 600  # the whole run (`--delai`): beyond, nothing is written
REQUEST_SECONDS = 180  # one request of BATCH_ROWS addresses (the service answers 5,000 in well under a minute)

Post = Callable[[str, bytes, str, float], str]


class GeocoderError(Exception):
    """The service's answer (or the cache) is not what was asked for; the message is French."""


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
    unreadable: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    asked: int = 0

    def text(self) -> str:
        lines = [f"Géocodage : {self.asked} adresse(s) demandée(s) au service, les autres lues dans le cache."]
        sections = (("Positionnées", self.placed), ("À vérifier (score faible ou pas un numéro)", self.review),
                    ("Non positionnées (réponse trop imprécise)", self.unplaced),
                    ("Non positionnées (réponse illisible du service, demandée à nouveau au prochain passage)",
                     self.unreadable),
                    ("Positions refusées, non écrites", self.refused))
        for title, items in sections:
            if items:
                lines.append(f"{title} ({len(items)}) :")
                lines.extend(f"  {item}" for item in items)
        return "\n".join(lines)


def to_place(records: list[CommentedMap], towns: dict[str, Town]) -> list[CommentedMap]:
    """Real records whose position is missing or is only their commune's centre, unless the coordinator keeps it."""
    chosen = []
    for record in records:
        if is_example(record) or kept_names(record.get("garder")) & set(POSITION) or not record.get("adresse"):
            continue
        town = towns.get(written(record.get("code_insee", "")))
        position = _position(record)
        if position is None or (town and position == (town.latitude, town.longitude)):
            chosen.append(record)
    return chosen


def _position(record: CommentedMap) -> tuple[float, float] | None:
    """The record's position, or None when it has none that reads as two numbers."""
    try:
        return float(record["latitude"]), float(record["longitude"])
    except (KeyError, TypeError, ValueError):
        return None


def read_cache(path: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    """The answers kept in data/geocodage.csv, by address; GeocoderError when it is not such a file."""
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
            columns = set(rows[0]) if rows else set(ANSWER_COLUMNS)
    except (UnicodeDecodeError, csv.Error) as error:
        raise GeocoderError(f"{path} est illisible ({error}) : supprimez-le, les adresses seront redemandées.") \
            from error
    if missing := [name for name in ANSWER_COLUMNS if name not in columns]:
        raise GeocoderError(f"{path} : colonnes manquantes ({', '.join(missing)}) ; supprimez-le, les adresses "
                            "seront redemandées.")
    return {Address(r["adresse"] or "", r["code_postal"] or "", r["code_insee"] or "").key: r for r in rows}


def write_cache(path: Path, cache: dict[tuple[str, str, str], dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CACHE_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(cache[key] for key in sorted(cache))
    path.write_text(buffer.getvalue(), encoding="utf-8")


def geocode(records: list[CommentedMap], cache: dict[tuple[str, str, str], dict[str, str]], base_url: str,
            report: GeocodeReport, post: Post | None = None, box: Box | None = None,
            deadline: Deadline | None = None, progress: Callable[[int, int], None] | None = None) -> None:
    """Fill `cache` with the answers missing for `records`, then place each record from them; `progress` is told
    (addresses asked, addresses to ask) after each request.

    Raises TimeoutError when the run or one request outlasts `deadline`, GeocoderError on an answer that is not
    the CSV asked for, OSError when the service cannot be reached."""
    deadline = deadline or Deadline(TOTAL_SECONDS, REQUEST_SECONDS)
    addresses = [Address(str(r["adresse"]), written(r.get("code_postal", "")), written(r.get("code_insee", "")))
                 for r in records]
    missing = sorted({a.key: a for a in addresses if a.key not in cache}.values(), key=lambda a: a.key)
    fresh: dict[tuple[str, str, str], dict[str, str]] = {}
    for start in range(0, len(missing), BATCH_ROWS):
        batch = missing[start:start + BATCH_ROWS]
        for row in ask(batch, base_url, post or _post, deadline.next_request()):
            fresh[Address(row["adresse"] or "", row["code_postal"] or "", row["code_insee"] or "").key] = row
        report.asked += len(batch)
        if progress:
            progress(report.asked, len(missing))
        time.sleep(MIN_INTERVAL)
    cache.update((key, row) for key, row in fresh.items() if not _unreadable(row))  # a garbled answer is asked again
    for record, address in zip(records, addresses, strict=True):
        _place(record, fresh.get(address.key) or cache.get(address.key), report, box)


def ask(batch: list[Address], base_url: str, post: Post, seconds: float) -> list[dict[str, str]]:
    """One POST /search/csv: the addresses as CSV, the commune and postcode as filters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("adresse", "code_postal", "code_insee"))
    writer.writerows((a.adresse, a.code_postal, a.code_insee) for a in batch)
    fields = [("columns", "adresse"), ("postcode", "code_postal"), ("citycode", "code_insee")]
    fields += [("result_columns", name) for name in CACHE_COLUMNS[3:]]
    body, content_type = multipart(fields, buffer.getvalue().encode("utf-8"))
    return read_answer(post(base_url.rstrip("/") + "/search/csv", body, content_type, seconds))


def read_answer(answer: str) -> list[dict[str, str]]:
    """The rows of the service's CSV answer; GeocoderError when it is not the CSV asked for."""
    try:
        reader = csv.DictReader(io.StringIO(answer.lstrip("\ufeff")))
        rows = list(reader)
    except csv.Error as error:
        raise GeocoderError(f"réponse illisible du service de géocodage (pas un CSV : {error}).") from error
    found = [str(name) for name in reader.fieldnames or ()]
    if missing := [name for name in ANSWER_COLUMNS if name not in found]:
        shown = ", ".join(found[:10])[:200] or "aucune"
        raise GeocoderError(f"réponse illisible du service de géocodage : colonnes attendues "
                            f"{', '.join(ANSWER_COLUMNS)} ; manquantes : {', '.join(missing)} ; trouvées : {shown}.")
    return rows
def multipart(fields: list[tuple[str, str]], data: bytes) -> tuple[bytes, str]:
    """A multipart/form-data body: the form fields, then the file as `data`."""
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in fields]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="data"; filename="adresses.csv"\r\n'
                 "Content-Type: text/csv\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _post(url: str, body: bytes, content_type: str, seconds: float) -> str:
    try:
        return post(url, body, content_type, seconds)
    except UnicodeDecodeError as error:
        raise GeocoderError("réponse illisible du service de géocodage (pas un texte UTF-8).") from error


def _unreadable(answer: dict[str, str]) -> str:
    """What makes an answer row garbage (French), or "" : a score that is not a number from 0 to 1, a position
    that is not two numbers."""
    try:
        score = float(answer.get("result_score") or 0)
        if answer.get("latitude") or answer.get("longitude"):
            float(answer.get("latitude") or ""), float(answer.get("longitude") or "")
    except ValueError:
        return (f"score « {answer.get('result_score')} », position « {answer.get('latitude')}, "
                f"{answer.get('longitude')} »")
    return "" if 0 <= score <= 1 else f"score « {answer.get('result_score')} » hors de 0 à 1"


def _place(record: CommentedMap, answer: dict[str, str] | None, report: GeocodeReport, box: Box | None = None) -> None:
    """Write the answer's position on the record if it is good enough and possible, and file it in the report."""
    label = f"{record.get('id', '?')} — {record['adresse']}, {record.get('commune', '')}"
    if answer and (garbage := _unreadable(answer)):
        report.unreadable.append(f"{label} ({garbage})")
        return
    score = float((answer or {}).get("result_score") or 0)
    kind = (answer or {}).get("result_type", "")
    if not answer or score < MIN_SCORE or kind in ("", "municipality") or not answer.get("latitude"):
        report.unplaced.append(f"{label} (score {score:.2f}, type « {kind or 'aucun'} »)")
        return
    found = f"{answer.get('result_label', '')} ({answer['latitude']}, {answer['longitude']})"
    own = written(record.get("code_insee", ""))
    town = answer.get("result_citycode") or own
    reason = (f"dans une autre commune (code INSEE {town})" if town != own else
              position_refusal(float(answer["latitude"]), float(answer["longitude"]), box))
    if reason:
        report.refused.append(f"refusée : {label} → {found} — {reason}.")
        return
    record["latitude"] = round(float(answer["latitude"]), 6)
    record["longitude"] = round(float(answer["longitude"]), 6)
    line = f"{label} → {answer.get('result_label', '')} (score {score:.2f}, type « {kind} »)"
    (report.placed if kind == "housenumber" and score >= GOOD_SCORE else report.review).append(line)
