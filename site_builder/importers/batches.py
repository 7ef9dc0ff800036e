"""Source name → its file read into a `Batch`, with the summary lines the coordinator reads first.

The one place that knows how each national file becomes a batch: `cls-site importer <source>` prints the lines
and merges the batch, `cls-site rafraichir` merges the same batch — a refresh and a hand import cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.importers import Batch, finess_key
from site_builder.importers.merge import MergeReport
from site_builder.importers.territory_towns import read_towns


@dataclass
class Prepared:
    """A source file read for the territory: what to say about it, what to merge, and how to word the report."""

    batch: Batch
    lines: list[str] = field(default_factory=list)
    tidy: Callable[[MergeReport], MergeReport] = lambda report: report


def finess(paths: Sequence[Path], data_dir: Path, today: dt.date) -> Prepared:
    from site_builder.importers.finess import SOURCE, complete_new, read_finess

    skipped: list[str] = []
    towns = read_towns(data_dir)
    found = read_finess(paths[0], towns, skipped)
    complete_new(found, data_dir, towns, skipped)
    extracted = f"extrait le {found.extracted}" if found.extracted else "date d'extraction non indiquée"
    line = (f"Fichier FINESS {found.layout}, encodage {found.encoding}, {extracted} : {len(found.imported)} "
            "établissement(s) dans les communes du territoire.")
    return Prepared(Batch(SOURCE, found.imported, skipped, key_of=finess_key), [line])


def cnsa(paths: Sequence[Path], data_dir: Path, today: dt.date) -> Prepared:
    from site_builder.importers.cnsa import SOURCE, finess_number, fit_kind, read_cnsa, repertoire_numbers

    skipped: list[str] = []
    summary, imported = read_cnsa(paths[0], repertoire_numbers(data_dir), skipped)
    batch = Batch(SOURCE, imported, skipped, key_of=finess_number, section="seniors", add_new=False, fit=fit_kind)
    return Prepared(batch, [summary])


def annuaire(paths: Sequence[Path], data_dir: Path, today: dt.date) -> Prepared:
    from site_builder.importers.annuaire import SOURCE, read_annuaire

    skipped: list[str] = []
    notes: list[str] = []
    imported = read_annuaire(paths[0], read_towns(data_dir), skipped, notes)
    return Prepared(Batch(SOURCE, imported, skipped), notes)


def inclusion(paths: Sequence[Path], data_dir: Path, today: dt.date) -> Prepared:
    from site_builder.importers.data_inclusion import SOURCE, read_inclusion

    skipped: list[str] = []
    notes: list[str] = []
    imported = read_inclusion(list(paths), read_towns(data_dir), skipped, notes)
    return Prepared(Batch(SOURCE, imported, skipped), notes)


def annuaire_sante(paths: Sequence[Path], data_dir: Path, today: dt.date) -> Prepared:
    from site_builder.importers.practices_import import prepare, tidy

    batch, lines = prepare(paths[0], data_dir, today)
    return Prepared(batch, lines, tidy)


PREPARE: dict[str, Callable[[Sequence[Path], Path, dt.date], Prepared]] = {
    "finess": finess, "cnsa": cnsa, "annuaire": annuaire, "annuaire-sante": annuaire_sante,
    "data-inclusion": inclusion,
}
