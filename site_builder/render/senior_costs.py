"""The « combien par mois ? » block of a senior establishment: the monthly price before aids, written at build
(it is there without JavaScript), and the data the estimate form of reste-a-charge.js needs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from markupsafe import Markup

from site_builder.costs import APA_KINDS, ESTIMATE_KINDS, GIR_BANDS, Prices, Scale, before_aids
from site_builder.directory import Structure
from site_builder.kinds.structures import distance_km
from site_builder.render.environment import render_snippet

# Who helps a family with the cost and the files, in the order the estimate names them.
ADVISER_KINDS = ("clic", "dac")
# Homes where the aide sociale à l'hébergement can pay (SOCIAL_AID's « yes » values).
SOCIAL_AID_YES = ("totale", "partielle", "oui")


@dataclass(frozen=True)
class CostView:
    """What the page shows and the form computes for one establishment."""

    before_aids: int  # € per month: hébergement + tarif GIR 5-6 (EHPAD, USLD) or the rent, before any aid
    by_gir: tuple[tuple[str, int], ...]  # (« GIR 1 ou 2 », € per month before aids) where the tariff is known
    prices: Prices
    monthly_rent: bool  # the price is a monthly rent (résidence autonomie) rather than a daily price

    @property
    def data(self) -> str:
        """The prices as JSON for the form's data attribute."""
        return json.dumps(asdict(self.prices), sort_keys=True)


def prices_of(item: Structure) -> Prices:
    housing = item.seniors
    return Prices(item.typologie, housing.prix_journalier, housing.prix_mensuel, housing.tarif_dependance_gir12,
                  housing.tarif_dependance_gir34, housing.tarif_dependance_gir56, bool(housing.apl))


def cost_view(item: Structure, scale: Scale | None) -> CostView | None:
    """The block for an EHPAD, USLD or résidence with a price; None for any other service or a missing price."""
    if scale is None or not item.seniors or item.typologie not in ESTIMATE_KINDS:
        return None
    prices = prices_of(item)
    if prices.hebergement_jour is None and prices.loyer_mois is None:
        return None
    total = before_aids(prices, scale)
    if total is None:
        return None
    by_gir: list[tuple[str, int]] = []
    if item.typologie in APA_KINDS:
        by_gir = [(label, value) for gir, label in GIR_BANDS.items()
                  if (value := before_aids(prices, scale, gir)) is not None]
    return CostView(total, tuple(by_gir), prices, prices.loyer_mois is not None)


def scale_json(scale: Scale) -> Markup:
    """The scale as a JSON script the browser reads (never executed); `</` cannot close the element early."""
    data = {"jours_par_mois": scale.jours_par_mois, "mtp": scale.mtp, "seuil_bas": scale.seuil_bas,
            "seuil_haut": scale.seuil_haut, "taux": scale.taux, "diviseur_couple": scale.diviseur_couple,
            "bands": [{"min": b.min, "max": b.max, "apl_min": b.apl_min, "apl_max": b.apl_max} for b in scale.bands]}
    text = json.dumps(data, sort_keys=True).replace("</", "<\\/")
    return Markup(f'<script type="application/json" class="cls-bareme">{text}</script>')


def whole_euros(value: float) -> str:
    """« 2 006 € »: thousands apart with a narrow no-break space, as the browser's fr-FR format does."""
    return f"{value:,.0f}".replace(",", "\u202f") + "\u00a0€"


def nearest_advisers(item: Structure, advisers: Sequence[Structure]) -> tuple[Structure, ...]:
    """The CLIC nearest `item`, then the nearest DAC (one of each kind the repertoire has)."""
    kept: list[Structure] = []
    for kind in ADVISER_KINDS:
        around = [(distance_km(item.latitude, item.longitude, s.latitude, s.longitude), s.nom, s)
                  for s in advisers if s.typologie == kind]
        kept += [min(around, key=lambda row: row[:2])[2]] if around else []
    return tuple(kept)


def cost_block(item: Structure, scale: Scale | None, uri: str, advisers: Sequence[Structure] = ()) -> Markup:
    """The « Combien par mois ? » section of a fiche (Markdown), or nothing for a service without it."""
    view = cost_view(item, scale)
    if view is None:
        return Markup("")
    return Markup(render_snippet("blocks/seniors_cout.md.j2", uri, cost=view, scale=scale, s=item,
                                 whole_euros=whole_euros, gir_bands=GIR_BANDS, scale_json=scale_json(scale),
                                 advisers=advisers, social_aid=item.seniors.aide_sociale in SOCIAL_AID_YES))
