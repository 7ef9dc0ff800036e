"""The national sources `cls-site rafraichir` knows, their official download addresses, and how cls.yml names them.

A territory declares the sources it uses once, in data/cls.yml:

    sources:
      finess: oui                      # the official address below
      cnsa: oui
      annuaire: "https://…/autre.json" # another address
      data-inclusion: non

The addresses were taken from public code and documentation (2026-12); none could be reached from the
machine this was written on, so each is a default the coordinator can replace without touching code.
This module imports nothing of the package: the data schema (kinds/territory.py) reads its names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class SourceSpec:
    """One national source: its name in cls.yml, how the report calls it, where to fetch it."""

    name: str
    label: str
    url: str
    format: str  # the file's format on data.gouv.fr (csv, json, zip…), to pick a dataset's resource
    pick: str = ""  # data.gouv.fr dataset: a word of the resource title to take (the newest such resource)
    min_bytes: int = 200  # below: the file is an error page or empty, not the national file
    short: str = ""  # the name a visitor reads in the site's freshness line


SPECS: tuple[SourceSpec, ...] = (
    # « FINESS - Extraction du fichier des établissements », geolocated extract etalab-cs1100507 (stable address,
    # redirects to static.data.gouv.fr).
    SourceSpec("finess", "FINESS (établissements sanitaires et médico-sociaux)",
               "https://www.data.gouv.fr/api/1/datasets/r/98f3161f-79ff-4f16-8f6a-6d571a80fea2", "csv", short="FINESS"),
    # CNSA « Prix hébergement et tarifs dépendance des EHPAD – données brutes »: a new resource each month, so the
    # dataset is asked for its newest « brute » CSV.
    SourceSpec("cnsa", "CNSA (prix des EHPAD)",
               "https://www.data.gouv.fr/api/1/datasets/prix-hebergement-et-tarifs-dependance-des-ehpad-donnees-brutes/",
               "csv", pick="brute", short="CNSA (prix des EHPAD)"),
    # DILA « Annuaire de l'administration – base de données locales »: a tar.bz2 of JSON (about 350 MB).
    SourceSpec("annuaire", "Annuaire de l'administration (DILA)",
               "https://lecomarquage.service-public.gouv.fr/donnees_locales_v4/all_latest.tar.bz2", "tar.bz2",
               min_bytes=1000, short="Annuaire de l'administration"),
    # ANS « Annuaire Santé » public extraction PS_LibreAcces: a zip of three `|`-separated files, every day.
    SourceSpec("annuaire-sante", "Annuaire Santé (professionnels de santé, ANS)",
               "https://service.annuaire.sante.fr/annuaire-sante-webservices/V300/services/extraction/PS_LibreAcces",
               "zip", min_bytes=1000, short="Annuaire Santé"),
    # data·inclusion « Référentiel de l'offre d'insertion »: the newest structures export of the dataset.
    SourceSpec("data-inclusion", "data·inclusion (offre d'insertion sociale)",
               "https://www.data.gouv.fr/api/1/datasets/referentiel-de-loffre-dinsertion-liste-des-structures-et-"
               "services-dinsertion/", "json", pick="structures", short="data·inclusion"),
)
NAMES: tuple[str, ...] = tuple(spec.name for spec in SPECS)
BY_NAME = {spec.name: spec for spec in SPECS}
YES, NO = frozenset({"oui", "vrai", "true", "yes"}), frozenset({"non", "faux", "false", "no"})


@dataclass(frozen=True)
class Declared:
    """A source the territory uses, at the address it declared (or the official one)."""

    spec: SourceSpec
    url: str


def declared(data_dir: Path) -> list[Declared]:
    """The sources of data/cls.yml `sources:`, in the order they must run (FINESS before CNSA)."""
    path = data_dir / "cls.yml"
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) if path.exists() else None
    chosen = (document or {}).get("sources") or {}
    if not isinstance(chosen, dict):
        return []
    found = []
    for spec in SPECS:  # the order of SPECS: records a later source completes exist first
        value = str(chosen.get(spec.name, "non")).strip()
        if value.lower() in NO:
            continue
        found.append(Declared(spec, spec.url if value.lower() in YES else value))
    return found
