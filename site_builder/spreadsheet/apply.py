"""Each kind's sheets applied to its files: the programme (axes › fiches › actions), the reviews, the lists."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from site_builder.errors import ErrorReport, Location
from site_builder.spreadsheet import documents
from site_builder.spreadsheet.columns import (
    ACTIONS_SHEET,
    AXES,
    EVENTS,
    FICHES,
    ORGANISATIONS_SHEET,
    PEOPLE,
    REVIEW_TEMPLATE,
    REVIEWS,
    Sheet,
)
from site_builder.spreadsheet.datapaths import UnsafePathError, data_file
from site_builder.spreadsheet.people import apply_people
from site_builder.spreadsheet.read import Row, Table
from site_builder.spreadsheet.row_merge import Merge, Origin, sync_list, unique_rows
from site_builder.yaml_files import written

# sheet → (key of the list in its file, what a record is called in the report)
LISTS = {ORGANISATIONS_SHEET.name: ("organisations", "organisation"), "structures": ("structures", "structure"),
         EVENTS.name: ("evenements", "évènement")}


def apply(tables: list[Table], merge: Merge) -> None:
    by_name = {table.sheet.name: table for table in tables}
    _programme(by_name, merge)
    _reviews(by_name.get(REVIEWS.name), [t for t in tables if t.sheet.name.startswith("bilan ")], merge)
    for table in tables:
        if table.sheet.name in LISTS:
            _list_file(table, merge)
    if table := by_name.get(PEOPLE.name):  # after « structures »: a structure added there can be named here
        apply_people(table, merge)


def _number(text: str) -> Any:
    return int(text) if text.isdigit() else text


def _programme(tables: dict[str, Table], merge: Merge) -> None:
    axes = {written(doc.get("numero")): file for file, doc in merge.docs.items()
            if file.startswith("programme/") and isinstance(doc, dict)}
    if table := tables.get(AXES.name):
        rows = unique_rows(table, ("numero",), merge.report)
        for numero in set(axes) - {ident for ident, _ in rows}:
            merge.note(axes[numero], "-", f"axe {numero}", "supprimé (fichier effacé)")
            merge.deleted.add(axes.pop(numero))
        for numero, row in rows:
            if numero not in axes:
                if not (file := _file(merge, "axe", numero, row.ref("numero"))):
                    continue
                axes[numero] = file
                new = CommentedMap(numero=_number(numero))
                merge.docs[axes[numero]] = merge.add(axes[numero], f"axe {numero}", new, "ajouté (nouveau fichier)")
            merge.fill(axes[numero], f"axe {numero}", merge.docs[axes[numero]], row, AXES, skip=("numero",))
            merge.origins.append(Origin(axes[numero], (), row))
    if table := tables.get(FICHES.name):
        _children(merge, table, axes, FICHES, ("axe",), "fiche")
    if table := tables.get(ACTIONS_SHEET.name):
        _children(merge, table, axes, ACTIONS_SHEET, ("axe", "fiche"), "action")


def _children(merge: Merge, table: Table, axes: dict[str, str], sheet: Sheet, parents: tuple[str, ...],
              what: str) -> None:
    """Fiches of each axe, or actions of each fiche: the rows grouped by their parent's numbers."""
    rows = unique_rows(table, (*parents, "numero"), merge.report)
    groups: dict[tuple[str, ...], list[tuple[str, Any]]] = {key: [] for key in _containers(merge, axes, parents)}
    for _, row in rows:
        key = tuple(row.text(p) for p in parents)
        if key not in groups:
            parent = "axe" if len(key) == 1 else "fiche"
            merge.report.add(Location(row.ref(parents[-1])), parents[-1],
                             f"{parent} {'-'.join(key)} inconnu(e).",
                             f"ajoutez d'abord la ligne de cet(te) {parent} dans la feuille « {parent}s ».")
            continue
        groups[key].append((row.text("numero"), row))
    for key, children in groups.items():
        file = axes[key[0]]
        container, path = _container(merge.docs[file], key, "fiches" if what == "fiche" else "actions")
        for record, row, numero in sync_list(merge, file, container, children, what,
                                             lambda item: written(item.get("numero")),
                                             lambda numero: CommentedMap(numero=_number(numero)),
                                             "-".join(key) + "-"):
            full = "-".join((*key, numero))
            merge.fill(file, f"{what} {full}", record, row, sheet, skip=(*parents, "numero"))
            merge.origins.append(Origin(file, (*path, ("numero", numero)), row))


