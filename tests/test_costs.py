"""The « reste à charge » estimate: households computed by hand, the same euros in Python and in the browser,
the national scale checked at build, the side-by-side comparison kept in the address."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT, bare_scripts_site, local_context, plain, served

from site_builder.costs import Household, IncomeBand, Prices, Scale, before_aids, estimate, round_half_up
from site_builder.errors import ErrorReport
from site_builder.kinds import cost_scale
from site_builder.schema import Context
from site_builder.validate import load_model

# A scale with round numbers so that every step below can be checked with a pencil: MTP 1 000 €, so the
# thresholds of CASF R. 232-19 are 2,21 × 1 000 = 2 210 € and 3,40 × 1 000 = 3 400 €.
SCALE = Scale(
    date_maj=dt.date(2026, 1, 1), valable_jusqu_au=dt.date(2026, 12, 31), jours_par_mois=30.4, mtp=1000,
    mtp_au=dt.date(2026, 1, 1), seuil_bas=2.21, seuil_haut=3.40, taux=0.80, diviseur_couple=2,
    bands=(IncomeBand(0, 1000, 100, 250), IncomeBand(1000, 1500, 30, 150), IncomeBand(1500, 2000, 0, 60),
           IncomeBand(2000, 2800, 0, 0), IncomeBand(2800, 3500, 0, 0), IncomeBand(3500, 4500, 0, 0),
           IncomeBand(4500, 6000, 0, 0), IncomeBand(6000, None, 0, 0)))
# An EHPAD: hébergement 60 €/day; dependency tariffs GIR 1-2 = 20 €, GIR 3-4 = 13 €, GIR 5-6 = 6 € per day.
EHPAD = Prices("ehpad", hebergement_jour=60, gir12=20, gir34=13, gir56=6, apl=True)
NOT_CONVENTIONNE = dataclasses.replace(EHPAD, apl=False)

HOUSEHOLDS = {
    # GIR 1-2, alone, 1 000-1 500 €/month (below 2 210 €: pays the GIR 5-6 tariff only), APL 30 to 150 €:
    # (60 + 6) × 30,4 = 2 006,40 € ; 2 006,40 − 150 = 1 856,40 → 1 856 ; 2 006,40 − 30 = 1 976,40 → 1 976.
    "GIR 1-2, low income, conventionné": (EHPAD, Household("1-2", 1), (1856, 1976)),
    # GIR 3-4, alone, 2 800-3 500 €, no APL in that band.
    # At 2 800 €: 6 + (13 − 6) × (2 800 − 2 210) / (3 400 − 2 210) × 0,8 = 6 + 7 × 590/1 190 × 0,8 = 8,776 €/day ;
    #   (60 + 8,776) × 30,4 = 2 090,80 → 2 091.
    # At 3 500 € (above 3 400 €): 6 + 7 × 0,8 = 11,60 €/day ; (60 + 11,60) × 30,4 = 2 176,64 → 2 177.
    "GIR 3-4, middle income, conventionné": (EHPAD, Household("3-4", 4), (2091, 2177)),
    # GIR 5-6 (no APA), under 1 000 €, not conventionné: (60 + 6) × 30,4 = 2 006,40 → 2 006 at both ends.
    "GIR 5-6, low income, not conventionné": (NOT_CONVENTIONNE, Household("5-6", 0), (2006, 2006)),
    # GIR 1-2, couple earning 4 500-6 000 € together: each counts 2 250 to 3 000 € (÷ 2), not conventionné.
    # At 2 250 €: 6 + (20 − 6) × (2 250 − 2 210)/1 190 × 0,8 = 6 + 14 × 40/1 190 × 0,8 = 6,376 €/day ;
    #   (60 + 6,376) × 30,4 = 2 017,84 → 2 018.
    # At 3 000 €: 6 + 14 × 790/1 190 × 0,8 = 13,435 €/day ; (60 + 13,435) × 30,4 = 2 232,43 → 2 232.
    "GIR 1-2, couple, middle income, not conventionné": (NOT_CONVENTIONNE, Household("1-2", 6, couple=True),
                                                         (2018, 2232)),
    # GIR unknown, 6 000 € or more, conventionné (no APL at that income): every GIR pays 80 % of its gap.
    # GIR 5-6: (60 + 6) × 30,4 = 2 006,40 → lowest ; GIR 1-2: 6 + 14 × 0,8 = 17,20 ; (60 + 17,20) × 30,4
    #   = 2 346,88 → highest 2 347.
    "GIR unknown, high income": (EHPAD, Household("", 7), (2006, 2347)),
    # Résidence autonomie, rent 650 €/month, conventionné, under 1 000 €: no dependency tariff;
    # 650 − 250 = 400 ; 650 − 100 = 550.
    "résidence autonomie, low income": (Prices("residence-autonomie", loyer_mois=650, apl=True), Household("", 0),
                                        (400, 550)),
}


@pytest.mark.parametrize("case", HOUSEHOLDS, ids=list(HOUSEHOLDS))
def test_households_computed_by_hand(case: str) -> None:
    prices, household, expected = HOUSEHOLDS[case]
    assert estimate(prices, household, SCALE) == expected


def test_price_before_aids_is_hosting_plus_gir56_tariff() -> None:
    assert before_aids(EHPAD, SCALE) == 2006  # (60 + 6) × 30,4 = 2 006,40
    assert before_aids(EHPAD, SCALE, "1-2") == 2432  # (60 + 20) × 30,4 = 2 432,00
    assert before_aids(dataclasses.replace(EHPAD, gir12=None), SCALE, "1-2") is None


def test_the_participation_starts_at_the_low_threshold() -> None:
    """At 2 210 € the resident pays the GIR 5-6 tariff; one euro above, a little more (the scale is continuous)."""
    band_at = dataclasses.replace(SCALE, bands=(IncomeBand(0, 2210, 0, 0), IncomeBand(2210, 2211, 0, 0),
                                                IncomeBand(2211, None, 0, 0)))
    assert estimate(NOT_CONVENTIONNE, Household("1-2", 0), band_at) == (2006, 2006)
    # 2 211 €: 6 + 14 × 1/1 190 × 0,8 = 6,0094 €/day ; (66,0094) × 30,4 = 2 006,69 → 2 007.
    assert estimate(NOT_CONVENTIONNE, Household("1-2", 1), band_at) == (2006, 2007)


def test_a_missing_gir_tariff_gives_no_estimate_above_the_low_threshold() -> None:
    unknown = dataclasses.replace(EHPAD, gir34=None)
    assert estimate(unknown, Household("3-4", 4), SCALE) is None
    # Under 1 000 € only the GIR 5-6 tariff counts: 2 006,40 − 250 = 1 756,40 → 1 756 ; − 100 = 1 906,40 → 1 906.
    assert estimate(unknown, Household("3-4", 0), SCALE) == (1756, 1906)


# --- Python and the browser on the same vectors (tests/fixtures/couts/vecteurs.json) ----------------------------

VECTORS = json.loads((ROOT / "tests" / "fixtures" / "couts" / "vecteurs.json").read_text(encoding="utf-8"))


def scale_of(name: str) -> Scale:
    data = VECTORS["baremes"][name]
    return dataclasses.replace(SCALE, **{k: v for k, v in data.items() if k != "bands"},
                               bands=tuple(IncomeBand(**band) for band in data["bands"]))


@pytest.mark.parametrize("case", VECTORS["arrondis"], ids=[str(c["valeur"]) for c in VECTORS["arrondis"]])
def test_halves_round_up_on_the_decimal_value(case: dict) -> None:
    assert round_half_up(case["valeur"], case["decimales"]) == case["attendu"]


@pytest.mark.parametrize("case", VECTORS["estimations"], ids=[c["cas"] for c in VECTORS["estimations"]])
def test_estimate_vectors_in_python(case: dict) -> None:
    got = estimate(Prices(**case["prix"]), Household(**case["foyer"]), scale_of(case["bareme"]))
    assert list(got) == case["attendu"]


def test_living_as_a_couple_changes_the_estimate() -> None:
    alone, couple = (Household("1-2", 6, couple=flag) for flag in (False, True))
    assert estimate(NOT_CONVENTIONNE, alone, SCALE) == (2347, 2347)
    assert estimate(NOT_CONVENTIONNE, couple, SCALE) == (2018, 2232)


@pytest.fixture(scope="module")
def scripts_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A bare page with the site's real reste-a-charge.js, served on the loopback."""
    with served(bare_scripts_site(tmp_path_factory.mktemp("scripts"), "reste-a-charge.js")) as url:
        yield url


