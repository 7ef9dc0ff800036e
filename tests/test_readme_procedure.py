"""The README's « Créer le site de mon territoire », played as a coordinator would: `nouveau`, `cls.yml` completed,
the organisations, a 30-action programme and the first review typed in the workbook (openpyxl stands for the
person), `classeur importer`, `validate`, `build --strict`; then the published site is read as a visitor would.

Run with `-s` to see the cells typed and the seconds of machine time (both go in the README).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BUILD_DATE, ROOT, fill_placeholders
from openpyxl import load_workbook

from site_builder.cli import main

EPCI = ("200066603", "200066645")  # CC du Pays de Lubersac-Pompadour, CC Vézère-Monédières-Millesources

ORGANISATIONS = [  # id, nom, sigle, type: what the coordinator types in « organisations »
    ("cpam", "Caisse primaire d'assurance maladie de la Corrèze", "CPAM", "organisation"),
    ("ch-tulle", "Centre hospitalier de Tulle", "CHT", "organisation"),
    ("msp-lubersac", "Maison de santé pluriprofessionnelle de Lubersac", "MSP", "organisation"),
    ("departement", "Conseil départemental de la Corrèze", "CD19", "organisation"),
    ("mutualite", "Mutualité française Nouvelle-Aquitaine", "", "organisation"),
    ("ireps", "Instance régionale d'éducation et de promotion de la santé", "IREPS", "organisation"),
    ("communes", "Communes du territoire", "", "categorie"),
    ("associations", "Associations locales", "", "categorie"),
]
AXES = {1: "Prévention et promotion de la santé", 2: "Accès aux soins", 3: "Santé mentale"}
FICHES = {(1, 1): "Nutrition et activité physique", (1, 2): "Dépistages", (2, 1): "Attractivité médicale",
          (2, 2): "Mobilité vers les soins", (3, 1): "Premiers secours en santé mentale", (3, 2): "Isolement"}
PILOTS = ["cpam", "ch-tulle", "msp-lubersac", "departement", "mutualite", "ireps"]
PUBLICS = ["tous-publics", "jeunes", "personnes-agees", "familles", "aidants"]
STATUSES = ["Réalisée", "En cours", "Non démarrée"]
SITE_URL = "https://sante.pays-de-correze.fr/"
CLS_YML = {  # the « À COMPLÉTER » lines of data/cls.yml, as the coordinator completes them
    "nom": 'nom: "Contrat local de santé du Pays de Corrèze"',
    "debut": "debut: 2025",
    "fin": "fin: 2029",
    "presentation": 'presentation: ["Trente communes rurales autour de Lubersac et de Treignac."]',
    "coordination": 'coordination: ["La coordinatrice du contrat, au siège de la communauté de communes."]',
    "courriel": 'courriel: "sante@lubersac-pompadour.fr"',
}


class Person:
    """Counts what a person types: one cell, one count."""

    def __init__(self) -> None:
        self.cells = 0

    def type_in(self, sheet: object, row: int, values: dict[str, object]) -> None:
        for column, value in values.items():
            sheet[f"{column}{row}"] = value
            self.cells += 1


def _programme(person: Person, book: object) -> None:
    """Organisations, axes, fiches and 30 actions typed over the scaffold's one example row of each."""
    sheet = book["organisations"]
    for row, values in enumerate(ORGANISATIONS, sheet.max_row + 1):
        person.type_in(sheet, row, dict(zip("ABCD", values, strict=True)))
    for row, (numero, titre) in enumerate(AXES.items(), 2):
        person.type_in(book["axes"], row, {"A": numero, "B": titre} if row > 2 else {"B": titre})
    for row, ((axe, numero), titre) in enumerate(FICHES.items(), 2):
        person.type_in(book["fiches"], row, {"A": axe, "B": numero, "C": titre} if row > 2 else {"C": titre})
    fiches = list(FICHES)
    for index in range(30):
        axe, fiche = fiches[index % len(fiches)]
        numero = index // len(fiches) + 1
        values = {"A": axe, "B": fiche, "C": numero, "D": f"Action {axe}-{fiche}-{numero} du territoire",
                  "E": PILOTS[index % len(PILOTS)], "G": PUBLICS[index % len(PUBLICS)],
                  "T": "Nombre de participants ; personnes ; 100"}
        if index == 0:  # the example row 1-1-1 is already there: its numbers stay
            values = {key: value for key, value in values.items() if key not in "ABC"}
        person.type_in(book["actions"], index + 2, values)


