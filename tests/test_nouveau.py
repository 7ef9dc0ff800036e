"""`cls-site nouveau`: a territory of another département, from its EPCI, builds with --strict and no warning,
names nothing of the example territory, has no dead menu entry, and « Près de chez moi » works."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import BUILD_DATE, fill_placeholders, local_context, served

from site_builder.cli import main
from site_builder.reference import PATH, load_reference

# Two communautés de communes of Corrèze (19), far from the example territory.
EPCI = ["200066603", "200066645"]
# Words of the example territory (its names, its communes, its département): none may reach this site.
EXAMPLE_WORDS = re.compile(r"Pithiv|Puiseaux|Beauce|G[âa]tinais|Malesherb|Loiret|Dadonville|Beaune-la-Rolande"
                           r"|Petr\b|PETR", re.IGNORECASE)
STRUCTURE = """structures:
  - id: msp-arnac
    nom: Maison de santé d'Arnac-Pompadour
    typologie: msp
    adresse: 1 place de la Mairie
    code_postal: "19230"
    code_insee: "19011"
    commune: Arnac-Pompadour
    latitude: {lat}
    longitude: {lon}
    telephone: "05 55 00 00 01"
    date_maj: 2026-10-01
"""


def create(folder: Path, *args: str) -> CliRunner:
    """A new project, its « À COMPLÉTER » filled in as the coordinator would (so that --strict may pass)."""
    result = CliRunner().invoke(main, ["nouveau", str(folder), *args], input="")
    assert result.exit_code == 0, result.output
    fill_placeholders(folder)
    return result


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new territory from two EPCI, with one structure so that the repertoire exists."""
    folder = tmp_path_factory.mktemp("nouveau") / "mon-cls"
    create(folder, *[arg for siren in EPCI for arg in ("--epci", siren)], "--nom", "Pays de test")
    arnac = load_reference().communes["19011"]
    (folder / "data" / "structures.yml").write_text(STRUCTURE.format(lat=arnac.latitude, lon=arnac.longitude),
                                                    encoding="utf-8")
    return folder


def build(folder: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml"), "--strict", "--date", BUILD_DATE])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    code, output = build(project)
    assert code == 0, output
    assert "Attention" not in output and "WARNING" not in output
    return project / "site"


def test_the_communes_of_the_epci_with_their_centres(project: Path) -> None:
    communes = yaml.safe_load((project / "data" / "communes.yml").read_text(encoding="utf-8"))["communes"]
    reference = load_reference()
    expected = sorted(c.code_insee for siren in EPCI for c in reference.members(siren))
    assert sorted(c["code_insee"] for c in communes) == expected and len(expected) == 30
    arnac = next(c for c in communes if c["code_insee"] == "19011")
    assert arnac["nom"] == "Arnac-Pompadour" and arnac["code_postal"] == "19230"
    # Arnac-Pompadour's town centre is at about 45.40 N, 1.37 E: its point is within a few kilometres.
    assert abs(arnac["latitude"] - 45.40) < 0.05 and abs(arnac["longitude"] - 1.37) < 0.05


def test_the_reference_is_small_and_national() -> None:
    assert PATH.stat().st_size < 3_000_000
    reference = load_reference()
    assert len(reference.communes) > 34_000
    with_centre = [c for c in reference.communes.values() if c.latitude is not None]
    assert len(with_centre) / len(reference.communes) > 0.99
    assert gzip.decompress(PATH.read_bytes())  # plain gzip, readable without this package


def test_a_minimal_territory_builds_strict_with_no_warning(tmp_path: Path) -> None:
    folder = tmp_path / "minimal"
    create(folder, "--communes", "19011", "--nom", "Essai")
    code, output = build(folder)
    assert code == 0, output
    assert "Attention" not in output and "WARNING" not in output
    nav = (folder / "site" / "index.html").read_text(encoding="utf-8")
    for absent in ("repertoire/", "agenda/", "lettre/", "bien-vieillir/", "suivi/", "s-abonner/"):
        assert f'href="{absent}"' not in nav and not (folder / "site" / absent).exists(), absent


def test_no_word_of_the_example_territory_in_the_output(site: Path) -> None:
    found = []
    for path in sorted(site.rglob("*")):
        if path.parts[-2:] == ("glossaire", "index.html"):  # the national list of acronyms (PETR is one kind of
            continue  # territory among others), not the example's text
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".csv", ".geojson", ".ics", ".js", ".txt"}:
            found += [f"{path.relative_to(site)}: {m.group(0)}"
                      for m in EXAMPLE_WORDS.finditer(path.read_text(encoding="utf-8"))]
    assert not found


def test_the_site_says_the_territory_it_was_given(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Accueil - Contrat local de santé Pays de test</title>" in home
    assert "Données d'exemple" not in home
    assert "CC du Pays de Lubersac-Pompadour — contenu sous Licence Ouverte 2.0" in home
    assert "ex. Lubersac ou 19210" in (site / "pres-de-chez-moi" / "index.html").read_text(encoding="utf-8")


def test_every_menu_entry_leads_to_a_page(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'class="md-(?:nav|tabs)__link[^"]*"[^>]*href="([^"#]*)"', home))
    links |= set(re.findall(r'href="([^"#:]*)"[^>]*class="md-(?:nav|tabs)__link', home))
    assert len(links) >= 5
    for link in links:
        target = site / link.lstrip("./")
        assert (target / "index.html").exists() or target.is_file(), link


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    with served(site) as base:
        yield base


