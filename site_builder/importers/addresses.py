"""The visitor's address of a FINESS establishment: street line, complement and postcode of the commune.

FINESS gives a postal address: `ligneacheminement` is a routing line (« 01606 TREVOUX CEDEX »), `lieuditbp`
mixes a lieu-dit with a post-office box (« BP 615 », « CS 90401 »). A visitor needs the place: the postcode
comes from the commune, never from a CEDEX line, and boxes (BP, CS, TSA, CEDEX) never reach the address.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from site_builder.importers.names import cased

# The `typvoie` codes of the national list (FINESS, FANTOIR), written after the number in lower case as French
# addresses do (« 900 route de Paris »); « Grande Rue » and a few others are names and keep their capitals.
STREET_TYPES: dict[str, str] = {
    "A": "autoroute", "ALL": "allée", "AV": "avenue", "BD": "boulevard", "BRG": "bourg", "CAR": "carrefour",
    "CC": "chemin communal", "CD": "chemin départemental", "CHE": "chemin", "CHEM": "chemin", "CHS": "chaussée",
    "CHV": "chemin vicinal", "CITE": "cité", "CLOS": "clos", "COR": "corniche", "COTE": "côte", "CRS": "cours",
    "CTRE": "centre", "DOM": "domaine", "DSC": "descente", "ECA": "écart", "ESP": "esplanade", "FG": "faubourg",
    "GR": "Grande Rue", "GPL": "grande place", "HAM": "hameau", "HLE": "halle", "IMP": "impasse", "LD": "lieu-dit",
    "LOT": "lotissement", "MAIL": "mail", "MAR": "marché", "MTE": "montée", "PARC": "parc", "PAS": "passage",
    "PASS": "passage", "PL": "place", "PLN": "plaine", "PLT": "plateau", "PONT": "pont", "PORT": "port",
    "PRO": "promenade", "PROM": "promenade", "PRV": "parvis", "PTR": "petite rue", "QU": "quai", "QUAI": "quai",
    "QUA": "quartier", "R": "rue", "RES": "résidence", "RLE": "ruelle", "ROC": "rocade", "RPT": "rond-point",
    "RTE": "route", "SEN": "sentier", "SQ": "square", "TPL": "terre-plein", "TRA": "traverse", "VLA": "villa",
    "VLGE": "village", "VOIE": "voie", "ZA": "zone artisanale", "ZAC": "zone d'aménagement concerté",
    "ZI": "zone industrielle", "ZONE": "zone",
}
STREET_WORDS = frozenset(STREET_TYPES.values())
# Post-office boxes and sorting words: for letters, never for a visitor (« BP 41 », « CS 90401 », « TSA 10001 »).
BOX = re.compile(r"\b(?:B\.?\s?P\.?|CS|TSA|CEDEX|CIDEX)\b\.?\s*\d*", re.I)
NUMBER = re.compile(r"^\d+(?:\s*(?:BIS|TER|QUATER|[A-D]))?$", re.I)


def street_line(number: str, complement: str, kind: str, name: str, places: Mapping[str, str]) -> str:
    """« 900 », « RTE », « DE PARIS » → « 900 route de Paris »; « GR » alone → « Grande Rue »."""
    kind = kind.strip().upper()
    words = [number.strip(), complement.strip().lower(), STREET_TYPES.get(kind, kind.lower()),
             cased(name, start=not kind, common=False, places=places)]
    return capitalise(" ".join(word for word in words if word))


def capitalise(line: str) -> str:
    """An address line starts with a capital (« Chemin des Nivres »), the rest is left as written."""
    return line[:1].upper() + line[1:]


def without_boxes(text: str) -> str:
    """The line with its BP/CS/TSA/CEDEX parts removed (« BP 139 » → «  »)."""
    return " ".join(BOX.sub(" ", text).split()).strip(" ,-")


def place_lines(street: str, distribution: str, lieu_dit: str, name_of: str,
                places: Mapping[str, str]) -> tuple[str, str]:
    """(`adresse`, `complement_adresse`) from the street line, `compldistrib` and `lieuditbp`.

    The street line is the address; when it is empty, the first of the other two takes its place; a
    `compldistrib` that repeats the street with its numbers (« 3 & 5 BD JULES FERRY ») replaces it."""
    parts = (without_boxes(distribution), without_boxes(lieu_dit))
    extra = [cased(part, common=False, places=places) for part in parts]
    extra = [_expand_kind(part) for part in extra if part]
    if street and extra and name_of and name_of.lower() in extra[0].lower():
        street = extra.pop(0)
    if not street and extra:
        street = extra.pop(0)
    return capitalise(street), ", ".join(extra)


def _expand_kind(text: str) -> str:
    """« 3 & 5 BD Jules Ferry » → « 3 & 5 boulevard Jules Ferry »: a street code right after a number."""
    words = text.split(" ")
    for n in range(1, len(words)):
        # Two letters at least: « 289 A AVENUE … » is number 289 A, not an autoroute.
        after_number = re.search(r"\d", words[n - 1]) or (n > 1 and len(words[n - 1]) == 1
                                                           and re.search(r"\d", words[n - 2]))
        if not after_number:
            continue
        if len(words[n]) > 1 and words[n].upper() in STREET_TYPES:
            words[n] = STREET_TYPES[words[n].upper()]
        elif words[n].lower() in STREET_WORDS:
            words[n] = words[n].lower()
    return " ".join(words)


def postcode(routing_line: str, codes: Sequence[str]) -> str:
    """The commune's postcode: the one the routing line names if it is not CEDEX and belongs to the commune,
    else the commune's main one (its first)."""
    named = routing_line.strip()[:5]
    if named in codes and not re.search(r"\bCEDEX\b", routing_line, re.I):
        return named
    return codes[0] if codes else ""