def _first_review(person: Person, book: object) -> dict[str, str]:
    """The year and date in « bilans », then a status for each action in « bilan AAAA »; some advances and figures."""
    person.type_in(book["bilans"], 2, {"A": 2026, "B": "2026-11-20", "C": "bilan à mi-parcours"})
    sheet = book["bilan AAAA"]
    statuses = {}
    for row in range(2, sheet.max_row + 1):
        ident = sheet[f"A{row}"].value
        statuses[ident] = STATUSES[row % len(STATUSES)]
        values: dict[str, object] = {"E": statuses[ident]}
        if row % 3 == 0:
            values |= {"F": f"Réunion de lancement de l'action {ident}", "I": f"Nombre de participants : {row * 3}"}
        person.type_in(sheet, row, values)
    return statuses


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The whole procedure once: the project, the outputs of the import, the cells typed and the seconds spent."""
    runner = CliRunner()
    project = tmp_path_factory.mktemp("procedure") / "cls-correze"
    person, seconds, outputs = Person(), {}, {}

    def run(step: str, *args: str) -> str:
        start = time.perf_counter()
        result = runner.invoke(main, list(args))
        seconds[step] = seconds.get(step, 0.0) + time.perf_counter() - start
        assert result.exit_code == 0, f"{step}: {result.output}"
        outputs[step] = result.output
        return result.output

    run("nouveau", "nouveau", str(project), "--epci", EPCI[0], "--epci", EPCI[1], "--nom", "Pays de Corrèze",
        "--adresse", SITE_URL)
    cls_yml = project / "data" / "cls.yml"
    text = cls_yml.read_text(encoding="utf-8")
    for key, line in CLS_YML.items():
        text = re.sub(rf"(?m)^{key}: .*$", line, text)
    cls_yml.write_text(text, encoding="utf-8")
    fill_placeholders(project)  # the legal facts of cls.yml, and each « À COMPLÉTER » mark once checked
    data, workbook = str(project / "data"), str(project / "classeur.xlsx")

    run("exporter", "classeur", "exporter", workbook, "--data", data)
    book = load_workbook(workbook)
    _programme(person, book)
    book.save(workbook)
    run("importer", "classeur", "importer", workbook, "--data", data)
    outputs["programme"] = outputs["importer"]

    run("exporter", "classeur", "exporter", workbook, "--data", data)  # the review sheet now lists the 30 actions
    book = load_workbook(workbook)
    statuses = _first_review(person, book)
    book.save(workbook)
    run("importer", "classeur", "importer", workbook, "--data", data)

    config = str(project / "mkdocs.yml")
    run("validate", "validate", "-f", config, "--date", BUILD_DATE)
    run("build", "build", "-f", config, "--strict", "--date", BUILD_DATE)
    print(f"\ncellules saisies : {person.cells} ; lignes de cls.yml complétées : {len(CLS_YML)}")
    print("secondes : " + ", ".join(f"{step} {value:.1f}" for step, value in seconds.items())
          + f" ; total {sum(seconds.values()):.1f}")
    return {"site": project / "site", "statuses": statuses, "outputs": outputs, "cells": person.cells}


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def _visible(html: str) -> str:
    """The page's text as read: tags and scripts out, entities as characters."""
    import html as entities

    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return entities.unescape(re.sub(r"<[^>]+>", " ", html))


def test_the_readme_gives_the_cells_this_procedure_types(played: dict[str, object]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"**{played['cells']} cellules**" in readme
    assert "tests/test_readme_procedure.py" in readme


def test_the_import_lists_each_added_action_once(played: dict[str, object]) -> None:
    report = played["outputs"]["programme"]
    added = re.findall(r"\+ action (\d+-\d+-\d+) ", report)
    assert len(added) == 29 and len(set(added)) == 29  # 1-1-1 was the scaffold's: it is changed, not added
    assert report.count("~ action 1-1-1 · Titre de l'action") == 1
    assert report.count("+ organisation cpam ") == 1


def test_the_published_site_shows_the_workbooks_organisations_and_review(played: dict[str, object]) -> None:
    site = played["site"]
    pages = _pages(site)
    partners = _visible(pages["partenaires/index.html"])
    for _, nom, _, _ in ORGANISATIONS:
        assert nom in partners, nom
    cpam = _visible(pages["partenaires/cpam/index.html"])
    assert "Action 1-1-1 du territoire" in cpam  # the actions it pilots, from the actions sheet
    statuses = played["statuses"]
    done = sum(s == "Réalisée" for s in statuses.values())
    going = sum(s == "En cours" for s in statuses.values())
    review = _visible(pages["suivi/bilan-2026/index.html"])
    assert "Bilan à mi-parcours 2026" in review
    assert "Réunion de lancement de l'action 1-1-2" in review
    dashboard = " ".join(_visible(pages["suivi/index.html"]).split())
    assert f"{done} actions réalisées et {going} en cours sur 30 au bilan 2026." in dashboard
    action = " ".join(_visible(pages["programme/action-1-1-2/index.html"]).split())
    assert "Action 1-1-2 du territoire" in action and "Nombre de participants" in action


def test_the_public_edition_shows_no_markdown_escape(played: dict[str, object]) -> None:
    pages = _pages(played["site"])
    assert sorted(uri for uri, html in pages.items() if "\\-" in _visible(html)) == []


@pytest.mark.parametrize("left", [
    "2023-2026",
    "à compléter",
    "cls.exemple.fr",
    "Non précisé",
])
def test_nothing_of_the_example_is_left_in_the_public_edition(played: dict[str, object], left: str) -> None:
    pages = _pages(played["site"])
    found = sorted(uri for uri, html in pages.items() if left.casefold() in html.casefold())
    assert found == []


def test_the_site_names_its_own_address(played: dict[str, object]) -> None:
    site = played["site"]
    assert f"<loc>{SITE_URL}programme/action-1-1-2/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}suivi/">' in (site / "suivi" / "index.html").read_text(
        encoding="utf-8")
