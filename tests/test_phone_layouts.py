"""Phone-first layouts (issue 13, item 5): the comparison table's sort, the bilan as cards, readable dashboard bars,
even home-page tiles and buttons. What a person sees at 390 px, and at 1280 px where a layout could clip."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOT, axe_violations, local_context, plain

from site_builder.validate import load_model
from site_builder.vocabularies import ACTION_STATUSES

pytestmark = pytest.mark.browser

MODEL = load_model(ROOT / "data")
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
COMPARE = "/bien-vieillir/comparer/"
BILAN = f"/suivi/bilan-{MODEL.latest_review.annee}/"
TOUCHED = {"accueil": "/", "tableau de bord": "/suivi/", "bilan": BILAN, "comparaison": COMPARE}


def _rows(page) -> list[tuple[str, float]]:
    """Visible rows of the comparison table, in order: (name, daily price or inf when unknown)."""
    return [(name, float(value) if value else float("inf")) for name, value in page.locator(
        ".cls-compare tbody tr:not([hidden])").evaluate_all(
        "rows => rows.map(r => [r.cells[0].querySelector('a').textContent.trim(),"
        " r.querySelector(\"td[data-label='Prix']\").dataset.value])")]


# 1. Comparison table: « Trier par » on a phone, the sort in the address.

def test_sort_select_on_a_phone_orders_the_rows_and_the_address(browser, site_url: str) -> None:
    first = local_context(browser, site_url, **PHONE)
    phone = first.new_page()
    phone.goto(site_url + COMPARE)
    sort = phone.get_by_label("Trier par")
    assert sort.is_visible() and sort.bounding_box()["x"] + sort.bounding_box()["width"] <= 390
    caption = plain(phone.locator(".cls-compare caption").inner_text())
    assert "choisissez « Trier par »" in caption and "cliquez" not in caption.lower()  # what a phone shows
    before = _rows(phone)
    sort.select_option("prix")
    phone.get_by_label("Sens").select_option("decroissant")
    after = _rows(phone)
    known = [price for _, price in after if price != float("inf")]
    assert after != before and len(known) >= 10 and known == sorted(known, reverse=True)
    assert after[-1][1] == float("inf")  # « non communiqué » last, whatever the order
    assert "tri=prix" in phone.url and "ordre=decroissant" in phone.url
    assert phone.locator("th[data-key=prix]").get_attribute("aria-sort") == "descending"
    shared = phone.url
    first.close()

    second = local_context(browser, site_url, **PHONE)
    other = second.new_page()
    other.goto(shared)
    other.locator(".cls-filters__count").wait_for()
    assert _rows(other) == after
    assert other.get_by_label("Trier par").input_value() == "prix"
    assert other.get_by_label("Sens").input_value() == "decroissant"
    second.close()


def test_back_to_the_comparison_restores_its_sort(phone, site_url: str) -> None:
    phone.goto(site_url + COMPARE)
    phone.get_by_label("Trier par").select_option("places")
    sorted_rows = _rows(phone)
    assert "tri=places" in phone.url
    phone.locator(".md-content").get_by_role("link", name="coûts et aides").first.click()
    phone.wait_for_url("**/couts-et-aides/")
    phone.go_back()
    phone.wait_for_url(re.compile(r"/comparer/\?tri=places"))
    phone.locator(".cls-compare th[aria-sort]").wait_for(state="attached")
    assert _rows(phone) == sorted_rows
    assert phone.get_by_label("Trier par").input_value() == "places"
    phone.go_forward()
    phone.wait_for_url("**/couts-et-aides/")


def test_column_titles_sort_from_the_keyboard_on_a_wide_screen(page, site_url: str) -> None:
    page.goto(site_url + COMPARE)
    caption = page.locator(".cls-compare caption").inner_text()
    assert "cliquez un titre de colonne" in caption
    title = page.get_by_role("button", name="Prix")
    title.focus()
    page.keyboard.press("Enter")
    header = page.locator("th[data-key=prix]")
    assert header.get_attribute("aria-sort") == "ascending"
    assert page.get_by_label("Trier par").input_value() == "prix" and "tri=prix&ordre=croissant" in page.url
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending" and "ordre=decroissant" in page.url
    page.get_by_label("Trier par").select_option("")  # back to the guide's order
    assert page.locator("th[aria-sort]").count() == 0 and "tri=" not in page.url


def test_choosing_a_commune_sorts_by_distance_and_is_kept_too(phone, site_url: str) -> None:
    phone.goto(site_url + COMPARE + "?type=ehpad")
    assert phone.get_by_label("Type").input_value() == "ehpad"
    phone.get_by_label("Autour de").select_option(label="Puiseaux")
    assert phone.get_by_label("Trier par").input_value() == "distance"
    assert "type=ehpad" in phone.url and "autour=" in phone.url and "tri=distance" in phone.url
    distances = [float(t.replace(",", ".").split()[0]) for t in phone.locator(
        ".cls-compare tbody tr:not([hidden]) td.cls-compare__distance").all_inner_texts()]
    assert distances and distances == sorted(distances)


# 2. Bilan: one card per action on a phone, every column whole on a wide screen.

def test_bilan_card_shows_every_field_of_the_first_action_at_390(phone, site_url: str) -> None:
    phone.goto(site_url + BILAN)
    action = MODEL.actions[0]
    found = MODEL.latest_review.of(action.id)
    row = phone.locator(".cls-review__table tbody tr").first
    expected = {
        "Porteur": [MODEL.organisation_by_id[o].nom for o in action.pilotes],
        "Avancement": [ACTION_STATUSES[found.statut]],
        "+ Avancées": list(found.avancees),
        "− Difficultés": list(found.difficultes) or ["—"],
        "Perspectives": list(found.perspectives) or ["—"],
    }
    assert action.titre in plain(row.locator("th").inner_text())
    for label, texts in expected.items():
        cell = row.locator(f"td[data-label='{label}']")
        box = cell.bounding_box()
        assert cell.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 390, label
        title = cell.evaluate("c => getComputedStyle(c, '::before').content")
        assert label in title, (label, title)  # each field says what it is, the column titles being hidden
        shown = plain(cell.inner_text())
        assert all(text in shown for text in texts), (label, shown)


def test_bilan_keeps_its_last_column_whole_at_1280(page, site_url: str) -> None:
    page.goto(site_url + BILAN)
    table = page.locator(".cls-review__table").first
    content = page.locator(".md-content__inner").bounding_box()
    last = page.get_by_role("columnheader", name="Perspectives").first.bounding_box()  # one table per axe
    assert last["x"] + last["width"] <= content["x"] + content["width"] + 1
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


# 3. Dashboard: bars whose text is as readable as the page's, with the table beside them.

def test_dashboard_chart_labels_are_readable_at_390(phone, site_url: str) -> None:
    phone.goto(site_url + "/suivi/")
    texts = phone.locator(".cls-bars__label, .cls-bars__part, .cls-bars__total, .cls-bars__none, "
                          ".cls-bars__legend > span")
    assert texts.count() >= 2 * len(MODEL.axes)
    for size, right, overflow in texts.evaluate_all(
            "els => els.map(e => [parseFloat(getComputedStyle(e).fontSize), e.getBoundingClientRect().right,"
            " e.scrollWidth - e.clientWidth])"):
        assert size >= 12 and right <= 390 and overflow <= 0
    label = phone.locator(".cls-bars__label").first
    assert plain(label.inner_text()) == MODEL.axes[0].label  # « Axe 1 : titre » (issue 25 item 6)
    assert label.bounding_box()["height"] >= 12  # drawn at that size, not scaled
    assert phone.locator(".cls-counts table").count() == 2  # the same numbers as a table


# 4. Home page: tiles and buttons of one width, flush with the text.

@pytest.mark.parametrize("width", [390, 768, 1280])
def test_home_tiles_and_buttons_are_even_and_aligned(browser, site_url: str, width: int) -> None:
    context = local_context(browser, site_url, viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(site_url + "/")
    left = tab.locator(".md-content h1").bounding_box()["x"]
    for selector in [".cls-buttons .md-button", ".cls-figures li", ".cls-entry > ul > li", ".cls-axes > ul > li"]:
        boxes = [tab.locator(selector).nth(i).bounding_box() for i in range(tab.locator(selector).count())]
        assert len(boxes) >= 2, selector
        assert max(b["width"] for b in boxes) - min(b["width"] for b in boxes) <= 1, selector
        assert abs(min(b["x"] for b in boxes) - left) <= 1, selector  # no odd indentation
        assert max(b["x"] + b["width"] for b in boxes) <= width, selector
    context.close()


# Every page touched: no horizontal scroll on a phone, no axe-core violation on a phone.

@pytest.mark.parametrize("name", TOUCHED, ids=list(TOUCHED))
def test_touched_pages_fit_a_phone_and_pass_axe(phone, site_url: str, name: str) -> None:
    phone.goto(site_url + TOUCHED[name])
    phone.wait_for_load_state("load")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    if name == "comparaison":  # the sort controls in use, as a phone shows them
        phone.get_by_label("Trier par").select_option("prix")
    result = axe_violations(phone)  # the closed menu drawer is hidden (clavier.css): its empty-named menus are not
    assert result == [], json.dumps(result, indent=1, ensure_ascii=False)


def test_comparison_fits_a_wide_screen(page, site_url: str) -> None:
    page.goto(site_url + COMPARE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert re.search(r"\d+ établissements", page.locator(".cls-filters__count").inner_text())


# Filters and « Près de chez moi » are in place at first paint: nothing pushes the list down when scripts start.

LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__shifts.push(entry.value); })
  .observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize("path", ["/repertoire/", "/agenda/", "/pres-de-chez-moi/", COMPARE, "/suivi/"])
def test_pages_with_filters_do_not_move_once_their_scripts_start(browser, site_url: str, path: str) -> None:
    context = local_context(browser, site_url, **PHONE)
    phone = context.new_page()
    phone.add_init_script(LAYOUT_SHIFTS)
    phone.goto(site_url + path)
    phone.wait_for_load_state("networkidle")
    form = phone.locator("form.cls-filters, form.cls-near__form").first
    assert form.is_visible()
    shifts = phone.evaluate("window.__shifts")
    context.close()
    assert sum(shifts) < 0.01, f"la page bouge après son premier affichage : {shifts}"
