"""Health professionals in the built site (issue 23): fiches, MSP teams, commune pages, density, search, privacy.

A small site (the minimal data set: Pithiviers and Ascoux) with the invented Annuaire Santé rows imported,
plus a physiotherapist moved to Pithiviers so that « kiné » has something to find.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BUILD_DATE, ROOT, axe_violations, local_context, minimal_project, served

from site_builder.cli import main
from site_builder.directory import Professional
from site_builder.render.professionals_pages import team

FIXTURE = ROOT / "tests" / "fixtures" / "importers" / "PS_LibreAcces_Personne_activite_202612070845.txt"
EMAIL = re.compile(r"[\w.-]+@[\w.-]+\.mssante\.fr")


def fixture_rows() -> str:
    """The fixture, dated before the build, with the physiotherapist of Beaune-la-Rolande in Pithiviers."""
    text = FIXTURE.read_text(encoding="utf-8")
    physio = next(line for line in text.splitlines() if "|FICTIVE|" in line)
    return text + physio.replace("19900000004", "19900000015").replace("C99900000004", "C99900000015") \
        .replace("|45340|", "|45300|").replace("|BEAUNE LA ROLANDE|", "|PITHIVIERS|") + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = minimal_project(tmp_path_factory.mktemp("praticiens"))
    source = root / "PS_LibreAcces_Personne_activite_202611200845.txt"
    source.write_text(fixture_rows(), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["importer", "annuaire-sante", str(source), "--data", str(root / "data"),
                                  "--date", "2026-11-22"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site"),
                                  "--date", BUILD_DATE])
    assert result.exit_code == 0, result.output
    return root / "site"


def text_of(site: Path, page: str) -> str:
    """The visible words of a page's content, tags removed."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    body = html[html.index("<h1"):html.index('class="cls-updated"') if 'class="cls-updated"' in html else None]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#39;", "'")


def every_file(site: Path) -> Iterator[tuple[Path, str]]:
    """Every file of the site as text; Pagefind's compressed chunks decompressed."""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        yield path, data.decode("utf-8", errors="replace")


def test_no_number_nor_email_of_the_file_in_the_public_site(site: Path):
    source = fixture_rows()
    lines = [line.split("|") for line in source.splitlines()]
    numbers = {cells[at] for cells in lines[1:] for at in (1, 2)}  # Identifiant PP, Identification nationale PP
    emails = set(EMAIL.findall(source))
    assert lines[0][1:3] == ["Identifiant PP", "Identification nationale PP"]
    assert len(numbers) == 30 and len(emails) == 3  # the grep below looks for something
    assert "Dr Anne Fictif" in text_of(site, "repertoire/cabinet-medical-du-moulin-fictif-pithiviers")
    leaks = [(path.relative_to(site), secret) for path, text in every_file(site)
             for secret in numbers | emails if secret in text]
    assert not leaks


def test_pro_edition_shows_the_numbers_the_public_one_never():
    people = [Professional("Fictif", "medecin-generaliste", "Anne", "Docteur", "Médecine Générale", "liberal",
                           rpps="19900000001"),
              Professional("Inventee", "infirmier", "Claire", mode="liberal", adeli="459900003")]
    day = dt.date(2026, 12, 7)
    assert team(people, "public", day) == [
        ("Médecins généralistes", [("Dr Anne Fictif — Médecine Générale · libéral", "")]),
        ("Infirmiers", [("Claire Inventee — libéral", "")])]
    assert team(people, "pro", day)[0][1] == [("Dr Anne Fictif — Médecine Générale · libéral · RPPS 19900000001", "")]
    assert team(people, "pro", day)[1][1] == [("Claire Inventee — libéral · ADELI 459900003", "")]


def test_a_practice_fiche_lists_its_professionals_by_profession(site: Path):
    text = text_of(site, "repertoire/cabinet-medical-du-moulin-fictif-pithiviers")
    assert ("Professionnels de santé ¶ Médecins généralistes ¶ Dr Anne Fictif — Médecine Générale · libéral "
            "Dr Bernard Imaginaire — Qualifié en Médecine Générale · libéral") in text.replace("&para;", "¶")
    assert "Adresse : 12 rue du Moulin Fictif, 45300 Pithiviers" in text
    assert "Téléphone : 02 61 91 20 01" in text
    assert "RPPS" not in text and "Gérontologie" not in text


def test_a_practice_at_the_msp_joins_it_one_pin_one_fiche(site: Path):
    text = text_of(site, "repertoire/msp-test")
    assert "Médecins généralistes ¶ Dr Louis Adresse — Médecine Générale · libéral" in text.replace("&para;", "¶")
    assert not (site / "repertoire" / "dr-louis-adresse-medecin-generaliste-pithiviers").exists()
    features = json.loads((site / "repertoire" / "structures.geojson").read_text(encoding="utf-8"))["features"]
    at_msp = [f["properties"]["nom"] for f in features if f["properties"]["adresse"] == "1 rue de l'Exemple"]
    assert at_msp == ["Maison de santé de test"]
    msp = next(f["properties"] for f in features if f["properties"]["id"] == "msp-test")
    assert msp["equipe"]["medecin-generaliste"] == ["Dr Louis Adresse"]


