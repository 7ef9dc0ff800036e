"""`cls-site classeur`: the data out to an .xlsx and back, the site's bilan CSV back, errors at their cell."""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner, Result
from helpers import BUILD_DATE, ROOT
from openpyxl import load_workbook

from site_builder import yaml_files
from site_builder.cli import main
from site_builder.spreadsheet import documents
from site_builder.validate import load_model

HEADERS = {"actions": ["N° axe", "N° fiche", "N° action", "Titre de l'action"],
           "bilan 2025": ["Action", "Titre de l'action (pour information)"]}


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "projet"
    for name in ("content", "overrides", "data"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def _run(project: Path, *args: str) -> Result:
    data = str(project / "data")
    return CliRunner().invoke(main, ["classeur", *args, "--data", data])


def _fingerprint(data_dir: Path) -> dict[str, str]:
    return {p.relative_to(data_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(data_dir.rglob("*")) if p.is_file()}


def _export(project: Path) -> Path:
    target = project / "classeur.xlsx"
    result = _run(project, "exporter", str(target))
    assert result.exit_code == 0, result.output
    return target


def _row_of(sheet: object, first_cells: tuple[object, ...]) -> int:
    """The row whose first cells hold `first_cells` (e.g. (1, 1, 2) for action 1-1-2)."""
    for row in range(2, sheet.max_row + 1):
        if tuple(sheet.cell(row, i + 1).value for i in range(len(first_cells))) == first_cells:
            return row
    raise AssertionError(first_cells)


def test_export_writes_one_sheet_per_kind_with_french_headers_and_dropdowns(tmp_path: Path) -> None:
    project = _project(tmp_path)
    book = load_workbook(_export(project))
    assert book.sheetnames[:-1] == ["organisations", "axes", "fiches", "actions", "bilans", "bilan 2024", "bilan 2025",
                                    "bilan AAAA", "structures", "professionnels", "événements"]
    assert book["listes"].sheet_state == "hidden"
    actions = book["actions"]
    assert [c.value for c in actions[1][:4]] == HEADERS["actions"]
    assert actions.freeze_panes == "A2"
    assert actions.column_dimensions["D"].width == 45
    programme = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data/programme").glob("*.yml"))]
    assert actions.max_row - 1 == sum(len(f["actions"]) for axis in programme for f in axis["fiches"])
    organisations = [o["id"] for o in yaml.safe_load((ROOT / "data/organisations.yml").read_text())["organisations"]]

    def dropdown(sheet_name: str, column: str) -> list[str]:
        sheet = book[sheet_name]
        found = [v for v in sheet.data_validations.dataValidation if f"{column}2" in str(v.sqref).split(":")[0]]
        assert len(found) == 1, (sheet_name, column, [str(v.sqref) for v in sheet.data_validations.dataValidation])
        source = found[0].formula1.removeprefix("=").replace("$", "")
        name, cells = source.split("!")
        return [c.value for row in book[name][cells] for c in row if c.value is not None]

    assert dropdown("actions", "E") == organisations  # pilotes, from the organisations sheet itself
    assert found_source(book, "actions", "E") == "organisations!$A$2:$A$" + str(len(organisations) + 201)
    assert dropdown("organisations", "D") == ["organisation", "categorie"]  # type
    assert [c.value for c in book["organisations"][1][:3]] == ["Identifiant (minuscules, chiffres, tirets)", "Nom",
                                                                "Sigle"]
    template = book["bilan AAAA"]  # the next review, every action listed, nothing filled
    assert [c.value for c in template["A"][1:]] == [c.value for c in book["bilan 2025"]["A"][1:]]
    assert {c.value for c in template["E"][1:]} == {None}
    assert dropdown("actions", "G")[:3] == ["tous-publics", "enfants", "jeunes"]  # publics
    assert dropdown("bilan 2025", "E") == ["Réalisée", "En cours", "Non démarrée", "Début prévu plus tard"]
    assert "msp" in dropdown("structures", "C")  # typologie
    assert dropdown("événements", "Q") == ["prevu", "annule", "reporte"]  # statut
    validated = {str(v.sqref)[0] for v in actions.data_validations.dataValidation}
    assert validated == {"E", "F", "G"}  # titre, texts and numbers have none
    assert book["bilan 2025"]["A2"].value == "1-1-1" and book["bilan 2025"]["E2"].value == "En cours"


def found_source(book: object, sheet_name: str, column: str) -> str:
    """The cells a column's dropdown offers, as the workbook writes them."""
    return next(v.formula1 for v in book[sheet_name].data_validations.dataValidation
                if str(v.sqref).startswith(f"{column}2")).removeprefix("=")


def test_unchanged_spreadsheet_imports_to_byte_identical_yaml(tmp_path: Path) -> None:
    project = _project(tmp_path)
    before = _fingerprint(project / "data")
    result = _run(project, "importer", str(_export(project)))
    assert result.exit_code == 0, result.output
    assert "Aucun changement" in result.output
    assert _fingerprint(project / "data") == before
    # and rewriting any file through the import's YAML writer changes no byte either
    for path in (ROOT / "data").rglob("*.yml"):
        assert yaml_files.dump(documents.load(path)) == path.read_text(encoding="utf-8"), path


def _edit(target: Path, edits: dict[tuple[str, tuple[object, ...]], dict[str, object]]) -> None:
    book = load_workbook(target)
    for (sheet_name, first), cells in edits.items():
        sheet = book[sheet_name]
        row = _row_of(sheet, first)
        for column, value in cells.items():
            sheet[f"{column}{row}"] = value
    book.save(target)


def test_changes_are_shown_field_by_field_then_written_and_reverted_to_the_same_site(
        tmp_path: Path, built_site: Path) -> None:
    project = _project(tmp_path)
    original = _export(project)
    edited = tmp_path / "modifie.xlsx"
    shutil.copy(original, edited)
    _edit(edited, {("bilan 2025", ("1-1-1",)): {"E": "Réalisée", "I": "Nombre d’ateliers : 25\n"
                                                 "Nombre de familles participant aux ateliers : 104"},
                   ("actions", (1, 1, 2)): {"E": "petr, caf"}})
    before = {p: p.read_text(encoding="utf-8") for p in (project / "data").rglob("*.yml")}

    simulated = _run(project, "importer", str(edited), "--simuler")
    assert simulated.exit_code == 0, simulated.output
    assert simulated.output.splitlines()[:5] == [
        "data/programme/axe-1.yml",
        "  ~ action 1-1-2 · Pilotes (identifiants, séparés par des virgules) : « petr » → « petr, caf »",
        "data/suivi/2025.yml",
        "  ~ action 1-1-1 · Statut : « En cours » → « Réalisée »",
        "  ~ action 1-1-1 · Indicateurs (un par ligne : libellé : valeur) : « Nombre d’ateliers : 21 / Nombre de "
        "familles participant aux ateliers … » → « Nombre d’ateliers : 25 / Nombre de familles participant aux "
        "ateliers … »"]
    assert "rien n'a été écrit" in simulated.output
    assert {p: p.read_text(encoding="utf-8") for p in before} == before

    assert _run(project, "importer", str(edited)).exit_code == 0
    review = (project / "data/suivi/2025.yml").read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(before[project / "data/suivi/2025.yml"].splitlines(),
                                                  review.splitlines(), lineterm="", n=0) if line[:1] in "+-"]
    assert diff[2:] == ["-    statut: en-cours", "+    statut: realisee",
                        '-      "Nombre d’ateliers": 21', '-      "Nombre de familles participant aux ateliers": 104',
                        "+      Nombre d’ateliers: 25", "+      Nombre de familles participant aux ateliers: 104"]
    assert "# --- Axe 1 : prévention et promotion de la santé" in review  # hand comments kept

    reverted = _run(project, "importer", str(original))
    assert reverted.exit_code == 0, reverted.output
    assert "« Réalisée » → « En cours »" in reverted.output
    after = {p: p.read_text(encoding="utf-8") for p in before}
    # Only the edited fields differ, in style: an indicator label written by the import has no quotes.
    assert [p.name for p in before if after[p] != before[p]] == ["2025.yml"]
    diff = [line for line in difflib.unified_diff(before[project / "data/suivi/2025.yml"].splitlines(),
                                                  after[project / "data/suivi/2025.yml"].splitlines(), lineterm="",
                                                  n=0) if line[:1] in "+-"]
    assert diff[2:] == ['-      "Nombre d’ateliers": 21', '-      "Nombre de familles participant aux ateliers": 104',
                        "+      Nombre d’ateliers: 21", "+      Nombre de familles participant aux ateliers: 104"]
    site = project / "site"
    build = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml"), "--date", BUILD_DATE])
    assert build.exit_code == 0, build.output
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(p) for p in first if first[p] != second[p] and p.suffix != ".gz"] == []


