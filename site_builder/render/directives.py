"""Blocks of data that a hand-written page of content/ pulls in with a comment: `<!-- cls:axes -->`.

The coordinator keeps writing prose in Markdown; lists that come from the data stay current by themselves.
"""

from __future__ import annotations

import re

from site_builder import sections
from site_builder.errors import ErrorReport, Location
from site_builder.kinds.territory import RGAA_STATES
from site_builder.models import SiteModel
from site_builder.render.environment import render_snippet
from site_builder.render.senior_facts import prices_are_old
from site_builder.render.seniors_pages import euros
from site_builder.render.tracking_pages import summary
from site_builder.vocabularies import SENIOR_FAMILIES, SENIOR_KINDS, TYPOLOGIES

# What blocks may use besides the model.
BLOCK_CONTEXT = {"senior_families": SENIOR_FAMILIES, "senior_kinds": SENIOR_KINDS, "typologies": TYPOLOGIES,
                 "euros": euros, "progress": summary, "prices_are_old": prices_are_old, "urgences_indexed": True,
                 "rgaa_states": RGAA_STATES}

# On a line of its own; indented, the block is indented alike (inside a card of a grid, a list item…).
DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)<!--\s*cls:(?P<name>[\w-]+)\s*-->[ \t]*$", re.MULTILINE)

# name → template of the snippet (in render/templates/blocks/)
BLOCKS: dict[str, str] = {
    "axes": "blocks/axes.md.j2",
    "chiffres": "blocks/chiffres.md.j2",
    "signataires": "blocks/signataires.md.j2",
    "historique": "blocks/historique.md.j2",
    "gouvernance": "blocks/gouvernance.md.j2",
    "communes": "blocks/communes.md.j2",
    "contact": "blocks/contact.md.j2",
    "seniors-solutions": "blocks/seniors_solutions.md.j2",
    "seniors-prix": "blocks/seniors_prix.md.j2",
    "seniors-mise-a-jour": "blocks/seniors_mise_a_jour.md.j2",
    "seniors-bareme": "blocks/seniors_bareme.md.j2",
    "abonnement": "blocks/abonnement.md.j2",
    "agenda": "blocks/agenda.md.j2",
    "lettre": "blocks/lettre.md.j2",
    "avancement": "blocks/avancement.md.j2",
    "accueil": "blocks/accueil.md.j2",
    "profils": "blocks/profils.md.j2",
    "rendez-vous": "blocks/rendez-vous.md.j2",
    "territoire": "blocks/territoire.md.j2",
    "editeur": "blocks/editeur.md.j2",
    "accessibilite": "blocks/accessibilite.md.j2",
    "accessibilite-date": "blocks/accessibilite-date.md.j2",
    "hebergeur": "blocks/hebergeur.md.j2",
    "confidentialite-cartes": "blocks/confidentialite-cartes.md.j2",
    "urgences": "blocks/urgences.md.j2",
    "seniors-conseil": "blocks/seniors_conseil.md.j2",
}


def check(markdown: str, file: str, report: ErrorReport) -> None:
    """Report every unknown directive of a hand-written page, with its line."""
    for match in DIRECTIVE.finditer(markdown):
        if match["name"] not in BLOCKS:
            line = markdown.count("\n", 0, match.start()) + 1
            report.add(Location(file, line), f"cls:{match['name']}", "bloc inconnu.",
                       "blocs possibles : " + ", ".join(f"cls:{name}" for name in BLOCKS) + ".")


def expand(markdown: str, uri: str, model: SiteModel) -> str:
    """Replace each directive by its block rendered for the page at `uri`."""
    present = sections.present(model)  # a block links to a section only when the data fills it
    context = {**BLOCK_CONTEXT, "has": present.__contains__,
               "porteur": model.organisation_by_id[model.contract.porteur]}

    def replace(match: re.Match[str]) -> str:
        block = render_snippet(BLOCKS[match["name"]], uri, model=model, **context).strip("\n")
        return "\n".join(match["indent"] + line if line else line for line in block.split("\n"))

    return DIRECTIVE.sub(replace, markdown)
