"""The « Glossaire » page: every acronym the site explains, linked from the footer of every page."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder import acronyms
from site_builder.models import SiteModel
from site_builder.render.environment import GeneratedPage, render

URI = "glossaire.md"


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    yield render("glossary.md.j2", URI, model=model, terms=acronyms.terms(model))
