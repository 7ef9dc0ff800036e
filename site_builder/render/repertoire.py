"""Pages of the repertoire: the filterable index, one fiche per structure, one page per commune."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from site_builder import urls
from site_builder.action_plan import Action
from site_builder.costs import ESTIMATE_KINDS, Scale
from site_builder.directory import Structure
from site_builder.exports import structures_csv, structures_geojson
from site_builder.inclusion_export import services_json, structures_json
from site_builder.kinds.structures import distance_km
from site_builder.models import Commune, Contract, SiteModel
from site_builder.news import Event
from site_builder.open_now import holidays_json, rules_json
from site_builder.opening_hours import in_french
from site_builder.render.environment import GeneratedPage, render
from site_builder.render.fiche_actions import fiche_actions
from site_builder.render.freshness_line import confirmation
from site_builder.render.maps import Layer, structures_map
from site_builder.render.markdown import json_ld
from site_builder.render.professionals_pages import DENSITY_PROFESSIONS, commune_row, commune_team, density_rows, team
from site_builder.render.repertoire_az import az_page
from site_builder.render.repertoire_groups import grouped_pages
from site_builder.render.senior_costs import ADVISER_KINDS, cost_block, nearest_advisers
from site_builder.render.senior_facts import price_notice
from site_builder.render.seniors_pages import facts
from site_builder.text import date_fr
from site_builder.vocabularies import (
    PROFESSIONS,
    PUBLICS,
    SCHEMA_TYPES,
    SOURCE_NAMES,
    THEMATIQUES,
    TYPOLOGIES,
    TYPOLOGY_GROUPS,
)

NEARBY_RADIUS_KM = 20
NEARBY_PER_KIND = 3
LABELS = {"typologie": TYPOLOGIES, "public": PUBLICS, "thematique": THEMATIQUES, "profession": PROFESSIONS,
          "source": SOURCE_NAMES}


@dataclass(frozen=True)
class Nearby:
    structure: Structure
    km: float


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    if not model.structures:
        return
    yield GeneratedPage(urls.CSV, structures_csv(model))
    yield GeneratedPage(urls.GEOJSON, structures_geojson(model))
    yield GeneratedPage(urls.INCLUSION_STRUCTURES, structures_json(model))
    yield GeneratedPage(urls.INCLUSION_SERVICES, services_json(model))
    by_commune = _by_commune(model)
    hours = {"feries": holidays_json(model.communes, model.today), "of": lambda s: rules_json(s, model.today)}
    common = {"model": model, "hours": hours, "labels": LABELS,
              "epci_of": {c.code_insee: c.epci for c in model.communes},
              "kinds_present": {s.typologie for s in model.structures}, "communes_present": set(by_commune)}
    if model.repertoire_grouped:
        yield from grouped_pages(_groups, by_commune, **common)
    else:
        yield render("repertoire.md.j2", urls.REPERTOIRE, groups=_groups(model.structures), in_nav=True,
                     grouped_index=False, fixed=None, current="", navigate=(), **common)
    yield az_page(model.structures)
    advisers = tuple(s for s in model.structures if s.typologie in ADVISER_KINDS)
    for item in model.structures:
        yield fiche(item, FicheInputs.of(model, item, hours["feries"], advisers))
    yield from map_pages(model)
    if model.edition == "pro":
        yield render("stale.md.j2", urls.STALE, model=model, stale=model.stale_structures(), labels=LABELS)
    counts = {code: len(items) for code, items in by_commune.items()}
    yield render("communes.md.j2", urls.COMMUNES, model=model, counts=counts, in_nav=True)
    by_kind = [items for _, kinds in _groups(model.structures) for _, items in kinds]  # types in page order
    serving = _serving(model)
    density, _ = density_rows(model)
    for commune in model.communes:
        here = by_commune.get(commune.code_insee, [])
        yield render("commune.md.j2", urls.commune(commune), model=model, commune=commune, here=here,
                     serving=serving.get(commune.code_insee, []), nearby=nearby(commune, by_kind), labels=LABELS,
                     people=commune_team(here), density=commune_row(density, commune) if density else None,
                     counted=DENSITY_PROFESSIONS)


@dataclass(frozen=True)
class FicheInputs:
    """All that a structure's fiche reads of the model, and nothing more: the template gets this as its
    `model`, so reading anything else fails (StrictUndefined) instead of slipping past `fiche`'s memory."""

    contract: Contract
    today: dt.date
    edition: str
    site_url: str
    map_tiles: str
    cost_scale: Scale | None
    holidays: str  # JSON of the public holidays, for « ouvert maintenant »
    commune: Commune
    events: tuple[Event, ...]  # upcoming, at the structure
    actions: tuple[Action, ...]  # those the structure takes part in
    trails: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # the menu's trails the breadcrumb may follow
    advisers: tuple[Structure, ...] = ()  # the CLIC and DAC nearest a senior establishment, for its cost estimate

    @classmethod
    def of(cls, model: SiteModel, item: Structure, holidays: str,
           advisers: Sequence[Structure] = ()) -> FicheInputs:
        trails = tuple((uri, model.nav_trails[uri]) for uri in (urls.structure(item), urls.REPERTOIRE)
                       if uri in model.nav_trails)
        return cls(model.contract, model.today, model.edition, model.site_url, model.map_tiles, model.cost_scale,
                   holidays, model.commune_by_code[item.code_insee], model.upcoming_at(item.id),
                   tuple(model.action_by_id[ident] for ident in item.actions), trails,
                   nearest_advisers(item, advisers) if item.typologie in ESTIMATE_KINDS else ())

    @property
    def commune_by_code(self) -> dict[str, Commune]:
        return {self.commune.code_insee: self.commune}

    @property
    def action_by_id(self) -> dict[str, Action]:
        return {action.id: action for action in self.actions}

    @property
    def nav_trails(self) -> dict[str, tuple[tuple[str, str], ...]]:
        return dict(self.trails)

    def upcoming_at(self, structure_id: str) -> tuple[Event, ...]:
        return self.events


