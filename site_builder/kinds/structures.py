"""The repertoire of structures (data/structures.yml), checked against the communes of the territory."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any

from site_builder.converters import boolean, choice, date, identifier, list_of, number, reference, text
from site_builder.directory import Closure, ProDetails, Structure
from site_builder.errors import Location, cascade, suggest
from site_builder.formats import email, finess, insee_code, phone, postcode, siret, url
from site_builder.kinds.professionals import check_people, person, professionals, professions_of
from site_builder.kinds.seniors import SENIORS, senior_housing
from site_builder.load import Mapping, Node, Scalar
from site_builder.models import Commune
from site_builder.opening_hours import OpeningHours, parse
from site_builder.schema import INVALID, Context, Field, Schema, _describe, build_records, list_file, record
from site_builder.vocabularies import PROFESSIONS, PUBLICS, THEMATIQUES, TYPOLOGIES

# How far (in degrees, ~15 km) a structure may sit outside the box of the territory's communes.
MARGIN = 0.15


def opening_hours(node: Node, ctx: Context, path: str) -> OpeningHours:
    """Opening hours in OSM syntax, e.g. « Mo-Fr 08:30-12:30,14:00-18:00; Sa 09:00-12:00 »."""
    try:
        if not isinstance(node, Scalar):
            raise ValueError(f"texte attendu, reçu {_describe(node)}")
        return parse(node)
    except ValueError as error:
        return ctx.error(node, path, f"horaires illisibles : {error}.", getattr(error, "hint", "") or
                         "syntaxe OpenStreetMap, ex. « Mo-Fr 08:30-12:30,14:00-18:00; Sa 09:00-12:00 » ou « 24/7 ».")


def _keepable(node: Node, ctx: Context, path: str) -> str:
    """One name in `garder`: a field an import writes, « position », or « seniors.<champ> » (see KEEPABLE)."""
    raw = node.strip() if isinstance(node, Scalar) else ""
    if raw in KEEPABLE:
        return raw
    hint = suggest(raw, KEEPABLE) or "champs possibles : " + ", ".join(KEEPABLE) + "."
    return ctx.error(node, path, f"« garder » nomme {_describe(node)}, qui n'est pas un champ d'une structure.", hint)


PRO = Schema("les informations réservées aux professionnels", (
    Field("telephone_direct", phone, default=""),
    Field("courriel_direct", email, default=""),
    Field("referent", text, default=""),
    Field("note", text, default=""),
))

CLOSURE = Schema("une fermeture temporaire", (
    Field("du", date, required=True),
    Field("au", date, required=True),
    Field("motif", text, default=""),
))

STRUCTURE = Schema("une structure", (
    Field("id", identifier("structure"), required=True),
    Field("nom", text, required=True),
    Field("typologie", choice(TYPOLOGIES), required=True),
    Field("adresse", text, required=True),
    Field("complement_adresse", text, default=""),
    Field("code_postal", postcode, required=True),
    Field("code_insee", insee_code, required=True),
    Field("commune", text, required=True),
    Field("latitude", number(-90, 90), required=True),
    Field("longitude", number(-180, 180), required=True),
    Field("telephone", phone, default=""),
    Field("courriel", email, default=""),
    Field("site_web", url, default=""),
    Field("presentation_resume", text, default=""),
    Field("presentation_detail", text, default=""),
    Field("horaires_accueil", opening_hours, default=None),
    Field("accessibilite_lieu", url, default=""),
    Field("professions", list_of(choice(PROFESSIONS)), default=()),
    Field("publics", list_of(choice(PUBLICS)), default=()),
    Field("thematiques", list_of(choice(THEMATIQUES)), default=()),
    Field("finess", finess, default=""),
    # SIRET of the structure (data·inclusion v1 `siret`), as a national source gives it.
    Field("siret", siret, default=""),
    # The page of the record in its source (data·inclusion v1 `lien_source`: Service-Public.fr for DILA offices).
    Field("lien_source", url, default=""),
    # Other communes of the territory an office serves (DILA `pivot.code_insee_commune`): it is listed on their
    # pages too.
    Field("communes_desservies", list_of(insee_code), default=()),
    Field("actions", list_of(reference("action")), default=()),
    Field("date_maj", date, required=True),
    Field("source", text, default=""),
    # Written by `cls-site importer` (site_builder/importers/merge.py): the record's id in its source,
    # the fields the coordinator keeps against the next import, and the date it left the source.
    Field("id_source", text, default=""),
    Field("garder", list_of(_keepable), default=()),
    Field("disparu_de_la_source", date, default=None),
    Field("exemple", boolean, default=False),
    # Written by `cls-site campagne importer`: the day the structure itself confirmed or corrected its fiche.
    Field("verifie_le", date, default=None),
    Field("pro", record(PRO), default=None),
    Field("seniors", record(SENIORS), default=None),
    Field("fermeture_temporaire", record(CLOSURE), default=None),
    Field("professionnels", list_of(person, unique=False), default=()),
))

# What `garder` may name (validation and import read this one list): every field of a structure but the
# import's own bookkeeping, « position » (latitude and longitude, always kept as a pair) and each field of the
# seniors section, written « seniors.prix_journalier » (« seniors » alone keeps the whole section).
POSITION = ("latitude", "longitude", "position")
KEEPABLE = (*(name for name in STRUCTURE.names() if name not in ("id", "source", "id_source", "garder",
                                                                  "disparu_de_la_source", "exemple",
                                                                  "verifie_le")),
            "position", *(f"seniors.{name}" for name in SENIORS.names()))


def kept_names(value: Any) -> frozenset[str]:
    """The names a record's `garder` holds, written as one word or a list; a position is always kept whole."""
    items = [value] if isinstance(value, (str, int, float)) else list(value or ())
    names = {str(item).strip() for item in items}
    return frozenset(names | set(POSITION) if names & set(POSITION) else names)


