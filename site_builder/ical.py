"""The agenda as iCalendar (RFC 5545): one .ics per event and a feed of all events a phone can subscribe to.

Timed events are written in UTC (valid without a VTIMEZONE block, shown in local time by every calendar);
all-day events as dates with an exclusive end, as the RFC requires. UIDs derive from the event's id, so an
event edited in the data updates in subscribers' calendars instead of being duplicated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from site_builder import urls
from site_builder.models import SiteModel
from site_builder.news import Event

PARIS = ZoneInfo("Europe/Paris")
STATUS = {"prevu": "CONFIRMED", "annule": "CANCELLED", "reporte": "TENTATIVE"}


def calendar(model: SiteModel, events: Iterable[Event], name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//site-builder-cls//agenda du CLS//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    for event in events:
        cal.add_component(_event(model, event))
    return cal.to_ical()


def _event(model: SiteModel, event: Event) -> icalendar.Event:
    item = icalendar.Event()
    host = urlsplit(model.site_url).hostname or "cls.local"
    item.add("uid", f"{event.id}@{host}")
    # The build date, not the clock: two builds of the same data give the same file.
    item.add("dtstamp", dt.datetime.combine(model.today, dt.time(), tzinfo=dt.UTC))
    if event.all_day:
        item.add("dtstart", event.debut)
        item.add("dtend", event.fin + dt.timedelta(days=1))
    else:
        item.add("dtstart", _utc(event.debut))
        item.add("dtend", _utc(event.fin if event.fin > event.debut else event.debut + dt.timedelta(hours=1)))
    title = event.titre if event.statut == "prevu" else f"[{'ANNULÉ' if event.statut == 'annule' else 'REPORTÉ'}] " \
        f"{event.titre}"
    item.add("summary", title)
    item.add("status", STATUS[event.statut])
    item.add("location", place_text(model, event))
    page = urls.absolute(model.site_url, urls.event(event))
    item.add("url", page)
    item.add("description", "\n\n".join(part for part in (event.resume, page) if part))
    return item


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=PARIS).astimezone(dt.UTC)


def place_text(model: SiteModel, event: Event) -> str:
    """« Centre hospitalier de Ville, 10 boulevard …, 12345 Ville »."""
    place = event.lieu
    if place.structure:
        s = model.structure_by_id[place.structure]
        return f"{s.nom}, {s.adresse}, {s.code_postal} {s.commune}"
    commune = model.commune_by_code[place.code_insee]
    return ", ".join(part for part in (place.nom, place.adresse, f"{commune.code_postal} {commune.nom}") if part)
