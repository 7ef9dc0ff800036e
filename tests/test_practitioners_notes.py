"""What the coordinator knows of a professional and no register says (issue 23, item 4): new patients with the
date of the information, home visits, languages. Validated at their line, shown on the fiche, kept by imports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import ROOT, errors_of, replace_in

from site_builder.cli import main
from site_builder.directory import Professional
from site_builder.practitioner_notes import availability
from site_builder.render.professionals_pages import team
from site_builder.validate import load_model

FILE_56 = ROOT / "tests" / "fixtures" / "importers" / "PS_LibreAcces_Personne_activite_202612070845.txt"
PERSON = "    adresse: 1 rue de l'Exemple\n"
GP = Professional(nom="Fictif", prenom="Anne", civilite="Docteur", profession="medecin-generaliste",
                  specialite="Médecine Générale", mode="liberal", rpps="19900000001")


def with_people(data_dir: Path, people: str) -> None:
    """The MSP of the minimal data set with a `professionnels:` list (YAML lines, indented as in the file)."""
    replace_in(data_dir / "structures.yml", PERSON, PERSON + "    professionnels:\n" + people)


def test_the_notes_are_read_whatever_the_case_and_shown_on_the_fiche(data_dir: Path):
    with_people(data_dir, "      - nom: Fictif\n        profession: medecin-generaliste\n"
                          "        nouveaux_patients: sur liste d'attente\n        nouveaux_patients_au: 2026-11-02\n"
                          "        visites_a_domicile: oui\n        langues: [Anglais, LSF]\n")
    model = load_model(data_dir, today=dt.date(2026, 12, 7))
    person = model.structure_by_id["msp-test"].professionnels[0]
    assert (person.nouveaux_patients, person.nouveaux_patients_au) == ("liste-attente", dt.date(2026, 11, 2))
    assert person.langues == ("anglais", "langue des signes française") and person.visites_a_domicile is True
    assert availability(person, dt.date(2026, 12, 7)) == [
        "Nouveaux patients sur liste d'attente (information du 2 novembre 2026)", "Visites à domicile",
        "Parle anglais et langue des signes française"]


@pytest.mark.parametrize(("today", "shown"), [
    (dt.date(2027, 6, 11), "Accepte de nouveaux patients (information du 12 mars 2027)"),
    (dt.date(2027, 6, 12), "Accepte de nouveaux patients (information du 12 mars 2027, à vérifier en appelant)"),
])
def test_a_new_patients_answer_is_dated_and_stale_after_three_months(today: dt.date, shown: str):
    person = dataclasses.replace(GP, nouveaux_patients="oui", nouveaux_patients_au=dt.date(2027, 3, 12),
                                 visites_a_domicile=False, langues=("arabe", "anglais", "wolof"))
    assert team([person], "public", today) == [("Médecins généralistes", [(
        "Dr Anne Fictif — Médecine Générale · libéral",
        f"{shown} · Pas de visites à domicile · Parle arabe, anglais et wolof")])]


def test_nothing_known_adds_nothing():
    assert team([GP], "public", dt.date(2026, 12, 7)) == [
        ("Médecins généralistes", [("Dr Anne Fictif — Médecine Générale · libéral", "")])]


def test_mistakes_are_reported_in_french_at_their_line(data_dir: Path):
    with_people(data_dir, "      - nom: Fictif\n        profession: medecin-generaliste\n"
                          "        nouveaux_patients: peut-être\n"
                          "      - nom: Imaginaire\n        profession: infirmier\n        nouveaux_patients: oui\n"
                          "      - nom: Suppose\n        profession: dentiste\n"
                          "        nouveaux_patients_au: 2026-10-01\n"
                          "        langues: [anglias, français]\n"
                          "      - nom: Fable\n        profession: sage-femme\n        nouveaux_patients: non\n"
                          "        nouveaux_patients_au: 2099-01-01\n        visites_a_domicile: parfois\n")
    errors = errors_of(data_dir)

    def at(line: int, field: str, words: str) -> bool:
        return any(f"structures.yml:{line} " in e and field in e and words in e for e in errors)

    assert at(9, "professionnels[1].nouveaux_patients", "« oui », « non » ou « liste d'attente »"), errors
    assert at(12, "professionnels[2].nouveaux_patients", "réponse sans date"), errors
    assert at(15, "professionnels[3].nouveaux_patients_au", "date sans réponse"), errors
    assert at(16, "professionnels[3].langues[1]", "« anglais »"), errors
    assert at(16, "professionnels[3].langues[2]", "le français va de soi"), errors
    assert at(20, "professionnels[4].nouveaux_patients_au", "date dans le futur (1er janvier 2099)"), errors
    assert at(21, "professionnels[4].visites_a_domicile", "« oui » ou « non » attendu"), errors


def import_file(data: Path, path: Path, day: str) -> str:
    result = CliRunner().invoke(main, ["importer", "annuaire-sante", str(path), "--data", str(data), "--date", day])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_new_extraction_keeps_what_the_coordinator_wrote(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    import_file(data, FILE_56, "2026-12-07")
    path = data / "structures.yml"
    text = path.read_text(encoding="utf-8")
    anne = 'nom: "Fictif"\n        profession: "medecin-generaliste"\n'
    assert text.count(anne) == 1
    path.write_text(text.replace(anne, anne + "        nouveaux_patients: oui\n        nouveaux_patients_au: "
                                 "2026-12-01\n        langues: [anglais]\n", 1), encoding="utf-8")
    # A day later the practice gains a GP: its list is rewritten, the notes stay on Dr Fictif.
    lines = FILE_56.read_text(encoding="utf-8").splitlines()
    newcomer = lines[1].replace("19900000001", "19900000099").replace("FICTIF", "NOUVEAU")
    second = tmp_path / "PS_LibreAcces_Personne_activite_202612080845.txt"
    second.write_text("\n".join([*lines, newcomer]) + "\n", encoding="utf-8")
    output = import_file(data, second, "2026-12-08")
    assert "+1 médecin généraliste" in output
    records = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["structures"]
    people = {(r["id_source"], p["nom"]): p for r in records if r.get("source") == "annuaire-sante"
              for p in r["professionnels"]}
    assert {key: people[("C99900000001", "Fictif")].get(key) for key in
            ("nouveaux_patients", "nouveaux_patients_au", "langues")} == {
        "nouveaux_patients": "oui", "nouveaux_patients_au": "2026-12-01", "langues": ["anglais"]}
    assert all("nouveaux_patients" not in p for key, p in people.items() if key != ("C99900000001", "Fictif"))
    assert ("C99900000001", "Nouveau") in people
    model = load_model(data, today=dt.date(2026, 12, 8))
    assert model.structure_by_id["cabinet-medical-du-moulin-fictif-pithiviers"].professionnels[0].langues == (
        "anglais",)
    # And an extraction with nothing new for the practice leaves the file as it is.
    before = path.read_text(encoding="utf-8")
    assert "Aucun changement" in import_file(data, second, "2026-12-09")
    assert path.read_text(encoding="utf-8") == before


def test_the_example_territory_shows_the_notes_on_the_fiche_and_the_filter():
    from site_builder.render import render_pages

    model = load_model(ROOT / "data", ROOT, today=dt.date(2026, 11, 23))
    pages = {page.uri: page.content for page in render_pages(model)}
    fiche = next(text for uri, text in pages.items()
                 if uri.startswith("repertoire/cabinet-medical-exemple-pithiviers"))
    assert ("- Dr Alice Exemple — Médecine générale · libéral<br><span class=\"cls-team__note\">Accepte de nouveaux "
            "patients \\(information du 2 novembre 2026\\) · Visites à domicile · Parle anglais et arabe</span>\n"
            "- Dr Bruno Fictif — Qualifié en médecine générale · libéral<br><span class=\"cls-team__note\">"
            "N&#39;accepte pas de nouveaux patients \\(information du 15 juin 2026, à vérifier en appelant\\) · "
            "Pas de visites à domicile</span>\n") in fiche
    near = next(text for uri, text in pages.items() if uri.startswith("pres-de-chez-moi"))
    assert '<input type="checkbox" name="patients" value="nouveaux"> Accepte de nouveaux patients' in near


@pytest.fixture
def phone(browser: object, site_url: str):
    from helpers import local_context

    context = local_context(browser, site_url, viewport={"width": 390, "height": 844}, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_near_me_finds_the_gps_who_take_new_patients_with_the_date(phone, site_url: str):
    phone.goto(f"{site_url}/pres-de-chez-moi/?lieu=Pithiviers%20(45300)&profession=medecin-generaliste"
               "&patients=nouveaux")
    phone.locator(".cls-near__results li").first.wait_for()
    assert phone.locator("input[name=patients]").is_checked()
    texts = phone.locator(".cls-near__results li").all_inner_texts()
    assert len(texts) == 2, texts  # the cabinet of Dr Alice Exemple, the MSP of Dr Léa Exemple; not Puiseaux's
    assert "Dr Alice Exemple — Accepte de nouveaux patients (information du 2 novembre 2026)" in texts[0]
    assert ("Dr Léa Exemple — Accepte de nouveaux patients (information du 4 mai 2026, à vérifier en appelant)"
            in texts[1])
    assert "acceptant de nouveaux patients" in phone.locator(".cls-near__status").inner_text()
    phone.locator("input[name=patients]").uncheck()
    phone.wait_for_function("document.querySelectorAll('.cls-near__results li').length > 2")


@pytest.mark.browser
def test_the_fiche_and_near_me_with_the_filter_have_no_axe_violation(phone, site_url: str):
    from helpers import axe_violations

    phone.goto(f"{site_url}/repertoire/cabinet-medical-exemple-pithiviers/")
    assert "information du 2 novembre 2026" in phone.locator(".cls-team").inner_text()
    assert axe_violations(phone, exclude=(".cls-map",)) == []
    phone.goto(f"{site_url}/pres-de-chez-moi/?lieu=Pithiviers%20(45300)&patients=nouveaux")
    phone.locator(".cls-near__results li").first.wait_for()
    assert axe_violations(phone) == []
