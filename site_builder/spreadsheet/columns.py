"""Columns of each sheet: the YAML key, the French header, the kind of value (cells.py writes and reads it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from site_builder.models import ORGANISATION_TYPES
from site_builder.vocabularies import ACTION_STATUSES, EVENT_STATUSES, PUBLICS, THEMATIQUES, TYPOLOGIES

Choices = Callable[[dict[str, list[str]]], list[str]]
"""The dropdown values of a column, from the lists read in the data (organisation ids…)."""


@dataclass(frozen=True)
class Column:
    key: str  # YAML key; « a.b » for a key of a nested mapping
    header: str
    kind: str = "text"  # text, lines, ids, int, number, date, bool, status, indicators, values
    choices: Choices | None = None
    width: int = 18
    informative: bool = False  # shown for context, never read back (title of the action in a review)

    @property
    def title(self) -> str:
        """The header without its explanation in brackets: « Pilotes (identifiants, …) » → « Pilotes »."""
        return self.header.split(" (")[0]


def _fixed(options: dict[str, str] | tuple[str, ...]) -> Choices:
    return lambda _lists: list(options)


def _listed(name: str) -> Choices:
    return lambda lists: lists.get(name, [])


YES_NO = _fixed(("oui", "non"))
ORGANISATIONS = _listed("organisations")
ACTIONS = _listed("actions")


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


AXES = Sheet("axes", (
    Column("numero", "N° axe", "int", width=8),
    Column("titre", "Titre de l'axe", width=50),
    Column("description", "Description (un paragraphe par ligne)", "lines", width=60),
))

FICHES = Sheet("fiches", (
    Column("axe", "N° axe", "int", width=8),
    Column("numero", "N° fiche", "int", width=8),
    Column("titre", "Titre de la fiche", width=45),
    Column("objectif_general", "Objectif général", width=60),
))

ACTIONS_SHEET = Sheet("actions", (
    Column("axe", "N° axe", "int", width=8),
    Column("fiche", "N° fiche", "int", width=8),
    Column("numero", "N° action", "int", width=9),
    Column("titre", "Titre de l'action", width=45),
    Column("pilotes", "Pilotes (identifiants, séparés par des virgules)", "ids", ORGANISATIONS, width=22),
    Column("partenaires", "Partenaires (identifiants)", "ids", ORGANISATIONS, width=30),
    Column("publics", "Publics", "ids", _fixed(PUBLICS), width=20),
    Column("objectif_operationnel", "Objectif opérationnel (un par ligne)", "lines", width=50),
    Column("prerequis", "Prérequis", "lines", width=30),
    Column("outils", "Outils", "lines", width=30),
    Column("etapes", "Étapes", "lines", width=40),
    Column("resultats_attendus", "Résultats attendus", "lines", width=40),
    Column("freins", "Freins", "lines", width=30),
    Column("pistes", "Pistes", "lines", width=30),
    Column("leviers.technique", "Leviers techniques", "lines", width=30),
    Column("leviers.organisationnel", "Leviers organisationnels", "lines", width=30),
    Column("leviers.financier", "Leviers financiers", "lines", width=30),
    Column("points_vigilance", "Points de vigilance", "lines", width=30),
    Column("financements", "Financements", "lines", width=25),
    Column("indicateurs", "Indicateurs (un par ligne : libellé ; unité ; cible)", "indicators", width=50),
))

REVIEWS = Sheet("bilans", (
    Column("annee", "Année", "int", width=8),
    Column("date", "Date du comité de pilotage (AAAA-MM-JJ)", "date", width=22),
    Column("libelle", "Intitulé (ex. bilan à mi-parcours)", "text", width=24),
    Column("exemple", "Données d'exemple", "bool", YES_NO, width=10),
))


def review_sheet(year: int | str) -> Sheet:
    """The sheet of one yearly review, with the columns (and keys) of the site's bilan CSV."""
    return Sheet(f"bilan {year}", (
        Column("action", "Action", "text", ACTIONS, width=9),
        Column("titre", "Titre de l'action (pour information)", width=45, informative=True),
        Column("axe", "Axe (pour information)", width=8, informative=True),
        Column("pilotes", "Pilotes (pour information)", width=22, informative=True),
        Column("statut", "Statut", "status", _fixed(tuple(ACTION_STATUSES.values())), width=18),
        Column("avancees", "Avancées (une par ligne)", "lines", width=50),
        Column("difficultes", "Difficultés", "lines", width=40),
        Column("perspectives", "Perspectives", "lines", width=40),
        Column("indicateurs", "Indicateurs (un par ligne : libellé : valeur)", "values", width=50),
    ))


