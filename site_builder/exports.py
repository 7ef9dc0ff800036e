"""Open data out: the repertoire as CSV (for a French Excel) and GeoJSON (for maps and uMap)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable

from site_builder import urls
from site_builder.directory import Structure
from site_builder.models import SiteModel
from site_builder.open_now import public_holidays, rules
from site_builder.practitioner_notes import accepts_new_patients, availability
from site_builder.vocabularies import LIVING_PLACES, PROFESSION_ONE, TYPOLOGIES

CSV_COLUMNS = ("id", "nom", "typologie", "adresse", "complement_adresse", "code_postal", "code_insee", "commune",
               "latitude", "longitude", "telephone", "courriel", "site_web", "horaires_accueil",
               "accessibilite_lieu", "publics", "thematiques", "professions", "professionnels", "finess", "date_maj",
               "source")


def spreadsheet_csv(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """UTF-8 with BOM, `;` separated, CRLF: opens with accents and columns right in a French Excel.
    Every cell goes through `inert`, so no value can run as a formula there."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([inert(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


# OWASP "CSV injection": a cell starting with one of these is read as a formula by Excel or LibreOffice
# (=HYPERLINK(…) leaks data, =cmd|… runs a program). A number such as -1.5 or +3 is not a formula and
# must stay a number for sums and sorts, so it is left as is.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")


def inert(value: object) -> object:
    """A cell that a spreadsheet shows as text: `'` before a leading = + - @ tab or CR, numbers untouched."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START) or NUMBER.fullmatch(value):
        return value
    return "'" + value


def structures_csv(model: SiteModel) -> str:
    return spreadsheet_csv(CSV_COLUMNS, ([_cell(item, column) for column in CSV_COLUMNS] for item in model.structures))


def _cell(item: Structure, column: str) -> str:
    if column == "professionnels":  # names and professions, as the fiche shows them: never an RPPS/ADELI number
        return "|".join(f"{p.label} ({PROFESSION_ONE[p.profession]})" for p in item.professionnels)
    value = getattr(item, column)
    if column == "horaires_accueil":
        return value.source if value else ""
    if isinstance(value, tuple):
        return "|".join(value)
    if isinstance(value, float):
        return f"{value:.5f}"
    return "" if value is None else str(value)


def _team(item: Structure, today: dt.date) -> dict[str, object]:
    """Who practises at a place, by profession, for « Près de chez moi » (names and professions only: never an
    RPPS/ADELI number or an e-mail), with what the coordinator knows of them (`notes`, by name) and the
    professions of which someone takes new patients (`accepte`, for the filter)."""
    if not item.professionnels:
        return {}
    team: dict[str, list[str]] = {}
    notes: dict[str, str] = {}
    accepting: list[str] = []
    for person in item.professionnels:
        team.setdefault(person.profession, []).append(person.label)
        if known := availability(person, today):
            notes[person.label] = " · ".join(known)
        if accepts_new_patients(person) and person.profession not in accepting:
            accepting.append(person.profession)
    return {"professions": list(team), "equipe": team, **({"notes": notes} if notes else {}),
            **({"accepte": accepting} if accepting else {})}


def structures_geojson(model: SiteModel) -> str:
    """One compact FeatureCollection of every structure, with what a popup needs."""
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(s.longitude, 5), round(s.latitude, 5)]},
        "properties": {
            "id": s.id, "nom": s.nom, "typologie": s.typologie, "typologie_libelle": TYPOLOGIES[s.typologie],
            "adresse": s.adresse, "code_postal": s.code_postal, "commune": s.commune, "telephone": s.telephone,
            "fiche": urls.page_url(urls.structure(s)), "horaires": rules(s, model.today), **_team(s, model.today),
            **({"lieu_de_vie": True} if s.typologie in LIVING_PLACES else {}),  # never « ouvert » for care
        },
    } for s in model.structures]
    # A foreign member (RFC 7946 §6.1): the public holidays « ouvert maintenant » needs.
    collection = {"type": "FeatureCollection", "jours_feries": public_holidays(model.communes, model.today),
                  "features": features}
    return json.dumps(collection, ensure_ascii=False,
                      separators=(",", ":"))
