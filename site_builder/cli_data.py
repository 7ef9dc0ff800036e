"""Data commands of `cls-site`: `importer …`, `geocoder`, `classeur …` and `rafraichir` (registered in cli.py)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from site_builder.errors import DataValidationError
from site_builder.french import count

if TYPE_CHECKING:
    from site_builder.spreadsheet.importer import Plan

DATA_OPTION = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
                           default=Path("data"), show_default=True, help="Dossier des fichiers de données.")
SIMULATE_OPTION = click.option("--simuler", "simulate", is_flag=True,
                               help="Affiche le rapport des changements sans rien écrire.")
TODAY_OPTION = click.option("--date", "today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                            help="Date de l'import AAAA-MM-JJ (fiches disparues) ; par défaut aujourd'hui.")
FORCE_OPTION = click.option("--forcer", "force", is_flag=True,
                            help="Importe même un fichier qui n'apporte aucun enregistrement de vos communes, ou moins "
                                 "de la moitié de ceux que le répertoire tient déjà de cette source (10 ou plus) : "
                                 "sans cette option, l'import s'arrête sans rien écrire (fichier tronqué ?).")
SOURCE_FILE = click.argument("fichier", type=click.Path(exists=True, dir_okay=False, path_type=Path))


class _ImporterGroup(click.Group):
    """Every `importer` command refuses an unreadable file the same way: its French reason, exit 1, nothing written.
    A reader that fails in a way nobody foresaw is refused the same way (the file is written only at the very end,
    so nothing was), with a request to report it: tests/test_import_fuzz.py fails on that message."""

    def invoke(self, ctx: click.Context) -> object:
        from site_builder.importers.source_errors import SourceFileError

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except SourceFileError as error:
            click.echo(f"Erreur : {error}", err=True)
        except Exception as error:  # the coordinator gets a sentence, never a traceback
            click.echo(f"Erreur : l'import s'est arrêté sur une {UNFORESEEN} ({type(error).__name__} : "
                       f"{str(error)[:200]}). Rien n'a été écrit. Merci de signaler ce cas avec le fichier.", err=True)
        sys.exit(1)


UNFORESEEN = "erreur imprévue"


@click.group(cls=_ImporterGroup,
            help="Importe des données nationales ouvertes dans data/structures.yml, sans écraser vos corrections.")
def importer() -> None:
    pass


@importer.command("finess", help="Établissements FINESS situés dans vos communes (extrait CSV etalab-cs1100507 "
                  "ou flux JSON « structures »).")
@SOURCE_FILE
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
@FORCE_OPTION
def import_finess(fichier: Path, data_dir: Path, simulate: bool, today: dt.datetime | None, force: bool) -> None:
    _import("finess", [fichier], data_dir, simulate, today, force)


def _import(source: str, files: list[Path], data_dir: Path, simulate: bool, today: dt.datetime | None,
            force: bool) -> None:
    """Read the file(s) of `source`, say what they hold, merge, print the report, say what was written."""
    from site_builder.importers import run
    from site_builder.importers.batches import PREPARE

    day = today.date() if today else dt.date.today()
    prepared = PREPARE[source](files, data_dir, day)
    for line in filter(None, prepared.lines):
        click.echo(line)
    report, written = run(prepared.batch, data_dir, day, simulate=simulate, force=force)
    click.echo(prepared.tidy(report).text())
    if simulate:
        click.echo("Simulation : rien n'a été écrit.")
    elif written:
        placing = " Placez les nouvelles fiches sur la carte avec « cls-site geocoder »," if report.added else ""
        click.echo(f"{data_dir / 'structures.yml'} mis à jour.{placing} Vérifiez avec « cls-site validate ».")


@importer.command("cnsa", help="Prix et tarifs des établissements pour personnes âgées (CNSA : fichier des prix "
                  "EHPAD « données brutes », ou ancien annuaire JSON/CSV) : remplit la partie « seniors » des "
                  "structures de même numéro FINESS.")
@SOURCE_FILE
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
@FORCE_OPTION
def import_cnsa(fichier: Path, data_dir: Path, simulate: bool, today: dt.datetime | None, force: bool) -> None:
    _import("cnsa", [fichier], data_dir, simulate, today, force)


@importer.command("annuaire", help="Services publics de vos communes (CCAS, CAF, CPAM, MSA, France services, PMI…) "
                  "de l'Annuaire de l'administration (export JSON de la DILA).")
@SOURCE_FILE
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
@FORCE_OPTION
def import_annuaire(fichier: Path, data_dir: Path, simulate: bool, today: dt.datetime | None, force: bool) -> None:
    _import("annuaire", [fichier], data_dir, simulate, today, force)


@importer.command("annuaire-sante", help="Professionnels de santé de vos communes (médecins, infirmiers, "
                  "kinésithérapeutes…) de l'extraction Annuaire Santé de l'ANS (PS_LibreAcces, zip ou "
                  "fichier Personne_activite) : un cabinet par lieu d'exercice, avec ses professionnels.")
@SOURCE_FILE
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
@FORCE_OPTION
def import_annuaire_sante(fichier: Path, data_dir: Path, simulate: bool, today: dt.datetime | None,
                          force: bool) -> None:
    _import("annuaire-sante", [fichier], data_dir, simulate, today, force)


@click.command(help="Positionne les structures sans coordonnées (ou au centre de leur commune) à partir de leur "
              "adresse, avec le géocodeur de la Géoplateforme ; chaque réponse est gardée dans data/geocodage.csv. "
              "Les fiches d'exemple et celles dont vous gardez la position (garder: position) ne sont pas touchées.")
@DATA_OPTION
@SIMULATE_OPTION
@click.option("--url", "base_url", envvar="CLS_GEOCODAGE_URL", default="https://data.geopf.fr/geocodage",
              show_default=True, help="Adresse du service de géocodage (variable CLS_GEOCODAGE_URL).")
@click.option("--delai", "seconds", type=click.FloatRange(min=1), default=600, show_default=True,
              help="Durée maximale de tout le géocodage, en secondes (chaque requête a en plus au plus 180 s) ; "
                   "au-delà, rien n'est écrit.")
def geocoder(data_dir: Path, simulate: bool, base_url: str, seconds: float) -> None:
    from site_builder.importers.deadline import Deadline
    from site_builder.importers.geocoder import (
        REQUEST_SECONDS,
        GeocodeReport,
        GeocoderError,
        geocode,
        read_cache,
        to_place,
        write_cache,
    )
    from site_builder.importers.source_errors import SourceFileError
    from site_builder.importers.territory_towns import read_towns
    from site_builder.importers.yamlfile import dump, read_structures
    from site_builder.kinds.structures import territory_box
    from site_builder.terminal import ProgressBar
    from site_builder.yaml_files import write_atomically

    path, cache_path = data_dir / "structures.yml", data_dir / "geocodage.csv"
    report = GeocodeReport()
    try:
        document = read_structures(path)
        towns = read_towns(data_dir)
        records = to_place(document["structures"], towns)
        cache = read_cache(cache_path)
        geocode(records, cache, base_url, report, box=territory_box(list(towns.values())),
                progress=ProgressBar("Géocodage", "adresses"),
                deadline=Deadline(seconds, min(seconds, REQUEST_SECONDS)))
    except SourceFileError as error:  # structures.yml unreadable: its message says nothing was written
        click.echo(f"Erreur : {error}", err=True)
        sys.exit(1)
    except GeocoderError as error:
        click.echo(f"Erreur : {error} Rien n'a été écrit.", err=True)
        sys.exit(1)
    except TimeoutError as error:
        click.echo(f"Le service de géocodage n'a pas répondu à temps ({base_url}) : {error}. Rien n'a été écrit ; "
                   "relancez plus tard, ou avec un --delai plus long.", err=True)
        sys.exit(1)
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
                  "d'un export data·inclusion v1 (JSON ou CSV) : le fichier des structures, et celui des services "
                  "pour leurs thèmes et publics (FICHIERS : l'un, ou les deux, dans n'importe quel ordre).")
@click.argument("fichiers", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
@FORCE_OPTION
def import_inclusion(fichiers: tuple[Path, ...], data_dir: Path, simulate: bool, today: dt.datetime | None,
                     force: bool) -> None:
    _import("data-inclusion", list(fichiers), data_dir, simulate, today, force)


class WorkbookGroup(click.Group):
    """Every `classeur` command refuses what it cannot do safely the same way: a French message, exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        from site_builder.errors import os_reason
        from site_builder.spreadsheet.datapaths import UnsafePathError
        from site_builder.spreadsheet.export import ExportTargetError

        try:
            return super().invoke(ctx)
        except DataValidationError as error:  # a data file the workbook reads or writes is not valid YAML
            click.echo(error.report.format() + " Rien n'a été écrit.", err=True)
        except (ExportTargetError, UnsafePathError) as error:
            click.echo("Erreur : " + " ".join(error.args), err=True)
        except OSError as error:
            click.echo(f"Erreur : {error.filename or 'fichier'} : {os_reason(error)}. Rien n'a été écrit.", err=True)
        sys.exit(1)


