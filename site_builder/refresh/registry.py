"""Source name → the importer that reads its file, as a `Batch` ready for `importers.run`.

The one place `cls-site rafraichir` learns how each national file is read: the same readers and the same
merge as `cls-site importer <source>`, so a refresh and a hand import can never disagree.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from site_builder.importers import Batch, finess_key
from site_builder.importers.errors import SourceFileError
from site_builder.importers.territory import read_towns

Reader = Callable[[Path, Path], Batch]


def _finess(path: Path, data_dir: Path) -> Batch:
    from site_builder.importers.finess import SOURCE, read_finess

    skipped: list[str] = []
    _extracted, imported = read_finess(path, read_towns(data_dir), skipped)
    return Batch(SOURCE, imported, skipped, key_of=finess_key)


def _cnsa(path: Path, data_dir: Path) -> Batch:
    from site_builder.importers.cnsa import SOURCE, finess_number, fit_kind, read_cnsa

    skipped: list[str] = []
    imported = read_cnsa(path, skipped)
    return Batch(SOURCE, imported, skipped, key_of=finess_number, section="seniors", add_new=False, fit=fit_kind)


def _annuaire(path: Path, data_dir: Path) -> Batch:
    from site_builder.importers.annuaire import SOURCE, read_annuaire

    skipped: list[str] = []
    return Batch(SOURCE, read_annuaire(path, read_towns(data_dir), skipped), skipped)


def _inclusion(path: Path, data_dir: Path) -> Batch:
    from site_builder.importers.inclusion import SOURCE, read_inclusion

    skipped: list[str] = []
    return Batch(SOURCE, read_inclusion(path, read_towns(data_dir), skipped), skipped)


def _annuaire_sante(path: Path, data_dir: Path) -> Batch:
    """The Annuaire Santé importer, when this version has it (`batch(path, data_dir)` in its module)."""
    try:
        module = importlib.import_module("site_builder.importers.annuaire_sante")
    except ImportError:
        raise SourceFileError("cette version de cls-site n'a pas encore d'importateur pour l'Annuaire Santé : "
                              "retirez « annuaire-sante » des sources de data/cls.yml ou mettez cls-site à jour.") \
            from None
    return module.batch(path, data_dir)


READERS: dict[str, Reader] = {
    "finess": _finess, "cnsa": _cnsa, "annuaire": _annuaire, "annuaire-sante": _annuaire_sante,
    "data-inclusion": _inclusion,
}
