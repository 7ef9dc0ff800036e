"""The repertoire of a large territory: an index of types and communes, and one filterable page for each.

Listing every structure on one page costs ~19 KB gzip per 1,000 structures: above
`SiteModel.repertoire_group_above`, the index lists the groups with their counts and each group has its
own page, with the same list markup and filters. Everything stays reachable by plain links.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from site_builder import urls
from site_builder.directory import Structure
from site_builder.models import Commune, SiteModel
from site_builder.render.environment import GeneratedPage, render
from site_builder.vocabularies import TYPOLOGIES

Sections = list[tuple[str, list[tuple[str, list[Structure]]]]]


def grouped_pages(groups: Callable[[Sequence[Structure]], Sections], by_commune: dict[str, list[Structure]],
                  **common: Any) -> Iterator[GeneratedPage]:
    """The index of groups, then one page per type and one per commune that has structures.

    `common` is what every repertoire page gets (model, labels, hours…); `groups` sorts structures by type."""
    model: SiteModel = common["model"]
    kinds = [(title, [(key, len(items)) for key, items in keys]) for title, keys in groups(model.structures)]
    # The contract's EPCI first; a commune attached to another one still gets its link.
    others = sorted({c.epci for c in model.communes if c.code_insee in by_commune} - set(model.contract.epci))
    communes = [(model.organisation_by_id[ident].nom, ident,
                 [(c, len(by_commune[c.code_insee])) for c in model.communes_of(ident) if c.code_insee in by_commune])
                for ident in (*model.contract.epci, *others)]
    yield render("repertoire.md.j2", urls.REPERTOIRE, in_nav=True, grouped_index=True, fixed=None, current="",
                 navigate=("typologie", "commune"), kind_links=kinds, commune_links=[c for c in communes if c[2]],
                 **common)
    for _, keys in groups(model.structures):
        for key, items in keys:
            yield _kind_page(model, key, items, common)
    for commune in model.communes:
        if commune.code_insee in by_commune:
            yield _commune_page(model, commune, groups(by_commune[commune.code_insee]), common)


def _kind_page(model: SiteModel, key: str, items: list[Structure], common: dict[str, Any]) -> GeneratedPage:
    """Every structure of one type, by commune."""
    in_commune: dict[str, list[Structure]] = {}
    for item in items:
        in_commune.setdefault(item.code_insee, []).append(item)
    sections = [(c.nom, [("", in_commune[c.code_insee])]) for c in model.communes if c.code_insee in in_commune]
    context = {**common, "communes_present": set(in_commune)}
    return render("repertoire_groupe.md.j2", urls.repertoire_kind(key), fixed="typologie", current=key,
                  grouped_index=False, navigate=("typologie",), heading=TYPOLOGIES[key], sections=sections,
                  count=len(items), commune=None, **context)


def _commune_page(model: SiteModel, commune: Commune, sections: Sections, common: dict[str, Any]) -> GeneratedPage:
    """Every structure of one commune, by group of types, as on the index of a small repertoire."""
    count = sum(len(items) for _, kinds in sections for _, items in kinds)
    context = {**common, "kinds_present": {key for _, kinds in sections for key, _ in kinds}}
    return render("repertoire_groupe.md.j2", urls.repertoire_commune(commune), fixed="commune",
                  current=commune.code_insee, grouped_index=False, navigate=("commune",), heading=commune.nom,
                  sections=sections, count=count, commune=commune, **context)
