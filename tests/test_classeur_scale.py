"""`classeur importer` at scale: only the files (and, in the long lists, only the records) a workbook changes go
through ruamel's round trip; the result is byte for byte what a whole-file round trip writes (issue 22)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT
from openpyxl import load_workbook
from test_classeur import _export, _project

from site_builder.spreadsheet import documents, importer


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    project = _project(tmp_path)
    return project, _export(project)


def _edit_cells(book_path: Path, sheet: str, row_id: str, cells: dict[str, object]) -> None:
    """Set cells (by French header) of the row whose first cell is `row_id`."""
    book = load_workbook(book_path)
    table = book[sheet]
    headers = {cell.value: cell.column_letter for cell in table[1]}
    row = next(r for r in range(2, table.max_row + 1) if table.cell(r, 1).value == row_id)
    for header, value in cells.items():
        table[f"{headers[header]}{row}"] = value
    book.save(book_path)


def _round_tripped(monkeypatch: pytest.MonkeyPatch) -> list[set[str] | None]:
    """The `only` argument of each ruamel load of the data files."""
    calls: list[set[str] | None] = []
    real = documents.load_all

    def spy(data_dir: Path, only: set[str] | None = None) -> dict[str, object]:
        calls.append(None if only is None else set(only))
        return real(data_dir, only)

    monkeypatch.setattr(documents, "load_all", spy)
    return calls


def test_an_unchanged_workbook_round_trips_no_file(exported: tuple[Path, Path], monkeypatch) -> None:
    project, book = exported
    calls = _round_tripped(monkeypatch)
    result = importer.plan(book, project / "data", project)
    assert not result.report and result.texts == {} and result.changes == []
    assert calls == [set()]


def test_edited_fields_rewrite_only_their_records_as_a_whole_round_trip_would(exported: tuple[Path, Path],
                                                                              monkeypatch) -> None:
    project, book = exported
    structures = documents.load(ROOT / "data" / "structures.yml")["structures"]
    first, last = str(structures[0]["id"]), str(structures[-1]["id"])
    events = documents.load(ROOT / "data" / "evenements.yml")["evenements"]
    _edit_cells(book, "structures", first, {"Nom": "Maison de santé renommée", "Téléphone": "02 38 00 00 01"})
    _edit_cells(book, "structures", last, {"Nom": "Dernière structure renommée"})
    _edit_cells(book, "événements", str(events[-1]["id"]), {"Titre": "Titre changé"})
    calls = _round_tripped(monkeypatch)
    spliced = importer.plan(book, project / "data", project)
    assert not spliced.report, spliced.report
    assert calls == [set()]  # neither list file went whole through ruamel
    assert sorted(spliced.texts) == ["evenements.yml", "structures.yml"]
    assert [c.what for c in spliced.changes] == [f"structure {first}", f"structure {first}", f"structure {last}",
                                                 f"évènement {events[-1]['id']}"]

    monkeypatch.setattr(importer, "splice", lambda *args: None)  # the whole-file round trip, as before
    whole = importer.plan(book, project / "data", project)
    assert calls[-1] == {"evenements.yml", "structures.yml"}
    assert spliced.texts == whole.texts
    assert [str(c) for c in spliced.changes] == [str(c) for c in whole.changes]
    before = (ROOT / "data" / "structures.yml").read_text(encoding="utf-8").splitlines()
    after = spliced.texts["structures.yml"].splitlines()
    assert [line for line in after if line not in before] == [
        '    nom: "Maison de santé renommée"', '    telephone: "02 38 00 00 01"',
        '    nom: "Dernière structure renommée"']  # quotes kept as written
    assert len(after) == len(before)


def test_a_record_added_or_removed_goes_through_the_whole_round_trip(exported: tuple[Path, Path],
                                                                     monkeypatch) -> None:
    """A row deleted beside an edited one: splicing the edit alone would keep the deleted record."""
    project, book = exported
    workbook = load_workbook(book)
    sheet = workbook["structures"]
    gone, edited = str(sheet["A3"].value), str(sheet["A4"].value)
    sheet.delete_rows(3)
    workbook.save(book)
    _edit_cells(book, "structures", edited, {"Nom": "Nom changé"})
    calls = _round_tripped(monkeypatch)
    result = importer.plan(book, project / "data", project)
    assert calls == [{"structures.yml"}]
    assert [(c.sign, c.what) for c in result.changes] == [("-", f"structure {gone}"), ("~", f"structure {edited}")]
    written = documents.load_chunk(result.texts["structures.yml"])["structures"]
    assert gone not in {str(record["id"]) for record in written}
    assert next(r for r in written if str(r["id"]) == edited)["nom"] == "Nom changé"


def test_changes_are_listed_in_the_order_of_the_sheets(exported: tuple[Path, Path]) -> None:
    """A spliced list file is reported where the sheets put it: after the programme, as before."""
    project, book = exported
    structures = documents.load(ROOT / "data" / "structures.yml")["structures"]
    _edit_cells(book, "structures", str(structures[0]["id"]), {"Nom": "Maison de santé renommée"})
    workbook = load_workbook(book)
    actions = workbook["actions"]
    headers = {cell.value: cell.column_letter for cell in actions[1]}
    actions[headers["Titre de l'action"] + "2"] = "Titre d'action changé"
    workbook.save(book)
    result = importer.plan(book, project / "data", project)
    assert not result.report, result.report
    assert [change.file for change in result.changes] == ["programme/axe-1.yml", "structures.yml"]
