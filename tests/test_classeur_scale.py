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


def _copy_row(book_path: Path, sheet: str, source: int, cells: dict[str, object]) -> None:
    """Append a copy of row `source` with `cells` (by French header) changed: a new record the sheet adds."""
    book = load_workbook(book_path)
    table = book[sheet]
    headers = {cell.value: index for index, cell in enumerate(table[1])}
    values = [cell.value for cell in table[source]]
    for header, value in cells.items():
        values[headers[header]] = value
    table.append(values)
    book.save(book_path)


def _delete_rows(book_path: Path, sheet: str, *rows: int) -> list[str]:
    """Delete rows (highest first, so the numbers stay right) and return their ids; a structure's people go
    from the « professionnels » sheet with it (naming a structure that is gone is an error)."""
    book = load_workbook(book_path)
    table = book[sheet]
    gone = [str(table.cell(row, 1).value) for row in rows]
    for row in sorted(rows, reverse=True):
        table.delete_rows(row)
    people = book["professionnels"]
    for row in reversed(range(2, people.max_row + 1)):
        if sheet == "structures" and str(people.cell(row, 1).value) in gone:
            people.delete_rows(row)
    book.save(book_path)
    return gone


def _last_row(book_path: Path, sheet: str) -> int:
    return load_workbook(book_path, read_only=True)[sheet].max_row