def test_five_kinds_of_mistake_give_five_errors_at_their_cells_and_write_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    _edit(target, {("actions", (1, 1, 3)): {"E": "ptr"},  # unknown organisation
                   ("actions", (1, 1, 4)): {"D": None},  # required title missing
                   ("bilan 2025", ("1-1-1",)): {"E": "Terminée"},  # not a status
                   ("bilan 2025", ("1-1-2",)): {"I": "Nombre de participant à la journée : beaucoup"},  # not a number
                   ("bilans", (2025,)): {"B": "16/12/2025"}})  # not a date
    before = _fingerprint(project / "data")
    result = _run(project, "importer", str(target))
    assert result.exit_code == 1
    located = [m.group(1) for line in result.output.splitlines() if (m := re.match(r"(\S+( \d+)?![A-Z]+\d+) ", line))]
    # in the order of the tabs, then of the rows; each cell named with its column's header, never a YAML path
    assert located == ["actions!E4", "actions!D5", "bilans!B3", "bilan 2025!E2", "bilan 2025!I3"]
    assert ("actions!E4 (Pilotes): « ptr » ne correspond à aucune organisation (feuille « organisations »)."
            in result.output)
    assert "vouliez-vous dire « petr » ?" in result.output
    assert "bilan 2025!E2 (Statut): valeur inconnue « Terminée »." in result.output
    assert "actions!D5 (Titre de l'action): champ obligatoire manquant ou vide." in result.output
    assert "bilan 2025!I3 (Indicateurs): nombre attendu" in result.output
    assert "bilans!B3 (Date du comité de pilotage): date attendue au format AAAA-MM-JJ, reçu « 16/12/2025 »." in (
        result.output)
    assert "fiches[" not in result.output and "actions." not in result.output
    assert "5 erreurs dans le classeur. Rien n'a été écrit." in result.output
    assert _fingerprint(project / "data") == before


