"""Words (issue 25 item 10): a French 404 page, « au / du Malesherbois », the cost page's sources as a list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import axe_violations

from site_builder.french import place

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True}


def test_place_names_take_their_article_with_the_preposition() -> None:
    assert place("à", "Le Malesherbois") == "au Malesherbois"
    assert place("de", "Le Malesherbois") == "du Malesherbois"
    assert place("de", "Les Choux") == "des Choux"
    assert place("à", "Les Choux") == "aux Choux"
    assert place("de", "La Neuville-sur-Essonne") == "de La Neuville-sur-Essonne"
    assert place("de", "Ascoux") == "d'Ascoux" and place("de", "Yèvre-la-Ville") == "d'Yèvre-la-Ville"
    assert place("à", "Lesparre") == "à Lesparre" and place("de", "Pithiviers") == "de Pithiviers"


def test_no_page_says_a_le_or_de_le(built_site: Path) -> None:
    wrong = re.compile(r"\b(?:à|de) (?:Le|Les) [A-ZÉ]")
    found = {str(path.relative_to(built_site)) for path in built_site.rglob("*.html")
             if wrong.search(path.read_text(encoding="utf-8"))}
    assert not found, sorted(found)[:5]
    page = (built_site / "communes" / "le-malesherbois" / "index.html").read_text(encoding="utf-8")
    assert "Se soigner au Malesherbois" in page and "depuis le centre du Malesherbois" in page


def test_the_404_page_is_french_and_helps(built_site: Path) -> None:
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in page and "404 -" not in page
    assert "<h1>Page introuvable</h1>" in page
    for number in ("15", "112", "116117", "3237"):
        assert f'href="tel:{number}"' in page
    assert re.search(r'<form [^>]*role="search"[^>]*action="/"', page) and 'name="recherche"' in page
    sections = re.search(r"<h2>Les rubriques du site</h2>\s*<ul>(.*?)</ul>", page, re.S).group(1)
    assert re.findall(r">([^<]+)</a>", sections)[:3] == ["Accueil", "Trouver un soin", "Bien vieillir"]
    assert 'href="/pres-de-chez-moi/"' in sections  # from any depth, links start at the site's root


@pytest.mark.browser
def test_the_404_page_on_a_phone_searches(phone, site_url: str) -> None:
    phone.goto(f"{site_url}/404.html")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(phone) == []
    phone.get_by_role("searchbox", name="Chercher sur le site").fill("pharmacie")
    phone.get_by_role("button", name="Chercher", exact=True).tap()
    phone.wait_for_url("**/?recherche=pharmacie")
    phone.locator("#cls-recherche[open]").wait_for()


def test_the_cost_page_lists_its_sources(built_site: Path) -> None:
    page = (built_site / "bien-vieillir" / "couts-et-aides" / "index.html").read_text(encoding="utf-8")
    items = re.search(r"Sources\s:</p>\s*<ul>(.*?)</ul>", page, re.S).group(1)
    assert items.count("<li>") == 5
    assert ">pour-les-personnes-agees.gouv.fr</a>" in items  # the site's name, not a raw address
