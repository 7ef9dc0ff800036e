"""The repertoire: structure validation, opening hours in French, exports, fiches and commune pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT, assert_reported

from site_builder.cli import main
from site_builder.exports import structures_csv
from site_builder.models import months_between
from site_builder.opening_hours import in_french, parse
from site_builder.validate import load_model

FILE = "structures.yml"

CASES = {
    "latitude and longitude swapped": (
        "    latitude: 48.173\n    longitude: 2.251", "    latitude: 2.251\n    longitude: 48.173",
        "data/structures.yml:9 structure « msp-test ».latitude: position (2.251, 48.173) hors du territoire.\n"
        "    → la latitude et la longitude semblent inversées."),
    "far outside the territory": (
        "    latitude: 48.173", "    latitude: 45.0",
        "data/structures.yml:9 structure « msp-test ».latitude: position (45.0, 2.251) hors du territoire."),
    "malformed phone": (
        '"02 61 91 00 01"', '"02 61 91 00"',
        "data/structures.yml:11 structures[1].telephone: numéro de téléphone invalide : « 02 61 91 00 »."),
    "malformed e-mail": (
        "msp@exemple.fr", "msp@exemple",
        "data/structures.yml:12 structures[1].courriel: adresse électronique invalide : « msp@exemple »."),
    "malformed INSEE code": (
        'code_insee: "45252"', 'code_insee: "4525"',
        "data/structures.yml:7 structures[1].code_insee: code INSEE invalide : « 4525 »."),
    "postcode of another commune": (
        'code_postal: "45300"', 'code_postal: "45330"',
        "data/structures.yml:6 structure « msp-test ».code_postal: 45330 n'est pas un code postal de Pithiviers."),
    "commune name not matching the INSEE code": (
        "commune: Pithiviers", "commune: Ascoux",
        "data/structures.yml:8 structure « msp-test ».commune: « Ascoux » ne correspond pas au code INSEE 45252 "
        "(Pithiviers).\n    → écrivez « Pithiviers » ou corrigez le code INSEE."),
    "unparsable opening hours": (
        '"Mo-Fr 08:30-12:30,14:00-18:00; Sa 09:00-12:00"', '"Lu-Ve 8h30-12h30"',
        "data/structures.yml:13 structures[1].horaires_accueil: horaires illisibles : règle « Lu-Ve 8h30-12h30 » "
        "illisible."),
    "an hour past 24:00": (
        '"Mo-Fr 08:30-12:30,14:00-18:00; Sa 09:00-12:00"', '"Mo-Fr 18:00-24:30"',
        "horaires illisibles : heure « 24:30 » impossible."),
    "date_maj in the future": (
        "date_maj: 2026-01-15", "date_maj: 2099-01-15",
        "data/structures.yml:18 structure « msp-test ».date_maj: date de mise à jour dans le futur (2099-01-15)."),
    "unknown typologie with suggestion": (
        "typologie: msp", "typologie: mps",
        "data/structures.yml:4 structures[1].typologie: valeur inconnue « mps ».\n    → vouliez-vous dire « msp » ?"),
    "reference to a missing action": (
        'actions: ["1-1-1"]', 'actions: ["1-1-9"]',
        "data/structures.yml:17 structures[1].actions[1]: « 1-1-9 » ne correspond à aucune action du programme "
        "(ex. 2-1-1)."),
    "javascript URL refused": (
        "    exemple: oui", "    exemple: oui\n    site_web: javascript:alert(1)",
        "data/structures.yml:20 structures[1].site_web: adresse web invalide : « javascript:alert(1) »."),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_structure_mistakes_are_located(data_dir: Path, case: str) -> None:
    assert_reported(data_dir, FILE, *CASES[case])


def test_valid_structure_and_pro_fields(data_dir: Path) -> None:
    model = load_model(data_dir, data_dir.parent, today=dt.date(2026, 11, 1))
    [msp] = [s for s in model.structures if s.id == "msp-test"]
    assert msp.telephone == "02 61 91 00 01" and msp.pro.referent == "Dr Secret"
    assert model.structures_in_action("1-1-1") == (msp,)


@pytest.mark.parametrize(("osm", "french"), [
    ("Mo-Fr 08:30-12:30,14:00-18:00; Sa 09:00-12:00",
     ["Du lundi au vendredi : 8 h 30 – 12 h 30 et 14 h – 18 h", "Samedi : 9 h – 12 h"]),
    ("24/7", ["Ouvert 24 h sur 24, 7 jours sur 7"]),
    ("Tu,Th 13:30-17:00; PH off", ["Mardi, jeudi : 13 h 30 – 17 h", "Jours fériés : fermé"]),
    ("Mo-We 09:00-12:00", ["Du lundi au mercredi : 9 h – 12 h"]),
    ("Sa-Su 10:00-12:00", ["Samedi et dimanche : 10 h – 12 h"]),
])
def test_opening_hours_in_french(osm: str, french: list[str]) -> None:
    assert in_french(parse(osm)) == french


def test_csv_round_trips_for_a_french_spreadsheet() -> None:
    model = load_model(ROOT / "data", ROOT)
    text = structures_csv(model)
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == len(model.structures) >= 40
    by_id = {row["id"]: row for row in rows}
    for item in model.structures:
        row = by_id[item.id]
        assert (row["nom"], row["code_postal"], row["telephone"]) == (item.nom, item.code_postal, item.telephone)
        assert abs(float(row["latitude"]) - item.latitude) < 1e-5


def test_example_repertoire_covers_every_kind_the_issue_names() -> None:
    model = load_model(ROOT / "data", ROOT)
    kinds = {s.typologie for s in model.structures}
    assert {"msp", "hopital", "cpts", "dac", "clic", "pmi", "cmp", "cmpp", "pharmacie", "centre-sante",
            "mission-locale", "ccas", "france-services"} <= kinds
    assert len({s.code_insee for s in model.structures}) >= 15


@pytest.fixture(scope="module")
def pro_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("pro")
    for name in ("content", "overrides", "data"):
        shutil.copytree(ROOT / name, project / name)
    options = "      data_dir: data\n      edition: pro\n      date: 2026-11-23\n      mise_a_jour_mois: 18"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("      data_dir: data", options)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    (project / "build-output.txt").write_text(result.output, encoding="utf-8")
    return project / "site"


def test_pro_fields_only_in_the_pro_edition(built_site: Path, pro_site: Path) -> None:
    model = load_model(ROOT / "data", ROOT)
    with_pro = [s for s in model.structures if s.pro and s.pro.referent]
    assert with_pro
    for item in with_pro:
        public = (built_site / "repertoire" / item.id / "index.html").read_text(encoding="utf-8")
        pro = (pro_site / "repertoire" / item.id / "index.html").read_text(encoding="utf-8")
        assert item.pro.referent not in public and "Pour les professionnels" not in public
        assert item.pro.referent in pro and "Pour les professionnels" in pro
    everything_public = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.*")
                                if p.suffix in (".html", ".json", ".csv", ".geojson"))
    assert not [s.id for s in with_pro if s.pro.referent in everything_public]


def test_fiche_has_contact_hours_actions_and_json_ld(built_site: Path) -> None:
    page = (built_site / "repertoire" / "msp-pithiviers" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+33261911000"' in page
    assert "Du lundi au vendredi" in page and "Mis à jour le" in page
    assert 'href="../../programme/action-1-1-5/"' in page
    assert "Données d&#39;exemple" in page or "Données d'exemple" in page
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(ld)
    assert data["@type"] == "MedicalClinic" and data["address"]["postalCode"] == "45300"
    assert data["telephone"] == "02 61 91 10 00"


def test_geojson_is_valid_and_links_fiches(built_site: Path) -> None:
    data = json.loads((built_site / "repertoire" / "structures.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) >= 40
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 47.8 < lat < 48.5 and 1.8 < lon < 2.8
        assert (built_site / feature["properties"]["fiche"] / "index.html").exists()


def test_commune_page_lists_structures_here_and_nearest_with_distances(built_site: Path) -> None:
    page = (built_site / "communes" / "ascoux" / "index.html").read_text(encoding="utf-8")
    assert "Se soigner à Ascoux" in page
    section = page.split('id="maison-de-sante-pluriprofessionnelle"', 1)[1].split("<h3", 1)[0]
    items = re.findall(r"<li><a [^>]+>([^<]+)</a>[^<]*<strong>à (\d+,\d) km</strong>", section)
    msps = [(name, float(km.replace(",", "."))) for name, km in items]
    assert len(msps) == 3 and [km for _, km in msps] == sorted(km for _, km in msps) and msps[-1][1] <= 20
    assert msps[0][0] == "Maison de santé pluriprofessionnelle de Pithiviers"


def test_nearest_are_three_per_type_outside_the_commune_within_the_radius() -> None:
    from site_builder.directory import Structure
    from site_builder.models import Commune
    from site_builder.render.repertoire import _groups, nearby

    here = Commune("45001", "Ici", "45000", "", 48.0, 2.0)

    def place(ident: str, kind: str, km_north: float, insee: str = "45002", nom: str = "") -> Structure:
        return Structure(ident, nom or ident, kind, "1 rue", "45000", insee, "Là", 48.0 + km_north / 111.2, 2.0,
                         dt.date(2026, 1, 1))

    structures = [place("pharma-loin", "pharmacie", 25), place("msp-ici", "msp", 0.5, insee="45001"),
                  place("msp-4", "msp", 4), place("msp-b", "msp", 2, nom="B"), place("msp-a", "msp", 2, nom="A"),
                  place("msp-1", "msp", 1), place("pharma-3", "pharmacie", 3)]
    found = nearby(here, [items for _, kinds in _groups(structures) for _, items in kinds])
    # MSPs first (the repertoire's order of types), closest first, a tie by name; not the one in the commune,
    # not a fourth, not the pharmacy beyond 20 km.
    assert [n.structure.id for n in found] == ["msp-1", "msp-a", "msp-b", "pharma-3"]
    assert [round(n.km) for n in found] == [1, 2, 2, 3]


@pytest.mark.parametrize(("earlier", "later", "months"), [
    ("2026-03-12", "2026-04-11", 0), ("2026-03-12", "2026-04-12", 1), ("2025-11-30", "2026-11-23", 11),
    ("2025-11-23", "2026-11-23", 12), ("2026-01-31", "2026-02-28", 0)])
def test_months_between(earlier: str, later: str, months: int) -> None:
    assert months_between(dt.date.fromisoformat(earlier), dt.date.fromisoformat(later)) == months


def test_staleness_report_lists_old_fiches_oldest_first(built_site: Path, pro_site: Path) -> None:
    model = load_model(ROOT / "data", today=dt.date(2026, 11, 23), stale_after_months=18)
    stale = model.stale_structures()
    assert 0 < len(stale) < len(model.structures)
    assert all(s.date_maj <= dt.date(2025, 5, 23) for s, _ in stale)
    page_html = (pro_site / "coordination" / "fiches-a-mettre-a-jour" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td><a href=\"../../repertoire/([^/]+)/\"", page_html)
    assert rows == [s.id for s, _ in stale]
    assert f"{len(stale)} fiches sur {len(model.structures)}" in page_html
    output = (pro_site.parent / "build-output.txt").read_text(encoding="utf-8")
    assert f"{len(stale)} fiches du répertoire n'ont pas été mises à jour depuis 18 mois ou plus" in output
    assert not (built_site / "coordination").exists()
