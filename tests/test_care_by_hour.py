"""Care by the hour: on a Sunday night the site answers « who can see me now », not « who is awake » (issue 25 item 1).

Living places (EHPAD, MARPA, résidences…) house people day and night but receive no one for care: they never count
as « ouvert maintenant ». Out of hours, the pages that find care open with the numbers that answer then."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import ROOT, local_context, plain

from site_builder.validate import load_model
from site_builder.vocabularies import LIVING_PLACES, TYPOLOGIES, TYPOLOGY_GROUPS, TYPOLOGY_SEARCH_WORDS

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True}
SUNDAY_NIGHT = "2026-11-29T21:30"
HOLIDAY = "2026-11-11T10:00"  # Armistice, a Wednesday
TUESDAY = "2026-11-24T10:00"
CARE_PAGES = ["pres-de-chez-moi/", "repertoire/"]
TONIGHT = "Ce soir : appelez le 116 117 (médecin de garde) · urgence vitale : 15"


def at(browser, site_url: str, when: str):
    """A phone page with touch whose clock reads `when` (Paris time)."""
    context = local_context(browser, site_url, timezone_id="Europe/Paris", **PHONE)
    context.clock.set_fixed_time(dt.datetime.fromisoformat(when).replace(tzinfo=ZoneInfo("Europe/Paris")))
    return context, context.new_page()


def test_the_garde_family_is_a_vocabulary_group() -> None:
    garde = TYPOLOGY_GROUPS["Garde et urgences"]
    assert {"maison-medicale-garde", "urgences"} <= set(garde)
    assert all(key in TYPOLOGIES and key in TYPOLOGY_SEARCH_WORDS for key in garde)
    assert "garde" in TYPOLOGY_SEARCH_WORDS["maison-medicale-garde"]
    assert {"ehpad", "usld", "marpa", "residence-autonomie", "residence-services", "hebergement-temporaire",
            "accueil-familial", "habitat-inclusif"} <= set(LIVING_PLACES)


@pytest.mark.browser
@pytest.mark.parametrize("path", CARE_PAGES)
@pytest.mark.parametrize(("when", "lead"), [(SUNDAY_NIGHT, TONIGHT),
                                            (HOLIDAY, TONIGHT.replace("Ce soir", "Aujourd'hui"))])
def test_out_of_hours_the_care_pages_open_with_the_garde(browser, site_url: str, path: str, when: str,
                                                         lead: str) -> None:
    context, page = at(browser, site_url, when)
    page.goto(f"{site_url}/{path}")
    banner = page.locator(".cls-tonight")
    banner.wait_for(state="visible")
    assert plain(banner.inner_text()).startswith(lead)
    assert banner.get_by_role("link", name="116 117").first.get_attribute("href") == "tel:116117"
    assert banner.get_by_role("link", name="15", exact=True).get_attribute("href") == "tel:15"
    assert "Maison médicale de garde de Pithiviers" in banner.inner_text()  # the territory's own arrangement
    box = banner.bounding_box()
    assert box["y"] + box["height"] <= 844  # seen without scrolling, on a phone
    first_list = page.locator(".cls-near__form, .cls-filters, .cls-structures").first
    assert box["y"] < first_list.bounding_box()["y"]  # before any list or form
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", CARE_PAGES)
def test_on_a_weekday_morning_there_is_no_garde_banner(browser, site_url: str, path: str) -> None:
    context, page = at(browser, site_url, TUESDAY)
    page.goto(f"{site_url}/{path}")
    page.locator(".md-content h1").wait_for()
    page.wait_for_timeout(300)
    assert page.locator(".cls-tonight:visible").count() == 0
    context.close()


def _near_me_open_now(browser, site_url: str, when: str) -> list[str]:
    """The types listed, nearest first, for « ouvert maintenant » from Yèvre-la-Ville at `when`."""
    context, page = at(browser, site_url, when)
    page.goto(f"{site_url}/pres-de-chez-moi/?lieu=Yèvre-la-Ville (45300)&ouvert=maintenant")
    page.locator(".cls-near__results li").first.wait_for()
    names = page.locator(".cls-near__results li .cls-near__name a").all_inner_texts()
    context.close()
    return names


@pytest.mark.browser
def test_open_now_on_sunday_night_lists_care_not_living_places(browser, site_url: str) -> None:
    model = load_model(ROOT / "data", ROOT)
    kind_of = {s.nom: s.typologie for s in model.structures}
    names = _near_me_open_now(browser, site_url, SUNDAY_NIGHT)
    assert not [n for n in names if kind_of[n] in LIVING_PLACES]
    assert "Maison médicale de garde de Pithiviers" in names[:3]
    assert "Centre hospitalier de Pithiviers" in names


@pytest.mark.browser
def test_repertoire_open_now_leaves_out_living_places(browser, site_url: str) -> None:
    context, page = at(browser, site_url, SUNDAY_NIGHT)
    page.goto(f"{site_url}/repertoire/?ouvert=maintenant")
    page.locator(".cls-filters__count").wait_for()
    shown = page.locator(".cls-structures li:not([hidden]) > a:first-child").all_inner_texts()
    assert "Maison médicale de garde de Pithiviers" in shown
    assert "EHPAD Maison Fleurie" not in shown and "Centre hospitalier de Pithiviers" in shown
    context.close()


@pytest.mark.browser
def test_the_type_menu_offers_garde_and_urgences(phone, site_url: str) -> None:
    phone.goto(f"{site_url}/pres-de-chez-moi/")
    labels = phone.locator("#cls-near-kind option").all_inner_texts()
    assert TYPOLOGIES["maison-medicale-garde"] in labels


def test_a_living_place_s_hours_say_they_are_visits(built_site: Path) -> None:
    html = (built_site / "repertoire" / "ehpad-maison-fleurie-pithiviers" / "index.html").read_text(encoding="utf-8")
    assert "Horaires de visite et d&#39;accueil" in html or "Horaires de visite et d'accueil" in html
    assert "pas des horaires de soins" in html
    msp = (built_site / "repertoire" / "msp-pithiviers" / "index.html").read_text(encoding="utf-8")
    assert "Horaires de visite" not in msp
