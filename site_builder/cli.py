"""Command line: `cls-site validate`, `cls-site build`, `cls-site serve` (also `python -m site_builder`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

import click

from site_builder.checks import load_project
from site_builder.errors import DataValidationError

CONFIG_HELP = "Fichier de configuration MkDocs du site (par défaut : mkdocs.yml)."


@click.group(help="Construit le site public d'un contrat local de santé à partir de ses fichiers de données.")
def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@main.command(help="Vérifie les données et affiche toutes les erreurs, sans construire le site.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True, help="Dossier des fichiers de données.")
@click.option("--contenu", "docs_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("content"),
              show_default=True, help="Dossier des pages écrites à la main (vérifiées aussi).")
def validate(data_dir: Path, docs_dir: Path) -> None:
    try:
        model = load_project(data_dir, docs_dir, Path.cwd())
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
    except (Abort, ConfigurationError) as error:
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


DATA_OPTION = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                           default=Path("data"), show_default=True, help="Dossier des fichiers de données.")
SIMULATE_OPTION = click.option("--simuler", "simulate", is_flag=True,
                               help="Affiche le rapport des changements sans rien écrire.")
TODAY_OPTION = click.option("--date", "today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                            help="Date de l'import AAAA-MM-JJ (fiches disparues) ; par défaut aujourd'hui.")
SOURCE_FILE = click.argument("fichier", type=click.Path(exists=True, dir_okay=False, path_type=Path))


@main.group(help="Importe des données nationales ouvertes dans data/structures.yml, sans écraser vos corrections.")
def importer() -> None:
    pass


@importer.command("finess", help="Établissements du fichier FINESS (etalab-cs1100507) situés dans vos communes.")
@SOURCE_FILE
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
def import_finess(fichier: Path, data_dir: Path, simulate: bool, today: dt.datetime | None) -> None:
    from site_builder.importers import Batch, finess_key
    from site_builder.importers.finess import SOURCE, read_finess
    from site_builder.importers.territory import read_towns

    skipped: list[str] = []
    extracted, imported = read_finess(fichier, read_towns(data_dir), skipped)
    click.echo(f"Fichier FINESS extrait le {extracted or 'date inconnue'} : {len(imported)} établissement(s) "
               "dans les communes du territoire.")
    _import(Batch(SOURCE, imported, skipped, key_of=finess_key), data_dir, simulate, today)


def _import(batch: object, data_dir: Path, simulate: bool, today: dt.datetime | None) -> None:
    """Merge, print the report, say what was written."""
    from site_builder.importers import run

    report, written = run(batch, data_dir, today.date() if today else dt.date.today(), simulate=simulate)
    click.echo(report.text())
    if simulate:
        click.echo("Simulation : rien n'a été écrit.")
    elif written:
        click.echo(f"{data_dir / 'structures.yml'} mis à jour. Vérifiez avec « cls-site validate ».")


@importer.command("cnsa", help="Prix et caractéristiques des établissements pour personnes âgées (annuaire CNSA, "
                  "JSON ou CSV) : remplit la partie « seniors » des structures de même numéro FINESS.")
@SOURCE_FILE
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
def import_cnsa(fichier: Path, data_dir: Path, simulate: bool, today: dt.datetime | None) -> None:
    from site_builder.importers import Batch
    from site_builder.importers.cnsa import SOURCE, finess_number, fit_kind, read_cnsa

    skipped: list[str] = []
    imported = read_cnsa(fichier, skipped)
    batch = Batch(SOURCE, imported, skipped, key_of=finess_number, section="seniors", add_new=False, fit=fit_kind)
    _import(batch, data_dir, simulate, today)


@importer.command("annuaire", help="Services publics de vos communes (CCAS, CAF, CPAM, MSA, France services, PMI…) "
                  "de l'Annuaire de l'administration (export JSON de la DILA).")
@SOURCE_FILE
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
def import_annuaire(fichier: Path, data_dir: Path, simulate: bool, today: dt.datetime | None) -> None:
    from site_builder.importers import Batch
    from site_builder.importers.annuaire import SOURCE, read_annuaire
    from site_builder.importers.territory import read_towns

    skipped: list[str] = []
    imported = read_annuaire(fichier, read_towns(data_dir), skipped)
    _import(Batch(SOURCE, imported, skipped), data_dir, simulate, today)


@main.command(help="Positionne les structures sans coordonnées (ou au centre de leur commune) à partir de leur "
              "adresse, avec le géocodeur de la Géoplateforme ; chaque réponse est gardée dans data/geocodage.csv.")
@DATA_OPTION
@SIMULATE_OPTION
@click.option("--url", "base_url", envvar="CLS_GEOCODAGE_URL", default="https://data.geopf.fr/geocodage",
              show_default=True, help="Adresse du service de géocodage (variable CLS_GEOCODAGE_URL).")
def geocoder(data_dir: Path, simulate: bool, base_url: str) -> None:
    from site_builder.importers.geocoder import GeocodeReport, geocode, read_cache, to_place, write_cache
    from site_builder.importers.territory import read_towns
    from site_builder.importers.yamlfile import dump, read_structures, write_atomically

    path, cache_path = data_dir / "structures.yml", data_dir / "geocodage.csv"
    document = read_structures(path)
    records = to_place(document["structures"], read_towns(data_dir))
    cache, report = read_cache(cache_path), GeocodeReport()
    try:
        geocode(records, cache, base_url, report)
    except OSError as error:
        click.echo(f"Le service de géocodage ne répond pas ({base_url}) : {error}. Rien n'a été écrit.", err=True)
        sys.exit(1)
    click.echo(report.text())
    if simulate:
        click.echo("Simulation : rien n'a été écrit.")
        return
    write_cache(cache_path, cache)
    write_atomically(path, dump(document))
    click.echo(f"{path} et {cache_path} mis à jour.")


@importer.command("data-inclusion", help="Structures de l'offre sociale de vos communes (missions locales, CCAS…) "
                  "d'un export data·inclusion v1 (JSON ou CSV).")
@SOURCE_FILE
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
def import_inclusion(fichier: Path, data_dir: Path, simulate: bool, today: dt.datetime | None) -> None:
    from site_builder.importers import Batch
    from site_builder.importers.inclusion import SOURCE, read_inclusion
    from site_builder.importers.territory import read_towns

    skipped: list[str] = []
    imported = read_inclusion(fichier, read_towns(data_dir), skipped)
    _import(Batch(SOURCE, imported, skipped), data_dir, simulate, today)
