"""The action programme: one file per axe (data/programme/axe-N.yml) with its fiches and actions."""

from __future__ import annotations

from typing import Any

from site_builder.action_plan import NO_FICHE, Action, Axis, Fiche, Indicator, Levers
from site_builder.converters import choice, integer, list_of, number, reference, text, text_list
from site_builder.load import Mapping, Node
from site_builder.schema import INVALID, Context, Field, Schema, record
from site_builder.vocabularies import PUBLICS

INDICATOR = Schema("un indicateur", (
    Field("libelle", text, required=True),
    Field("unite", text, default=""),
    Field("cible", number(0), default=None),
))

LEVERS = Schema("les leviers", (
    Field("technique", text_list, default=()),
    Field("organisationnel", text_list, default=()),
    Field("financier", text_list, default=()),
))

ACTION = Schema("une action", (
    Field("numero", integer(1, 99), required=True),
    Field("titre", text, required=True),
    Field("objectif_operationnel", text_list, default=()),
    Field("prerequis", text_list, default=()),
    Field("outils", text_list, default=()),
    Field("etapes", text_list, default=()),
    Field("resultats_attendus", text_list, default=()),
    Field("freins", text_list, default=()),
    Field("pistes", text_list, default=()),
    Field("leviers", record(LEVERS), default=None),
    Field("points_vigilance", text_list, default=()),
    Field("pilotes", list_of(reference("organisation")), required=True),
    Field("partenaires", list_of(reference("organisation")), default=()),
    Field("publics", list_of(choice(PUBLICS)), default=()),
    Field("financements", text_list, default=()),
    Field("indicateurs", list_of(record(INDICATOR), unique=False), default=()),
))

FICHE = Schema("une fiche action", (
    Field("numero", integer(1, 99), required=True),
    Field("titre", text, default=""),
    Field("objectif_general", text, default=""),
    Field("actions", list_of(record(ACTION), unique=False), default=()),
))

AXIS = Schema("un axe", (
    Field("numero", integer(1, 99), required=True),
    Field("titre", text, default=""),
    Field("description", text_list, default=()),
    Field("fiches", list_of(record(FICHE), unique=False), default=()),
    Field("actions", list_of(record(ACTION), unique=False), default=()),  # a programme without fiches
))


def parse(root: Node, ctx: Context) -> list[Axis]:
    """Build one axe with its fiches and actions; numbers must be unique at each level."""
    _register_ids(root, ctx)
    values = AXIS.parse(root, ctx, "")
    if values is INVALID:
        return []
    axe = values["numero"]
    fiches = tuple(_fiche(axe, fields) for fields in values["fiches"])
    if values["actions"] and fiches:
        ctx.error(root.get("actions"), "actions", "un axe a soit des fiches, soit des actions, pas les deux.",
                  "placez ces actions dans une fiche (« fiches: »), ou toutes les actions de l'axe sous « actions: ».")
        return []
    if values["actions"]:
        fiches = (_fiche(axe, {"numero": NO_FICHE, "titre": "", "objectif_general": "",
                               "actions": values["actions"]}),)
    return [Axis(axe, values["titre"], values["description"], fiches)]


def _register_ids(root: Node, ctx: Context) -> None:
    """Record the ids of the axe, its fiches and actions from the raw file, even if a field elsewhere is wrong:
    references to them from other files then resolve, and the report shows only the real mistake."""
    axe = _number(root)
    if axe is None:
        return
    ctx.register("axe", axe, root.get("numero"), "numero")
    for i, fiche in enumerate(_items(root, "fiches"), 1):
        if (number := _number(fiche)) is not None:
            ctx.register("fiche", f"{axe}-{number}", fiche.get("numero"), f"fiches[{i}].numero")
            for j, action in enumerate(_items(fiche, "actions"), 1):
                if (numero := _number(action)) is not None:
                    ctx.register("action", f"{axe}-{number}-{numero}", action.get("numero"),
                                 f"fiches[{i}].actions[{j}].numero")
    for j, action in enumerate(_items(root, "actions"), 1):
        if (numero := _number(action)) is not None:
            ctx.register("action", f"{axe}-{numero}", action.get("numero"), f"actions[{j}].numero")


def _items(node: Node, key: str) -> list[Mapping]:
    items = node.get(key) if isinstance(node, Mapping) else None
    return [item for item in items if isinstance(item, Mapping)] if isinstance(items, list) else []


def _number(node: Node) -> str | None:
    raw = node.get("numero") if isinstance(node, Mapping) else None
    return str(int(raw)) if isinstance(raw, str) and raw.strip().isdigit() else None


def _fiche(axe: int, fields: dict[str, Any]) -> Fiche:
    actions = tuple(_action(axe, fields["numero"], action) for action in fields["actions"])
    return Fiche(axe, fields["numero"], fields["titre"], fields["objectif_general"], actions)


def _action(axe: int, fiche: int, fields: dict[str, Any]) -> Action:
    levers = fields.pop("leviers")
    levers = Levers(**levers) if levers else Levers()
    indicators = tuple(Indicator(**indicator) for indicator in fields.pop("indicateurs"))
    return Action(axe=axe, fiche=fiche, leviers=levers, indicateurs=indicators, **fields)
