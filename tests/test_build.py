"""Integration: build the example site into a temporary folder and read the HTML a visitor gets."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT, build_example, plain

from site_builder.cli import main
from site_builder.validate import load_model

MODEL = load_model(ROOT / "data", ROOT)


def html(site: Path, page: str) -> str:
    return plain((site / page / "index.html").read_text(encoding="utf-8"))


def main_content(page_html: str) -> str:
    """The article of a page, without the theme's header, nav and footer."""
    return page_html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def text_of(fragment: str) -> str:
    fragment = re.sub(r"</?abbr\b[^>]*>", "", fragment)  # an explained acronym (acronyms.py) is part of its word
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split()).replace("&rsquo;", "’")


def test_every_action_has_its_page_with_every_field(built_site: Path) -> None:
    pages = sorted(p.name for p in (built_site / "programme").glob("action-*"))
    assert len(pages) == 28
    for action in MODEL.actions:
        body = main_content(html(built_site, f"programme/action-{action.id}"))
        text = text_of(body)
        assert text_of(body.split("</h1>")[0]).removesuffix(" &para;").endswith(text_of(action.titre))
        levers = action.leviers
        for heading, items in (("Objectif opérationnel", action.objectif_operationnel),
                                ("Prérequis", action.prerequis), ("Outils nécessaires", action.outils),
                                ("Principales étapes de déploiement", action.etapes),
                                ("Résultats attendus", action.resultats_attendus), ("Freins potentiels", action.freins),
                                ("Pistes pour dépasser ces freins", action.pistes),
                                ("Leviers techniques", levers.technique),
                                ("Leviers organisationnels et de gouvernance", levers.organisationnel),
                                ("Leviers financiers", levers.financier),
                                ("Points de vigilance", action.points_vigilance),
                                ("Parties prenantes", action.pilotes), ("Pistes de financement", action.financements),
                                ("Indicateurs", action.indicateurs)):
            assert (f">{heading}<" in body) == bool(items), (action.id, heading)  # an empty section is not shown
        for value in (*action.objectif_operationnel, *action.etapes, *action.freins, *action.leviers.technique,
                      *[i.libelle for i in action.indicateurs]):
            assert " ".join(value.split()) in text, (action.id, value)
        for org in action.pilotes + action.partenaires:
            assert f'href="../../partenaires/{org}/"' in body


def test_action_page_shows_its_place_in_the_programme(built_site: Path) -> None:
    body = main_content(html(built_site, "programme/action-2-1-1"))
    assert 'href="../fiche-2-1/"' in body and 'href="../axe-2/"' in body and 'href="../"' in body
    assert 'href="../action-1-3-2/"' in body and 'href="../action-2-1-2/"' in body  # previous / next
    assert "Non précisé" not in body and "Fiche à compléter" not in body  # an empty field is not shown


def test_generated_detail_pages_are_not_in_the_navigation(built_site: Path) -> None:
    home = html(built_site, "")
    chrome = home.replace(main_content(home), "")  # header, tabs, drawer and footer
    links = set(re.findall(r'href="([^"#]+)"', chrome))
    assert not [link for link in links if re.search(r"action-|fiche-|axe-|partenaires/.", link)]
    assert {"le-cls/", "programme/", "partenaires/"} <= links


def test_organisation_pages_list_their_actions(built_site: Path) -> None:
    cpam = main_content(html(built_site, "partenaires/cpam"))
    supported = [a.id for a in MODEL.actions if "cpam" in a.partenaires]
    assert len(supported) >= 5
    assert f"Actions en partenariat ({len(supported)})" in cpam
    for ident in supported:
        assert f'href="../../programme/action-{ident}/"' in cpam
    assert "Signataire du contrat" in cpam
    index = main_content(html(built_site, "partenaires"))
    assert index.count("<tr>") == len(MODEL.organisations) + 2  # two header rows


def test_contract_page_pulls_data_blocks(built_site: Path) -> None:
    body = text_of(main_content(html(built_site, "le-cls")))
    assert "Communauté de communes du Pithiverais (31 communes)" in body
    assert "Pithiviers (45300)" in body and "Le Malesherbois (45330)" in body
    assert "2017-2020 : Premier contrat local de santé" in body
    assert "Comité de pilotage (COPIL)" in body and "Composition (27 membres)" in body
    assert "cls:" not in body


def test_every_page_is_french_links_legal_pages_and_loads_nothing_from_elsewhere(built_site: Path) -> None:
    # The e-mail versions of the newsletter are not pages of the site (tests/test_newsletter.py checks them).
    pages = sorted(p for p in built_site.rglob("*.html") if p.name != "courriel.html")
    assert len(pages) > 150
    for path in pages:
        page_html = plain(path.read_text(encoding="utf-8"))
        assert '<html lang="fr"' in page_html, path
        assert "Accessibilité : non conforme" in page_html, path
        assert "fonts.googleapis" not in page_html and "fonts.gstatic" not in page_html, path
        external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', page_html)
        assert [u for u in external if "rel=\"canonical\"" not in u and not u.startswith("https://cls.exemple.fr")] \
            == [], (path, external)


def test_legal_pages_exist(built_site: Path) -> None:
    assert "non conforme" in html(built_site, "accessibilite")
    assert "Défenseur des droits" in html(built_site, "accessibilite")
    assert "Mentions légales" in html(built_site, "mentions-legales")
    assert "aucun cookie" in html(built_site, "donnees-personnelles")


def test_build_is_deterministic(built_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    build_example(again)
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    differing = [str(p) for p in first if first[p] != second[p] and p.suffix != ".gz"]
    assert differing == []


def test_invalid_data_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    project = tmp_path / "projet"
    for name in ("content", "overrides", "data"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    runner = CliRunner()
    assert runner.invoke(main, ["build", "-f", str(project / "mkdocs.yml")]).exit_code == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}

    axe = project / "data" / "programme" / "axe-1.yml"
    text = axe.read_text(encoding="utf-8")
    axe.write_text(text.replace("    titre: Bien-être", "    titre: Bien-être\n    titre: x"), encoding="utf-8")
    result = runner.invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 1
    assert "data/programme/axe-1.yml:6 fiches[1].titre: clé répétée" in result.output
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    # no staging left behind (.cache holds the printed guide, reused by the next build)
    assert sorted(p.name for p in project.iterdir()) == [".cache", "content", "data", "mkdocs.yml", "overrides", "site"]


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "[clic](javascript:alert(1))",
                                     "\"><img src=x onerror=alert(1)>", "</title><script>alert(2)</script>"])
def test_text_from_data_cannot_inject_markup(data_dir: Path, tmp_path: Path, hostile: str) -> None:
    project = tmp_path
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    axe = data_dir / "programme" / "axe-1.yml"
    axe.write_text(axe.read_text(encoding="utf-8").replace("titre: Ateliers cuisine", f"titre: '{hostile}'")
                   .replace("- Locaux", f"- '{hostile}'"), encoding="utf-8")
    # the example home page links to example axes; keep only pages that exist in the minimal data set
    for page in ("index.md", "le-cls.md"):
        (project / "content" / page).write_text("# Test\n\n<!-- cls:axes -->\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    page_html = (project / "site" / "programme" / "action-1-1-1" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page_html and "<img src=x" not in page_html
    assert 'href="javascript:' not in page_html
    assert "alert(1)" in page_html or "alert(2)" in page_html  # shown as text, not dropped