# The last fiche rendered at each address, with what it was rendered from. `cls-site serve` renders the site
# again at each save in the same process: a fiche whose structure and inputs are unchanged is not rendered again
# (at 1,000 structures, the fiches were half of the rendering time).
_rendered: dict[str, tuple[tuple[Structure, FicheInputs], GeneratedPage]] = {}


def fiche(item: Structure, inputs: FicheInputs) -> GeneratedPage:
    """The page of one structure."""
    uri = urls.structure(item)
    known = _rendered.get(uri)
    if known and known[0] == (item, inputs):
        return known[1]
    page = render("structure.md.j2", uri, model=inputs, s=item, labels=LABELS,
                  open_now={"feries": inputs.holidays, "of": lambda s: rules_json(s, inputs.today)},
                  acts=fiche_actions(inputs, item), team=team(item.professionnels, inputs.edition, inputs.today),
                  also=[PROFESSIONS[key] for key in item.professions  # written on the record, nobody named
                        if item.professionnels and key not in {p.profession for p in item.professionnels}],
                  hours=in_french(item.horaires_accueil) if item.horaires_accueil else [],
                  updated=date_fr(item.date_maj), json_ld=_json_ld(item), confirmation=confirmation(item, inputs.today),
                  senior_facts=facts(item) if item.seniors else [],
                  senior_notice=price_notice(item, inputs.today) if item.seniors else "",
                  senior_cost=cost_block(item, inputs.cost_scale, uri, inputs.advisers),
                  map=structures_map("carte_fiche", f"Carte : {item.nom}", [Layer(item.nom, [item], item.typologie)],
                                     uri, small=True, tiles=inputs.map_tiles))
    _rendered[uri] = ((item, inputs), page)
    return page


