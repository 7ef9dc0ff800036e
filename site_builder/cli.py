"""Command line: `cls-site validate`, `cls-site build`, `cls-site serve` (also `python -m site_builder`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import sys
from pathlib import Path

import click

from site_builder.checks import load_project
from site_builder.errors import DataValidationError
from site_builder.models import SiteModel
from site_builder.prepare import prepare_pages

CONFIG_HELP = "Fichier de configuration MkDocs du site (par défaut : mkdocs.yml)."


@click.group(help="Construit le site public d'un contrat local de santé à partir de ses fichiers de données.")
def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@main.command(help="Vérifie les données et les pages de content/ et affiche toutes les erreurs, sans rien écrire.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, help=CONFIG_HELP)
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier des fichiers de données (par défaut : celui de mkdocs.yml, sinon data).")
@click.option("--contenu", "docs_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier des pages écrites à la main (par défaut : celui de mkdocs.yml, sinon content).")
@click.option("--date", "check_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date de construction AAAA-MM-JJ, comme pour build ; par défaut celle de mkdocs.yml ou aujourd'hui.")
def validate(config_file: str, data_dir: Path | None, docs_dir: Path | None, check_date: dt.datetime | None) -> None:
    today = check_date.date() if check_date else None
    try:
        if Path(config_file).is_file():
            model = _check_project(config_file, data_dir, docs_dir, today)
        else:  # without mkdocs.yml: the data and the pages, but not the generated pages' places
            model = load_project(data_dir or Path("data"), docs_dir or Path("content"), Path.cwd(), today=today)
    except DataValidationError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Données valides : {len(model.actions)} actions, {len(model.organisations)} organisations, "
               f"{len(model.communes)} communes, {len(model.structures)} structures, {len(model.events)} évènements.")


def _check_project(config_file: str, data_dir: Path | None, docs_dir: Path | None, today: dt.date | None) -> SiteModel:
    """What the build checks before writing anything (plugin.on_config), without building."""
    from mkdocs.config import load_config

    config = load_config(config_file=config_file)
    options = config.plugins["cls"].config
    root = Path(config.config_file_path).parent
    docs_dir = docs_dir or Path(config.docs_dir)
    model = load_project(data_dir or root / options.data_dir, docs_dir, root, today=today or options.date,
                         edition=options.edition, stale_after_months=options.mise_a_jour_mois)
    model = dataclasses.replace(model, site_url=config.site_url or "",
                                guide_pdf=options.guide_pdf and bool(model.senior_establishments))
    prepare_pages(model, docs_dir, root)
    return model


@main.command(help="Construit le site dans le dossier site/ (l'ancien site reste intact en cas d'erreur).")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, help=CONFIG_HELP)
@click.option("-d", "--site-dir", default=None, help="Dossier de sortie (par défaut : celui de mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Échoue aussi sur les avertissements (liens cassés…).")
@click.option("--date", "build_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date de construction AAAA-MM-JJ (« à venir », fiches à mettre à jour) ; par défaut aujourd'hui.")
def build(config_file: str, site_dir: str | None, strict: bool, build_date: dt.datetime | None) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _log_to_console()
    try:
        config = load_config(config_file=config_file, site_dir=site_dir, strict=strict or None)
        if build_date:
            config.plugins["cls"].config.date = build_date.date()
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except Abort as error:  # already in French (the plugin's on_build_error)
        click.echo(str(error), err=True)
        sys.exit(1)
    except ConfigurationError as error:
        click.echo(f"Échec de la construction : {error}", err=True)
        sys.exit(1)


@main.command(help="Sert le site sur http://127.0.0.1:8000 et le reconstruit à chaque modification.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, help=CONFIG_HELP)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Adresse d'écoute.")
def serve(config_file: str, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _log_to_console()
    mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True)


class _ClickHandler(logging.Handler):
    """Log through click, so messages go to the current stderr (also under CliRunner)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


def _log_to_console() -> None:
    """Show MkDocs' and our messages as `mkdocs build` would."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _ClickHandler) for h in logger.handlers):
        handler = _ClickHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
