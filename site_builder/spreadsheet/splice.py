"""Rewrite only the records a workbook changed in a list file (structures.yml, evenements.yml).

A round trip of a whole 10,000-record file through ruamel took most of an import's minute and half a gigabyte
(benchmarks/classeur_big.py). Here each edited record's lines go through ruamel alone and are put back in place,
a removed record's lines are cut out, and the records the workbook adds are written after the last one (where
the sheets put them, row_merge.sync_list); the rest of the file stays byte for byte. That is what a whole-file
round trip writes: ruamel hangs the comments and blank lines that follow a record on that record, so they leave
with it, and a record's round trip is checked to give back its lines as written. Any other layout (a record
written « -⏎  id: … », flow style, a key after the list, a list left empty, Windows line
ends…) returns None, and the caller
rewrites the whole file as before.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedSeq

from site_builder import yaml_files
from site_builder.errors import ErrorReport
from site_builder.load import Mapping, Sequence
from site_builder.spreadsheet import documents
from site_builder.spreadsheet.row_merge import Fill, Merge


def splice(text: str, doc: Any, key: str, merge: Merge, file: str) -> str | None:
    """`text` after what `merge` (a pass over the build's plain reading of the files) did to the list `key` of
    `file`: filled records rewritten, removed ones cut, added ones appended; None when the layout does not allow
    it."""
    items = doc.get(key) if isinstance(doc, Mapping) else None
    fills = [fill for fill in merge.fills if fill.file == file]
    removed = [record for where, record in merge.removed if where == file]
    if not isinstance(items, Sequence):
        return None
    added = [item for item in items if id(item) in merge.added]
    kept = [item for item in items if id(item) not in merge.added]
    if not (fills or removed or added) or not kept or "\r" in text or (added and not text.endswith("\n")):
        return None
    lines = text.splitlines(keepends=True)
    spans = _spans(lines, doc, key, [*kept, *removed])
    if spans is None:
        return None
    replaced: dict[int, tuple[int, str]] = {}
    for record in removed:
        start, end = spans[id(record)]
        replaced[start] = (end, "")
    for record in {id(fill.record): fill.record for fill in fills}.values():
        if id(record) not in spans:
            return None
        start, end = spans[id(record)]
        new = _rewrite("".join(lines[start:end]), [fill for fill in fills if fill.record is record])
        if new is None:
            return None
        replaced[start] = (end, new)
    return _assemble(lines, replaced) + (yaml_files.dump(CommentedSeq(added)) if added else "")


def _spans(lines: list[str], doc: Mapping, key: str, records: list[Any]) -> dict[int, tuple[int, int]] | None:
    """0-based [start, end) line span of each record (those still listed and those removed), from its « - »
    line to the next one's."""
    if not all(isinstance(record, Mapping) for record in records):
        return None
    records = sorted(records, key=lambda record: record.line)
    starts = [record.line - 1 for record in records]
    if any(start < 0 or start >= len(lines) or not lines[start].lstrip().startswith("- ") for start in starts):
        return None  # a record written « -⏎  id: … » or in flow style: not cut here
    if len(set(starts)) != len(starts) or list(doc)[-1] != key:
        return None  # another key follows the list: its end is not the file's end
    ends = [*starts[1:], len(lines)]
    return {id(record): (start, end) for record, start, end in zip(records, starts, ends, strict=True)}


def _rewrite(chunk: str, fills: list[Fill]) -> str | None:
    """The record's lines after the fills, through ruamel; None when ruamel would not give them back as written."""
    try:
        loaded = documents.load_chunk(chunk)
    except documents.YAMLError:
        return None
    if yaml_files.dump(loaded) != chunk or not isinstance(loaded, list) or len(loaded) != 1:
        return None
    scratch = Merge({}, ErrorReport())
    for fill in fills:
        scratch.fill("", fill.what, loaded[0], fill.row, fill.sheet, skip=fill.skip)
    return yaml_files.dump(loaded)


def _assemble(lines: list[str], replaced: dict[int, tuple[int, str]]) -> str:
    parts, index = [], 0
    for start in sorted(replaced):
        end, new = replaced[start]
        parts.extend(lines[index:start])
        parts.append(new)
        index = end
    parts.extend(lines[index:])
    return "".join(parts)