@pytest.mark.browser
def test_the_browser_rounds_and_estimates_as_the_vectors_say(browser, scripts_url: str) -> None:
    context = local_context(browser, scripts_url)
    page = context.new_page()
    page.goto(scripts_url + "/index.html")
    rounded = page.evaluate("cases => cases.map(c => window.clsResteACharge.roundHalfUp(c.valeur, c.decimales))",
                            VECTORS["arrondis"])
    assert rounded == [c["attendu"] for c in VECTORS["arrondis"]]
    estimates = page.evaluate("""([cases, scales]) => cases.map(
        c => window.clsResteACharge.estimate(c.prix, c.foyer, scales[c.bareme]))""",
                              [VECTORS["estimations"], VECTORS["baremes"]])
    assert estimates == [c["attendu"] for c in VECTORS["estimations"]]
    context.close()


# --- the national scale, checked at build -------------------------------------------------------------------

def test_the_shipped_scale_loads_and_is_dated() -> None:
    scale = load_model(ROOT / "data").cost_scale
    assert scale is not None and scale.jours_par_mois == 30.4
    assert scale.seuil_bas == 2.21 and scale.seuil_haut == 3.40 and scale.taux == 0.80
    assert scale.apa_sources and scale.apl_sources and scale.apl_a_verifier


