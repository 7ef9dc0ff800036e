"""The repertoire in data·inclusion v1: `repertoire/structures.json` and `repertoire/services.json`.

v1 keeps on a structure only who and where it is (`description`, `reseaux_porteurs`…); what it offers and
to whom (`thematiques`, `publics`) lives on its services. Our YAML keeps its own keys (README, « Données
nationales »): this module is the one place that turns them into v1. Each structure publishes one
service, « its reception », carrying its themes and publics in the v1 vocabularies (tables below; a value
with no honest v1 equivalent is left out rather than forced), and a place where health professionals practise
one service per profession.
Not published: records marked `exemple` (fictional) and records gone from their source.
"""

from __future__ import annotations

import json
import re
from typing import Any

from site_builder import urls
from site_builder.directory import Structure
from site_builder.models import SiteModel
from site_builder.text import slug
from site_builder.vocabularies import PROFESSION_ONE, PROFESSIONS, TYPOLOGIES

RESEAUX: dict[str, str] = {"caf": "caf", "ccas": "ccas-cias", "cmp": "cmp", "cpam": "cpam",
                           "mission-locale": "mission-locale", "france-services": "france-service", "mdph": "mdph",
                           "maison-solidarites": "maisons-des-solidarites"}
THEMATIQUES: dict[str, str] = {
    "soins-premiers-recours": "sante--acces-aux-soins", "urgences": "sante--acces-aux-soins",
    "hospitalisation": "sante--acces-aux-soins", "prevention": "sante--acces-aux-soins",
    "depistage": "sante--acces-aux-soins", "medicaments": "sante--acces-aux-soins",
    "analyses": "sante--acces-aux-soins", "coordination-parcours": "sante--acces-aux-soins",
    "sante-mentale": "sante--sante-mentale", "addictions": "sante--addictions",
    "maintien-domicile": "famille--prise-en-charge-personne-dependante",
    "hebergement-personnes-agees": "famille--prise-en-charge-personne-dependante",
    "perinatalite": "famille--soutien-a-la-parentalite-et-a-leducation",
    "petite-enfance": "famille--soutien-a-la-parentalite-et-a-leducation",
    "acces-droits": "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    "violences": "famille--surmonter-conflits-separation-violence",
}
# A place where professionals practise publishes one service per profession (« Médecins généralistes »), with
# the v1 health themes: v1 has no vocabulary of professions, so the profession is the service's name and the
# people its description (their names are on the public fiche; RPPS/ADELI numbers never leave the pro edition).
# Social professions have no care theme in v1 and publish no service rather than a forced one.
PROFESSION_THEMES: dict[str, tuple[str, ...]] = {
    **{key: ("sante--acces-aux-soins",) for key in PROFESSIONS if key not in ("assistant-social", "educateur")},
    "psychologue": ("sante--sante-mentale",), "psychiatre": ("sante--acces-aux-soins", "sante--sante-mentale"),
    "sage-femme": ("sante--acces-aux-soins", "sante--sante-sexuelle"),
}
PUBLICS: dict[str, str] = {"tous-publics": "tous-publics", "jeunes": "jeunes", "familles": "familles",
                           "enfants": "familles", "femmes": "femmes", "personnes-agees": "seniors",
                           "personnes-handicap": "personnes-en-situation-de-handicap"}


def producer(model: SiteModel) -> str:
    """Our producer id in data·inclusion: « cls- » and the territory, e.g. cls-petr-du-pays-x."""
    return "cls-" + slug(model.contract.territoire)[:40].strip("-")


def published(model: SiteModel) -> list[Structure]:
    return [s for s in model.structures if not s.exemple and s.disparu_de_la_source is None]


def structures_json(model: SiteModel) -> str:
    return _dump([structure_v1(model, s) for s in published(model)])


def services_json(model: SiteModel) -> str:
    services = []
    for s in published(model):
        services += [service for service in (service_v1(model, s),) if service] + profession_services(model, s)
    return _dump(services)


