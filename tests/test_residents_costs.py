"""Residents, second round (issue 25 items 4, 8 and 9), on a phone (390 px, touch): the cost estimate waits for
the GIR and the income then sets the figure against the income and says what helps; the side-by-side page keeps
the commune, shares and dials; the repertoire's counts and « ouvert le samedi » say what is shown; without
JavaScript no control does nothing, the table sorts by links and the index A–Z stands in for the search."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import ROOT, local_context
from playwright.sync_api import expect

from site_builder import urls
from site_builder.costs import Household, estimate
from site_builder.render.repertoire_az import az_sections, letter
from site_builder.render.senior_costs import cost_block, prices_of
from site_builder.render.senior_orders import ORDER_LABELS, in_order
from site_builder.validate import load_model

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True}
MODEL = load_model(ROOT / "data")
SAFRAN = MODEL.structure_by_id["ehpad-safran-pithiviers"]
TUESDAY = dt.datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def _euros(text: str) -> list[int]:
    return [int(re.sub(r"\D", "", n)) for n in re.findall(r"(\d[\d\u202f\u00a0 ]*)\u00a0€", text)]


def _no_js(browser, site_url: str):
    return local_context(browser, site_url, java_script_enabled=False, **PHONE)


# --- the cost estimate ------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_the_estimate_waits_for_both_answers_then_sets_it_against_the_income(phone, site_url: str) -> None:
    """Fails on the old page: a GIR left « Je ne sais pas » gave figures, and no word about the income."""
    phone.goto(site_url + "/repertoire/ehpad-safran-pithiviers/")
    result, gap = phone.locator(".cls-cost__result"), phone.locator(".cls-cost__gap")
    help_ = phone.locator(".cls-cost__aides")
    assert "€" not in result.inner_text() and not help_.is_visible()
    phone.get_by_label("Revenus mensuels du foyer").select_option("1")  # 1 000 to 1 500 €: a small pension
    assert "€" not in result.inner_text() and "niveau d'autonomie" in result.inner_text()
    phone.get_by_label("Niveau d'autonomie").select_option("3-4")
    low, high = estimate(prices_of(SAFRAN), Household("3-4", 1), MODEL.cost_scale)
    assert _euros(result.inner_text()) == [low, high]
    about = round(((low - 1500) + (high - 1000)) / 2 / 50) * 50
    expected = f"Il manque environ {about:,}\u00a0€ par mois à vos revenus".replace(",", "\u202f")
    assert gap.inner_text().startswith(expected)
    assert "revenus" not in phone.url  # nothing in the address before the family shares it
    assert help_.is_visible()
    text = help_.inner_text()
    assert "aide sociale à l'hébergement" in text.lower() and "habilité pour toutes ses places" in text
    assert "obligation alimentaire" in text.lower() and "enfants" in text
    clic = help_.get_by_role("link", name="02 61 91 15 18")
    assert clic.get_attribute("href") == "tel:0261911518" and clic.is_visible()
    box = clic.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    phone.get_by_label("Revenus mensuels du foyer").select_option("7")  # 6 000 € or more
    assert gap.inner_text() == "Vos revenus couvrent le reste à charge estimé." and not help_.is_visible()
    phone.get_by_label("Niveau d'autonomie").select_option("inconnu")  # « Je ne sais pas » is an answer too
    assert len(_euros(result.inner_text())) == 2


def test_a_home_without_the_aide_sociale_says_so_and_points_to_those_with_it() -> None:
    seniors = dataclasses.replace(SAFRAN.seniors, aide_sociale="non")
    block = cost_block(dataclasses.replace(SAFRAN, seniors=seniors), MODEL.cost_scale, urls.structure(SAFRAN))
    assert "ne peut pas payer ici : cet établissement n'y est pas habilité" in block
    assert 'href="../../bien-vieillir/comparer/?aide=oui">Les établissements habilités</a>' in block
    habilitated = cost_block(SAFRAN, MODEL.cost_scale, urls.structure(SAFRAN))
    assert "y est habilité pour toutes ses places" in habilitated and "ne peut pas payer" not in habilitated


# --- comparing homes side by side -------------------------------------------------------------------------------

@pytest.mark.browser
def test_ticking_three_homes_keeps_comparer_in_sight_and_the_commune_goes_along(browser, site_url: str) -> None:
    """Fails on the old page: the button stayed at the top, without its count, and the commune was dropped."""
    context = local_context(browser, site_url, **PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    context.add_init_script("delete Navigator.prototype.share")  # the copy fallback (no share sheet here)
    phone = context.new_page()
    phone.goto(site_url + "/bien-vieillir/comparer/")
    phone.get_by_label("Autour de").select_option(label="Puiseaux")
    boxes = phone.locator("input[name=choix]")
    for n in range(3):
        boxes.nth(n).scroll_into_view_if_needed()
        boxes.nth(n).check()
        assert not _covered(phone, boxes.nth(n))
    button = phone.get_by_role("button", name="Comparer (3)")
    box = button.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844 and _on_top(phone, button)
    assert boxes.nth(3).is_disabled()  # three at most
    phone.mouse.wheel(0, -300)  # scrolling back up is when « Retour en haut » would show
    phone.wait_for_timeout(400)
    for n in range(boxes.count()):
        if boxes.nth(n).is_visible() and _in_view(boxes.nth(n)):
            assert not _covered(phone, boxes.nth(n)), n
    button.tap()
    phone.wait_for_url("**/cote-a-cote/**")
    assert "commune=45258" in phone.url
    table = phone.locator(".cls-side__table")
    assert "km de Puiseaux" in table.inner_text()
    dial = table.get_by_role("link", name="02 61 91 28 50")
    assert dial.get_attribute("href") == "tel:0261912850"
    assert phone.get_by_role("button", name="Partager cette comparaison").is_visible()
    share = phone.locator(".cls-side__share button")
    share.tap()
    expect(share).to_have_text("Adresse copiée")  # once the clipboard has it
    assert phone.evaluate("navigator.clipboard.readText()") == phone.url
    phone.get_by_label("Niveau d'autonomie").select_option("3-4")
    phone.get_by_label("Revenus mensuels du foyer").select_option("1")
    row = phone.locator(".cls-side__table tr", has=phone.locator("th", has_text="Avec vos revenus"))
    assert row.locator("td").first.inner_text().startswith("Il manque environ")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    context.close()


def _in_view(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 60 and box["y"] + box["height"] <= 700


def _covered(page, locator) -> bool:
    """Whether something else (« Retour en haut », a bar) is drawn over the middle of `locator`."""
    return not _on_top(page, locator)


def _on_top(page, locator) -> bool:
    return locator.evaluate("""el => { const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return el === top || el.contains(top) || (el.labels && [...el.labels].some(l => l.contains(top))); }""")


# --- the repertoire's counts and days ---------------------------------------------------------------------------

@pytest.mark.browser
def test_a_filtered_kind_counts_what_it_shows(phone, site_url: str) -> None:
    """Fails on the old page: « Pharmacie (14) » above « 1 structure correspond à votre recherche »."""
    phone.goto(site_url + "/repertoire/?typologie=pharmacie&commune=45050")  # Boynes
    shown = phone.locator(".cls-kind:not([hidden])")
    assert shown.count() == 1
    assert shown.locator("h3").inner_text().startswith("Pharmacie (1)")
    assert phone.locator(".cls-filters__count").inner_text() == "1 structure correspond à votre recherche."
    phone.locator("select[name=commune]").select_option("")
    assert shown.locator("h3").inner_text().startswith("Pharmacie (14)")
    assert shown.locator("li:not([hidden])").count() == 14


@pytest.mark.browser
def test_open_on_saturday_shows_saturday_hours_on_a_tuesday(browser, site_url: str) -> None:
    """Fails on the old page: on a Tuesday at 10:00 the list said « Ouvert maintenant » with Tuesday's hours."""
    context = local_context(browser, site_url, timezone_id="Europe/Paris", **PHONE)
    context.clock.set_fixed_time(TUESDAY)
    phone = context.new_page()
    phone.goto(site_url + "/repertoire/?typologie=pharmacie")
    phone.get_by_label("Ouvert le samedi").check()
    pharmacy = phone.locator("li", has=phone.get_by_role("link", name="Pharmacie du Centre"))
    lines = phone.locator(".cls-structures li:not([hidden]) .cls-open")
    assert lines.count() > 0
    assert all(text.startswith("Samedi : ") for text in lines.all_inner_texts()), lines.all_inner_texts()
    assert pharmacy.locator(".cls-open").inner_text() == "Samedi : " + _saturday("pharmacie-centre-pithiviers")
    phone.get_by_label("Ouvert le samedi").uncheck()
    assert pharmacy.locator(".cls-open").inner_text().startswith("Ouvert maintenant")
    context.close()