FILE = list_file("le répertoire des structures", "structures", STRUCTURE, allow_empty=True)


def parse_structures(root: Node, ctx: Context) -> list[Structure]:
    return build_records(root, ctx, FILE, "structures", lambda fields, raw, path: _structure(fields, raw, ctx, path))


def _structure(fields: dict[str, Any], raw: Node, ctx: Context, path: str) -> Structure | None:
    ctx.keep("structure", fields["id"], raw)
    pro, seniors, closure = fields.pop("pro"), fields.pop("seniors"), fields.pop("fermeture_temporaire")
    if closure is not None:
        if closure["au"] < closure["du"]:
            ctx.error(raw["fermeture_temporaire"].get("au"), f"{path}.fermeture_temporaire.au",
                      f"la fin ({closure['au']}) précède le début ({closure['du']}).", "vérifiez les deux dates.")
            return None
        closure = Closure(**closure)
    if seniors is not None:
        seniors = senior_housing(seniors, raw, fields["typologie"], ctx, f"{path}.seniors")
        if seniors is None:
            return None
    people = professionals(fields.pop("professionnels"))
    fields["professions"] = professions_of(fields["professions"], people)
    return Structure(pro=ProDetails(**pro) if pro else None, seniors=seniors, fermeture_temporaire=closure,
                     professionnels=people, **fields)


def check_structures(communes: list[Commune], ctx: Context, today: dt.date) -> None:
    """Checks across files: the commune, the place on the map, the date of the last update. They run on every
    record, even one with a mistake elsewhere (only the fields that converted), so one report lists them all."""
    if "communes" in ctx.unreadable:
        return  # the unreadable communes file is reported; checking against it would only add false alarms
    by_code = {c.code_insee: c for c in communes}
    box = territory_box(communes)
    unknown: dict[str, list[tuple[Report, Location, str]]] = {}  # a code the communes lack: one error per code
    for file, raw, fields in ctx.records.get("structures", []):
        if fields is INVALID:
            continue
        report = _reporter(file, raw, fields, ctx)
        code = fields["code_insee"] if _known(fields, "code_insee") else None
        if code is not None and code not in by_code and code not in ctx.ids.get("commune", {}):
            town = fields["commune"] if _known(fields, "commune") else ""
            unknown.setdefault(code, []).append((report, Location(file, raw.key_lines.get("code_insee", raw.line)),
                                                 town))
        elif code is not None:
            _check_commune(fields, by_code, report)
        if _known(fields, "communes_desservies"):
            _check_served(fields["communes_desservies"], by_code, report)
        if box and _known(fields, "latitude", "longitude"):
            _check_position(fields, box, report)
        check_people(file, raw, fields, ctx, today)
        if _known(fields, "date_maj") and fields["date_maj"] > today:
            report("date_maj", f"date de mise à jour dans le futur ({fields['date_maj']}).",
                   f"la date du jour est {today} : indiquez la date de la dernière vérification.")
        if _known(fields, "verifie_le") and fields["verifie_le"] > today:
            report("verifie_le", f"date de confirmation dans le futur ({fields['verifie_le']}).",
                   f"la date du jour est {today} : indiquez le jour où la structure a répondu.")
    for code, found in unknown.items():  # a commune renamed or missing: said once, counting the structures
        report, _, town = found[0]
        report("code_insee", f"« {code} » n'est pas une commune du territoire (data/communes.yml)."
               + cascade([location for _, location, _ in found]), _commune_hint(town, list(by_code.values())))


