"""Render the model into Markdown pages that MkDocs and Material then theme, index and link-check.

Each content kind has one renderer module; `RENDERERS` is the registry the plugin walks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from site_builder.models import SiteModel
from site_builder.render import (
    agenda,
    campaign_pages,
    glossary_page,
    near_me,
    newsletter_pages,
    organisations_pages,
    professionals_pages,
    programme_pages,
    repertoire,
    seniors_pages,
    tracking_pages,
)
from site_builder.render.environment import GeneratedPage

Renderer = Callable[[SiteModel], Iterable[GeneratedPage]]

RENDERERS: tuple[Renderer, ...] = (
    programme_pages.pages, organisations_pages.pages, repertoire.pages, near_me.pages, seniors_pages.pages,
    agenda.pages, newsletter_pages.pages, tracking_pages.pages, professionals_pages.pages, glossary_page.pages,
    campaign_pages.pages,
)


def render_pages(model: SiteModel) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    return sorted((page for render in RENDERERS for page in render(model)), key=lambda page: page.uri)
