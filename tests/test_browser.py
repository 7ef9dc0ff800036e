"""What a visitor does, in Debian's headless Chromium: search, navigate, and an axe-core audit per page type."""

from __future__ import annotations

import json
import re

import pytest
from helpers import axe_violations

pytestmark = pytest.mark.browser


# One page of each type the site has; later issues add theirs here.
PAGE_TYPES = {
    "accueil": "",
    "contrat": "le-cls/",
    "programme": "programme/",
    "axe": "programme/axe-2/",
    "fiche": "programme/fiche-2-1/",
    "action": "programme/action-2-1-1/",
    "partenaires": "partenaires/",
    "répertoire": "repertoire/",
    "fiche structure": "repertoire/msp-pithiviers/",
    "carte": "carte/",
    "carte des MSP": "carte/maisons-de-sante/",
    "près de chez moi": "pres-de-chez-moi/",
    "guide seniors": "bien-vieillir/",
    "coûts et aides": "bien-vieillir/couts-et-aides/",
    "type de solution": "bien-vieillir/ehpad/",
    "comparaison": "bien-vieillir/comparer/",
    "carte seniors": "bien-vieillir/carte/",
    "guide à imprimer": "bien-vieillir/guide-a-imprimer/",
    "côte à côte": "bien-vieillir/cote-a-cote/?choix=ehpad-safran-pithiviers,usld-ch-pithiviers,marpa-boynes"
                   "&commune=45258",
    "entrer en établissement": "bien-vieillir/entrer-en-etablissement/",
    "fiche EHPAD": "repertoire/ehpad-safran-pithiviers/",
    "agenda": "agenda/",
    "évènement": "agenda/atelier-sommeil-seniors-2026/",
    "s'abonner": "s-abonner/",
    "lettres": "lettre/",
    "lettre": "lettre/numero-1/",
    "tableau de bord": "suivi/",
    "bilan": "suivi/bilan-2025/",
    "communes": "communes/",
    "commune": "communes/ascoux/",
    "partenaire": "partenaires/cpam/",
    "mentions légales": "mentions-legales/",
    "accessibilité": "accessibilite/",
    "données personnelles": "donnees-personnelles/",
}


def test_a_visitor_reaches_an_action_from_the_home_page(page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.get_by_role("link", name="Axe 2 : Éviter les ruptures de prise en charge", exact=False).first.click()
    page.get_by_role("link", name="Fiche 2-1 : Identifier les structures", exact=False).first.click()
    page.get_by_role("link", name="Action 2-1-1", exact=False).first.click()
    heading = page.locator("h1").inner_text()
    assert "répertoire des structures sanitaires et médico-sociales" in heading
    assert page.url.endswith("/programme/action-2-1-1/")
    # instant navigation kept the theme working: the next action is one click away
    page.get_by_role("link", name="Action 2-1-2", exact=False).click()
    assert page.url.endswith("/programme/action-2-1-2/")


def test_phone_width_menu_reaches_the_programme(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.goto(site_url + "/")
    page.get_by_role("button", name="Menu du site").click()  # the label's keyboard-reachable twin (clavier.js)
    page.locator(".md-nav--primary").get_by_role("link", name="Programme d'actions").click()
    page.wait_for_url("**/programme/")
    assert page.locator("h1").inner_text().startswith("Programme d'actions")
    context.close()


@pytest.mark.parametrize("name", PAGE_TYPES, ids=list(PAGE_TYPES))
def test_axe_core_finds_no_violation(page, site_url: str, name: str) -> None:
    page.goto(site_url + "/" + PAGE_TYPES[name])
    result = axe_violations(page)
    assert result == [], json.dumps(result, indent=1, ensure_ascii=False)


def test_repertoire_filters_narrow_the_list(page, site_url: str) -> None:
    page.goto(site_url + "/repertoire/")
    items = page.locator(".cls-structures li")
    total = items.count()
    assert total >= 40
    page.get_by_label("Type de structure").select_option("pmi")
    visible = page.locator(".cls-structures li:not([hidden])")
    assert 1 <= visible.count() < total
    assert all("Protection maternelle" in t or "PMI" in t for t in visible.all_inner_texts())
    assert "correspond" in page.locator(".cls-filters__count").inner_text()
    page.get_by_label("Type de structure").select_option("")
    page.locator("select[name=commune]").select_option(label="Puiseaux")
    assert all("Puiseaux" in t for t in page.locator(".cls-structures li:not([hidden])").all_inner_texts())


def test_repertoire_list_is_complete_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "/repertoire/")
    assert tab.locator(".cls-structures li").count() >= 40
    assert not tab.locator("[data-cls-filters]").is_visible()
    context.close()


def test_a_fiche_prints_without_navigation(page, site_url: str) -> None:
    page.goto(site_url + "/repertoire/pmi-pithiviers/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert page.locator("h1").is_visible()
    assert not page.locator(".cls-map").is_visible()


@pytest.mark.parametrize("fiche", ["msp-pithiviers", "msp-malesherbois", "pmi-pithiviers"])
def test_a_fiche_prints_on_one_a4_page(page, site_url: str, fiche: str) -> None:
    """The two longest fiches of the example and the one a professional prints most (PMI)."""
    page.goto(site_url + f"/repertoire/{fiche}/")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
