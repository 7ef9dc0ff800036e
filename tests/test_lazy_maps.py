"""Maps start when they near the screen: a fiche read from the top loads no Leaflet (issue 16, Lighthouse)."""

from __future__ import annotations

import pytest
from helpers import axe_violations, local_context

FICHE = "/repertoire/msp-pithiviers/"
LEAFLET_LOADED = "() => typeof window.L !== 'undefined'"


def _leaflet_requests(tab) -> list[str]:
    requests: list[str] = []

    def seen(request: object) -> None:
        if request.url.endswith(".js") and "leaflet" in request.url:
            requests.append(request.url)

    tab.on("request", seen)
    return requests


@pytest.mark.browser
def test_a_fiche_map_starts_only_when_scrolled_to_on_a_phone(phone, site_url: str) -> None:
    requests = _leaflet_requests(phone)
    phone.goto(site_url + FICHE)
    phone.wait_for_load_state("load")
    phone.wait_for_timeout(500)
    # The map is more than a screen below the top of the fiche: no Leaflet script (its small CSS is loaded), no marker.
    assert phone.locator(".cls-map").bounding_box()["y"] > 844 + 400
    assert not phone.evaluate(LEAFLET_LOADED)
    assert requests == []
    assert phone.locator(".leaflet-container").count() == 0
    phone.locator(".cls-map").scroll_into_view_if_needed()
    phone.wait_for_selector(".cls-map .leaflet-marker-icon")
    assert phone.evaluate(LEAFLET_LOADED) and any(url.endswith("leaflet.js") for url in requests)
    assert axe_violations(phone) == []


@pytest.mark.browser
def test_a_lazy_map_starts_after_instant_navigation(phone, site_url: str) -> None:
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(site_url + "/carte/maisons-de-sante/")  # Leaflet loaded here, from another depth of the site
    phone.wait_for_selector(".cls-map .leaflet-marker-icon")
    phone.goto(site_url + "/repertoire/")
    phone.locator(f"a[href$='{FICHE.split('/')[-2]}/']").first.click()
    phone.wait_for_url("**" + FICHE)
    assert phone.evaluate("() => performance.getEntriesByType('navigation').length") == 1  # no full reload
    phone.locator(".cls-map").scroll_into_view_if_needed()
    phone.wait_for_selector(".cls-map .leaflet-marker-icon")
    assert errors == []


@pytest.mark.browser
def test_without_javascript_a_map_gives_its_list_or_its_place(browser, site_url: str) -> None:
    context = local_context(browser, site_url, viewport={"width": 390, "height": 844}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "/carte/maisons-de-sante/")
    link = tab.get_by_role("link", name="Voir la liste des structures de la carte.")
    assert link.is_visible()
    assert tab.locator("#liste-des-structures-de-la-carte").count() == 1
    listed = "#liste-des-structures-de-la-carte ~ ul li, #liste-des-structures-de-la-carte + * li"
    assert tab.locator(listed).count() > 1
    assert not tab.locator(".cls-map .folium-map").is_visible()
    tab.goto(site_url + FICHE)
    assert tab.get_by_role("link", name="Voir ce lieu sur OpenStreetMap.").is_visible()
    context.close()
