"""What the CLS tells: the events of its agenda and the issues of its newsletter (kinds/events.py and
kinds/newsletter.py build them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Where an event happens: a structure of the repertoire, or a named address in a commune."""

    structure: str = ""
    nom: str = ""
    adresse: str = ""
    code_insee: str = ""


@dataclass(frozen=True)
class Event:
    """An event of the CLS agenda. `debut`/`fin` are dates (all day) or naive Europe/Paris date-times."""

    id: str
    titre: str
    debut: dt.date | dt.datetime
    fin: dt.date | dt.datetime
    lieu: Place
    resume: str = ""
    publics: tuple[str, ...] = ()
    thematiques: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    organisateurs: tuple[str, ...] = ()
    inscription: str = ""
    entree_libre: bool | None = None
    accessibilite: str = ""
    statut: str = "prevu"
    exemple: bool = False

    @property
    def all_day(self) -> bool:
        return not isinstance(self.debut, dt.datetime)

    @property
    def first_day(self) -> dt.date:
        return self.debut.date() if isinstance(self.debut, dt.datetime) else self.debut

    @property
    def last_day(self) -> dt.date:
        return self.fin.date() if isinstance(self.fin, dt.datetime) else self.fin


@dataclass(frozen=True)
class Issue:
    """An issue of the newsletter: front matter from data/lettres/*.md, and the coordinator's Markdown prose."""

    numero: int
    titre: str
    date: dt.date
    periode_debut: dt.date
    periode_fin: dt.date
    corps: str
    resume: str = ""
    edito_auteur: str = ""
    focus: str = ""
    exemple: bool = False
