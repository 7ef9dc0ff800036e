"""What a resident meets on a phone: addresses that can be copied, urgent help, hours, shareable searches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import errors_of, local_context, replace_in

from site_builder.validate import load_model

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True}


def test_subscription_addresses_are_shown_verbatim(built_site: Path) -> None:
    html = (built_site / "s-abonner" / "index.html").read_text(encoding="utf-8")
    assert "<code>https://cls.exemple.fr/agenda.ics</code>" in html
    assert "<code>https://cls.exemple.fr/atom.xml</code>" in html
    assert "\\." not in html


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
    html = (built_site / page).read_text(encoding="utf-8")
    box = re.search(r'<aside aria-label="Urgences et gardes" class="cls-urgent">.*?</aside>', html, re.S)
    assert box, page
    for shown, dialled in NATIONAL.items():
        assert f'<a href="tel:{dialled}">{shown}</a>' in box.group(), shown
    # the territory's own arrangements, from data/cls.yml
    assert '<a href="tel:+33261911259">02 61 91 12 59</a> <strong>Urgences du centre hospitalier' in box.group()
    assert "<strong>Maison médicale de garde de Pithiviers</strong>" in box.group()


def test_urgent_contacts_are_read_and_checked(data_dir: Path) -> None:
    (data_dir / "cls.yml").write_text((data_dir / "cls.yml").read_text(encoding="utf-8") + (
        "urgences:\n  - nom: Maison médicale de garde\n    telephone: 116 117\n    quand: le dimanche\n"
        "  - nom: SAS\n    telephone: 02 38 00 00 0\n"), encoding="utf-8")
    errors = errors_of(data_dir)
    assert any(e.startswith("data/cls.yml:13 urgences[2].telephone: numéro de téléphone invalide")
               for e in errors), errors
    assert any(e.startswith("data/cls.yml:12 urgences[2]") and "quand" in e for e in errors), errors
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
