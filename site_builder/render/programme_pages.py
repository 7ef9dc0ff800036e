"""Pages of the action programme: the overview, one page per axe, per fiche and per action."""

from __future__ import annotations

from collections.abc import Iterator

from site_builder import urls
from site_builder.models import SiteModel
from site_builder.render.environment import GeneratedPage, render
from site_builder.render.tracking_pages import action_progress, counts, progress_phrase


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    yield render("programme.md.j2", urls.PROGRAMME, model=model, in_nav=True)
    actions = model.actions
    position = {action.id: index for index, action in enumerate(actions)}
    latest = model.latest_review
    for axis in model.axes:
        progress = progress_phrase(counts(model, latest, axis.actions)) if latest else ""
        yield render("axis.md.j2", urls.axis(axis), model=model, axis=axis, latest=latest, progress=progress)
        for fiche in axis.fiches:
            if not fiche.implicit:
                yield render("fiche.md.j2", urls.fiche(fiche), model=model, axis=axis, fiche=fiche)
            for action in fiche.actions:
                index = position[action.id]
                yield render("action.md.j2", urls.action(action), model=model, axis=axis, fiche=fiche,
                             action=action, previous=actions[index - 1] if index else None,
                             next=actions[index + 1] if index + 1 < len(actions) else None,
                             **action_progress(model, action))
