"""Rewrite only the records a workbook changed in a list file (structures.yml, evenements.yml).

A round trip of a whole 10,000-record file through ruamel took most of an import's minute and half a gigabyte
(benchmarks/classeur_big.py). When the workbook only edits fields of existing records, each edited record's
lines go through ruamel alone and are put back in place; the rest of the file stays byte for byte. Anything
else (a record added or removed, a layout the record's round trip does not give back identical) returns
None, and the caller rewrites the whole file as before.
"""

from __future__ import annotations

from typing import Any

from site_builder.errors import ErrorReport
from site_builder.load import Mapping, Sequence
from site_builder.spreadsheet import documents
from site_builder.spreadsheet.row_merge import Fill, Merge


def splice(text: str, doc: Any, key: str, fills: list[Fill]) -> str | None:
    """`text` with each filled record's lines replaced by their ruamel round trip after the same fills; None
    when the file's layout does not allow it."""
    items = doc.get(key) if isinstance(doc, Mapping) else None
    if not isinstance(items, Sequence) or not fills:
        return None
    lines = text.splitlines(keepends=True)
    spans = _spans(lines, doc, key, items)
    if spans is None:
        return None
    replaced: dict[int, tuple[int, str]] = {}
    for record in {id(fill.record): fill.record for fill in fills}.values():
        if id(record) not in spans:
            return None
        start, end = spans[id(record)]
        new = _rewrite("".join(lines[start:end]), [fill for fill in fills if fill.record is record])
        if new is None:
            return None
        replaced[start] = (end, new)
    return _assemble(lines, replaced)


def _spans(lines: list[str], doc: Mapping, key: str, items: Sequence) -> dict[int, tuple[int, int]] | None:
    """0-based [start, end) line span of each record, from its « - » line to the next one's."""
    starts = [item.line - 1 if isinstance(item, Mapping) else -1 for item in items]
    if any(start < 0 or start >= len(lines) or not lines[start].lstrip().startswith("- ") for start in starts):
        return None  # a record written « -⏎  id: … » or in flow style: not cut here
    keys = list(doc)
    if keys[-1] != key:
        return None  # another key follows the list: its end is not the file's end
    ends = [*starts[1:], len(lines)]
    return {id(item): (start, end) for item, start, end in zip(items, starts, ends, strict=True)}


def _rewrite(chunk: str, fills: list[Fill]) -> str | None:
    """The record's lines after the fills, through ruamel; None when ruamel would not give them back as written."""
    try:
        loaded = documents.load_chunk(chunk)
    except documents.YAMLError:
        return None
    if documents.dump(loaded) != chunk or not isinstance(loaded, list) or len(loaded) != 1:
        return None
    scratch = Merge({}, ErrorReport())
    for fill in fills:
        scratch.fill("", fill.what, loaded[0], fill.row, fill.sheet, skip=fill.skip)
    return documents.dump(loaded)


def _assemble(lines: list[str], replaced: dict[int, tuple[int, str]]) -> str:
    parts, index = [], 0
    for start in sorted(replaced):
        end, new = replaced[start]
        parts.extend(lines[index:start])
        parts.append(new)
        index = end
    parts.extend(lines[index:])
    return "".join(parts)
