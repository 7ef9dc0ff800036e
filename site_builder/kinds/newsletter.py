"""Issues of the newsletter (data/lettres/*.md): front matter checked like any data, prose kept as written."""

from __future__ import annotations

from site_builder.load import Node, Scalar
from site_builder.models import Issue
from site_builder.schema import (
    INVALID,
    Context,
    Field,
    Schema,
    boolean,
    date,
    integer,
    reference,
    registered,
    text,
)


def markdown_body(node: Node, ctx: Context, path: str) -> str:
    """The prose after the front matter, kept exactly as written (it is Markdown)."""
    return str(node) if isinstance(node, Scalar) else ""


ISSUE = Schema("une lettre d'information", (
    Field("numero", registered(integer(1, 10000), "lettre"), required=True),
    Field("titre", text, required=True),
    Field("date", date, required=True),
    Field("periode_debut", date, required=True),
    Field("periode_fin", date, required=True),
    Field("resume", text, default=""),
    Field("edito_auteur", text, default=""),
    Field("focus", reference("structure"), default=""),
    Field("exemple", boolean, default=False),
    Field("corps", markdown_body, default=""),
))


def parse_issue(root: Node, ctx: Context) -> list[Issue]:
    values = ISSUE.parse(root, ctx, "")
    if values is INVALID:
        return []
    if not values["corps"].strip():
        ctx.error(root.get("corps"), "", "la lettre n'a pas de texte après l'en-tête.",
                  "écrivez l'édito et les actualités en Markdown sous la seconde ligne « --- ».", parent_line=root.line)
        return []
    if values["periode_fin"] < values["periode_debut"]:
        ctx.error(root.get("periode_fin"), "periode_fin", f"la fin de la période ({values['periode_fin']}) précède "
                  f"son début ({values['periode_debut']}).")
        return []
    return [Issue(**values)]
