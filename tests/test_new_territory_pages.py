"""Issue 24, part B: nothing of the example survives `nouveau` (legal pages from cls.yml, the site's own address,
every « à compléter » listed and refused by --strict), a territory found by its name, pages without holes,
and a French terminal."""

from __future__ import annotations

import dataclasses
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BUILD_DATE, fill_placeholders, local_context, minimal_project, plain, served

from site_builder import territory_search
from site_builder.checks import load_project
from site_builder.cli import main
from site_builder.reference import load_reference
from site_builder.render import programme_pages
from site_builder.text import fold

MONTARGOISE = "244500203"  # CA Montargoise et Rives du Loing: 15 communes of the Loiret
ADDRESS = "https://sante.montargois.fr/"
ONLY_A_TITLE = "1-1-1"  # the action `nouveau` writes: a title and a pilot, nothing else


def nouveau(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["nouveau", str(folder), *args], input="")
    assert result.exit_code == 0, result.output
    return result.output


def build(folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml"), "--date", BUILD_DATE, *args])
    return result.exit_code, result.output


def validate(folder: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "-f", str(folder / "mkdocs.yml"), "--date", BUILD_DATE])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project exactly as `nouveau` leaves it, found by the name of its EPCI."""
    folder = tmp_path_factory.mktemp("frais") / "montargois"
    nouveau(folder, "--epci", "montargoise")
    return folder


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with its address, its marks filled, a review named like a mid-term one, a title full of
    Markdown's characters: built with --strict."""
    folder = tmp_path_factory.mktemp("rempli") / "montargois"
    nouveau(folder, "--epci", MONTARGOISE, "--adresse", "sante.montargois.fr")
    fill_placeholders(folder)
    axis = folder / "data" / "programme" / "axe-1.yml"
    axis.write_text(axis.read_text(encoding="utf-8").replace(
        "titre: Premier axe du programme", 'titre: "Prévenir - *vraiment* [tôt] #1 : l\'axe_un"'), encoding="utf-8")
    for year, name, status in ((2025, "Bilan à mi-parcours", "en-cours"), (2026, "Bilan final", "realisee")):
        (folder / "data" / "suivi" / f"{year}.yml").write_text(
            f'annee: {year}\nlibelle: {name}\nactions:\n  "{ONLY_A_TITLE}": {{statut: {status}}}\n', encoding="utf-8")
    code, output = build(folder, "--strict")
    assert code == 0, output
    assert "Attention" not in output
    return folder


def site_texts(site: Path) -> dict[str, str]:
    """Every page and feed a visitor or a search engine reads, by path."""
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*"))
            if p.suffix in (".html", ".xml", ".txt", ".ics", ".json", ".csv") and "pagefind" not in p.parts
            and "assets" not in p.parts}


# --- every « à compléter » listed, and refused by --strict --------------------------------------------------

def test_validate_lists_every_placeholder_with_its_file_and_line_and_exits_0(fresh: Path) -> None:
    code, output = validate(fresh)
    assert code == 0, output
    assert "17 éléments à compléter avant la mise en ligne" in output
    assert "« À COMPLÉTER : le nom en haut des pages sur un téléphone, une vingtaine de lettres »" in output
    lines = (fresh / "data" / "cls.yml").read_text(encoding="utf-8").splitlines()
    host = next(n for n, line in enumerate(lines, start=1) if line.startswith("hebergeur:"))
    assert f"data/cls.yml, ligne {host} : « À COMPLÉTER : nom, adresse et téléphone de l'hébergeur du site »" in output
    assert "data/programme/axe-1.yml, ligne 3 : « titre: Premier axe du programme   # À COMPLÉTER »" in output
    assert "data/organisations.yml, ligne 4 : « À COMPLÉTER : ajoutez le nom de la région »" in output


def test_a_fresh_project_previews_with_notices_and_strict_refuses_it(fresh: Path) -> None:
    code, output = build(fresh)
    assert code == 0, output
    assert "Attention : À compléter : data/cls.yml, ligne 3 : « À COMPLÉTER : le nom du contrat »" in output
    assert (fresh / "site" / "mentions-legales" / "index.html").exists()
    code, output = build(fresh, "--strict")
    assert code == 1
    assert "Construction interrompue en mode strict (17 avertissements)" in output


