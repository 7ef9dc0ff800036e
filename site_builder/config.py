"""Options of the `cls` MkDocs plugin, as written under `plugins:` in mkdocs.yml."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError


class BuildDate(c.BaseConfigOption[dt.date | None]):
    """A date written `2026-06-01` (YAML reads it as a date) or `"2026-06-01"`; empty means today."""

    def run_validation(self, value: object) -> dt.date | None:
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(f"date attendue sous la forme AAAA-MM-JJ, reçu « {value} ».") from None


class ClsPluginConfig(Config):
    data_dir = c.Type(str, default="data")
    """Folder of the CLS data files, relative to mkdocs.yml."""

    edition = c.Choice(("public", "pro"), default="public")
    """`public` (default) or `pro`: the professional edition adds fields meant for professionals only."""

    date = BuildDate()
    """Date of the build, AAAA-MM-JJ (default: today). Fix it for reproducible builds."""

    mise_a_jour_mois = c.Type(int, default=12)
    """Age in months after which a fiche of the repertoire is reported as to be updated."""

    carte_fond = c.Choice(("osm", "ign-plan"), default="osm")
    """Background of the maps: `osm` (OpenStreetMap, default) or `ign-plan` (Plan IGN v2 of the Géoplateforme)."""

    guide_pdf = c.Type(bool, default=True)
    """Also write the printable senior guide as a PDF, when Chromium is installed (skipped by `serve`)."""

    repertoire_seuil = c.Type(int, default=300)
    """Above this number of structures, the repertoire's index lists types and communes, each with its own
    filterable page, instead of every structure: the page stays light on a phone."""
