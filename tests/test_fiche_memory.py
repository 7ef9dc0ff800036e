"""`cls-site serve` keeps each structure's fiche and renders it again only when what it shows changed.

The oracle: after any change of the data, the fiches rendered with that memory are the ones a fresh
rendering gives. Each change below touches one thing a fiche shows that is not the structure itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from helpers import BUILD_DATE, ROOT

from site_builder import urls
from site_builder.action_plan import Fiche
from site_builder.directory import Structure
from site_builder.models import SiteModel
from site_builder.render import render_pages, repertoire
from site_builder.validate import load_model

TODAY = dt.date.fromisoformat(BUILD_DATE)


@pytest.fixture(scope="module")
def model() -> SiteModel:
    loaded = load_model(ROOT / "data", ROOT, today=TODAY)
    return dataclasses.replace(loaded, nav_trails={urls.REPERTOIRE: (("Trouver une structure", urls.REPERTOIRE),)})


def fiches(model: SiteModel) -> dict[str, str]:
    uris = {urls.structure(s) for s in model.structures}
    return {page.uri: page.content for page in render_pages(model) if page.uri in uris}


def fresh(model: SiteModel) -> dict[str, str]:
    repertoire._rendered.clear()
    return fiches(model)


def upcoming_at_a_structure(model: SiteModel) -> int:
    """The index in model.events of an upcoming event held at a structure of the repertoire."""
    upcoming = set(model.upcoming_events)
    return next(i for i, event in enumerate(model.events) if event in upcoming and event.lieu.structure)


def replace_structure(model: SiteModel, old: Structure, new: Structure) -> SiteModel:
    return dataclasses.replace(model, structures=tuple(new if s is old else s for s in model.structures))


def new_phone(model: SiteModel) -> SiteModel:
    first = model.structures[0]
    return replace_structure(model, first, dataclasses.replace(first, telephone="02 38 99 99 99"))


def moved_commune_page(model: SiteModel) -> SiteModel:
    commune = model.commune_by_code[model.structures[0].code_insee]
    communes = tuple(dataclasses.replace(c, slug=c.slug + "-45") if c is commune else c for c in model.communes)
    return dataclasses.replace(model, communes=communes)


def retitled_event(model: SiteModel) -> SiteModel:
    index = upcoming_at_a_structure(model)
    events = list(model.events)
    events[index] = dataclasses.replace(events[index], titre="Atelier retitré pour le test")
    return dataclasses.replace(model, events=tuple(events))


def retitled_action(model: SiteModel) -> SiteModel:
    ident = next(ident for s in model.structures for ident in s.actions)
    def retitled(fiche: Fiche) -> Fiche:
        return dataclasses.replace(fiche, actions=tuple(
            dataclasses.replace(a, titre="Action retitrée") if a.id == ident else a for a in fiche.actions))

    axes = tuple(dataclasses.replace(axis, fiches=tuple(retitled(f) for f in axis.fiches)) for axis in model.axes)
    return dataclasses.replace(model, axes=axes)


def later_day(model: SiteModel) -> SiteModel:
    return dataclasses.replace(model, today=TODAY + dt.timedelta(days=400))


def urgent_contacts_removed(model: SiteModel) -> SiteModel:
    contract = dataclasses.replace(model.contract, urgences=(), courriel="")
    return dataclasses.replace(model, contract=contract)


def pro_edition(model: SiteModel) -> SiteModel:
    return dataclasses.replace(model, edition="pro")


def other_address(model: SiteModel) -> SiteModel:
    return dataclasses.replace(model, site_url="https://sante.autre-territoire.fr/")


def other_tiles(model: SiteModel) -> SiteModel:
    return dataclasses.replace(model, map_tiles="ign-plan")


def other_menu(model: SiteModel) -> SiteModel:
    return dataclasses.replace(model, nav_trails={urls.REPERTOIRE: (("Annuaire", urls.REPERTOIRE),)})


CHANGES: dict[str, Callable[[SiteModel], SiteModel]] = {
    "a structure's phone": new_phone, "its commune's page": moved_commune_page, "an event there": retitled_event,
    "an action it takes part in": retitled_action, "the day of the build": later_day,
    "the contract's contacts": urgent_contacts_removed, "the edition": pro_edition, "the site's address": other_address,
    "the map background": other_tiles, "the menu": other_menu,
}


@pytest.mark.parametrize("change", CHANGES)
def test_fiches_kept_in_memory_are_those_a_fresh_rendering_gives(model: SiteModel, change: str) -> None:
    before = fresh(model)
    changed = CHANGES[change](model)
    kept = fiches(changed)
    assert kept == fresh(changed)
    assert kept != before  # the change shows on at least one fiche


def test_only_the_changed_structure_is_rendered_again(model: SiteModel) -> None:
    fresh(model)
    first = {uri: page for uri, (_, page) in repertoire._rendered.items()}
    fiches(new_phone(model))
    again = {uri: page for uri, (_, page) in repertoire._rendered.items()}
    changed = [uri for uri in first if again[uri] is not first[uri]]
    assert changed == [urls.structure(model.structures[0])]
    assert "tel:+33238999999" in again[changed[0]].content
