"""The professionals listed at a place of the repertoire (`professionnels:` of a structure)."""

from __future__ import annotations

from typing import Any

from site_builder.models import Professional
from site_builder.schema import Field, Schema, choice, text
from site_builder.vocabularies import PRACTICE_MODES, PROFESSIONS

PROFESSIONAL = Schema("un professionnel de santé", (
    Field("nom", text, required=True),
    Field("profession", choice(PROFESSIONS), required=True),
    Field("prenom", text, default=""),
    Field("civilite", text, default=""),
    Field("specialite", text, default=""),
    Field("mode", choice(PRACTICE_MODES), default=""),
    # RPPS or ADELI number: kept for the next import and the professional edition, never shown publicly.
    Field("rpps", text, default=""),
    Field("adeli", text, default=""),
))


def professionals(items: tuple[dict[str, Any], ...]) -> tuple[Professional, ...]:
    """The converted `professionnels:` list, as the model holds it."""
    return tuple(Professional(**item) for item in items)


def professions_of(listed: tuple[str, ...], people: tuple[Professional, ...]) -> tuple[str, ...]:
    """The professions a place offers: those written on the record and those of its professionals, in the
    vocabulary's order (so the repertoire's profession filter finds a practice by who works there)."""
    present = set(listed) | {person.profession for person in people}
    return tuple(key for key in PROFESSIONS if key in present)
