"""The guide « Bien vieillir sur le territoire » (fiche 2-3-1): one page per kind of solution, a comparison
table, a map and a printable guide. Its home and costs pages are hand-written in content/bien-vieillir/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from site_builder import urls
from site_builder.costs import GIR_BANDS
from site_builder.models import SiteModel
from site_builder.render.environment import GeneratedPage, render
from site_builder.render.maps import Layer, structures_map
from site_builder.render.senior_costs import cost_view, scale_json, whole_euros
from site_builder.render.senior_facts import (  # noqa: F401 - facts is shared
    euros,
    facts,
    gir_range,
    old_prices,
    price_notice,
    table_aid,
    table_places,
    table_price,
)
from site_builder.render.senior_orders import ORDER_LABELS, order_pages
from site_builder.render.senior_side import side_rows
from site_builder.text import date_fr
from site_builder.vocabularies import (
    ALZHEIMER_UNITS,
    SENIOR_FAMILIES,
    SENIOR_KIND_TEXTS,
    SENIOR_KINDS,
    SENIOR_STATUSES,
    SOCIAL_AID,
    TYPOLOGIES,
)


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    if not model.senior_establishments:
        return
    context = {"model": model, "families": SENIOR_FAMILIES, "kinds": TYPOLOGIES, "texts": SENIOR_KIND_TEXTS,
               "facts": facts, "euros": euros, "gir": gir_range, "labels": LABELS, "family_of": FAMILY_OF,
               "notice": lambda item, kind="": price_notice(item, model.today, kind),
               "old_prices": lambda item: old_prices(item, model.today), "table_price": table_price,
               "table_places": table_places, "table_aid": table_aid}
    for kind in SENIOR_KINDS:
        yield render("senior_kind.md.j2", urls.senior_kind(kind), kind=kind, items=model.seniors_of_kind(kind),
                     in_nav=False, **context)
    side_ids = {s.id for s in model.senior_establishments if cost_view(s, model.cost_scale)}
    context.update(side_ids=side_ids, order_labels=ORDER_LABELS)
    yield render("senior_table.md.j2", urls.SENIOR_TABLE, in_nav=True, rows=model.senior_establishments, order="",
                 **context)
    yield from order_pages(model.senior_establishments, context)
    layers = [Layer(TYPOLOGIES[k], [s for s in model.senior_establishments if s.typologie == k], k)
              for k in SENIOR_KINDS]
    layers = [layer for layer in layers if layer.structures]
    title = "Carte des solutions pour les personnes âgées"
    yield render("map.md.j2", urls.SENIOR_MAP, model=model, title=title, layers=layers, in_nav=True,
                 parent=(urls.SENIORS, "Bien vieillir"),
                 description=f"Les {len(model.senior_establishments)} services et établissements du guide, par type.",
                 map=structures_map("carte_seniors", title, layers, urls.SENIOR_MAP, layer_control=True,
                                    tiles=model.map_tiles, grouping=SENIOR_FAMILIES))
    yield from side_pages(model, context)
    yield render("senior_print.md.j2", urls.SENIOR_PRINT, in_nav=True, updated=date_fr(last_update(model)),
                 **context)


def side_pages(model: SiteModel, context: dict) -> Iterator[GeneratedPage]:
    """« Comparer côte à côte » (when the scale is loaded) and « Entrer en établissement »."""
    contacts = [s for s in model.structures if s.typologie in ("clic", "dac")] or \
        [s for s in model.structures if s.typologie == "ccas"]
    yield render("senior_admission.md.j2", urls.SENIOR_ADMISSION, in_nav=True, contacts=contacts,
                 viatrajectoire_url=VIATRAJECTOIRE, **context)
    items = [s for s in model.senior_establishments if cost_view(s, model.cost_scale)]
    if not items:
        return
    yield render("senior_side.md.j2", urls.SENIOR_SIDE_BY_SIDE, in_nav=True, items=items,
                 rows=side_rows(items, model.today), costs={s.id: cost_view(s, model.cost_scale) for s in items},
                 scale=model.cost_scale, scale_json=scale_json(model.cost_scale), gir_bands=GIR_BANDS,
                 whole_euros=whole_euros, **context)


VIATRAJECTOIRE = "https://trajectoire.sante-ra.fr/"
LABELS = {"statut": SENIOR_STATUSES, "aide_sociale": SOCIAL_AID, "alzheimer": ALZHEIMER_UNITS}
FAMILY_OF = {kind: family for family, kinds in SENIOR_FAMILIES.items() for kind in kinds}


def last_update(model: SiteModel) -> dt.date:
    return max(s.date_maj for s in model.senior_establishments)
