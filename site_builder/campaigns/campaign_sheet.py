"""campagne.xlsx: one row per structure asked, its answer to note, and its fields as data/structures.yml holds
them (the coordinator edits the cells a structure corrects; `cls-site campagne importer` reads them back)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from site_builder.campaigns.fields import CORRECTABLE
from site_builder.directory import ANSWERS
from site_builder.spreadsheet import documents
from site_builder.spreadsheet.columns import Column, Sheet
from site_builder.spreadsheet.export import EMPTY_ROWS, check_target, save_atomically, write_sheet
from site_builder.yaml_files import written

# The answers a coordinator types (or picks), « envoyée » being no answer yet: an empty cell.
ANSWER_CHOICES = tuple(label for key, label in ANSWERS.items() if key != "envoyee")
CORRECTABLE_SHEET = Sheet("campagne", CORRECTABLE)
CAMPAIGN_SHEET = Sheet("campagne", (
    Column("id", "Identifiant", width=24),
    CORRECTABLE[0],  # Nom
    Column("commune", "Commune (pour information)", width=18, informative=True),
    Column("envoye_le", "Envoyée le (pour information)", "date", width=14, informative=True),
    Column("reponse", "Réponse (confirmée, corrigée, sans réponse)", width=18),
    Column("repondu_le", "Répondu le (AAAA-MM-JJ, vide : jour de l'import)", "date", width=16),
    *CORRECTABLE[1:],
    Column("remarques", "Autres remarques (pour la coordination, non importées)", width=40, informative=True),
))


def write_workbook(data_dir: Path, target: Path, asked: list[tuple[str, Any]]) -> None:
    """Write `target` for the structures `asked` as (id, day sent), in that order; temporary file, then renamed."""
    check_target(target)
    records = {written(item.get("id")): item for item in _structures(data_dir)}
    rows = [{**records[ident], "envoye_le": day.isoformat()} for ident, day in asked if ident in records]
    book = Workbook()
    sheet = book.active
    sheet.title = CAMPAIGN_SHEET.name
    write_sheet(sheet, CAMPAIGN_SHEET, rows, {})
    column = next(n for n, c in enumerate(CAMPAIGN_SHEET.columns, 1) if c.key == "reponse")
    letter = sheet.cell(1, column).column_letter
    choices = DataValidation(type="list", formula1='"' + ",".join(ANSWER_CHOICES) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="Réponse inconnue",
                             error="Choisissez : " + ", ".join(ANSWER_CHOICES) + ".")
    choices.add(f"{letter}2:{letter}{len(rows) + 1 + EMPTY_ROWS}")
    sheet.add_data_validation(choices)
    save_atomically(book, target)


def _structures(data_dir: Path) -> list[Any]:
    """The records of data/structures.yml as the file writes them (the cells must equal the YAML when unchanged)."""
    path = data_dir / documents.LISTS["structures"]
    return list((documents.load(path) or {}).get("structures") or []) if path.is_file() else []
