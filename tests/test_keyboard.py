"""A keyboard user sees where the focus is, at every Tab stop, on a phone and on a desktop (issue 13, item 9)."""

from __future__ import annotations

import json

import pytest
from helpers import axe_violations

pytestmark = pytest.mark.browser

STOPS = 15
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGES = {"accueil": "/", "fiche": "/repertoire/msp-pithiviers/"}

# What the focused element looks like: its box once the browser has scrolled it into view, whether it is the
# element a click at its centre would reach (not hidden off screen, under the header or in a closed drawer),
# and its focus ring.
FOCUSED = """() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  const line = e.getClientRects()[0] || r;  // a link that wraps: the middle of its first line
  const hit = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
  let opacity = 1;
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
  return {name: (e.getAttribute('aria-label') || e.innerText || e.tagName).trim().slice(0, 40),
          cls: String(e.className), box: [r.left, r.top, r.width, r.height],
          inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
          reached: !!hit && (e === hit || e.contains(hit)), visibility: s.visibility, opacity,
          outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
          shadow: s.boxShadow !== 'none'};
}"""


def _tab(page) -> dict:
    page.keyboard.press("Tab")
    page.wait_for_timeout(40)  # Material's focus-visible class and the scroll settle
    return page.evaluate(FOCUSED)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_every_tab_stop_is_visible_and_ringed(browser, site_url: str, name: str, size: str) -> None:
    context = browser.new_context(locale="fr-FR", viewport=SIZES[size], has_touch=size == "phone")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url) else r.abort())
    page = context.new_page()
    page.goto(site_url + PAGES[name])
    page.wait_for_timeout(200)
    for stop in range(1, STOPS + 1):
        focused = _tab(page)
        where = f"stop {stop} on {name} ({size}): {json.dumps(focused, ensure_ascii=False)}"
        assert focused["box"][2] > 0 and focused["box"][3] > 0, where
        assert focused["inView"] and focused["reached"], where
        assert focused["visibility"] == "visible" and focused["opacity"] > 0.9, where
        assert focused["outline"] >= 2 and focused["shadow"], where  # the two-tone ring of clavier.css
        assert "headerlink" not in focused["cls"], where
    context.close()


def test_permalinks_are_out_of_the_tab_order_and_of_heading_names(page, site_url: str) -> None:
    page.goto(site_url + "/repertoire/msp-pithiviers/")
    links = page.locator("a.headerlink")
    assert links.count() >= 3
    assert links.evaluate_all("ls => ls.every(l => l.tabIndex === -1 && l.getAttribute('aria-hidden') === 'true')")
    assert page.get_by_role("heading", name="Horaires d'accueil", exact=True).count() == 1  # no « ¶ » in it


def test_the_phone_menu_opens_and_closes_with_the_keyboard(phone, site_url: str) -> None:
    phone.goto(site_url + "/")
    phone.wait_for_timeout(200)
    for _ in range(2):
        focused = _tab(phone)
    assert focused["name"] == "Menu du site", focused
    menu = phone.get_by_role("button", name="Menu du site")
    assert menu.get_attribute("aria-expanded") == "false"
    phone.keyboard.press("Enter")
    phone.wait_for_timeout(400)  # the drawer slides in
    focused = phone.evaluate(FOCUSED)
    assert focused["reached"] and focused["inView"], focused
    assert phone.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert menu.get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Escape")
    phone.wait_for_timeout(400)
    assert phone.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu du site"
    assert not phone.locator("#__drawer").is_checked()
    assert phone.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).visibility") == "hidden"


TOUCHED = ["/", "/lettre/", "/le-cls/", "/bien-vieillir/", "/repertoire/saad-malesherbois/",
           "/repertoire/ehpad-les-tilleuls-malesherbois/",
           "/bien-vieillir/accueil-jour/", "/bien-vieillir/saad/", "/bien-vieillir/ehpad/", "/bien-vieillir/comparer/",
           "/bien-vieillir/carte/", "/bien-vieillir/cote-a-cote/", "/agenda/atelier-sommeil-seniors-2026/"]


@pytest.mark.parametrize("path", TOUCHED)
def test_touched_pages_have_no_axe_violation(phone, site_url: str, path: str) -> None:
    phone.goto(site_url + path)
    result = axe_violations(phone)
    assert result == [], json.dumps(result, indent=1, ensure_ascii=False)
