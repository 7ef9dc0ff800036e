"""The site's name, description, copyright, colours and logo, from data/cls.yml into MkDocs' configuration."""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_builder import theme
from site_builder.errors import DataValidationError, ErrorReport, Location
from site_builder.kinds.territory import RGAA_STATES
from site_builder.models import SiteModel


def say_territory(config: MkDocsConfig, model: SiteModel) -> None:
    """Site name, description and copyright come from data/cls.yml unless mkdocs.yml sets them.

    Material writes these three into its pages as they are (the copyright may hold HTML): from data, they
    are escaped here, or a name like « <img onerror=…> » would run in every page."""
    contract = model.contract
    config.site_name = html.escape(contract.nom)
    config.extra["nom_court"] = html.escape(contract.nom_court or f"CLS {contract.territoire}")  # header, phone
    config.extra["conformite_rgaa"] = RGAA_STATES[contract.conformite_rgaa]  # the footer of every page
    config.extra["index_az"] = bool(model.structures)  # the header's no-JS link to the repertoire's index A–Z
    if not config.site_description:
        config.site_description = html.escape(f"Le contrat local de santé {contract.debut}-{contract.fin} du "
                                              f"territoire {contract.territoire} : programme d'actions, "
                                              "partenaires, actualités.")
    if not config.copyright:
        porteur = model.organisation_by_id[contract.porteur]
        config.copyright = html.escape(f"{porteur.nom} — contenu sous Licence Ouverte 2.0")
    if contract.couleur_principale and theme.CSS_URI not in config.extra_css:
        config.extra_css.append(theme.CSS_URI)
    if contract.logo:
        config.theme["logo"] = contract.logo


def check_logo(model: SiteModel, docs_dir: Path, data_dir: Path, root: Path) -> None:
    """The logo named in cls.yml must be an image of content/, checked before anything is written."""
    logo = model.contract.logo
    if logo and not (docs_dir / logo).is_file():
        report = ErrorReport()
        report.add(Location((data_dir / "cls.yml").relative_to(root).as_posix()), "logo",
                   f"image « {logo} » introuvable dans {docs_dir.relative_to(root).as_posix()}/.",
                   "placez l'image dans content/assets/ et écrivez « logo: assets/nom-du-fichier.svg ».")
        raise DataValidationError(report)
