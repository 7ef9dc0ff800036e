"""Open an .xlsx a person sends back, safely: its size checked before reading, read as a stream, cells as values.

An .xlsx is a zip of XML files; a small one can claim millions of cells (a 761 KB workbook once took 4.9 GB of
memory). So the file's bytes, the uncompressed size of its members (what the zip's directory declares, which
is also all zipfile will inflate) and each sheet's declared dimension are checked before a row is read; rows
and cells are counted again while streaming, since a sheet may omit or understate its dimension.
A formula cell is read through the value the spreadsheet last computed; one that was never computed (written
by a script, not saved by a spreadsheet) is refused rather than read as empty.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

MAX_BYTES = 20_000_000  # the .xlsx file itself
MAX_UNCOMPRESSED = 300_000_000  # its members once unzipped
MAX_ROWS = 10_000  # rows of one sheet under its header, empty ones included (measured: benchmarks/README.md)
MAX_CELLS = 1_000_000  # cells of all the sheets read, empty ones included
HINT = (f"au plus {MAX_ROWS:_} lignes par feuille et {MAX_CELLS:_} cellules : supprimez les lignes et colonnes "
        "vides en fin de feuille, ou repartez d'un classeur exporté par « cls-site classeur exporter »."
        ).replace("_", "\u202f")


class WorkbookError(Exception):
    """A workbook that cannot be read safely; args are the French message and the hint."""


@dataclass
class SheetRows:
    title: str
    rows: list[list[Any]]
    formulas: list[tuple[int, int, str]]  # (row, column, formula) of formula cells never computed


def check_size(path: Path) -> None:
    """Refuse a file too large or a zip that would inflate too much, before any XML is parsed."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise WorkbookError(f"classeur trop volumineux ({size / 1e6:.1f} Mo, au plus {MAX_BYTES / 1e6:.0f} Mo).",
                            HINT)
    with zipfile.ZipFile(path) as archive:
        inflated = sum(member.file_size for member in archive.infolist())
    if inflated > MAX_UNCOMPRESSED:
        raise WorkbookError(f"classeur trop volumineux une fois décompressé ({inflated / 1e6:.0f} Mo, au plus "
                            f"{MAX_UNCOMPRESSED / 1e6:.0f} Mo).", HINT)


def read_sheets(path: Path, choose: Callable[[list[str]], set[str]]) -> list[SheetRows]:
    """The rows of the sheets `choose` picks from all the titles (values, and formulas never computed)."""
    check_size(path)
    values = load_workbook(path, read_only=True, data_only=True)
    # A second reading, for the formulas, only when a sheet has one (the exported workbook has none).
    formulas = load_workbook(path, read_only=True, data_only=False) if _has_formulas(path) else None
    try:
        chosen = [sheet.title for sheet in values.worksheets if sheet.title in choose(values.sheetnames)]
        _check_dimensions([values[title] for title in chosen])
        budget = [MAX_CELLS]
        return [_rows(values[title], formulas[title] if formulas else None, budget) for title in chosen]
    finally:
        values.close()
        if formulas:
            formulas.close()


def _has_formulas(path: Path) -> bool:
    """Whether a sheet of the workbook holds a formula element (« <f> » or « <f t=… »), read as a stream."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as member:
                    tail = b""
                    while chunk := member.read(1 << 20):
                        if re.search(rb"<(?:\w+:)?f[ >/]", tail + chunk):
                            return True
                        tail = chunk[-16:]
    return False


def _check_dimensions(sheets: list[Any]) -> None:
    """The cells the sheets declare (their « A1:Z500 » dimension), refused above the limits before reading."""
    declared = 0
    for sheet in sheets:
        rows, columns = sheet.max_row or 0, sheet.max_column or 0
        if rows - 1 > MAX_ROWS:
            raise WorkbookError(f"feuille « {sheet.title} » trop longue ({rows - 1} lignes sous l'en-tête, au plus "
                                f"{MAX_ROWS}).",
                                HINT)
        declared += rows * columns
    if declared > MAX_CELLS:
        raise WorkbookError(f"classeur trop grand ({declared} cellules, au plus {MAX_CELLS}).",
                            HINT)


def _rows(values: Any, formulas: Any, budget: list[int]) -> SheetRows:
    """The rows of one sheet, counted as they stream; cached values, and the formulas that have none."""
    found = SheetRows(values.title, [], [])
    raw = formulas.iter_rows(values_only=True) if formulas is not None else ()
    pairs = zip_longest(values.iter_rows(values_only=True), raw, fillvalue=())
    for number, (row, raw) in enumerate(_counted(pairs, values.title, budget), 1):
        found.rows.append(list(row))
        for column, (cached, typed) in enumerate(zip(row, raw, strict=False)):
            if cached is None and isinstance(typed, str) and typed.startswith("="):
                found.formulas.append((number, column, typed))
    return found


def _counted(pairs: Iterator[tuple[Any, Any]], title: str, budget: list[int]) -> Iterator[tuple[Any, Any]]:
    """Stop with an error once a sheet passes MAX_ROWS or the workbook MAX_CELLS (dimensions can lie)."""
    for number, pair in enumerate(pairs, 1):
        budget[0] -= len(pair[0])
        if number - 1 > MAX_ROWS:
            raise WorkbookError(f"feuille « {title} » trop longue (plus de {MAX_ROWS} lignes sous l'en-tête).",
                                HINT)
        if budget[0] < 0:
            raise WorkbookError(f"classeur trop grand (plus de {MAX_CELLS} cellules).", HINT)
        yield pair