def test_a_legal_fact_left_empty_without_its_mark_is_still_listed(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    nouveau(folder, "--communes", "45208")
    fill_placeholders(folder)
    assert "à compléter" not in validate(folder)[1]
    cls_file = folder / "data" / "cls.yml"
    cls_file.write_text(re.sub(r"(?m)^hebergeur:.*$", "", cls_file.read_text(encoding="utf-8")), encoding="utf-8")
    code, output = validate(folder)
    assert code == 0
    assert ("1 élément à compléter" in output and "data/cls.yml : « hebergeur » à compléter : nom, adresse et "
            "téléphone de l'hébergeur du site (mentions légales)" in output)
    code, output = build(folder, "--strict")
    assert code == 1 and "(1 avertissement)" in output


# --- nothing of the example survives ------------------------------------------------------------------------

def test_a_filled_project_publishes_nothing_of_the_example(filled: Path) -> None:
    texts = site_texts(filled / "site")
    for path, text in texts.items():
        folded = fold(text)
        for word in ("2023-2026", "cls.exemple.fr", "\\-", "Non précisé"):
            assert word not in text, (path, word)
        assert "a completer" not in folded, path


def test_the_site_lives_at_its_own_address(filled: Path, fresh: Path) -> None:
    assert f"site_url: {ADDRESS}" in (filled / "mkdocs.yml").read_text(encoding="utf-8")
    home = plain((filled / "site" / "index.html").read_text(encoding="utf-8"))
    assert f'<link rel="canonical" href="{ADDRESS}">' in home
    locations = re.findall(r"<loc>([^<]+)</loc>", (filled / "site" / "sitemap.xml").read_text(encoding="utf-8"))
    assert locations and all(loc.startswith(ADDRESS) for loc in locations)
    assert "\nsite_url:" not in (fresh / "mkdocs.yml").read_text(encoding="utf-8")  # no address given: none
    if (fresh / "site").exists():
        assert "canonical" not in (fresh / "site" / "index.html").read_text(encoding="utf-8")


def test_an_address_that_is_not_one_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["nouveau", str(tmp_path / "p"), "--epci", MONTARGOISE, "--adresse", "mon site"])
    assert result.exit_code == 1
    assert "« https://mon site » n'est pas une adresse de site" in result.output
    assert not (tmp_path / "p").exists()


def test_the_legal_pages_say_what_cls_yml_says(filled: Path) -> None:
    site = filled / "site"
    legal = plain((site / "mentions-legales" / "index.html").read_text(encoding="utf-8"))
    assert "CA Montargoise et Rives du Loing (AME), structure porteuse du contrat local de santé, 1 place de la " \
           "Mairie, 19230 Arnac-Pompadour." in legal
    assert "Numéro SIREN : 244 500 203." in legal
    assert "Directrice ou directeur de la publication : le président de la communauté de communes." in legal
    assert "Le site est hébergé par Hébergeur de test, 2 rue du Serveur, 19000 Tulle, 05 55 00 00 00." in legal
    assert "coordination@mon-territoire.fr" in legal
    statement = plain((site / "accessibilite" / "index.html").read_text(encoding="utf-8"))
    assert "<strong>non conforme</strong>" in statement and "aucun audit de conformité" in statement
    privacy = plain((site / "donnees-personnelles" / "index.html").read_text(encoding="utf-8"))
    assert "OpenStreetMap" not in privacy and "Près de chez moi" not in privacy  # no structure: no map
    assert "coordination@mon-territoire.fr" in privacy


def test_the_privacy_page_describes_the_maps_of_a_site_that_has_some(tmp_path: Path) -> None:
    project = minimal_project(tmp_path / "minimal")
    code, output = build(project, "--strict")
    assert code == 0, output
    privacy = plain((project / "site" / "donnees-personnelles" / "index.html").read_text(encoding="utf-8"))
    assert "Cartes et « Près de chez moi »" in privacy and "politique de confidentialité de la fondation" in privacy
    assert "le bouton « Me localiser »" in privacy


def test_an_audited_site_states_its_rate(tmp_path: Path) -> None:
    project = minimal_project(tmp_path / "minimal")
    with (project / "data" / "cls.yml").open("a", encoding="utf-8") as contract:
        contract.write("conformite_rgaa: partielle\ntaux_rgaa: 82\n")
    code, output = build(project)
    assert code == 0, output
    statement = plain((project / "site" / "accessibilite" / "index.html").read_text(encoding="utf-8"))
    assert "<strong>partiellement conforme</strong>" in statement and "82 % des critères" in statement
    assert "Accessibilité : partiellement conforme</a>" in statement  # the footer of every page
    assert "En l'absence d'audit" not in statement.split("Contenus non accessibles")[0]


# --- a territory found by its name ---------------------------------------------------------------------------

def test_an_epci_is_found_by_its_name_accents_and_case_aside(fresh: Path, tmp_path: Path) -> None:
    assert "montargoise-et-rives-du-loing" in (fresh / "data" / "organisations.yml").read_text(encoding="utf-8")
    output = nouveau(tmp_path / "p", "--epci", "MONTÂRGOISE")
    assert "15 communes, 1 EPCI" in output


