"""`classeur importer`: read the spreadsheet, apply it to the YAML, validate what would be written, show it.

Errors point at cells (« actions!D12 ») with the messages of the YAML validation: the merged files are
validated as text by the same code as a build, then each file line is traced back to the cell it came from.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder import yaml_files
from site_builder.errors import DataError, DataValidationError, ErrorReport, Location, relative
from site_builder.load import Mapping, Node, Sequence, load_text
from site_builder.spreadsheet import documents
from site_builder.spreadsheet.apply import apply
from site_builder.spreadsheet.datapaths import inside
from site_builder.spreadsheet.read import read
from site_builder.spreadsheet.row_merge import Change, Merge, Origin
from site_builder.spreadsheet.splice import splice
from site_builder.spreadsheet.wording import format_errors, reword
from site_builder.validate import load_model


@dataclass
class Plan:
    """What an import would do: new texts of the files it rewrites (None: deleted), changes, dropped comments."""

    texts: dict[str, str | None] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    dropped_comments: list[tuple[str, str]] = field(default_factory=list)
    report: ErrorReport = field(default_factory=ErrorReport)
    sheets: list[str] = field(default_factory=list)  # the sheets read, in the workbook's order

    def error_text(self) -> str:
        """The errors in the coordinator's words, in the order of the tabs."""
        return format_errors(self.report, self.sheets)


def plan(source: Path, data_dir: Path, root: Path) -> Plan:
    """Read `source` and work out every change; `report` holds the located errors (nothing is written).
    A row the workbook cannot place (no number) does not hide the rest: what could be placed is validated too,
    and every error that points at a cell is reported with it."""
    result = Plan()
    tables = read(source, result.report)
    result.sheets = [table.label for table in tables]
    if not tables:  # the workbook itself could not be read: nothing more to say
        return result
    plain = documents.load_plain(data_dir)
    probe = Merge(plain or {}, ErrorReport())
    if plain is not None:
        apply(tables, probe)
    spliced = _spliced(data_dir, probe) if plain is not None else {}
    merge = Merge(_documents(data_dir, plain, probe, set(spliced)), result.report)
    apply(tables, merge)
    order = {file: index for index, file in enumerate(dict.fromkeys(change.file for change in probe.changes))}
    result.changes = sorted([change for change in probe.changes if change.file in spliced] + merge.changes,
                            key=lambda change: order.get(change.file, len(order)))  # files in the sheets' order
    placed = not result.report
    result.texts.update(spliced)
    for file in sorted(merge.touched - merge.deleted):
        result.texts[file] = yaml_files.dump(merge.docs[file])
    result.texts.update({file: None for file in merge.deleted})
    merge.docs.clear()  # the documents are the heaviest objects: freed before validation builds its own
    probe.docs.clear()
    if result.texts:  # when nothing changes, the data on disk is not this import's to judge
        check(result, data_dir, root, merge.origins, placed)
    reword(result.report, tables)
    if not placed:
        result.texts = {}
    return result


def check(result: Plan, data_dir: Path, root: Path, origins: list[Origin], placed: bool = True) -> None:
    """Validate the files as they would be written, as a build would; each error goes to `result.report` at the
    cell its line came from (also used by `cls-site campagne importer`). When some rows could not be placed, only
    the errors at a cell are kept (the others may come from those rows)."""
    result.dropped_comments = _dropped_comments(data_dir, result.texts)
    try:
        load_model(data_dir, root, texts=result.texts)
    except DataValidationError as error:
        cells = _cells(data_dir, root, result.texts, origins)
        for found in error.report.errors:
            located = _located(found, cells)
            if placed or located is not found:
                result.report.errors.append(located)


def _documents(data_dir: Path, plain: dict[str, Any] | None, probe: Merge, spliced: set[str]) -> dict[str, Any]:
    """The data files, in ruamel's round trip only those the sheets change and splice.py could not: a first pass
    over the build's plain reading (`probe`, values compare the same way) found them; the other files stay
    plain and are never rewritten from these documents."""
    if plain is None:
        return documents.load_all(data_dir)
    redo = probe.touched - spliced
    # A file the probe created is created again by the second pass, even one it dropped from `touched` (a new
    # review without statuses, apply._unreviewed): only files on disk are kept.
    kept = {file: doc for file, doc in plain.items() if file not in redo and (data_dir / file).is_file()}
    return kept | documents.load_all(data_dir, only=redo)


def _spliced(data_dir: Path, probe: Merge) -> dict[str, str]:
    """New texts of the list files the sheets change, record by record (splice.py)."""
    texts = {}
    for key, file in documents.LISTS.items():
        if file not in probe.touched or not (data_dir / file).is_file():
            continue
        text = splice((data_dir / file).read_text(encoding="utf-8-sig"), probe.docs[file], key, probe, file)
        if text is not None:
            texts[file] = text
    return texts


