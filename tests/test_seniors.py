"""The senior housing guide: validation of the `seniors:` section, its pages, the printable guide and its PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ROOT, assert_reported, errors_of

from site_builder.render.seniors_pages import facts, gir_range
from site_builder.validate import load_model
from site_builder.vocabularies import SENIOR_KINDS, TYPOLOGIES

FILE = "structures.yml"
MODEL = load_model(ROOT / "data")
MODEL_LABELS = TYPOLOGIES

CASES = {
    "negative price": (
        "prix_journalier: 66.80", "prix_journalier: -66.80",
        "data/structures.yml:40 structures[2].seniors.prix_journalier: -66.80 hors des valeurs admises"),
    "monthly price typed as a daily price": (
        "prix_journalier: 66.80", "prix_journalier: 2040",
        "data/structures.yml:40 structures[2].seniors.prix_journalier: 2040 hors des valeurs admises"),
    "absurd capacity": (
        "places_permanentes: 80", "places_permanentes: 8000",
        "data/structures.yml:37 structures[2].seniors.places_permanentes: 8000 hors des valeurs admises"),
    "negative capacity": (
        "places_permanentes: 80", "places_permanentes: -4",
        "data/structures.yml:37 structures[2].seniors.places_permanentes: -4 hors des valeurs admises"),
    "GIR outside 1-6": (
        "gir: [1, 2, 3, 4, 5, 6]", "gir: [1, 2, 7]",
        "data/structures.yml:39 structures[2].seniors.gir[3]: 7 hors des valeurs admises"),
    "temporary places on a kind that has none": (
        "typologie: ehpad", "typologie: saad",
        "data/structures.yml:38 structures[2].seniors.places_temporaires: sans objet pour une structure de type "
        "« Service d'aide à domicile (SAAD) »."),
    "senior section on a pharmacy": (
        "typologie: ehpad", "typologie: pharmacie",
        "structures[2].seniors: une structure de type « Pharmacie » ne figure pas dans le guide seniors."),
    "price without its date": (
        "      tarifs_au: 2026-01-01\n", "",
        "structures[2].seniors: prix sans date : ajoutez « tarifs_au »"),
    "unknown Alzheimer unit": (
        "alzheimer: [uvp]", "alzheimer: [upv]",
        "data/structures.yml:44 structures[2].seniors.alzheimer[1]: valeur inconnue « upv ».\n"
        "    → vouliez-vous dire « uvp » ?"),
    "unknown status": (
        "statut: public", "statut: publique",
        "data/structures.yml:36 structures[2].seniors.statut: valeur inconnue « publique »."),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_senior_mistakes_are_located(data_dir: Path, case: str) -> None:
    assert_reported(data_dir, FILE, *CASES[case])


def test_valid_senior_section(data_dir: Path) -> None:
    assert errors_of(data_dir) == []
    model = load_model(data_dir)
    (ehpad,) = model.senior_establishments
    assert ehpad.seniors.places == 84 and ehpad.seniors.alzheimer == ("uvp",)
    assert model.seniors_of_kind("hebergement-temporaire") == (ehpad,)  # temporary places count
    assert dict(facts(ehpad))["Prix de l'hébergement"] == "66,80\u00a0€ par jour (tarif au 1er janvier 2026)"


@pytest.mark.parametrize(("levels", "text"), [((1, 2, 3, 4), "GIR 1 à 4"), ((5,), "GIR 5"), ((1, 3), "GIR 1, 3")])
def test_gir_range(levels: tuple[int, ...], text: str) -> None:
    assert gir_range(levels) == text


def test_example_guide_covers_every_kind_with_enough_establishments() -> None:
    assert len(MODEL.senior_establishments) >= 15
    assert all(MODEL.seniors_of_kind(kind) for kind in SENIOR_KINDS)
    ehpad = MODEL.seniors_of_kind("ehpad")
    assert any(s.seniors.alzheimer for s in ehpad) and any(not s.seniors.alzheimer for s in ehpad)
    assert all(s.exemple for s in MODEL.senior_establishments)  # prices and places are example data


def test_kind_pages_list_their_establishments(built_site: Path) -> None:
    for kind in SENIOR_KINDS:
        page_html = (built_site / "bien-vieillir" / kind / "index.html").read_text(encoding="utf-8")
        for item in MODEL.seniors_of_kind(kind):
            assert f'href="../../repertoire/{item.id}/"' in page_html, (kind, item.id)
    ehpad = (built_site / "bien-vieillir" / "ehpad" / "index.html").read_text(encoding="utf-8")
    assert "Unité Alzheimer" in ehpad and "par jour (tarif au" in ehpad


def test_a_fiche_shares_the_repertoire_and_adds_the_senior_section(built_site: Path) -> None:
    page_html = (built_site / "repertoire" / "ehpad-safran-pithiviers" / "index.html").read_text(encoding="utf-8")
    assert "Accueil des personnes âgées" in page_html and "Aide sociale à l" in page_html
    assert "tel:+33" in page_html  # same fiche as the repertoire: one source of truth


def test_comparison_table_is_complete_without_javascript(built_site: Path) -> None:
    page_html = (built_site / "bien-vieillir" / "comparer" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr data-kinds=", page_html)
    assert len(rows) == len(MODEL.senior_establishments)
    assert "data-cls-compare hidden" in page_html


def test_guide_pages_say_when_their_data_was_updated(built_site: Path) -> None:
    home = (built_site / "bien-vieillir" / "index.html").read_text(encoding="utf-8")
    assert "Informations du guide à jour au" in home
    costs = (built_site / "bien-vieillir" / "couts-et-aides" / "index.html").read_text(encoding="utf-8")
    assert "tarifs au" in costs and "€" in costs


def test_printable_guide_has_every_establishment_and_a_pdf(built_site: Path) -> None:
    page_html = (built_site / "bien-vieillir" / "guide-a-imprimer" / "index.html").read_text(encoding="utf-8")
    for item in MODEL.senior_establishments:
        assert item.nom.replace("'", "&#39;") in page_html, item.nom
    assert 'href="../guide-bien-vieillir.pdf"' in page_html
    pdf = (built_site / "bien-vieillir" / "guide-bien-vieillir.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 4


def _prices(page) -> list[float]:
    cells = page.locator(".cls-compare tbody tr:not([hidden]) td[data-label='Prix']")
    return [float(v) for v in cells.evaluate_all("cells => cells.map(c => c.dataset.value)") if v]


@pytest.mark.browser
def test_comparison_table_sorts_by_price(page, site_url: str) -> None:
    page.goto(site_url + "/bien-vieillir/comparer/")
    page.get_by_role("button", name="Prix").click()
    prices = _prices(page)
    assert len(prices) >= 10 and prices == sorted(prices)
    assert page.locator("th[aria-sort=ascending]").inner_text().startswith("Prix")
    page.get_by_role("button", name="Prix").click()
    assert _prices(page) == sorted(prices, reverse=True)


@pytest.mark.browser
def test_a_daughter_finds_ehpads_with_alzheimer_unit_near_her_mother(phone, site_url: str) -> None:
    """On a phone: EHPADs with an Alzheimer unit within 20 km of Ondreville-sur-Essonne, nearest first."""
    tab = phone
    tab.goto(site_url + "/bien-vieillir/")
    tab.locator(".md-content").get_by_role("link", name="Comparer les établissements").click()
    tab.get_by_label("Type").select_option("ehpad")
    tab.get_by_label("Unité Alzheimer").check()
    tab.get_by_label("Autour de").select_option(label="Ondreville-sur-Essonne")
    rows = tab.locator(".cls-compare tbody tr:not([hidden])")
    expected = [s for s in MODEL.seniors_of_kind("ehpad") if s.seniors.alzheimer]
    assert 1 <= rows.count() <= len(expected)
    texts = rows.all_inner_texts()
    assert all("€" in t and "km" in t for t in texts)
    distances = [float(re.search(r"(\d+,\d) km", t).group(1).replace(",", ".")) for t in texts]
    assert distances == sorted(distances) and distances[-1] <= 20
    assert "Ondreville-sur-Essonne" in tab.locator(".cls-filters__count").inner_text()
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= 390


@pytest.mark.browser
@pytest.mark.parametrize(("situation", "link", "kind"), [
    ("J'ai besoin de soins chez moi", "Soins infirmiers à domicile", "ssiad"),
    ("Je ne peux plus vivre seul", "EHPAD", "ehpad"),
    ("J'aide un proche malade", "Accueil de jour", "accueil-jour"),
])
def test_the_situation_path_leads_to_the_right_kind(page, site_url: str, situation: str, link: str, kind: str) -> None:
    page.goto(site_url + "/bien-vieillir/")
    card = page.locator(".cls-situations li", has_text=situation)
    card.get_by_role("link", name=link, exact=True).click()
    page.wait_for_url(f"**/bien-vieillir/{kind}/")
    assert page.locator("h1").inner_text().rstrip("¶").strip() == MODEL_LABELS[kind]


@pytest.mark.browser
def test_printed_guide_has_a_cover_and_no_navigation(page, site_url: str) -> None:
    page.goto(site_url + "/bien-vieillir/guide-a-imprimer/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".cls-guide-actions").is_visible()
    assert page.locator(".cls-guide-cover h1").is_visible()
    breaks = page.locator(".cls-guide-family").evaluate_all("els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks and set(breaks) == {"page"}
    entry = page.locator(".cls-guide-entry").first.evaluate("e => getComputedStyle(e).breakInside")
    assert entry == "avoid"


@pytest.mark.browser
def test_a_kind_page_opens_pres_de_chez_moi_on_its_kind(page, site_url: str) -> None:
    page.goto(site_url + "/bien-vieillir/ehpad/")
    page.get_by_role("link", name="Les plus proches de chez moi").click()
    page.wait_for_url("**/pres-de-chez-moi/?type=ehpad")
    assert page.get_by_label("Type de structure").input_value() == "ehpad"
    page.get_by_label("Commune ou code postal").fill("Puiseaux")
    page.get_by_role("button", name="Chercher", exact=True).click()
    page.wait_for_selector(".cls-near__results li")
    assert all("EHPAD" in t for t in page.locator(".cls-near__results li").all_inner_texts())


def test_the_guide_pages_build_without_any_senior_establishment(data_dir: Path, tmp_path: Path) -> None:
    """A territory that has not filled the guide yet builds, and the guide is left out of the site and its menu
    until it has an establishment (issue 11: a section with no data disappears)."""
    import shutil

    from click.testing import CliRunner

    from site_builder.cli import main

    structures = data_dir / FILE
    text = structures.read_text(encoding="utf-8")
    structures.write_text(text[: text.index("    seniors:")], encoding="utf-8")
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = CliRunner().invoke(main, ["build", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "site" / "bien-vieillir" / "index.html").exists()
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "bien-vieillir/" not in home and "Bien vieillir" not in home
