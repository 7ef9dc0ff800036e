"""Command line: `cls-site validate`, `build`, `serve`, `nouveau`, `ci` (also `python -m site_builder`); the data
commands (importers, geocoder, workbook, refresh) live in cli_data.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from site_builder import placeholders, territory_search
from site_builder.campaigns.commands import campagne
from site_builder.checks import load_project
from site_builder.cli_data import classeur, geocoder, importer, rafraichir
from site_builder.errors import DataValidationError
from site_builder.french import count
from site_builder.models import SiteModel
from site_builder.output import PublicationError
from site_builder.prepare import prepare_pages
from site_builder.render import newsletter_pages
from site_builder.terminal import ConsoleHandler, speak_french

if TYPE_CHECKING:  # scaffold loads the reference machinery: imported by `nouveau` only
    from site_builder.scaffold import Territory
    from site_builder.territory_search import Candidate

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
            model, data_dir, docs_dir, root = _check_project(config_file, data_dir, docs_dir, today)
        else:  # without mkdocs.yml: the data and the pages, but not the generated pages' places
            data_dir, docs_dir, root = data_dir or Path("data"), docs_dir or Path("content"), Path.cwd()
            model = load_project(data_dir, docs_dir, root, today=today)
    except DataValidationError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo("Données valides : " + ", ".join((
        count(len(model.actions), "action"), count(len(model.organisations), "organisation"),
        count(len(model.communes), "commune"), count(len(model.structures), "structure"),
        count(len(model.events), "évènement"))) + ".")
    if gaps := placeholders.find(model.contract, data_dir, docs_dir, root):  # a notice: a fresh project is valid
        click.echo("\n".join([placeholders.heading(len(gaps)), *(f"  {gap}" for gap in gaps)]))


def _check_project(config_file: str, data_dir: Path | None, docs_dir: Path | None, today: dt.date | None
                   ) -> tuple[SiteModel, Path, Path, Path]:
    """What the build checks before writing anything (plugin.on_config), without building; the model, the data
    and pages folders and the project's root."""
    from mkdocs.config import load_config

    config = load_config(config_file=config_file)
    options = config.plugins["cls"].config
    root = Path(config.config_file_path).parent
    docs_dir = docs_dir or Path(config.docs_dir)
    data_dir = data_dir or root / options.data_dir
    model = load_project(data_dir, docs_dir, root, today=today or options.date,
                         edition=options.edition, stale_after_months=options.mise_a_jour_mois)
    model = dataclasses.replace(model, site_url=config.site_url or "",
                                guide_pdf=options.guide_pdf and bool(model.senior_establishments),
                                map_tiles=options.carte_fond,
                                repertoire_group_above=options.repertoire_seuil)
    newsletter_pages.email_image_errors(model, root)
    prepare_pages(model, docs_dir, root)
    return model, data_dir, docs_dir, root


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
    except PublicationError as error:  # the swap into site/ refused at the end (output.py): old site kept
        click.echo(str(error), err=True)
        sys.exit(1)


@main.command(help="Crée le projet du site d'un nouveau territoire dans DOSSIER, à partir de ses EPCI, de ses "
                    "communes ou d'un département, donnés par leur code ou leur nom (référentiel national fourni, "
                    "sans réseau). Les questions manquantes sont posées.")
@click.argument("dossier", type=click.Path(path_type=Path))  # a file given is refused in French (newfolder)
@click.option("--epci", multiple=True, metavar="SIREN|NOM",
              help="SIREN ou nom d'un EPCI (communauté de communes, d'agglomération…), par exemple "
                   "« montargoise » ; répétable.")
@click.option("--communes", multiple=True, metavar="INSEE|NOM",
              help="Code INSEE ou nom d'une commune à ajouter ; répétable, codes séparés par des espaces.")
@click.option("--departement", default="", metavar="CODE|NOM",
              help="Ne garder que les communes de ce département (seul : tout le département).")
@click.option("--nom", default=None, help="Nom du territoire (par défaut : celui de l'EPCI s'il n'y en a qu'un).")
@click.option("--adresse", default=None, metavar="https://…",
              help="Adresse publique du site (site_url de mkdocs.yml), si elle est déjà connue.")