def test_the_commune_page_lists_its_professionals_and_their_density(site: Path):
    text = text_of(site, "communes/pithiviers").replace("&para;", "¶")
    assert ("Médecins généralistes (3) ¶ Dr Anne Fictif — Cabinet médical du Moulin Fictif, 12 rue du Moulin Fictif "
            "· 02 61 91 20 01") in text
    assert "Dr Louis Adresse — Maison de santé de test, 1 rue de l'Exemple" in text
    assert "Masseurs-kinésithérapeutes (1) ¶ Denise Fictive — 8 avenue de la Reeducation" in text
    # 3 GPs for the 9,119 inhabitants of data/communes.yml: 3.3 per 10,000.
    assert "Professionnels exerçant à Pithiviers (9 119 habitants)" in text
    assert "Médecins généralistes 3 3,3 Infirmiers 0 0,0 Masseurs-kinésithérapeutes 1 1,1" in text


def test_the_territory_page_counts_each_person_once(site: Path):
    text = text_of(site, "communes/professionnels-de-sante")
    assert "extraction du 20 novembre 2026" in text
    # Pithiviers 9,119 + Ascoux 1,062 = 10,181 inhabitants; 3 GPs → 2.9 per 10,000.
    assert "Pithiviers 9 119 3 3,3 0 0,0 1 1,1 1 1,1 0 0,0" in text
    assert "Territoire 10 181 3 2,9 0 0,0 1 1,0 1 1,0 0 0,0" in text
    assert "professionnels-de-sante" in (site / "communes" / "index.html").read_text(encoding="utf-8")


def test_search_words_of_a_practice_name_its_professions(site: Path):
    html = (site / "repertoire" / "denise-fictive-masseuse-kinesitherapeute-pithiviers" / "index.html").read_text(
        encoding="utf-8")
    words = re.search(r'data-pagefind-weight="10" hidden>(.*?)<', html).group(1)
    assert "kiné" in words and "kinésithérapeute" in words


def test_search_offers_the_nearest_of_a_profession(site: Path):
    shortcuts = json.loads((site / "recherche" / "types.json").read_text(encoding="utf-8"))
    physio = next(s for s in shortcuts if s["url"].endswith("?profession=masseur-kinesitherapeute"))
    assert (physio["libelle"], physio["nombre"]) == ("Masseurs-kinésithérapeutes", 1)
    assert "kine" in physio["mots"].split()
    gps = next(s for s in shortcuts if s["url"].endswith("?profession=medecin-generaliste"))
    assert gps["nombre"] == 2  # the cabinet and the MSP the third GP's practice joined


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


@pytest.fixture
def phone(browser: object, site_url: str) -> Iterator[object]:
    context = local_context(browser, site_url, viewport={"width": 390, "height": 844}, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_search_kine_finds_the_physiotherapist(phone, site_url: str):
    phone.goto(f"{site_url}/")
    phone.get_by_role("button", name="Rechercher sur le site").click()
    phone.get_by_label("Mots recherchés").fill("kine")
    phone.wait_for_function("document.querySelector('.cls-recherche__etat').textContent.includes('kine')")
    lines = phone.locator(".cls-recherche__resultats li").all_inner_texts()
    assert any(line.startswith("Denise Fictive, masseuse-kinésithérapeute") for line in lines), lines


@pytest.mark.browser
def test_search_medecin_generaliste_pithiviers_finds_the_practice(phone, site_url: str):
    phone.goto(f"{site_url}/")
    phone.get_by_role("button", name="Rechercher sur le site").click()
    phone.get_by_label("Mots recherchés").fill("medecin generaliste Pithiviers")
    phone.wait_for_function("document.querySelector('.cls-recherche__etat').textContent.includes('Pithiviers')")
    lines = phone.locator(".cls-recherche__resultats li").all_inner_texts()
    assert any(line.startswith("Cabinet médical du Moulin Fictif") for line in lines), lines


@pytest.mark.browser
def test_near_me_by_profession_names_the_gps_with_a_phone(phone, site_url: str):
    phone.goto(f"{site_url}/pres-de-chez-moi/?lieu=Ascoux%20(45300)&profession=medecin-generaliste")
    phone.locator(".cls-near__results li").first.wait_for()
    items = phone.locator(".cls-near__results li")
    texts = items.all_inner_texts()
    assert len(texts) == 2  # the cabinet and the MSP; never the dentist, the pharmacy or the psychologists
    assert any("Dr Anne Fictif, Dr Bernard Imaginaire" in text for text in texts), texts
    assert any("Dr Louis Adresse" in text for text in texts), texts
    assert items.first.locator("a.cls-tel").get_attribute("href").startswith("tel:0261")
    assert "(Médecins généralistes)" in phone.locator(".cls-near__status").inner_text()


@pytest.mark.browser
def test_practice_fiche_has_no_axe_violation(phone, site_url: str):
    phone.goto(f"{site_url}/repertoire/cabinet-medical-du-moulin-fictif-pithiviers/")
    assert axe_violations(phone, exclude=(".cls-map",)) == []
    phone.goto(f"{site_url}/communes/professionnels-de-sante/")
    assert axe_violations(phone) == []
