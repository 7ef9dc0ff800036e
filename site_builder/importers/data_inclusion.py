"""data·inclusion v1 exports (`structures` and `services`, JSON or CSV) → the social offer of the territory.

Each file given is recognised by its columns: a services file has `structure_id`. v1 structures carry no
type: the repertoire's typologie comes from `reseaux_porteurs` (the reverse of the export's table in
site_builder/inclusion_export.py); a structure of no known network is counted, not guessed. What a structure offers
and to whom lives on its services (`thematiques`, `publics`): their union, mapped to our vocabularies (tables
below; a value with no honest equivalent is left out), fills the structure's `thematiques` and `publics`, so
our own data·inclusion export has services again.

Contacts: only the structure's own `telephone` and `courriel` are read (a service's contact may be a named
person, `contact_nom_prenom`); a record whose source marks its contact as not public (`contact_public: false`)
brings neither. `description` goes to `presentation_resume`; opening hours only if they read as OSM syntax.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from site_builder.importers.merge import Imported
from site_builder.importers.reading import (
    french_phone,
    iso_day,
    load_json,
    mail_address,
    position_or_centre,
    read_csv,
    read_text,
    web_address,
)
from site_builder.importers.source_errors import SourceFileError, match_layout
from site_builder.importers.territory_towns import Town
from site_builder.inclusion_export import RESEAUX
from site_builder.opening_hours import parse
from site_builder.vocabularies import PUBLICS, THEMATIQUES

SOURCE = "data-inclusion"
WHAT = "Fichier data·inclusion"
KINDS = {network: typologie for typologie, network in RESEAUX.items()}
LAYOUTS = {"services": ("id", "structure_id"), "structures": ("id", "nom", "date_maj")}
# v1 thematique (or its category, before « -- ») → ours; the most specific match wins.
THEMES: dict[str, str] = {
    "sante--acces-aux-soins": "soins-premiers-recours", "sante--sante-mentale": "sante-mentale",
    "sante--addictions": "addictions", "sante--sante-sexuelle": "prevention",
    "sante--constituer-un-dossier-mdph-invalidite": "handicap",
    "famille--prise-en-charge-personne-dependante": "maintien-domicile",
    "famille--soutien-a-la-parentalite-et-a-leducation": "petite-enfance", "famille--garde-denfants": "petite-enfance",
    "famille--surmonter-conflits-separation-violence": "violences",
    "difficultes-administratives-ou-juridiques": "acces-droits", "trouver-un-emploi": "insertion",
    "se-former": "insertion", "remobilisation": "insertion",
}
AUDIENCES: dict[str, str] = {
    "tous-publics": "tous-publics", "jeunes": "jeunes", "familles": "familles", "femmes": "femmes",
    "seniors": "personnes-agees", "personnes-en-situation-de-handicap": "personnes-handicap",
    "beneficiaires-des-minimas-sociaux": "personnes-precaires",
    "personnes-en-situation-durgence": "personnes-precaires",
}
NOT_PUBLIC = frozenset({"false", "0", "non", "no", "faux"})


def read_inclusion(paths: Path | Sequence[Path], towns: dict[str, Town], skipped: list[str],
                   notes: list[str] | None = None) -> list[Imported]:
    """The structures of the territory's communes from a structures file, with their services' themes; `notes`
    gets one line per file read (its table, encoding and number of rows)."""
    tables: dict[str, list[dict[str, Any]]] = {"structures": [], "services": []}
    for path in [paths] if isinstance(paths, Path) else paths:
        layout, encoding, rows = _table(path)
        tables[layout] += rows
        if notes is not None:
            notes.append(f"{path.name} : {layout} data·inclusion ({encoding}), {len(rows)} ligne(s).")
    if not tables["structures"]:
        raise SourceFileError(f"{WHAT} : aucun fichier de structures (un fichier de services seul ne dit pas où "
                              "elles sont). Donnez aussi le fichier structures. Rien n'a été écrit.")
    offers = _offers(tables["services"])
    imported: dict[str, Imported] = {}
    unknown = 0
    for row in tables["structures"]:
        town = towns.get(str(row.get("code_insee") or "").strip())
        if town is None:
            continue
        kind = next((KINDS[n] for n in _words(row.get("reseaux_porteurs")) if n in KINDS), None)
        if kind is None:
            unknown += 1
        elif item := _structure(row, kind, town, offers, skipped):
            imported[item.id_source] = item
    if unknown:
        skipped.append(f"{unknown} structure(s) sans réseau porteur connu du répertoire (voir RESEAUX dans "
                       "site_builder/inclusion_export.py).")
    return [imported[key] for key in sorted(imported)]


def _table(path: Path) -> tuple[str, str, list[dict[str, Any]]]:
    """Which table a file is (by its columns), its encoding and its rows."""
    text, encoding = read_text(path, WHAT)
    if text.lstrip("\ufeff \r\n\t")[:1] in ("[", "{"):
        document = load_json(text, WHAT)
        if isinstance(document, dict):
            document = next((document[k] for k in ("items", "results", "data") if isinstance(document.get(k), list)),
                            None)
        if not isinstance(document, list):
            raise SourceFileError(f"{WHAT} : liste de structures ou de services attendue. Rien n'a été écrit.")
        rows = [row for row in document if isinstance(row, dict)]
        columns = list(dict.fromkeys(key for row in rows for key in row))
    else:
        columns, rows = read_csv(text, WHAT)
    return match_layout(columns, LAYOUTS, f"{WHAT} ({path.name})"), encoding, rows


def _offers(services: list[dict[str, Any]]) -> dict[str, tuple[set[str], set[str]]]:
    """structure_id → (our thematiques, our publics) from all its services."""
    offers: dict[str, tuple[set[str], set[str]]] = {}
    for service in services:
        themes, audiences = offers.setdefault(str(service.get("structure_id") or ""), (set(), set()))
        themes.update(theme for value in _words(service.get("thematiques")) if (theme := _theme(value)))
        audiences.update(AUDIENCES[value] for value in _words(service.get("publics")) if value in AUDIENCES)
    return offers


def _theme(value: str) -> str:
    """Our thematique for a v1 one: its own entry, else its category's."""
    return THEMES.get(value) or THEMES.get(value.split("--", 1)[0], "")


