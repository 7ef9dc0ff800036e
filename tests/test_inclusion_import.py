"""data·inclusion importer: structures with their services' themes and publics (so our own export has services),
CSV in any delimiter, contacts the source marks as not public left out, hostile files refused in French."""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
from pathlib import Path

import pytest
from helpers import refused_untouched, run_importer

from site_builder.importers.data_inclusion import read_inclusion
from site_builder.importers.territory_towns import read_towns
from site_builder.inclusion_export import services_json
from site_builder.validate import load_model

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "importers"
STRUCTURES, SERVICES = FIXTURES / "data-inclusion-structures.json", FIXTURES / "data-inclusion-services.json"
ROWS = json.loads(STRUCTURES.read_text(encoding="utf-8"))
TOWNS = read_towns(ROOT / "data")
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


run = functools.partial(run_importer, "data-inclusion")


def found(*sources: Path, skipped: list[str] | None = None) -> dict[str, dict]:
    return {i.id_source: i.fields for i in read_inclusion(list(sources), TOWNS, [] if skipped is None else skipped)}


def test_fixtures_follow_the_published_v1_schema():
    from data_inclusion.schema.v1 import Service, Structure

    assert all(Structure(**row) for row in ROWS)
    assert all(Service(**row) for row in json.loads(SERVICES.read_text(encoding="utf-8")))


def test_services_give_their_structure_themes_and_publics():
    records = found(SERVICES, STRUCTURES)  # any order
    mission, ccas = records["dora--ml-pithiverais"], records["france-travail--ccas-puiseaux"]
    # Mobility has no equivalent in our vocabulary: left out, not forced.
    assert mission["thematiques"] == ("soins-premiers-recours", "sante-mentale", "insertion")
    assert mission["publics"] == ("jeunes",)  # « demandeurs-emploi » has none either
    assert ccas["thematiques"] == ("maintien-domicile", "acces-droits")
    assert ccas["publics"] == ("personnes-agees", "personnes-handicap", "personnes-precaires")
    # A service's contact is a named person: never copied onto the structure.
    assert (mission["telephone"], mission["courriel"]) == ("02 38 30 12 01", "contact@ml-exemple.fr")
    assert found(STRUCTURES)["dora--ml-pithiverais"]["thematiques"] == ()  # without services: nothing invented


def test_import_then_our_export_has_services_again(data: Path):
    out = run(data, STRUCTURES, SERVICES)
    assert "Ajoutées (2)" in out, out
    assert "data-inclusion-structures.json : structures data·inclusion (UTF-8), 4 ligne(s).\n" \
           "data-inclusion-services.json : services data·inclusion (UTF-8), 4 ligne(s).\n" in out
    text = (data / "structures.yml").read_text(encoding="utf-8")
    assert "prenom.nom" not in text and "06 12 34 56 78" not in text
    model = load_model(data, data.parent, today=TODAY)
    services = {s["structure_id"].split("--", 1)[1]: s for s in json.loads(services_json(model))}
    mission = next(s for s in model.structures if s.id_source == "dora--ml-pithiverais")
    assert services[mission.id]["thematiques"] == ["sante--acces-aux-soins", "sante--sante-mentale"]
    assert services[mission.id]["publics"] == ["jeunes"]
    ccas = next(s for s in model.structures if s.id_source == "france-travail--ccas-puiseaux")
    assert services[ccas.id]["publics"] == ["personnes-en-situation-de-handicap", "seniors"]
    assert services[ccas.id]["thematiques"] == [
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
        "famille--prise-en-charge-personne-dependante"]


HEADER = "id{d}nom{d}date_maj{d}code_insee{d}code_postal{d}adresse{d}telephone{d}courriel{d}reseaux_porteurs\n"
LINE = ("dora--ml-pithiverais{d}Mission locale du Pithiverais{d}2025-09-15{d}45252{d}45300{d}12 rue de l'Exemple{d}"
        "+33238301201{d}contact@ml-exemple.fr{d}mission-locale\n")


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8"), (",", "utf-8-sig"), ("\t", "utf-8"),
                                                     (";", "utf-16"), (";", "cp1252")])