REVIEW_SHEET = re.compile(r"bilan[ _-]?([0-9]{4})")
REVIEW_TEMPLATE = "bilan AAAA"  # in every exported workbook: the next review, renamed with its year (or not)

ORGANISATIONS_SHEET = Sheet("organisations", (
    Column("id", "Identifiant (minuscules, chiffres, tirets)", width=24),
    Column("nom", "Nom", width=45),
    Column("sigle", "Sigle", width=12),
    Column("type", "Type (organisation ou catégorie d'acteurs)", "text", _fixed(ORGANISATION_TYPES), width=16),
    Column("site_web", "Site web", width=30),
    Column("description", "Description", width=50),
))

STRUCTURES = Sheet("structures", (
    Column("id", "Identifiant", width=24),
    Column("nom", "Nom", width=35),
    Column("typologie", "Typologie", "text", _fixed(TYPOLOGIES), width=14),
    Column("adresse", "Adresse", width=30),
    Column("complement_adresse", "Complément d'adresse", width=20),
    Column("code_postal", "Code postal", width=10),
    Column("code_insee", "Code INSEE", "text", _listed("communes"), width=10),
    Column("commune", "Commune", width=20),
    Column("latitude", "Latitude", "number", width=10),
    Column("longitude", "Longitude", "number", width=10),
    Column("telephone", "Téléphone", width=15),
    Column("courriel", "Courriel", width=25),
    Column("site_web", "Site web", width=25),
    Column("presentation_resume", "Présentation (résumé)", width=40),
    Column("presentation_detail", "Présentation (détail)", width=40),
    Column("horaires_accueil", "Horaires (syntaxe OpenStreetMap)", width=30),
    Column("accessibilite_lieu", "Accessibilité du lieu (lien)", width=25),
    Column("professions", "Professions", "ids", width=20),
    Column("publics", "Publics", "ids", _fixed(PUBLICS), width=20),
    Column("thematiques", "Thématiques", "ids", _fixed(THEMATIQUES), width=20),
    Column("finess", "N° FINESS", width=12),
    Column("actions", "Actions du programme", "ids", ACTIONS, width=14),
    Column("date_maj", "Mise à jour (AAAA-MM-JJ)", "date", width=14),
    Column("source", "Source", width=20),
    Column("exemple", "Données d'exemple", "bool", YES_NO, width=10),
))

# What the coordinator knows of each professional (kinds/professionals.py COORDINATOR_FIELDS): one row per
# person already listed on a structure (spreadsheet/people.py); who practises where comes from the imports.
PEOPLE = Sheet("professionnels", (
    Column("structure", "Structure (identifiant)", "text", _listed("structures"), width=30),
    Column("professionnel", "Professionnel (comme sur la fiche)", width=26),
    Column("profession", "Profession (pour information)", width=20, informative=True),
    Column("nouveaux_patients", "Nouveaux patients (oui, non, liste d'attente)", "text",
           _fixed(("oui", "non", "liste d'attente")), width=18),
    Column("nouveaux_patients_au", "Information du (AAAA-MM-JJ)", "date", width=14),
    Column("visites_a_domicile", "Visites à domicile", "bool", YES_NO, width=10),
    Column("langues", "Langues parlées en plus du français (séparées par des virgules)", "ids", width=24),
))

EVENTS = Sheet("événements", (
    Column("id", "Identifiant", width=24),
    Column("titre", "Titre", width=40),
    Column("resume", "Résumé", width=40),
    Column("debut", "Début (AAAA-MM-JJ ou AAAA-MM-JJ HH:MM)", width=18),
    Column("fin", "Fin", width=18),
    Column("lieu.structure", "Lieu : structure du répertoire", "text", _listed("structures"), width=24),
    Column("lieu.nom", "Lieu : nom", width=20),
    Column("lieu.adresse", "Lieu : adresse", width=25),
    Column("lieu.code_insee", "Lieu : code INSEE", "text", _listed("communes"), width=10),
    Column("publics", "Publics", "ids", _fixed(PUBLICS), width=20),
    Column("thematiques", "Thématiques", "ids", _fixed(THEMATIQUES), width=20),
    Column("actions", "Actions du programme", "ids", ACTIONS, width=14),
    Column("organisateurs", "Organisateurs", "ids", ORGANISATIONS, width=20),
    Column("inscription", "Inscription (lien)", width=25),
    Column("entree_libre", "Entrée libre", "bool", YES_NO, width=10),
    Column("accessibilite", "Accessibilité", width=25),
    Column("statut", "Statut", "text", _fixed(EVENT_STATUSES), width=10),
    Column("exemple", "Données d'exemple", "bool", YES_NO, width=10),
))
