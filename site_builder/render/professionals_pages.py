"""Health professionals in the pages: a fiche's team, a commune's professionals, the territory's density.

Counts come from the repertoire's `professionnels` lists (the Annuaire Santé import, or typed in). A person
who practises in two communes counts in each commune, once for the territory. RPPS/ADELI numbers only reach
the professional edition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from site_builder import urls
from site_builder.directory import Professional, Structure
from site_builder.models import Commune, SiteModel
from site_builder.practitioner_notes import availability
from site_builder.reference import load_reference
from site_builder.render.environment import GeneratedPage, render
from site_builder.vocabularies import PRACTICE_MODES, PROFESSIONS

# The professions élus follow, in the columns of the density table.
DENSITY_PROFESSIONS = ("medecin-generaliste", "infirmier", "masseur-kinesitherapeute", "dentiste", "sage-femme")
PER_INHABITANTS = 10_000


def team(people: Iterable[Professional], edition: str, today: dt.date
         ) -> list[tuple[str, list[tuple[str, str]]]]:
    """The professionals by profession (vocabulary order), each with what the coordinator knows of them:
    (« Dr Anne Fictif — Médecine Générale · libéral », « Accepte de nouveaux patients (information du …) »)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for person in people:
        details = [person.specialite, PRACTICE_MODES.get(person.mode, "")]
        if edition == "pro":  # national numbers: the professional edition only
            details += [f"RPPS {person.rpps}" if person.rpps else "", f"ADELI {person.adeli}" if person.adeli else ""]
        shown = " · ".join(detail for detail in details if detail)
        line = person.label + (f" — {shown}" if shown else "")
        groups.setdefault(person.profession, []).append((line, " · ".join(availability(person, today))))
    return [(PROFESSIONS[key], groups[key]) for key in PROFESSIONS if key in groups]


@dataclass(frozen=True)
class Row:
    """One line of the density table: a commune (or the territory) and its counts."""

    code_insee: str  # "" for the territory
    name: str
    population: int | None
    counts: tuple[int, ...]

    def density(self, index: int) -> str:
        """Per 10,000 inhabitants, one decimal, French comma; « – » without a population."""
        if not self.population:
            return "–"
        return f"{self.counts[index] * PER_INHABITANTS / self.population:.1f}".replace(".", ",")


def population(commune: Commune) -> int | None:
    """From data/communes.yml, else from the commune reference shipped with the package."""
    if commune.population is not None:
        return commune.population
    known = load_reference().communes.get(commune.code_insee)
    return known.population if known else None


def density_rows(model: SiteModel) -> tuple[list[Row], Row]:
    """A row per commune with at least one counted professional, and the territory's row (every commune)."""
    here: dict[str, list[set[tuple[str, str]]]] = {}
    everywhere: list[set[tuple[str, str]]] = [set() for _ in DENSITY_PROFESSIONS]
    for item in model.structures:
        for person in item.professionnels:
            if person.profession in DENSITY_PROFESSIONS:
                at = DENSITY_PROFESSIONS.index(person.profession)
                who = (person.rpps or person.adeli or person.label, person.profession)
                here.setdefault(item.code_insee, [set() for _ in DENSITY_PROFESSIONS])[at].add(who)
                everywhere[at].add(who)
    rows = [Row(c.code_insee, c.nom, population(c), tuple(len(s) for s in here[c.code_insee]))
            for c in model.communes if c.code_insee in here]
    people = [population(c) for c in model.communes]
    total = None if None in people else sum(p for p in people if p is not None)
    return rows, Row("", "Territoire", total, tuple(len(s) for s in everywhere))


def commune_row(rows: list[Row], commune: Commune) -> Row:
    """The density row of one commune (zeros when nobody practises there)."""
    return next((row for row in rows if row.code_insee == commune.code_insee),
                Row(commune.code_insee, commune.nom, population(commune), (0,) * len(DENSITY_PROFESSIONS)))


def commune_team(here: Iterable[Structure]) -> list[tuple[str, list[tuple[Professional, Structure]]]]:
    """Who practises in a commune, by profession, each with their place (for « Se soigner à … »)."""
    groups: dict[str, list[tuple[Professional, Structure]]] = {}
    for item in here:
        for person in item.professionnels:
            groups.setdefault(person.profession, []).append((person, item))
    return [(PROFESSIONS[key], groups[key]) for key in PROFESSIONS if key in groups]


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    """The territory's professionals in figures, when the repertoire lists some."""
    if not any(item.professionnels for item in model.structures):
        return
    rows, total = density_rows(model)
    yield render("professionals.md.j2", urls.PROFESSIONALS, model=model, rows=rows, total=total,
                 headers=[PROFESSIONS[key] for key in DENSITY_PROFESSIONS], per=PER_INHABITANTS,
                 examples=any(item.exemple for item in model.structures if item.professionnels),
                 updated=max((s.date_maj for s in model.structures if s.source == "annuaire-sante"), default=None))