# Each scenario edits the exported workbook; the spliced texts must equal the whole-file round trip's. The
# boundaries: the first record (after the file's header comments), the last one (its lines run to the end of
# the file), two neighbours, a removal and an addition together, every kind of change in one import.
SCENARIOS = {
    "remove-first": lambda book: _delete_rows(book, "structures", 2),
    "remove-last": lambda book: _delete_rows(book, "structures", _last_row(book, "structures")),
    "remove-two-neighbours": lambda book: _delete_rows(book, "structures", 5, 6),
    "remove-first-event": lambda book: _delete_rows(book, "événements", 2),
    "remove-last-event": lambda book: _delete_rows(book, "événements", _last_row(book, "événements")),
    "add-one": lambda book: _copy_row(book, "structures", 3, {"Identifiant": "nouvelle-structure",
                                                              "Nom": "Nouvelle structure", "N° FINESS": None}),
    "add-two-events": lambda book: [
        _copy_row(book, "événements", 2, {"Identifiant": f"nouvel-evenement-{n}", "Titre": f"Réunion n° {n}"})
        for n in (1, 2)],
    "remove-last-and-add": lambda book: (
        _delete_rows(book, "structures", _last_row(book, "structures")),
        _copy_row(book, "structures", 2, {"Identifiant": "remplacante", "Nom": "Remplaçante", "N° FINESS": None})),
    "everything-at-once": lambda book: (
        _delete_rows(book, "structures", 4, 10),
        _edit_cells(book, "structures", str(load_workbook(book)["structures"]["A4"].value),
                    {"Nom": "Nom changé", "Téléphone": None}),
        _copy_row(book, "structures", 2, {"Identifiant": "ajoutee", "Nom": "Ajoutée", "N° FINESS": None}),
        _delete_rows(book, "événements", 3),
        _edit_cells(book, "événements", str(load_workbook(book)["événements"]["A2"].value), {"Titre": "Autre"})),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_added_and_removed_records_are_spliced_as_a_whole_round_trip_would_write_them(
        exported: tuple[Path, Path], monkeypatch, scenario: str) -> None:
    project, book = exported
    SCENARIOS[scenario](book)
    calls = _round_tripped(monkeypatch)
    spliced = importer.plan(book, project / "data", project)
    assert calls == [set()], "a list file went whole through ruamel"
    assert spliced.texts, "the scenario changed nothing"
    assert {change.sign for change in spliced.changes} & {"+", "-"}

    monkeypatch.setattr(importer, "splice", lambda *args: None)  # the whole-file round trip, as before
    whole = importer.plan(book, project / "data", project)
    assert calls[-1], "the whole-file plan did not round-trip the list file"
    assert spliced.texts == whole.texts
    assert [str(c) for c in spliced.changes] == [str(c) for c in whole.changes]
    assert [str(e) for e in spliced.report.errors] == [str(e) for e in whole.report.errors]


def test_a_removed_record_leaves_with_its_lines_and_the_others_stay_byte_for_byte(exported: tuple[Path, Path]
                                                                                   ) -> None:
    project, book = exported
    before = (project / "data" / "structures.yml").read_text(encoding="utf-8")
    gone, = _delete_rows(book, "structures", 3)
    _copy_row(book, "structures", 2, {"Identifiant": "ajoutee", "Nom": "Ajoutée", "N° FINESS": None})
    result = importer.plan(book, project / "data", project)
    assert [(c.sign, c.what) for c in result.changes] == [("-", f"structure {gone}"), ("+", "structure ajoutee")]
    after = result.texts["structures.yml"]
    written = documents.load_chunk(after)["structures"]
    assert gone not in {str(record["id"]) for record in written}
    assert str(written[-1]["id"]) == "ajoutee" and written[-1]["nom"] == "Ajoutée"
    start = before.index(f"  - id: {gone}\n")
    end = before.index("  - id: ", start + 1)
    assert after.startswith(before[:start] + before[end:])  # every other line as it was, the new one after


def test_a_layout_splice_cannot_cut_falls_back_to_the_whole_round_trip(exported: tuple[Path, Path],
                                                                       monkeypatch) -> None:
    """A record written « -⏎  id: … » has no « - id » line to cut at: the whole file goes through ruamel."""
    project, book = exported
    path = project / "data" / "structures.yml"
    text = path.read_text(encoding="utf-8")
    first = text.index("  - id: ")
    path.write_text(text[:first] + "  -\n    id: " + text[first + len("  - id: "):], encoding="utf-8")
    gone, = _delete_rows(book, "structures", 3)
    calls = _round_tripped(monkeypatch)
    result = importer.plan(book, project / "data", project)
    assert calls == [{"structures.yml"}]
    written = result.texts["structures.yml"]
    assert written.startswith(text[:first] + "  - id: ")  # ruamel writes the record its own way
    assert f"id: {gone}\n" in text and f"id: {gone}\n" not in written


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


def test_numbers_written_with_leading_zeros_are_kept_as_written(tmp_path: Path) -> None:
    """A build reads `telephone: 0261911000` (unquoted), `id: 0123` and `numero: 01` as written; the workbook
    showed ruamel's numbers (261911000, 123, 1), and an unchanged round trip changed the phone number. Now the
    cells hold the text as written, and the edits beside them keep it."""
    project = _project(tmp_path)
    data = project / "data"
    structures = data / "structures.yml"
    text = structures.read_text(encoding="utf-8")
    structures.write_text(text.replace('    telephone: "02 61 91 10 00"', "    telephone: 0261911000", 1),
                          encoding="utf-8")
    events = data / "evenements.yml"
    events.write_text(events.read_text(encoding="utf-8").replace("  - id: velo-tour-diabete-2024",
                                                                 "  - id: 0123", 1), encoding="utf-8")
    axis = data / "programme" / "axe-1.yml"
    axis.write_text(axis.read_text(encoding="utf-8").replace("numero: 1\n", "numero: 01\n", 1), encoding="utf-8")
    book = _export(project)
    workbook = load_workbook(book)
    structure_id = str(workbook["structures"]["A2"].value)
    assert (workbook["structures"]["K2"].value, workbook["événements"]["A2"].value,
            workbook["axes"]["A2"].value) == ("0261911000", "0123", "01")
    for name in ("bilan 2025", "bilan AAAA"):  # the reviews name the actions as the build does: 1-1-1, once each
        ids = [row[0].value for row in workbook[name].iter_rows(min_row=2) if row[0].value]
        assert ids[:2] == ["1-1-1", "1-1-2"] and len(ids) == len(set(ids)) == 28, (name, ids)
    assert importer.plan(book, data, project).changes == []  # unchanged: nothing to write

    _edit_cells(book, "événements", "0123", {"Titre": "Vélo-tour renommé"})
    _delete_rows(book, "événements", 3)
    _edit_cells(book, "axes", "01", {"Titre de l'axe": "Axe renommé"})
    _edit_cells(book, "structures", structure_id, {"Nom": "MSP renommée"})
    result = importer.plan(book, data, project)
    assert not result.report, result.report
    assert [(c.sign, c.what) for c in result.changes][:1] == [("~", "axe 01")]
    assert {c.what for c in result.changes} == {"axe 01", "évènement 0123", f"structure {structure_id}",
                                                 next(c.what for c in result.changes if c.sign == "-")}
    assert "numero: 01\n" in result.texts["programme/axe-1.yml"]
    assert "  - id: 0123\n" in result.texts["evenements.yml"]
    assert "    telephone: 0261911000\n" in result.texts["structures.yml"]


def test_the_export_reads_the_files_as_the_build_and_writes_what_the_round_trip_reader_wrote(
        tmp_path: Path, monkeypatch) -> None:
    """The export reads with the build's fast reader (four times faster than ruamel's round trip at 10,000
    structures); every cell, its type and its text format are those of an export through ruamel."""
    project = _project(tmp_path)
    events = project / "data" / "evenements.yml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("entree_libre: oui", "entree_libre: true", 1), encoding="utf-8")
    fast = load_workbook(_export(project))
    monkeypatch.setattr(documents, "load_plain", lambda data_dir: None)  # the round-trip reader, as before
    slow = load_workbook(_export(project))
    assert fast.sheetnames == slow.sheetnames
    def cells(sheet: object) -> list[tuple[object, ...]]:
        return [(c.coordinate, c.value, type(c.value), c.number_format, c.quotePrefix, c.alignment.wrap_text,
                 c.alignment.vertical, c.font.b) for row in sheet.iter_rows() for c in row]

    for name in fast.sheetnames:
        assert cells(fast[name]) == cells(slow[name]), name
    sheet = fast["événements"]
    free = next(c.column for c in sheet[1] if c.value == "Entrée libre")
    first = next(row for row in range(2, sheet.max_row + 1) if sheet.cell(row, free).value)
    assert sheet.cell(first, free).value == "oui"  # « true » reads as « oui », as the build reads it
    latitude, name = fast["structures"]["I2"], fast["structures"]["B2"]
    assert isinstance(latitude.value, float) and 46 < latitude.value < 49  # a number cell, not text
    assert latitude.number_format == "General" and name.number_format == "@"
    assert latitude.alignment.wrap_text and name.alignment.wrap_text and name.alignment.vertical == "top"