@pytest.mark.browser
def test_near_me_and_a_commune_page_work_with_the_shipped_centres(browser, url: str) -> None:
    context = local_context(browser, url, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(url + "/pres-de-chez-moi/")
    tab.get_by_label("Commune ou code postal").fill("Lubersac")
    tab.get_by_role("button", name="Chercher", exact=True).click()
    tab.wait_for_selector(".cls-near__results li")
    result = tab.locator(".cls-near__results li").first.inner_text()
    km = float(re.search(r"(\d+,\d) km", result).group(1).replace(",", "."))
    assert "Arnac-Pompadour" in result and 3 < km < 15  # Lubersac to Arnac-Pompadour: about 8 km
    tab.goto(url + "/communes/")
    tab.get_by_role("link", name="Arnac-Pompadour").first.click()
    # Waits for the text: read at once, the article may be only partly parsed (the page is still arriving).
    tab.locator("article").get_by_text("Maison de santé d'Arnac-Pompadour").wait_for()
    context.close()


def test_the_territory_colours_and_logo_theme_the_site(tmp_path: Path) -> None:
    folder = tmp_path / "couleurs"
    create(folder, "--communes", "19011", "--nom", "Essai")
    cls = folder / "data" / "cls.yml"
    cls.write_text(cls.read_text(encoding="utf-8") + 'couleurs: {principale: "#1A5276"}\nlogo: assets/logo.svg\n',
                   encoding="utf-8")
    (folder / "content" / "assets" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>',
                                                            encoding="utf-8")
    code, output = build(folder)
    assert code == 0, output
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="assets/territoire.css"' in home and 'src="assets/logo.svg"' in home
    css = (folder / "site" / "assets" / "territoire.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #1a5276;" in css


def test_a_colour_too_light_for_white_text_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "clair"
    create(folder, "--communes", "19011", "--nom", "Essai")
    cls = folder / "data" / "cls.yml"
    cls.write_text(cls.read_text(encoding="utf-8") + 'couleurs: {principale: "#f1c40f"}\nlogo: assets/absent.svg\n',
                   encoding="utf-8")
    code, output = build(folder)
    assert code == 1
    assert "couleurs.principale: couleur trop claire : contraste 1.66:1" in output
    assert not (folder / "site").exists()


def test_missing_arguments_are_asked_in_french(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["nouveau", str(tmp_path / "p")], input="200066603\n")
    assert result.exit_code == 0, result.output
    assert "SIREN ou nom des EPCI du territoire (vide si aucun) : " in result.output
    assert "10 communes, 1 EPCI" in result.output
    assert 'territoire: "CC du Pays de Lubersac-Pompadour"' in (tmp_path / "p" / "data" / "cls.yml").read_text(
        encoding="utf-8")


def test_help_and_mistakes_are_in_french(tmp_path: Path) -> None:
    help_text = CliRunner().invoke(main, ["nouveau", "--help"]).output
    assert "Crée le projet du site d'un nouveau territoire" in help_text and "--departement" in help_text
    result = CliRunner().invoke(main, ["nouveau", str(tmp_path / "p"), "--epci", "123456789"])
    assert result.exit_code == 1
    assert "code inconnu du référentiel national : 123456789" in result.output
    assert not (tmp_path / "p").exists()
    create(tmp_path / "q", "--communes", "19011")
    again = CliRunner().invoke(main, ["nouveau", str(tmp_path / "q"), "--communes", "19011"])
    assert again.exit_code == 1 and "contient déjà un projet" in again.output


def test_a_departement_alone_gives_all_its_communes(tmp_path: Path) -> None:
    create(tmp_path / "d", "--departement", "90")
    communes = yaml.safe_load((tmp_path / "d" / "data" / "communes.yml").read_text(encoding="utf-8"))["communes"]
    expected = [c for c in load_reference().communes.values() if c.departement == "90"]
    assert len(communes) == len(expected) > 90
    assert all(c["code_insee"].startswith("90") for c in communes)


def test_a_programme_axe_then_action_builds_strict(tmp_path: Path) -> None:
    folder = tmp_path / "deux-niveaux"
    create(folder, "--communes", "19011", "--nom", "Essai")
    pilot = yaml.safe_load((folder / "data" / "cls.yml").read_text(encoding="utf-8"))["porteur"]
    (folder / "data" / "programme" / "axe-1.yml").write_text(
        f"numero: 1\nactions:\n  - {{numero: 1, titre: Première, pilotes: [{pilot}]}}\n"
        f"  - {{numero: 2, titre: Seconde, pilotes: [{pilot}]}}\n", encoding="utf-8")
    (folder / "data" / "suivi" / "2026.yml").write_text(
        'annee: 2026\ndate: juin 2026\nlibelle: bilan à mi-parcours\nactions:\n  "1-1": {statut: en-cours}\n',
        encoding="utf-8")
    code, output = build(folder)
    assert code == 0, output
    assert "Attention" not in output and "WARNING" not in output
    assert (folder / "site" / "programme" / "action-1-2" / "index.html").exists()
    dashboard = (folder / "site" / "suivi" / "index.html").read_text(encoding="utf-8")
    assert "bilan à mi-parcours 2026" in dashboard and "Données d'exemple" not in dashboard
