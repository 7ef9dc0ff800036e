"""A small declarative schema: each field names a converter; converting a file collects every error.

Every data kind (programme, territory, structures, events…) declares its fields here-style and gets the
same checks for free: unknown keys with a suggestion, missing fields, wrong types, ids and references.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from site_builder import french
from site_builder.errors import ErrorReport, Location, closest, suggest
from site_builder.load import Mapping, Node, Scalar, Sequence, line_of


class _Invalid:
    """Marker for a value that failed conversion (its error is already reported)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


@dataclass
class Reference:
    """A pointer to an id of another kind, checked once every file is loaded."""

    kind: str
    target: str
    location: Location
    field: str


@dataclass
class Context:
    """What converters need: where we are, where errors go, the ids seen and the references to check."""

    file: str
    report: ErrorReport
    ids: dict[str, dict[str, Location]] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    nodes: dict[tuple[str, str], tuple[str, Mapping]] = field(default_factory=dict)
    """Raw mappings of records, by (kind, id), with their file: cross-file checks need their lines."""
    unreadable: set[str] = field(default_factory=set)
    """Kinds with a file that could not be read: checks that need their ids or records are skipped."""
    records: dict[str, list[tuple[str, Mapping, Any]]] = field(default_factory=dict)
    """Every record of the list files, by list key, with its file and raw mapping, converted as far as it could
    be (INVALID fields, or INVALID when not a mapping): checks across files run on what is known."""

    def keep(self, kind: str, ident: str, node: Mapping) -> None:
        self.nodes[(kind, ident)] = (self.file, node)

    def error_in(self, kind: str, ident: str, key: str, message: str, hint: str = "") -> None:
        """Report on field `key` of a record kept earlier (its file and line)."""
        file, node = self.nodes[(kind, ident)]
        line = node.key_lines.get(key, node.line)
        self.report.add(Location(file, line), f"{kind} « {ident} ».{key}", message, hint)

    def at(self, value: object, parent_line: int = 0) -> Location:
        return Location(self.file, line_of(value, parent_line))

    def error(self, value: object, path: str, message: str, hint: str = "", parent_line: int = 0) -> Any:
        self.report.add(self.at(value, parent_line), path, message, hint)
        return INVALID

    def register(self, kind: str, ident: str, value: object, path: str) -> None:
        """Record an id; a second use of the same id is an error naming the first."""
        seen = self.ids.setdefault(kind, {})
        if ident in seen:
            self.error(value, path, f"identifiant « {ident} » déjà utilisé ({seen[ident]}).",
                       "chaque identifiant doit être unique : renommez l'un des deux.")
        else:
            seen[ident] = self.at(value)


Converter = Callable[[Node, Context, str], Any]


@dataclass(frozen=True)
class Field:
    name: str
    convert: Converter
    required: bool = False
    default: Any = None
    allow_empty: bool = False  # an explicitly empty list (`evenements: []`) is a valid value


