"""The professionals listed at a place of the repertoire (`professionnels:` of a structure)."""

from __future__ import annotations

import dataclasses
from typing import Any

from site_builder.directory import Professional, Structure
from site_builder.formats import adeli, rpps
from site_builder.schema import Field, Schema, choice, text
from site_builder.text import fold, slug
from site_builder.vocabularies import PRACTICE_MODES, PROFESSIONS

PROFESSIONAL = Schema("un professionnel de santé", (
    Field("nom", text, required=True),
    Field("profession", choice(PROFESSIONS), required=True),
    Field("prenom", text, default=""),
    Field("civilite", text, default=""),
    Field("specialite", text, default=""),
    Field("mode", choice(PRACTICE_MODES), default=""),
    # RPPS or ADELI number: kept for the next import and the professional edition, never shown publicly.
    Field("rpps", rpps, default=""),
    Field("adeli", adeli, default=""),
))


def professionals(items: tuple[dict[str, Any], ...]) -> tuple[Professional, ...]:
    """The converted `professionnels:` list, as the model holds it."""
    return tuple(Professional(**item) for item in items)


def professions_of(listed: tuple[str, ...], people: tuple[Professional, ...]) -> tuple[str, ...]:
    """The professions a place offers: those written on the record (in their order), then those of its
    professionals (in the vocabulary's order), so the repertoire's profession filter finds who works there."""
    present = {person.profession for person in people}
    return tuple(listed) + tuple(key for key in PROFESSIONS if key in present and key not in listed)


# Kinds of structure where professionals practise together: a practice at the same address joins them.
SHARED_PLACES = frozenset({"msp", "centre-sante"})


def attach_practices(structures: list[Structure], referenced: set[str]) -> list[Structure]:
    """Practices inside a structure of the repertoire (same FINESS site number, or the address of an MSP or
    centre de santé) join it: its fiche lists their professionals, and the map shows one pin, not two.
    A practice that an event or an action names keeps its own fiche."""
    hosts = [s for s in structures if not _practice(s)]
    by_finess = {s.finess: s.id for s in hosts if s.finess}
    by_address = {_address(s): s.id for s in hosts if s.typologie in SHARED_PLACES}
    joining: dict[str, list[Structure]] = {}
    for item in structures:
        if not _practice(item) or item.id in referenced or item.actions:
            continue
        host = by_finess.get(item.finess) if item.finess else None
        host = host or by_address.get(_address(item))
        if host:
            joining.setdefault(host, []).append(item)
    joined = {item.id for items in joining.values() for item in items}
    return [_host(s, joining[s.id]) if s.id in joining else s for s in structures if s.id not in joined]


def _host(host: Structure, practices: list[Structure]) -> Structure:
    """The host with the professionals of the practices it holds (a person listed twice appears once)."""
    people = list(host.professionnels)
    for practice in practices:
        people += [person for person in practice.professionnels if person not in people]
    people.sort(key=lambda p: (list(PROFESSIONS).index(p.profession), fold(p.nom), fold(p.prenom)))
    return dataclasses.replace(host, professionnels=tuple(people),
                               professions=professions_of(host.professions, tuple(people)))


def _practice(item: Structure) -> bool:
    """A place known only by who practises there (imported from the Annuaire Santé, or a typed-in cabinet)."""
    return item.typologie == "cabinet" or (item.source == "annuaire-sante" and bool(item.professionnels))


def _address(item: Structure) -> tuple[str, str]:
    return item.code_insee, slug(item.adresse)