def _containers(merge: Merge, axes: dict[str, str], parents: tuple[str, ...]) -> list[tuple[str, ...]]:
    keys = []
    for numero, file in axes.items():
        if len(parents) == 1:
            keys.append((numero,))
        else:
            keys.extend((numero, written(fiche.get("numero"))) for fiche in merge.docs[file].get("fiches") or [])
    return keys


def _container(doc: CommentedMap, key: tuple[str, ...], name: str) -> tuple[CommentedSeq, tuple[Any, ...]]:
    """The list the children go into (created if missing), and its path from the file's root."""
    parent, path = doc, ()
    if len(key) == 2:
        parent = next(f for f in doc.get("fiches") if written(f.get("numero")) == key[1])
        path = ("fiches", ("numero", key[1]))
    if not isinstance(parent.get(name), list):
        parent[name] = CommentedSeq()
    return parent[name], (*path, name)


def _reviews(dates: Table | None, sheets: list[Table], merge: Merge) -> None:
    files = {written(doc.get("annee")): file for file, doc in merge.docs.items()
             if file.startswith("suivi/") and isinstance(doc, dict)}
    rows = unique_rows(dates, ("annee",), merge.report) if dates else []
    template = next((table for table in sheets if table.sheet.name == REVIEW_TEMPLATE), None)
    named = {table.sheet.name.removeprefix("bilan "): table for table in sheets if table is not template}
    if dates:
        _removed_reviews(dates, {annee for annee, _ in rows}, set(named), files, merge)
    new = {annee: row for annee, row in rows if annee not in files}
    if template is not None and _filled(template):
        _template_year(template, [annee for annee, _ in rows], new, named, merge.report)
    for annee, row in rows:
        if annee not in files:
            if not (file := _file(merge, "bilan", annee, row.ref("annee"))):
                continue
            files[annee] = file
            merge.docs[files[annee]] = merge.add(files[annee], f"bilan {annee}", CommentedMap(
                annee=_number(annee), date=row.text("date"), actions=CommentedMap()), "ajouté (nouveau fichier)")
        merge.fill(files[annee], f"bilan {annee}", merge.docs[files[annee]], row, REVIEWS, skip=("annee",))
        merge.origins.append(Origin(files[annee], (), row))
    for annee, table in named.items():
        if annee not in files:
            merge.report.add(Location(f"{table.label}!A1"), "", f"aucun bilan {annee} dans les données.",
                             f"ajoutez l'année {annee} et la date du comité dans la feuille « bilans ».")
            continue
        _review(table, files[annee], merge)
    _unreviewed(new, files, merge)


def _unreviewed(new: dict[str, Row], files: dict[str, str], merge: Merge) -> None:
    """A new year with no status at all is said at its cell, with where to type the statuses."""
    for annee, row in new.items():
        if annee in files and not merge.docs[files[annee]].get("actions"):
            merge.report.add(Location(row.ref("annee")), "", f"le bilan {annee} n'a encore aucune action renseignée.",
                             f"indiquez le statut de chaque action suivie dans la feuille « {REVIEW_TEMPLATE} » "
                             f"(elle devient le bilan {annee}), ou dans une feuille « bilan {annee} ».")
            merge.touched.discard(files[annee])  # not validated again: « actions » would be said missing


def _filled(table: Table) -> bool:
    """Whether a review sheet holds anything beyond the action ids it was exported with."""
    fields = [c.key for c in table.sheet.columns if c.key != "action" and not c.informative]
    return any(not row.blank(fields) for row in table.rows)


