"""Health professionals from the Annuaire Santé (issue 23): the reader, the practices, the merge report.

The header line of the fixtures is the real one (tests/fixtures/real/); the rows are invented (names, numbers,
phones): the register's real rows name real people and are not copied here.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.importers.annuaire_sante import ReadReport, read_activities, town_key
from site_builder.importers.practices import practices, records
from site_builder.importers.source_errors import SourceFileError
from site_builder.importers.territory_towns import read_towns
from site_builder.validate import load_model

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "importers"
FILE_56 = FIXTURES / "PS_LibreAcces_Personne_activite_202612070845.txt"
FILE_52 = FIXTURES / "annuaire-sante-52-colonnes.txt"
REAL_HEADER = ROOT / "tests" / "fixtures" / "real" / "annuaire-sante-personne-activite-header-56.txt"
DAY = dt.date(2026, 12, 7)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the example data, so an import can write."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def read(path: Path, data_dir: Path = ROOT / "data") -> tuple[dict[str, dict], ReadReport, list[str]]:
    report, skipped = ReadReport(), []
    places = practices(read_activities(path, read_towns(data_dir), report), skipped)
    found = records(places, report.extracted or DAY)
    return {item.id_source: item.fields for item in found}, report, skipped


def import_file(data: Path, path: Path, day: str = "2026-12-07", *extra: str) -> str:
    result = CliRunner().invoke(main, ["importer", "annuaire-sante", str(path), "--data", str(data), "--date", day,
                                       *extra])
    assert result.exit_code == 0, result.output
    return result.output


def practices_in(data: Path) -> dict[str, dict]:
    records = yaml.load((data / "structures.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["structures"]
    return {r["id_source"]: r for r in records if r.get("source") == "annuaire-sante"}


def test_fixture_header_is_the_real_one():
    assert FILE_56.read_text(encoding="utf-8").splitlines()[0] == REAL_HEADER.read_text(encoding="utf-8").strip()
    assert FILE_52.read_text(encoding="utf-8").splitlines()[0].count("|") == 52


def test_practices_of_the_territory_grouped_by_place():
    found, report, _ = read(FILE_56)
    assert report.layout.startswith("56 colonnes") and report.extracted == DAY
    assert set(found) == {"C99900000001", "C99900000002", "C99900000003", "C99900000004", "C99900000005",
                          "C99900000006", "F999999901", "F999999902", "C99900000012", "adresse:45252:7-rue-de-l-ecoute"}
    cabinet = found["C99900000001"]
    assert [(p["prenom"], p["nom"], p["profession"]) for p in cabinet["professionnels"]] == [
        ("Anne", "Fictif", "medecin-generaliste"), ("Bernard", "Imaginaire", "medecin-generaliste")]
    assert cabinet["professionnels"][0]["specialite"] == "Médecine Générale"  # the GP row wins over the capacity
    assert (cabinet["nom"], cabinet["adresse"], cabinet["telephone"]) == (
        "Cabinet médical du Moulin Fictif", "12 rue du Moulin Fictif", "02 61 91 20 01")
    assert found["C99900000002"]["professionnels"][0]["rpps"] == "19900000002"  # the same doctor, in Puiseaux


def test_commune_by_postcode_and_name_when_the_code_is_empty():
    found, _, _ = read(FILE_56)
    assert (found["C99900000003"]["code_insee"], found["C99900000003"]["commune"]) == ("45191", "Le Malesherbois")
    assert (found["C99900000004"]["code_insee"], found["C99900000004"]["commune"]) == ("45030", "Beaune-la-Rolande")
    assert town_key("SAINT-MARTIN D'ABBAT CEDEX 2") == town_key("Saint-Martin-d'Abbat") == "st martin d abbat"


def test_left_out_replacement_outside_and_no_activity():
    found, report, _ = read(FILE_56)
    names = {p["nom"] for fields in found.values() for p in fields["professionnels"]}
    assert {"Remplacant", "Ailleurs", "Sansactivite"}.isdisjoint(names)
    assert report.replacements == 1 and report.rows == 16


def test_professions_modes_and_numbers():
    found, _, _ = read(FILE_56)
    people = {p["nom"]: p for fields in found.values() for p in fields["professionnels"]}
    assert {name: p["profession"] for name, p in people.items()} == {
        "Fictif": "medecin-generaliste", "Imaginaire": "medecin-generaliste", "Inventee": "infirmier",
        "Fictive": "masseur-kinesitherapeute", "Suppose": "dentiste", "Fable": "sage-femme",
        "Chimere": "pharmacien", "Mirage": "psychologue", "Salariee": "medecin-generaliste",
        "Adresse": "medecin-generaliste"}
    assert people["Salariee"]["mode"] == "salarie" and people["Fictif"]["mode"] == "liberal"
    assert people["Inventee"]["adeli"] == "459900003" and "rpps" not in people["Inventee"]
    assert found["F999999901"]["typologie"] == "pharmacie" and found["F999999902"]["finess"] == "999999902"
    assert all("courriel" not in fields for fields in found.values())


def test_the_52_column_layout_gives_the_same_practices():
    found_56, _, _ = read(FILE_56)
    found_52, report, _ = read(FILE_52)
    assert report.layout.startswith("52 colonnes")
    # Without the genre column the replacement cannot be told apart: it is kept as a practice.
    assert set(found_52) - set(found_56) == {"C99900000009"}
    assert found_52["C99900000001"]["professionnels"] == found_56["C99900000001"]["professionnels"]


def test_the_zip_as_downloaded(tmp_path: Path):
    archive = tmp_path / "PS_LibreAcces_202612070845.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("PS_LibreAcces_Dipl_AutExerc_202612070845.txt", "Type d'identifiant PP|\n")
        out.write(FILE_56, FILE_56.name)
    assert read(archive)[0] == read(FILE_56)[0]


def test_unknown_columns_are_refused_in_french(tmp_path: Path, data: Path):
    wrong = tmp_path / "PS_LibreAcces_Personne_activite_x.txt"
    wrong.write_text("Identifiant|Nom|Prénom|\n1|A|B|\n", encoding="utf-8")
    with pytest.raises(SourceFileError, match="Colonnes attendues : Type d'identifiant PP.*Colonnes trouvées : "
                                               "Identifiant, Nom, Prénom"):
        read(wrong)
    result = CliRunner().invoke(main, ["importer", "annuaire-sante", str(wrong), "--data", str(data)])
    assert result.exit_code == 1 and "Rien n'a été écrit" in result.output and "Traceback" not in result.output
    assert not practices_in(data)


@pytest.mark.parametrize("content", [b"\xff\xfeT\x00y\x00", "Type d'identifiant PP|é|\n".encode("latin-1")])
def test_unreadable_text_is_refused(tmp_path: Path, content: bytes):
    wrong = tmp_path / "activite.txt"
    wrong.write_bytes(content)
    with pytest.raises(SourceFileError, match="UTF-8"):
        read(wrong)


def test_zip_without_the_activity_file_is_refused(tmp_path: Path):
    archive = tmp_path / "PS_LibreAcces.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("autre.txt", "x")
    with pytest.raises(SourceFileError, match="ne contient pas de fichier"):
        read(archive)


def test_first_import_reports_by_profession_and_validates(data: Path):
    output = import_file(data, FILE_56)
    assert ("Professionnels de santé : +4 médecins généralistes, +1 infirmier, +1 masseur-kinésithérapeute, "
            "+1 sage-femme, +1 chirurgien-dentiste, +1 pharmacien, +2 psychologues.") in output
    assert ("1 activité(s) d'un autre genre que « Activité de soin et de pharmacie » (GENR01) : Activité de "
            "remplacement (1) — pas un lieu où consulter, non reprises.") in output
    assert "  Dr Louis Adresse, médecin généraliste (Pithiviers) → msp-pithiviers\n" in output  # same address
    assert "  MSP de Puiseaux (Puiseaux) → msp-puiseaux\n" in output
    model = load_model(data, today=DAY)
    practice = model.structure_by_id["cabinet-medical-du-moulin-fictif-pithiviers"]
    assert [p.label for p in practice.professionnels] == ["Dr Anne Fictif", "Dr Bernard Imaginaire"]
    assert practice.professions == ("medecin-generaliste",)


def test_second_import_reports_arrivals_departures_and_moves(data: Path, tmp_path: Path):
    import_file(data, FILE_56)
    lines = FILE_56.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if "|INVENTEE|" not in line]  # the nurse leaves
    kept = [line.replace("|DES BERCEAUX|", "|DES NOUVEAUX BERCEAUX|") for line in kept]  # the midwife moves
    kept.append(lines[3].replace("19900000002", "19900000099").replace("IMAGINAIRE", "NOUVEAU"))  # a new GP
    second = tmp_path / "PS_LibreAcces_Personne_activite_202612140845.txt"
    second.write_text("\n".join(kept) + "\n", encoding="utf-8")
    output = import_file(data, second, "2026-12-14")
    assert "Professionnels de santé : +1 médecin généraliste, −1 infirmier (parti), ~1 adresse." in output
    assert "liste des professionnels mise à jour" in output and "{" not in output
    records = practices_in(data)
    assert records["C99900000003"]["disparu_de_la_source"] == "2026-12-14"
    assert records["C99900000006"]["adresse"] == "9 rue des Nouveaux Berceaux"
    assert records["C99900000005"]["date_maj"] == "2026-12-07"  # unchanged practice: its date stays


def test_unchanged_import_writes_nothing_and_keeps_the_geocoded_place(data: Path):
    import_file(data, FILE_56)
    path = data / "structures.yml"
    text = path.read_text(encoding="utf-8")
    placed = text.replace('id_source: "C99900000005"', 'id_source: "C99900000005"\n    garder: []', 1)
    placed = placed.replace("latitude: 48.1719", "latitude: 48.1755", 1)  # as `cls-site geocoder` would
    path.write_text(placed, encoding="utf-8")
    output = import_file(data, FILE_56, "2026-12-08")
    assert "Aucun changement dans data/structures.yml." in output
    assert path.read_text(encoding="utf-8") == placed


def test_simulation_writes_nothing(data: Path):
    before = (data / "structures.yml").read_text(encoding="utf-8")
    output = import_file(data, FILE_56, "2026-12-07", "--simuler")
    assert "Simulation : rien n'a été écrit." in output
    assert (data / "structures.yml").read_text(encoding="utf-8") == before


def test_a_wrong_professional_is_reported_in_french_at_its_line(data_dir: Path):
    from helpers import errors_of, replace_in

    replace_in(data_dir / "structures.yml", "    adresse: 1 rue de l'Exemple\n",
               "    adresse: 1 rue de l'Exemple\n    professionnels:\n      - nom: Fictif\n"
               "        profession: kine\n      - nom: Imaginaire\n        profession: infirmier\n"
               "        rpps: \"1990\"\n")
    errors = errors_of(data_dir)
    assert any("structures.yml:8 " in e and "professionnels[1].profession" in e and "« kine »" in e
               for e in errors), errors
    assert any("structures.yml:11 " in e and "professionnels[2].rpps" in e and "numéro RPPS invalide" in e
               for e in errors), errors


def test_practices_join_the_msp_by_finess_or_address_unless_named_elsewhere():
    import dataclasses

    from site_builder.directory import Professional, Structure
    from site_builder.kinds.professionals import attach_practices

    def place(ident: str, kind: str, address: str, *people: Professional, **more: object) -> Structure:
        return Structure(ident, ident, kind, address, "45390", "45258", "Puiseaux", 48.2, 2.47, DAY,
                         professionnels=people, **more)

    gp, nurse = Professional("Salariee", "medecin-generaliste"), Professional("Inventee", "infirmier")
    msp = place("msp", "msp", "22 boulevard de l'Exemple", finess="999999902", professions=("sage-femme",))
    by_finess = place("f", "cabinet", "Route du Centre", gp, finess="999999902")
    by_address = place("a", "cabinet", "22 Boulevard de l'EXEMPLE", nurse, gp)
    elsewhere = place("e", "cabinet", "3 place du Marché", nurse)
    at_event = place("v", "cabinet", "22 boulevard de l'Exemple", nurse)
    pharmacy = place("p", "pharmacie", "22 boulevard de l'Exemple", finess="999999903")
    kept = attach_practices([msp, by_finess, by_address, elsewhere, at_event, pharmacy], {"v"})
    assert [s.id for s in kept] == ["msp", "e", "v", "p"]
    assert kept[0].professionnels == (gp, nurse)  # the GP of both practices once, in the vocabulary's order
    assert kept[0].professions == ("sage-femme", "medecin-generaliste", "infirmier")  # written ones first
    # A pharmacy is no host by address (only MSPs and centres de santé share their address with practices).
    assert attach_practices([pharmacy, elsewhere, dataclasses.replace(at_event, id="w")], set())[2].id == "w"


def test_density_counts_a_person_in_each_commune_and_once_for_the_territory():
    import dataclasses

    from site_builder.directory import Professional
    from site_builder.render.professionals_pages import density_rows

    model = load_model(ROOT / "data", today=DAY)
    pithiviers, puiseaux = model.commune_by_code["45252"], model.commune_by_code["45258"]
    gp = Professional("Imaginaire", "medecin-generaliste", rpps="19900000002")
    nurse = Professional("Inventee", "infirmier", adeli="459900003")
    first, second = (s for s in model.structures if s.code_insee in ("45252", "45258") and s.typologie == "msp")
    at = {first.code_insee: (gp, nurse), second.code_insee: (gp,)}
    model = dataclasses.replace(model, structures=(dataclasses.replace(first, professionnels=at[first.code_insee]),
                                                   dataclasses.replace(second, professionnels=at[second.code_insee])))
    rows, total = density_rows(model)
    assert {row.name: row.counts for row in rows} == {"Pithiviers": (1, 1, 0, 0, 0), "Puiseaux": (1, 0, 0, 0, 0)}
    assert total.counts == (1, 1, 0, 0, 0)
    row = next(row for row in rows if row.name == "Puiseaux")
    assert row.population == puiseaux.population and row.density(0) == f"{1e4 / puiseaux.population:.1f}".replace(
        ".", ",")
    assert pithiviers.population and total.population == sum(c.population for c in model.communes)


def test_a_malformed_number_is_not_written(tmp_path: Path):
    broken = tmp_path / "PS_LibreAcces_Personne_activite_202612070845.txt"
    broken.write_text(FILE_56.read_text(encoding="utf-8").replace("|19900000005|", "|1990000|"), encoding="utf-8")
    dentist = read(broken)[0]["C99900000005"]["professionnels"][0]
    assert dentist["nom"] == "Suppose" and "rpps" not in dentist  # the schema would refuse it: the site would not build


@pytest.mark.parametrize(("code", "label", "practice"), [
    ("GENR01", "Activité de soin et de pharmacie", True),  # the ANS label (NOS TRE_R22-GenreActivite)
    ("GENR01", "Activité standard", True),  # the label the extraction has also used: the code decides
    ("GENR02", "Activité de soins ou de pharmacien en tant que remplaçant", False),
    ("GENR03", "Remplacement dans une activité de soins", False),
    ("GENR04", "Activité non soignante", False),
    ("GENR08", "Coordination et orientation", False),
    ("", "Activité de soin et de pharmacie", True),  # no code: the label is read
    ("", "Activité de remplacement", False),
])
def test_only_the_genre_of_care_makes_a_practice(tmp_path: Path, code: str, label: str, practice: bool):
    lines = FILE_56.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("|")
    at_code, at_label = header.index("Code genre activité"), header.index("Libellé genre activité")
    rows = []
    for line in lines[1:]:
        cells = line.split("|")
        if cells[1] == "19900000005":  # the dentist, alone at his practice
            cells[at_code], cells[at_label] = code, label
        rows.append("|".join(cells))
    path = tmp_path / "PS_LibreAcces_Personne_activite_202612070845.txt"
    path.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    found, report, _ = read(path)
    dentists = [p for fields in found.values() for p in fields["professionnels"] if p["profession"] == "dentiste"]
    assert bool(dentists) is practice
    assert report.replacements == (1 if practice else 2)  # the fixture's own replacement, and this one
    if not practice:
        assert label in report.genres
