"""A map people can read: family markers and legend, « n'afficher que », a no-JS fallback, a chosen tile provider.

Tiles are never fetched: the browser contexts only reach the local server, and the tile tests read the URL
template in the HTML and the requests the browser *tried*, all refused by the route."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT, axe_violations, local_context, minimal_project, plain
from jinja2.utils import htmlsafe_json_dumps
from test_maps import COUNT_MARKERS

from site_builder.cli import main
from site_builder.render.map_legend import FAMILY_STYLES, SHAPES
from site_builder.render.maps import TILE_PROVIDERS
from site_builder.validate import load_model
from site_builder.vocabularies import SENIOR_FAMILIES, TYPOLOGY_GROUPS

MODEL = load_model(ROOT / "data")
STRUCTURES = len(MODEL.structures)
SENIORS = len(MODEL.senior_establishments)
COUNTS = {title: sum(s.typologie in kinds for s in MODEL.structures) for title, kinds in TYPOLOGY_GROUPS.items()}
MAP_PAGES = ["carte/", "carte/maisons-de-sante/", "bien-vieillir/carte/", "repertoire/msp-puiseaux/"]


def _shown(tab, selector: str = ".cls-map") -> int:
    return tab.evaluate(f"() => ({COUNT_MARKERS})({json.dumps(selector)})")


def _wait_for(tab, expected: int) -> None:
    tab.wait_for_function(f"() => ({COUNT_MARKERS})('.cls-map') === {expected}", timeout=5000)


def _contrast(colour: str, other: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(colour), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("grouping", [TYPOLOGY_GROUPS, SENIOR_FAMILIES], ids=["répertoire", "seniors"])
def test_every_family_has_its_own_symbol_readable_without_colour(grouping: dict) -> None:
    styles = [FAMILY_STYLES[label] for label in grouping]
    assert len({s.letter for s in styles}) == len(styles)  # the letter alone tells the families apart
    assert len({s.shape for s in styles}) == len(styles)  # and so does the shape
    assert all(s.shape in SHAPES and s.letter in s.words for s in styles)
    # the white letter on the colour, and the colour on OpenStreetMap's pale land (#f2efe9)
    assert all(_contrast(s.colour) >= 4.5 and _contrast(s.colour, "#f2efe9") >= 4.4 for s in styles)


def test_the_map_page_has_a_legend_naming_every_family_present(built_site: Path) -> None:
    page_html = (built_site / "carte" / "index.html").read_text(encoding="utf-8")
    legend = re.search(r'<div class="cls-map__legend">.*?</ul></div>', page_html, re.S).group(0)
    items = re.findall(r"<li>.*?</li>", legend, re.S)
    present = [title for title, count in COUNTS.items() if count]
    assert len(items) == len(present) >= 5
    for title, item in zip(present, items, strict=True):
        assert f"{title} <span class=\"cls-map__count\">({COUNTS[title]})</span>" in item.replace("&#39;", "'")
        assert FAMILY_STYLES[title].words in item and "<svg" in item
    msp_html = plain((built_site / "carte" / "maisons-de-sante" / "index.html").read_text(encoding="utf-8"))
    assert "Soins de proximité : Maison de santé pluriprofessionnelle <span" in msp_html  # a map of one type says it
    senior_html = (built_site / "bien-vieillir" / "carte" / "index.html").read_text(encoding="utf-8")
    for title in SENIOR_FAMILIES:
        assert title in senior_html.split('class="cls-map__legend"', 1)[1].split("</ul>", 1)[0]


def test_map_code_stays_out_of_pages_without_a_map(built_site: Path) -> None:
    for page in ("index.html", "repertoire/index.html", "agenda/index.html", "pres-de-chez-moi/index.html"):
        page_html = (built_site / page).read_text(encoding="utf-8")
        for asset in ("leaflet.js", "cartes.js", "cartes.css", "leaflet.css"):
            assert asset not in page_html, (page, asset)


@pytest.mark.browser
def test_markers_wear_their_family_symbol(phone, site_url: str) -> None:
    phone.goto(site_url + "/carte/maisons-de-sante/")
    phone.wait_for_selector(".cls-marker")
    marker = phone.locator(".leaflet-marker-icon.cls-marker").first
    assert marker.locator("svg text").text_content() == "S"
    assert marker.locator("svg g").get_attribute("fill") == FAMILY_STYLES["Soins de proximité"].colour
    assert marker.get_attribute("title") and marker.get_attribute("role") == "button"


@pytest.mark.browser
def test_n_afficher_que_a_family_then_a_type_then_all_on_a_phone(phone, site_url: str) -> None:
    phone.goto(site_url + "/carte/")
    _wait_for(phone, STRUCTURES)
    seniors = phone.get_by_role("button", name=re.compile("^Personnes âgées"))
    seniors.click()
    _wait_for(phone, COUNTS["Personnes âgées"])
    assert seniors.get_attribute("aria-pressed") == "true"
    assert f"{COUNTS['Personnes âgées']} lieux affichés : Personnes âgées." in \
        plain(phone.locator(".cls-map__status").inner_text())
    seniors.click()  # pressed again: everything comes back
    _wait_for(phone, STRUCTURES)
    assert seniors.get_attribute("aria-pressed") == "false"
    msp = sum(s.typologie == "msp" for s in MODEL.structures)
    phone.get_by_label("N'afficher que").select_option(label=f"Maison de santé pluriprofessionnelle ({msp})")
    _wait_for(phone, msp)
    titles = phone.locator(".cls-map .leaflet-marker-icon:not(.marker-cluster)").evaluate_all(
        "icons => icons.map(i => i.title)")
    names = {s.nom for s in MODEL.structures if s.typologie == "msp"}
    assert titles and set(titles) <= names
    phone.get_by_role("button", name="Tout afficher").click()
    _wait_for(phone, STRUCTURES)
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390


@pytest.mark.browser
def test_the_family_buttons_work_from_the_keyboard(page, site_url: str) -> None:
    page.goto(site_url + "/carte/")
    _wait_for(page, STRUCTURES)
    button = page.get_by_role("button", name=re.compile("^Soins de proximité"))
    button.focus()
    page.keyboard.press("Enter")
    _wait_for(page, COUNTS["Soins de proximité"])
    page.keyboard.press("Space")
    _wait_for(page, STRUCTURES)
    outline = button.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline != "none"  # focus is visible


@pytest.mark.browser
def test_the_senior_map_filters_by_the_guide_s_families(phone, site_url: str) -> None:
    phone.goto(site_url + "/bien-vieillir/carte/")
    _wait_for(phone, SENIORS)
    home = sum(s.typologie in SENIOR_FAMILIES["Rester chez soi"] for s in MODEL.senior_establishments)
    phone.get_by_role("button", name=re.compile("^Rester chez soi")).click()
    _wait_for(phone, home)


@pytest.mark.browser
@pytest.mark.parametrize("path", MAP_PAGES)
def test_without_javascript_a_map_page_links_to_its_list(browser, site_url: str, path: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(site_url + "/" + path)
    message = tab.locator(".cls-map__nojs")
    assert message.is_visible() and "La carte a besoin de JavaScript" in message.inner_text()
    assert not tab.locator(".folium-map").is_visible()  # no empty box
    assert not tab.locator(".cls-map__legend").is_visible() and not tab.locator(".cls-map__filter").is_visible()
    link = message.get_by_role("link").get_attribute("href")
    if path.startswith("repertoire/"):
        assert link.startswith("https://www.openstreetmap.org/?mlat=48.2")
    else:
        assert link == "#liste-des-structures-de-la-carte"
        assert tab.locator(link).is_visible()
    context.close()


@pytest.mark.browser
def test_after_instant_navigation_the_map_shows_and_its_fallback_does_not(page, site_url: str) -> None:
    # Material fetches the next page and parses it where scripts do not run: a <noscript> that became
    # elements there would hide the map (its <style>) and show the message.
    page.goto(site_url + "/repertoire/")
    page.get_by_role("link", name="Carte des structures").first.click()
    page.wait_for_url("**/carte/")
    _wait_for(page, STRUCTURES)
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1  # no full reload
    assert page.locator(".folium-map").is_visible() and page.locator(".cls-map__legend").is_visible()
    assert page.locator(".cls-map__nojs:visible").count() == 0
    page.get_by_role("button", name=re.compile("^Hôpitaux")).click()
    _wait_for(page, COUNTS["Hôpitaux et santé mentale"])


@pytest.mark.browser
@pytest.mark.parametrize("path", ["carte/", "bien-vieillir/carte/", "repertoire/msp-puiseaux/"])
def test_the_map_stays_after_an_in_page_link_and_back(phone, site_url: str, path: str) -> None:
    # The skip link, a heading's ¶ and « back » move within the page: Material re-reads it, and a <style> inside
    # the map's <noscript> became live there and hid every map and legend (issue 25: blank map after the skip link).
    phone.goto(site_url + "/" + path)
    phone.locator(".folium-map").scroll_into_view_if_needed()
    phone.wait_for_selector(".leaflet-marker-icon, .marker-cluster")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")  # « Aller au contenu »
    phone.wait_for_url("**#*")
    phone.locator("h2[id] .headerlink").first.click()  # a heading's permalink
    phone.go_back()
    for selector in (".folium-map", ".cls-map__legend")[:1 if path.startswith("repertoire/") else 2]:
        box = phone.locator(selector).bounding_box()
        assert box and box["height"] > 100, (selector, box)
    assert phone.locator(".cls-map__nojs:visible").count() == 0


@pytest.mark.browser
def test_tiles_are_asked_with_a_referer_and_never_reached(browser, site_url: str) -> None:
    context = local_context(browser, site_url, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    asked, reached = [], []
    tab.on("request", lambda request: asked.append(request))
    tab.on("requestfinished", lambda request: reached.append(request.url))
    tab.goto(site_url + "/carte/")
    _wait_for(tab, STRUCTURES)
    tab.wait_for_timeout(300)
    tiles = [r for r in asked if r.url.startswith("https://tile.openstreetmap.org/")]
    assert tiles, "the map asks for OpenStreetMap tiles"
    assert all(r.headers.get("referer") == site_url + "/" for r in tiles)  # OSM refuses tiles without one
    assert all(url.startswith(site_url) for url in reached)
    attribution = tab.locator(".leaflet-control-attribution")
    assert "OpenStreetMap" in attribution.inner_text()
    assert attribution.get_by_role("link", name="OpenStreetMap").get_attribute("href") == \
        "https://www.openstreetmap.org/copyright"
    context.close()


@pytest.fixture(scope="module")
def sites_by_tiles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The minimal project built once with each tile provider."""
    root = tmp_path_factory.mktemp("tiles")
    project = minimal_project(root)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    built = {}
    for choice in ("osm", "ign-plan"):
        config.write_text(text.replace("      data_dir: data", f"      data_dir: data\n      carte_fond: {choice}"),
                          encoding="utf-8")
        result = CliRunner().invoke(main, ["build", "-f", str(config), "-d", str(root / choice)])
        assert result.exit_code == 0, result.output
        built[choice] = root / choice
    return built


