"""Read an .xlsx written by `classeur exporter` (and edited), or the site's bilan CSV, into rows of cells."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from site_builder.errors import ErrorReport, Location, suggest
from site_builder.spreadsheet.columns import (
    ACTIONS_SHEET,
    AXES,
    EVENTS,
    FICHES,
    REVIEW_SHEET,
    REVIEWS,
    STRUCTURES,
    Sheet,
    cell_string,
    review_sheet,
)
from site_builder.text import fold

SHEETS = {sheet.name: sheet for sheet in (AXES, FICHES, ACTIONS_SHEET, REVIEWS, STRUCTURES, EVENTS)}
IGNORED = {"listes"}


@dataclass
class Row:
    number: int
    cells: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (text, « feuille!B12 »)

    def text(self, key: str) -> str:
        return self.cells.get(key, ("", ""))[0]

    def ref(self, key: str) -> str:
        return self.cells.get(key, ("", ""))[1]

    def blank(self, keys: list[str] | None = None) -> bool:
        return not any(text for k, (text, _) in self.cells.items() if keys is None or k in keys)


@dataclass
class Table:
    sheet: Sheet
    label: str  # how locations name the sheet: « actions », or the CSV's file name
    rows: list[Row]


def sheet_for(name: str) -> Sheet | None:
    """The sheet spec of a sheet name, « bilan 2025 » included; None for a sheet we do not read."""
    if match := REVIEW_SHEET.fullmatch(fold(name).strip()):
        return review_sheet(match.group(1))
    return SHEETS.get(name) or SHEETS.get({"evenements": "événements"}.get(fold(name), fold(name)))


def read(path: Path, report: ErrorReport) -> list[Table]:
    if path.suffix.lower() == ".csv":
        return _read_csv(path, report)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, InvalidFileException) as error:
        report.add(Location(path.name), "", f"classeur illisible ({error}).",
                   "enregistrez-le au format Excel (.xlsx) depuis votre tableur, ou le bilan en .csv.")
        return []
    tables = []
    for worksheet in book.worksheets:
        sheet = sheet_for(worksheet.title)
        if sheet is None:
            if worksheet.title not in IGNORED:
                report.warn(Location(worksheet.title), "", "feuille ignorée (nom inconnu).")
            continue
        rows = [list(values) for values in worksheet.iter_rows(values_only=True)]
        tables.append(_table(sheet, worksheet.title, rows, report))
    book.close()
    return tables


def _read_csv(path: Path, report: ErrorReport) -> list[Table]:
    """The site's bilan CSV as downloaded (BOM, « ; », CRLF), or the same saved again by a spreadsheet."""
    match = re.search(r"(\d{4})", path.stem)
    if not match:
        report.add(Location(path.name), "", "année du bilan introuvable dans le nom du fichier.",
                   "gardez le nom du fichier téléchargé, ex. « bilan-2025.csv ».")
        return []
    text = path.read_bytes().decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return [_table(review_sheet(match.group(1)), path.name, rows, report)]


def _table(sheet: Sheet, label: str, rows: list[list[Any]], report: ErrorReport) -> Table:
    """Match the header row to the columns (by French header or YAML key), then read every row below."""
    header = [cell_string(value) for value in rows[0]] if rows else []
    known = {fold(c.header): c for c in sheet.columns} | {fold(c.key): c for c in sheet.columns}
    positions: dict[int, str] = {}
    for index, title in enumerate(header):
        if not title:
            continue
        column = known.get(fold(title))
        if column is None:
            hint = suggest(title, [c.header for c in sheet.columns]) or "colonnes possibles : " + ", ".join(
                c.header for c in sheet.columns) + "."
            report.add(Location(_ref(label, 1, index)), "", f"colonne inconnue « {title} ».", hint)
        elif not column.informative:
            positions[index] = column.key
    table = Table(sheet, label, [])
    for number, values in enumerate(rows[1:], 2):
        row = Row(number)
        for index, key in positions.items():
            value = values[index] if index < len(values) else None
            row.cells[key] = (cell_string(value), _ref(label, number, index))
        if not row.blank():
            table.rows.append(row)
    return table


def _ref(label: str, row: int, index: int) -> str:
    return f"{label}!{get_column_letter(index + 1)}{row}"
