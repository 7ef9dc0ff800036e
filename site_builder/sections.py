"""Which sections of the site exist for this territory's data, and a navigation that lists only those.

A section with no data (no structure, no event, no newsletter, no review, no senior establishment) has no
generated page; its hand-written pages are left out too, and the menus, the home page and the blocks only
link to pages that exist. So a minimal territory builds without a dead link or a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from site_builder import urls
from site_builder.models import SiteModel

# section → whether the data fills it
SECTIONS: dict[str, Callable[[SiteModel], bool]] = {
    "repertoire": lambda model: bool(model.structures),
    "seniors": lambda model: bool(model.senior_establishments),
    "agenda": lambda model: bool(model.events),
    "lettre": lambda model: bool(model.newsletter),
    "abonnement": lambda model: bool(model.events or model.newsletter),
    "suivi": lambda model: model.latest_review is not None,
}

# Hand-written pages of content/ that belong to a section: a folder (ending in /) or a page.
HAND_WRITTEN: dict[str, str] = {"bien-vieillir/": "seniors", urls.SUBSCRIBE: "abonnement"}


def present(model: SiteModel) -> frozenset[str]:
    """The sections this territory's data fills."""
    return frozenset(name for name, filled in SECTIONS.items() if filled(model))


def left_out(uri: str, sections: frozenset[str]) -> bool:
    """Whether a hand-written page belongs to a section the data leaves empty."""
    return any(uri.startswith(prefix) and name not in sections for prefix, name in HAND_WRITTEN.items())


def prune_nav(nav: list[Any], exists: Callable[[str], bool]) -> list[Any]:
    """The navigation of mkdocs.yml without the pages that do not exist, nor the sections left empty."""
    kept: list[Any] = []
    for item in nav:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(target, list):
            target = prune_nav(target, exists)
            if not target:
                continue
        elif _is_page(target) and not exists(target):
            continue
        kept.append({title: target} if title is not None else target)
    return kept


def _is_page(target: str) -> bool:
    return "://" not in target and not target.startswith(("mailto:", "#"))


Trail = tuple[tuple[str, str], ...]


def nav_trails(nav: list[Any] | None) -> dict[str, Trail]:
    """For each page of the menu, the (title, page) pairs that lead to it, the page last: « Trouver un soin »
    (a section without a page of its own: "") then « Répertoire ». A section whose first page is an index
    (Material's navigation.indexes) is that page, under the section's title."""
    trails: dict[str, Trail] = {}
    _walk(nav or [], (), trails)
    return trails


def _walk(items: list[Any], above: Trail, trails: dict[str, Trail]) -> None:
    for item in items:
        title, target = next(iter(item.items())) if isinstance(item, dict) else ("", item)
        if isinstance(target, list):
            first = target[0] if target else ""
            first = next(iter(first.values())) if isinstance(first, dict) else first
            index = first if isinstance(first, str) and first.endswith("index.md") else ""
            section = (*above, (str(title), index))
            if index:
                trails.setdefault(index, section)
            _walk(target, section, trails)
        elif isinstance(target, str) and _is_page(target):
            trails.setdefault(target, (*above, (str(title), target)))