def _template_year(template: Table, years: list[str], new: dict[str, Row], named: dict[str, Table],
                   report: ErrorReport) -> None:
    """The « bilan AAAA » sheet, once filled, is the review of the one new year of « bilans » with no sheet; or,
    when none is new, of the one year with no sheet (the same workbook imported again after a correction)."""
    years = [annee for annee in new if annee not in named] or [annee for annee in years if annee not in named]
    if len(years) == 1:
        named[years[0]] = template
        return
    where = Location(f"{template.label}!A1")
    if not years:
        report.add(where, "", f"la feuille « {REVIEW_TEMPLATE} » est remplie, mais aucune année de la feuille "
                   "« bilans » ne lui correspond.", "ajoutez une ligne dans « bilans » : l'année du bilan et la date "
                   "du comité de pilotage.")
    else:
        report.add(where, "", f"la feuille « {REVIEW_TEMPLATE} » est remplie et « bilans » a plusieurs années sans "
                   f"feuille ({', '.join(years)}) : à laquelle correspond-elle ?",
                   f"renommez la feuille avec son année, par exemple « bilan {years[-1]} ».")


def _file(merge: Merge, kind: str, ident: str, cell: str) -> str:
    """The data file a new row creates, or "" with an error at its cell when the id cannot name a file."""
    try:
        return data_file(kind, ident)
    except UnsafePathError as error:
        merge.report.add(Location(cell), "", *error.args)
        return ""


def _removed_reviews(dates: Table, kept: set[str], still: set[str], files: dict[str, str], merge: Merge) -> None:
    """A year deleted from « bilans » deletes its review file, unless its « bilan AAAA » sheet is still there."""
    for annee in sorted(set(files) - kept):
        if annee in still:
            merge.report.add(Location(f"{dates.label}!A1"), "annee", f"l'année {annee} n'a plus de ligne, mais la "
                             f"feuille « bilan {annee} » est toujours là.",
                             f"pour supprimer ce bilan, supprimez aussi la feuille « bilan {annee} » ; sinon "
                             f"remettez la ligne {annee}.")
            continue
        merge.note(files[annee], "-", f"bilan {annee}", "supprimé (fichier effacé)")
        merge.deleted.add(files.pop(annee))


def _review(table: Table, file: str, merge: Merge) -> None:
    """One yearly review: a row with a status (or any text) is an entry; an empty row means « not reviewed »."""
    doc = merge.docs[file]
    if not isinstance(doc.get("actions"), dict):
        doc["actions"] = CommentedMap()
    entries = doc["actions"]
    fields = [c.key for c in table.sheet.columns if c.key != "action" and not c.informative]
    rows = [(ident, row) for ident, row in unique_rows(table, ("action",), merge.report) if not row.blank(fields)]
    wanted = {ident for ident, _ in rows}
    for ident in [key for key in entries if key not in wanted]:
        merge.note(file, "-", f"bilan de l'action {ident}", "supprimé")
        del entries[ident]
    for ident, row in rows:
        if ident not in entries:
            entries[ident] = merge.add(file, f"bilan de l'action {ident}", CommentedMap(), "ajouté")
        merge.fill(file, f"action {ident}", entries[ident], row, table.sheet, skip=("action",))
        merge.origins.append(Origin(file, ("actions", ident), row, key_cell=row.ref("action")))


def _list_file(table: Table, merge: Merge) -> None:
    """The organisations, the repertoire or the agenda: one row per record, keyed by its id."""
    key, what = LISTS[table.sheet.name]
    file = documents.LISTS[key]
    doc = merge.docs.setdefault(file, CommentedMap())
    if not isinstance(doc.get(key), list):
        doc[key] = CommentedSeq()
    rows = unique_rows(table, ("id",), merge.report)
    for record, row, ident in sync_list(merge, file, doc[key], rows, what, lambda item: written(item.get("id")),
                                        lambda ident: CommentedMap(id=ident)):
        merge.fill(file, f"{what} {ident}", record, row, table.sheet, skip=("id",))
        merge.origins.append(Origin(file, (key, ("id", ident)), row))