def map_pages(model: SiteModel) -> Iterator[GeneratedPage]:
    """The map of every structure, one layer per type, and the map of the MSPs."""
    layers = [Layer(TYPOLOGIES[key], items, key) for _, kinds in _groups(model.structures) for key, items in kinds]
    description = f"Les {len(model.structures)} structures du répertoire sur une carte, par type."
    yield render("map.md.j2", urls.MAP, model=model, title="Carte des structures de santé", layers=layers,
                 description=description, in_nav=True,
                 map=structures_map("carte_structures", "Carte des structures de santé", layers, urls.MAP,
                                    layer_control=True, tiles=model.map_tiles))
    msp = [s for s in model.structures if s.typologie == "msp"]
    if msp:
        layers = [Layer(TYPOLOGIES["msp"], msp, "msp")]
        title = "Carte des maisons de santé"
        description = (f"Les {len(msp)} maisons de santé pluriprofessionnelles du territoire : médecins, infirmiers "
                       "et autres soignants réunis au même endroit.")
        yield render("map.md.j2", urls.MSP_MAP, model=model, title=title, layers=layers, description=description,
                     in_nav=True, map=structures_map("carte_msp", title, layers, urls.MSP_MAP, tiles=model.map_tiles))


def nearby(commune: Commune, by_kind: Sequence[Sequence[Structure]]) -> list[Nearby]:
    """For each type of structure, the NEARBY_PER_KIND closest outside the commune within NEARBY_RADIUS_KM.

    `by_kind`: the structures by type, in the order of the repertoire's groups (`_groups`). Only the
    closest of each type are kept, not all sorted: at 5,000 structures, sorting every structure around
    every commune was a third of the rendering time."""
    kept: list[Nearby] = []
    for items in by_kind:
        around = ((distance_km(commune.latitude, commune.longitude, s.latitude, s.longitude), s.nom, s)
                  for s in items if s.code_insee != commune.code_insee)
        closest = heapq.nsmallest(NEARBY_PER_KIND, (item for item in around if item[0] <= NEARBY_RADIUS_KM),
                                  key=lambda item: (item[0], item[1]))
        kept += [Nearby(s, km) for km, _, s in closest]
    return kept


def _by_commune(model: SiteModel) -> dict[str, list[Structure]]:
    grouped: dict[str, list[Structure]] = {}
    for item in model.structures:
        grouped.setdefault(item.code_insee, []).append(item)
    return grouped


def _serving(model: SiteModel) -> dict[str, list[Structure]]:
    """The offices that serve a commune from another one (`communes_desservies`), by commune served."""
    served: dict[str, list[Structure]] = {}
    for item in model.structures:
        for code in item.communes_desservies:
            if code != item.code_insee:
                served.setdefault(code, []).append(item)
    return served


def _groups(structures: Sequence[Structure]) -> list[tuple[str, list[tuple[str, list[Structure]]]]]:
    """The structures by group of types (TYPOLOGY_GROUPS), then by type; empty ones left out."""
    by_kind: dict[str, list[Structure]] = {}
    for item in structures:
        by_kind.setdefault(item.typologie, []).append(item)
    groups = []
    for title, keys in TYPOLOGY_GROUPS.items():
        kinds = [(key, by_kind.get(key, [])) for key in keys]
        kinds = [(key, items) for key, items in kinds if items]
        if kinds:
            groups.append((title, kinds))
    return groups


def _json_ld(item: Structure) -> Markup:
    """schema.org description of the structure; `<`, `>`, `&` are escaped so data cannot close the script."""
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(item.typologie, "MedicalOrganization" if item.professions else "Organization"),
        "name": item.nom,
        "address": {"@type": "PostalAddress", "streetAddress": item.adresse, "postalCode": item.code_postal,
                    "addressLocality": item.commune, "addressCountry": "FR"},
        "geo": {"@type": "GeoCoordinates", "latitude": item.latitude, "longitude": item.longitude},
        "dateModified": item.date_maj.isoformat(),
    }
    optional = {"telephone": item.telephone, "email": item.courriel, "url": item.site_web,
                "description": item.presentation_resume,
                "openingHours": item.horaires_accueil.source if item.horaires_accueil else ""}
    data.update({key: value for key, value in optional.items() if value})
    return json_ld(data)
