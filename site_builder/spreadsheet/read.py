"""Read an .xlsx written by `classeur exporter` (and edited), or the site's bilan CSV, into rows of cells."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from site_builder.errors import ErrorReport, Location, closest, suggest
from site_builder.spreadsheet import bilancsv, workbook
from site_builder.spreadsheet.cells import cell_string
from site_builder.spreadsheet.columns import (
    ACTIONS_SHEET,
    AXES,
    EVENTS,
    FICHES,
    ORGANISATIONS_SHEET,
    PEOPLE,
    REVIEW_SHEET,
    REVIEW_TEMPLATE,
    REVIEWS,
    STRUCTURES,
    Sheet,
    review_sheet,
)
from site_builder.text import fold

SHEETS = {sheet.name: sheet
          for sheet in (ORGANISATIONS_SHEET, AXES, FICHES, ACTIONS_SHEET, REVIEWS, STRUCTURES, PEOPLE, EVENTS)}
IGNORED = {"listes"}
MAX_CELL_CHARS = 32_767  # Excel's own limit; LibreOffice truncates there too


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


def sheet_for(name: str, known: dict[str, Sheet] | None = None) -> Sheet | None:
    """The sheet spec of a sheet name, « bilan 2025 » included; None for a sheet we do not read. `known`: the
    sheets of another kind of workbook (the campaign's), instead of the data's."""
    if known is not None:
        return known.get(name) or known.get(fold(name).strip())
    if match := REVIEW_SHEET.fullmatch(fold(name)):  # no strip: « bilan 2025 » with a space is refused
        return review_sheet(match.group(1))
    if fold(name) == fold(REVIEW_TEMPLATE):
        return review_sheet(REVIEW_TEMPLATE.removeprefix("bilan "))
    return SHEETS.get(name) or SHEETS.get({"evenements": "événements"}.get(fold(name), fold(name)))


def read(path: Path, report: ErrorReport, known: dict[str, Sheet] | None = None) -> list[Table]:
    """The sheets of a workbook, or the one review of a bilan CSV; what cannot be read goes to `report`.
    `known`: the sheets to read instead of the data's (see `sheet_for`)."""
    if path.suffix.lower() == ".csv" and known is None:
        return _read_csv(path, report)
    try:
        wanted: dict[str, Sheet] = {}

        def choose(titles: list[str]) -> set[str]:
            wanted.update(_sheet_names(titles, report, known))
            return set(wanted)

        found = workbook.read_sheets(path, choose)
    except workbook.WorkbookError as error:
        report.add(Location(path.name), "", *error.args)
        return []
    except Exception as error:  # noqa: BLE001 - openpyxl, zipfile and the XML parser raise a dozen kinds
        report.add(Location(path.name), "", "classeur illisible : ce n'est pas un fichier .xlsx complet (fichier "
                   f"abîmé ou d'un autre format ; détail technique : {type(error).__name__}).",
                   "enregistrez-le au format Excel (.xlsx) depuis votre tableur, ou le bilan en .csv.")
        return []
    tables = []
    for sheet in found:
        for number, column, formula in sheet.formulas:
            report.add(Location(_ref(sheet.title, number, column)), "", f"formule sans valeur calculée « {formula} ».",
                       "ouvrez le classeur dans votre tableur et enregistrez-le (la valeur est alors calculée), "
                       "ou remplacez la formule par sa valeur.")
        tables.append(_table(wanted[sheet.title], sheet.title, sheet.rows, report))
    return tables


def _sheet_names(titles: list[str], report: ErrorReport, known: dict[str, Sheet] | None) -> dict[str, Sheet]:
    """The sheets to read by title; a title close to a known one is an error with the suggestion (a renamed
    sheet must not be skipped silently), another unknown title a warning."""
    wanted: dict[str, Sheet] = {}
    seen: dict[str, str] = {}
    for title in titles:
        sheet = sheet_for(title, known)
        if sheet is None:
            _unknown_sheet(title, report, known)
        elif sheet.name in seen:
            report.add(Location(title), "", f"deux feuilles « {sheet.name} » (« {seen[sheet.name]} » et « {title} »).",
                       "gardez-en une seule : supprimez ou renommez l'autre.")
        else:
            seen[sheet.name] = title
            wanted[title] = sheet
    return wanted


def _unknown_sheet(title: str, report: ErrorReport, known: dict[str, Sheet] | None = None) -> None:
    if title in IGNORED:
        return
    simple = re.sub(r"\s*\(\d+\)$", "", fold(title).strip())  # « Actions (2) » is what a copied sheet is named
    names = list(known) if known is not None else [*SHEETS, "bilan AAAA"]
    year = re.match(r"bilan\D*([0-9]{4})", simple)
    match = f"bilan {year.group(1)}" if year else closest(simple, names)
    if match:
        report.add(Location(title), "", f"feuille « {title} » : nom inconnu.",
                   f"vouliez-vous dire « {match} » ? Renommez la feuille exactement ainsi (sans espace en trop).")
    else:
        report.warn(Location(title), "", "feuille ignorée (nom inconnu).")


def _read_csv(path: Path, report: ErrorReport) -> list[Table]:
    """The site's bilan CSV as downloaded (BOM, « ; », CRLF), or the same saved again by a spreadsheet."""
    match = re.search(r"([0-9]{4})", path.stem)
    if not match:
        report.add(Location(path.name), "", "année du bilan introuvable dans le nom du fichier.",
                   "gardez le nom du fichier téléchargé, ex. « bilan-2025.csv ».")
        return []
    try:
        rows, encoding = bilancsv.rows(path)
    except bilancsv.CsvFileError as error:
        report.add(Location(path.name), "", *error.args)
        return []
    if encoding != "UTF-8":
        report.warn(Location(path.name), "", f"fichier lu comme du texte {encoding}.",
                    "vérifiez les accents dans les changements affichés.")
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
            text = cell_string(values[index] if index < len(values) else None)
            if len(text) > MAX_CELL_CHARS:
                report.add(Location(_ref(label, number, index)), "", f"cellule de {len(text)} caractères.",
                           f"une cellule fait au plus {MAX_CELL_CHARS} caractères (limite des tableurs).")
                text = ""
            row.cells[key] = (text, _ref(label, number, index))
        if not row.blank():
            table.rows.append(row)
    return table


def _ref(label: str, row: int, index: int) -> str:
    return f"{label}!{get_column_letter(index + 1)}{row}"
