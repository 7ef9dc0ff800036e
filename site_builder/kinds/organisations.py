"""Organisations and categories of actors that pilot or support actions (data/organisations.yml)."""

from __future__ import annotations

from site_builder.formats import url
from site_builder.load import Node
from site_builder.models import ORGANISATION_TYPES, Organisation
from site_builder.schema import INVALID, Context, Field, Schema, choice, identifier, list_file, text, valid

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
