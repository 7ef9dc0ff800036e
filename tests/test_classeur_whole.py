"""`cls-site classeur` on a new territory: organisations, the first review and every error of an import at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from site_builder.cli import main

EPCI = ("200066603", "200066645")  # two communautés de communes of Corrèze, in the shipped reference


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("classeur") / "mon-cls"
    result = CliRunner().invoke(main, ["nouveau", str(folder), "--epci", EPCI[0], "--epci", EPCI[1],
                                       "--nom", "Pays de Corrèze"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def project(scaffold: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "mon-cls"
    shutil.copytree(scaffold, copy)
    return copy


def _run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["classeur", *args, "--data", str(project / "data")])


def _export(project: Path) -> Path:
    target = project / "classeur.xlsx"
    result = _run(project, "exporter", str(target))
    assert result.exit_code == 0, result.output
    return target


def _typed(target: Path, rows: dict[str, list[list[object]]], cells: dict[str, object] | None = None) -> None:
    """What a person types: rows added below a sheet's last row, and single cells (« actions!D2 »)."""
    book = load_workbook(target)
    for name, new in rows.items():
        for values in new:
            book[name].append(values)
    for ref, value in (cells or {}).items():
        sheet, cell = ref.split("!")
        book[sheet][cell] = value
    book.save(target)


def test_organisations_sheet_round_trip_keeps_comments_and_adds_rows(project: Path) -> None:
    path = project / "data" / "organisations.yml"
    before = path.read_text(encoding="utf-8")
    target = _export(project)
    sheet = load_workbook(target)["organisations"]
    assert [c.value for c in sheet[1]] == ["Identifiant (minuscules, chiffres, tirets)", "Nom", "Sigle",
                                           "Type (organisation ou catégorie d'acteurs)", "Site web", "Description"]
    assert [c.value for c in sheet[2][:4]] == ["ars", "Agence régionale de santé", "ARS", "organisation"]
    unchanged = _run(project, "importer", str(target))
    assert "Aucun changement" in unchanged.output and path.read_text(encoding="utf-8") == before

    _typed(target, {"organisations": [["cpam", "Caisse primaire d'assurance maladie de la Corrèze", "CPAM",
                                       "organisation", "https://www.ameli.fr"]]},
           {"organisations!B2": "Agence régionale de santé Nouvelle-Aquitaine"})
    result = _run(project, "importer", str(target))
    assert result.exit_code == 0, result.output
    assert result.output.count("organisation cpam") == 1
    assert "~ organisation ars · Nom : « Agence régionale de santé » → « Agence régionale de santé Nouvelle-" in (
        result.output)
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.split("organisations:")[0])  # the file's own comment lines stay
    assert '    nom: "Agence régionale de santé Nouvelle-Aquitaine"\n' in after  # its « À COMPLÉTER » is gone
    assert "À COMPLÉTER" not in after
    cpam = yaml.safe_load(after)["organisations"][-1]
    assert cpam == {"id": "cpam", "nom": "Caisse primaire d'assurance maladie de la Corrèze", "sigle": "CPAM",
                    "type": "organisation", "site_web": "https://www.ameli.fr"}


def test_a_typed_title_loses_its_placeholder_comment_and_only_that_one(project: Path) -> None:
    target = _export(project)
    _typed(target, {}, {"actions!D2": "Ateliers nutrition dans les écoles"})
    assert _run(project, "importer", str(target)).exit_code == 0
    text = (project / "data" / "programme" / "axe-1.yml").read_text(encoding="utf-8")
    assert "        titre: Ateliers nutrition dans les écoles\n" in text
    assert text.count("# À COMPLÉTER") == 2  # the axe's and the fiche's titles, not typed, keep theirs


def test_the_first_review_comes_from_the_template_sheet(project: Path) -> None:
    target = _export(project)
    book = load_workbook(target)
    template = book["bilan AAAA"]
    assert [c.value for c in template[1]] == ["Action", "Titre de l'action (pour information)",
                                              "Axe (pour information)", "Pilotes (pour information)", "Statut",
                                              "Avancées (une par ligne)", "Difficultés", "Perspectives",
                                              "Indicateurs (un par ligne : libellé : valeur)"]
    assert [c.value for c in template[2][:3]] == ["1-1-1", "Première action", "1"]
    _typed(target, {"bilans": [[2026, "2026-11-20", "bilan à mi-parcours"]]},
           {"bilan AAAA!E2": "En cours", "bilan AAAA!F2": "12 ateliers menés\nUn relais dans chaque commune"})
    result = _run(project, "importer", str(target))
    assert result.exit_code == 0, result.output
    assert "+ bilan 2026 · ajouté (nouveau fichier)" in result.output
    review = yaml.safe_load((project / "data" / "suivi" / "2026.yml").read_text(encoding="utf-8"))
    assert review == {"annee": 2026, "date": "2026-11-20", "libelle": "bilan à mi-parcours",
                      "actions": {"1-1-1": {"statut": "en-cours",
                                            "avancees": ["12 ateliers menés", "Un relais dans chaque commune"]}}}
    same = _run(project, "importer", str(target))  # the same workbook again, as after fixing a typo elsewhere
    assert same.exit_code == 0 and "Aucun changement" in same.output, same.output
    again = load_workbook(_export(project))  # the review has its own sheet now, and a fresh template follows it
    assert again.sheetnames[4:7] == ["bilans", "bilan 2026", "bilan AAAA"]
    assert again["bilan 2026"]["E2"].value == "En cours" and again["bilan AAAA"]["E2"].value is None


