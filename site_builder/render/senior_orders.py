"""The comparison table of the senior guide in each order, as pages: the « Trier par » links that work without
JavaScript (with it, comparer.js sorts the table in place and these links stay hidden)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from site_builder import urls
from site_builder.directory import Structure
from site_builder.render.environment import GeneratedPage, render
from site_builder.text import fold

# (key of the order, its words in « Trier par : … »); the keys are urls.SENIOR_TABLE_ORDERS.
ORDER_LABELS: dict[str, str] = {"nom": "nom", "commune": "commune", "prix": "prix, du moins cher au plus cher",
                                "places": "nombre de places, du plus grand au plus petit"}
_LAST = float("inf")  # an unknown price or number of places goes last, in either order


def _price(item: Structure) -> float:
    housing = item.seniors
    known = housing.prix_journalier is not None and item.typologie not in ("ssiad", "saad")
    return housing.prix_journalier if known else _LAST


def _places(item: Structure) -> float:
    return -item.seniors.places if item.seniors.places else _LAST


KEYS: dict[str, Callable[[Structure], tuple]] = {
    "nom": lambda s: (fold(s.nom),),
    "commune": lambda s: (fold(s.commune), fold(s.nom)),
    "prix": lambda s: (_price(s), fold(s.nom)),
    "places": lambda s: (_places(s), fold(s.nom)),
}


def in_order(items: Sequence[Structure], key: str) -> list[Structure]:
    """The establishments in the order `key`; ties by name."""
    return sorted(items, key=KEYS[key])


def order_pages(items: Sequence[Structure], context: dict) -> Iterator[GeneratedPage]:
    """One comparison table per order, each page saying which order it is in."""
    for key in urls.SENIOR_TABLE_ORDERS:
        yield render("senior_table.md.j2", urls.senior_table_sorted(key), in_nav=False, rows=in_order(items, key),
                     order=key, **context)