def _saturday(ident: str) -> str:
    """The Saturday hours of a structure as its fiche writes them (« 9 h – 12 h 30 et 14 h – 19 h »)."""
    from site_builder.opening_hours import in_french
    line = next(text for text in in_french(MODEL.structure_by_id[ident].horaires_accueil) if "samedi" in text.lower())
    return line.split(" : ", 1)[1].replace(", ", " et ")


# --- without JavaScript -----------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("path", ["bien-vieillir/comparer/", "bien-vieillir/cote-a-cote/",
                                  "repertoire/ehpad-safran-pithiviers/", "repertoire/", "pres-de-chez-moi/", "",
                                  "bien-vieillir/", "agenda/", "s-abonner/", "carte/", "repertoire/a-z/"])
def test_without_javascript_no_control_does_nothing(browser, site_url: str, path: str) -> None:
    """Fails on the old pages: the table's column titles were buttons, « Comparer côte à côte » led to a page
    that needs JavaScript."""
    context = _no_js(browser, site_url)
    tab = context.new_page()
    tab.goto(f"{site_url}/{path}")
    content = tab.locator(".md-content")
    assert content.locator("button:visible, select:visible, input:visible").count() == 0
    assert content.get_by_text("Comparer côte à côte", exact=True).filter(visible=True).count() == 0
    context.close()


