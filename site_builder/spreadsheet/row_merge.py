"""Apply the rows of the spreadsheet to the YAML documents, field by field, noting each change in French.

Only what differs is touched: a record whose cells equal its YAML keeps its original lines (comments, folded
text, quotes). The rows of a sheet are the whole list of their kind: a record missing from a sheet that is
present is removed; a sheet that is absent changes nothing. New records go at the end of their list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from site_builder.errors import ErrorReport, Location
from site_builder.spreadsheet.cells import canonical, cell_text, yaml_value
from site_builder.spreadsheet.columns import Sheet
from site_builder.spreadsheet.read import Row, Table
from site_builder.text import fold

PLACEHOLDER = "a completer"  # « # À COMPLÉTER » left by `cls-site nouveau`, accents and case folded
Step = str | tuple[str, str]  # a mapping key, or (field, value) selecting an item of a list


@dataclass(frozen=True)
class Change:
    file: str
    sign: str  # « + » added, « - » removed, « ~ » changed
    what: str
    detail: str = ""


@dataclass(frozen=True)
class Origin:
    """The row a record of a YAML file came from, to turn a file and line back into a cell."""

    file: str
    path: tuple[Step, ...]
    row: Row
    key_cell: str = ""  # for a record keyed by id in a mapping (review entries): the cell of that id


@dataclass(frozen=True)
class Fill:
    """Fields of an existing record set from a row: what splice.py replays on that record's lines alone."""

    file: str
    record: Any
    what: str
    row: Row
    sheet: Sheet
    skip: tuple[str, ...]


@dataclass
class Merge:
    docs: dict[str, Any]
    report: ErrorReport
    changes: list[Change] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    added: set[int] = field(default_factory=set)  # id() of the records created: their fields are not listed
    fills: list[Fill] = field(default_factory=list)  # existing records whose fields changed
    removed: list[tuple[str, Any]] = field(default_factory=list)  # (file, record) taken out of a list

    def add(self, file: str, what: str, record: CommentedMap, detail: str = "ajouté(e)") -> CommentedMap:
        self.added.add(id(record))
        self.note(file, "+", what, detail)
        return record

    def note(self, file: str, sign: str, what: str, detail: str = "") -> None:
        self.changes.append(Change(file, sign, what, detail))
        self.touched.add(file)

    def fill(self, file: str, what: str, record: CommentedMap, row: Row, sheet: Sheet, skip: tuple[str, ...] = ()
             ) -> None:
        """Set each field of `record` that differs from its cell (each change listed, unless the record is new)."""
        changed = False
        for column in sheet.columns:
            if column.informative or column.key in skip or column.key not in row.cells:
                continue
            *parents, leaf = column.key.split(".")
            container = record
            for part in parents:
                if not isinstance(container.get(part), dict):
                    container[part] = CommentedMap()
                container = container[part]
            old, new = container.get(leaf), row.text(column.key)
            if canonical(old, column.kind) == canonical(new, column.kind):
                continue
            if new:
                container[leaf] = styled(yaml_value(new, column.kind), column.kind)
            else:
                del container[leaf]
            drop_placeholder(container, leaf)
            if id(record) not in self.added:
                before = cell_text(old, column.kind) if old is not None else ""
                self.note(file, "~", what, f"{column.header} : {_quote(before)} → {_quote(new)}")
                changed = True
        for part in {c.key.split(".")[0] for c in sheet.columns if "." in c.key}:
            if record.get(part) == {}:
                del record[part]
        if changed:
            self.fills.append(Fill(file, record, what, row, sheet, skip))


def drop_placeholder(container: CommentedMap, key: str) -> None:
    """A value typed in the workbook is no longer « À COMPLÉTER »: the comment saying so goes with the old value
    (ruamel hangs the full-line comments that follow onto the same token: those stay). The first pass over the
    build's plain reading (importer.plan) has no comments to drop."""
    if not hasattr(container, "ca"):
        return
    slot = container.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if token is None:
        return
    first, _, rest = token.value.partition("\n")
    if PLACEHOLDER not in fold(first):
        return
    if rest.strip():
        token.value = "\n" + rest
    else:
        slot[2] = None


def _quote(text: Any) -> str:
    text = str(text).replace("\n", " / ")
    if not text:
        return "(vide)"
    return f"« {text if len(text) <= 70 else text[:69] + '…'} »"


def styled(value: Any, kind: str) -> Any:
    """A value as ruamel should write it: id lists inline « [a, b] », numbers as numbers."""
    if kind == "ids":
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if kind == "lines":
        return CommentedSeq(value)
    if kind in ("int", "number"):
        return _number(value)
    if kind == "indicators":
        return CommentedSeq(CommentedMap((k, _number(v) if k == "cible" else v) for k, v in item.items())
                            for item in value)
    if kind == "values":
        return CommentedMap((label, _number(number)) for label, number in value.items())
    return value


def _number(text: str) -> Any:
    try:
        number = float(str(text).replace(",", "."))
    except ValueError:
        return text  # left as typed: validation reports it
    return int(number) if number.is_integer() and "." not in str(text) else number


def sync_list(merge: Merge, file: str, seq: CommentedSeq, rows: list[tuple[str, Row]], what: str,
              find: Any, make: Any, prefix: str = "") -> list[tuple[CommentedMap, Row, str]]:
    """Match `rows` (by their id) to the items of `seq`: remove the items no row names, append new ones.
    Returns (record, row, id) for each row; `find(item)` gives an item's id, `make(id)` a new record;
    `prefix` completes the id in messages (« 1-2- » for the actions of fiche 1-2)."""
    wanted = {ident for ident, _ in rows}
    for index in reversed(range(len(seq))):
        ident = find(seq[index])
        if ident not in wanted:
            merge.note(file, "-", f"{what} {prefix}{ident}", "supprimé(e)")
            merge.removed.append((file, seq[index]))
            del seq[index]
    existing = {find(item): item for item in seq}
    result = []
    for ident, row in rows:
        record = existing.get(ident)
        if record is None:
            record = merge.add(file, f"{what} {prefix}{ident}", make(ident))
            seq.append(record)
            existing[ident] = record
        result.append((record, row, ident))
    return result


def unique_rows(table: Table, keys: tuple[str, ...], report: ErrorReport) -> list[tuple[str, Row]]:
    """Rows with their id (keys joined by « - »); a missing or repeated id is reported at its cell."""
    seen: dict[str, Row] = {}
    found = []
    for row in table.rows:
        parts = [row.text(key) for key in keys]
        if not all(parts):
            empty = keys[[bool(p) for p in parts].index(False)]
            where = row.ref(empty) or f"{table.label}!A{row.number}"
            titles = [f"« {column.title} »" for key in keys if (column := table.sheet.column(key))]
            report.add(Location(where), empty, "champ obligatoire manquant ou vide.",
                       "chaque ligne doit avoir " + ", ".join(titles[:-1]) + " et " * (len(titles) > 1) + titles[-1]
                       + ".")
            continue
        ident = "-".join(parts)
        if ident in seen:
            report.add(Location(row.ref(keys[-1])), keys[-1], f"« {ident} » figure déjà ligne {seen[ident].number}.",
                       "une ligne par enregistrement : supprimez ou renumérotez le doublon.")
            continue
        seen[ident] = row
        found.append((ident, row))
    return found

