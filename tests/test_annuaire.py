"""DILA Annuaire de l'administration importer on the record as the API delivers it (France services of Grenoble,
pivot type `msap`), in its JSON and in a .tar.bz2 archive as downloaded; offices serving several communes."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import MINIMAL, refused_untouched, run_importer

from site_builder import urls
from site_builder.cli import main
from site_builder.importers.annuaire import read_annuaire
from site_builder.importers.source_errors import SourceFileError
from site_builder.importers.territory_towns import Town, read_towns
from site_builder.render import render_pages
from site_builder.validate import load_model

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real" / "dila-annuaire-france-services-grenoble.json"
RECORD = json.loads(REAL.read_text(encoding="utf-8"))["results"][0]
TODAY = dt.date(2026, 12, 1)
GRENOBLE = Town("38185", "Grenoble", ("38000", "38100"), 45.1842, 5.7155)
ECHIROLLES = Town("38151", "Échirolles", ("38130",), 45.1436, 5.7183)
TOWNS = {town.code_insee: town for town in (GRENOBLE, ECHIROLLES)}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The minimal project with Grenoble and Échirolles among its communes."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    with (target / "communes.yml").open("a", encoding="utf-8") as handle:
        for town in TOWNS.values():
            handle.write(f"  - code_insee: \"{town.code_insee}\"\n    nom: {town.nom}\n"
                         f"    code_postal: \"{town.codes_postaux[0]}\"\n    epci: cc-test\n"
                         f"    latitude: {town.latitude}\n    longitude: {town.longitude}\n")
    return target


def variant(**changes: object) -> dict:
    """The real record with some fields changed (a new id unless given)."""
    record = copy.deepcopy(RECORD)
    record.update({"id": f"variante-{len(changes)}-{sorted(changes)[0]}"}, **changes)
    return record


def write_json(path: Path, *records: dict, key: str = "service") -> Path:
    path.write_text(json.dumps({key: list(records)}, ensure_ascii=False), encoding="utf-8")
    return path


def bz2_archive(path: Path, members: dict[str, bytes]) -> Path:
    """A .tar.bz2 as the DILA publishes it: JSON members in a folder."""
    with tarfile.open(path, "w:bz2") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return path


run = functools.partial(run_importer, "annuaire")


def test_real_msap_record_is_imported_as_france_services():
    skipped: list[str] = []
    [office] = read_annuaire(REAL, TOWNS, skipped)
    assert office.id_source == "533cea79-fcee-4186-9b18-c6b3ea08892d"
    assert office.fields == {
        "nom": "France Services - Grenoble (Itinérant)", "typologie": "france-services",
        "adresse": "97 galerie de l'Arlequin",
        "complement_adresse": "Bus France Services Pimms Médiation Grenoble - ZR",
        "code_postal": "38100", "code_insee": "38185", "commune": "Grenoble", "latitude": 45.16411,
        "longitude": 5.73261, "telephone": "06 65 74 40 30", "courriel": "busfs.isere@pimmsmediation.fr",
        "site_web": "https://www.france-services.gouv.fr", "horaires_accueil": "Mo-Fr 09:00-12:00,13:00-17:00",
        "lien_source": "https://lannuaire.service-public.gouv.fr/auvergne-rhone-alpes/isere/"
                       "533cea79-fcee-4186-9b18-c6b3ea08892d",
        "siret": "", "date_maj": dt.date(2023, 12, 22), "communes_desservies": ()}
    assert skipped == []


def test_archive_as_downloaded_with_an_office_serving_two_communes(data: Path, tmp_path: Path):
    serving = variant(id="mds-grenoble", nom="Maison départementale des solidarités de Grenoble",
                      siret="228 100 013 00016",
                      pivot=json.dumps([{"type_service_local": "mds", "code_insee_commune": ["38185", "38151"]}]))
    archive = bz2_archive(tmp_path / "all_latest.tar.bz2", {
        "all_latest/data.gouv_local.json": json.dumps({"service": [RECORD, serving]}).encode(),
        "all_latest/LISEZMOI.txt": b"not JSON: skipped"})
    out = run(data, archive)
    assert "Ajoutées (2)" in out, out
    records = {r["id_source"]: r for r in yaml.load((data / "structures.yml").read_text(encoding="utf-8"),
                                                    Loader=yaml.BaseLoader)["structures"] if r.get("id_source")}
    assert records["mds-grenoble"]["typologie"] == "maison-solidarites"
    assert records["mds-grenoble"]["communes_desservies"] == ["38151"]  # its own commune is not repeated
    assert records["mds-grenoble"]["siret"] == "22810001300016" and "siret" not in records[RECORD["id"]]
    assert records[RECORD["id"]]["lien_source"].startswith("https://lannuaire.service-public.gouv.fr/")
    validate = CliRunner().invoke(main, ["validate", "--data", str(data), "--contenu", str(tmp_path / "content"),
                                         "--date", TODAY.isoformat()])
    assert validate.exit_code == 0, validate.output
    model = load_model(data, data.parent, today=TODAY)
    pages = {page.uri: page.content for page in render_pages(model)}
    echirolles = pages[urls.commune(model.commune_by_code["38151"])]
    assert "## Installés ailleurs, ils desservent Échirolles (1)" in echirolles
    assert "Maison départementale des solidarités de Grenoble" in echirolles and "Grenoble" in echirolles
    grenoble = pages[urls.commune(model.commune_by_code["38185"])]
    assert "Installés ailleurs" not in grenoble  # there it is « Dans la commune »
    office = next(s for s in model.structures if s.id_source == RECORD["id"])
    assert ("**Fiche officielle :** [Service\\-Public\\.fr](<https://lannuaire.service-public.gouv.fr/"
            "auvergne-rhone-alpes/isere/533cea79-fcee-4186-9b18-c6b3ea08892d>)") in pages[urls.structure(office)]


@pytest.mark.parametrize(("pivot", "typologie"), [
    ("msap", "france-services"), ("france_services", "france-services"), ("ccas", "ccas"), ("cias", "ccas"),
    ("caf", "caf"), ("cpam", "cpam"), ("msa", "cpam"), ("pmi", "pmi"), ("clic", "clic"),
    ("maison_handicapees", "mdph"), ("mission_locale", "mission-locale"), ("mds", "maison-solidarites"),
    ("cdas", "maison-solidarites"), ("accompagnement_personnes_agees", "plateforme-repit"),
])
def test_every_health_pivot_type_has_its_typology(tmp_path: Path, pivot: str, typologie: str):
    source = write_json(tmp_path / "a.json", variant(pivot=[{"type_service_local": pivot}]))
    assert read_annuaire(source, TOWNS, [])[0].fields["typologie"] == typologie


def test_other_pivot_types_are_reported_by_count(tmp_path: Path):
    records = [variant(id=f"m{n}", pivot=[{"type_service_local": "mairie"}]) for n in range(3)]
    records.append(variant(id="s1", pivot=[{"type_service_local": "sip"}]))
    records.append(variant(id="x", code_insee_commune="75056", pivot=[{"type_service_local": "caf"}]))  # Paris
    records.append(variant(id="y", code_insee_commune="38000",  # outside, but serves Échirolles
                           pivot=[{"type_service_local": "caf", "code_insee_commune": ["38151"]}]))
    skipped: list[str] = []
    assert read_annuaire(write_json(tmp_path / "a.json", *records), TOWNS, skipped) == []
    assert skipped == [
        "type « mairie » hors correspondance : 3 service(s) — voir KINDS dans site_builder/importers/annuaire.py.",
        "type « sip » hors correspondance : 1 service(s) — voir KINDS dans site_builder/importers/annuaire.py.",
        "1 service(s) installé(s) hors du territoire desservent aussi certaines de vos communes : ajoutez-les à la "
        "main si les habitants s'y rendent."]


@pytest.mark.parametrize(("phone", "expected"), [
    ("06 65 74 40 30", "06 65 74 40 30"), ("+33 4 76 00 00 01", "04 76 00 00 01"),
    ("+33 (0)4 76 00 00 01", "04 76 00 00 01"), ("0476000001", "04 76 00 00 01"), ("3939", ""), ("", ""),
])
def test_phone_numbers(tmp_path: Path, phone: str, expected: str):
    source = write_json(tmp_path / "a.json", variant(telephone=[{"valeur": phone}]))
    assert read_annuaire(source, TOWNS, [])[0].fields["telephone"] == expected


def test_unknown_layout_names_the_columns_expected_and_found(data: Path, tmp_path: Path):
    source = write_json(tmp_path / "a.json", {"identifiant": "1", "libelle": "CCAS"})
    out = run(data, source, code=1)
    assert ("Fichier de l'Annuaire de l'administration (a.json) : colonnes non reconnues. Colonnes attendues : id, "
            "nom, pivot, code_insee_commune. Colonnes trouvées : identifiant, libelle. Rien n'a été écrit.") in out


HOSTILE = {
    "vide.json": (b"", "le fichier est vide"),
    "blancs.json": (b"  \n\n", "le fichier est vide"),
    "binaire.json": (bytes(range(256)) * 4, "fichier binaire"),
    "tronque.json": (REAL.read_bytes()[:700], "JSON illisible ligne"),
    "malforme.json": (b'{"service": [{"id": "1",}]}', "JSON illisible ligne 1"),
    "pas-une-liste.json": (b'{"service": "rien"}', "liste « service » ou « results » attendue"),
    "liste-de-nombres.json": (b'{"service": [1, 2]}', "colonnes non reconnues"),
    "profond.json": (b"[" * 100000 + b"]" * 100000, "JSON"),
    "archive-tronquee.tar.bz2": (b"BZh91AY&SY" + b"\x00" * 50, "archive illisible ou tronquée"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_in_french(data: Path, tmp_path: Path, name: str):
    content, message = HOSTILE[name]
    out = refused_untouched("annuaire", data, tmp_path / name, content)
    assert message in out, out


def test_archive_without_json_is_refused(tmp_path: Path):
    archive = bz2_archive(tmp_path / "a.tar.bz2", {"LISEZMOI.txt": b"rien"})
    with pytest.raises(SourceFileError, match="l'archive ne contient aucun fichier .json"):
        read_annuaire(archive, TOWNS, [])


def test_latin1_json_is_read(tmp_path: Path):
    source = tmp_path / "latin1.json"
    source.write_bytes(json.dumps({"service": [RECORD]}, ensure_ascii=False).encode("latin-1"))
    assert read_annuaire(source, TOWNS, [])[0].fields["nom"] == "France Services - Grenoble (Itinérant)"


@pytest.mark.parametrize(("change", "reported"), [
    ({"id": ""}, "service « France Services - Grenoble (Itinérant) » (Grenoble) : sans id, non repris."),
    ({"nom": None}, "(Grenoble) : sans nom, non repris."),
    ({"date_modification": "hier"}, ": sans date_modification, non repris."),
])
def test_a_record_missing_a_field_is_reported_and_the_others_kept(tmp_path: Path, change: dict, reported: str):
    broken = copy.deepcopy(RECORD)
    broken.update(change)
    skipped: list[str] = []
    found = read_annuaire(write_json(tmp_path / "a.json", broken, variant(id="intact")), TOWNS, skipped)
    assert [item.id_source for item in found] == ["intact"]
    assert any(reported in line for line in skipped), skipped


@pytest.mark.parametrize(("latitude", "longitude"), [("NaN", "5.7"), ("1e308", "5.7"), ("40.7128", "-74.0060"),
                                                     ("123", "5.7"), ("5.73261", "45.16411")])
def test_impossible_positions_fall_back_to_the_commune_centre(tmp_path: Path, latitude: str, longitude: str):
    place = json.loads(RECORD["adresse"])
    place[0].update(latitude=latitude, longitude=longitude)
    skipped: list[str] = []
    [office] = read_annuaire(write_json(tmp_path / "a.json", variant(adresse=json.dumps(place))), TOWNS, skipped)
    assert (office.fields["latitude"], office.fields["longitude"]) == (45.1842, 5.7155)
    assert any("refusée, loin de Grenoble" in line for line in skipped), skipped


def test_bad_mail_and_site_are_left_out_not_written(tmp_path: Path):
    record = variant(adresse_courriel="pas une adresse", site_internet=[{"valeur": "javascript:alert(1)"}],
                     url_service_public="ftp://exemple")
    fields = read_annuaire(write_json(tmp_path / "a.json", record), TOWNS, [])[0].fields
    assert (fields["courriel"], fields["site_web"], fields["lien_source"]) == ("", "", "")


def test_example_territory_reads_the_old_fixture_unchanged(tmp_path: Path):
    found = read_annuaire(ROOT / "tests" / "fixtures" / "importers" / "annuaire.json", read_towns(ROOT / "data"), [])
    assert len(found) == 5


def test_readme_shows_the_real_import_report(tmp_path: Path):
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    with (target / "communes.yml").open("a", encoding="utf-8") as handle:
        handle.write('  - code_insee: "38185"\n    nom: Grenoble\n    code_postal: "38100"\n    epci: cc-test\n'
                     "    latitude: 45.1842\n    longitude: 5.7155\n")
    result = CliRunner().invoke(main, ["importer", "annuaire", str(REAL), "--data", str(target), "--simuler"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ .venv/bin/cls-site importer annuaire dila-annuaire-france-services-grenoble.json "
                         "--simuler\n", 1)[1].split("```", 1)[0]
    assert shown == result.output
