"""data·inclusion v1 export, checked with the official models in strict mode (an unknown key fails)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ConfigDict

from site_builder.cli import main
from site_builder.inclusion_export import e164, producer, services_json, structures_json
from site_builder.validate import load_model

data_inclusion = pytest.importorskip("data_inclusion.schema.v1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "importers"


class StrictStructure(data_inclusion.Structure):
    model_config = ConfigDict(extra="forbid")


class StrictService(data_inclusion.Service):
    model_config = ConfigDict(extra="forbid")


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory):
    """The example data plus real-format imports (FINESS, annuaire); a public site address."""
    data = tmp_path_factory.mktemp("inclusion") / "data"
    shutil.copytree(ROOT / "data", data)
    for source, name in (("finess", "finess-1.csv"), ("annuaire", "annuaire.json")):
        result = CliRunner().invoke(main, ["importer", source, str(FIXTURES / name), "--data", str(data)])
        assert result.exit_code == 0, result.output
    built = load_model(data, data.parent, today=dt.date(2026, 12, 1))
    return dataclasses.replace(built, site_url="https://cls.example.org/")


def test_every_structure_validates_strictly(model):
    records = json.loads(structures_json(model))
    assert len(records) == 18  # 13 FINESS (the IME is mapped now) + 5 annuaire; the 69 examples are not published
    for record in records:
        StrictStructure.model_validate(record)
    ccas = next(r for r in records if r["nom"].startswith("Centre communal d'action sociale"))
    source = producer(model)
    assert ccas["id"].startswith(f"{source}--") and ccas["source"] == source
    assert ccas["reseaux_porteurs"] == ["ccas-cias"] and ccas["horaires_accueil"] == "Mo-Fr 08:30-12:00,13:30-17:00"
    assert ccas["telephone"] == "+33238301001"
    assert ccas["lien_source"].startswith("https://cls.example.org/repertoire/")
    assert not any("thematiques" in r or "publics" in r or "typologie" in r for r in records)


def test_services_carry_themes_and_publics_and_validate_strictly(model):
    structure = next(s for s in model.structures if s.exemple)  # an example with themes, published on its own
    example = dataclasses.replace(structure, exemple=False)
    alone = dataclasses.replace(model, structures=(example,))
    StrictStructure.model_validate(json.loads(structures_json(alone))[0])  # themes do not leak onto the structure
    record = json.loads(services_json(alone))[0]
    StrictService.model_validate(record)
    assert record["structure_id"] == f"{producer(model)}--{example.id}"
    assert record["thematiques"] and record["publics"]


def test_strict_mode_catches_a_v0_key(model):
    record = json.loads(structures_json(model))[0] | {"typologie": "msp"}
    data_inclusion.Structure.model_validate(record)  # the official model silently drops it…
    with pytest.raises(ValueError, match="typologie"):
        StrictStructure.model_validate(record)  # …strict mode does not


@pytest.mark.parametrize(("phone", "expected"), [("02 38 30 00 01", "+33238300001"), ("15", "15"), ("", "")])
def test_phone_in_e164(phone: str, expected: str):
    assert e164(phone) == expected


def test_each_exported_value_is_the_structure_s_own(model):
    """Values, not shapes (issue 22): a latitude written as the longitude, or a field of the wrong record, fails."""
    by_id = {f"{producer(model)}--{s.id}": s for s in model.structures}
    records = json.loads(structures_json(model))
    services = {service["structure_id"]: service for service in json.loads(services_json(model))}
    assert records
    for record in records:
        s = by_id[record["id"]]
        expected = {"nom": s.nom, "commune": s.commune, "code_postal": s.code_postal, "code_insee": s.code_insee,
                    "adresse": s.adresse, "latitude": round(s.latitude, 6), "longitude": round(s.longitude, 6),
                    "date_maj": s.date_maj.isoformat()}
        assert {key: record.get(key) for key in expected} == expected, record["id"]
        assert record["latitude"] != record["longitude"]
        if record["id"] in services:
            service = services[record["id"]]
            assert (service["latitude"], service["longitude"]) == (record["latitude"], record["longitude"])


def test_a_record_vanished_from_its_source_is_not_exported(model):
    chosen = next(s for s in model.structures if not s.exemple)
    gone = dataclasses.replace(chosen, disparu_de_la_source=dt.date(2026, 11, 1))
    changed = dataclasses.replace(model, structures=tuple(gone if s is chosen else s for s in model.structures))
    before = {r["id"] for r in json.loads(structures_json(model))}
    after = {r["id"] for r in json.loads(structures_json(changed))}
    assert before - after == {f"{producer(model)}--{chosen.id}"}
    assert f"{producer(model)}--{chosen.id}" not in {r["structure_id"] for r in json.loads(services_json(changed))}
