"""Practices from the Annuaire Santé activities: one record per place of practice, listing its professionals.

A professional is not a structure: the repertoire gets one `cabinet` record per place (same `Identifiant
technique de la structure`, else same address), whose `professionnels` list names who practises there. A
doctor who practises in two places is listed in both. RPPS/ADELI numbers are kept for the professional edition
and the next import; the public edition never shows them (site_builder/render/templates/structure.md.j2).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap

from site_builder.directory import Professional
from site_builder.formats import ADELI, RPPS
from site_builder.importers.annuaire_sante import Activity
from site_builder.importers.merge import Imported
from site_builder.importers.names import cased
from site_builder.importers.reading import french_phone
from site_builder.importers.yamlfile import plain
from site_builder.kinds.professionals import COORDINATOR_FIELDS
from site_builder.text import fold, slug
from site_builder.vocabularies import PROFESSION_ONE, PROFESSIONS
from site_builder.yaml_files import written

# `Code profession` of the file → our profession; doctors (10) are split by their savoir-faire below.
PROFESSION_CODES = {"21": "pharmacien", "40": "dentiste", "50": "sage-femme", "60": "infirmier",
                    "70": "masseur-kinesitherapeute", "80": "podologue", "91": "orthophoniste", "92": "orthoptiste",
                    "93": "psychologue"}
DOCTOR = "10"
GENERAL_PRACTICE = frozenset({"SM26", "SM53", "SM54"})  # « Qualifié en / Spécialiste en / Médecine générale »
MODES = {"L": "liberal", "S": "salarie", "B": "benevole"}
ID_KINDS = {"8": "rpps", "0": "adeli"}
NUMBER_FORMS = {"rpps": RPPS, "adeli": ADELI}  # as the schema checks them
FIELDS = frozenset(Professional.__dataclass_fields__)
# A practice named after the woman who practises there says « infirmière », not « infirmier » (`Code civilité`).
FEMININE = {"infirmier": "infirmière", "pharmacien": "pharmacienne", "dentiste": "chirurgienne-dentiste",
            "masseur-kinesitherapeute": "masseuse-kinésithérapeute", "dieteticien": "diététicienne",
            "psychomotricien": "psychomotricienne"}
# Fields a later import leaves alone on a practice already in the repertoire: `cls-site geocoder` places it.
PLACED_BY_GEOCODER = ("latitude", "longitude")


@dataclass
class Practice:
    """The activities of one place, by person."""

    key: str
    first: Activity
    people: dict[str, list[Activity]] = field(default_factory=dict)


def practices(activities: Iterable[Activity], skipped: list[str]) -> list[Practice]:
    """Group the activities by place; a profession we cannot name is left out and counted in `skipped`."""
    places: dict[str, Practice] = {}
    unknown: dict[str, int] = {}
    for activity in activities:
        if profession(activity) is None:
            label = activity["profession"] or activity["profession_code"]
            unknown[label] = unknown.get(label, 0) + 1
            continue
        key = place_key(activity)
        place = places.setdefault(key, Practice(key, activity))
        place.people.setdefault(f"{activity['type_id']}:{activity['id_pp']}", []).append(activity)
    for label, count in sorted(unknown.items()):
        skipped.append(f"profession « {label} » hors correspondance ({count} activité(s)) — voir PROFESSION_CODES "
                       "dans site_builder/importers/practices.py.")
    return [place for _, place in sorted(places.items())]


def records(places: Iterable[Practice], extracted: dt.date) -> list[Imported]:
    """Each place as a record of the repertoire, dated by the extraction."""
    return [Imported(place.key, _fields(place, extracted)) for place in places]


def place_key(activity: Activity) -> str:
    """The practice's id in the source: the structure's technical id, else its commune and normalised address."""
    if activity["structure"]:
        return activity["structure"]
    return f"adresse:{activity.town.code_insee}:{slug(street(activity))}"


def profession(activity: Activity) -> str | None:
    """Our profession key for a row; a doctor is a GP, a psychiatrist, a paediatrician or another specialist."""
    code = activity["profession_code"]
    if code == DOCTOR:
        if activity["savoir_faire_code"] in GENERAL_PRACTICE:
            return "medecin-generaliste"
        specialty = fold(activity["savoir_faire"])
        return "psychiatre" if "psychiatrie" in specialty else "pediatre" if "pediatrie" in specialty \
            else "medecin-specialiste"
    if code in PROFESSION_CODES:
        return PROFESSION_CODES[code]
    by_label = slug(activity["profession"])  # a profession of a newer file: « Ergothérapeute » → ergotherapeute
    return by_label if by_label in PROFESSIONS else None


def street(activity: Activity) -> str:
    """« 12 bis rue du Moulin », as a resident writes it."""
    kind = activity["type_voie"].lower() or activity["type_voie_code"].lower()
    parts = (activity["numero"], activity["indice"].lower(), kind, cased(activity["voie"], start=False, common=False))
    return " ".join(part for part in parts if part)


def _fields(place: Practice, extracted: dt.date) -> dict[str, Any]:
    first, town = place.first, place.first.town
    people = sorted((_professional(rows) for rows in place.people.values()),
                    key=lambda p: (list(PROFESSIONS).index(p["profession"]), fold(p["nom"]), fold(p["prenom"])))
    kinds = sorted({p["profession"] for p in people}, key=list(PROFESSIONS).index)
    postcode = first["code_postal"] if first["code_postal"] in town.codes_postaux else town.codes_postaux[0]
    return {
        "nom": _name(first, people), "typologie": "pharmacie" if kinds == ["pharmacien"] else "cabinet",
        "adresse": street(first) or cased(first["lieu_dit"], common=False) or town.nom,
        "complement_adresse": cased(first["complement"], common=False), "code_postal": postcode,
        "code_insee": town.code_insee,
        "commune": town.nom, "latitude": town.latitude, "longitude": town.longitude,
        "telephone": next((phone for rows in place.people.values() for row in rows
                           if (phone := french_phone(row["telephone"]))), ""),
        "finess": first["finess_site"], "professions": kinds, "professionnels": people,
        "date_maj": dt.date.fromordinal(extracted.toordinal()),  # one object per record: YAML would alias a shared one
    }


def _professional(rows: list[Activity]) -> dict[str, str]:
    """One person at one place, from their rows (one per savoir-faire): the general practice row wins."""
    row = min(rows, key=lambda r: (r["savoir_faire_code"] not in GENERAL_PRACTICE, not r["savoir_faire"]))
    person = {"civilite": row["civilite"], "prenom": cased(row["prenom"], common=False),
              "nom": cased(row["nom"], common=False),
              "profession": profession(row) or "", "specialite": row["savoir_faire"],
              "mode": MODES.get(row["mode"], "")}
    kind = ID_KINDS.get(row["type_id"], "")
    if kind and re.fullmatch(NUMBER_FORMS[kind], row["id_pp"]):
        person[kind] = row["id_pp"]
    return {key: value for key, value in person.items() if value}


def display_name(person: dict[str, Any]) -> str:
    """« Dr Anne Fictif », as the fiche names them."""
    known = {key: str(value) for key, value in person.items() if key in FIELDS}
    return Professional(**{"nom": "", "profession": "", **known}).label


def _name(first: Activity, people: list[dict[str, str]]) -> str:
    """The practice's sign when it has one, else who practises there."""
    sign = cased(first["enseigne"] or first["raison_sociale"])
    if sign and fold(sign) not in {fold(display_name(p)) for p in people} | {fold(f"{p['nom']} {p['prenom']}")
                                                                           for p in people}:
        return sign
    if len(people) == 1:
        kind = people[0]["profession"]
        woman = first["sexe"] in ("MME", "MLLE") and kind in FEMININE
        return f"{display_name(people[0])}, {FEMININE[kind] if woman else PROFESSION_ONE[kind]}"
    names = [display_name(p) for p in people[:3]]
    more = " et autres" if len(people) > 3 else ""
    return f"Cabinet {', '.join(names[:-1])} et {names[-1]}{more}" if len(names) > 1 else f"Cabinet {names[0]}"