def test_a_year_without_any_status_says_where_to_type_them(project: Path) -> None:
    target = _export(project)
    _typed(target, {"bilans": [[2026, "2026-11-20"]]})
    result = _run(project, "importer", str(target))
    assert result.exit_code == 1
    assert "champ obligatoire" not in result.output
    assert ("bilans!A2 (Année): le bilan 2026 n'a encore aucune action renseignée.\n"
            "    → indiquez le statut de chaque action suivie dans la feuille « bilan AAAA » (elle devient le bilan "
            "2026), ou dans une feuille « bilan 2026 »." in result.output)
    assert not (project / "data" / "suivi" / "2026.yml").exists()


def test_a_filled_template_without_its_year_is_refused(project: Path) -> None:
    target = _export(project)
    _typed(target, {}, {"bilan AAAA!E2": "Réalisée"})
    result = _run(project, "importer", str(target))
    assert result.exit_code == 1
    assert ("bilan AAAA!A1 la feuille « bilan AAAA » est remplie, mais aucune année de la feuille « bilans » ne lui "
            "correspond.\n    → ajoutez une ligne dans « bilans »" in result.output)


def test_every_error_of_every_sheet_in_one_report_in_the_coordinators_words(project: Path) -> None:
    target = _export(project)
    _typed(target, {
        "organisations": [["ame", "Association Médico-Éducative", "AME", "organisation"],
                          ["cpam", "Caisse primaire d'assurance maladie de la Corrèze", "CPAM", "organisation"],
                          ["ccas-tulle", "CCAS de Tulle", "", "organisme"]],
        "actions": [[1, 1, 2, "Bilans de santé", "AME"],
                    [1, 1, None, "Sans numéro", "ame"],  # a missing number no longer hides the rest
                    [1, 1, 4, "Permanences", "caisse primaire", "cc-vezere"]],
    })
    before = {p: p.read_bytes() for p in (project / "data").rglob("*.yml")}
    result = _run(project, "importer", str(target))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line and not line.startswith(" ")]
    expected = {
        "organisations!D7 (Type)": "vouliez-vous dire « organisation » ?",
        "actions!E3 (Pilotes)": "c'est le sigle de « ame » (Association Médico-Éducative) : écrivez son "
                                "identifiant, « ame ».",
        "actions!C4 (N° action)": "chaque ligne doit avoir « N° axe », « N° fiche » et « N° action ».",
        "actions!E5 (Pilotes)": "vouliez-vous dire « cpam » (Caisse primaire d'assurance maladie de la Corrèze) ?",
        "actions!F5 (Partenaires)": "vouliez-vous dire « cc-vezere-monedieres-millesources » ?",
    }
    located = [line.split(":")[0] for line in lines[:-1]]
    assert located == list(expected)  # the order of the tabs, then of the rows and columns
    for place, hint in expected.items():
        assert f"{place}: " in result.output and f"    → {hint}" in result.output, place
    assert lines[-1] == "5 erreurs dans le classeur. Rien n'a été écrit."
    assert "fiches[" not in result.output and "data/organisations.yml" not in result.output
    assert {p: p.read_bytes() for p in (project / "data").rglob("*.yml")} == before


def test_a_filled_template_with_two_new_years_asks_which(project: Path) -> None:
    target = _export(project)
    _typed(target, {"bilans": [[2025, "2025-11-20"], [2026, "2026-11-20"]]}, {"bilan AAAA!E2": "Réalisée"})
    result = _run(project, "importer", str(target))
    assert result.exit_code == 1
    assert ("bilan AAAA!A1 la feuille « bilan AAAA » est remplie et « bilans » a plusieurs années sans feuille "
            "(2025, 2026) : à laquelle correspond-elle ?\n    → renommez la feuille avec son année, par exemple "
            "« bilan 2026 »." in result.output)
