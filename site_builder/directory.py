"""The repertoire's model: a structure of the directory, and what it holds (housing, closure, professionals)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from site_builder.opening_hours import OpeningHours


@dataclass(frozen=True)
class ProDetails:
    """Fields for professionals only: never rendered in the public edition."""

    telephone_direct: str = ""
    courriel_direct: str = ""
    referent: str = ""
    note: str = ""


@dataclass(frozen=True)
class Professional:
    """A health professional at a practice (Annuaire Santé): what a resident needs to choose and call."""

    nom: str
    profession: str  # vocabularies.PROFESSIONS
    prenom: str = ""
    civilite: str = ""  # civility of practice: « Docteur », « Professeur »
    specialite: str = ""
    mode: str = ""  # vocabularies.PRACTICE_MODES
    rpps: str = ""  # national numbers: the professional edition only, never the public one
    adeli: str = ""
    # What the coordinator knows and no register says (kinds/professionals.py COORDINATOR_FIELDS): typed in,
    # never overwritten by an import. Per person, because a resident asks « ce médecin prend-il de nouveaux
    # patients ? », and home visits and languages are the person's, not the building's.
    nouveaux_patients: str = ""  # vocabularies.NEW_PATIENTS
    nouveaux_patients_au: dt.date | None = None  # when the coordinator heard it: shown, and stale after 3 months
    visites_a_domicile: bool | None = None
    langues: tuple[str, ...] = ()  # vocabularies.LANGUAGES

    @property
    def label(self) -> str:
        """« Dr Anne Fictif » (civility of practice abbreviated, as a brass plate shows it)."""
        civility = {"Docteur": "Dr", "Professeur": "Pr"}.get(self.civilite, self.civilite)
        return " ".join(part for part in (civility, self.prenom, self.nom) if part)


@dataclass(frozen=True)
class SeniorHousing:
    """The senior-housing section of a structure (guide « Bien vieillir », fiche 2-3-1).

    Prices in € per day, except `prix_mensuel` (€ per month, résidences autonomie).
    """

    statut: str = ""  # "" when no source said it (the CNSA price file has no legal status)
    places_permanentes: int | None = None
    places_temporaires: int | None = None
    places_accueil_jour: int | None = None
    gir: tuple[int, ...] = ()
    prix_journalier: float | None = None
    tarif_dependance_gir56: float | None = None
    aide_sociale: str = ""
    apl: bool | None = None
    alzheimer: tuple[str, ...] = ()
    portail: str = ""
    tarifs_au: dt.date | None = None
    tarif_dependance_gir12: float | None = None  # € per day, EHPAD and USLD
    tarif_dependance_gir34: float | None = None
    prix_mensuel: float | None = None  # monthly rent of a résidence autonomie (CNSA publishes these monthly)
    tarif_horaire: float | None = None  # home help (SAAD), € per hour before APA
    zone_intervention: str = ""  # communes served by a home service (SAAD, SSIAD)
    transport: bool | None = None  # a day-care centre fetches and brings back its guests
    duree_max_jours: int | None = None  # longest temporary stay, days per year
    prix_journalier_temporaire: float | None = None  # € per day of a temporary stay (CNSA prixHebTempCs)

    @property
    def places(self) -> int:
        return sum(n or 0 for n in (self.places_permanentes, self.places_temporaires, self.places_accueil_jour))


@dataclass(frozen=True)
class Closure:
    """A temporary closure of a structure (works, holidays of a single-handed practice…)."""

    du: dt.date
    au: dt.date
    motif: str = ""


@dataclass(frozen=True)
class Structure:
    """A health, medico-social or social structure of the repertoire (data·inclusion fields)."""

    id: str
    nom: str
    typologie: str
    adresse: str
    code_postal: str
    code_insee: str
    commune: str
    latitude: float
    longitude: float
    date_maj: dt.date  # the source's date (or the coordinator's last edit)
    complement_adresse: str = ""
    telephone: str = ""
    courriel: str = ""
    site_web: str = ""
    presentation_resume: str = ""
    presentation_detail: str = ""
    horaires_accueil: OpeningHours | None = None
    accessibilite_lieu: str = ""
    professions: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    thematiques: tuple[str, ...] = ()
    finess: str = ""
    siret: str = ""
    lien_source: str = ""  # the record's page in its source (Service-Public.fr…)
    communes_desservies: tuple[str, ...] = ()  # other communes of the territory an office serves
    actions: tuple[str, ...] = ()
    source: str = ""
    id_source: str = ""
    garder: tuple[str, ...] = ()
    disparu_de_la_source: dt.date | None = None
    exemple: bool = False
    verifie_le: dt.date | None = None  # the structure itself confirmed its fiche (a campaign's answer), not the source
    pro: ProDetails | None = None
    seniors: SeniorHousing | None = None
    fermeture_temporaire: Closure | None = None
    professionnels: tuple[Professional, ...] = ()  # who practises here (Annuaire Santé, or typed in)


# Answers to an update campaign (data/campagnes.yml): the letter is sent, then the structure confirms, corrects,
# or stays silent. « envoyee » until the coordinator imports an answer.
ANSWERS = {"envoyee": "envoyée", "confirmee": "confirmée", "corrigee": "corrigée", "sans-reponse": "sans réponse"}


@dataclass(frozen=True)
class CampaignEntry:
    """One structure asked in a campaign, and what it answered."""

    structure: str  # id of the structure
    envoye_le: dt.date
    reponse: str = "envoyee"  # a key of ANSWERS
    repondu_le: dt.date | None = None


@dataclass(frozen=True)
class Campaign:
    """An update campaign (`cls-site campagne preparer`): the structures asked to check their fiche on one day."""

    date: dt.date
    structures: tuple[CampaignEntry, ...] = ()
