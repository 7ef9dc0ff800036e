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

from site_builder.directory import Structure
from site_builder.models import Commune
from site_builder.opening_hours import DAY, OpeningHours

SATURDAY = 5


def weekly(hours: OpeningHours) -> dict[str, object]:
    """Intervals (minutes since midnight, sorted; an end past 1440 runs into the next day) for each day
    Monday→Sunday and for public holidays, the rules applied in order as OSM says."""
    if hours.always:
        return {"toujours": True}
    days: list[list[list[int]]] = [[] for _ in range(8)]  # 7 = public holidays
    for rule in hours.rules:
        if not rule.additional:  # `;` replaces the whole of each day it names, the night begun the day before too
            for day in rule.named:
                days[day] = []
            for day in rule.days:
                days[(day - 1) % 7] = [[start, min(end, DAY)] for start, end in days[(day - 1) % 7]]
        for day in rule.named:
            days[day] = sorted(days[day] + [list(span) for span in rule.intervals])
    return {"jours": days[:7], "feries": days[7]}


def open_on_saturday(hours: OpeningHours | None) -> bool:
    """Open at some time on Saturdays (the « ouvert le samedi » filter)."""
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


# --- The sentence itself, line for line as horaires.js says it (tests/fixtures/horaires/vecteurs.json checks both).
# A night begun the day before counts until its end, unless today is closed or a public holiday: on those days
# only the closure or the `PH` rule speaks.

DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")


def closed_on(data: dict, day: dt.date) -> bool:
    """Inside the temporary closure, its first and last days included."""
    closure = data.get("fermeture")
    return bool(closure) and closure["du"] <= day.isoformat() <= closure["au"]


def own_spans(data: dict, day: dt.date, feries: list[str]) -> list | None:
    """The intervals that start on `day`, or None when the hours are unknown."""
    if closed_on(data, day):
        return []
    if data.get("toujours"):
        return [[0, DAY]]
    if data.get("inconnu"):
        return None
    if day.isoformat() in feries:
        return data["feries"]
    return data["jours"][day.weekday()]


def spans_at(data: dict, day: dt.date, feries: list[str]) -> list | None:
    """The intervals of `day` with the end of the night begun the day before (negative start)."""
    own = own_spans(data, day, feries)
    if own is None or closed_on(data, day) or day.isoformat() in feries:
        return own
    before = own_spans(data, day - dt.timedelta(days=1), feries) or []
    return [[start - DAY, end - DAY] for start, end in before if end > DAY] + own


def status(data: dict | None, now: dt.datetime, feries: list[str]) -> dict | None:
    """{"open": bool, "text": « Ouvert maintenant · jusqu'à 12 h »…}, or None when nothing can be said."""
    if not data:
        return None
    minutes, today = now.hour * 60 + now.minute, now.date()
    if closed_on(data, today):
        motif = f" ({data['fermeture']['motif']})" if data["fermeture"].get("motif") else ""
        return {"open": False, "text": f"Fermé temporairement jusqu'au {_date_fr(data['fermeture']['au'])}{motif}"}
    if data.get("inconnu"):
        return None
    if data.get("toujours"):
        return {"open": True, "text": "Ouvert 24 h sur 24"}
    for start, end in spans_at(data, today, feries):
        if start <= minutes < end:
            return {"open": True, "text": f"Ouvert maintenant · jusqu'à {_until(end)}"}
    for k in range(28):
        day = today + dt.timedelta(days=k)
        for start, _ in own_spans(data, day, feries) or []:
            if k > 0 or start > minutes:
                return {"open": False, "text": f"Fermé · ouvre{_when(k, day)} à {_clock(start)}"}
    return {"open": False, "text": "Fermé"}


def today_line(data: dict | None, now: dt.datetime, feries: list[str]) -> str:
    """« Aujourd'hui : 8 h 30 – 12 h 30 et 14 h – 18 h »."""
    spans = own_spans(data, now.date(), feries) if data else None
    if spans is None:
        return ""
    if not spans:
        return "Aujourd'hui : fermé"
    if spans == [[0, DAY]]:
        return "Aujourd'hui : 24 h sur 24"
    return "Aujourd'hui : " + " et ".join(f"{_clock(start)} – {_clock(end)}" for start, end in spans)


def _clock(minutes: int) -> str:
    """« 8 h 30 »; « 24 h » for the end of the day (as clock() in horaires.js)."""
    hours, rest = (24, 0) if minutes == DAY else divmod(minutes % DAY, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _until(end: int) -> str:
    """« minuit » rather than « 0 h » for a range ending at midnight."""
    return "minuit" if end % DAY == 0 else _clock(end)


def _when(k: int, day: dt.date) -> str:
    """« », « demain », « lundi » within the week, « le lundi 7 décembre » beyond."""
    if k == 0:
        return ""
    if k == 1:
        return " demain"
    if k < 7:
        return f" {DAYS_FR[day.weekday()]}"
    return f" le {DAYS_FR[day.weekday()]} {_date_fr(day.isoformat()).rsplit(' ', 1)[0]}"


def _date_fr(iso: str) -> str:
    """« 1er janvier 2027 »."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{'1er' if day == 1 else day} {MONTHS_FR[month - 1]} {year}"