def test_a_name_of_several_territories_lists_them_and_creates_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["nouveau", str(tmp_path / "p"), "--epci", "pithiverais"], input="")
    assert result.exit_code == 1
    assert "« pithiverais » désigne 2 EPCI ; relancez avec le code voulu (--epci CODE) :" in result.output
    assert "CC du Pithiverais — SIREN 200066280, 31 communes" in result.output
    assert "CC du Pithiverais-Gâtinais — SIREN 200071850, 31 communes" in result.output
    assert not (tmp_path / "p").exists()


def test_communes_and_departements_are_found_by_name_too(tmp_path: Path) -> None:
    assert "1 commune, 1 EPCI" in nouveau(tmp_path / "c", "--communes", "montargis")
    assert "101 communes" in nouveau(tmp_path / "d", "--departement", "territoire de belfort")
    result = CliRunner().invoke(main, ["nouveau", str(tmp_path / "e"), "--epci", "Montargis"], input="")
    assert result.exit_code == 1
    assert ("aucun EPCI ne porte le nom « Montargis » dans le référentiel national ; c'est le nom d'une commune : "
            "Montargis (45) — INSEE 45208 (--communes 45208).") in result.output


def test_on_a_terminal_the_coordinator_picks_among_the_candidates() -> None:
    shown: list[str] = []

    def pick_second(candidates: list[territory_search.Candidate]) -> territory_search.Candidate:
        shown.extend(str(c) for c in candidates)
        return candidates[1]

    assert territory_search.resolve(load_reference(), "epci", "Pithiverais", pick_second) == "200071850"
    assert shown == ["CC du Pithiverais — SIREN 200066280, 31 communes",
                     "CC du Pithiverais-Gâtinais — SIREN 200071850, 31 communes"]
    assert territory_search.resolve(load_reference(), "commune", "saint denis", pick_second) == "30247"  # exact first
    assert territory_search.resolve(load_reference(), "departement", "2a") == "2A"  # a code is taken as it is


# --- pages without holes -------------------------------------------------------------------------------------

def test_an_action_with_only_a_title_shows_no_empty_section(filled: Path) -> None:
    page = plain((filled / "site" / "programme" / f"action-{ONLY_A_TITLE}" / "index.html").read_text(
        encoding="utf-8"))
    for heading in ("Objectif opérationnel", "Mise en œuvre", "Freins et pistes", "Leviers", "Indicateurs",
                    "Pistes de financement", "Aucun partenaire"):
        assert heading not in page, heading
    assert "Parties prenantes" in page and "Fiche à compléter" not in page


def test_the_pro_edition_says_once_that_the_fiche_is_to_complete(filled: Path) -> None:
    model = load_project(filled / "data", None, filled, today=None)
    pages = {p.uri: p.content for p in programme_pages.pages(dataclasses.replace(model, edition="pro"))}
    action = pages[f"programme/action-{ONLY_A_TITLE}.md"]
    assert action.count("Fiche à compléter") == 1 and "Non précisé" not in action


def test_counts_and_sentences_read_well(filled: Path, tmp_path: Path) -> None:
    contract = plain((filled / "site" / "le-cls" / "index.html").read_text(encoding="utf-8"))
    assert "Le contrat couvre les 15 communes du territoire « CA Montargoise et Rives du Loing (AME) »." in contract
    home = plain((filled / "site" / "index.html").read_text(encoding="utf-8"))
    assert "<li><strong>1</strong> action</li>" in home
    dashboard = plain((filled / "site" / "suivi" / "index.html").read_text(encoding="utf-8"))
    assert "1 action réalisée et 0 en cours sur 1 au bilan 2026" in dashboard
    single = tmp_path / "une"
    nouveau(single, "--communes", "45208", "--nom", "Montargis")
    fill_placeholders(single)
    assert build(single)[0] == 0
    assert "Le contrat couvre la commune du territoire « Montargis »." in plain(
        (single / "site" / "le-cls" / "index.html").read_text(encoding="utf-8"))


def test_the_bars_described_to_a_screen_reader_agree_with_their_counts() -> None:
    from site_builder.charts import status_bars

    bars = status_bars("b", "Bilans", [("Bilan 2017", {"realisee": 2, "en-cours": 1, "non-demarree": 3})])
    assert "Bilan 2017 : 2 réalisées, 1 en cours, 3 non démarrées, 0 à démarrer plus tard" in bars.unescape()