@pytest.mark.browser
def test_without_javascript_the_table_sorts_by_links(browser, site_url: str) -> None:
    """Fails on the old page: no order could be chosen."""
    context = _no_js(browser, site_url)
    tab = context.new_page()
    tab.goto(site_url + "/bien-vieillir/comparer/")
    tab.get_by_role("link", name=ORDER_LABELS["prix"]).tap()
    tab.wait_for_url("**/comparer/par-prix/")
    names = tab.locator(".cls-compare tbody td:first-child > a:first-child").all_inner_texts()
    assert names == [s.nom for s in in_order(MODEL.senior_establishments, "prix")]
    prices = [float(v) for v in tab.locator("td[data-label=Prix]").evaluate_all(
        "cells => cells.map(c => c.dataset.value).filter(v => v !== '')")]
    assert prices == sorted(prices) and len(prices) > 3
    assert tab.get_by_text(ORDER_LABELS["prix"], exact=True).get_attribute("aria-current") == "page"
    tab.get_by_role("link", name="ordre du guide").tap()
    tab.wait_for_url("**/bien-vieillir/comparer/")
    context.close()


@pytest.mark.browser
def test_without_javascript_the_index_a_to_z_is_the_search(browser, site_url: str) -> None:
    """Fails on the old site: without JavaScript there was no search at all."""
    context = _no_js(browser, site_url)
    tab = context.new_page()
    tab.goto(site_url + "/bien-vieillir/")
    tab.locator(".md-header").get_by_role("link", name="Index A–Z").tap()
    tab.wait_for_url("**/repertoire/a-z/")
    names = tab.locator(".cls-az > li > a:first-child").all_inner_texts()
    assert sorted(names) == sorted(s.nom for s in MODEL.structures) and len(names) == len(MODEL.structures)
    tab.get_by_role("link", name="Lettre P").tap()
    pharmacy = tab.get_by_role("link", name="Pharmacie du Centre", exact=False).first
    assert pharmacy.is_visible()
    context.close()


@pytest.mark.browser
def test_with_javascript_the_no_js_stand_ins_are_hidden(phone, site_url: str) -> None:
    phone.goto(site_url + "/bien-vieillir/comparer/")
    assert not phone.get_by_role("link", name=ORDER_LABELS["prix"]).is_visible()
    assert not phone.locator(".md-header").get_by_role("link", name="Index A–Z").is_visible()
    assert phone.locator(".cls-compare th[data-key=prix] button").count() == 1  # a sort button (hidden on a phone)
    phone.goto(site_url + "/repertoire/")
    assert phone.locator(".md-content").get_by_role("link", name="Index A–Z").is_visible()


# --- the pages, without a browser ---------------------------------------------------------------------------------

def test_index_letters_fold_accents_and_put_digits_first() -> None:
    assert letter("Église Saint-Martin") == "E" and letter("« Œuvre »") == "O" and letter("3237 garde") == "0–9"
    sections = az_sections(MODEL.structures)
    assert sections[0][0] < sections[-1][0] and sum(len(items) for _, items in sections) == len(MODEL.structures)


def test_each_order_of_the_table_has_its_page(built_site: Path) -> None:
    for key in urls.SENIOR_TABLE_ORDERS:
        html = (built_site / "bien-vieillir" / "comparer" / f"par-{key}" / "index.html").read_text(encoding="utf-8")
        assert f'<strong aria-current="page">{ORDER_LABELS[key]}</strong>' in html
    places = in_order(MODEL.senior_establishments, "places")
    known = [s.seniors.places for s in places if s.seniors.places]
    assert known == sorted(known, reverse=True) and not places[-1].seniors.places  # unknown last
