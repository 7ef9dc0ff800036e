"""CNSA importer on the files as the CNSA publishes them: the national « données brutes » price CSV (real, all
5,446 EHPAD of France) and the older JSON directory; an unknown layout is refused in French."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import refused_untouched, run_importer

from site_builder import urls
from site_builder.cli import main
from site_builder.importers.cnsa import read_cnsa
from site_builder.render import render_pages
from site_builder.validate import load_model

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real" / "cnsa-prix-ehpad-2020-brute.csv"
DIRECTORY = ROOT / "tests" / "fixtures" / "importers" / "cnsa.json"
TODAY = dt.date(2026, 12, 1)


def ehpad(ident: str, number: str, typologie: str = "ehpad", extra: str = "") -> str:
    """A repertoire record (as the coordinator or FINESS writes it) carrying a FINESS number."""
    return (f"  - id: {ident}\n    nom: \"Établissement {number}\"\n    typologie: {typologie}\n"
            "    adresse: \"1 rue du Test\"\n    code_postal: \"45300\"\n    code_insee: \"45252\"\n"
            "    commune: \"Pithiviers\"\n    latitude: 48.1731\n    longitude: 2.2504\n"
            f"    finess: \"{number}\"\n    date_maj: 2026-01-01\n{extra}")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The example data plus two real EHPAD numbers of the Ain and a résidence autonomie with the first one's
    neighbour number (its GIR tariffs must not be written: a résidence has none)."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    with (target / "structures.yml").open("a", encoding="utf-8") as handle:
        handle.write(ehpad("ehpad-010002228", "010002228") + ehpad("ehpad-010004059", "010004059")
                     + ehpad("residence-010006799", "010006799", "residence-autonomie")
                     + ehpad("pharmacie-010008571", "010008571", "pharmacie")
                     + ehpad("ehpad-absent", "450000000"))
    return target


run_cnsa = functools.partial(run_importer, "cnsa")


def seniors_of(data: Path) -> dict[str, dict]:
    records = yaml.load((data / "structures.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["structures"]
    return {r["id"]: r.get("seniors") for r in records}


def test_real_price_file_reports_on_the_territory_only(data: Path):
    out = run_cnsa(data, REAL)
    assert "Fichier CNSA (prix EHPAD « données brutes », UTF-8) : 5446 établissement(s) dans le fichier, " \
           "3 du répertoire." in out
    assert "statut" not in out and "non reconnu" not in out  # 5,446 national rows are not the territory's problem
    assert "1 établissement(s) du répertoire absent(s) du fichier : n° 450000000." in out
    assert "Modifiées (champ par champ) (15)" in out
    seniors = seniors_of(data)
    assert seniors["ehpad-010002228"] == {
        "prix_journalier": "100.1", "prix_journalier_temporaire": "110.1", "tarif_dependance_gir12": "19.28",
        "tarif_dependance_gir34": "12.22", "tarif_dependance_gir56": "5.18", "tarifs_au": "2020-12-31"}
    # « 80 » without decimals, GIR 1-2 with a comma, date with time and milliseconds.
    assert seniors["ehpad-010004059"]["prix_journalier_temporaire"] == "80.0"
    assert seniors["ehpad-010004059"]["tarifs_au"] == "2020-07-03"
    # A résidence autonomie keeps its daily and temporary prices, never a GIR tariff.
    assert seniors["residence-010006799"] == {"prix_journalier": "65.09", "prix_journalier_temporaire": "88.0",
                                              "tarifs_au": "2020-07-16"}
    assert seniors["pharmacie-010008571"] is None  # not a senior kind: not even read


def test_real_price_reaches_the_ehpad_fiche(data: Path):
    run_cnsa(data, REAL)
    result = CliRunner().invoke(main, ["validate", "-f", str(ROOT / "mkdocs.yml"), "--data", str(data),
                                       "--date", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    model = load_model(data, data.parent, today=TODAY)
    structure = next(s for s in model.structures if s.finess == "010002228")
    assert structure.seniors.statut == "" and structure.seniors.prix_journalier == 100.1
    model = dataclasses.replace(model, nav_trails={urls.REPERTOIRE: (("Trouver une structure", urls.REPERTOIRE),)})
    pages = {p.uri: p.content for p in render_pages(model)}
    page = pages[urls.structure(structure)]
    fiche = page.replace("\\", "").replace("\u00a0", " ")  # the text a reader sees, without Markdown's escapes
    assert "- **Prix de l&#39;hébergement :** 100,10 € par jour (tarif au 31 décembre 2020)" in fiche
    assert "- **Tarif dépendance GIR 1-2 :** 19,28 € par jour (tarif au 31 décembre 2020)" in fiche
    assert "- **Prix de l&#39;hébergement temporaire :** 110,10 € par jour" in fiche
    assert "- **Statut :** Non précisé" in fiche  # no source gave its legal status yet
    row = pages[urls.SENIOR_TABLE].split("Établissement 010002228", 1)[1].split("</tr>", 1)[0]
    assert '<td data-label="Statut">Non précisé</td>' in row and "100,10" in row


def test_second_import_changes_nothing(data: Path):
    run_cnsa(data, REAL)
    before = (data / "structures.yml").read_bytes()
    assert "Aucun changement" in run_cnsa(data, REAL)
    assert (data / "structures.yml").read_bytes() == before


def test_older_json_directory_is_still_read(data: Path):
    skipped: list[str] = []
    summary, imported = read_cnsa(DIRECTORY, {"450099002", "450099008", "450099003"}, skipped)
    assert summary == "Fichier CNSA (annuaire des établissements, UTF-8) : 5 établissement(s) dans le fichier, " \
                      "3 du répertoire."
    fields = {item.id_source: item.fields for item in imported}
    assert fields["450099002"] == {
        "statut": "public", "places_permanentes": 84, "aide_sociale": "oui", "apl": "oui", "alzheimer": ["uvp", "pasa"],
        "prix_journalier": 64.9, "prix_journalier_temporaire": 70.1, "tarif_dependance_gir12": 22.4,
        "tarif_dependance_gir34": 14.2, "tarif_dependance_gir56": 6.03, "tarifs_au": dt.date(2025, 7, 1)}
    assert fields["450099008"]["prix_mensuel"] == 689.5 and "prix_journalier" not in fields["450099008"]
    assert fields["450099003"] == {"places_permanentes": 30}  # an empty legal status is not a refusal


def test_flattened_directory_csv_is_read(tmp_path: Path):
    source = tmp_path / "annuaire.csv"
    source.write_text("noFinesset,legal_status,capacity,ehpadPrice.prixHebPermCs,ehpadPrice.tarifGir12,updatedAt\n"
                      "450099002,Privé commercial,60,\"71,5\",0,2024-05-02T00:00:00Z\n", encoding="utf-8")
    _, imported = read_cnsa(source, {"450099002"}, [])
    assert imported[0].fields == {"statut": "prive-commercial", "places_permanentes": 60, "prix_journalier": 71.5,
                                  "tarifs_au": dt.date(2024, 5, 2)}  # « 0 » is « not given »


def test_unknown_layout_names_the_columns_expected_and_found(data: Path, tmp_path: Path):
    source = tmp_path / "renamed.csv"
    source.write_text('"numero";"prix"\n"010002228";"100,1"\n', encoding="utf-8")
    before = (data / "structures.yml").read_bytes()
    out = run_cnsa(data, source, code=1)
    assert "Fichier CNSA : colonnes non reconnues. Colonnes attendues : finessEt, prixHebPermCs ; ou noFinesset, " \
           "legal_status. Colonnes trouvées : numero, prix. Rien n'a été écrit." in out
    assert "Aucun changement" not in out
    assert (data / "structures.yml").read_bytes() == before


HEADER = '"finessEt";"prixHebPermCs";"prixHebTempCs";"TARIF_GIR_12";"TARIF_GIR_34";"TARIF_GIR_56";"DATE_MAJ"\n'


@pytest.mark.parametrize(("row", "expected", "reported"), [
    ('"010002228";"NaN";;;;;"2020-12-31"', {}, "prix_journalier « NaN » refusé (hors de 15 à 400)"),
    ('"010002228";"1e308";;;;;"2020-12-31"', {}, "prix_journalier « 1e308 » refusé"),
    ('"010002228";"inf";;;;;"2020-12-31"', {}, "prix_journalier « inf » refusé"),
    ('"010002228";"2950";;;;;"2020-12-31"', {}, "prix_journalier « 2950 » refusé (hors de 15 à 400)"),
    ('"010002228";"400";;;"0";"0";"2020-12-31"', {"prix_journalier": 400.0, "tarifs_au": dt.date(2020, 12, 31)}, ""),
    ('"010002228";"14,99";"15";;;;"2020-12-31"', {"prix_journalier_temporaire": 15.0,
                                                   "tarifs_au": dt.date(2020, 12, 31)}, "« 14,99 » refusé"),
    ('"010002228";"70";;;;;"pas une date"', {}, "010002228 : prix sans date de mise à jour, non repris"),
    ('"010002228";"70";;"60,01";;;"2020-12-31"', {"prix_journalier": 70.0, "tarifs_au": dt.date(2020, 12, 31)},
     "tarif_dependance_gir12 « 60,01 » refusé (hors de 0 à 60)"),
])
def test_impossible_prices_are_refused_and_reported(tmp_path: Path, row: str, expected: dict, reported: str):
    source = tmp_path / "prix.csv"
    source.write_text(HEADER + row + "\n", encoding="utf-8")
    skipped: list[str] = []
    _, imported = read_cnsa(source, {"010002228"}, skipped)
    assert imported[0].fields == expected
    assert not reported or any(reported in line for line in skipped), skipped


def test_a_number_given_twice_keeps_the_latest_update(tmp_path: Path):
    source = tmp_path / "prix.csv"
    source.write_text(HEADER + '"010002228";"90";;;;;"2021-01-05"\n"010002228";"80";;;;;"2020-01-05"\n',
                      encoding="utf-8")
    _, imported = read_cnsa(source, {"10002228".zfill(9)}, [])
    assert imported[0].fields["prix_journalier"] == 90.0


HOSTILE = {
    "vide.csv": (b"", "le fichier est vide"),
    "binaire.csv": (b"PK\x03\x04\x14\x00\x00\x00" + bytes(range(256)), "fichier binaire"),
    "tronque.json": (DIRECTORY.read_bytes()[:900], "JSON illisible ligne"),
    "malforme.json": (b'[{"noFinesset": "450099002",}]', "JSON illisible ligne 1"),
    "sans-liste.json": (b'{"results": 3}', "aucun établissement dans ce JSON"),
    "une-colonne.csv": (b"finessEt prixHebPermCs\n010002228 100\n", "une seule colonne lue"),
    "cellule-geante.csv": (HEADER.encode() + b'"010002228";"' + b"1" * 200_000 + b'"\n', "CSV illisible"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_in_french(data: Path, tmp_path: Path, name: str):
    content, message = HOSTILE[name]
    out = refused_untouched("cnsa", data, tmp_path / name, content)
    assert message in out, out


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_price_file_in_another_encoding_is_read(tmp_path: Path, encoding: str):
    source = tmp_path / "prix.csv"
    source.write_bytes((HEADER + '"010002228";"100,1";;"19,28";;;"2020-12-31"\n').encode(encoding))
    summary, imported = read_cnsa(source, {"010002228"}, [])
    assert imported[0].fields["tarif_dependance_gir12"] == 19.28
    assert summary.startswith("Fichier CNSA (prix EHPAD « données brutes », ")


def test_json_nan_and_huge_prices_are_refused(tmp_path: Path):
    source = tmp_path / "annuaire.json"
    source.write_text('[{"noFinesset": "450099002", "legal_status": "Public", "updatedAt": "2025-01-01",'
                      ' "ehpadPrice": {"prixHebPermCs": NaN, "tarifGir56": 1e308, "tarifGir12": 20}}]',
                      encoding="utf-8")
    skipped: list[str] = []
    _, imported = read_cnsa(source, {"450099002"}, skipped)
    assert imported[0].fields == {"statut": "public", "tarif_dependance_gir12": 20.0, "tarifs_au": dt.date(2025, 1, 1)}
    assert len([line for line in skipped if "refusé" in line]) == 2


def test_readme_shows_the_real_import_report(tmp_path: Path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    with (target / "structures.yml").open("a", encoding="utf-8") as handle:
        handle.write(ehpad("ehpad-010002228", "010002228"))
    out = run_cnsa(target, REAL, "--simuler")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ .venv/bin/cls-site importer cnsa cnsa-prix-ehpad-2020-brute.csv --simuler\n", 1)[1]
    assert shown.split("\n\n", 1)[0] + "\n" == out


@pytest.mark.parametrize(("capacity", "expected"), [("0,5", None), ("1", 1), ("1000", 1000), ("1001", None),
                                                    ("NaN", None), ("", None)])
def test_capacity_outside_the_schema_is_not_written(tmp_path: Path, capacity: str, expected: int | None):
    source = tmp_path / "annuaire.csv"
    source.write_text(f'noFinesset;legal_status;capacity\n450099002;Public;"{capacity}"\n', encoding="utf-8")
    _, imported = read_cnsa(source, {"450099002"}, [])
    assert imported[0].fields.get("places_permanentes") == expected


def test_a_repertoire_without_senior_numbers_is_told_what_to_do(tmp_path: Path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    out = run_cnsa(target, REAL, "--simuler")
    assert "5446 établissement(s) dans le fichier, 0 du répertoire." in out
    assert "aucune fiche de personnes âgées (EHPAD, USLD, résidence autonomie…) du répertoire ne porte de numéro " \
           "FINESS : importez d'abord le fichier FINESS" in out


def test_a_finess_number_typed_without_quotes_is_matched_as_written(tmp_path: Path) -> None:
    """`finess: 010000065` unquoted (an Ain EHPAD typed by hand) is the number 10000065 to ruamel: the prices and a
    FINESS import look for « 010000065 », as the build reads it."""
    from site_builder.importers import finess_key
    from site_builder.importers.cnsa import repertoire_numbers
    from site_builder.importers.yamlfile import read_structures

    (tmp_path / "structures.yml").write_text("structures:\n  - id: ehpad-saisi\n    typologie: ehpad\n"
                                             "    finess: 010000065\n", encoding="utf-8")
    assert repertoire_numbers(tmp_path) == {"010000065": "ehpad"}
    assert finess_key(read_structures(tmp_path / "structures.yml")["structures"][0]) == "010000065"