def write(data_dir: Path, texts: dict[str, str | None]) -> None:
    """Every new file is written beside its target first, then all are renamed: no half-written import."""
    targets = {file: inside(data_dir, file) for file in texts}  # every path checked before anything is written
    staged = []
    for file, text in texts.items():
        if text is None:
            continue
        target = targets[file]
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.classeur")
        temporary.write_text(text, encoding="utf-8")
        staged.append((temporary, target))
    for temporary, target in staged:
        os.replace(temporary, target)
    for file, text in texts.items():
        if text is None:
            targets[file].unlink(missing_ok=True)


def describe(result: Plan, data_dir: Path, root: Path) -> str:
    """The changes in French, file by file; then the comments that rewriting would drop."""
    if not result.changes:
        return "Aucun changement : les fichiers de données correspondent déjà au classeur."
    lines = []
    for file in dict.fromkeys(change.file for change in result.changes):
        lines.append(relative(data_dir / file, root))
        for change in (c for c in result.changes if c.file == file):
            lines.append(f"  {change.sign} {change.what}" + (f" · {change.detail}" if change.detail else ""))
    added = sum(c.sign == "+" for c in result.changes)
    removed = sum(c.sign == "-" for c in result.changes)
    changed = sum(c.sign == "~" for c in result.changes)
    lines.append(f"\n{added} ajout(s), {changed} modification(s), {removed} suppression(s).")
    if result.dropped_comments:
        lines.append("Commentaires qui seront supprimés (ils accompagnaient ce qui est retiré) :")
        lines.extend(f"  {relative(data_dir / file, root)} : {comment}" for file, comment in result.dropped_comments)
    return "\n".join(lines)


COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def _comments(text: str) -> Counter[str]:
    return Counter(match.group(1).strip() for line in text.splitlines() if (match := COMMENT.search(line))
                   and line.lstrip().startswith("#"))


def _dropped_comments(data_dir: Path, texts: dict[str, str | None]) -> list[tuple[str, str]]:
    dropped = []
    for file, text in texts.items():
        path = data_dir / file
        if path.is_file():
            missing = _comments(path.read_text(encoding="utf-8")) - _comments(text or "")
            dropped.extend((file, comment) for comment in missing.elements())
    return dropped


# --- from a file line back to a cell ----------------------------------------------------------------


@dataclass
class Cells:
    values: dict[tuple[str, int], str] = field(default_factory=dict)  # (file, line) → cell
    rows: dict[tuple[str, int], Origin] = field(default_factory=dict)  # (file, first line of a record) → row


def _cells(data_dir: Path, root: Path, texts: dict[str, str | None], origins: list[Origin]) -> Cells:
    cells = Cells()
    trees: dict[str, Node] = {}
    for origin in origins:
        text = texts.get(origin.file)
        if text is None:
            continue
        display = relative(data_dir / origin.file, root)
        if display not in trees:
            trees[display] = load_text(text, display, ErrorReport())
        parent, record = _walk(trees[display], origin.path)
        if not isinstance(record, Mapping):
            continue
        cells.rows[(display, record.line)] = origin
        if origin.key_cell and isinstance(parent, Mapping):
            cells.values[(display, parent.key_lines[origin.path[-1]])] = origin.key_cell
        for key, (_, ref) in origin.row.cells.items():
            _trace(cells, display, record, key.split("."), ref)
    return cells


def _walk(tree: Node, path: tuple[object, ...]) -> tuple[Node, Node]:
    parent, node = None, tree
    for step in path:
        parent = node
        if isinstance(step, tuple) and isinstance(node, Sequence):
            field_name, value = step
            node = next((item for item in node if isinstance(item, Mapping) and item.get(field_name) == value), None)
        elif isinstance(node, Mapping):
            node = node.get(step)
        else:
            return None, None
    return parent, node


def _trace(cells: Cells, display: str, record: Mapping, keys: list[str], ref: str) -> None:
    """Every line the value of `keys` spans in `record` comes from cell `ref`."""
    for key in keys[:-1]:
        record = record.get(key)
        if not isinstance(record, Mapping):
            return
    if keys[-1] not in record:
        return
    cells.values[(display, record.key_lines[keys[-1]])] = ref
    value = record[keys[-1]]
    children = value if isinstance(value, Sequence) else [*value.values(), *_key_lines(value)] if isinstance(
        value, Mapping) else [value]
    for child in children:
        line = child if isinstance(child, int) else getattr(child, "line", 0)
        if line:
            cells.values[(display, line)] = ref


def _key_lines(mapping: Mapping) -> list[int]:
    return list(mapping.key_lines.values())


def _located(error: DataError, cells: Cells) -> DataError:
    """The error at its cell when its line came from the spreadsheet; as it was otherwise."""
    where = (error.location.file, error.location.line)
    name = re.sub(r"\[[^\]]*\]$", "", error.field).rsplit(".", 1)[-1]
    origin = cells.rows.get(where)
    if origin is not None and origin.row.ref(name):  # a field of the record that starts on this line
        cell = origin.row.ref(name)
    elif where in cells.values:
        cell = cells.values[where]
    elif origin is not None:
        cell = next(iter(origin.row.cells.values()))[1]
    else:
        return error
    return dataclasses.replace(error, location=Location(cell))
