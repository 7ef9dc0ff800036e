"""Maps and « Près de chez moi »: built HTML (vendored assets, escaping, determinism) and what a visitor does."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT, local_context, replace_in

from site_builder.cli import main
from site_builder.validate import load_model

MODEL = load_model(ROOT / "data")
STRUCTURES = len(MODEL.structures)
MSP = sum(s.typologie == "msp" for s in MODEL.structures)
PHARMACIES = sum(s.typologie == "pharmacie" for s in MODEL.structures)
PUISEAUX = {"latitude": 48.2064, "longitude": 2.4719}

# Markers a visitor sees: lone markers plus the count written in each cluster.
COUNT_MARKERS = """(selector) => {
    const map = document.querySelector(selector);
    const lone = map.querySelectorAll('.leaflet-marker-icon:not(.marker-cluster)').length;
    const clusters = Array.from(map.querySelectorAll('.marker-cluster'));
    const clustered = clusters.reduce((n, c) => n + Number(c.textContent), 0);
    return lone + clustered;
}"""


def _wait_for_markers(page, expected: int) -> None:
    """Clusters animate after a zoom; wait until the markers shown settle on `expected`."""
    page.wait_for_function(f"() => ({COUNT_MARKERS})('.cls-map') === {expected}", timeout=5000)


def _map_data(page_html: str) -> list[list[object]]:
    rows: list[list[object]] = []
    for found in re.findall(r"window\.clsCartes\.addMarkers\([^,]+, (\[.*?\]), (?:icons\[\d+\]|null)\);\n", page_html):
        rows.extend(json.loads(found))
    return rows


def test_map_pages_carry_every_marker_with_vendored_assets_only(built_site: Path) -> None:
    page_html = (built_site / "carte" / "index.html").read_text(encoding="utf-8")
    rows = _map_data(page_html)
    assert len(rows) == STRUCTURES
    assert all(isinstance(row[0], float) and isinstance(row[1], float) for row in rows)
    assert len(_map_data((built_site / "carte" / "maisons-de-sante" / "index.html").read_text(encoding="utf-8"))) == MSP
    assets = re.findall(r'<script[^>]+src="([^"]+)"|<link rel="stylesheet" href="([^"]+)"', page_html)
    for asset in (script or css for script, css in assets):
        assert not asset.startswith(("http:", "https:", "//")), asset
        assert (built_site / "carte" / asset).resolve().is_file(), asset
    for cdn in ("cdn.jsdelivr", "cdnjs", "unpkg", "code.jquery", "bootstrapcdn"):
        assert cdn not in page_html
    assert "user-scalable=no" not in page_html
    assert "leaflet/LICENSE" not in page_html and (built_site / "assets/vendor/leaflet/LICENSE").is_file()


def test_each_fiche_has_a_small_map_of_its_structure(built_site: Path) -> None:
    page_html = (built_site / "repertoire" / "msp-puiseaux" / "index.html").read_text(encoding="utf-8")
    rows = _map_data(page_html)
    assert [row[2] for row in rows] == ["Maison de santé pluriprofessionnelle de Puiseaux"]
    assert rows[0][5] == "./"  # the popup's link is the fiche itself


def test_a_map_lists_the_same_structures_beside_it(built_site: Path) -> None:
    page_html = (built_site / "carte" / "maisons-de-sante" / "index.html").read_text(encoding="utf-8")
    listed = page_html.split("Liste des structures de la carte", 1)[1]
    assert listed.count('href="../../repertoire/msp-') == MSP
    assert "tel:+33" in listed


def test_map_ids_are_deterministic(built_site: Path) -> None:
    page_html = (built_site / "carte" / "index.html").read_text(encoding="utf-8")
    assert 'id="map_carte_structures_0"' in page_html
    assert not re.search(r"_[0-9a-f]{32}\b", page_html)  # folium's default ids are 32 random hex digits


def test_popup_text_cannot_inject_markup(data_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for page in ("index.md", "le-cls.md"):
        (tmp_path / "content" / page).write_text("# Test\n", encoding="utf-8")
    replace_in(data_dir / "structures.yml", "nom: Maison de santé de test",
               "nom: \"</script><img src=x onerror=alert(1)>\"")
    result = CliRunner().invoke(main, ["build", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    for page in ("carte/index.html", "carte/maisons-de-sante/index.html", "repertoire/msp-test/index.html"):
        page_html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert "<img src=x" not in page_html, page
        assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e" in page_html, page


@pytest.mark.browser
def test_map_draws_every_marker_with_the_network_closed(page, site_url: str) -> None:
    page.goto(site_url + "/carte/")
    _wait_for_markers(page, STRUCTURES)
    page.goto(site_url + "/carte/maisons-de-sante/")
    _wait_for_markers(page, MSP)


@pytest.mark.browser
def test_only_one_type_can_be_shown_then_all_again(page, site_url: str) -> None:
    page.goto(site_url + "/carte/")
    _wait_for_markers(page, STRUCTURES)
    assert page.locator(".leaflet-control-layers").count() == 0  # no more 29 ticked checkboxes
    page.get_by_label("N'afficher que").select_option(label=f"Pharmacie ({PHARMACIES})")
    _wait_for_markers(page, PHARMACIES)
    page.get_by_role("button", name="Tout afficher").click()
    _wait_for_markers(page, STRUCTURES)


@pytest.mark.browser
def test_maps_work_after_instant_navigation(page, site_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "/")
    page.get_by_role("link", name="Trouver un soin").first.click()
    page.get_by_role("link", name="Carte des maisons de santé").first.click()
    page.wait_for_url("**/carte/maisons-de-sante/")
    _wait_for_markers(page, MSP)
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1  # no full reload
    page.get_by_role("link", name="Carte des structures").first.click()
    page.wait_for_url("**/carte/")
    _wait_for_markers(page, STRUCTURES)
    page.go_back()
    page.wait_for_url("**/carte/maisons-de-sante/")
    _wait_for_markers(page, MSP)
    assert errors == []


@pytest.mark.browser
def test_a_popup_gives_name_address_phone_and_link(page, site_url: str) -> None:
    page.goto(site_url + "/repertoire/msp-puiseaux/")
    page.locator(".leaflet-marker-icon").first.click()
    popup = page.locator(".leaflet-popup-content")
    assert "Maison de santé pluriprofessionnelle de Puiseaux" in popup.inner_text()
    assert "45390 Puiseaux" in popup.inner_text()
    assert popup.locator("a[href^='tel:']").count() == 1


def _results(tab) -> list[str]:
    tab.wait_for_selector(".cls-near__results li")
    return tab.locator(".cls-near__results li").all_inner_texts()


def _kilometres(texts: list[str]) -> list[float]:
    return [float(re.search(r"(\d+,\d) km", text).group(1).replace(",", ".")) for text in texts]


@pytest.mark.browser
def test_me_localiser_sorts_by_distance_from_the_visitor(browser, site_url: str) -> None:
    context = local_context(browser, site_url, geolocation=PUISEAUX, permissions=["geolocation"],
                            viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(site_url + "/pres-de-chez-moi/")
    tab.get_by_label("Type de structure").select_option("msp")
    tab.get_by_role("button", name="Me localiser").click()
    results = _results(tab)
    assert len(results) == MSP
    assert "Puiseaux" in results[0]
    distances = _kilometres(results)
    assert distances == sorted(distances) and distances[0] < 2
    assert "tel:" in tab.locator(".cls-near__results li a[href^='tel:']").first.get_attribute("href")
    assert "depuis votre position" in tab.locator(".cls-near__status").inner_text()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("typed", ["Puiseaux", "puiseaux", "Puiseaux (45390)"])  # 45390: see test_residents
def test_a_commune_or_postcode_gives_the_nearest_first(page, site_url: str, typed: str) -> None:
    page.goto(site_url + "/pres-de-chez-moi/")
    page.get_by_label("Commune ou code postal").fill(typed)
    page.get_by_role("button", name="Chercher", exact=True).click()
    results = _results(page)
    distances = _kilometres(results)
    assert distances == sorted(distances)
    assert "Puiseaux" in results[0]
    assert len(results) == 20 and page.get_by_role("button", name="Afficher plus de structures").is_visible()


@pytest.mark.browser
def test_a_neighbouring_commune_without_accents_is_found(page, site_url: str) -> None:
    page.goto(site_url + "/pres-de-chez-moi/")
    page.get_by_label("Commune ou code postal").fill("etampes")
    page.get_by_role("button", name="Chercher", exact=True).click()
    _results(page)
    assert "Étampes (91150, Essonne)" in page.locator(".cls-near__status").inner_text()


@pytest.mark.browser
def test_an_unknown_commune_is_explained(page, site_url: str) -> None:
    page.goto(site_url + "/pres-de-chez-moi/")
    page.get_by_label("Commune ou code postal").fill("Marseille")
    page.get_by_role("button", name="Chercher", exact=True).click()
    assert "ne correspond à aucune commune" in page.locator(".cls-near__status").inner_text()


@pytest.mark.browser
def test_a_resident_finds_the_nearest_msps_from_the_home_page_on_a_phone(phone, site_url: str) -> None:
    tab = phone
    tab.goto(site_url + "/")
    tab.get_by_role("link", name="Trouver un soin près de chez moi").click()  # 1
    tab.get_by_label("Commune ou code postal").fill("Boësses")
    tab.get_by_label("Type de structure").select_option("msp")  # 2
    tab.get_by_role("button", name="Chercher", exact=True).click()  # 3
    results = _results(tab)[:3]
    assert len(results) == 3 and all("km" in r and "02 61 91" in r for r in results)
    assert _kilometres(results) == sorted(_kilometres(results))
    for path in ("/pres-de-chez-moi/", "/communes/ascoux/", "/carte/", "/repertoire/msp-puiseaux/"):
        tab.goto(site_url + path)
        assert tab.evaluate("document.scrollingElement.scrollWidth") <= 390, path