@click.group(cls=WorkbookGroup,
            help="Les organisations, le programme, les bilans, le répertoire et l'agenda dans un tableur (.xlsx), "
                 "et retour.")
def classeur() -> None:
    pass


@classeur.command("exporter", help="Écrit un classeur .xlsx : une feuille par type de données, listes "
                                   "déroulantes comprises.")
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path), default=Path("classeur.xlsx"))
@DATA_OPTION
def classeur_exporter(fichier: Path, data_dir: Path) -> None:
    from site_builder.spreadsheet.columns import REVIEW_TEMPLATE
    from site_builder.spreadsheet.export import export

    counts = export(data_dir, fichier)
    click.echo(f"Classeur écrit : {fichier}")
    click.echo("  " + ", ".join(f"{name} ({count(number, 'ligne')})" for name, number in counts.items()
                                if name != REVIEW_TEMPLATE))
    click.echo(f"  et « {REVIEW_TEMPLATE} », le modèle du prochain bilan : ajoutez son année dans « bilans ».")


@classeur.command("importer", help="Relit un classeur .xlsx (ou le CSV d'un bilan téléchargé sur le site) dans "
                                   "les fichiers de données : affiche les ajouts, modifications et suppressions, "
                                   "puis les écrit.")
@click.argument("fichier", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA_OPTION
@click.option("--simuler", is_flag=True, help="Affiche les changements sans rien écrire.")
def classeur_importer(fichier: Path, data_dir: Path, simuler: bool) -> None:
    from site_builder.spreadsheet.importer import describe, plan

    root = data_dir.resolve().parent  # paths shown as « data/suivi/2025.yml »
    result = plan(fichier, data_dir, root)
    apply_plan(result, data_dir, simuler, result.error_text, lambda: describe(result, data_dir, root))


def apply_plan(result: Plan, data_dir: Path, simulate: bool, errors: Callable[[], str],
               changes: Callable[[], str]) -> None:
    """Say a workbook import's warnings, then its errors (exit 1, nothing written) or its changes, and write them
    unless simulating (`cls-site classeur importer` and `cls-site campagne importer`)."""
    from site_builder.spreadsheet.importer import write

    for warning in result.report.warnings:
        click.echo(f"Attention : {warning}", err=True)
    if result.report:
        click.echo(errors(), err=True)
        sys.exit(1)
    click.echo(changes())
    if simulate or not result.changes:
        if simulate and result.changes:
            click.echo("Simulation : rien n'a été écrit.")
        return
    write(data_dir, result.texts)
    click.echo(f"Fichiers écrits : {len(result.texts)}.")


@click.command(help="Télécharge les fichiers nationaux déclarés dans data/cls.yml (sources:), importe ce qui a "
              "changé, géocode les nouvelles fiches, vérifie et écrit le rapport rapport-rafraichissement.md. "
              "Code de sortie : 0 rien n'a changé, 3 changements à relire, 1 erreur.")
@DATA_OPTION
@SIMULATE_OPTION
@TODAY_OPTION
@click.option("--delai", "deadline", type=click.IntRange(10), default=900, show_default=True,
              help="Durée maximale du téléchargement de chaque source, en secondes.")
@click.option("--rapport", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("rapport-rafraichissement.md"), show_default=True, help="Fichier du rapport.")
@click.option("--geocodage", "geocoder_url", envvar="CLS_GEOCODAGE_URL", default="https://data.geopf.fr/geocodage",
              show_default=True, help="Adresse du service de géocodage (variable CLS_GEOCODAGE_URL).")
def rafraichir(data_dir: Path, simulate: bool, today: dt.datetime | None, deadline: int, report_path: Path,
               geocoder_url: str) -> None:
    from site_builder.refresh.pipeline import Options, refresh
    from site_builder.refresh.report import render

    now = dt.datetime.now(dt.UTC)
    day = today.date() if today else now.date()
    result = refresh(data_dir, Options(day, now, simulate, float(deadline), geocoder_url))
    text = render(result)
    click.echo(text)
    if not simulate:
        report_path.write_text(text, encoding="utf-8")
        click.echo(f"Rapport écrit : {report_path}")
    sys.exit(result.exit_code)