def _known(fields: dict[str, Any], *names: str) -> bool:
    """Whether these fields converted (a wrong field is already reported: no check runs on it)."""
    return all(fields.get(name) is not INVALID and fields.get(name) is not None for name in names)


Report = Callable[[str, str, str], None]


def _reporter(file: str, raw: Mapping, fields: dict[str, Any], ctx: Context) -> Report:
    """Report on a field of one structure, at the line of that field."""
    name = f"structure « {fields['id']} »" if fields["id"] is not INVALID else f"structure ligne {raw.line}"

    def report(key: str, message: str, hint: str = "") -> None:
        ctx.report.add(Location(file, raw.key_lines.get(key, raw.line)), f"{name}.{key}", message, hint)

    return report


def _check_commune(fields: dict[str, Any], by_code: dict[str, Commune], report: Report) -> None:
    commune = by_code.get(fields["code_insee"])
    if commune is None:  # that commune has its own error (an unknown code is reported once, by the caller)
        return
    if _known(fields, "commune") and fields["commune"] != commune.nom:
        report("commune", f"« {fields['commune']} » ne correspond pas au code INSEE {fields['code_insee']} "
               f"({commune.nom}).", f"écrivez « {commune.nom} » ou corrigez le code INSEE.")
    postcodes = commune.codes_postaux or (commune.code_postal,)
    if _known(fields, "code_postal") and fields["code_postal"] not in postcodes:
        report("code_postal", f"{fields['code_postal']} n'est pas un code postal de {commune.nom}.",
               "codes possibles : " + ", ".join(postcodes) + ".")


def _check_served(codes: tuple[str, ...], by_code: dict[str, Commune], report: Report) -> None:
    """Every commune an office serves is one of the territory's (its page lists the office)."""
    unknown = [code for code in codes if code not in by_code]
    if unknown:
        report("communes_desservies", "pas des communes du territoire (data/communes.yml) : " + ", ".join(unknown)
               + ".", "retirez ces codes INSEE, ou ajoutez les communes au territoire.")


def _check_position(fields: dict[str, Any], box: tuple[float, float, float, float], report: Report) -> None:
    south, west, north, east = box
    latitude, longitude = fields["latitude"], fields["longitude"]
    if south <= latitude <= north and west <= longitude <= east:
        return
    swapped = south <= longitude <= north and west <= latitude <= east
    hint = ("la latitude et la longitude semblent inversées." if swapped else
            f"le territoire s'étend entre les latitudes {south:.2f} et {north:.2f} et les longitudes "
            f"{west:.2f} et {east:.2f}.")
    report("latitude", f"position ({latitude}, {longitude}) hors du territoire.", hint)


def territory_box(communes: Sequence[Any]) -> tuple[float, float, float, float] | None:
    """South, west, north, east of the communes (anything with a latitude and a longitude), widened by MARGIN."""
    if not communes:
        return None
    lats = [c.latitude for c in communes]
    lons = [c.longitude for c in communes]
    return min(lats) - MARGIN, min(lons) - MARGIN, max(lats) + MARGIN, max(lons) + MARGIN


def _commune_hint(name: str, communes: list[Commune]) -> str:
    same = [c for c in communes if c.nom == name]
    return f"le code INSEE de {name} est {same[0].code_insee}." if same else "vérifiez le code INSEE."


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
