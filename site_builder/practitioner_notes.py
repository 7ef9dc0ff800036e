"""What the coordinator knows of a professional and no register says, in the words a resident reads.

New patients (with the date of the information: a practice fills up, so an answer older than three months is
shown « à vérifier en appelant »), home visits, languages. Used by the fiche, « Près de chez moi » (through the
GeoJSON) and the exports, so the same sentence is read everywhere.
"""

from __future__ import annotations

import datetime as dt

from site_builder import french
from site_builder.directory import Professional
from site_builder.models import months_between
from site_builder.text import date_fr
from site_builder.vocabularies import NEW_PATIENTS

STALE_MONTHS = 3


def availability(person: Professional, today: dt.date) -> list[str]:
    """What the coordinator knows and no register says, as a resident reads it (empty when nothing is known)."""
    notes = [new_patients(person, today)] if person.nouveaux_patients else []
    if person.visites_a_domicile is not None:
        notes.append("Visites à domicile" if person.visites_a_domicile else "Pas de visites à domicile")
    if person.langues:
        notes.append("Parle " + french.listing(list(person.langues)))
    return notes


def new_patients(person: Professional, today: dt.date) -> str:
    """« Accepte de nouveaux patients (information du 12 mars 2027) »; after 3 months, « …, à vérifier en
    appelant »: a practice fills up, and an old « oui » sends a resident to a closed door."""
    day = person.nouveaux_patients_au
    when = f"information du {date_fr(day)}" if day else "information non datée"
    if not day or months_between(day, today) >= STALE_MONTHS:
        when += ", à vérifier en appelant"
    return f"{NEW_PATIENTS[person.nouveaux_patients]} ({when})"


def accepts_new_patients(person: Professional) -> bool:
    """« oui », however old: the filter finds them, and the line says when it was heard (and to check it)."""
    return person.nouveaux_patients == "oui"
