"""Programme tracking: the dashboard, one « bilan » per yearly review (page and CSV), and what an action
page shows of its progress. Every figure comes from data/suivi/*.yml.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from site_builder import french, urls
from site_builder.action_plan import Action, ActionReview, Indicator, Review
from site_builder.charts import STATUS_COUNTED, indicator_chart, status_bars
from site_builder.exports import spreadsheet_csv
from site_builder.models import SiteModel
from site_builder.render.environment import GeneratedPage, render
from site_builder.vocabularies import ACTION_STATUSES, PUBLICS


def counts(model: SiteModel, review: Review, actions: tuple[Action, ...] | None = None) -> dict[str, int]:
    """Number of actions per status at `review` (every status present, in order)."""
    wanted = {a.id for a in (actions if actions is not None else model.actions)}
    found = Counter(r.statut for r in review.actions if r.action in wanted)
    return {status: found.get(status, 0) for status in ACTION_STATUSES}


@dataclass(frozen=True)
class Change:
    action: Action
    before: str  # "" when the previous review did not mention the action
    after: str


def changes(model: SiteModel, latest: Review | None = None, previous: Review | None = None) -> list[Change]:
    """Actions whose status differs between two reviews (by default the last two), in programme order.

    Without a previous review, every action the review mentions counts as a change from nothing.
    """
    if latest is None:
        latest, previous = model.latest_review, model.previous_review
        if not previous:
            return []
    if not latest:
        return []
    found = []
    for action in model.actions:
        before, after = previous.of(action.id) if previous else None, latest.of(action.id)
        if after and (not before or before.statut != after.statut):
            found.append(Change(action, before.statut if before else "", after.statut))
    return found


def progress_phrase(numbers: dict[str, int]) -> str:
    """« 2 réalisées, 3 en cours et 1 non démarrée, sur 6 actions » (statuses with no action left out)."""
    total = sum(numbers.values())
    if not total:
        return "aucune action suivie"
    parts = [f"{n} {STATUS_COUNTED[status][n > 1]}" for status, n in numbers.items() if n]
    return f"{french.listing(parts)}, sur {total} action{'s' if total > 1 else ''}"


def summary(model: SiteModel) -> str:
    """« 10 actions réalisées et 12 en cours sur 28 au bilan 2025 »."""
    latest = model.latest_review
    numbers = counts(model, latest)
    return (f"{numbers['realisee']} action{'s' if numbers['realisee'] > 1 else ''} "
            f"réalisée{'s' if numbers['realisee'] > 1 else ''} et {numbers['en-cours']} en cours "
            f"sur {len(model.actions)} au bilan {latest.annee}")


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    latest = model.latest_review
    if not latest:
        return
    by_axis = [(f"Axe {axis.numero}", counts(model, latest, axis.actions)) for axis in model.axes]  # the table's
    titled = [(axis.label, numbers) for axis, (_, numbers) in zip(model.axes, by_axis, strict=True)]  # « Axe 2 : … »
    overall = [(r.titre, counts(model, r)) for r in model.reviews]
    yield render("dashboard.md.j2", urls.DASHBOARD, model=model, in_nav=True, latest=latest, summary=summary(model),
                 by_axis=by_axis, overall=overall, changes=changes(model), statuses=ACTION_STATUSES, publics=PUBLICS,
                 chart_axes=status_bars("graphique-axes", f"Avancement par axe au bilan {latest.annee}", titled),
                 chart_years=status_bars("graphique-bilans", "Évolution d'un bilan à l'autre", overall))
    for review in model.reviews:
        axes = [(axis, progress_phrase(counts(model, review, axis.actions)),
                 [(a, review.of(a.id)) for a in axis.actions]) for axis in model.axes]
        yield render("review.md.j2", urls.review(review), model=model, review=review, statuses=ACTION_STATUSES,
                     axes=axes)
        yield GeneratedPage(urls.review_csv(review), review_csv(model, review))


def review_csv(model: SiteModel, review: Review) -> str:
    """The yearly table for a spreadsheet, in the same format as the repertoire's CSV."""
    header = ["action", "titre", "axe", "pilotes", "statut", "avancees", "difficultes", "perspectives", "indicateurs"]
    return spreadsheet_csv(header, (_review_row(model, action, review.of(action.id)) for action in model.actions))


def _review_row(model: SiteModel, action: Action, found: ActionReview | None) -> list[object]:
    pilots = " | ".join(model.organisation_by_id[o].nom for o in action.pilotes)
    if found is None:
        return [action.id, action.titre, action.axe, pilots, "", "", "", "", ""]
    return [action.id, action.titre, action.axe, pilots, ACTION_STATUSES[found.statut], " | ".join(found.avancees),
            " | ".join(found.difficultes), " | ".join(found.perspectives),
            " | ".join(f"{label} : {value:g}" for label, value in found.indicateurs)]


@dataclass(frozen=True)
class IndicatorTrack:
    indicator: Indicator
    points: list[tuple[str, float]]  # (« 2024 », value)
    chart: Markup


def action_progress(model: SiteModel, action: Action) -> dict[str, object]:
    """What the action page shows: its reviews, oldest first, and one chart per indicator with values."""
    history: list[tuple[Review, ActionReview]] = model.history_of(action.id)
    tracks = []
    for number, indicator in enumerate(action.indicateurs, 1):
        points = [(str(review.annee), dict(found.indicateurs)[indicator.libelle]) for review, found in history
                  if indicator.libelle in dict(found.indicateurs)]
        if points:
            chart = indicator_chart(f"indicateur-{number}", indicator.libelle, points, indicator.cible,
                                    indicator.unite)
            tracks.append(IndicatorTrack(indicator, points, chart))
    return {"history": history, "tracks": tracks, "statuses": ACTION_STATUSES, "publics": PUBLICS}
