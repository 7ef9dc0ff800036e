"""Importers of national open data: one module per source, one merge engine, one way to write the result.

Each source module turns its file into `Imported` records in our keys; `run` checks them (a file that
brings nothing, or far fewer records than the source already has in the repertoire, stops; positions and
prices go through site_builder/importers/plausible.py), merges them into data/structures.yml
(site_builder/importers/merge.py), prints the report, and writes unless simulating.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from site_builder.importers.merge import Imported, MergeReport, merge, own_key
from site_builder.importers.plausible import screen
from site_builder.importers.source_errors import SourceFileError
from site_builder.importers.territory_towns import Town, read_towns
from site_builder.importers.yamlfile import dump, read_structures
from site_builder.kinds.structures import territory_box
from site_builder.yaml_files import write_atomically, written

# Sources written by an importer (a record of another source is never adopted by a different importer).
SOURCES = ("finess", "cnsa", "annuaire", "data-inclusion", "annuaire-sante")
# A file bringing fewer than SHRINK_RATIO of the records its source has in the repertoire (not counting those
# already gone from it), when that source has at least SHRINK_FROM, is taken for a truncated or misread file:
# the import stops, since merging it would mark all the others as gone. `--forcer` imports it anyway.
SHRINK_RATIO = 0.5
SHRINK_FROM = 10


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


def run(batch: Batch, data_dir: Path, today: dt.date, *, simulate: bool,
        force: bool = False) -> tuple[MergeReport, bool]:
    """Merge `batch` into data/structures.yml; return the report and whether the file was written.

    A batch that cannot be a complete read of its file raises SourceFileError before anything is changed."""
    path = data_dir / "structures.yml"
    document = read_structures(path)
    records = document["structures"]
    report = MergeReport(batch.source, skipped=list(batch.skipped))
    key_of = batch.key_of or own_key(batch.source)
    items = _unique(batch.imported, report.skipped)
    if not force and batch.add_new:  # an update-only batch (CNSA) marks nothing as gone: nothing to lose
        check_complete(batch.source, items, records)
    held = {key for record in records if (key := key_of(record))}
    towns = _towns(data_dir, items)
    screen(items, batch.section, territory_box(list(towns.values())), {i.id_source for i in items} - held, towns,
           report.refused)
    merge(records, items, report, today, key_of=key_of, section=batch.section, add_new=batch.add_new, fit=batch.fit)
    if simulate or not report.writes:
        return report, False
    write_atomically(path, dump(document))
    return report, True


def check_complete(source: str, items: list[Imported], records: list[CommentedMap]) -> None:
    """Refuse a batch that brings nothing, or far fewer records than the repertoire holds from its source."""
    if not items:
        raise SourceFileError(f"le fichier n'apporte aucun enregistrement de vos communes (vide, tronqué, mauvais "
                              f"séparateur, ou pas un fichier « {source} » ?). Rien n'a été écrit. Si c'est bien le "
                              "bon fichier, relancez avec --forcer.")
    held = sum(1 for record in records
               if record.get("source") == source and record.get("disparu_de_la_source") is None)
    if held >= SHRINK_FROM and len(items) < held * SHRINK_RATIO:
        raise SourceFileError(f"le fichier n'apporte que {len(items)} enregistrement(s) de vos communes, alors que "
                              f"le répertoire en tient {held} venus de « {source} » (il en faut au moins la moitié). "
                              "Fichier tronqué ou mal lu ? Rien n'a été écrit. Si la source a vraiment perdu plus de "
                              "la moitié de ces structures, relancez avec --forcer : les autres seront marquées "
                              "« disparu_de_la_source ».")


def _unique(imported: list[Imported], skipped: list[str]) -> list[Imported]:
    """The batch once per id in the source, sorted by it: new ids do not depend on the order of the file."""
    by_id: dict[str, Imported] = {}
    for item in imported:
        if item.id_source in by_id:
            skipped.append(f"{item.id_source} figure deux fois : le dernier enregistrement est gardé.")
        by_id[item.id_source] = Imported(item.id_source, dict(item.fields))
    return [by_id[key] for key in sorted(by_id)]


def _towns(data_dir: Path, items: list[Imported]) -> dict[str, Town]:
    """The territory's communes when a position must be checked against them (none when there are none)."""
    if not any("latitude" in item.fields for item in items) or not (data_dir / "communes.yml").exists():
        return {}
    return read_towns(data_dir)


def finess_key(record: CommentedMap) -> str | None:
    """A FINESS record, or a hand-typed one (no importer source) carrying the same FINESS number."""
    if record.get("source") == "finess":
        return written(record.get("id_source") or "") or None
    if record.get("source") in SOURCES or not record.get("finess"):
        return None
    return written(record["finess"])