def test_a_stale_scale_warns() -> None:
    assert cost_scale.staleness(SCALE, dt.date(2026, 6, 1)) == ""
    assert "jusqu'au 2026-12-31" in cost_scale.staleness(SCALE, dt.date(2027, 1, 1))


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("seuil_haut: 3.40", "seuil_haut: 2.00", "apa_etablissement.seuil_haut: le seuil haut doit dépasser"),
    ("{min: 1000, max: 1500,", "{min: 1100, max: 1500,", "tranches_revenus[2]: tranche mal placée"),
    ("mtp: 1288.13", "mtp: douze", "apa_etablissement.mtp: nombre attendu"),
    ("jours_par_mois: 30.4", "jours_par_mois: 304", "jours_par_mois: 304 hors des valeurs admises"),
])
def test_a_territory_scale_with_a_mistake_is_located(tmp_path: Path, old: str, new: str, expected: str) -> None:
    local = tmp_path / cost_scale.OVERRIDE
    text = cost_scale.SHIPPED.read_text(encoding="utf-8")
    assert old in text
    local.write_text(text.replace(old, new), encoding="utf-8")
    ctx = Context(file="", report=ErrorReport())
    assert cost_scale.load_scale(tmp_path, tmp_path, ctx) is None
    assert any(expected in str(error) and str(error).startswith(cost_scale.OVERRIDE)
               for error in ctx.report.errors), ctx.report.format()


def test_the_fiche_shows_the_monthly_price_before_aids_without_javascript(built_site: Path) -> None:
    html = (built_site / "repertoire" / "ehpad-safran-pithiviers" / "index.html").read_text(encoding="utf-8")
    model = load_model(ROOT / "data")
    housing = model.structure_by_id["ehpad-safran-pithiviers"].seniors
    monthly = round((housing.prix_journalier + housing.tarif_dependance_gir56) * 30.4)
    thousands, units = divmod(monthly, 1000)
    assert re.search(rf"Prix avant aides\s:\s{thousands}\s{units:03d}\s€ par mois", html), monthly
    assert "Estimation, à confirmer auprès de l&#39;établissement et du Département" in html or \
        "Estimation, à confirmer auprès de l'établissement et du Département" in html


# --- the browser: same euros, the form, the comparison in the address ------------------------------------------

SCALE_JS = json.dumps({"jours_par_mois": SCALE.jours_par_mois, "mtp": SCALE.mtp, "seuil_bas": SCALE.seuil_bas,
                       "seuil_haut": SCALE.seuil_haut, "taux": SCALE.taux, "diviseur_couple": SCALE.diviseur_couple,
                       "bands": [dataclasses.asdict(b) for b in SCALE.bands]})


@pytest.mark.browser
def test_the_browser_gives_the_same_euros_as_python(page, site_url: str) -> None:
    page.goto(site_url + "/repertoire/ehpad-safran-pithiviers/")
    for case, (prices, household, expected) in HOUSEHOLDS.items():
        got = page.evaluate("([p, h, s]) => window.clsResteACharge.estimate(p, h, s)",
                            [dataclasses.asdict(prices), dataclasses.asdict(household), json.loads(SCALE_JS)])
        assert tuple(got) == expected == estimate(prices, household, SCALE), case


def _euros(text: str) -> list[int]:
    return [int(re.sub(r"\D", "", n)) for n in re.findall(r"(\d[\d\u202f\u00a0 ]*)\u00a0€", text)]


