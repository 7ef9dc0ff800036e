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
from site_builder.french import count
from site_builder.models import SiteModel
from site_builder.prepare import prepare_pages
from site_builder.terminal import ConsoleHandler, speak_french

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
    click.echo("Données valides : " + ", ".join((
        count(len(model.actions), "action"), count(len(model.organisations), "organisation"),
        count(len(model.communes), "commune"), count(len(model.structures), "structure"),
        count(len(model.events), "évènement"))) + ".")


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
                                guide_pdf=options.guide_pdf and bool(model.senior_establishments),
                                map_tiles=options.carte_fond,
                                repertoire_group_above=options.repertoire_seuil)
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


@main.command(help="Crée le projet du site d'un nouveau territoire dans DOSSIER, à partir de ses EPCI ou de ses "
                    "communes (référentiel national fourni, sans réseau). Les questions manquantes sont posées.")
@click.argument("dossier", type=click.Path(path_type=Path))  # a file given is refused in French (newfolder)
@click.option("--epci", multiple=True, metavar="SIREN",
              help="SIREN d'un EPCI (communauté de communes, d'agglomération…) ; répétable.")
@click.option("--communes", multiple=True, metavar="INSEE",
              help="Code INSEE d'une commune à ajouter ; répétable, ou séparés par des espaces.")
@click.option("--departement", default="", metavar="CODE",
              help="Ne garder que les communes de ce département (seul : tout le département).")
@click.option("--nom", default=None, help="Nom du territoire (par défaut : celui de l'EPCI s'il n'y en a qu'un).")
@click.option("--forcer", is_flag=True, help="Crée le projet même si DOSSIER n'est pas vide (content/, data/, "
                                             "overrides/ et mkdocs.yml y sont alors remplacés).")
def nouveau(dossier: Path, epci: tuple[str, ...], communes: tuple[str, ...], departement: str,
            nom: str | None, forcer: bool) -> None:
    from site_builder import newfolder, scaffold
    from site_builder.reference import load_reference

    try:
        newfolder.check_target(dossier, forcer)  # before any question: a refused folder wastes no typing
    except newfolder.FolderError as error:
        click.echo(f"Impossible de créer le projet : {error}", err=True)
        sys.exit(1)
    epci_codes, commune_codes = _split(epci), _split(communes)
    if not (epci_codes or commune_codes or departement):
        epci_codes = _split((click.prompt("SIREN des EPCI du territoire (séparés par des espaces, vide si aucun)",
                                          default="", show_default=False),))
        if not epci_codes:
            commune_codes = _split((click.prompt("Codes INSEE des communes (séparés par des espaces)"),))
    reference = load_reference()
    try:
        territory = scaffold.select(reference, epci_codes, commune_codes, departement)
        if nom is None and sys.stdin.isatty():
            nom = click.prompt("Nom du territoire", default=territory.nom)
        territory = dataclasses.replace(territory, nom=nom or territory.nom)
        scaffold.create(dossier, territory, reference, dt.date.today(), forcer)
    except scaffold.ScaffoldError as error:
        click.echo(f"Impossible de créer le projet : {error}", err=True)
        sys.exit(1)
    count = len(territory.communes)
    click.echo(f"Projet créé dans {dossier} : {count} commune{'s' * (count > 1)}, {len(territory.epci)} EPCI.\n"
               f"Complétez les lignes « À COMPLÉTER » de {dossier}/data/cls.yml, puis :\n"
               f"  cd {dossier} && cls-site serve")


def _split(values: tuple[str, ...]) -> list[str]:
    """Codes given repeated or separated by spaces or commas."""
    return [code for value in values for code in value.replace(",", " ").split()]


@main.command(help="Sert le site sur http://127.0.0.1:8000 et le reconstruit à chaque modification.")
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, help=CONFIG_HELP)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Adresse d'écoute.")
@click.option("--complet", is_flag=True, help="Reconstruit tout le site à chaque enregistrement (plus lent ; "
              "par défaut, seules les pages modifiées le sont et le menu des autres pages attend le relancement).")
def serve(config_file: str, dev_addr: str, complet: bool) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    _log_to_console()
    mkdocs_serve(config_file=config_file, dev_addr=dev_addr, livereload=True, build_type=None if complet else "dirty")


