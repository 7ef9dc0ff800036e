"""The agenda: upcoming then past events by month, one page and one .ics per event, and the iCal feed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from markupsafe import Markup

from site_builder import urls
from site_builder.ical import calendar, place_text
from site_builder.models import SiteModel
from site_builder.news import Event
from site_builder.render.environment import GeneratedPage, render
from site_builder.render.maps import Layer, Marker, structures_map
from site_builder.render.markdown import json_ld
from site_builder.text import month_fr, span_fr
from site_builder.vocabularies import EVENT_STATUSES, PUBLICS, THEMATIQUES

SCHEMA_STATUS = {"prevu": "EventScheduled", "annule": "EventCancelled", "reporte": "EventPostponed"}
LABELS = {"public": PUBLICS, "thematique": THEMATIQUES, "statut": EVENT_STATUSES}


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    if not model.events:
        return
    name = f"Agenda — {model.contract.nom}"
    yield GeneratedPage(urls.AGENDA_ICS, calendar(model, model.events, name).decode())
    communes = sorted({commune_of(model, e) for e in model.events}, key=lambda c: c.nom)
    yield render("agenda.md.j2", urls.AGENDA, model=model, in_nav=True, labels=LABELS, communes=communes,
                 upcoming=by_month(model.upcoming_events), past=by_month(model.past_events),
                 commune_of=lambda e: commune_of(model, e))
    for event in model.events:
        yield GeneratedPage(urls.event_ics(event), calendar(model, [event], event.titre).decode())
        yield render("event.md.j2", urls.event(event), model=model, e=event, labels=LABELS,
                     moment=span_fr(event.debut, event.fin), place=place_text(model, event),
                     structure=model.structure_by_id.get(event.lieu.structure), json_ld=_json_ld(model, event),
                     map=_map(model, event), past=event.last_day < model.today)


def commune_of(model: SiteModel, event: Event):  # noqa: ANN201 - a Commune
    code = model.structure_by_id[event.lieu.structure].code_insee if event.lieu.structure else event.lieu.code_insee
    return model.commune_by_code[code]


def by_month(events: Sequence[Event]) -> list[tuple[str, list[Event]]]:
    return [(month, list(items)) for month, items in groupby(events, key=lambda e: month_fr(e.first_day))]


def _map(model: SiteModel, event: Event) -> Markup:
    page = urls.event(event)
    if event.lieu.structure:
        where = model.structure_by_id[event.lieu.structure]
    else:
        commune = commune_of(model, event)
        # An address without coordinates: the marker sits at the centre of its commune, and says so.
        where = Marker(commune.latitude, commune.longitude, event.lieu.nom or commune.nom,
                       place_text(model, event) + " (position approximative : centre de la commune)", page)
    return structures_map("carte_evenement", f"Carte : lieu de « {event.titre} »", [Layer(event.titre, [where])], page,
                          small=True, tiles=model.map_tiles)


def _json_ld(model: SiteModel, event: Event) -> Markup:
    """schema.org Event; `<`, `>`, `&` are escaped so data cannot close the script."""
    commune = commune_of(model, event)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.titre,
        "startDate": event.debut.isoformat(),
        "endDate": event.fin.isoformat(),
        "eventStatus": f"https://schema.org/{SCHEMA_STATUS[event.statut]}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": place_text(model, event).split(",")[0],
                     "address": {"@type": "PostalAddress", "streetAddress": place_text(model, event),
                                 "postalCode": commune.code_postal, "addressLocality": commune.nom,
                                 "addressCountry": "FR"}},
        "organizer": [{"@type": "Organization", "name": model.organisation_by_id[o].nom} for o in event.organisateurs],
    }
    if event.resume:
        data["description"] = event.resume
    if event.entree_libre:
        data["isAccessibleForFree"] = True
    return json_ld(data)