@pytest.mark.browser
def test_the_estimate_follows_the_gir_on_a_phone(phone, site_url: str) -> None:
    model = load_model(ROOT / "data")
    item = model.structure_by_id["ehpad-safran-pithiviers"]
    from site_builder.render.senior_costs import prices_of
    phone.goto(site_url + "/repertoire/ehpad-safran-pithiviers/")
    result = phone.locator(".cls-cost__result")
    phone.get_by_label("Niveau d'autonomie").select_option("1-2")
    assert plain(result.inner_text()) == ("Choisissez le niveau d'autonomie et les revenus du foyer : le reste à "
                                          "charge estimé s'affichera ici, comparé à vos revenus.")
    phone.get_by_label("Revenus mensuels du foyer").select_option("6")  # 4 500 to 6 000 €
    for gir in ("1-2", "3-4", "5-6"):
        phone.get_by_label("Niveau d'autonomie").select_option(gir)
        expected = estimate(prices_of(item), Household(gir, 6), model.cost_scale)
        assert _euros(result.inner_text()) == sorted(set(expected)), (gir, result.inner_text())
    phone.get_by_label("Niveau d'autonomie").select_option("1-2")
    phone.get_by_label("En couple").check()
    couple = estimate(prices_of(item), Household("1-2", 6, couple=True), model.cost_scale)
    assert couple != estimate(prices_of(item), Household("1-2", 6), model.cost_scale)
    assert _euros(result.inner_text()) == sorted(set(couple)), result.inner_text()
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390


@pytest.mark.browser
def test_without_javascript_the_fiche_keeps_the_price_before_aids(browser, site_url: str) -> None:
    context = local_context(browser, site_url, viewport={"width": 390, "height": 844}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "/repertoire/ehpad-safran-pithiviers/")
    assert "Prix avant aides" in tab.locator(".cls-cost").inner_text()
    assert not tab.locator("form[data-cls-cost]").is_visible()
    context.close()


@pytest.mark.browser
def test_three_ehpads_side_by_side_survive_a_shared_address(browser, phone, site_url: str) -> None:
    """A daughter picks three EHPADs on her phone and sends the address to her brother: same comparison."""
    ehpads = [s for s in load_model(ROOT / "data").senior_establishments if s.typologie == "ehpad"][:3]
    phone.goto(site_url + "/bien-vieillir/comparer/")
    for item in ehpads:
        phone.locator(f"input[name=choix][value='{item.id}']").check()
    phone.get_by_role("button", name="Comparer (3)").click()
    phone.wait_for_url("**/cote-a-cote/**")
    phone.get_by_label("Distance depuis").select_option(label="Puiseaux")
    phone.get_by_label("Niveau d'autonomie").select_option("3-4")
    shared = phone.url
    assert "choix=" + ",".join(s.id for s in ehpads) in shared and "gir=3-4" in shared
    first = phone.locator(".cls-side__table").inner_text()
    assert all(s.nom in first for s in ehpads) and "km de Puiseaux" in first
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    other = local_context(browser, site_url, viewport={"width": 390, "height": 844})
    tab = other.new_page()
    tab.goto(shared)
    assert tab.locator(".cls-side__table").inner_text() == first
    assert tab.get_by_label("Niveau d'autonomie").input_value() == "3-4"
    other.close()



def test_the_costs_page_explains_the_scale_with_its_sources(built_site: Path) -> None:
    html = (built_site / "bien-vieillir" / "couts-et-aides" / "index.html").read_text(encoding="utf-8")
    scale = load_model(ROOT / "data").cost_scale
    low = f"{scale.seuil_bas * scale.mtp:.2f}".replace(".", ",")  # 2,21 × MTP, as the page writes it
    assert low in html and "R. 232-19" in html and "montant à vérifier" in html
    assert 'href="https://www.pour-les-personnes-agees.gouv.fr/vivre-dans-un-ehpad' in html


@pytest.mark.browser
def test_a_fiche_opens_the_comparison_with_itself_and_it_prints_without_the_form(phone, site_url: str) -> None:
    phone.goto(site_url + "/repertoire/ehpad-safran-pithiviers/")
    phone.locator(".md-content").get_by_role("link", name="Comparer côte à côte").click()
    phone.wait_for_url("**/cote-a-cote/?choix=ehpad-safran-pithiviers")
    assert phone.get_by_label("Choix 1").input_value() == "ehpad-safran-pithiviers"
    phone.get_by_label("Choix 2").select_option("usld-ch-pithiviers")
    assert "choix=ehpad-safran-pithiviers,usld-ch-pithiviers" in phone.url
    assert phone.locator(".cls-side__table td[data-cls-prices]").count() == 2
    phone.emulate_media(media="print")
    assert not phone.locator("form[data-cls-side]").is_visible()
    assert phone.locator(".cls-side__table").is_visible()
