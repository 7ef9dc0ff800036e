"""« Près de chez moi »: the structures sorted by distance from a commune typed in or from the visitor.

Static: the page carries the places it knows (the territory's communes and its neighbours, with their
centres) as the options of its autocomplete, and reads the structures from the repertoire's GeoJSON.
Distances are computed in the browser; nothing leaves it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from site_builder import urls
from site_builder.models import SiteModel
from site_builder.render.environment import GeneratedPage, render
from site_builder.text import fold, sort_key
from site_builder.vocabularies import PROFESSIONS, TYPOLOGIES


@dataclass(frozen=True)
class Place:
    label: str  # what the visitor picks: « Ville (12345) »
    postcodes: tuple[str, ...]
    latitude: float
    longitude: float
    names: tuple[str, ...] = ()  # folded as sort_key: its name without article, its former communes' names


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    if not model.structures:
        return
    kinds = {s.typologie for s in model.structures}
    # The placeholder names a commune of this territory: its most populous one.
    hint = max(model.communes, key=lambda c: (c.population or 0, fold(c.nom)))
    present = {person.profession for s in model.structures for person in s.professionnels}
    yield render("near_me.md.j2", urls.NEAR_ME, model=model, places=places(model), in_nav=True, hint=hint,
                 kinds=[(key, label) for key, label in TYPOLOGIES.items() if key in kinds],
                 professions=[(key, label) for key, label in PROFESSIONS.items() if key in present],
                 # The filter shows only when someone was recorded as taking new patients: else it finds nobody.
                 new_patients=any(person.nouveaux_patients == "oui" for s in model.structures
                                  for person in s.professionnels))


def places(model: SiteModel) -> list[Place]:
    """Communes of the territory, then neighbours (with their département), sorted ignoring accents."""
    found = [Place(f"{c.nom} ({c.code_postal})", (c.code_postal, *c.codes_postaux), c.latitude, c.longitude,
                   tuple(sort_key(name) for name in (c.nom, *c.anciens_noms))) for c in model.communes]
    found += [Place(f"{n.nom} ({n.code_postal}, {n.departement})", (n.code_postal,), n.latitude, n.longitude,
                    (sort_key(n.nom),)) for n in model.neighbours]
    return sorted(found, key=lambda place: sort_key(place.label))
