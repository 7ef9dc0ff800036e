"""Practices and their professions in the open-data exports (issue 23): CSV, GeoJSON, data·inclusion v1.

Names are published as the fiche shows them; RPPS/ADELI numbers never are (the fixture's are looked for)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from data_inclusion.schema import v1 as data_inclusion
from pydantic import ConfigDict

from site_builder.cli import main
from site_builder.exports import structures_csv, structures_geojson
from site_builder.inclusion_export import services_json, structures_json
from site_builder.validate import load_model

ROOT = Path(__file__).resolve().parent.parent
FILE_56 = ROOT / "tests" / "fixtures" / "importers" / "PS_LibreAcces_Personne_activite_202612070845.txt"
PRACTICE = "cabinet-medical-du-moulin-fictif-pithiviers"
NUMBERS = ("19900000001", "19900000002", "459900003", "819900000001")


class StrictService(data_inclusion.Service):
    model_config = ConfigDict(extra="forbid")


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory):
    """The example data with the invented extraction imported; Dr Fictif takes new patients (known 1 Dec.)."""
    data = tmp_path_factory.mktemp("exports") / "data"
    shutil.copytree(ROOT / "data", data)
    result = CliRunner().invoke(main, ["importer", "annuaire-sante", str(FILE_56), "--data", str(data),
                                       "--date", "2026-12-07"])
    assert result.exit_code == 0, result.output
    built = dataclasses.replace(load_model(data, data.parent, today=dt.date(2026, 12, 7)),
                                site_url="https://cls.example.org/")
    practice = built.structure_by_id[PRACTICE]
    anne = dataclasses.replace(practice.professionnels[0], nouveaux_patients="oui",
                               nouveaux_patients_au=dt.date(2026, 12, 1), langues=("anglais",))
    changed = dataclasses.replace(practice, professionnels=(anne, *practice.professionnels[1:]))
    return dataclasses.replace(built, structures=tuple(changed if s.id == PRACTICE else s for s in built.structures))


def test_csv_lists_professions_and_names_never_numbers(model):
    text = structures_csv(model)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")}
    assert rows[PRACTICE]["professions"] == "medecin-generaliste"
    assert rows[PRACTICE]["professionnels"] == ("Dr Anne Fictif (médecin généraliste)|"
                                                "Dr Bernard Imaginaire (médecin généraliste)")
    nurse = next(row for row in rows.values() if "Claire Inventee" in row["professionnels"])
    assert nurse["professionnels"] == "Claire Inventee (infirmier)" and nurse["professions"] == "infirmier"
    assert rows["ehpad-maison-fleurie-pithiviers"]["professionnels"] == ""
    assert not [number for number in NUMBERS if number in text]


def test_geojson_gives_near_me_the_team_and_who_takes_new_patients(model):
    text = structures_geojson(model)
    features = {f["properties"]["id"]: f["properties"] for f in json.loads(text)["features"]}
    practice = features[PRACTICE]
    assert practice["equipe"] == {"medecin-generaliste": ["Dr Anne Fictif", "Dr Bernard Imaginaire"]}
    assert practice["notes"] == {"Dr Anne Fictif": "Accepte de nouveaux patients (information du 1er décembre 2026)"
                                                   " · Parle anglais"}
    assert practice["accepte"] == ["medecin-generaliste"]
    nobody = next(p for p in features.values() if p.get("equipe", {}).get("infirmier") == ["Claire Inventee"])
    assert "notes" not in nobody and "accepte" not in nobody
    assert not [number for number in NUMBERS if number in text]


def test_data_inclusion_publishes_one_service_per_profession(model):
    text = services_json(model)
    services = {s["id"]: s for s in json.loads(text)}
    source = json.loads(structures_json(model))[0]["source"]
    gps = services[f"{source}--{PRACTICE}--medecin-generaliste"]
    assert (gps["nom"], gps["description"], gps["thematiques"], gps["publics"]) == (
        "Médecins généralistes", "2 médecins généralistes : Dr Anne Fictif, Dr Bernard Imaginaire.",
        ["sante--acces-aux-soins"], ["tous-publics"])
    assert gps["structure_id"] == f"{source}--{PRACTICE}" and gps["telephone"] == "+33261912001"
    psychologists = [s for s in services.values() if s["id"].endswith("--psychologue")]
    assert {(s["nom"], s["thematiques"][0], len(s["thematiques"])) for s in psychologists} == {
        ("Psychologues", "sante--sante-mentale", 1)}
    midwife = next(s for s in services.values() if s["id"].endswith("--sage-femme"))
    assert midwife["thematiques"] == ["sante--acces-aux-soins", "sante--sante-sexuelle"]
    for service in services.values():
        StrictService.model_validate(service)
    assert not any("exemple" in key for key in services)  # the invented practices are not published
    assert not [number for number in NUMBERS if number in text]
