"""Command line: `cls-site validate`, `cls-site build`, `cls-site serve` (also `python -m site_builder`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

import click

from site_builder.errors import DataValidationError
from site_builder.validate import load_model

CONFIG_HELP = "Fichier de configuration MkDocs du site (par défaut : mkdocs.yml)."


@click.group(help="Construit le site public d'un contrat local de santé à partir de ses fichiers de données.")
def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@main.command(help="Vérifie les données et affiche toutes les erreurs, sans construire le site.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True, help="Dossier des fichiers de données.")
def validate(data_dir: Path) -> None:
    try:
        model = load_model(data_dir, Path.cwd())
    except DataValidationError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Données valides : {len(model.actions)} actions, {len(model.organisations)} organisations, "
               f"{len(model.communes)} communes, {len(model.structures)} structures, {len(model.events)} évènements.")


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
