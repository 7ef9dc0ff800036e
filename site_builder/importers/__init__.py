"""Importers of national open data: one module per source, one merge engine, one way to write the result.

Each source module turns its file into `Imported` records in our keys; `run` merges them into
data/structures.yml (site_builder/importers/merge.py), prints the report, and writes unless simulating.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from site_builder.importers.merge import Imported, MergeReport, merge, own_key
from site_builder.importers.yamlfile import dump, read_structures, write_atomically

# Sources written by an importer (a record of another source is never adopted by a different importer).
SOURCES = ("finess", "cnsa", "annuaire", "data-inclusion", "annuaire-sante")


@dataclass
class Batch:
    """What a source module hands to `run`: its records and how to match them."""

    source: str
    imported: list[Imported]
    skipped: list[str]
    key_of: Callable[[CommentedMap], str | None] | None = None
    section: str | None = None
    add_new: bool = True
    fit: Callable[[CommentedMap, dict[str, Any]], dict[str, Any]] | None = None


def run(batch: Batch, data_dir: Path, today: dt.date, *, simulate: bool) -> tuple[MergeReport, bool]:
    """Merge `batch` into data/structures.yml; return the report and whether the file was written."""
    path = data_dir / "structures.yml"
    document = read_structures(path)
    report = MergeReport(batch.source, skipped=list(batch.skipped))
    merge(document["structures"], batch.imported, report, today, key_of=batch.key_of or own_key(batch.source),
          section=batch.section, add_new=batch.add_new, fit=batch.fit)
    if simulate or not report.writes:
        return report, False
    write_atomically(path, dump(document))
    return report, True


def finess_key(record: CommentedMap) -> str | None:
    """A FINESS record, or a hand-typed one (no importer source) carrying the same FINESS number."""
    if record.get("source") == "finess":
        return str(record.get("id_source") or "") or None
    if record.get("source") in SOURCES or not record.get("finess"):
        return None
    return str(record["finess"])
