"""The converters of the schema's fields (schema.py): each reads one YAML value into a Python one, or reports
in French why it cannot (texts without control characters, numbers within bounds, dates, ids and references,
lists)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from site_builder.errors import suggest
from site_builder.load import Node, Scalar, Sequence
from site_builder.schema import INVALID, Context, Converter, Reference, _describe, _is_empty


def text(node: Node, ctx: Context, path: str) -> str:
    """A single line or paragraph of plain text."""
    if not isinstance(node, Scalar):
        return ctx.error(node, path, f"texte attendu, reçu {_describe(node)}.")
    if "\x00" in node:
        return ctx.error(node, path, "caractère nul interdit dans le texte.")
    if hidden := invisible(node):
        return ctx.error(node, path, f"caractère invisible {hidden} interdit dans le texte.", INVISIBLE_HINT)
    return _clean(node)


# Bidi embeddings, overrides and isolates reorder what a reader sees ("Trojan Source"); zero-width spaces
# hide inside words. Both let a name read differently from what it is. Zero-width joiners (U+200C, U+200D)
# stay allowed: they build emoji such as 👩‍⚕️ and hide nothing on their own.
INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
INVISIBLE_HINT = "supprimez-le (il vient souvent d'un copier-coller) : retapez le texte à la main."


def invisible(value: str) -> str:
    """The first invisible character of `value` that could disguise it, named as « U+202E », or ""."""
    found = INVISIBLE.search(value)
    return f"U+{ord(found.group()):04X}" if found else ""


def text_list(node: Node, ctx: Context, path: str) -> tuple[str, ...]:
    """A list of texts; a single text is accepted as a one-item list."""
    if isinstance(node, Scalar):
        value = text(node, ctx, path)
        return INVALID if value is INVALID else (value,)
    if not isinstance(node, Sequence):
        return ctx.error(node, path, f"liste de textes attendue, reçu {_describe(node)}.")
    items = [text(item, ctx, f"{path}[{i}]") for i, item in enumerate(node, 1) if not _is_empty(item)]
    return INVALID if INVALID in items else tuple(items)


def integer(minimum: int | None = None, maximum: int | None = None) -> Converter:
    """A whole number within optional bounds."""

    def convert(node: Node, ctx: Context, path: str) -> int:
        if not isinstance(node, Scalar) or not re.fullmatch(r"-?\d{1,18}", node.strip()):
            return ctx.error(node, path, f"nombre entier attendu, reçu {_describe(node)}.", _number_hint(node))
        number = int(node)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            return ctx.error(node, path, f"{number} hors des valeurs admises ({_bounds(minimum, maximum)}).")
        return number

    return convert


def number(minimum: float | None = None, maximum: float | None = None) -> Converter:
    """A decimal number (point or comma) within optional bounds."""

    def convert(node: Node, ctx: Context, path: str) -> float:
        raw = node.strip().replace(",", ".") if isinstance(node, Scalar) else ""
        if not re.fullmatch(r"-?\d{1,18}(\.\d{1,18})?", raw):
            return ctx.error(node, path, f"nombre attendu (ex. 48.17), reçu {_describe(node)}.")
        value = float(raw)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            return ctx.error(node, path, f"{raw} hors des valeurs admises ({_bounds(minimum, maximum)}).")
        return value

    return convert


# Dates of a health contract's life. Beyond, a date is a typing slip (« 9999 ») and some outputs cannot even
# hold it: an all-day event ending on 9999-12-31 ends, in iCalendar, on a day Python cannot represent.
YEARS = range(1900, 2200)


def date(node: Node, ctx: Context, path: str) -> dt.date:
    """A calendar date written AAAA-MM-JJ."""
    raw = node.strip() if isinstance(node, Scalar) else ""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise ValueError
        return plausible(dt.date.fromisoformat(raw), node, ctx, path)
    except ValueError:
        hint = "exemple : 2025-03-31."
        if re.fullmatch(r"\d+([.,]\d+)?", raw):  # a year alone, or a spreadsheet's day number
            hint = "une date complète, pas un nombre : année-mois-jour, ex. 2025-03-31."
        return ctx.error(node, path, f"date attendue au format AAAA-MM-JJ, reçu {_describe(node)}.", hint)


def plausible(day: dt.date, node: Node, ctx: Context, path: str) -> dt.date:
    """`day` when its year is in YEARS, else an error."""
    if day.year in YEARS:
        return day
    return ctx.error(node, path, f"année {day.year} invraisemblable (entre {YEARS.start} et {YEARS.stop - 1}).",
                     "vérifiez l'année de la date.")


def boolean(node: Node, ctx: Context, path: str) -> bool:
    """Yes or no, in French or English words."""
    raw = node.strip().lower() if isinstance(node, Scalar) else ""
    if raw in ("oui", "vrai", "true", "yes"):
        return True
    if raw in ("non", "faux", "false", "no"):
        return False
    return ctx.error(node, path, f"« oui » ou « non » attendu, reçu {_describe(node)}.")


def slug(node: Node, ctx: Context, path: str) -> str:
    """Lowercase letters, digits and hyphens: safe in a URL and easy to type."""
    raw = node.strip() if isinstance(node, Scalar) else ""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", raw):
        return ctx.error(node, path, f"identifiant invalide {_describe(node)}.",
                         "utilisez des minuscules sans accent, des chiffres et des tirets, ex. « msp-du-bourg ».")
    return raw


def registered(convert_value: Converter, kind: str) -> Converter:
    """Convert with `convert_value`, then record the result as an id of `kind` (reported if reused)."""

    def convert(node: Node, ctx: Context, path: str) -> str:
        value = convert_value(node, ctx, path)
        if value is not INVALID:
            ctx.register(kind, value, node, path)
        return value

    return convert


def identifier(kind: str) -> Converter:
    """A new id of `kind`, unique across the data."""
    return registered(slug, kind)


def reference(kind: str) -> Converter:
    """An id of another record, resolved after every file is read."""

    def convert(node: Node, ctx: Context, path: str) -> str:
        if not isinstance(node, Scalar) or not node.strip():
            return ctx.error(node, path, f"identifiant attendu, reçu {_describe(node)}.")
        ctx.references.append(Reference(kind, node.strip(), ctx.at(node), path))
        return node.strip()

    return convert


def choice(options: dict[str, str]) -> Converter:
    """One value of a closed list (keys), reported with a suggestion when mistyped."""

    def convert(node: Node, ctx: Context, path: str) -> str:
        raw = node.strip() if isinstance(node, Scalar) else ""
        if raw in options:
            return raw
        hint = suggest(raw, tuple(options)) or "valeurs possibles : " + ", ".join(options) + "."
        return ctx.error(node, path, f"valeur inconnue {_describe(node)}.", hint)

    return convert


def list_of(convert_item: Converter, unique: bool = True) -> Converter:
    """A list whose items all go through `convert_item`; repeated items are reported."""

    def convert(node: Node, ctx: Context, path: str) -> tuple[Any, ...]:
        if isinstance(node, Scalar):
            node = _as_sequence(node)
        if not isinstance(node, Sequence):
            return ctx.error(node, path, f"liste attendue, reçu {_describe(node)}.")
        items = [convert_item(item, ctx, f"{path}[{i}]") for i, item in enumerate(node, 1)]
        if unique:
            _report_repeats(node, items, ctx, path)
        return INVALID if INVALID in items else tuple(items)

    return convert


def _as_sequence(node: Scalar) -> Sequence:
    sequence = Sequence(node.line)
    sequence.append(node)
    return sequence


def _report_repeats(node: Sequence, items: list[Any], ctx: Context, path: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items, 1):
        if not isinstance(item, str):
            continue
        if item in seen:
            ctx.error(node[i - 1], f"{path}[{i}]", f"« {item} » figure deux fois dans la liste.",
                      "supprimez le doublon.")
        seen.add(item)


def _number_hint(node: Node) -> str:
    """A hint when a whole number was expected: a date typed where a year goes, or a number far too long."""
    raw = node.strip() if isinstance(node, Scalar) else ""
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}", raw):
        return f"seule l'année est attendue ici, ex. « {raw[:4] if raw[4:5] == '-' else raw[-4:]} »."
    if re.fullmatch(r"-?\d{19,}", raw):
        return "ce nombre a trop de chiffres : vérifiez la valeur."
    return ""


def _bounds(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f"entre {minimum} et {maximum}"
    return f"au moins {minimum}" if minimum is not None else f"au plus {maximum}"


def _clean(value: str) -> str:
    """Strip surrounding blanks and control characters other than line breaks and tabs."""
    return value.translate(CONTROLS).strip()


def is_control(char: str) -> bool:
    """C0, DEL and C1 control characters (C1 ones, U+0080–U+009F, come from mis-decoded Windows text)."""
    return char < " " or "\x7f" <= char <= "\x9f"


# What _clean deletes with str.translate (one pass in C instead of a test per character).
CONTROLS = {code: None for code in range(0xA0) if is_control(chr(code)) and chr(code) not in "\n\t"}
