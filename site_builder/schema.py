"""A small declarative schema: each field names a converter (converters.py); converting a file collects every error.

Every data kind (programme, territory, structures, events…) declares its fields here-style and gets the
same checks for free: unknown keys with a suggestion, missing fields, wrong types, ids and references.
"""

from __future__ import annotations

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