# Where a title or a caption reaches the visitor: the tab's title, headings, table and figure captions, the
# tooltips and labels of links and landmarks, the titles shared with social networks.
TITLES = re.compile(r"<title>(.*?)</title>|<h[1-6][^>]*>(.*?)</h[1-6]>|<caption[^>]*>(.*?)</caption>"
                    r"|<figcaption[^>]*>(.*?)</figcaption>|\b(?:title|aria-label|content)=\"([^\"]*)\"", re.DOTALL)
ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|<>~:\"']")


def escapes_shown(site: Path) -> list[tuple[str, str]]:
    """(page, text) of every title or caption showing a Markdown backslash escape."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for match in TITLES.finditer(page.read_text(encoding="utf-8")):
            text = next(group for group in match.groups() if group is not None)
            if ESCAPE.search(re.sub(r"<[^>]+>", "", text)):
                found.append((str(page.relative_to(site)), text[:80]))
    return found


def test_no_title_or_caption_of_a_new_territory_shows_a_markdown_escape(filled: Path) -> None:
    site = filled / "site"
    review = plain((site / "suivi" / "index.html").read_text(encoding="utf-8"))
    assert "Bilan à mi-parcours 2025" in review and "Prévenir - *vraiment* [tôt] #1 : l&#39;axe_un" in review
    assert escapes_shown(site) == []


def test_no_title_or_caption_of_the_example_shows_a_markdown_escape(built_site: Path) -> None:
    assert len(list(built_site.rglob("*.html"))) > 100
    assert escapes_shown(built_site) == []


# --- a French terminal ---------------------------------------------------------------------------------------

ENGLISH = re.compile(r"Usage:|Show this message|Aborted|Error:|Missing |Commands:|\[default|Try '|No such|"
                     r"Got unexpected|Invalid value|is not a valid|\bthe\b|\band\b")


def test_help_and_an_aborted_question_print_no_english(tmp_path: Path) -> None:
    outputs = [CliRunner().invoke(main, ["--help"]).output, CliRunner().invoke(main, ["nouveau", "--help"]).output]
    aborted = CliRunner().invoke(main, ["nouveau", str(tmp_path / "p")], input="")
    assert aborted.exit_code == 1 and "Interrompu." in aborted.output
    outputs.append(aborted.output)
    for output in outputs:
        assert "Utilisation" in output or "Interrompu" in output
        assert not ENGLISH.search(output), ENGLISH.search(output)


def test_the_hints_printed_after_nouveau_work_as_printed(tmp_path: Path) -> None:
    folder = tmp_path / "mon cls"  # a space: the printed command quotes it
    output = nouveau(folder, "--communes", "45208")
    hint = next(line.strip() for line in output.splitlines() if line.strip().startswith("cd "))
    last = output.strip().splitlines()[-1]
    assert last.startswith("La liste de ce qui reste à remplir : ")
    command = last.split(" : ", 1)[1]
    assert hint == f"cd {shlex.quote(str(folder))} && {command.removesuffix(' validate')} serve"
    run = subprocess.run(f"cd {shlex.quote(str(folder))} && {command}", shell=True, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Données valides : 1 action" in run.stdout and "à compléter avant la mise en ligne" in run.stdout


# --- at 390 px -----------------------------------------------------------------------------------------------

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.mark.browser
def test_on_a_phone_the_header_says_the_short_name_and_no_table_widens_the_page(browser, filled: Path) -> None:
    contract = filled / "data" / "cls.yml"
    contract.write_text(contract.read_text(encoding="utf-8").replace(
        'nom_court: "CLS CA Montargoise et Rives du Loing (AME)"', 'nom_court: "CLS du Montargois"'), encoding="utf-8")
    code, output = build(filled, "--strict")
    assert code == 0, output
    with served(filled / "site") as url:
        context = local_context(browser, url, **PHONE)
        page = context.new_page()
        for path in ("/", "/suivi/", "/suivi/bilan-2025/", "/programme/action-1-1-1/", "/mentions-legales/"):
            page.goto(url + path)
            name = page.locator(".md-header__topic").first
            assert name.inner_text().strip() == "CLS du Montargois", path
            assert name.evaluate("e => e.querySelector('.md-ellipsis').scrollWidth <= e.clientWidth"), path  # not cut
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
            for right, box in page.locator("table").evaluate_all("ts => ts.map(t => [t.getBoundingClientRect().right, "
                                                                 "t.closest('article').getBoundingClientRect().right])"):
                assert right <= box + 0.5, (path, right, box)  # within the page's text: no column cut at the edge
        context.close()
        wide = local_context(browser, url, viewport={"width": 1280, "height": 800})
        desktop = wide.new_page()
        desktop.goto(url + "/")
        assert "Contrat local de santé CA Montargoise" in desktop.locator(".md-header__topic").first.inner_text()
        wide.close()
