"""The fields a structure is asked to check: one label for the letter, the e-mail, the workbook's columns and the
« Signaler une erreur » link of each fiche, so an answer in any of them names the same thing."""

from __future__ import annotations

from site_builder.directory import Structure
from site_builder.opening_hours import in_french
from site_builder.spreadsheet.columns import Column
from site_builder.vocabularies import PUBLICS, TYPOLOGIES

# What a structure may correct in the campaign workbook (data·inclusion keys), in the order of its fiche.
CORRECTABLE: tuple[Column, ...] = (
    Column("nom", "Nom", width=35),
    Column("adresse", "Adresse", width=30),
    Column("complement_adresse", "Complément d'adresse", width=20),
    Column("code_postal", "Code postal", width=10),
    Column("telephone", "Téléphone", width=16),
    Column("courriel", "Courriel", width=28),
    Column("site_web", "Site web", width=28),
    Column("horaires_accueil", "Horaires", width=34),
    Column("presentation_resume", "Présentation", width=40),
)
NOT_GIVEN = "(non renseigné)"


def shown(item: Structure, key: str) -> str:
    """A correctable field as the fiche shows it: hours in French words, the postcode with its commune."""
    if key == "horaires_accueil":
        return " ; ".join(in_french(item.horaires_accueil)) if item.horaires_accueil else ""
    if key == "code_postal":
        return f"{item.code_postal} {item.commune}"
    return str(getattr(item, key) or "")


def public_lines(item: Structure) -> list[tuple[str, str]]:
    """(label, value) of every field the structure checks, « (non renseigné) » for an empty one; its type and
    its public too, which only the coordination changes (they are lists of the site's own words)."""
    lines = [(column.header, shown(item, column.key) or NOT_GIVEN) for column in CORRECTABLE]
    lines.insert(1, ("Type", TYPOLOGIES[item.typologie]))
    lines.append(("Public", ", ".join(PUBLICS[key] for key in item.publics) or NOT_GIVEN))
    return lines


def mail_lines(item: Structure) -> str:
    """The fields as « Label : valeur » lines, for a plain-text e-mail the reader corrects in place."""
    return "\n".join(f"{label} : {value}" for label, value in public_lines(item))
