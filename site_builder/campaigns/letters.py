"""A campaign's folder: one letter per structure (HTML to print, all of them in one PDF when Chromium is there),
one e-mail text per structure, and an index page with a ready `mailto:` link for each."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from site_builder import urls
from site_builder.campaigns.fields import mail_lines, public_lines
from site_builder.directory import Structure
from site_builder.models import SiteModel
from site_builder.pdf import find_chromium, print_to_pdf
from site_builder.render.fiche_actions import mailto
from site_builder.text import date_fr
from site_builder.vocabularies import SOURCE_NAMES

PDF = "lettres.pdf"


@dataclass(frozen=True)
class Letter:
    """What one structure receives, in the letter and in the e-mail."""

    item: Structure
    day: str  # « 7 décembre 2026 »
    last: str  # its last confirmation, « » when never
    lines: list[tuple[str, str]]
    site_name: str
    page: str  # the fiche's address on the published site, "" when mkdocs.yml gives none
    sender: str
    reply_to: str
    signature: str
    origin: str  # where the fiche's data come from, in words
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        return mailto(self.item.courriel, self.subject, self.body)


def letter(model: SiteModel, item: Structure, day: dt.date) -> Letter:
    """The letter and e-mail of `item` for a campaign on `day`."""
    contract = model.contract
    site_name = f"du {contract.nom}" if contract.nom else "du contrat local de santé"
    page = urls.absolute(model.site_url, urls.structure(item)) if model.site_url else ""
    signature = f"La coordination du {contract.nom}"
    subject = f"Votre fiche sur le site {site_name} : ces informations sont-elles exactes ?"
    origin = f"« {SOURCE_NAMES[item.source]} »" if item.source in SOURCE_NAMES else "la coordination du contrat"
    body = (f"Bonjour,\n\nLe site {site_name} présente votre structure aux habitants et aux professionnels du "
            f"territoire{' : ' + page if page else ''}.\nVoici ce qu'il affiche :\n\n{mail_lines(item)}\n\n"
            "Ces informations sont-elles exactes ?\n- si oui, répondez simplement « exact » ;\n- sinon, corrigez "
            "les lignes concernées dans votre réponse (gardez le libellé avant les deux-points).\n\n"
            f"Merci de votre aide,\n{signature}\n\nRéférence : {item.id} · campagne du {date_fr(day)}")
    return Letter(item, date_fr(day), date_fr(item.verifie_le) if item.verifie_le else "", public_lines(item),
                  site_name, page, _sender(model), contract.courriel, signature, origin, subject, body)


def _sender(model: SiteModel) -> str:
    """The coordination, as its letterhead: the contract and the organisation that carries it."""
    carrier = model.organisation_by_id.get(model.contract.porteur)
    return f"{model.contract.nom}" + (f" — {carrier.nom}" if carrier else "")


@cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("site_builder", "campaigns/templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def write_folder(folder: Path, letters: list[Letter], day: dt.date, pdf: bool = True) -> list[str]:
    """Write the letters, e-mails, index (and the PDF of all letters when Chromium is there); return the files."""
    template = _templates().get_template("lettre.html.j2")
    (folder / "lettres").mkdir(parents=True, exist_ok=True)
    (folder / "courriels").mkdir(exist_ok=True)
    for one in letters:
        html = template.render(title=f"Lettre à {one.item.nom}", letters=[one])
        (folder / "lettres" / f"{one.item.id}.html").write_text(html, encoding="utf-8")
        (folder / "courriels" / f"{one.item.id}.txt").write_text(_mail_file(one), encoding="utf-8")
    every = folder / "lettres" / "toutes.html"
    every.write_text(template.render(title=f"Campagne du {date_fr(day)}", letters=letters), encoding="utf-8")
    written = [f"lettres/{one.item.id}.html" for one in letters] + ["lettres/toutes.html"]
    written += [f"courriels/{one.item.id}.txt" for one in letters]
    if pdf and letters and _printed(every, folder / PDF, day):
        written.append(PDF)
    (folder / "index.html").write_text(_templates().get_template("index.html.j2").render(
        letters=letters, day=date_fr(day), pdf=PDF if PDF in written else "", folder=folder.name), encoding="utf-8")
    return ["index.html", *written]


def _printed(page: Path, target: Path, day: dt.date) -> bool:
    """Print the letters to one PDF when Chromium is there; a browser that fails leaves the HTML letters only."""
    chromium = find_chromium()
    if not chromium:
        return False
    try:
        print_to_pdf(chromium, page, target, day)
    except (OSError, subprocess.SubprocessError):
        target.unlink(missing_ok=True)
        return False
    return True


def _mail_file(one: Letter) -> str:
    """The e-mail as a text file: recipient, subject, body, and the link that opens it in a mail program."""
    recipient = one.item.courriel or "(pas de courriel : envoyez la lettre)"
    return f"À : {recipient}\nObjet : {one.subject}\n\n{one.body}\n\n---\nLien à ouvrir : {one.mailto}\n"
