"""What the browser needs to say « Ouvert maintenant » / « Fermé · ouvre lundi à 8 h 30 ».

Hours change by the minute, the site is built once a day: the build emits the weekly rules and the
dates of public holidays, and a small script (assets/javascripts/horaires.js) reads the visitor's clock.
A structure with no `PH` rule is taken as closed on public holidays (unless open 24/7): in France most
practices and offices are, and saying « ouvert » to someone who then finds a closed door is worse.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable

import holidays

from site_builder.models import Commune, Structure
from site_builder.opening_hours import OpeningHours

SATURDAY = 5


def weekly(hours: OpeningHours) -> dict[str, object]:
    """Intervals (minutes since midnight) for each day Monday→Sunday and for public holidays."""
    if hours.always:
        return {"toujours": True}
    days: list[list[list[int]]] = [[] for _ in range(7)]
    holiday: list[list[int]] = []
    for rule in hours.rules:  # a later rule replaces an earlier one for its days, as in OSM
        for day in rule.days:
            days[day] = [list(span) for span in rule.intervals]
        if rule.holidays:
            holiday = [list(span) for span in rule.intervals]
    return {"jours": days, "feries": holiday}


def open_on_saturday(hours: OpeningHours | None) -> bool:
    return bool(hours) and (hours.always or bool(weekly(hours)["jours"][SATURDAY]))


def rules(item: Structure, today: dt.date) -> dict[str, object] | None:
    """The structure's hours and current or coming temporary closure, for the browser; None if unknown."""
    if item.horaires_accueil is None and not _closure_ahead(item, today):
        return None
    data: dict[str, object] = weekly(item.horaires_accueil) if item.horaires_accueil else {"inconnu": True}
    closure = item.fermeture_temporaire
    if closure and _closure_ahead(item, today):
        data["fermeture"] = {"du": closure.du.isoformat(), "au": closure.au.isoformat(), "motif": closure.motif}
    return data


def rules_json(item: Structure, today: dt.date) -> str:
    data = rules(item, today)
    return "" if data is None else json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _closure_ahead(item: Structure, today: dt.date) -> bool:
    return item.fermeture_temporaire is not None and item.fermeture_temporaire.au >= today


def public_holidays(communes: Iterable[Commune], today: dt.date) -> list[str]:
    """Public holidays of this year and the next (ISO dates), with Alsace-Moselle's own where it applies."""
    departments = Counter(c.code_insee[:2] for c in communes)
    main = departments.most_common(1)[0][0] if departments else ""
    subdiv = main if main in holidays.France.subdivisions else None
    calendar = holidays.France(years=(today.year, today.year + 1), subdiv=subdiv)
    return sorted(day.isoformat() for day in calendar)


def holidays_json(communes: Iterable[Commune], today: dt.date) -> str:
    return json.dumps(public_holidays(communes, today), separators=(",", ":"))
