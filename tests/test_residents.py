"""What a resident meets on a phone: addresses that can be copied, urgent help, hours, shareable searches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import errors_of, local_context, plain, replace_in

from site_builder.validate import load_model

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True}


def test_subscription_addresses_are_shown_verbatim(built_site: Path) -> None:
    html = (built_site / "s-abonner" / "index.html").read_text(encoding="utf-8")
    assert "<code>https://cls.exemple.fr/agenda.ics</code>" in html
    assert "<code>https://cls.exemple.fr/atom.xml</code>" in html
    assert "\\." not in html


def test_subscribing_on_a_phone_takes_one_tap(built_site: Path) -> None:
    # Android has no handler for a bare .ics address; iPhone opens webcal: in Calendar (issue 25 item 5).
    html = (built_site / "s-abonner" / "index.html").read_text(encoding="utf-8")
    assert 'href="webcal://cls.exemple.fr/agenda.ics">Ajouter à mon agenda</a>' in html
    assert ('href="https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fcls.exemple.fr%2Fagenda.ics">'
            "Ajouter à Google Agenda</a>") in html
    assert "sur un ordinateur" not in html
    assert 'href="mailto:cls@exemple.fr?subject=Inscription%20%C3%A0%20la%20lettre%20du%20CLS"' in html


@pytest.mark.browser
def test_the_agenda_address_is_copied_with_one_tap(browser, site_url: str) -> None:
    context = local_context(browser, site_url, **PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.goto(site_url + "/s-abonner/")
    page.get_by_role("button", name="Copier l'adresse").tap()
    page.get_by_role("button", name="Adresse copiée").wait_for()  # once the clipboard has taken it
    assert page.evaluate("() => navigator.clipboard.readText()") == "https://cls.exemple.fr/agenda.ics"
    context.close()


@pytest.mark.browser
def test_near_me_without_javascript_links_to_the_communes(browser, site_url: str) -> None:
    context = local_context(browser, site_url, java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url + "/pres-de-chez-moi/")
    text = page.locator("article").inner_text()
    assert "](" not in text and "Me localiser" not in text, text
    page.get_by_role("link", name="Se soigner dans ma commune").click()
    assert page.url.endswith("/communes/")
    context.close()


# Pages where a resident looks for care; each carries the urgent numbers.
CARE_PAGES = ["index.html", "repertoire/index.html", "repertoire/msp-pithiviers/index.html",
              "pres-de-chez-moi/index.html", "communes/index.html", "communes/ascoux/index.html"]
NATIONAL = {"15": "15", "112": "112", "116 117": "116117", "3237": "3237", "3114": "3114", "119": "119",
            "3919": "3919"}


@pytest.mark.parametrize("page", CARE_PAGES)
def test_urgent_numbers_on_every_care_page(built_site: Path, page: str) -> None:
    html = plain((built_site / page).read_text(encoding="utf-8"))
    box = re.search(r'<aside aria-label="Urgences et gardes" class="cls-urgent"[^>]*>.*?</aside>', html, re.S)
    assert box, page
    for shown, dialled in NATIONAL.items():
        assert f'<a href="tel:{dialled}">{shown}</a>' in box.group(), shown
    # the territory's own arrangements, from data/cls.yml
    assert '<a href="tel:+33261911259">02 61 91 12 59</a> <strong>Urgences du centre hospitalier' in box.group()
    assert "<strong>Maison médicale de garde de Pithiviers</strong>" in box.group()


def test_urgent_contacts_are_read_and_checked(data_dir: Path) -> None:
    before = len((data_dir / "cls.yml").read_text(encoding="utf-8").splitlines())  # the lines appended follow
    (data_dir / "cls.yml").write_text((data_dir / "cls.yml").read_text(encoding="utf-8") + (
        "urgences:\n  - nom: Maison médicale de garde\n    telephone: 116 117\n    quand: le dimanche\n"
        "  - nom: SAS\n    telephone: 02 38 00 00 0\n"), encoding="utf-8")
    errors = errors_of(data_dir)
    assert any(e.startswith(f"data/cls.yml:{before + 6} urgences[2].telephone: numéro de téléphone invalide")
               for e in errors), errors
    assert any(e.startswith(f"data/cls.yml:{before + 5} urgences[2]") and "quand" in e for e in errors), errors
    replace_in(data_dir / "cls.yml", "telephone: 02 38 00 00 0\n", "telephone: 02 38 00 00 00\n    quand: la nuit\n")
    model = load_model(data_dir, data_dir.parent)
    assert [(u.nom, u.telephone) for u in model.contract.urgences] == [
        ("Maison médicale de garde", "116 117"), ("SAS", "02 38 00 00 00")]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "repertoire/msp-pithiviers/", "pres-de-chez-moi/", "repertoire/"])
def test_urgent_help_is_above_the_fold_on_a_phone(phone, site_url: str, path: str) -> None:
    phone.goto(f"{site_url}/{path}")
    box = phone.locator(".cls-urgent")
    assert box.bounding_box()["y"] + box.bounding_box()["height"] <= 844
    assert phone.get_by_role("link", name="3114").is_hidden()
    box.locator("summary").click()
    assert phone.get_by_role("link", name="3114").is_visible()


# « Ouvert maintenant »: rules emitted at build, the clock of the visitor (set here by the test).

def test_weekly_rules_later_rule_wins_and_holidays() -> None:
    from site_builder.open_now import weekly
    from site_builder.opening_hours import parse

    week = weekly(parse("Mo-Fr 08:30-18:00; We 08:30-12:30; PH off"))
    assert week["jours"][0] == [[510, 1080]] and week["jours"][2] == [[510, 750]]
    assert week["jours"][5] == [] and week["feries"] == []
    assert weekly(parse("Mo-Sa 09:00-12:00; PH 10:00-11:00"))["feries"] == [[600, 660]]
    assert weekly(parse("24/7")) == {"toujours": True}


def test_public_holidays_of_the_territory() -> None:
    import datetime as dt

    from site_builder.models import Commune
    from site_builder.open_now import public_holidays

    def commune(code: str) -> Commune:
        return Commune(code_insee=code, nom="X", code_postal="45300", epci="cc", latitude=48.0, longitude=2.0)

    loiret = public_holidays([commune("45252")], dt.date(2026, 11, 23))
    assert {"2026-11-11", "2026-12-25", "2027-03-29", "2027-05-06"} <= set(loiret)  # Easter Monday, Ascension 2027
    assert "2026-12-26" not in loiret and "2026-11-23" not in loiret
    assert "2026-12-26" in public_holidays([commune("57463")], dt.date(2026, 11, 23))  # Moselle: Saint-Étienne


def test_temporary_closure_is_checked(data_dir: Path) -> None:
    replace_in(data_dir / "structures.yml", "    exemple: oui", "    exemple: oui\n"
               "    fermeture_temporaire: {du: 2026-02-10, au: 2026-02-01, motif: congés}")
    errors = errors_of(data_dir)
    assert any("fermeture_temporaire.au: la fin (2026-02-01) précède le début (2026-02-10)" in e
               for e in errors), errors


def at(browser, site_url: str, when: str):
    """A phone page whose clock reads `when` (Paris time)."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    context = local_context(browser, site_url, timezone_id="Europe/Paris", **PHONE)
    context.clock.set_fixed_time(dt.datetime.fromisoformat(when).replace(tzinfo=ZoneInfo("Europe/Paris")))
    return context, context.new_page()


