"""National-data importers: FINESS reading, the merge that never clobbers, the report, --simuler."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.importers.finess import projection, read_finess
from site_builder.importers.names import cased
from site_builder.importers.territory_towns import read_towns
from site_builder.importers.yamlfile import dump, read_structures
from site_builder.validate import load_model

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "importers"
FIRST, SECOND = FIXTURES / "finess-1.csv", FIXTURES / "finess-2.csv"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the example data, so an import can write."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def run_import(data: Path, source: Path, day: str, *extra: str) -> str:
    result = CliRunner().invoke(main, ["importer", "finess", str(source), "--data", str(data), "--date", day, *extra])
    assert result.exit_code == 0, result.output
    return result.output


def by_source_id(data: Path) -> dict[str, dict]:
    records = yaml.load((data / "structures.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["structures"]
    return {r["id_source"]: r for r in records if r.get("source") == "finess"}


def test_structures_file_round_trips_byte_for_byte():
    path = ROOT / "data" / "structures.yml"
    assert dump(read_structures(path)) == path.read_text(encoding="utf-8")


def test_finess_keeps_the_territory_and_the_mapped_categories(data: Path):
    skipped: list[str] = []
    found = read_finess(FIRST, read_towns(data), skipped)
    numbers = [item.id_source for item in found.imported]
    assert (found.extracted, found.layout, found.encoding) == ("2025-09-30", "CSV", "Latin-1 (ISO-8859-1)")
    # Orléans (outside) and the overseas rows are left out; the duplicate once; the IME (183) is mapped now.
    assert numbers == ["450099001", "450099002", "450099003", "450099004", "450099005", "450099006", "450099007",
                       "450099008", "450099009", "450099010", "450099011", "450099012", "450099014"]
    assert {i.id_source: i.fields["typologie"] for i in found.imported}["450099009"] == "ime"
    assert any(line.startswith("450099010 figure deux fois") for line in skipped)


def test_finess_fields_accents_duplicate_and_missing_position(data: Path):
    imported = {i.id_source: i.fields for i in read_finess(FIRST, read_towns(data), []).imported}
    msp = imported["450099001"]
    assert msp["nom"] == "Maison de santé pluriprofessionnelle de Pithiviers"  # Latin-1 read, capitals softened
    assert (msp["typologie"], msp["code_insee"], msp["commune"], msp["code_postal"]) == ("msp", "45252",
                                                                                          "Pithiviers", "45300")
    assert msp["adresse"] == "12 rue de la Gare" and msp["telephone"] == "02 38 30 00 01"
    # Lambert-93 back to the WGS84 position the fixture was written from.
    assert msp["latitude"] == pytest.approx(48.1726, abs=2e-5) and msp["longitude"] == pytest.approx(2.2531, abs=2e-5)
    assert msp["date_maj"] == dt.date(2025, 3, 1)
    assert imported["450099010"]["telephone"] == "02 38 30 00 11"  # the later of the two duplicate rows
    ssiad = imported["450099007"]  # no street: the lieu-dit is the address (it was « Ascoux » + the raw lieu-dit)
    assert ssiad["adresse"] == "Lieu-dit les Ormes" and ssiad["complement_adresse"] == ""
    centre = imported["450099014"]  # no geolocalisation row: the reader invents no position (the merge keeps one)
    assert "latitude" not in centre and "longitude" not in centre


@pytest.mark.parametrize(("source", "expected"), [
    ("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93", "EPSG:2154"),
    ("1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole)", "EPSG:2154"),
    ("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_N20", "EPSG:32620"),
    ("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,UTM_S40", "EPSG:32740"),
    ("WGS84/UTM zone 38S", "EPSG:32738"),
    ("1,ATLASANTE,100,INCONNU", None),
])
def test_projection_is_read_on_each_row(source: str, expected: str | None):
    assert projection(source) == expected


def test_overseas_rows_convert_from_utm(tmp_path: Path):
    from site_builder.importers.finess_csv import positions as read_positions

    anywhere = lambda lat, lon: True  # noqa: E731
    positions = read_positions(FIRST, "latin-1", {"970199001": anywhere, "970499001": anywhere}, [])
    assert positions["970199001"] == pytest.approx((15.9985, -61.7255), abs=2e-5)   # Basse-Terre, UTM 20N
    assert positions["970499001"] == pytest.approx((-20.8823, 55.4504), abs=2e-5)   # Saint-Denis, UTM 40S


def test_a_projection_code_that_does_not_exist_skips_that_row_only(tmp_path: Path):
    """EPSG:99999 stopped the whole import on pyproj's English error (issue 22): one row's position is refused."""
    from site_builder.importers.finess_csv import positions as read_positions

    text = FIRST.read_text(encoding="latin-1").replace("LAMBERT_93", "EPSG:99999", 1)
    hostile = tmp_path / "finess.csv"
    hostile.write_text(text, encoding="latin-1")
    anywhere = lambda lat, lon: True  # noqa: E731
    skipped: list[str] = []
    positions = read_positions(hostile, "latin-1", {"450099001": anywhere, "450099002": anywhere}, skipped)
    assert skipped == ["450099001 : projection des coordonnées inconnue (« 1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,"
                       "EPSG:99999 »)."]
    assert list(positions) == ["450099002"]


def test_first_import_adds_records_that_validate(data: Path):
    out = run_import(data, FIRST, "2025-10-01")
    assert "Ajoutées (13)" in out and "Non reprises (2)" in out
    assert "fiche(s) d'exemple" in out  # the examples are not silently mixed with the real records
    assert len(by_source_id(data)) == 13
    text = (data / "structures.yml").read_text(encoding="utf-8")
    assert text.startswith("# Répertoire des structures")  # the coordinator's comments stay
    load_model(data, data.parent, today=dt.date(2026, 12, 1))


def test_second_import_reports_field_changes_and_flags_the_vanished(data: Path):
    run_import(data, FIRST, "2025-10-01")
    out = run_import(data, SECOND, "2025-11-02")
    msp_id = by_source_id(data)["450099001"]["id"]
    assert f"~ {msp_id} — telephone : « 02 38 30 00 01 » → « 02 38 30 00 99 »" in out
    assert f"~ {msp_id} — date_maj : « 2025-03-01 » → « 2025-10-01 »" in out
    assert "Disparues de la source" in out and "(n° 450099012)" in out
    records = by_source_id(data)
    assert len(records) == 13  # the closed pharmacy is kept…
    assert records["450099012"]["disparu_de_la_source"] == "2025-11-02"  # …and flagged with the import's date
    assert "disparu_de_la_source" not in records["450099001"]
    out = run_import(data, FIRST, "2025-12-01")  # it comes back
    assert "De retour dans la source (1)" in out
    assert "disparu_de_la_source" not in by_source_id(data)["450099012"]


def test_coordinator_fields_and_kept_values_win(data: Path):
    run_import(data, FIRST, "2025-10-01")
    path = data / "structures.yml"
    text = path.read_text(encoding="utf-8")
    msp_id = by_source_id(data)["450099001"]["id"]
    text = text.replace(f"  - id: {msp_id}\n", f"  - id: {msp_id}\n    # accueil vérifié par téléphone\n"
                        "    courriel: accueil@msp.example.org\n    garder: [telephone, nom]\n"
                        "    nom: \"Maison de santé de Pithiviers\"\n", 1)
    before, after = text.split(f"  - id: {msp_id}\n", 1)  # the example record bears the same name: not that one
    after = after.replace('    nom: "Maison de santé pluriprofessionnelle de Pithiviers"\n', "", 1)
    text = before + f"  - id: {msp_id}\n" + after
    path.write_text(text, encoding="utf-8")
    out = run_import(data, SECOND, "2025-11-02")
    msp = by_source_id(data)["450099001"]
    assert msp["telephone"] == "02 38 30 00 01" and msp["nom"] == "Maison de santé de Pithiviers"
    assert msp["courriel"] == "accueil@msp.example.org" and msp["date_maj"] == "2025-10-01"
    assert (f"{msp_id} — telephone : vous gardez « 02 38 30 00 01 », la source indique « 02 38 30 00 99 »."
            in out)
    assert "# accueil vérifié par téléphone" in path.read_text(encoding="utf-8")


def test_simulation_writes_nothing(data: Path):
    before = (data / "structures.yml").read_bytes()
    out = run_import(data, FIRST, "2025-10-01", "--simuler")
    assert "Ajoutées (13)" in out and "Simulation : rien n'a été écrit." in out
    assert (data / "structures.yml").read_bytes() == before


def test_unchanged_import_writes_nothing(data: Path):
    run_import(data, FIRST, "2025-10-01")
    before = (data / "structures.yml").read_bytes()
    out = run_import(data, FIRST, "2025-10-01")
    assert "Aucun changement" in out and (data / "structures.yml").read_bytes() == before


def test_example_record_with_the_same_number_is_neither_updated_nor_doubled(data: Path):
    path = data / "structures.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: msp-pithiviers\n", "  - id: msp-pithiviers\n    finess: \"450099001\"\n", 1),
                    encoding="utf-8")
    out = run_import(data, FIRST, "2025-10-01")
    assert "msp-pithiviers est une fiche d'exemple" in out and "Ajoutées (12)" in out
    assert "450099001" not in by_source_id(data)
    records = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["structures"]
    example = next(r for r in records if r["id"] == "msp-pithiviers")
    assert example["telephone"] == "02 61 91 10 00" and "id_source" not in example


def test_hand_typed_record_with_the_number_is_adopted(data: Path):
    path = data / "structures.yml"
    text = path.read_text(encoding="utf-8").replace(
        "  - id: msp-pithiviers\n", "  - id: msp-pithiviers\n    finess: \"450099001\"\n", 1)
    path.write_text(text.replace("    exemple: oui\n", "", 1), encoding="utf-8")
    out = run_import(data, FIRST, "2025-10-01")
    assert "~ msp-pithiviers — source : « Exemple » → « finess »" in out
    adopted = by_source_id(data)["450099001"]
    assert adopted["id"] == "msp-pithiviers" and adopted["telephone"] == "02 38 30 00 01"
    assert adopted["courriel"] == "msp-pithiviers@exemple.fr"  # a field FINESS does not bring stays


def run_cnsa(data: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["importer", "cnsa", str(FIXTURES / "cnsa.json"), "--data", str(data), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_cnsa_fills_the_senior_section_honestly(data: Path):
    run_import(data, FIRST, "2025-10-01")
    out = run_cnsa(data)
    records = by_source_id(data)
    ehpad, residence = records["450099002"]["seniors"], records["450099008"]["seniors"]
    assert ehpad == {"statut": "public", "places_permanentes": "84", "aide_sociale": "oui", "apl": "oui",
                     "alzheimer": ["uvp", "pasa"], "prix_journalier": "64.9", "prix_journalier_temporaire": "70.1",
                     "tarif_dependance_gir12": "22.4", "tarif_dependance_gir34": "14.2",
                     "tarif_dependance_gir56": "6.03", "tarifs_au": "2025-07-01"}
    # A résidence autonomie's price is monthly and stays monthly; « no » to aide sociale is « non ».
    assert residence == {"statut": "prive-non-lucratif", "places_permanentes": "42", "aide_sociale": "non",
                         "apl": "oui", "prix_mensuel": "689.5", "tarifs_au": "2025-08-01"}
    assert "seniors" not in records["450099004"]  # a pharmacy gets no senior section: its row is not even read
    # Only the repertoire's senior numbers are read: the file's other rows (another region) are not reported.
    assert "pharmacie" not in out and "750000001" not in out
    assert "5 établissement(s) dans le fichier" in out
    assert "450099003 : statut juridique" not in out  # an empty status is « not given », not a refusal
    model = load_model(data, data.parent, today=dt.date(2026, 12, 1))
    housing = next(s for s in model.structures if s.finess == "450099008").seniors
    assert housing.prix_mensuel == 689.5 and housing.prix_journalier is None


def test_cnsa_keeps_a_price_the_coordinator_holds(data: Path):
    run_import(data, FIRST, "2025-10-01")
    run_cnsa(data)
    path = data / "structures.yml"
    ident = by_source_id(data)["450099002"]["id"]
    text = path.read_text(encoding="utf-8").replace(f"  - id: {ident}\n",
                                                    f"  - id: {ident}\n    garder: [seniors.prix_journalier]\n", 1)
    path.write_text(text.replace("      prix_journalier: 64.9\n", "      prix_journalier: 66.5\n", 1), encoding="utf-8")
    out = run_cnsa(data)
    assert by_source_id(data)["450099002"]["seniors"]["prix_journalier"] == "66.5"
    assert f"{ident} — seniors.prix_journalier : vous gardez « 66,5 », la source indique « 64,9 »." in out


def test_monthly_price_is_refused_on_a_kind_without_rent(data: Path):
    from helpers import assert_reported

    assert_reported(data, "structures.yml", "      prix_journalier: 66.80\n",
                    "      prix_journalier: 66.80\n      prix_mensuel: 1900\n", "sans objet pour une structure de type")


def test_annuaire_offices_with_hours_in_osm_syntax(data: Path):
    from site_builder.importers.annuaire import read_annuaire

    skipped: list[str] = []
    offices = {i.id_source: i.fields for i in read_annuaire(FIXTURES / "annuaire.json", read_towns(data), skipped)}
    # Orléans is outside the territory, the mairie is a kind the repertoire does not list.
    assert sorted(offices) == ["8f1c2a3e-0001", "8f1c2a3e-0002", "8f1c2a3e-0003", "8f1c2a3e-0004", "8f1c2a3e-0007"]
    assert offices["8f1c2a3e-0001"]["horaires_accueil"] == "Mo-Fr 08:30-12:00,13:30-17:00"
    caf = offices["8f1c2a3e-0002"]  # the API form: nested fields as JSON text; the place, not the postal box
    assert caf["horaires_accueil"] == "Tu 09:00-12:00; Th 13:30-16:30"
    assert (caf["adresse"], caf["telephone"], caf["typologie"]) == ("5 rue de l'Exemple", "02 38 30 10 02", "caf")
    assert offices["8f1c2a3e-0003"]["horaires_accueil"] == "Mo-Th 09:00-12:30,14:00-17:30; Sa 09:00-12:00"
    assert offices["8f1c2a3e-0004"]["typologie"] == "cpam"
    assert offices["8f1c2a3e-0003"]["date_maj"] == dt.date(2025, 9, 1)
    assert offices["8f1c2a3e-0007"]["horaires_accueil"] == ""  # « sur rendez-vous » is not a time: left to you
    assert "8f1c2a3e-0007 : horaires non convertibles, à saisir à la main." in skipped
    assert any(line.startswith("type « mairie » hors correspondance : 1") for line in skipped)


def test_annuaire_import_validates(data: Path):
    result = CliRunner().invoke(main, ["importer", "annuaire", str(FIXTURES / "annuaire.json"), "--data", str(data)])
    assert result.exit_code == 0 and "Ajoutées (5)" in result.output, result.output
    load_model(data, data.parent, today=dt.date(2026, 12, 1))


def test_freshness_separates_unconfirmed_fiches_from_source_changes(data: Path):
    import dataclasses

    from site_builder import urls
    from site_builder.render.repertoire import pages

    run_import(data, FIRST, "2024-10-01")
    run_import(data, SECOND, "2025-11-02")
    model = load_model(data, data.parent, today=dt.date(2026, 12, 1), stale_after_months=12)
    stale = model.stale_structures()
    assert stale and not any(s.id_source for s, _ in stale)  # imported dates are the source's, not yours
    gone = model.source_changes()
    assert [(s.id_source, s.disparu_de_la_source) for s in gone] == [("450099012", dt.date(2025, 11, 2))]
    page = next(p for p in pages(dataclasses.replace(model, edition="pro")) if p.uri == urls.STALE).content
    assert "pas été confirmées par la coordination depuis 12 mois" in page
    assert "finess n° 450099012" in page and "2 novembre 2025" in page


def test_data_inclusion_structures_become_records(data: Path):
    from site_builder.importers.data_inclusion import read_inclusion

    skipped: list[str] = []
    found = {i.id_source: i.fields for i in read_inclusion(FIXTURES / "data-inclusion-structures.json",
                                                           read_towns(data), skipped)}
    assert sorted(found) == ["dora--ml-pithiverais", "france-travail--ccas-puiseaux"]  # Orléans is outside
    mission = found["dora--ml-pithiverais"]
    assert (mission["typologie"], mission["telephone"]) == ("mission-locale", "02 38 30 12 01")
    assert mission["presentation_resume"].startswith("Accompagnement des jeunes")
    ccas = found["france-travail--ccas-puiseaux"]
    assert ccas["typologie"] == "ccas" and ccas["horaires_accueil"] == ""  # a free-text rule is not forced
    assert ccas["latitude"] == 48.2046  # no position: the commune's centre, until geocoded
    assert any("1 structure(s) sans réseau porteur connu" in line for line in skipped)
    result = CliRunner().invoke(main, ["importer", "data-inclusion", str(FIXTURES / "data-inclusion-structures.json"),
                                       "--data", str(data)])
    assert result.exit_code == 0 and "Ajoutées (2)" in result.output, result.output
    load_model(data, data.parent, today=dt.date(2026, 12, 1))


def test_readme_shows_the_real_second_import_report(data: Path):
    run_import(data, FIRST, "2025-10-01")
    out = run_import(data, SECOND, "2025-11-02", "--simuler")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ .venv/bin/cls-site importer finess finess-2.csv --simuler\n", 1)[1].split("```", 1)[0]
    assert shown == out


@pytest.mark.parametrize(("text", "start", "expected"), [
    ("MAISON DE SANTÉ DE L'ÎLE-DE-FRANCE", True, "Maison de santé de l'Île-de-France"),
    ("EHPAD LES TILLEULS", True, "EHPAD les Tilleuls"),
    ("DE LA RÉPUBLIQUE", False, "de la République"),
    ("DE LA RÉPUBLIQUE", True, "De la République"),
    ("Pharmacie Dupont", True, "Pharmacie Dupont"),  # written by a person: left alone
])
def test_capitals_are_softened(text: str, start: bool, expected: str):
    assert cased(text, start=start) == expected
