"""Issues of the newsletter (data/lettres/*.md): front matter checked like any data, prose kept as written."""

from __future__ import annotations

from site_builder.converters import (
    INVISIBLE_HINT,
    boolean,
    date,
    integer,
    invisible,
    is_control,
    reference,
    registered,
    text,
)
from site_builder.errors import Location
from site_builder.load import Node, Scalar
from site_builder.news import Issue
from site_builder.schema import INVALID, Context, Field, Schema


def markdown_body(node: Node, ctx: Context, path: str) -> str:
    """The prose after the front matter, kept as written (it is Markdown), without control characters or
    invisible characters that could disguise a link: each is reported on its own line."""
    if not isinstance(node, Scalar):
        return ""
    for number, line in enumerate(node.split("\n"), node.line):
        control = next((c for c in line if c not in "\t\r" and is_control(c)), "")
        hidden = f"U+{ord(control):04X}" if control else invisible(line)
        if hidden:
            ctx.report.add(Location(ctx.file, number), path, f"caractère {'de contrôle' if control else 'invisible'} "
                           f"{hidden} interdit dans le texte de la lettre.", INVISIBLE_HINT)
            return INVALID
    return str(node)


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