@dataclass(frozen=True)
class Schema:
    """The fields of one mapping; `label` names the kind in French for messages."""

    label: str
    fields: tuple[Field, ...]
    whole_file: bool = False
    """A data file holding one list: without that list, nothing in the file can be read."""

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def required_names(self) -> set[str]:
        return {f.name for f in self.fields if f.required}

    def parse(self, node: Node, ctx: Context, path: str, parent_line: int = 0) -> dict[str, Any] | Any:
        """Convert a mapping to a dict of converted values, or INVALID after reporting why."""
        return complete(self.fields_of(node, ctx, path, parent_line))

    def fields_of(self, node: Node, ctx: Context, path: str, parent_line: int = 0) -> dict[str, Any] | Any:
        """Convert every field of a mapping, reporting each mistake; a field that failed is INVALID, the others
        keep their value, so checks on them still run in the same report."""
        if not isinstance(node, Mapping):
            expected = ", ".join(f"« {name}: … »" for name in self.names()[:4])
            ctx.report.add(ctx.at(node, parent_line), path or self.label, f"des clés « nom: valeur » sont attendues, "
                           f"reçu {_describe(node)}.", f"clés possibles : {expected}", first=not path)
            return INVALID
        misspelt = self._report_unknown_keys(node, ctx, path)
        values: dict[str, Any] = {}
        for spec in self.fields:
            child_path = _join(path, spec.name)
            raw = node.get(spec.name)
            if spec.allow_empty and isinstance(raw, Sequence) and not raw:
                values[spec.name] = ()
                continue
            if not _is_empty(raw):
                values[spec.name] = spec.convert(raw, ctx, child_path)
            elif not spec.required:
                values[spec.name] = spec.default
            else:
                if spec.name not in misspelt:  # a misspelt key was reported with this name as the suggestion
                    ctx.report.add(Location(ctx.file, node.line), child_path, "champ obligatoire manquant ou vide.",
                                   f"ajoutez « {spec.name}: … » {french.to(self.label)}.", first=self.whole_file)
                values[spec.name] = INVALID
        return values

    def _report_unknown_keys(self, node: Mapping, ctx: Context, path: str) -> set[str]:
        """Report keys the schema does not know; return the field names they were probably meant to be."""
        meant: set[str] = set()
        known = self.names()
        for key in node:
            if key in known:
                continue
            hint = suggest(key, known) or "champs possibles : " + ", ".join(known) + "."
            meant.add(closest(key, known) or "")
            ctx.report.add(Location(ctx.file, node.key_lines[key]), _join(path, key), "champ inconnu.", hint,
                           first=self.whole_file and meant & self.required_names() != set())
        return meant


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _is_empty(value: Node) -> bool:
    return value is None or (isinstance(value, Scalar) and not value.strip()) or (
        isinstance(value, (Sequence, Mapping)) and not value)


def _describe(value: Node) -> str:
    if isinstance(value, Mapping):
        return "un ensemble de clés"
    if isinstance(value, Sequence):
        return "une liste"
    if value is None:
        return "une valeur vide"
    return f"« {_shorten(value)} »"


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- converters -----------------------------------------------------------------------------------


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


def complete(values: dict[str, Any] | Any) -> dict[str, Any] | Any:
    """The values of a record when every field converted, else INVALID."""
    if values is INVALID or any(value is INVALID for value in values.values()):
        return INVALID
    return values


def records(item: Schema) -> Converter:
    """The records of a data file, each converted as far as it can be (see Schema.fields_of): one wrong record
    leaves the others, and the valid fields of its own, to the checks across files."""

    def convert(node: Node, ctx: Context, path: str) -> tuple[Any, ...]:
        if not isinstance(node, Sequence):
            return ctx.error(node, path, f"liste attendue, reçu {_describe(node)}.",
                             "chaque élément commence par « - » sur sa propre ligne.")
        return tuple(item.fields_of(raw, ctx, f"{path}[{i}]", node.line) for i, raw in enumerate(node, 1))

    return convert


def valid(items: tuple[Any, ...]) -> list[dict[str, Any]]:
    """The records of `items` (from `records`) whose every field converted."""
    return [values for values in map(complete, items) if values is not INVALID]


def record(schema: Schema) -> Converter:
    """A nested mapping described by `schema`."""

    def convert(node: Node, ctx: Context, path: str) -> dict[str, Any]:
        return schema.parse(node, ctx, path)

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


def build_records(root: Node, ctx: Context, file_schema: Schema, key: str,
                  build: Callable[[dict[str, Any], Mapping, str], Any]) -> list[Any]:
    """Parse a file holding a list of records under `key`, then `build(fields, raw node, path)` each complete one;
    records `build` rejects (it reported why) return None and are left out. Every record, complete or not, is
    kept in `ctx.records[key]` for the checks across files."""
    values = file_schema.parse(root, ctx, "")
    if values is INVALID:
        return []
    built = []
    for number, (raw, fields) in enumerate(zip(root[key], values[key], strict=True), 1):
        ctx.records.setdefault(key, []).append((ctx.file, raw, fields))
        if complete(fields) is not INVALID:
            built.append(build(fields, raw, f"{key}[{number}]"))
    return [item for item in built if item is not None]


def list_file(label: str, key: str, item: Schema, allow_empty: bool = False) -> Schema:
    """The schema of a data file holding one list of records under `key` (organisations, communes…);
    `allow_empty` for the optional kinds, whose empty list (`evenements: []`) just hides their section."""
    return Schema(label, (Field(key, records(item), required=True, allow_empty=allow_empty),), whole_file=True)