def _structure(row: dict[str, Any], kind: str, town: Town, offers: dict[str, tuple[set[str], set[str]]],
               skipped: list[str]) -> Imported | None:
    """One structure as a record, or None (reported) when its id, name or date is missing."""
    ident, name = str(row.get("id") or "").strip(), " ".join(str(row.get("nom") or "").split())
    day = iso_day(row.get("date_maj"))
    missing = [label for label, value in (("id", ident), ("nom", name), ("date_maj", day)) if not value]
    if missing:
        skipped.append(f"structure « {name or ident or '?'} » ({town.nom}) : sans {', '.join(missing)}, non reprise.")
        return None
    themes, audiences = offers.get(ident, (set(), set()))
    fields = {"nom": name, "typologie": kind, **_place(row, town, ident, skipped), **_contact(row, ident, skipped),
              "horaires_accueil": _hours(row, ident, skipped),
              "presentation_resume": " ".join(str(row.get("description") or "").split()),
              "thematiques": tuple(key for key in THEMATIQUES if key in themes),
              "publics": tuple(key for key in PUBLICS if key in audiences), "date_maj": day}
    return Imported(ident, fields)


def _place(row: dict[str, Any], town: Town, ident: str, skipped: list[str]) -> dict[str, Any]:
    latitude, longitude = position_or_centre((row.get("latitude"), row.get("longitude")), town, ident, skipped)
    postcode = str(row.get("code_postal") or "").strip()
    return {"adresse": " ".join(str(row.get("adresse") or town.nom).split()),
            "complement_adresse": " ".join(str(row.get("complement_adresse") or "").split()),
            "code_postal": postcode if postcode in town.codes_postaux else town.codes_postaux[0],
            "code_insee": town.code_insee, "commune": town.nom,
            "latitude": round(latitude, 6), "longitude": round(longitude, 6)}


def _contact(row: dict[str, Any], ident: str, skipped: list[str]) -> dict[str, Any]:
    """The structure's phone, e-mail and site, checked as `validate` would; none if marked not public."""
    public = str(row.get("contact_public", "")).strip().lower() not in NOT_PUBLIC
    if not public and (row.get("telephone") or row.get("courriel")):
        skipped.append(f"{ident} : contact marqué non public par la source, téléphone et courriel non repris.")
    siret = "".join(str(row.get("siret") or "").split())
    return {"telephone": french_phone(row.get("telephone")) if public else "",
            "courriel": mail_address(row.get("courriel")) if public else "",
            "site_web": web_address(row.get("site_web")),
            "accessibilite_lieu": web_address(row.get("accessibilite_lieu")),
            "lien_source": web_address(row.get("lien_source")),
            "siret": siret if siret.isdigit() and len(siret) == 14 else ""}


def _hours(row: dict[str, Any], ident: str, skipped: list[str]) -> str:
    hours = str(row.get("horaires_accueil") or "").strip()
    if hours:
        try:
            parse(hours)
        except ValueError:
            skipped.append(f"{ident} : horaires « {hours} » non repris (syntaxe non prise en charge).")
            return ""
    return hours


def _words(value: Any) -> list[str]:
    """A list from JSON, or from a CSV cell (« a,b », « a|b », « ['a', 'b'] », « {a,b} »)."""
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value or "")
    if text.startswith("["):
        try:
            parsed = json.loads(text)
            if isinstance(parsed, list):
                return [str(v) for v in parsed]
        except ValueError:
            pass
    return [v for v in re.split(r"[|,;\s\[\]{}\"']+", text) if v]

