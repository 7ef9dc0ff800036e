"""Organisations and categories of actors that pilot or support actions (data/organisations.yml)."""

from __future__ import annotations

from site_builder.converters import choice, identifier, text
from site_builder.errors import closest
from site_builder.formats import url
from site_builder.load import Node
from site_builder.models import ORGANISATION_TYPES, Organisation
from site_builder.schema import INVALID, Context, Field, Schema, list_file, valid
from site_builder.text import fold

ORGANISATION = Schema("une organisation", (
    Field("id", identifier("organisation"), required=True),
    Field("nom", text, required=True),
    Field("sigle", text, default=""),
    Field("type", choice(ORGANISATION_TYPES), default="organisation"),
    Field("site_web", url, default=""),
    Field("description", text, default=""),
))

FILE = list_file("le fichier des organisations", "organisations", ORGANISATION)


def parse(root: Node, ctx: Context) -> list[Organisation]:
    """Build the organisations of one file."""
    values = FILE.parse(root, ctx, "")
    if values is INVALID:
        return []
    return [Organisation(**fields) for fields in valid(values["organisations"])]


def suggest_organisation(word: str, organisations: list[Organisation]) -> str:
    """A hint for an unknown organisation id: the one whose acronym or name it is, else a close id or name."""
    typed = fold(word.strip())
    exact = [o for o in organisations if typed in (fold(o.sigle), fold(o.nom))]
    if exact:
        what = "le sigle" if typed == fold(exact[0].sigle) else "le nom"
        found = " ; ".join(f"« {o.id} » ({o.nom})" for o in exact)
        return f"c'est {what} de {found} : écrivez son identifiant, « {exact[0].id} »."
    if match := _near(word.strip(), [o.id for o in organisations]):
        return f"vouliez-vous dire « {match} » ?"
    names = {fold(o.nom): o for o in organisations}
    if near := _near(typed, list(names)):
        return f"vouliez-vous dire « {names[near].id} » ({names[near].nom}) ?"
    return ""


def _near(typed: str, choices: list[str]) -> str | None:
    """A close choice (difflib), or the one choice that contains a typed word of 4 letters or more."""
    if match := closest(typed, choices):
        return match
    holding = [choice for choice in choices if len(typed) >= 4 and typed in choice]
    return holding[0] if len(holding) == 1 else None
