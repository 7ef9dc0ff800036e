"""The « professionnels » sheet: what the coordinator knows of each professional, edited in the workbook.

Who practises where comes from the Annuaire Santé import (or the YAML): this sheet adds no one and removes no
one. Each row names a person already listed on a structure, as the fiche names them (« Dr Alice Exemple »),
and sets only the fields no register gives (new patients and the date of that information, home visits,
languages). A deleted row changes nothing; a person the structure does not list is a located error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruamel.yaml.comments import CommentedMap

from site_builder.errors import Location
from site_builder.importers.practices import display_name
from site_builder.spreadsheet.columns import PEOPLE
from site_builder.spreadsheet.documents import LISTS
from site_builder.spreadsheet.read import Row, Table
from site_builder.spreadsheet.row_merge import Merge, Origin
from site_builder.vocabularies import PROFESSION_ONE
from site_builder.yaml_files import written


def people_rows(structures: list[Any]) -> Iterator[dict[str, Any]]:
    """A row per person of each structure's `professionnels`, with what the fiche shows to recognise them."""
    for record in structures:
        for person in (record.get("professionnels") or []) if isinstance(record, dict) else []:
            if isinstance(person, dict):
                yield {**person, "structure": record.get("id"), "professionnel": display_name(person),
                       "profession": PROFESSION_ONE.get(str(person.get("profession")), person.get("profession"))}


def apply_people(table: Table, merge: Merge) -> None:
    """Set the coordinator's fields of each named person; never add or remove a person."""
    file = LISTS["structures"]
    records = {written(r.get("id")): r for r in (merge.docs.get(file) or {}).get("structures") or []
               if isinstance(r, dict)}
    for row in table.rows:
        ident, name = row.text("structure"), row.text("professionnel")
        if not ident and not name:
            continue
        person = _person(records.get(ident), ident, name, row, merge)
        if person is None:
            continue
        merge.fill(file, f"professionnel {name} ({ident})", person, row, PEOPLE, skip=("structure", "professionnel"))
        merge.origins.append(Origin(file, ("structures", ("id", ident), "professionnels",
                                           ("nom", person.get("nom"))), row))


def _person(record: CommentedMap | None, ident: str, name: str, row: Row, merge: Merge) -> CommentedMap | None:
    """The one person of `record` named `name`, or None after reporting why at the row's cell."""
    if record is None:
        merge.report.add(Location(row.ref("structure") or f"{PEOPLE.name}!A{row.number}"), "structure",
                         f"structure « {ident} » inconnue.", "choisissez l'identifiant dans la liste.")
        return None
    found = [p for p in record.get("professionnels") or [] if isinstance(p, dict) and display_name(p) == name]
    if len(found) == 1:
        return found[0]
    listed = ", ".join(f"« {display_name(p)} »" for p in record.get("professionnels") or [] if isinstance(p, dict))
    message = (f"« {name} » figure deux fois dans « {ident} »." if found else
               f"« {name} » n'est pas dans la liste des professionnels de « {ident} ».")
    merge.report.add(Location(row.ref("professionnel") or f"{PEOPLE.name}!B{row.number}"), "professionnel", message,
                     "cette feuille complète ce que vous savez d'une personne déjà listée (import de l'Annuaire "
                     f"Santé ou data/structures.yml) ; noms possibles : {listed or 'aucun'}.")
    return None
