"""The site's model: one frozen dataclass per kind, built once from validated data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from site_builder.action_plan import Action, ActionReview, Axis, Fiche, Review
from site_builder.costs import Scale
from site_builder.directory import Campaign, Structure
from site_builder.errors import Location
from site_builder.news import Event, Issue

ORGANISATION_TYPES = {"organisation": "Organisation", "categorie": "Catégorie d'acteurs"}


@dataclass(frozen=True)
class Organisation:
    id: str
    nom: str
    type: str = "organisation"
    sigle: str = ""
    site_web: str = ""
    description: str = ""

    @property
    def label(self) -> str:
        """Name with its acronym when the acronym is not already in the name."""
        return f"{self.nom} ({self.sigle})" if self.sigle and self.sigle not in self.nom else self.nom


@dataclass(frozen=True)
class Commune:
    code_insee: str
    nom: str
    code_postal: str
    epci: str
    latitude: float
    longitude: float
    codes_postaux: tuple[str, ...] = ()
    population: int | None = None
    anciens_noms: tuple[str, ...] = ()  # the names residents still type (communes déléguées, former communes)
    slug: str = ""  # its page's name, unique among the communes (text.unique_slugs)


@dataclass(frozen=True)
class Neighbour:
    """A commune outside the territory whose residents use its structures ("près de chez moi")."""

    nom: str
    code_postal: str
    code_insee: str
    departement: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Body:
    """A governance body of the contract (COPIL, COTECH…)."""

    id: str
    nom: str
    sigle: str = ""
    presidence: str = ""
    missions: tuple[str, ...] = ()
    composition: tuple[str, ...] = ()
    frequence: str = ""


@dataclass(frozen=True)
class Period:
    periode: str
    titre: str
    resume: tuple[str, ...] = ()


@dataclass(frozen=True)
class UrgentContact:
    """One of the territory's own out-of-hours arrangements (maison médicale de garde, SAS…)."""

    nom: str
    telephone: str
    quand: str  # when to call, in one line


@dataclass(frozen=True)
class Contract:
    """The CLS itself: who signs it, for which territory and period, how it is governed."""

    nom: str
    territoire: str
    debut: int
    fin: int
    porteur: str
    signataires: tuple[str, ...]
    epci: tuple[str, ...]
    presentation: tuple[str, ...] = ()
    historique: tuple[Period, ...] = ()
    gouvernance: tuple[Body, ...] = ()
    coordination: tuple[str, ...] = ()
    courriel: str = ""
    nom_court: str = ""  # the header's name on a phone; empty: « CLS » and the territory
    site_web: str = ""
    lettre_inscription: str = ""  # sign-up form of the newsletter; by e-mail to `courriel` if empty
    accroche: tuple[str, ...] = ()  # the home page's opening paragraphs
    declaration_accessibilite: dt.date | None = None  # date of the accessibility statement
    editeur_adresse: str = ""  # postal address of the porteur, publisher of the site (mentions légales)
    editeur_siren: str = ""
    directeur_publication: str = ""  # « La présidente du PETR … »
    hebergeur: str = ""  # name, address and phone of the host
    conformite_rgaa: str = "non"  # non, partielle, totale (kinds/territory.py RGAA_STATES)
    taux_rgaa: int | None = None  # percentage of RGAA criteria met, after an audit
    exemple: bool = False  # the programme and its reviews are illustrative: pages say so
    couleur_principale: str = ""  # #rrggbb, checked for contrast; empty: the palette of mkdocs.yml
    couleur_accent: str = ""
    logo: str = ""  # image in content/, e.g. assets/logo.svg; empty: the icon of mkdocs.yml
    urgences: tuple[UrgentContact, ...] = ()  # shown beside the national emergency numbers
    viatrajectoire: bool = False  # the département takes EHPAD applications online through ViaTrajectoire
    sources: tuple[str, ...] = ()  # national files `cls-site rafraichir` refreshes (names of refresh/sources.py)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later` (12 March → 11 April is 0, → 12 April is 1)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


@dataclass(frozen=True)
class GlossaryTerm:
    """An acronym of data/glossaire.yml and what it stands for."""

    sigle: str
    explication: str


@dataclass(frozen=True)
class SourceRefresh:
    """When a national source's file was last imported by `cls-site rafraichir` (data/rafraichissement.yml)."""

    source: str  # a name of site_builder/refresh/sources.py: finess, cnsa, annuaire…
    fichier_du: dt.date
    importe_le: dt.date


