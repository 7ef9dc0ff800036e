"""The real national files, end to end, as a coordinator meets them: a territory made with `cls-site nouveau`
from the communes a real file covers, the real file imported (simulated, then for real), `validate` clean, a
strict build, and the pages a resident opens read right (issue 21, « Done means »).

The files are in tests/fixtures/real/ (origins in its README): FINESS establishments of the Ain, the CNSA
price file of every EHPAD of France, one DILA Annuaire record (France services of Grenoble).
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import BUILD_DATE, fill_placeholders

from site_builder.cli import main

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
FINESS = REAL / "finess-ain-2020-cs1100507.csv"
CNSA = REAL / "cnsa-prix-ehpad-2020-brute.csv"
DILA = REAL / "dila-annuaire-france-services-grenoble.json"
IMPORT_DATE = "2021-01-15"


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), input="")
    assert result.exit_code == 0, result.output
    return result.output


def finess_communes() -> list[str]:
    """The INSEE codes of the communes the real FINESS file's establishments are in (département + commune)."""
    with FINESS.open(encoding="latin-1", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter=";") if r and r[0] == "structureet"]
    return sorted({row[13] + row[12] for row in rows})


def records(project: Path) -> list[dict]:
    text = (project / "data" / "structures.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)["structures"]


def by_finess(project: Path, number: str) -> dict:
    return next(r for r in records(project) if r.get("finess") == number)


def page_text(site: Path, ident: str) -> str:
    """The visible text of a structure's fiche, tags removed and entities decoded."""
    page = (site / "repertoire" / ident / "index.html").read_text(encoding="utf-8")
    main_part = page.split('<article', 1)[1].split("</article>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main_part)).split())


@pytest.fixture(scope="module")
def ain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A territory of the Ain's communes present in the real FINESS file, filled from FINESS then the CNSA."""
    project = tmp_path_factory.mktemp("reel") / "cls-ain"
    cli("nouveau", str(project), *[arg for code in finess_communes() for arg in ("--communes", code)],
        "--nom", "Territoire de l'Ain (test)")
    fill_placeholders(project)  # the coordinator's part, so that --strict may pass
    data = str(project / "data")
    before = (project / "data" / "structures.yml").read_bytes()
    simulated = cli("importer", "finess", str(FINESS), "--data", data, "--date", IMPORT_DATE, "--simuler")
    assert "Simulation : rien n'a été écrit." in simulated
    assert (project / "data" / "structures.yml").read_bytes() == before
    project.joinpath("import-finess.txt").write_text(
        cli("importer", "finess", str(FINESS), "--data", data, "--date", IMPORT_DATE), encoding="utf-8")
    project.joinpath("import-cnsa.txt").write_text(
        cli("importer", "cnsa", str(CNSA), "--data", data, "--date", IMPORT_DATE), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def ain_site(ain: Path) -> Path:
    cli("validate", "-f", str(ain / "mkdocs.yml"), "--date", BUILD_DATE)
    output = cli("build", "-f", str(ain / "mkdocs.yml"), "--strict", "--date", BUILD_DATE)
    assert "WARNING" not in output
    return ain / "site"


def test_finess_postcodes_are_the_communes_never_cedex(ain: Path) -> None:
    trevoux = by_finess(ain, "010000065")  # routing line « 01606 TREVOUX CEDEX »
    assert (trevoux["code_postal"], trevoux["commune"]) == ("01600", "Trévoux")
    gex = by_finess(ain, "010000081")  # « 01174 GEX CEDEX », and a « BP 437 » box
    assert gex["code_postal"] == "01170"
    for record in records(ain):
        shown = " ".join(record.get(key, "") for key in ("adresse", "complement_adresse"))
        assert not re.search(r"\b(CEDEX|BP|CS|TSA)\b", shown, re.I), record["id"]


def test_the_cnsa_prices_reach_the_ehpad_fiche(ain: Path, ain_site: Path) -> None:
    ehpad = by_finess(ain, "010002228")
    assert ehpad["typologie"] == "ehpad"
    seniors = ehpad["seniors"]
    assert float(seniors["prix_journalier"]) == 100.1 and float(seniors["tarif_dependance_gir12"]) == 19.28
    report = (ain / "import-cnsa.txt").read_text(encoding="utf-8")
    assert "5446 établissement(s) dans le fichier, 1 du répertoire." in report  # national file, territory's rows
    # The price file covers EHPAD only: the résidences autonomie and SSIAD are not called « absent ».
    assert "absent" not in report and "6 établissement(s) du répertoire d'un autre type que l'EHPAD" in report
    text = page_text(ain_site, ehpad["id"])
    assert re.search(r"Prix de l'hébergement : 100,10\s€ par jour", text)
    assert re.search(r"GIR 1-2 : 19,28\s€ par jour", text)


def test_every_category_of_the_file_is_mapped_or_reported(ain: Path) -> None:
    report = (ain / "import-finess.txt").read_text(encoding="utf-8")
    imported = {r["finess"] for r in records(ain) if r.get("source") == "finess"}
    with FINESS.open(encoding="latin-1", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter=";") if r and r[0] == "structureet"]
    left_out = {row[18] for row in rows if row[1] not in imported}
    assert left_out == {"286", "300", "330", "379"}  # a prevention club, schools, an experimental home
    for row in rows:
        if row[1] not in imported:  # reported with its category's code, label and count
            assert re.search(rf"{row[18]} {re.escape(row[19])} \(\d+ établissement", report), (row[18], row[19])


@pytest.mark.parametrize(("number", "typologie"), [
    ("010000024", "hopital"), ("010002228", "ehpad"), ("010000065", "hopital"),
])
def test_real_establishments_have_a_fiche(ain: Path, ain_site: Path, number: str, typologie: str) -> None:
    record = by_finess(ain, number)
    assert record["typologie"] == typologie
    text = page_text(ain_site, record["id"])
    assert record["nom"] in text and "· source : FINESS" in text


def test_the_dila_france_services_record_is_imported_as_france_services(tmp_path: Path) -> None:
    project = tmp_path / "cls-grenoble"
    cli("nouveau", str(project), "--communes", "38185", "--nom", "Grenoble (test)")
    output = cli("importer", "annuaire", str(DILA), "--data", str(project / "data"), "--date", IMPORT_DATE)
    assert "Ajoutées (1)" in output
    (record,) = [r for r in records(project) if r.get("source") == "annuaire"]
    assert record["typologie"] == "france-services"
    assert (record["commune"], record["code_postal"], record["telephone"]) == ("Grenoble", "38100", "06 65 74 40 30")
    assert record["horaires_accueil"] == "Mo-Fr 09:00-12:00,13:00-17:00"
    cli("validate", "-f", str(project / "mkdocs.yml"), "--date", BUILD_DATE)


def test_cnsa_with_nothing_of_the_territory_reports_it(tmp_path: Path) -> None:
    """A national price file and a repertoire with no EHPAD of it: a report that says why, not a refusal
    (an update-only import can mark nothing as gone, so the « empty file » guard does not apply)."""
    project = tmp_path / "cls-sans-ehpad"
    cli("nouveau", str(project), "--communes", "38185", "--nom", "Sans EHPAD (test)")
    before = (project / "data" / "structures.yml").read_bytes()
    output = cli("importer", "cnsa", str(CNSA), "--data", str(project / "data"), "--date", IMPORT_DATE)
    assert "5446 établissement(s) dans le fichier, 0 du répertoire." in output
    assert "importez d'abord le fichier FINESS" in output and "Aucun changement" in output
    assert (project / "data" / "structures.yml").read_bytes() == before