def status_on(page, site_url: str, fiche: str) -> str:
    page.goto(f"{site_url}/repertoire/{fiche}/")
    status = page.locator("p.cls-open")
    status.wait_for()
    return status.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize(("when", "fiche", "expected"), [
    # Saturday 28 November 2026
    ("2026-11-28T10:00", "msp-pithiviers", "Ouvert maintenant · jusqu'à 12 h · Aujourd'hui : 8 h – 12 h"),
    ("2026-11-28T12:00", "msp-pithiviers", "Fermé · ouvre lundi à 8 h"),
    ("2026-11-28T10:00", "cmp-adultes-pithiviers", "Fermé · ouvre lundi à 9 h"),
    # Friday 27 November, evening
    ("2026-11-27T19:59", "msp-pithiviers", "Ouvert maintenant · jusqu'à 20 h"),
    ("2026-11-27T20:00", "msp-pithiviers", "Fermé · ouvre demain à 8 h"),
    # Wednesday 11 November 2026, a public holiday, then Thursday 12
    ("2026-11-11T10:00", "msp-pithiviers", "Fermé · ouvre demain à 8 h"),
    ("2026-11-11T10:00", "ch-pithiviers", "Ouvert 24 h sur 24"),
    ("2026-11-12T10:00", "msp-pithiviers", "Ouvert maintenant · jusqu'à 20 h"),
    # temporary closure from 16 November to 13 December 2026, then open again
    ("2026-11-25T10:00", "pharmacie-faubourg-pithiviers",
     "Fermé temporairement jusqu'au 13 décembre 2026 (travaux de rénovation)"),
    ("2026-12-12T10:00", "pharmacie-faubourg-pithiviers", "Fermé temporairement jusqu'au 13 décembre 2026"),
    ("2026-12-14T10:00", "pharmacie-faubourg-pithiviers", "Ouvert maintenant · jusqu'à 19 h 30"),
])
def test_open_now_on_a_fiche(browser, site_url: str, when: str, fiche: str, expected: str) -> None:
    context, page = at(browser, site_url, when)
    assert plain(status_on(page, site_url, fiche)).startswith(expected)
    context.close()


