"""The « professionnels » sheet of the workbook (issue 23): what the coordinator knows of each professional,
edited in a spreadsheet and written back, without adding or removing anyone."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from site_builder.cli import main
from site_builder.validate import load_model

ROOT = Path(__file__).resolve().parent.parent


def run(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["classeur", *args, "--data", str(data)])
    return result.exit_code, result.output


def exported(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    target = tmp_path / "classeur.xlsx"
    code, output = run(data, "exporter", str(target))
    assert code == 0, output
    return data, target


def rows(target: Path) -> dict[tuple[str, str], dict[str, object]]:
    sheet = load_workbook(target)["professionnels"]
    header = [cell.value for cell in sheet[1]]
    return {(row[0], row[1]): dict(zip(header, row, strict=False))
            for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}


def edit(target: Path, key: tuple[str, str], cells: dict[str, object]) -> None:
    book = load_workbook(target)
    sheet = book["professionnels"]
    number = next(row[0].row for row in sheet.iter_rows(min_row=2) if (row[0].value, row[1].value) == key)
    for column, value in cells.items():
        sheet[f"{column}{number}"] = value
    book.save(target)


def test_the_sheet_lists_each_person_as_the_fiche_names_them(tmp_path: Path):
    _, target = exported(tmp_path)
    found = rows(target)
    alice = found[("cabinet-medical-exemple-pithiviers", "Dr Alice Exemple")]
    assert list(alice.values())[2:] == ["médecin généraliste", "oui", "2026-11-02", "oui", "anglais, arabe"]
    assert found[("cabinet-medical-exemple-puiseaux", "Dr François Fictif")]["Nouveaux patients (oui, non, liste "
                                                                            "d'attente)"] == "liste d'attente"


def test_an_unchanged_sheet_changes_nothing_and_an_edit_is_written(tmp_path: Path):
    data, target = exported(tmp_path)
    before = (data / "structures.yml").read_text(encoding="utf-8")
    code, output = run(data, "importer", str(target))
    assert code == 0 and "Aucun changement" in output, output
    assert (data / "structures.yml").read_text(encoding="utf-8") == before
    # Dr Bruno Fictif now takes new patients (heard on 20 November); Chloé Exemple speaks Portuguese.
    edit(target, ("cabinet-medical-exemple-pithiviers", "Dr Bruno Fictif"), {"D": "oui", "E": "2026-11-20"})
    edit(target, ("cabinet-infirmier-exemple-pithiviers", "Chloé Exemple"), {"G": "portugais"})
    code, output = run(data, "importer", str(target))
    assert code == 0, output
    assert ("~ professionnel Dr Bruno Fictif (cabinet-medical-exemple-pithiviers) · Nouveaux patients (oui, non, "
            "liste d'attente) : « non » → « oui »") in output
    model = load_model(data, data.parent, today=dt.date(2026, 11, 23))
    bruno = model.structure_by_id["cabinet-medical-exemple-pithiviers"].professionnels[1]
    assert (bruno.label, bruno.nouveaux_patients, bruno.nouveaux_patients_au) == (
        "Dr Bruno Fictif", "oui", dt.date(2026, 11, 20))
    assert model.structure_by_id["cabinet-infirmier-exemple-pithiviers"].professionnels[0].langues == ("portugais",)
    assert len(model.structure_by_id["cabinet-medical-exemple-pithiviers"].professionnels) == 2


def test_unknown_person_and_wrong_value_are_reported_at_their_cells_and_nothing_is_written(tmp_path: Path):
    data, target = exported(tmp_path)
    before = (data / "structures.yml").read_text(encoding="utf-8")
    edit(target, ("cabinet-medical-exemple-pithiviers", "Dr Bruno Fictif"), {"B": "Dr Bruno Fictiff"})
    code, output = run(data, "importer", str(target))
    assert code != 0
    assert ("professionnels!B3 (Professionnel): « Dr Bruno Fictiff » n'est pas dans la liste des professionnels de "
            "« cabinet-medical-exemple-pithiviers »") in output
    assert "noms possibles : « Dr Alice Exemple », « Dr Bruno Fictif »" in output
    assert (data / "structures.yml").read_text(encoding="utf-8") == before
    # A value the site would refuse is reported at its cell by the validation of what would be written.
    _, target = exported(tmp_path / "encore")
    edit(target, ("cabinet-medical-exemple-pithiviers", "Dr Alice Exemple"), {"D": "peut-être"})
    code, output = run(data, "importer", str(target))
    assert code != 0
    assert "professionnels!D2" in output and "« oui », « non » ou « liste d'attente »" in output, output
    assert (data / "structures.yml").read_text(encoding="utf-8") == before