def test_the_tile_provider_is_chosen_in_mkdocs_yml(sites_by_tiles: dict[str, Path]) -> None:
    built = {choice: (site / "carte" / "index.html").read_text(encoding="utf-8")
             for choice, site in sites_by_tiles.items()}
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in built["osm"] and "data.geopf.fr" not in built["osm"]
    ign = built["ign-plan"]
    assert "tile.openstreetmap.org" not in ign
    assert htmlsafe_json_dumps(TILE_PROVIDERS["ign-plan"].url) in ign  # `&` written \u0026 in the script
    assert "LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" in ign and "FORMAT=image/png" in ign
    assert "https://www.ign.fr/" in ign and "Plan IGN v2" in ign and "OpenStreetMap</a>" not in ign
    for page_html in built.values():
        assert '"referrerPolicy": "strict-origin-when-cross-origin"' in page_html


@pytest.mark.browser
def test_plan_ign_tiles_are_asked_from_the_geoplateforme(browser, sites_by_tiles: dict[str, Path]) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(sites_by_tiles["ign-plan"]))
    handler.func.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    context = local_context(browser, url, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    asked = []
    tab.on("request", lambda request: asked.append(request))
    tab.goto(url + "/carte/")
    tab.wait_for_selector(".cls-marker")
    tab.wait_for_timeout(300)
    tiles = [r for r in asked if not r.url.startswith(url)]
    tile = re.compile(r"https://data\.geopf\.fr/wmts\?SERVICE=WMTS&REQUEST=GetTile&VERSION=1\.0\.0"
                      r"&LAYER=GEOGRAPHICALGRIDSYSTEMS\.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM_0_19"
                      r"&FORMAT=image/png&TILEMATRIX=\d+&TILEROW=\d+&TILECOL=\d+")
    assert tiles and all(tile.fullmatch(r.url) for r in tiles), [r.url for r in tiles][:3]
    assert all(r.headers.get("referer") == url + "/" for r in tiles)
    assert "IGN" in tab.locator(".leaflet-control-attribution").inner_text()
    context.close()
    server.shutdown()


def test_an_unknown_tile_provider_is_refused(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      data_dir: data", "      data_dir: data\n      carte_fond: google"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(config), "-d", str(tmp_path / "site")])
    assert result.exit_code != 0
    assert "carte_fond" in result.output and "osm" in result.output


def test_the_config_offers_exactly_the_known_providers() -> None:
    from site_builder.config import ClsPluginConfig

    assert tuple(dict(ClsPluginConfig._schema)["carte_fond"].choices) == tuple(TILE_PROVIDERS)


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", MAP_PAGES)
def test_map_pages_have_no_axe_violation(browser, site_url: str, path: str, width: int) -> None:
    context = local_context(browser, site_url, viewport={"width": width, "height": 900}, has_touch=width < 400)
    tab = context.new_page()
    tab.goto(site_url + "/" + path)
    tab.locator(".cls-map").scroll_into_view_if_needed()  # a map starts when it nears the screen
    tab.wait_for_selector(".leaflet-marker-icon")
    only = tab.locator(".cls-map__only").first
    if only.count():
        only.click()  # the pressed state is audited too
    # Scrolling fades Material's tabs out and swaps the header's title: audited mid-fade, their half-transparent
    # text fails contrast. Two frames first, so that a fade the scroll or the click starts is already running.
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    tab.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    result = axe_violations(tab)
    assert result == [], json.dumps(result, indent=1, ensure_ascii=False)
    context.close()


@pytest.mark.browser
def test_on_a_phone_the_map_starts_in_the_first_screen_and_its_legend_follows(browser, site_url: str) -> None:
    context = local_context(browser, site_url, viewport={"width": 390, "height": 844}, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url + "/carte/")
    tab.wait_for_selector(".leaflet-marker-icon")
    map_top = tab.locator(".cls-map .folium-map").bounding_box()["y"]
    legend_top = tab.locator(".cls-map__legend").bounding_box()["y"]
    context.close()
    assert map_top < 844 - 150, f"la carte commence à {map_top} px : hors du premier écran d'un téléphone"
    assert legend_top > map_top


@pytest.mark.browser
def test_the_map_does_not_move_down_when_it_starts(browser, site_url: str) -> None:
    from test_phone_layouts import LAYOUT_SHIFTS

    context = local_context(browser, site_url, viewport={"width": 390, "height": 844}, has_touch=True)
    tab = context.new_page()
    tab.add_init_script(LAYOUT_SHIFTS)
    tab.goto(site_url + "/carte/")
    tab.wait_for_selector(".leaflet-marker-icon")
    tab.wait_for_timeout(300)
    shifts = tab.evaluate("window.__shifts")
    context.close()
    assert sum(shifts) < 0.01, f"la page bouge quand la carte démarre : {shifts}"
