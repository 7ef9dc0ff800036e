"""Render the model into Markdown pages that MkDocs and Material then theme, index and link-check.

Each content kind has one renderer module; `RENDERERS` is the registry the plugin walks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from site_builder.models import SiteModel
from site_builder.render import (
    agenda,
    near_me,
    newsletter,
    organisations,
    professionals,
    programme,
    repertoire,
    seniors,
    tracking,
)
from site_builder.render.environment import GeneratedPage

Renderer = Callable[[SiteModel], Iterable[GeneratedPage]]

RENDERERS: tuple[Renderer, ...] = (programme.pages, organisations.pages, repertoire.pages, near_me.pages,
                                     seniors.pages, agenda.pages, newsletter.pages, tracking.pages, professionals.pages)


def render_pages(model: SiteModel) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    return sorted((page for render in RENDERERS for page in render(model)), key=lambda page: page.uri)