def test_csv_in_any_delimiter_and_encoding_is_read(tmp_path: Path, delimiter: str, encoding: str):
    source = tmp_path / "structures.csv"
    source.write_bytes((HEADER + LINE).format(d=delimiter).encode(encoding))
    record = found(source)["dora--ml-pithiverais"]
    assert (record["nom"], record["telephone"], record["typologie"]) == \
           ("Mission locale du Pithiverais", "02 38 30 12 01", "mission-locale")


def test_contact_marked_not_public_is_not_published(tmp_path: Path):
    row = dict(ROWS[0], contact_public=False)
    source = tmp_path / "s.json"
    source.write_text(json.dumps([row]), encoding="utf-8")
    skipped: list[str] = []
    record = found(source, skipped=skipped)["dora--ml-pithiverais"]
    assert (record["telephone"], record["courriel"]) == ("", "")
    assert record["site_web"] == "https://www.ml-exemple.fr"  # the structure's site is not personal
    assert "dora--ml-pithiverais : contact marqué non public par la source, téléphone et courriel non repris." \
           in skipped


HOSTILE = {
    "vide.json": (b"", "le fichier est vide"),
    "binaire.csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "fichier binaire"),
    "tronque.json": (STRUCTURES.read_bytes()[:500], "JSON illisible ligne"),
    "malforme.json": (b"[{\"id\": 1,,}]", "JSON illisible ligne 1"),
    "objet.json": (b'{"structures": 3}', "liste de structures ou de services attendue"),
    "une-colonne.csv": (b"id nom date_maj\n1 a 2025-01-01\n", "une seule colonne lue"),
    "inconnu.csv": (b"identifiant;libelle\n1;CCAS\n", "Colonnes attendues : id, structure_id ; ou id, nom, date_maj"),
    "services-seuls.json": (SERVICES.read_bytes(), "aucun fichier de structures"),
    "cellule-geante.csv": (b"id;nom;date_maj\n1;\"" + b"a" * 200_000 + b"\";2025-01-01\n", "CSV illisible"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_in_french(data: Path, tmp_path: Path, name: str):
    content, message = HOSTILE[name]
    out = refused_untouched("data-inclusion", data, tmp_path / name, content)
    assert message in out and "Disparues" not in out, out


def test_latin1_json_is_read(tmp_path: Path):
    source = tmp_path / "latin1.json"
    source.write_bytes(json.dumps([dict(ROWS[0], nom="Mission locale — Pithiverais à l'écoute")],
                                  ensure_ascii=False).replace("—", "-").encode("latin-1"))
    assert found(source)["dora--ml-pithiverais"]["nom"] == "Mission locale - Pithiverais à l'écoute"


@pytest.mark.parametrize(("change", "reported"), [
    ({"id": None}, "structure « Mission locale du Pithiverais » (Pithiviers) : sans id, non reprise."),
    ({"nom": ""}, "structure « dora--ml-pithiverais » (Pithiviers) : sans nom, non reprise."),
    ({"date_maj": None}, "(Pithiviers) : sans date_maj, non reprise."),
    ({"date_maj": "15/09/2025"}, "sans date_maj, non reprise."),
])
def test_a_record_missing_a_field_is_reported_and_the_others_kept(tmp_path: Path, change: dict, reported: str):
    source = tmp_path / "s.json"
    source.write_text(json.dumps([dict(ROWS[0], **change), ROWS[2]]), encoding="utf-8")
    skipped: list[str] = []
    assert list(found(source, skipped=skipped)) == ["france-travail--ccas-puiseaux"]
    assert any(reported in line for line in skipped), skipped


@pytest.mark.parametrize(("latitude", "longitude"), [("NaN", 2.25), (1e308, 2.25), (40.7128, -74.006),
                                                     (123, 2.25), (2.2498, 48.1733)])
def test_impossible_positions_fall_back_to_the_commune_centre(tmp_path: Path, latitude: object, longitude: object):
    source = tmp_path / "s.json"
    source.write_text(json.dumps([dict(ROWS[0], latitude=latitude, longitude=longitude)]), encoding="utf-8")
    skipped: list[str] = []
    record = found(source, skipped=skipped)["dora--ml-pithiverais"]
    centre = TOWNS["45252"]
    assert (record["latitude"], record["longitude"]) == (centre.latitude, centre.longitude)
    assert any("refusée, loin de Pithiviers" in line for line in skipped), skipped
