"""Write the data as one .xlsx: a sheet per kind, French headers, dropdowns for closed lists, one row a record."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from site_builder.spreadsheet import documents
from site_builder.spreadsheet.cells import cell_text
from site_builder.spreadsheet.columns import (
    ACTIONS_SHEET,
    AXES,
    EVENTS,
    FICHES,
    ORGANISATIONS,
    ORGANISATIONS_SHEET,
    PEOPLE,
    REVIEW_TEMPLATE,
    REVIEWS,
    STRUCTURES,
    Column,
    Sheet,
    review_sheet,
)
from site_builder.spreadsheet.people import people_rows

LISTS_SHEET = "listes"
EMPTY_ROWS = 200  # rows below the data that keep the dropdowns, for new records
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
WRAP = Alignment(wrap_text=True, vertical="top")


# A text starting with one of these is a formula to a spreadsheet (« =HYPERLINK(…) », « @SUM(…) », « -2+3 »).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportTargetError(Exception):
    """A target `classeur exporter` must not write over; the message is French."""


def check_target(target: Path) -> None:
    """Refuse anything but a new .xlsx or an existing workbook: `data/structures.yml` is never overwritten."""
    if target.suffix.lower() != ".xlsx":
        raise ExportTargetError(f"« {target} » n'est pas un fichier .xlsx : le classeur s'écrit dans un fichier "
                                "dont le nom finit par .xlsx, par exemple classeur.xlsx.")
    if target.exists() and not _is_workbook(target):
        raise ExportTargetError(f"« {target} » existe et n'est pas un classeur : il n'a pas été remplacé. "
                                "Choisissez un autre nom, ou déplacez ce fichier.")


def _is_workbook(path: Path) -> bool:
    """Whether `path` is an .xlsx (a zip holding xl/workbook.xml), so that replacing it loses no other file."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def export(data_dir: Path, target: Path) -> dict[str, int]:
    """Write `target` (a temporary file beside it, renamed at the end); return the number of rows of each sheet."""
    check_target(target)
    # The build's reader: every value as the file writes it (« 0238000000 » stays a phone number) and four
    # times faster than ruamel's round trip (benchmarks/classeur_big.py); a file it refuses goes through
    # ruamel's reader, which says why.
    docs = documents.load_plain(data_dir) or documents.load_all(data_dir)
    axes = [doc for file, doc in docs.items() if file.startswith("programme/") and isinstance(doc, dict)]
    axes.sort(key=lambda axis: _order(axis.get("numero")))
    reviews = sorted((doc for file, doc in docs.items() if file.startswith("suivi/") and isinstance(doc, dict)),
                     key=lambda review: _order(review.get("annee")))
    actions = list(programme_actions(axes))
    lists = {"organisations": documents.ids(docs, "organisations.yml", "organisations"),
             "communes": documents.ids(docs, "communes.yml", "communes", "code_insee"),
             "structures": documents.ids(docs, "structures.yml", "structures"),
             "actions": [action_id(axe, fiche, action) for axe, fiche, action in actions]}
    tables: list[tuple[Sheet, list[dict[str, Any]]]] = [
        (ORGANISATIONS_SHEET, (docs.get("organisations.yml") or {}).get("organisations") or []),
        (AXES, axes),
        (FICHES, [{"axe": axis.get("numero"), **fiche} for axis in axes for fiche in axis.get("fiches") or []]),
        (ACTIONS_SHEET, [{"axe": axe, "fiche": fiche, **action} for axe, fiche, action in actions]),
        (REVIEWS, reviews),
        *((review_sheet(review["annee"]), _review_rows(review, actions, docs)) for review in reviews),
        (review_sheet(REVIEW_TEMPLATE.removeprefix("bilan ")), _review_rows({}, actions, docs)),
        (STRUCTURES, (docs.get("structures.yml") or {}).get("structures") or []),
        (PEOPLE, list(people_rows((docs.get("structures.yml") or {}).get("structures") or []))),
        (EVENTS, (docs.get("evenements.yml") or {}).get("evenements") or []),
    ]
    book = Workbook()
    book.remove(book.active)
    listing = _lists_sheet(book, tables, lists)
    for sheet, rows in tables:
        write_sheet(book.create_sheet(sheet.name), sheet, rows, listing)
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    book[LISTS_SHEET].sheet_state = "hidden"
    save_atomically(book, target)
    return {sheet.name: len(rows) for sheet, rows in tables}


def _order(number: Any) -> int:
    """Axes and reviews by their number; one that is not a number (an error for `validate`) last."""
    return int(number) if str(number).isdigit() else 1 << 30