def test_hours_come_before_the_map_on_a_fiche(built_site: Path) -> None:
    html = plain((built_site / "repertoire" / "msp-pithiviers" / "index.html").read_text(encoding="utf-8"))
    assert html.index('id="horaires-daccueil"') < html.index("cls-map")
    assert "Du lundi au vendredi : 8 h – 20 h" in html  # the weekly hours, readable without JavaScript


def _example_structures() -> list:
    from helpers import ROOT

    return list(load_model(ROOT / "data", ROOT).structures)


def _visible_names(page) -> list[str]:
    return page.locator(".cls-structures li:not([hidden]) > a:first-child").all_inner_texts()


@pytest.mark.browser
def test_repertoire_open_now_filter_during_a_closure_and_on_saturday(browser, site_url: str) -> None:
    from site_builder.open_now import open_on_saturday

    context, page = at(browser, site_url, "2026-11-28T10:00")  # a Saturday
    page.goto(f"{site_url}/repertoire/?ouvert=samedi")
    page.locator(".cls-filters__count").wait_for()
    expected = sorted(s.nom for s in _example_structures() if open_on_saturday(s.horaires_accueil))
    assert sorted(_visible_names(page)) == expected
    page.goto(f"{site_url}/repertoire/?ouvert=maintenant&typologie=pharmacie")
    shown = _visible_names(page)
    assert "Pharmacie du Faubourg" not in shown  # open on Saturdays, but closed for works
    assert "Pharmacie du Centre" in shown
    assert page.locator('input[value="maintenant"]').is_checked()
    context.close()


# Searches live in the address.

@pytest.mark.browser
def test_a_filtered_repertoire_address_gives_the_same_list_elsewhere(browser, site_url: str) -> None:
    first = local_context(browser, site_url, **PHONE)
    page = first.new_page()
    page.goto(f"{site_url}/repertoire/")
    page.get_by_label("Type de structure").select_option("pharmacie")
    page.get_by_label("Ouvert le samedi").check()
    shown = _visible_names(page)
    assert 0 < len(shown) < len(_example_structures())
    address = page.url
    assert "typologie=pharmacie" in address and "ouvert=samedi" in address
    first.close()
    second = local_context(browser, site_url, **PHONE)
    other = second.new_page()
    other.goto(address)
    other.locator(".cls-filters__count").wait_for()
    assert _visible_names(other) == shown
    assert other.get_by_label("Type de structure").input_value() == "pharmacie"
    second.close()