def fit_practice(record: CommentedMap, fields: dict[str, Any]) -> dict[str, Any]:
    """What a new extraction changes on a practice already in the repertoire: not its place on the map (the
    geocoder's), and not its date unless something else changed (the national file is republished daily)."""
    kept = {key: value for key, value in fields.items() if key not in PLACED_BY_GEOCODER}
    if "professionnels" in kept:
        kept["professionnels"] = with_notes(record.get("professionnels") or [], kept["professionnels"])
    if all(plain(record.get(key)) == plain(value) for key, value in kept.items() if key != "date_maj" and value):
        kept.pop("date_maj", None)
    return kept


def with_notes(before: Iterable[Any], people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The imported people, each with what the coordinator wrote about them in the repertoire (new patients,
    home visits, languages): the register does not say it, so a new extraction must not erase it. A person
    is found by their RPPS/ADELI number, else by profession and name."""
    notes = {_person_key(person): {key: person[key] for key in COORDINATOR_FIELDS if key in person}
             for person in before if isinstance(person, dict)}
    return [{**person, **notes.get(_person_key(person), {})} for person in people]


def _person_key(person: Any) -> tuple[str, ...]:
    number = person.get("rpps") or person.get("adeli")
    if number:
        return ("numero", str(number))
    return (str(person.get("profession")), fold(str(person.get("nom", ""))), fold(str(person.get("prenom", ""))))


def profession_summary(records: Iterable[CommentedMap], imported: list[Imported]) -> str:
    """« +3 médecins généralistes, −1 infirmier ou infirmière (parti), ~2 adresses » against the repertoire."""
    ours = {written(r["id_source"]): r for r in records
            if r.get("source") == "annuaire-sante" and "id_source" in r and r.get("disparu_de_la_source") is None}
    before = {who for record in ours.values() for who in _people(record.get("professionnels") or ())}
    after = {who for item in imported for who in _people(item.fields["professionnels"])}
    parts = [_count("+", after - before, ""), _count("−", before - after, " (parti)")]
    moved = sum(1 for item in imported if item.id_source in ours
                and plain(ours[item.id_source].get("adresse")) != plain(item.fields["adresse"]))
    parts.append(f"~{moved} adresse{'s' if moved > 1 else ''}" if moved else "")
    shown = ", ".join(part for part in parts if part)
    return f"Professionnels de santé : {shown or 'aucun changement'}."


def _people(people: Iterable[Any]) -> set[tuple[str, str]]:
    """(profession, RPPS or ADELI number) of each professional of a list."""
    return {(str(p.get("profession")), str(p.get("rpps") or p.get("adeli") or display_name(p))) for p in people}


def _count(sign: str, people: set[tuple[str, str]], note: str) -> str:
    by_kind: dict[str, int] = {}
    for kind, _ in people:
        by_kind[kind] = by_kind.get(kind, 0) + 1
    order = list(PROFESSIONS)
    return ", ".join(f"{sign}{n} {PROFESSION_ONE[kind] if n == 1 else PROFESSIONS[kind].lower()}{note}"
                     for kind, n in sorted(by_kind.items(), key=lambda item: order.index(item[0])))
