"""The professionals listed at a place of the repertoire (`professionnels:` of a structure)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from site_builder.converters import boolean, choice, date, list_of, text
from site_builder.directory import Professional, Structure
from site_builder.errors import Location, suggest
from site_builder.formats import adeli, rpps
from site_builder.load import Mapping, Node, Scalar, Sequence
from site_builder.schema import INVALID, Context, Field, Schema, _describe, complete
from site_builder.text import date_fr, fold, slug
from site_builder.vocabularies import LANGUAGES, PRACTICE_MODES, PROFESSIONS


def new_patients(node: Node, ctx: Context, path: str) -> str:
    """« oui », « non » or « liste d'attente » (also « sur liste d'attente », « liste-attente »)."""
    raw = re.sub(r"[^a-z]+", " ", fold(node if isinstance(node, Scalar) else "")).split()
    words = [word for word in raw if word not in ("sur", "d", "de")]
    key = {"oui": "oui", "non": "non", "liste attente": "liste-attente"}.get(" ".join(words))
    if key:
        return key
    return ctx.error(node, path, f"valeur inconnue {_describe(node)}.",
                     "écrivez « oui », « non » ou « liste d'attente ».")


LANGUAGE_KEYS = {fold(name): name for name in LANGUAGES} | {"lsf": "langue des signes française"}


def language(node: Node, ctx: Context, path: str) -> str:
    """A language by its French name, whatever its case and accents: « Anglais » → « anglais »."""
    raw = node.strip() if isinstance(node, Scalar) else ""
    if fold(raw) in LANGUAGE_KEYS:
        return LANGUAGE_KEYS[fold(raw)]
    if fold(raw) == "francais":
        return ctx.error(node, path, "le français va de soi sur la fiche.", "indiquez seulement les autres langues.")
    hint = suggest(raw, LANGUAGES) or "langues connues : " + ", ".join(LANGUAGES) + "."
    return ctx.error(node, path, f"langue inconnue {_describe(node)}.", hint)


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
    # What the coordinator knows and no register says: an import never writes or removes these.
    Field("nouveaux_patients", new_patients, default=""),
    Field("nouveaux_patients_au", date, default=None),
    Field("visites_a_domicile", boolean, default=None),
    Field("langues", list_of(language), default=()),
))
COORDINATOR_FIELDS = ("nouveaux_patients", "nouveaux_patients_au", "visites_a_domicile", "langues")


def person(node: Node, ctx: Context, path: str) -> dict[str, Any]:
    """One professional; a new-patients answer and its date go together (each mistake at its own line)."""
    values = PROFESSIONAL.fields_of(node, ctx, path)
    if isinstance(values, dict):
        for key, message, hint in _unpaired(values):
            ctx.error(node.get(key), f"{path}.{key}", message, hint)
    return complete(values)


def _unpaired(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    answer, day = values.get("nouveaux_patients"), values.get("nouveaux_patients_au")
    if answer and answer is not INVALID and day is None:
        yield ("nouveaux_patients", "réponse sans date : la fiche dit toujours de quand date l'information.",
               "ajoutez « nouveaux_patients_au: AAAA-MM-JJ », le jour où vous l'avez appris.")
    if day and day is not INVALID and not answer:
        yield ("nouveaux_patients_au", "date sans réponse.",
               "ajoutez « nouveaux_patients: oui », « non » ou « liste d'attente », ou retirez la date.")


def check_people(file: str, raw: Mapping, fields: dict[str, Any], ctx: Context, today: dt.date) -> None:
    """No new-patients information dated in the future (read from the file, so that it is reported even when
    another field of the list is wrong)."""
    nodes = raw.get("professionnels")
    if not isinstance(nodes, Sequence):
        return
    name = f"structure « {fields['id']} »" if fields["id"] is not INVALID else f"structure ligne {raw.line}"
    for number, node in enumerate(nodes, 1):
        written = node.get("nouveaux_patients_au") if isinstance(node, Mapping) else None
        try:
            day = dt.date.fromisoformat(str(written).strip()) if isinstance(written, Scalar) else None
        except ValueError:
            continue  # reported by the conversion
        if day and day > today:
            ctx.report.add(Location(file, node.key_lines["nouveaux_patients_au"]),
                           f"{name}.professionnels[{number}].nouveaux_patients_au",
                           f"date dans le futur ({date_fr(day)}).",
                           f"la date du jour est le {date_fr(today)} : indiquez le jour où vous l'avez appris.")


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