def _log_to_console() -> None:
    """Show MkDocs' and our messages in French (site_builder/terminal.py)."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, ConsoleHandler) for h in logger.handlers):
        logger.addHandler(ConsoleHandler())
        logger.setLevel(logging.INFO)


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
        from site_builder.importers.errors import SourceFileError

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


@main.group(cls=_ImporterGroup,
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


@main.command(help="Positionne les structures sans coordonnées (ou au centre de leur commune) à partir de leur "
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
    from site_builder.importers.errors import SourceFileError
    from site_builder.importers.geocoder import (
        REQUEST_SECONDS,
        GeocodeReport,
        GeocoderError,
        geocode,
        read_cache,
        to_place,
        write_cache,
    )
    from site_builder.importers.territory import read_towns
    from site_builder.importers.yamlfile import dump, read_structures, write_atomically
    from site_builder.kinds.structures import territory_box

    path, cache_path = data_dir / "structures.yml", data_dir / "geocodage.csv"
    report = GeocodeReport()
    try:
        document = read_structures(path)
        towns = read_towns(data_dir)
        records = to_place(document["structures"], towns)
        cache = read_cache(cache_path)
        geocode(records, cache, base_url, report, box=territory_box(list(towns.values())),
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


class _ClasseurGroup(click.Group):
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


@main.group(cls=_ClasseurGroup,
            help="Le programme, les bilans, le répertoire et l'agenda dans un tableur (.xlsx), et retour.")
def classeur() -> None:
    pass


@classeur.command("exporter", help="Écrit un classeur .xlsx : une feuille par type de données, listes "
                                   "déroulantes comprises.")
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path), default=Path("classeur.xlsx"))
@DATA_OPTION
def classeur_exporter(fichier: Path, data_dir: Path) -> None:
    from site_builder.spreadsheet.export import export

    counts = export(data_dir, fichier)
    click.echo(f"Classeur écrit : {fichier}")
    click.echo("  " + ", ".join(f"{name} ({count(number, 'ligne')})" for name, number in counts.items()))


@classeur.command("importer", help="Relit un classeur .xlsx (ou le CSV d'un bilan téléchargé sur le site) dans "
                                   "les fichiers de données : affiche les ajouts, modifications et suppressions, "
                                   "puis les écrit.")
@click.argument("fichier", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA_OPTION
@click.option("--simuler", is_flag=True, help="Affiche les changements sans rien écrire.")
def classeur_importer(fichier: Path, data_dir: Path, simuler: bool) -> None:
    from site_builder.spreadsheet.importer import describe, plan, write

    root = data_dir.resolve().parent  # paths shown as « data/suivi/2025.yml »
    result = plan(fichier, data_dir, root)
    for warning in result.report.warnings:
        click.echo(f"Attention : {warning}", err=True)
    if result.report:
        click.echo(result.report.format().replace("dans les données.", "dans le classeur. Rien n'a été écrit."),
                   err=True)
        sys.exit(1)
    click.echo(describe(result, data_dir, root))
    if simuler or not result.changes:
        if simuler and result.changes:
            click.echo("Simulation : rien n'a été écrit.")
        return
    write(data_dir, result.texts)
    click.echo(f"Fichiers écrits : {len(result.texts)}.")


@main.command(help="Télécharge les fichiers nationaux déclarés dans data/cls.yml (sources:), importe ce qui a "
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


@main.command("ci", help="Écrit les fichiers d'intégration continue du projet (dossier courant ou DOSSIER) : "
              "GitHub Actions et GitLab CI, construction et publication chaque jour, rafraîchissement mensuel "
              "des données proposé en demande de fusion.")
@click.argument("dossier", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--remplacer", is_flag=True, help="Remplace les fichiers d'intégration continue déjà présents.")
def ci(dossier: Path, remplacer: bool) -> None:
    from site_builder.ci_files import CiFilesError, write_ci_files

    try:
        written = write_ci_files(dossier, replace=remplacer)
    except CiFilesError as error:
        click.echo(f"Erreur : {error}", err=True)
        sys.exit(1)
    click.echo("Fichiers écrits :\n" + "\n".join(f"  {path}" for path in written))
    click.echo("Suivez ensuite « Publier et tenir à jour » dans le README (réglages de la forge à cliquer).")


speak_french(main)  # last: every command is defined; the coordinator reads Click's words in French
