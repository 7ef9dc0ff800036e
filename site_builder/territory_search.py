"""Find a territory by the name a coordinator types: « montargoise », « Pithiviers », « loiret ».

`cls-site nouveau` accepts codes (SIREN of an EPCI, INSEE code of a commune, number of a département) or names;
a name is looked up accent- and case-blind among the EPCI, communes or départements of the national reference,
and the candidates are shown with their code and number of communes so that the right one can be chosen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from site_builder.reference import Reference
from site_builder.text import fold

CODE = re.compile(r"\d{9}|\d{5}|2[AB]\d{3}|\d{2,3}|2[AB]", re.IGNORECASE)  # SIREN, INSEE, département

_DEPARTEMENT_NAMES = """\
01 Ain|02 Aisne|03 Allier|04 Alpes-de-Haute-Provence|05 Hautes-Alpes|06 Alpes-Maritimes|07 Ardèche|08 Ardennes|\
09 Ariège|10 Aube|11 Aude|12 Aveyron|13 Bouches-du-Rhône|14 Calvados|15 Cantal|16 Charente|17 Charente-Maritime|\
18 Cher|19 Corrèze|2A Corse-du-Sud|2B Haute-Corse|21 Côte-d'Or|22 Côtes-d'Armor|23 Creuse|24 Dordogne|25 Doubs|\
26 Drôme|27 Eure|28 Eure-et-Loir|29 Finistère|30 Gard|31 Haute-Garonne|32 Gers|33 Gironde|34 Hérault|\
35 Ille-et-Vilaine|36 Indre|37 Indre-et-Loire|38 Isère|39 Jura|40 Landes|41 Loir-et-Cher|42 Loire|43 Haute-Loire|\
44 Loire-Atlantique|45 Loiret|46 Lot|47 Lot-et-Garonne|48 Lozère|49 Maine-et-Loire|50 Manche|51 Marne|\
52 Haute-Marne|53 Mayenne|54 Meurthe-et-Moselle|55 Meuse|56 Morbihan|57 Moselle|58 Nièvre|59 Nord|60 Oise|61 Orne|\
62 Pas-de-Calais|63 Puy-de-Dôme|64 Pyrénées-Atlantiques|65 Hautes-Pyrénées|66 Pyrénées-Orientales|67 Bas-Rhin|\
68 Haut-Rhin|69 Rhône|70 Haute-Saône|71 Saône-et-Loire|72 Sarthe|73 Savoie|74 Haute-Savoie|75 Paris|\
76 Seine-Maritime|77 Seine-et-Marne|78 Yvelines|79 Deux-Sèvres|80 Somme|81 Tarn|82 Tarn-et-Garonne|83 Var|\
84 Vaucluse|85 Vendée|86 Vienne|87 Haute-Vienne|88 Vosges|89 Yonne|90 Territoire de Belfort|91 Essonne|\
92 Hauts-de-Seine|93 Seine-Saint-Denis|94 Val-de-Marne|95 Val-d'Oise|971 Guadeloupe|972 Martinique|973 Guyane|\
974 La Réunion|976 Mayotte"""
DEPARTEMENTS = dict(pair.split(" ", 1) for pair in _DEPARTEMENT_NAMES.split("|"))

KIND_WORDS = {"epci": "EPCI", "commune": "commune", "departement": "département"}


@dataclass(frozen=True)
class Candidate:
    """A territory a name may designate."""

    kind: str  # epci, commune, departement
    code: str  # SIREN, INSEE code, département number
    nom: str
    communes: int
    departement: str = ""

    def __str__(self) -> str:
        place = f" ({self.departement})" if self.departement else ""
        code = {"epci": "SIREN", "commune": "INSEE", "departement": "n°"}[self.kind]
        size = f", {self.communes} communes" if self.communes > 1 else ""
        return f"{self.nom}{place} — {code} {self.code}{size}"


def is_code(text: str) -> bool:
    """A code rather than a name: « 200067569 », « 45208 », « 2A », « 45 »."""
    return bool(CODE.fullmatch(text.strip()))


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).split()


def matches(query: str, name: str) -> bool:
    """Every word typed begins a word of the name, in any order (« montargoise » ~ « CA Montargoise et Rives
    du Loing », « st jean » ~ « Saint-Jean-de-Luz » thanks to the words' beginnings)."""
    typed, words = _words(query), _words(name.replace("St-", "Saint-").replace("Ste-", "Sainte-"))
    typed = [{"st": "saint", "ste": "sainte"}.get(word, word) for word in typed]
    return bool(typed) and all(any(word.startswith(t) for word in words) for t in typed)


def search(reference: Reference, kind: str, query: str) -> list[Candidate]:
    """The EPCI, communes or départements whose name matches `query`, an exact name first."""
    if kind == "epci":
        sizes: dict[str, int] = {}
        for commune in reference.communes.values():
            sizes[commune.epci] = sizes.get(commune.epci, 0) + 1
        found = [Candidate("epci", siren, name, sizes.get(siren, 0)) for siren, name in reference.epci.items()
                 if matches(query, name)]
    elif kind == "commune":
        found = [Candidate("commune", c.code_insee, c.nom, 1, c.departement) for c in reference.communes.values()
                 if matches(query, c.nom)]
    else:
        found = [Candidate("departement", code, name, len(reference.in_departement(code)))
                 for code, name in DEPARTEMENTS.items() if matches(query, name)]
    return sorted(found, key=lambda c: (not same_name(c.nom, query), fold(c.nom), c.code))


def same_name(name: str, query: str) -> bool:
    """« Saint-Denis » is « saint denis »: the same words, accents, case and hyphens aside."""
    return _words(name) == _words(query)


class SearchError(Exception):
    """A name that designates no territory, or several: the French message lists the candidates."""


PLURALS = {"epci": "EPCI", "commune": "communes", "departement": "départements"}
OPTIONS = {"epci": "--epci", "commune": "--communes", "departement": "--departement"}
SHOWN = 20


def resolve(reference: Reference, kind: str, query: str,
            choose: Callable[[list[Candidate]], Candidate] | None = None) -> str:
    """The code `query` designates: itself when it is a code; otherwise the only candidate of that name (or the
    only one named exactly so), the one `choose` picks among several, or SearchError."""
    if is_code(query):
        return query.strip().upper()
    found = search(reference, kind, query)
    exact = [c for c in found if same_name(c.nom, query)]
    if len(found) == 1 or len(exact) == 1:
        return (found if len(found) == 1 else exact)[0].code
    if not found:
        raise SearchError(f"aucun {KIND_WORDS[kind]} ne porte le nom « {query} » dans le référentiel national"
                          + _elsewhere(reference, kind, query) + ".")
    if choose is not None:
        return choose(found).code
    listed = "\n".join(f"  {c}" for c in found[:SHOWN])
    more = f"\n  … et {len(found) - SHOWN} autres : précisez le nom." if len(found) > SHOWN else ""
    raise SearchError(f"« {query} » désigne {len(found)} {PLURALS[kind]} ; relancez avec le code voulu "
                      f"({OPTIONS[kind]} CODE) :\n{listed}{more}")


def _elsewhere(reference: Reference, kind: str, query: str) -> str:
    """Where the name is found instead (« c'est une commune : --communes 45208 »), or ""."""
    for other in ("epci", "commune", "departement"):
        if other != kind and (found := search(reference, other, query)):
            first = found[0]
            article = "d'une" if other == "commune" else "d'un"
            return f" ; c'est le nom {article} {KIND_WORDS[other]} : {first} ({OPTIONS[other]} {first.code})"
    return ""