@click.option("--forcer", is_flag=True, help="Crée le projet même si DOSSIER n'est pas vide (content/, data/, "
                                             "overrides/ et mkdocs.yml y sont alors remplacés).")
def nouveau(dossier: Path, epci: tuple[str, ...], communes: tuple[str, ...], departement: str,
            nom: str | None, adresse: str | None, forcer: bool) -> None:
    from site_builder import newfolder, scaffold, territory_search
    from site_builder.reference import load_reference

    try:
        newfolder.check_target(dossier, forcer)  # before any question: a refused folder wastes no typing
    except newfolder.FolderError as error:
        click.echo(f"Impossible de créer le projet : {error}", err=True)
        sys.exit(1)
    epci_codes, commune_codes = _split(epci), _split(communes)
    if not (epci_codes or commune_codes or departement):
        epci_codes = _split((click.prompt("SIREN ou nom des EPCI du territoire (vide si aucun)",
                                          default="", show_default=False, prompt_suffix=" : "),))
        if not epci_codes:
            commune_codes = _split((click.prompt("Codes INSEE ou noms des communes", prompt_suffix=" : "),))
    reference = load_reference()
    terminal = sys.stdin.isatty()
    try:
        choose = _choose if terminal else None
        epci_codes = [territory_search.resolve(reference, "epci", name, choose) for name in epci_codes]
        commune_codes = [territory_search.resolve(reference, "commune", name, choose) for name in commune_codes]
        if departement:
            departement = territory_search.resolve(reference, "departement", departement, choose)
        territory = scaffold.select(reference, epci_codes, commune_codes, departement)
        if nom is None and terminal:
            nom = click.prompt("Nom du territoire", default=territory.nom, prompt_suffix=" : ")
        if adresse is None and terminal:
            adresse = click.prompt("Adresse publique du site, si elle est connue (https://…, vide sinon)",
                                   default="", show_default=False, prompt_suffix=" : ")
        territory = dataclasses.replace(territory, nom=nom or territory.nom,
                                        adresse=scaffold.site_address(adresse or ""))
        scaffold.create(dossier, territory, reference, dt.date.today(), forcer)
    except (scaffold.ScaffoldError, territory_search.SearchError) as error:
        click.echo(f"Impossible de créer le projet : {error}", err=True)
        sys.exit(1)
    click.echo(_created(dossier, territory))


def _choose(candidates: list[Candidate]) -> Candidate:
    """On a terminal, the coordinator picks one of several territories of the same name by its number."""
    shown = candidates[:20]
    click.echo("Plusieurs territoires portent ce nom :\n" + "\n".join(f"  {n}. {c}" for n, c in
                                                                    enumerate(shown, start=1)))
    return shown[click.prompt("Numéro du bon", type=click.IntRange(1, len(shown)), prompt_suffix=" : ") - 1]


def _created(dossier: Path, territory: Territory) -> str:
    """What `nouveau` says when done, with a next step that works as printed: the project's own script (the
    virtual environment of this installation), not a `cls-site` that may not be on the PATH."""
    count = len(territory.communes)
    tool = Path(sys.argv[0]).resolve() if Path(sys.argv[0]).name == "cls-site" else Path(sys.executable)
    command = shlex.quote(str(tool)) + ("" if tool.name == "cls-site" else " -m site_builder")
    return (f"Projet créé dans {dossier} : {count} commune{'s' * (count > 1)}, {len(territory.epci)} EPCI.\n"
            f"Remplissez les lignes marquées « À COMPLÉTER » de {dossier}/data/cls.yml, puis voyez le site :\n"
            f"  cd {shlex.quote(str(dossier))} && {command} serve\n"
            f"La liste de ce qui reste à remplir : {command} validate")


def _split(values: tuple[str, ...]) -> list[str]:
    """Codes given repeated or separated by spaces or commas; names given repeated or separated by commas."""
    found = []
    for value in values:
        for part in (p.strip() for p in value.split(",")):
            words = part.split()
            if all(territory_search.is_code(word) for word in words):
                found += words
            elif part:
                found.append(part)
    return found


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


main.add_command(importer)
main.add_command(geocoder)
main.add_command(classeur)
main.add_command(rafraichir)
main.add_command(campagne)
speak_french(main)  # last: every command is defined; the coordinator reads Click's words in French
