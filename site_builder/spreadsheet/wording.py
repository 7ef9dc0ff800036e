"""The import's errors in the coordinator's words: the cell with its column header, the sheets by their name.

The validation speaks of YAML files (`fiches[1].actions[2].pilotes[1]`, « data/organisations.yml »); a person
who typed a workbook sees tabs, cells and headers. So an error located at a cell names that cell's header
(`actions!E3 (Pilotes)`), the files the workbook covers are named by their sheet, and the report follows the
order of the tabs, then of the rows.
"""

from __future__ import annotations

import dataclasses
import re

from openpyxl.utils import column_index_from_string

from site_builder.errors import DataError, ErrorReport
from site_builder.spreadsheet.read import Table

CELL = re.compile(r"(?P<sheet>.+)!(?P<column>[A-Z]{1,3})(?P<row>[0-9]+)")

# What the validation says of a file the workbook covers → the same said of its sheet.
SHEET_WORDS = (
    ("(data/organisations.yml)", "(feuille « organisations »)"),
    ("dans le fichier des organisations", "dans la feuille « organisations »"),
    ("(data/structures.yml)", "(feuille « structures »)"),
    ("dans le fichier des structures", "dans la feuille « structures »"),
)


def headers(tables: list[Table]) -> dict[str, str]:
    """Each data cell read from the workbook (« actions!E3 ») → the header of its column, without its brackets."""
    found = {}
    for table in tables:
        names = {column.key: column.title for column in table.sheet.columns}
        for row in table.rows:
            for key, (_, ref) in row.cells.items():
                found[ref] = names.get(key, key)
    return found


def reword(report: ErrorReport, tables: list[Table]) -> None:
    """Every error at a cell gets its column header as field, and sheet names instead of file names."""
    names = headers(tables)
    report.errors[:] = [_reworded(error, names) for error in report.errors]


def _reworded(error: DataError, names: dict[str, str]) -> DataError:
    cell = error.location.file
    if not CELL.fullmatch(cell):
        return error
    header = names.get(cell)
    return dataclasses.replace(error, field=f"({header})" if header else "", message=_sheet_words(error.message),
                               hint=_sheet_words(error.hint))


def _sheet_words(text: str) -> str:
    for file_words, sheet_words in SHEET_WORDS:
        text = text.replace(file_words, sheet_words)
    return text


def format_errors(report: ErrorReport, sheets: list[str]) -> str:
    """The errors in the order of the tabs, then of the rows and columns; then how many, and that nothing was
    written."""
    errors = sorted(set(report.errors), key=lambda error: _place(error, sheets))
    count = len(errors)
    lines = [str(error) for error in errors]
    lines.append(f"\n{count} {'erreur' if count == 1 else 'erreurs'} dans le classeur. Rien n'a été écrit.")
    return "\n".join(lines)


def _place(error: DataError, sheets: list[str]) -> tuple[int, int, int, int, str]:
    """Files the workbook could not read first, then the sheets in their order (a sheet's own errors at A1)."""
    match = CELL.fullmatch(error.location.file)
    if match is None:
        sheet = error.location.file
        rank = sheets.index(sheet) if sheet in sheets else -1
        return (not error.first, rank, 0, error.location.line, error.message)
    rank = sheets.index(match["sheet"]) if match["sheet"] in sheets else len(sheets)
    return (True, rank, int(match["row"]), column_index_from_string(match["column"]), error.message)