def test_the_sites_bilan_csv_imports_back_as_is(tmp_path: Path, built_site: Path) -> None:
    project = _project(tmp_path)
    downloaded = tmp_path / "bilan-2025.csv"
    shutil.copy(built_site / "suivi" / "bilan-2025.csv", downloaded)
    raw = downloaded.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw and b"\r\n" in raw  # as the site writes it
    before = _fingerprint(project / "data")
    result = _run(project, "importer", str(downloaded))
    assert result.exit_code == 0, result.output
    assert "Aucun changement" in result.output
    assert _fingerprint(project / "data") == before

    row = next(line for line in raw.decode("utf-8-sig").split("\r\n") if line.startswith("1-1-1;"))
    downloaded.write_bytes(raw.replace(row.encode(), row.replace(";En cours;", ";Réalisée;").encode()))
    result = _run(project, "importer", str(downloaded))
    assert result.exit_code == 0, result.output
    assert "  ~ action 1-1-1 · Statut : « En cours » → « Réalisée »" in result.output.splitlines()
    review = yaml.safe_load((project / "data/suivi/2025.yml").read_text(encoding="utf-8"))
    assert review["actions"]["1-1-1"]["statut"] == "realisee"
    assert review["actions"]["1-1-3"]["statut"] == "en-cours"


def test_files_missing_from_the_data_are_created_from_the_spreadsheet_with_the_same_content(tmp_path: Path) -> None:
    """A file written from scratch has the import's own layout (no comments, plain quotes), not the original
    bytes; what the site reads from it is the same."""
    project = _project(tmp_path)
    target = _export(project)
    (project / "data/programme/axe-4.yml").unlink()
    (project / "data/suivi/2025.yml").unlink()
    (project / "data/evenements.yml").unlink()  # a list file: nothing of it to splice into
    result = _run(project, "importer", str(target))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:4] == ["data/programme/axe-4.yml", "  + axe 4 · ajouté (nouveau fichier)",
                         "  + fiche 4-1 · ajouté(e)", "  + fiche 4-2 · ajouté(e)"]
    assert "  + action 4-1-1 · ajouté(e)" in lines
    assert "  + bilan 2025 · ajouté (nouveau fichier)" in lines
    assert not [line for line in lines if line.startswith("  ~") or line.startswith("  -")]
    rebuilt = load_model(project / "data", project, today=dt.date(2026, 11, 23))
    example = load_model(ROOT / "data", ROOT, today=dt.date(2026, 11, 23))
    assert rebuilt.axes == example.axes
    assert rebuilt.reviews == example.reviews
    assert rebuilt.events == example.events and len(rebuilt.events) > 20
    again = _run(project, "importer", str(target))
    assert "Aucun changement" in again.output


def test_a_file_that_is_not_a_workbook_is_reported_not_a_traceback(tmp_path: Path) -> None:
    project = _project(tmp_path)
    wrong = tmp_path / "classeur.xlsx"
    wrong.write_text("pas un classeur", encoding="utf-8")
    result = _run(project, "importer", str(wrong))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.output.startswith("classeur.xlsx classeur illisible")
    assert "Rien n'a été écrit." in result.output
