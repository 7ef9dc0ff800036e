"""Search as residents type it (issue 25 item 7): the commune named first, the words people use for a kind of care,
the Alzheimer units, and result lines that give a structure's type, address and phone."""

from __future__ import annotations

import pytest
from helpers import ROOT
from test_search import open_search, results_for

from site_builder import urls
from site_builder.search import page_facets
from site_builder.validate import load_model

MODEL = load_model(ROOT / "data", ROOT)


def _titles(lines: list[str]) -> list[str]:
    return [line.split("\n")[0] for line in lines]


def test_homes_with_an_alzheimer_unit_carry_the_word() -> None:
    facets = page_facets(MODEL)
    with_unit = [s for s in MODEL.structures if s.seniors and s.seniors.alzheimer]
    assert len(with_unit) >= 3
    for item in MODEL.structures:
        words = facets[urls.structure(item)].words.lower()
        assert ("alzheimer" in words) == (item in with_unit or item.typologie == "accueil-jour"), item.id


@pytest.mark.browser
def test_the_commune_named_exactly_comes_first(phone, site_url: str) -> None:
    open_search(phone, site_url)
    lines = results_for(phone, "pharmacie pithiviers")
    assert "Structure · Pithiviers\n" in lines[0] + "\n", lines[:3]


@pytest.mark.browser
@pytest.mark.parametrize(("typed", "kinds"), [
    ("pediatre", ("pmi",)), ("psy", ("cmp", "cmpp", "hopital-psychiatrique", "cattp")),
    # the practices of the Annuaire Santé (« cabinet ») are the first answer for a profession
    ("kiné", ("cabinet", "msp", "centre-sante", "smr")), ("dentiste", ("cabinet", "centre-sante")),
    ("généraliste", ("cabinet", "msp", "centre-sante", "maison-medicale-garde")),
])
def test_the_words_people_use_find_the_kind_of_care(phone, site_url: str, typed: str, kinds: tuple[str, ...]) -> None:
    names = {s.nom for s in MODEL.structures if s.typologie in kinds}
    open_search(phone, site_url)
    titles = _titles(results_for(phone, typed))
    assert titles and titles[0] in names, titles[:5]


@pytest.mark.browser
def test_alzheimer_finds_the_homes_with_a_unit(phone, site_url: str) -> None:
    open_search(phone, site_url)
    titles = _titles(results_for(phone, "alzheimer"))
    with_unit = {s.nom for s in MODEL.structures if s.seniors and s.seniors.alzheimer}
    assert with_unit <= set(titles[:8]), titles[:8]


@pytest.mark.browser
def test_care_words_give_structures_before_pages(phone, site_url: str) -> None:
    open_search(phone, site_url)
    lines = results_for(phone, "medecin")
    assert "Structure ·" in lines[0], lines[:3]


@pytest.mark.browser
def test_a_structure_s_result_gives_its_type_address_and_phone(phone, site_url: str) -> None:
    open_search(phone, site_url)
    results_for(phone, "Maison de santé pluriprofessionnelle de Pithiviers")
    msp = next(s for s in MODEL.structures if s.id == "msp-pithiviers")
    line = phone.locator(".cls-recherche__resultats li", has_text=msp.nom).first.locator(".cls-recherche__fiche")
    expected = f"Maison de santé pluriprofessionnelle · {msp.adresse}, 45300 Pithiviers · {msp.telephone}"
    assert line.inner_text() == expected