@dataclass(frozen=True)
class SiteModel:
    """Everything the renderers need, with the lookups they share."""

    contract: Contract
    organisations: tuple[Organisation, ...]
    communes: tuple[Commune, ...]
    axes: tuple[Axis, ...]
    structures: tuple[Structure, ...] = ()
    edition: str = "public"
    today: dt.date = field(default_factory=dt.date.today)
    neighbours: tuple[Neighbour, ...] = ()
    stale_after_months: int = 12
    guide_pdf: bool = False  # the build also prints the senior guide to PDF (needs Chromium)
    events: tuple[Event, ...] = ()
    site_url: str = ""  # absolute address of the site (mkdocs.yml), for feeds and calendar files
    newsletter: tuple[Issue, ...] = ()  # newest first
    reviews: tuple[Review, ...] = ()  # oldest first
    sources: dict[tuple[str, str], Location] = field(default_factory=dict, compare=False)
    """Where each record is written, by (kind, id): a page collision names the record's file and line."""
    map_tiles: str = "osm"  # background of the maps: a key of render.maps.TILE_PROVIDERS (mkdocs.yml `carte_fond`)
    cost_scale: Scale | None = None  # national scale of the senior guide's « reste à charge » estimate
    repertoire_group_above: int = 300  # more structures than this: the repertoire is split by type and commune
    nav_trails: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False)
    """The menu of mkdocs.yml as (title, page) trails by page (sections.nav_trails): breadcrumbs follow it."""
    refreshes: tuple[SourceRefresh, ...] = ()  # the national files the repertoire comes from, by source
    campaigns: tuple[Campaign, ...] = ()  # update campaigns (data/campagnes.yml), oldest first
    refresh_report: str = ""  # the last rapport-rafraichissement.md beside mkdocs.yml: a page of the pro edition
    glossary: tuple[GlossaryTerm, ...] = ()  # the territory's own acronyms (data/glossaire.yml)

    @property
    def repertoire_grouped(self) -> bool:
        """The repertoire's index lists groups (types, communes) instead of every structure."""
        return len(self.structures) > self.repertoire_group_above

    @property
    def latest_review(self) -> Review | None:
        return self.reviews[-1] if self.reviews else None

    @property
    def previous_review(self) -> Review | None:
        return self.reviews[-2] if len(self.reviews) > 1 else None

    def status_of(self, action_id: str) -> str:
        """The action's status at the latest review ("" when no review mentions it)."""
        found = self.latest_review.of(action_id) if self.latest_review else None
        return found.statut if found else ""

    def history_of(self, action_id: str) -> list[tuple[Review, ActionReview]]:
        return [(review, found) for review in self.reviews if (found := review.of(action_id))]

    def events_between(self, start: dt.date, end: dt.date) -> tuple[Event, ...]:
        """Events that start within [start, end], in date order."""
        return tuple(e for e in self.events if start <= e.first_day <= end)

    @cached_property
    def structure_by_id(self) -> dict[str, Structure]:
        return {s.id: s for s in self.structures}

    @cached_property
    def upcoming_events(self) -> tuple[Event, ...]:
        """Events not over at the build date, soonest first (cancelled ones included: they say so)."""
        return tuple(e for e in self.events if e.last_day >= self.today)

    @cached_property
    def past_events(self) -> tuple[Event, ...]:
        """Events over at the build date, most recent first."""
        return tuple(reversed([e for e in self.events if e.last_day < self.today]))

    @cached_property
    def _upcoming_by(self) -> dict[tuple[str, str], tuple[Event, ...]]:
        """Upcoming events by ("action", id) and ("structure", id): each action and fiche page asks once,
        so scanning every event per page would cost structures × events."""
        found: dict[tuple[str, str], list[Event]] = {}
        for event in self.upcoming_events:
            for key in [("action", a) for a in event.actions] + [("structure", event.lieu.structure)]:
                found.setdefault(key, []).append(event)
        return {key: tuple(events) for key, events in found.items()}

    def upcoming_for_action(self, action_id: str) -> tuple[Event, ...]:
        return self._upcoming_by.get(("action", action_id), ())

    def upcoming_at(self, structure_id: str) -> tuple[Event, ...]:
        return self._upcoming_by.get(("structure", structure_id), ())

    @cached_property
    def example_structures(self) -> bool:
        """Some structures are illustrative (`exemple: true`): the repertoire's pages say so. Asked by each of
        the ~90 group pages of a large repertoire, so computed once."""
        return any(s.exemple for s in self.structures)

    def stale_structures(self) -> list[tuple[Structure, int]]:
        """Structures not confirmed by the coordinator for `stale_after_months` or more, oldest first.

        An imported record is left out: its `date_maj` is its source's, refreshed by the next import
        (see `source_changes`).
        """
        aged = [(s, months_between(s.date_maj, self.today)) for s in self.structures if not s.id_source]
        return sorted(((s, age) for s, age in aged if age >= self.stale_after_months),
                      key=lambda pair: (pair[0].date_maj, pair[0].nom))

    def source_changes(self) -> list[Structure]:
        """Imported structures gone from their source (closed, moved away?), the most recent first."""
        gone = [s for s in self.structures if s.disparu_de_la_source is not None]
        return sorted(gone, key=lambda s: (-s.disparu_de_la_source.toordinal(), s.nom))

    @cached_property
    def organisation_by_id(self) -> dict[str, Organisation]:
        return {org.id: org for org in self.organisations}

    @cached_property
    def actions(self) -> tuple[Action, ...]:
        return tuple(action for axis in self.axes for action in axis.actions)

    @cached_property
    def fiches(self) -> tuple[Fiche, ...]:
        return tuple(fiche for axis in self.axes for fiche in axis.fiches)

    def actions_led_by(self, org_id: str) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if org_id in a.pilotes)

    def actions_supported_by(self, org_id: str) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if org_id in a.partenaires)

    def communes_of(self, epci_id: str) -> tuple[Commune, ...]:
        return tuple(c for c in self.communes if c.epci == epci_id)

    @cached_property
    def commune_by_code(self) -> dict[str, Commune]:
        return {c.code_insee: c for c in self.communes}

    @cached_property
    def action_by_id(self) -> dict[str, Action]:
        return {a.id: a for a in self.actions}

    @cached_property
    def senior_establishments(self) -> tuple[Structure, ...]:
        """The structures of the senior guide (with a `seniors:` section)."""
        return tuple(s for s in self.structures if s.seniors)

    def seniors_of_kind(self, kind: str) -> tuple[Structure, ...]:
        """Establishments offering `kind`: of that type, or with temporary or day places for those two kinds."""
        extra = {"hebergement-temporaire": "places_temporaires", "accueil-jour": "places_accueil_jour"}.get(kind)
        return tuple(s for s in self.senior_establishments
                     if s.typologie == kind or (extra and getattr(s.seniors, extra)))

    def structures_in_action(self, action_id: str) -> tuple[Structure, ...]:
        return tuple(s for s in self.structures if action_id in s.actions)
