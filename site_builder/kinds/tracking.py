"""Yearly reviews of the programme (data/suivi/AAAA.yml): one status and one « + / − » per action.

The review presented to the COPIL becomes data: the dashboard, the action pages and the yearly table are
rendered from it, so changing one status in the YAML changes them all at the next build.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from site_builder.action_plan import ActionReview, Axis, Review
from site_builder.converters import boolean, choice, date, integer, number, reference, registered, text, text_list
from site_builder.errors import suggest
from site_builder.load import Mapping, Node, Scalar
from site_builder.models import Contract
from site_builder.schema import INVALID, Context, Converter, Field, Schema, _describe, record
from site_builder.text import MONTHS, fold
from site_builder.vocabularies import ACTION_STATUSES


def keyed_by(key: Converter, value: Converter) -> Converter:
    """A mapping whose keys are checked by `key` (ids, labels) and values by `value`."""

    def convert(node: Node, ctx: Context, path: str) -> dict[str, Any]:
        if not isinstance(node, Mapping):
            return ctx.error(node, path, f"liste de la forme « clé: valeur » attendue, reçu {_describe(node)}.")
        items = {}
        for name, child in node.items():
            name_node = Scalar(name, node.key_lines.get(name, node.line))
            items[name] = (key(name_node, ctx, f"{path}[{name}]"), value(child, ctx, f"{path}.{name}"))
        if any(INVALID in pair for pair in items.values()):
            return INVALID
        return {name: found for name, (_, found) in items.items()}

    return convert


def _label(node: Node, ctx: Context, path: str) -> str:
    return str(node)


ACTION_REVIEW = Schema("le bilan d'une action", (
    Field("statut", choice(ACTION_STATUSES), required=True),
    Field("avancees", text_list, default=()),
    Field("difficultes", text_list, default=()),
    Field("perspectives", text_list, default=()),
    Field("indicateurs", keyed_by(_label, number(0)), default={}),
))


def adoption_date(node: Node, ctx: Context, path: str) -> tuple[dt.date, bool] | Any:
    """The COPIL's date: AAAA-MM-JJ, or only the month: « 2017-06 » or « juin 2017 »."""
    raw = fold(str(node).strip()).lower() if isinstance(node, Scalar) else ""
    month = re.fullmatch(r"(\d{4})-(\d{2})", raw) or re.fullmatch(r"([a-z]+) (\d{4})", raw)
    if month:
        first, second = month.groups()
        year, number = (int(first), int(second)) if first.isdigit() else (int(second), _month_number(first))
        if 1 <= number <= 12:
            return dt.date(year, number, 1), True
    day = date(node, ctx, path)
    return day if day is INVALID else (day, False)


def _month_number(name: str) -> int:
    """« juin » → 6, « fevrier » → 2 (accents already folded); 0 when unknown."""
    names = [fold(m) for m in MONTHS]
    return names.index(name) + 1 if name in names else 0


REVIEW = Schema("un bilan annuel", (
    Field("annee", registered(integer(2000, 2100), "bilan"), required=True),
    Field("date", adoption_date, default=(None, False)),
    Field("libelle", text, default=""),
    Field("actions", keyed_by(reference("action"), record(ACTION_REVIEW)), required=True),
    Field("exemple", boolean, default=False),
))


def parse_review(root: Node, ctx: Context) -> list[Review]:
    values = REVIEW.parse(root, ctx, "")
    if values is INVALID:
        return []
    annee = values["annee"]
    for action_id, raw in root["actions"].items():
        if isinstance(raw, Mapping) and isinstance(raw.get("indicateurs"), Mapping):
            ctx.keep("indicateurs", f"{annee} {action_id}", raw["indicateurs"])
    ctx.keep("bilan", str(annee), root)
    actions = tuple(ActionReview(action=action_id, indicateurs=tuple(fields.pop("indicateurs").items()), **fields)
                    for action_id, fields in values["actions"].items())
    day, by_month = values["date"]
    return [Review(annee=annee, date=day, actions=actions, exemple=values["exemple"], au_mois=by_month,
                   libelle=values["libelle"])]



def check_reviews(reviews: list[Review], axes: list[Axis], contracts: list[Contract], ctx: Context) -> None:
    """Dates within the contract and in order; indicator values only for indicators the action defines."""
    indicators = {a.id: [i.libelle for i in a.indicateurs] for axis in axes for a in axis.actions}
    ordered = sorted(reviews, key=lambda r: r.annee)
    for review in ordered:
        if review.date is None:
            continue
        if contracts and not contracts[0].debut <= review.date.year <= contracts[0].fin + 1:
            ctx.error_in("bilan", str(review.annee), "date", f"date {review.date} hors de la période du contrat "
                         f"({contracts[0].debut}-{contracts[0].fin}).", "vérifiez l'année de la date du comité.")
        if review.date.year < review.annee:
            ctx.error_in("bilan", str(review.annee), "date", f"le bilan {review.annee} ne peut pas être adopté "
                         f"en {review.date.year}.", f"un bilan {review.annee} se vote à la fin de {review.annee} "
                         "ou l'année suivante.")
        for found in review.actions:
            for label, _ in found.indicateurs:
                if found.action in indicators and label not in indicators[found.action]:
                    defined = indicators[found.action]
                    hint = suggest(label, tuple(defined)) or (
                        "indicateurs de cette action : " + " ; ".join(f"« {d} »" for d in defined) + "."
                        if defined else "cette action ne définit aucun indicateur dans le programme.")
                    ctx.error_in("indicateurs", f"{review.annee} {found.action}", label,
                                 f"l'action {found.action} ne définit pas l'indicateur « {label} ».", hint)
    dated = [review for review in ordered if review.date is not None]
    for earlier, later in zip(dated, dated[1:], strict=False):
        if later.date < earlier.date or (later.date == earlier.date and not later.au_mois):
            ctx.error_in("bilan", str(later.annee), "date", f"le bilan {later.annee} est daté du {later.date}, "
                         f"avant celui de {earlier.annee} ({earlier.date}).", "les bilans se suivent dans le temps.")