def structure_v1(model: SiteModel, s: Structure) -> dict[str, Any]:
    source = producer(model)
    record = {
        "source": source, "id": f"{source}--{s.id}", "siret": s.siret, "nom": _name(s.nom),
        "date_maj": s.date_maj.isoformat(),
        "description": _description(s), "lien_source": _link(model, s),
        "commune": s.commune, "code_postal": s.code_postal, "code_insee": s.code_insee, "adresse": s.adresse,
        "complement_adresse": s.complement_adresse, "latitude": round(s.latitude, 6),
        "longitude": round(s.longitude, 6), "telephone": e164(s.telephone), "courriel": s.courriel,
        "site_web": s.site_web, "accessibilite_lieu": s.accessibilite_lieu,
        "horaires_accueil": s.horaires_accueil.source if s.horaires_accueil else "",
        "reseaux_porteurs": [RESEAUX[s.typologie]] if s.typologie in RESEAUX else [],
    }
    return _without_empty(record)


def service_v1(model: SiteModel, s: Structure) -> dict[str, Any] | None:
    themes = sorted({THEMATIQUES[t] for t in s.thematiques if t in THEMATIQUES})
    publics = sorted({PUBLICS[p] for p in s.publics if p in PUBLICS})
    if not themes and not publics:
        return None
    source = producer(model)
    record = {
        "source": source, "structure_id": f"{source}--{s.id}", "id": f"{source}--{s.id}--accueil",
        "nom": _name(f"Accueil : {TYPOLOGIES[s.typologie]}"), "description": _description(s),
        "lien_source": _link(model, s), "date_maj": s.date_maj.isoformat(), "thematiques": themes,
        "publics": publics, "commune": s.commune, "code_postal": s.code_postal, "code_insee": s.code_insee,
        "adresse": s.adresse, "complement_adresse": s.complement_adresse, "latitude": round(s.latitude, 6),
        "longitude": round(s.longitude, 6), "telephone": e164(s.telephone), "courriel": s.courriel,
        "modes_accueil": ["en-presentiel"],
        "horaires_accueil": s.horaires_accueil.source if s.horaires_accueil else "",
    }
    return _without_empty(record)


def profession_services(model: SiteModel, s: Structure) -> list[dict[str, Any]]:
    """One service per profession practised at the place, named after it, its people in the description."""
    services = []
    for key in PROFESSIONS:
        people = [p.label for p in s.professionnels if p.profession == key]
        if not people or key not in PROFESSION_THEMES:
            continue
        source, one = producer(model), PROFESSION_ONE[key]
        who = f"{len(people)} {PROFESSIONS[key].lower()}" if len(people) > 1 else f"1 {one}"
        services.append(_without_empty({
            "source": source, "structure_id": f"{source}--{s.id}", "id": f"{source}--{s.id}--{key}",
            "nom": _name(PROFESSIONS[key] if len(people) > 1 else one[0].upper() + one[1:]),
            "description": f"{who} : {', '.join(people)}.", "lien_source": _link(model, s),
            "date_maj": s.date_maj.isoformat(), "thematiques": list(PROFESSION_THEMES[key]),
            "publics": ["tous-publics"], "commune": s.commune, "code_postal": s.code_postal,
            "code_insee": s.code_insee, "adresse": s.adresse, "complement_adresse": s.complement_adresse,
            "latitude": round(s.latitude, 6), "longitude": round(s.longitude, 6), "telephone": e164(s.telephone),
            "modes_accueil": ["en-presentiel"],
            "horaires_accueil": s.horaires_accueil.source if s.horaires_accueil else "",
        }))
    return services


def e164(phone: str) -> str:
    """« 02 38 30 00 01 » → « +33238300001 » (v1 prefers E.164); short numbers (15, 3237) stay as they are."""
    digits = re.sub(r"\D", "", phone)
    return "+33" + digits[1:] if len(digits) == 10 and digits.startswith("0") else digits


def _description(s: Structure) -> str:
    return "\n\n".join(part for part in (s.presentation_resume, s.presentation_detail) if part)


def _name(text: str) -> str:
    return text.rstrip(". ")[:150]


def _link(model: SiteModel, s: Structure) -> str:
    return urls.absolute(model.site_url, urls.structure(s)) if model.site_url else ""


def _without_empty(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value not in ("", [], None)}


def _dump(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1)
