"""Names people type (issue 25 item 2): communes déléguées and former communes, names without their article,
accents, hyphens and « St » folded — in « Près de chez moi », the comparison and the repertoire filter."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import ROOT

from site_builder.cli import main
from site_builder.reference import load_reference
from site_builder.text import sort_key
from site_builder.validate import load_model

MALESHERBOIS = "Le Malesherbois (45330)"


def test_the_reference_ships_former_and_delegated_names() -> None:
    former = load_reference().former_names
    assert {"Malesherbes", "Coudray", "Manchecourt", "Orveau-Bellesauve"} <= set(former["45191"])
    assert former["45348"] == ("Yèvre-le-Châtel",)  # a commune associée
    assert "Le Malesherbois" not in former["45191"]  # the current name is not a former one
    assert len(former) > 500


def test_nouveau_writes_the_former_names(tmp_path: Path) -> None:
    folder = tmp_path / "cls"
    codes = [arg for code in ("45191", "45348", "45252") for arg in ("--communes", code)]
    result = CliRunner().invoke(main, ["nouveau", str(folder), *codes], input="")
    assert result.exit_code == 0, result.output
    communes = {c["code_insee"]: c for c in yaml.safe_load((folder / "data" / "communes.yml").read_text())["communes"]}
    assert "Malesherbes" in communes["45191"]["anciens_noms"]
    assert communes["45348"]["anciens_noms"] == ["Yèvre-le-Châtel"]
    assert "anciens_noms" not in communes["45252"]  # Pithiviers has none


def test_the_example_territory_knows_malesherbes() -> None:
    model = load_model(ROOT / "data", ROOT)
    by_code = {c.code_insee: c for c in model.communes}
    assert "Malesherbes" in by_code["45191"].anciens_noms
    assert by_code["45348"].anciens_noms == ("Yèvre-le-Châtel",)


def test_names_sort_without_their_article() -> None:
    names = ["Lorcy", "Le Malesherbois", "Laas", "La Neuville-sur-Essonne", "Saint-Michel", "Manchecourt"]
    assert sorted(names, key=sort_key) == ["Laas", "Lorcy", "Le Malesherbois", "Manchecourt",
                                           "La Neuville-sur-Essonne", "Saint-Michel"]


def near_me(phone, site_url: str, typed: str) -> str:
    phone.goto(f"{site_url}/pres-de-chez-moi/")
    phone.get_by_label("Commune ou code postal").fill(typed)
    phone.get_by_role("button", name="Chercher", exact=True).click()
    status = phone.locator(".cls-near__status")
    phone.wait_for_function("document.querySelector('.cls-near__status').textContent.length > 0")
    return status.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize(("typed", "found"), [
    ("Malesherbes", MALESHERBOIS), ("malesherbois", MALESHERBOIS), ("Le Malesherbois", MALESHERBOIS),
    ("MALESHERBES", MALESHERBOIS), ("coudray", MALESHERBOIS),
    ("Yèvre-le-Châtel", "Yèvre-la-Ville (45300)"), ("yevre le chatel", "Yèvre-la-Ville (45300)"),
    ("St Michel", "Saint-Michel"), ("neuville sur essonne", "La Neuville-sur-Essonne"),
])
def test_near_me_knows_the_names_people_type(phone, site_url: str, typed: str, found: str) -> None:
    text = near_me(phone, site_url, typed)
    assert "depuis " + found in text, text
    phone.locator(".cls-near__results li").first.wait_for()
    box = phone.locator(".cls-near__status").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844  # the answer is in view, on a phone


@pytest.mark.browser
def test_an_unknown_name_is_said_where_the_visitor_looks(phone, site_url: str) -> None:
    text = near_me(phone, site_url, "Montargis-sur-Mer")
    assert "ne correspond à aucune commune connue" in text
    box = phone.locator(".cls-near__status").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844


@pytest.mark.browser
@pytest.mark.parametrize("path", ["bien-vieillir/comparer/", "repertoire/"])
def test_commune_menus_list_the_former_names_and_sort_without_article(phone, site_url: str, path: str) -> None:
    phone.goto(f"{site_url}/{path}")
    menu = phone.locator("select[name=commune]" if path == "repertoire/" else "select[name=autour]")
    labels = [t.strip() for t in menu.locator("option").all_inner_texts()]
    assert "Malesherbes (Le Malesherbois)" in labels
    assert labels[1:] == sorted(labels[1:], key=lambda label: (sort_key(label), label))
    malesherbois = labels.index("Le Malesherbois")
    assert sort_key(labels[malesherbois - 1]) < "malesherbois" < sort_key(labels[malesherbois + 1])  # under M
    menu.select_option(label="Malesherbes (Le Malesherbois)")
    assert menu.input_value() == "45191"
