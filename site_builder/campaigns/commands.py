"""`cls-site campagne preparer` and `cls-site campagne importer` (registered in cli.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from pathlib import Path

import click

from site_builder.cli_data import DATA_OPTION, WorkbookGroup
from site_builder.directory import Structure
from site_builder.french import count
from site_builder.text import date_fr

WORKBOOK = "campagne.xlsx"


@click.group(cls=WorkbookGroup, help="Campagnes de mise à jour : chaque structure confirme ou corrige sa fiche.")
def campagne() -> None:
    pass


@campagne.command("preparer", help="Écrit, pour chaque structure à interroger (la plus ancienne confirmation "
                  "d'abord), une lettre d'une page (HTML, et PDF si Chromium est là), un courriel prêt à envoyer, "
                  "et le classeur campagne.xlsx où noter les réponses ; note la campagne dans data/campagnes.yml.")
@DATA_OPTION
@click.option("--plus-ancien-que", "months", type=click.IntRange(1, 120), default=12, show_default=True,
              help="Interroge les structures jamais confirmées, ou confirmées il y a ce nombre de mois ou plus.")
@click.option("--dossier", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier des lettres et du classeur (par défaut : campagne-AAAA-MM-JJ).")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date de la campagne AAAA-MM-JJ ; par défaut aujourd'hui.")
@click.option("--exemples", is_flag=True, help="Comprend aussi les fiches d'exemple (exemple: oui).")
@click.option("--sans-pdf", "no_pdf", is_flag=True, help="N'imprime pas les lettres en PDF (plus rapide).")
def preparer(data_dir: Path, months: int, folder: Path | None, day: dt.datetime | None, exemples: bool,
             no_pdf: bool) -> None:
    from site_builder.campaigns import campaign_file
    from site_builder.campaigns.campaign_sheet import write_workbook
    from site_builder.campaigns.due import due
    from site_builder.campaigns.letters import letter, write_folder
    from site_builder.validate import load_model

    today = day.date() if day else dt.date.today()
    root = data_dir.resolve().parent
    model = load_model(data_dir, root, today=today)
    model = dataclasses.replace(model, site_url=site_url(root / "mkdocs.yml"))
    asked = due(model.structures, today, months, exemples)
    if not asked:
        click.echo(f"Aucune structure à interroger : toutes ont confirmé leur fiche il y a moins de {months} mois. "
                   "Rien n'a été écrit.")
        return
    folder = folder or Path(f"campagne-{today.isoformat()}")
    if folder.exists() and any(folder.iterdir()):
        click.echo(f"Erreur : le dossier « {folder} » existe et n'est pas vide : rien n'a été écrit. Choisissez un "
                   "autre dossier (--dossier), ou déplacez celui-ci.", err=True)
        sys.exit(1)
    folder.mkdir(parents=True, exist_ok=True)
    written = write_folder(folder, [letter(model, item, today) for item in asked], today, pdf=not no_pdf)
    write_workbook(data_dir, folder / WORKBOOK, [(item.id, today) for item in asked])
    campaign_file.save(data_dir, campaign_file.started(model.campaigns, today, asked))
    _say_prepared(asked, today, folder, written, data_dir)


def _say_prepared(asked: list[Structure], today: dt.date, folder: Path, written: list[str], data_dir: Path) -> None:
    """What was written, and what the coordinator does next."""
    click.echo(f"Campagne du {date_fr(today)} : {count(len(asked), 'structure')} à interroger, la plus ancienne "
               "confirmation d'abord.")
    for item in asked:
        last = f"confirmée le {date_fr(item.verifie_le)}" if item.verifie_le else "jamais confirmée"
        mail = item.courriel or "pas de courriel : lettre à poster"
        click.echo(f"  - {item.nom} ({item.commune}) · {last} · {mail}")
    pdf = " et lettres.pdf" if "lettres.pdf" in written else (" ; pas de PDF : --sans-pdf, ou Chromium introuvable "
                                                              "ou en échec, imprimez lettres/toutes.html")
    click.echo(f"Dossier écrit : {folder} (index.html, lettres, courriels{pdf}, {WORKBOOK}).")
    click.echo(f"Campagne notée dans {data_dir / 'campagnes.yml'}.")
    click.echo(f"Ensuite : ouvrez {folder / 'index.html'} pour envoyer les courriels, notez chaque réponse dans "
               f"{folder / WORKBOOK}, puis : cls-site campagne importer {folder / WORKBOOK}")


def site_url(config: Path) -> str:
    """The site's address from mkdocs.yml (`site_url:`), "" when there is none: the letters then give no link."""
    if not config.is_file():
        return ""
    found = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", config.read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else ""


@campagne.command("importer", help="Relit le classeur campagne.xlsx où les réponses sont notées : affiche ce qui "
                  "change (confirmations, corrections), vérifie tout, puis l'écrit.")
@click.argument("fichier", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DATA_OPTION
@click.option("--simuler", is_flag=True, help="Affiche les changements sans rien écrire.")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Jour de l'import AAAA-MM-JJ (date des réponses sans date) ; par défaut aujourd'hui.")
def importer(fichier: Path, data_dir: Path, simuler: bool, day: dt.datetime | None) -> None:
    from site_builder.campaigns.answers import plan
    from site_builder.cli_data import apply_plan
    from site_builder.spreadsheet.importer import describe

    root = data_dir.resolve().parent
    result = plan(fichier, data_dir, root, day.date() if day else dt.date.today())
    apply_plan(result, data_dir, simuler,
               lambda: result.report.format().replace("dans les données.", "dans le classeur. Rien n'a été écrit."),
               lambda: describe(result, data_dir, root).replace("correspondent déjà au classeur",
                                                                 "tiennent déjà compte de ces réponses"))
