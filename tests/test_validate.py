"""Validation: a good data set gives a model; each kind of mistake gives a located French error."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import errors_of, replace_in

from site_builder.validate import load_model

AXE = "programme/axe-1.yml"


def test_minimal_data_set_is_valid(data_dir: Path) -> None:
    model = load_model(data_dir, data_dir.parent)
    assert [a.id for a in model.actions] == ["1-1-1", "1-1-2"]
    action = model.actions[0]
    assert action.objectif_operationnel == ("Prévenir l'obésité.",)
    assert action.partenaires == ("ars", "communes")
    assert action.indicateurs[1].cible == 40 and action.indicateurs[1].unite == "familles"
    assert model.communes[0].nom == "Ascoux"  # sorted by name
    assert model.communes[1].code_postal == "45300"


def test_the_example_data_is_valid_and_complete() -> None:
    root = Path(__file__).resolve().parents[1]
    model = load_model(root / "data", root)
    assert len(model.actions) == 28
    assert [len(axis.actions) for axis in model.axes] == [12, 8, 5, 3, 0]
    assert len(model.contract.signataires) == 14
    assert all(action.pilotes and len(action.indicateurs) >= 1 for action in model.actions)


# (file, text to replace, replacement, expected error line — exact)
CASES = {
    "unknown field with suggestion": (
        AXE, "        titre: Ateliers cuisine", "        titr: Ateliers cuisine",
        "data/programme/axe-1.yml:9 fiches[1].actions[1].titr: champ inconnu.\n    → vouliez-vous dire « titre » ?"),
    "missing required field": (
        AXE, "        pilotes: [ars]\n", "",
        "data/programme/axe-1.yml:20 fiches[1].actions[2].pilotes: champ obligatoire manquant ou vide.\n"
        "    → ajoutez « pilotes: … » à une action."),
    "wrong type": (
        AXE, "        outils: [Locaux]", "        outils: {a: b}",
        "data/programme/axe-1.yml:11 fiches[1].actions[1].outils: liste de textes attendue, reçu un ensemble de clés."),
    "not a number": (
        "cls.yml", "debut: 2023", "debut: 2O23",
        "data/cls.yml:3 debut: nombre entier attendu, reçu « 2O23 »."),
    "number out of range": (
        AXE, "            cible: 40", "            cible: -4",
        "data/programme/axe-1.yml:19 fiches[1].actions[1].indicateurs[2].cible: -4 hors des valeurs admises "
        "(au moins 0)."),
    "duplicate id": (
        "organisations.yml", "  - id: ars\n", "  - id: petr\n",
        "data/organisations.yml:5 organisations[2].id: identifiant « petr » déjà utilisé (data/organisations.yml:2).\n"
        "    → chaque identifiant doit être unique : renommez l'un des deux."),
    "duplicate action number": (
        AXE, "      - numero: 2", "      - numero: 1",
        "data/programme/axe-1.yml:20 fiches[1].actions[2].numero: identifiant « 1-1-1 » déjà utilisé "
        "(data/programme/axe-1.yml:8).\n    → chaque identifiant doit être unique : renommez l'un des deux."),
    "reference to a missing id, with suggestion": (
        AXE, "partenaires: [ars, communes]", "partenaires: [ars, comunes]",
        "data/programme/axe-1.yml:14 fiches[1].actions[1].partenaires[2]: « comunes » ne correspond à aucune "
        "organisation (data/organisations.yml).\n    → vouliez-vous dire « communes » ?"),
    "repeated item in a list": (
        AXE, "partenaires: [ars, communes]", "partenaires: [ars, ars]",
        "data/programme/axe-1.yml:14 fiches[1].actions[1].partenaires[2]: « ars » figure deux fois dans la liste.\n"
        "    → supprimez le doublon."),
    "invalid postcode kept as written": (
        "communes.yml", 'code_postal: "45300"', "code_postal: 4530",
        "data/communes.yml:4 communes[1].code_postal: code postal invalide : « 4530 ».\n"
        "    → exemple : « 45300 » (5 chiffres, entre guillemets si la valeur commence par 0)."),
    "duplicate INSEE code": (
        "communes.yml", 'code_insee: "45010"', 'code_insee: "45252"',
        'data/communes.yml:9 communes[2].code_insee: identifiant « 45252 » déjà utilisé (data/communes.yml:2).\n'
        "    → chaque identifiant doit être unique : renommez l'un des deux."),
    "unknown choice with suggestion": (
        "organisations.yml", "    type: categorie", "    type: catégorie",
        "data/organisations.yml:12 organisations[4].type: valeur inconnue « catégorie ».\n"
        "    → vouliez-vous dire « categorie » ?"),
    "invalid url": (
        "organisations.yml", "    sigle: ARS\n", "    sigle: ARS\n    site_web: javascript:alert(1)\n",
        "data/organisations.yml:8 organisations[2].site_web: adresse web invalide : « javascript:alert(1) ».\n"
        "    → une adresse complète commençant par https://, ex. https://www.exemple.fr/page"),
    "period running backwards": (
        "cls.yml", "fin: 2026", "fin: 2020",
        "data/cls.yml:4 fin: l'année de fin (2020) précède l'année de début (2023)."),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_is_reported_with_file_line_field_and_hint(data_dir: Path, case: str) -> None:
    file, old, new, expected = CASES[case]
    replace_in(data_dir / file, old, new)
    assert expected in errors_of(data_dir)


def test_all_errors_of_all_files_come_in_one_report(data_dir: Path) -> None:
    for file, old, new, _ in (CASES["not a number"], CASES["unknown field with suggestion"], CASES["invalid url"]):
        replace_in(data_dir / file, old, new)
    errors = errors_of(data_dir)
    assert [e.split(" ")[0] for e in errors] == [
        "data/cls.yml:3", "data/organisations.yml:8", "data/programme/axe-1.yml:9"]


def test_invalid_date(data_dir: Path) -> None:
    from site_builder.converters import date
    from site_builder.errors import ErrorReport
    from site_builder.load import Scalar
    from site_builder.schema import INVALID, Context

    ctx = Context("data/x.yml", ErrorReport())
    assert date(Scalar("2025-02-30", 7), ctx, "date_maj") is INVALID
    assert str(ctx.report.errors[0]) == (
        "data/x.yml:7 date_maj: date attendue au format AAAA-MM-JJ, reçu « 2025-02-30 ».\n    → exemple : 2025-03-31.")
    assert str(date(Scalar("2025-03-31", 8), ctx, "date_maj")) == "2025-03-31"


def test_missing_file_and_empty_file(data_dir: Path) -> None:
    (data_dir / "communes.yml").unlink()
    (data_dir / "organisations.yml").write_text("# rien\n", encoding="utf-8")
    errors = errors_of(data_dir)
    assert ("data/communes.yml fichier de données manquant.\n"
            "    → créez-le à partir de l'exemple fourni dans le dépôt (dossier data/).") in errors
    assert ("data/organisations.yml fichier vide.\n"
            "    → clés attendues : « organisations: … » (voir l'exemple fourni dans data/).") in errors
    assert len(errors) == 2  # no structure is « not a commune of the territory » for want of communes.yml
