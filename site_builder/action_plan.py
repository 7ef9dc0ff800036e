"""The action programme (axes › fiches › actions, with their indicators) and its yearly reviews: what the
contract plans and where each action stood at each COPIL. Built by kinds/programme.py and kinds/tracking.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from site_builder.text import date_fr, month_fr

NO_FICHE = 0  # fiche number of the actions an axe holds directly (axe › action, no fiche level)


@dataclass(frozen=True)
class Indicator:
    libelle: str
    unite: str = ""
    cible: float | None = None


@dataclass(frozen=True)
class Levers:
    technique: tuple[str, ...] = ()
    organisationnel: tuple[str, ...] = ()
    financier: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    """A line of the action programme: "Axe 2, fiche 1, action 1" is id 2-1-1."""

    axe: int
    fiche: int
    numero: int
    titre: str
    objectif_operationnel: tuple[str, ...] = ()
    prerequis: tuple[str, ...] = ()
    outils: tuple[str, ...] = ()
    etapes: tuple[str, ...] = ()
    resultats_attendus: tuple[str, ...] = ()
    freins: tuple[str, ...] = ()
    pistes: tuple[str, ...] = ()
    leviers: Levers = field(default_factory=Levers)
    points_vigilance: tuple[str, ...] = ()
    pilotes: tuple[str, ...] = ()
    partenaires: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    financements: tuple[str, ...] = ()
    indicateurs: tuple[Indicator, ...] = ()

    @property
    def id(self) -> str:
        """« 2-1-1 »; « 2-1 » in a programme whose axes hold their actions directly (no fiche level)."""
        return f"{self.axe}-{self.numero}" if self.fiche == NO_FICHE else f"{self.axe}-{self.fiche}-{self.numero}"

    @property
    def code(self) -> str:
        """How the contract itself names the action within its fiche ("1-3")."""
        return str(self.numero) if self.fiche == NO_FICHE else f"{self.fiche}-{self.numero}"


@dataclass(frozen=True)
class Fiche:
    axe: int
    numero: int
    titre: str
    objectif_general: str = ""
    actions: tuple[Action, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.axe}-{self.numero}"

    @property
    def implicit(self) -> bool:
        """The actions of an axe without fiches, gathered here: no page, no heading."""
        return self.numero == NO_FICHE

    @property
    def label(self) -> str:
        """« Fiche 1-2 : titre », or « Fiche 1-2 » for a programme whose fiches have no title."""
        return f"Fiche {self.id} : {self.titre}" if self.titre else f"Fiche {self.id}"


@dataclass(frozen=True)
class Axis:
    numero: int
    titre: str
    description: tuple[str, ...] = ()
    fiches: tuple[Fiche, ...] = ()

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(action for fiche in self.fiches for action in fiche.actions)

    @property
    def label(self) -> str:
        """« Axe 2 : titre », or « Axe 2 » for a programme whose axes have no title."""
        return f"Axe {self.numero} : {self.titre}" if self.titre else f"Axe {self.numero}"


@dataclass(frozen=True)
class ActionReview:
    """Where one action stood at a yearly review: status, + / − and the values of its indicators."""

    action: str
    statut: str
    avancees: tuple[str, ...] = ()
    difficultes: tuple[str, ...] = ()
    perspectives: tuple[str, ...] = ()
    indicateurs: tuple[tuple[str, float], ...] = ()  # (libellé of one of the action's indicators, value)


@dataclass(frozen=True)
class Review:
    """A yearly review of the programme (data/suivi/AAAA.yml), adopted by the COPIL on `date`."""

    annee: int
    date: dt.date | None  # None: the file gives no COPIL date
    actions: tuple[ActionReview, ...]
    exemple: bool = False  # illustrative statuses and figures: its pages say so
    au_mois: bool = False  # dated by month only (« juin 2017 »): `date` is the first of that month
    libelle: str = ""  # « bilan à mi-parcours »; default « bilan annuel »

    @property
    def titre(self) -> str:
        """« Bilan 2025 », « Bilan à mi-parcours 2017 »."""
        label = self.libelle or "bilan"
        return f"{label[0].upper()}{label[1:]} {self.annee}"

    @property
    def adoption(self) -> str:
        """When the COPIL adopted it, as a sentence ends: « le 16 décembre 2025 », « en juin 2017 », or ""."""
        if self.date is None:
            return ""
        return f"en {month_fr(self.date)}" if self.au_mois else f"le {date_fr(self.date)}"

    def of(self, action_id: str) -> ActionReview | None:
        return next((r for r in self.actions if r.action == action_id), None)