def save_atomically(book: Workbook, target: Path) -> None:
    """Written beside `target`, then renamed: an interrupted save never leaves half a workbook."""
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        book.save(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def programme_actions(axes: list[dict[str, Any]]) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    for axis in axes:
        for fiche in axis.get("fiches") or []:
            for action in fiche.get("actions") or []:
                yield axis.get("numero"), fiche.get("numero"), action


def action_id(axe: Any, fiche: Any, action: dict[str, Any]) -> str:
    """« 1-2-3 », as the build numbers the action (an integer: `numero: 01` is axe 1)."""
    return "-".join(str(int(part)) if str(part).isdigit() else str(part) for part in (axe, fiche, action.get("numero")))


def _review_rows(review: dict[str, Any], actions: list[tuple[Any, Any, dict[str, Any]]],
                 docs: dict[str, Any]) -> list[dict[str, Any]]:
    """Every action of the programme, as in the site's bilan CSV; an action without review has no status."""
    organisations = (docs.get("organisations.yml") or {}).get("organisations") or []
    names = {str(o.get("id")): str(o.get("nom")) for o in organisations}
    found = review.get("actions") or {}
    rows = []
    for axe, fiche, action in actions:
        ident = action_id(axe, fiche, action)
        pilots = " | ".join(names.get(str(p), str(p)) for p in action.get("pilotes") or [])
        rows.append({"action": ident, "titre": action.get("titre"), "axe": axe, "pilotes": pilots,
                     **(found.get(ident) or {})})
    listed = {row["action"] for row in rows}
    rows.extend({"action": ident, **entry} for ident, entry in found.items() if ident not in listed)
    return rows


def _lists_sheet(book: Workbook, tables: list[tuple[Sheet, list[dict[str, Any]]]],
                 lists: dict[str, list[str]]) -> dict[tuple[str, str], str]:
    """A hidden sheet holding each dropdown's values (Excel limits an inline list to 255 characters)."""
    sheet = book.create_sheet(LISTS_SHEET)
    ranges: dict[tuple[str, str], str] = {}
    number = 0
    organisations = len(next(rows for table, rows in tables if table is ORGANISATIONS_SHEET))
    for table, _ in tables:
        for column in table.columns:
            if column.choices is ORGANISATIONS:  # the sheet itself: an organisation typed there is offered at once
                last = organisations + 1 + EMPTY_ROWS
                ranges[(table.name, column.key)] = f"{ORGANISATIONS_SHEET.name}!$A$2:$A${last}"
                continue
            if column.choices is None:
                continue
            values = column.choices(lists)
            number += 1
            letter = get_column_letter(number)
            sheet.cell(1, number, f"{table.name} · {column.header}")
            for row, value in enumerate(values, 2):
                sheet.cell(row, number, value)
            ranges[(table.name, column.key)] = f"{LISTS_SHEET}!${letter}$2:${letter}${max(len(values), 1) + 1}"
    return ranges


def write_sheet(sheet: Worksheet, table: Sheet, rows: list[dict[str, Any]],
                 listing: dict[tuple[str, str], str]) -> None:
    for number, column in enumerate(table.columns, 1):
        cell = sheet.cell(1, number, column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    styles: dict[bool, StyleArray] = {}  # text or not → the cell style, set once then copied (a third of the
    for row, record in enumerate(rows, 2):  # time of an export of 10,000 rows went into setting styles)
        for number, column in enumerate(table.columns, 1):
            value = cell_text(documents.nested(record, column.key), column.kind)
            cell = sheet.cell(row, number, value)
            text = isinstance(value, str)
            if text:
                cell.data_type = "s"  # stored as text, never as a live formula (openpyxl turns « =… » into one)
            if text not in styles:
                cell.alignment = WRAP
                if text:
                    cell.number_format = "@"  # text: « 01000 » or « 2025-12-16 » stay as typed
                styles[text] = copy(cell._style)
            else:
                cell._style = copy(styles[text])  # openpyxl's documented way to copy a style
            if text and value.startswith(FORMULA_START):
                cell.quotePrefix = True  # and kept as text when the person edits it in a spreadsheet
    sheet.freeze_panes = "A2"
    last = len(rows) + 1 + EMPTY_ROWS
    for number, column in enumerate(table.columns, 1):
        if (table.name, column.key) in listing:
            _dropdown(sheet, column, listing[(table.name, column.key)], number, last)


def _dropdown(sheet: Worksheet, column: Column, source: str, number: int, last: int) -> None:
    """A list to pick from; a column holding several ids accepts a typed list too (no error box)."""
    several = column.kind == "ids"
    validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True,
                                showErrorMessage=not several, errorStyle="stop",
                                errorTitle="Valeur inconnue",
                                error="Choisissez une valeur dans la liste.",
                                promptTitle=column.header[:32], prompt="Choisissez dans la liste"
                                + (" ; plusieurs : séparez par des virgules." if several else "."),
                                showInputMessage=True)
    letter = get_column_letter(number)
    validation.add(f"{letter}2:{letter}{last}")
    sheet.add_data_validation(validation)
