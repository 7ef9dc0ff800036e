"""Pages of the partners: an index with counts, and one page per organisation listing its actions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from site_builder import urls
from site_builder.models import Organisation, SiteModel
from site_builder.render.environment import GeneratedPage, render
from site_builder.text import fold


@dataclass(frozen=True)
class Row:
    organisation: Organisation
    led: int
    supported: int
    signatory: bool


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    rows = sorted((_row(model, org) for org in model.organisations), key=lambda row: _sort_key(row.organisation))
    yield render("organisations.md.j2", urls.ORGANISATIONS, model=model, in_nav=True,
                 organisations=[r for r in rows if r.organisation.type == "organisation"],
                 categories=[r for r in rows if r.organisation.type == "categorie"])
    for org in model.organisations:
        yield render("organisation.md.j2", urls.organisation(org), model=model, organisation=org,
                     led=model.actions_led_by(org.id), supported=model.actions_supported_by(org.id),
                     is_signatory=org.id in model.contract.signataires)


def _row(model: SiteModel, org: Organisation) -> Row:
    return Row(org, len(model.actions_led_by(org.id)), len(model.actions_supported_by(org.id)),
               org.id in model.contract.signataires)


def _sort_key(org: Organisation) -> str:
    """Sort French names ignoring accents and case, so « École » sits among the E."""
    return fold(org.nom)
