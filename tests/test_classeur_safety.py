"""`cls-site classeur` with hostile or clumsy workbooks (issue 22): cells are data, never paths or formulas;
what cannot be read safely is a French error at its cell, exit 1, and nothing written."""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from helpers import MINIMAL, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from site_builder.cli import main
from site_builder.spreadsheet import workbook
from site_builder.spreadsheet.datapaths import UnsafePathError, data_file, inside


def _project(tmp_path: Path, data: Path = MINIMAL) -> Path:
    """A project folder holding a copy of `data` and a mkdocs.yml that must never be touched."""
    project = tmp_path / "projet"
    shutil.copytree(data, project / "data")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def _run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["classeur", *args, "--data", str(project / "data")])


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` (the project, mkdocs.yml included) by its hash."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".xlsx"}


def _export(project: Path) -> Path:
    target = project / "classeur.xlsx"
    result = _run(project, "exporter", str(target))
    assert result.exit_code == 0, result.output
    return target


def _refused(project: Path, source: Path, *expected: str) -> Result:
    """Import `source`: exit 1 with each expected text, no traceback, and not one file changed."""
    before = _fingerprint(project.parent)
    result = _run(project, "importer", str(source))
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    for text in expected:
        assert text in result.output, result.output
    assert _fingerprint(project.parent) == before
    return result


# --- 1. cells are data, never paths ---------------------------------------------------------------------


@pytest.mark.parametrize("value", ["../../mkdocs", "/etc/x", "2025/../..", "1e3", "２０２６", "²⁰²⁶", "20261"])
def test_a_year_that_is_not_four_digits_names_no_file(tmp_path: Path, value: str) -> None:
    project = _project(tmp_path)
    target = _export(project)
    book = load_workbook(target)
    book["bilans"].append([value, "2026-06-01", "bilan", "non"])
    book.save(target)
    _refused(project, target, f"bilans!A4 (Année): « {value} » n'est pas une année en quatre chiffres.",
             "écrivez une année en quatre chiffres, par exemple 2025.")


def test_an_axe_number_that_climbs_out_names_no_file(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    book = load_workbook(target)
    book["axes"].append(["../../mkdocs", "Axe piégé", ""])
    book.save(target)
    _refused(project, target, "axes!A3 (N° axe): « ../../mkdocs » n'est pas un numéro d'axe en chiffres.")


def test_a_year_with_spaces_around_is_that_year(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    book = load_workbook(target)
    book["bilans"].append([" 2026 ", "2026-06-01", "bilan annuel", "non"])
    book.copy_worksheet(book["bilan 2025"]).title = "bilan 2026"
    book.save(target)
    result = _run(project, "importer", str(target))
    assert result.exit_code == 0, result.output
    assert "  + bilan 2026 · ajouté (nouveau fichier)" in result.output.splitlines()
    assert sorted(p.name for p in (project / "data" / "suivi").iterdir()) == ["2024.yml", "2025.yml", "2026.yml"]
    assert yaml.safe_load((project / "data/suivi/2026.yml").read_text(encoding="utf-8"))["annee"] == 2026


def test_data_paths_are_built_from_ascii_digits_inside_the_data_folder(tmp_path: Path) -> None:
    assert data_file("bilan", "2025") == "suivi/2025.yml"
    assert data_file("axe", "12") == "programme/axe-12.yml"
    for kind, bad in (("bilan", "٢٠٢٥"), ("bilan", "25"), ("axe", "1/.."), ("axe", ""), ("axe", "1\n")):
        with pytest.raises(UnsafePathError):
            data_file(kind, bad)
    (tmp_path / "data").mkdir()
    assert inside(tmp_path / "data", "suivi/2025.yml") == tmp_path / "data" / "suivi/2025.yml"
    for bad in ("../mkdocs.yml", "/etc/passwd", "suivi/../../x.yml", "."):
        with pytest.raises(UnsafePathError):
            inside(tmp_path / "data", bad)


# --- 2. formulas ------------------------------------------------------------------------------------------


def test_text_that_looks_like_a_formula_stays_text_both_ways(tmp_path: Path) -> None:
    project = _project(tmp_path)
    structures = project / "data" / "structures.yml"
    text = structures.read_text(encoding="utf-8")
    first_id = yaml.safe_load(text)["structures"][0]["id"]
    text = re.sub(r"(\n    nom: )[^\n]*", r"""\1'=HYPERLINK("http://x.example/";"clic")'""", text, count=1)
    structures.write_text(text.replace(f"id: {first_id}\n", f'id: {first_id}\n    complement_adresse: "=1+1"\n', 1),
                          encoding="utf-8")
    before = _fingerprint(project / "data")
    target = _export(project)
    sheet = load_workbook(target)["structures"]
    cells = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert cells["Complément d'adresse"].value == "=1+1" and cells["Complément d'adresse"].data_type == "s"
    assert cells["Complément d'adresse"].quotePrefix
    assert cells["Nom"].value.startswith("=HYPERLINK(") and cells["Nom"].data_type == "s"
    number = load_workbook(target).sheetnames.index("structures") + 1  # files follow the order of the tabs
    raw = zipfile.ZipFile(target).read(f"xl/worksheets/sheet{number}.xml").decode()
    assert "<f>" not in raw and "=1+1" in raw
    result = _run(project, "importer", str(target))
    assert result.exit_code == 0, result.output
    assert "Aucun changement" in result.output
    assert _fingerprint(project / "data") == before


def test_a_formula_never_computed_is_refused_at_its_cell(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    book = load_workbook(target)
    book["structures"]["E2"] = "=A2&\" bis\""  # openpyxl stores no computed value, as a script would
    book.save(target)
    _refused(project, target, "structures!E2 (Complément d'adresse): formule sans valeur calculée « =A2&\" bis\" ».")


def _rewrite(path: Path, member: str, change: object) -> None:
    """Rewrite one XML member of an .xlsx (what a spreadsheet would have saved)."""
    members = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            members[info.filename] = archive.read(info.filename)
    members[member] = change(members[member].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_computed_formula_is_read_through_its_value(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    index = load_workbook(target, read_only=True).sheetnames.index("structures") + 1
    _rewrite(target, f"xl/worksheets/sheet{index}.xml", lambda xml: re.sub(
        r'<c r="E2"[^>]*?(/>|>.*?</c>)', '<c r="E2" t="str"><f>"Bâtiment"&amp;" B"</f><v>Bâtiment B</v></c>', xml,
        count=1))
    result = _run(project, "importer", "--simuler", str(target))
    assert result.exit_code == 0, result.output
    assert "Complément d'adresse : (vide) → « Bâtiment B »" in result.output


# --- 3. the exporter writes only a workbook -------------------------------------------------------------


@pytest.mark.parametrize("name", ["data/structures.yml", "classeur.csv", "mkdocs.yml", "classeur"])
def test_the_exporter_writes_only_an_xlsx(tmp_path: Path, name: str) -> None:
    project = _project(tmp_path)
    before = _fingerprint(project)
    result = _run(project, "exporter", str(project / name))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "n'est pas un fichier .xlsx" in result.output
    assert _fingerprint(project) == before


def test_the_exporter_replaces_a_workbook_but_not_another_file_named_xlsx(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    assert _run(project, "exporter", str(target)).exit_code == 0
    impostor = project / "notes.xlsx"
    impostor.write_text("mes notes", encoding="utf-8")
    result = _run(project, "exporter", str(impostor))
    assert result.exit_code == 1 and "existe et n'est pas un classeur" in result.output
    assert impostor.read_text(encoding="utf-8") == "mes notes"


def test_a_yaml_slip_under_the_exporter_is_located_in_french(tmp_path: Path) -> None:
    project = _project(tmp_path)
    with (project / "data" / "organisations.yml").open("a", encoding="utf-8") as file:
        file.write("  - id: [oups\n")
    result = _run(project, "exporter", str(project / "c.xlsx"))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert re.search(r"^data/organisations\.yml:\d+ erreur de syntaxe YAML", result.output, re.M), result.output
    assert "Rien n'a été écrit." in result.output and not (project / "c.xlsx").exists()


# --- 4. size ----------------------------------------------------------------------------------------------


def test_a_sheet_longer_than_the_limit_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    project = _project(tmp_path)
    target = _export(project)
    book = load_workbook(target)
    book["structures"].cell(workbook.MAX_ROWS + 1, 1, "au bout")  # the last row accepted, under the header
    book.save(target)
    result = _run(project, "importer", str(target))
    assert "structures!A10001" in result.output and "trop longue" not in result.output, result.output
    book["structures"].cell(workbook.MAX_ROWS + 2, 1, "trop loin")
    book.save(target)
    monkeypatch.setattr(workbook, "_rows", lambda *args: pytest.fail("rows read before the size check"))
    _refused(project, target, f"feuille « structures » trop longue ({workbook.MAX_ROWS + 1} lignes sous l'en-tête, "
             f"au plus {workbook.MAX_ROWS}).")


def test_rows_are_counted_while_reading_when_the_sheet_hides_its_size(tmp_path: Path, monkeypatch) -> None:
    project = _project(tmp_path)
    target = _export(project)
    book = load_workbook(target)
    for row in range(3, 40):
        book["structures"].cell(row, 1, f"s{row}")
    book.save(target)
    index = book.sheetnames.index("structures") + 1
    _rewrite(target, f"xl/worksheets/sheet{index}.xml", lambda xml: re.sub(r"<dimension [^>]*/>", "", xml))
    monkeypatch.setattr(workbook, "MAX_ROWS", 30)
    _refused(project, target, "feuille « structures » trop longue (plus de 30 lignes sous l'en-tête).")


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path: Path, monkeypatch) -> None:
    project = _project(tmp_path)
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 40_000_000)
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr(workbook, "MAX_UNCOMPRESSED", 30_000_000)
    monkeypatch.setattr(workbook, "load_workbook", lambda *args, **kwargs: pytest.fail("opened before the check"))
    _refused(project, bomb, "classeur trop volumineux une fois décompressé (40 Mo, au plus 30 Mo).")


def test_a_file_over_the_byte_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    project = _project(tmp_path)
    target = _export(project)
    monkeypatch.setattr(workbook, "MAX_BYTES", target.stat().st_size - 1)
    _refused(project, target, "classeur trop volumineux (")
    monkeypatch.setattr(workbook, "MAX_BYTES", target.stat().st_size)
    assert _run(project, "importer", str(target)).exit_code == 0


# --- 5. sheets --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "meant"), [("structures", "Structures ", "structures"),
                                                    ("actions", "Actions (2)", "actions"),
                                                    ("bilan 2025", "bilan 2025 ", "bilan 2025"),
                                                    ("événements", "evenement", "événements")])
def test_a_renamed_sheet_is_an_error_with_the_name_it_should_have(tmp_path: Path, old: str, new: str,
                                                                   meant: str) -> None:
    project = _project(tmp_path)
    target = _export(project)
    book = load_workbook(target)
    book[old].title = new
    book.save(target)
    _refused(project, target, f"{new} feuille « {new} » : nom inconnu.", f"vouliez-vous dire « {meant} » ?")


def test_a_sheet_of_notes_is_ignored_with_a_warning(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    book = load_workbook(target)
    book.create_sheet("Mes notes de réunion").append(["à voir"])
    book.save(target)
    result = _run(project, "importer", str(target))
    assert result.exit_code == 0, result.output
    assert "Attention : Mes notes de réunion feuille ignorée (nom inconnu)." in result.output


def test_a_sheet_twice_is_an_error(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    book = load_workbook(target)
    book.copy_worksheet(book["événements"]).title = "evenements"
    book.save(target)
    _refused(project, target, "deux feuilles « événements » (« événements » et « evenements »).")


# --- 6. no traceback --------------------------------------------------------------------------------------


def test_a_truncated_workbook_and_a_zip_that_is_not_one_are_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    raw = target.read_bytes()
    broken = tmp_path / "coupé.xlsx"
    broken.write_bytes(raw[: len(raw) // 2])
    _refused(project, broken, "coupé.xlsx classeur illisible")
    other = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("lisez-moi.txt", "bonjour")
    _refused(project, other, "archive.xlsx classeur illisible")
    mangled = tmp_path / "abîmé.xlsx"
    shutil.copy(target, mangled)
    _rewrite(mangled, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    _refused(project, mangled, "abîmé.xlsx classeur illisible")


def _bilan_csv(project: Path) -> str:
    """The bilan 2025 CSV as the site writes it (header and one row per action), as text."""
    book = load_workbook(_export(project), read_only=True)
    rows = [[("" if v is None else str(v)) for v in row] for row in book["bilan 2025"].iter_rows(values_only=True)]
    return "\r\n".join(";".join(row) for row in rows) + "\r\n"


@pytest.mark.parametrize(("encoding", "named"), [("cp1252", "Windows-1252"), ("utf-16", "UTF-16")])
def test_a_bilan_csv_saved_in_another_encoding_is_read_with_its_accents(tmp_path: Path, encoding: str,
                                                                        named: str) -> None:
    project = _project(tmp_path)
    text = _bilan_csv(project)
    first = text.split("\r\n")[1].split(";")
    edited = text.replace(";".join(first), ";".join([*first[:5], "Avancée réalisée à Pithiviers", *first[6:]]))
    source = tmp_path / "bilan-2025.csv"
    source.write_bytes(edited.encode(encoding))
    result = _run(project, "importer", str(source))
    assert result.exit_code == 0, result.output
    if encoding != "utf-16":
        assert f"fichier lu comme du texte {named}" in result.output
    review = yaml.safe_load((project / "data/suivi/2025.yml").read_text(encoding="utf-8"))
    assert review["actions"][first[0]]["avancees"] == ["Avancée réalisée à Pithiviers"]


def test_a_huge_csv_cell_and_binary_csv_are_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    text = _bilan_csv(project)
    lines = text.split("\r\n")
    source = tmp_path / "bilan-2025.csv"
    source.write_text("\r\n".join([lines[0], lines[1] + "x" * 131_073, *lines[2:]]), encoding="utf-8")
    _refused(project, source, "bilan-2025.csv ligne ", "illisible (cellule trop longue).")
    cells = lines[1].split(";")
    source.write_text("\r\n".join([lines[0], ";".join([*cells[:5], "x" * 40_000, *cells[6:]]), *lines[2:]]),
                      encoding="utf-8")
    _refused(project, source, "bilan-2025.csv!F2 (Avancées): cellule de 40000 caractères.")
    source.write_bytes(b"\x00\x01PK\x03\x04" * 100)
    _refused(project, source, "bilan-2025.csv ce fichier n'est pas un texte CSV")


def _delete_row(target: Path, sheet: str, first: str) -> None:
    book = load_workbook(target)
    rows = [r for r in range(2, book[sheet].max_row + 1) if str(book[sheet].cell(r, 1).value) == first]
    book[sheet].delete_rows(rows[0])
    book.save(target)


def test_a_deleted_row_deletes_its_record_and_says_so(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    records = yaml.safe_load((project / "data/evenements.yml").read_text(encoding="utf-8"))["evenements"]
    gone, kept = records[0]["id"], records[1]["id"]
    _delete_row(target, "événements", gone)
    result = _run(project, "importer", str(target))
    assert result.exit_code == 0, result.output
    assert f"  - évènement {gone} · supprimé(e)" in result.output.splitlines()
    assert "0 ajout(s), 0 modification(s), 1 suppression(s)." in result.output
    left = yaml.safe_load((project / "data/evenements.yml").read_text(encoding="utf-8"))["evenements"]
    assert [e["id"] for e in left] == [kept]


def test_a_deleted_year_with_its_sheet_still_there_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    target = _export(project)
    _delete_row(target, "bilans", "2024")
    _refused(project, target, "l'année 2024 n'a plus de ligne, mais la feuille « bilan 2024 » est toujours là.")
    book = load_workbook(target)
    del book["bilan 2024"]
    book.save(target)
    result = _run(project, "importer", str(target))
    assert result.exit_code == 0, result.output
    assert "  - bilan 2024 · supprimé (fichier effacé)" in result.output.splitlines()
    assert sorted(p.name for p in (project / "data" / "suivi").iterdir()) == ["2025.yml"]


def test_the_limits_are_those_the_readme_gives() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for number in (workbook.MAX_ROWS, workbook.MAX_CELLS):
        assert f"{number:_}".replace("_", " ") in readme
    assert f"{workbook.MAX_BYTES // 1_000_000} Mo" in readme


def test_an_empty_workbook_changes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    empty = tmp_path / "vide.xlsx"
    Workbook().save(empty)
    before = _fingerprint(project)
    result = _run(project, "importer", str(empty))
    assert result.exit_code == 0, result.output
    assert "Aucun changement" in result.output and _fingerprint(project) == before


# --- fuzz: whatever the cells or the CSV hold, a French answer and no traceback --------------------------

CELLS = st.one_of(
    st.text(max_size=30).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)), st.integers(), st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True), st.none(),
    st.sampled_from(["=1+1", "+33", "-", "@x", "../../mkdocs", "/etc/x", "2025/../..", "1e3", " 2025 ", "٢٠٢٥",
                     "1-1-1", "En cours", "oui", "2026-02-30", "16/12/2025", "a, b,, c", "x ; y ; 1e400", "‮",
                     "a : NaN", "\n\n", "bilan 2025", "1" * 400, float("inf"), float("nan"), 1e308, -0.0, 2**70]))


# Columns A to C (ids, parents' numbers) more often: that is where rows are matched to records.
COLUMNS = st.one_of(st.integers(1, 3), st.integers(1, 25))


@pytest.fixture(scope="module")
def fuzz_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """The minimal data set's workbook and its bilan CSV, exported once for every example."""
    project = _project(tmp_path_factory.mktemp("fuzz"))
    return _export(project), _bilan_csv(project).encode("utf-8-sig")


def _answers_in_french(project: Path, source: Path) -> None:
    before = _fingerprint(project / "data")
    result = _run(project, "importer", str(source))
    assert result.exit_code in (0, 1), (result.exit_code, result.exception, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 1:
        assert "Rien n'a été écrit." in result.output or result.output.startswith("Erreur : "), result.output
        assert _fingerprint(project / "data") == before
    else:
        assert "Aucun changement" in result.output or "suppression(s)." in result.output, result.output


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 7), st.integers(1, 4), COLUMNS, CELLS), min_size=1, max_size=4),
       how=st.sampled_from(["cells", "delete-row", "rename-sheet"]))
def test_any_cells_give_a_french_answer_and_no_traceback(tmp_path: Path, fuzz_book: tuple[Path, bytes],
                                                          edits: list[tuple[int, int, int, object]], how: str) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as work:
        project = _project(Path(work))
        book = load_workbook(fuzz_book[0])
        for index, row, column, value in edits:
            sheet = book.worksheets[index % (len(book.worksheets) - 1)]  # not the hidden « listes »
            if how == "delete-row":
                sheet.delete_rows(row)
            elif how == "rename-sheet":
                sheet.title = (str(value) or "x")[:31].translate({ord(c): None for c in "[]:*?/\\'"}) or "x"
            else:
                sheet.cell(row, column, value)
        source = project / "edited.xlsx"
        book.save(source)
        _answers_in_french(project, source)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(line=st.integers(0, 4), content=st.one_of(st.text(max_size=200), st.binary(max_size=200).map(
    lambda raw: raw.decode("latin-1"))), encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp1252", "utf-16"]))
def test_any_bilan_csv_gives_a_french_answer_and_no_traceback(tmp_path: Path, fuzz_book: tuple[Path, bytes],
                                                              line: int, content: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as work:
        project = _project(Path(work))
        lines = fuzz_book[1].decode("utf-8-sig").split("\r\n")
        lines[line % len(lines)] = content
        source = project / "bilan-2025.csv"
        source.write_bytes("\r\n".join(lines).encode(encoding, errors="replace"))
        _answers_in_french(project, source)