@pytest.mark.browser
def test_back_after_a_near_me_search_restores_it(phone, site_url: str) -> None:
    phone.goto(f"{site_url}/pres-de-chez-moi/")
    phone.get_by_label("Commune ou code postal").fill("Puiseaux")
    phone.get_by_role("button", name="Chercher", exact=True).click()
    phone.locator(".cls-near__results li").first.wait_for()
    first = phone.locator(".cls-near__results li").first.inner_text()
    assert "lieu=Puiseaux" in phone.url
    phone.locator(".cls-near__results li a").first.click()
    phone.wait_for_url("**/repertoire/**")
    phone.go_back()
    phone.locator(".cls-near__results li").first.wait_for()
    assert phone.locator(".cls-near__results li").first.inner_text() == first
    assert phone.get_by_label("Commune ou code postal").input_value().startswith("Puiseaux")


@pytest.mark.browser
def test_a_postcode_shared_by_several_communes_asks_which_one(phone, site_url: str) -> None:
    from helpers import ROOT

    model = load_model(ROOT / "data", ROOT)
    from site_builder.text import fold

    sharing = sorted((c.nom for c in model.communes if "45300" in (c.code_postal, *c.codes_postaux)), key=fold)
    phone.goto(f"{site_url}/pres-de-chez-moi/")
    phone.get_by_label("Commune ou code postal").fill("45300")
    phone.get_by_role("button", name="Chercher", exact=True).click()
    choices = phone.locator(".cls-near__choices button")
    choices.first.wait_for()
    assert [c.split(" (")[0] for c in choices.all_inner_texts()] == sharing
    assert phone.locator(".cls-near__results li").count() == 0  # nothing measured from a guessed commune
    phone.get_by_role("button", name=f"{sharing[1]} (45300)").click()
    phone.locator(".cls-near__results li").first.wait_for()
    assert f"depuis {sharing[1]} (45300)" in phone.locator(".cls-near__status").inner_text()


# Act from a fiche.

def test_a_fiche_offers_directions_report_share(built_site: Path) -> None:
    import html as html_lib
    from urllib.parse import parse_qs, unquote, urlsplit

    page = (built_site / "repertoire" / "msp-pithiviers" / "index.html").read_text(encoding="utf-8")
    links = {html_lib.unescape(text): html_lib.unescape(href)
             for href, text in re.findall(r'<a (?:class="[^"]*" )?href="([^"]+)">([^<]+)</a>', page)}
    assert links["Itinéraire sur OpenStreetMap"].startswith(
        "https://www.openstreetmap.org/directions?route=%3B48.17310%2C2.25040")
    assert links["Ouvrir dans l'application de cartes du téléphone"].startswith("geo:48.17310,2.25040?q=")
    report = urlsplit(links["Signaler une erreur sur cette fiche"])
    assert report.scheme == "mailto" and report.path == "cls@exemple.fr"  # the contract's courriel
    fields = {key: unquote(value[0]) for key, value in parse_qs(report.query).items()}
    assert fields["subject"] == "Erreur sur la fiche « Maison de santé pluriprofessionnelle de Pithiviers »"
    assert "https://cls.exemple.fr/repertoire/msp-pithiviers/" in fields["body"]
    assert "https://cls.exemple.fr/repertoire/msp-pithiviers/" in unquote(links["Envoyer cette fiche par courriel"])
    assert 'data-cls-share data-url="https://cls.exemple.fr/repertoire/msp-pithiviers/"' in page
    assert links["Maison de santé pluriprofessionnelle"] == "../?typologie=msp"
    assert links["Tous publics"] == "../?public=tous-publics"


@pytest.mark.browser
def test_a_tag_of_a_fiche_opens_the_filtered_repertoire(phone, site_url: str) -> None:
    phone.goto(f"{site_url}/repertoire/msp-pithiviers/")
    phone.locator("a.cls-tag", has_text="Maison de santé pluriprofessionnelle").click()
    phone.wait_for_url("**/repertoire/?typologie=msp")
    phone.locator(".cls-filters__count").wait_for()
    expected = sorted(s.nom for s in _example_structures() if s.typologie == "msp")
    assert sorted(_visible_names(phone)) == expected
    assert phone.locator("[data-cls-share]").is_visible() is False  # back on the list: no share button here
