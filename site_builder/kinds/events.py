"""The agenda of the CLS (data/evenements.yml): events of the programme's actions, in places of the territory."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from site_builder.converters import boolean, choice, identifier, list_of, plausible, reference, text
from site_builder.formats import url
from site_builder.load import Node, Scalar
from site_builder.news import Event, Place
from site_builder.schema import INVALID, Context, Field, Schema, _describe, build_records, list_file, record
from site_builder.vocabularies import EVENT_STATUSES, PUBLICS, THEMATIQUES

MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2})[:h](\d{2}))?")


def moment(node: Node, ctx: Context, path: str) -> dt.date | dt.datetime:
    """« 2026-10-10 » (all day) or « 2026-10-10 18:30 » (Europe/Paris time)."""
    raw = node.strip() if isinstance(node, Scalar) else ""
    match = MOMENT.fullmatch(raw)
    try:
        if not match:
            raise ValueError
        day = plausible(dt.date.fromisoformat(match.group(1)), node, ctx, path)
        if day is INVALID or match.group(2) is None:
            return day
        return dt.datetime.combine(day, dt.time(int(match.group(2)), int(match.group(3))))
    except ValueError:
        return ctx.error(node, path, f"date ou date et heure attendue, reçu {_describe(node)}.",
                         "exemples : « 2026-10-10 » pour la journée, « 2026-10-10 18:30 » avec l'heure.")


PLACE = Schema("le lieu d'un évènement", (
    Field("structure", reference("structure"), default=""),
    Field("nom", text, default=""),
    Field("adresse", text, default=""),
    Field("code_insee", reference("commune"), default=""),
))

EVENT = Schema("un évènement", (
    Field("id", identifier("evenement"), required=True),
    Field("titre", text, required=True),
    Field("resume", text, default=""),
    Field("debut", moment, required=True),
    Field("fin", moment, default=None),
    Field("lieu", record(PLACE), required=True),
    Field("publics", list_of(choice(PUBLICS)), default=()),
    Field("thematiques", list_of(choice(THEMATIQUES)), default=()),
    Field("actions", list_of(reference("action")), default=()),
    Field("organisateurs", list_of(reference("organisation")), default=()),
    Field("inscription", url, default=""),
    Field("entree_libre", boolean, default=None),
    Field("accessibilite", text, default=""),
    Field("statut", choice(EVENT_STATUSES), default="prevu"),
    Field("exemple", boolean, default=False),
))

FILE = list_file("l'agenda", "evenements", EVENT, allow_empty=True)


def parse_events(root: Node, ctx: Context) -> list[Event]:
    events = build_records(root, ctx, FILE, "evenements", lambda fields, raw, path: _event(fields, raw, ctx, path))
    return sorted(events, key=lambda e: (_sort_key(e.debut), e.id))


def _event(fields: dict[str, Any], raw: Any, ctx: Context, path: str) -> Event | None:
    place = fields.pop("lieu")
    if bool(place["structure"]) == bool(place["code_insee"]):
        ctx.error(raw.get("lieu"), f"{path}.lieu", "indiquez soit « structure » (identifiant du répertoire), soit "
                  "une adresse avec « code_insee ».", "exemple : « lieu: {structure: identifiant-de-la-structure} ».",
                  parent_line=raw.line)
        return None
    fields["fin"] = fields["fin"] if fields["fin"] is not None else fields["debut"]
    if isinstance(fields["debut"], dt.datetime) != isinstance(fields["fin"], dt.datetime):
        ctx.error(raw.get("fin"), f"{path}.fin", "début et fin doivent être tous deux des dates, ou tous deux des "
                  "dates avec heure.", parent_line=raw.line)
        return None
    if fields["fin"] < fields["debut"]:
        ctx.error(raw.get("fin"), f"{path}.fin", f"la fin ({raw.get('fin')}) précède le début ({raw.get('debut')}).",
                  "vérifiez les deux dates : la fin doit être le même jour ou après.", parent_line=raw.line)
        return None
    return Event(lieu=Place(**place), **fields)


def _sort_key(moment_value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(moment_value, dt.datetime):
        return moment_value
    return dt.datetime.combine(moment_value, dt.time())
