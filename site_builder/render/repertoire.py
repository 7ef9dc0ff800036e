"""Pages of the repertoire: the filterable index, one fiche per structure, one page per commune."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from site_builder import urls
from site_builder.exports import structures_csv, structures_geojson
from site_builder.kinds.structures import distance_km
from site_builder.models import Commune, SiteModel, Structure
from site_builder.opening_hours import in_french
from site_builder.render.environment import GeneratedPage, render
from site_builder.text import date_fr
from site_builder.vocabularies import PROFESSIONS, PUBLICS, SCHEMA_TYPES, THEMATIQUES, TYPOLOGIES, TYPOLOGY_GROUPS

NEARBY_RADIUS_KM = 20
NEARBY_PER_KIND = 3


@dataclass(frozen=True)
class Nearby:
    structure: Structure
    km: float


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    if not model.structures:
        return
    yield GeneratedPage(urls.CSV, structures_csv(model))
    yield GeneratedPage(urls.GEOJSON, structures_geojson(model))
    yield render("repertoire.md.j2", urls.REPERTOIRE, model=model, groups=_groups(model), labels=_labels(),
                 epci_of={c.code_insee: c.epci for c in model.communes}, in_nav=True)
    for item in model.structures:
        yield render("structure.md.j2", urls.structure(item), model=model, s=item, labels=_labels(),
                     hours=in_french(item.horaires_accueil) if item.horaires_accueil else [],
                     updated=date_fr(item.date_maj), json_ld=_json_ld(item, model))
    yield render("communes.md.j2", urls.COMMUNES, model=model, counts=_counts(model), in_nav=True)
    for commune in model.communes:
        here = [s for s in model.structures if s.code_insee == commune.code_insee]
        yield render("commune.md.j2", urls.commune(commune), model=model, commune=commune, here=here,
                     nearby=nearby(model, commune), labels=_labels())


def nearby(model: SiteModel, commune: Commune) -> list[Nearby]:
    """For each type of structure, the NEARBY_PER_KIND closest outside the commune within NEARBY_RADIUS_KM."""
    order = [key for keys in TYPOLOGY_GROUPS.values() for key in keys]
    around = sorted((Nearby(s, distance_km(commune.latitude, commune.longitude, s.latitude, s.longitude))
                     for s in model.structures if s.code_insee != commune.code_insee),
                    key=lambda n: (order.index(n.structure.typologie), n.km, n.structure.nom))
    kept: list[Nearby] = []
    for item in around:
        same_kind = sum(1 for k in kept if k.structure.typologie == item.structure.typologie)
        if item.km <= NEARBY_RADIUS_KM and same_kind < NEARBY_PER_KIND:
            kept.append(item)
    return kept


def _groups(model: SiteModel) -> list[tuple[str, list[tuple[str, list[Structure]]]]]:
    groups = []
    for title, keys in TYPOLOGY_GROUPS.items():
        kinds = [(key, [s for s in model.structures if s.typologie == key]) for key in keys]
        kinds = [(key, items) for key, items in kinds if items]
        if kinds:
            groups.append((title, kinds))
    return groups


def _counts(model: SiteModel) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in model.structures:
        counts[item.code_insee] = counts.get(item.code_insee, 0) + 1
    return counts


def _labels() -> dict[str, dict[str, str]]:
    return {"typologie": TYPOLOGIES, "public": PUBLICS, "thematique": THEMATIQUES, "profession": PROFESSIONS}


def _json_ld(item: Structure, model: SiteModel) -> Markup:
    """schema.org description of the structure; `</` is escaped so data cannot close the script."""
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(item.typologie, "MedicalOrganization" if item.professions else "Organization"),
        "name": item.nom,
        "address": {"@type": "PostalAddress", "streetAddress": item.adresse, "postalCode": item.code_postal,
                    "addressLocality": item.commune, "addressCountry": "FR"},
        "geo": {"@type": "GeoCoordinates", "latitude": item.latitude, "longitude": item.longitude},
        "dateModified": item.date_maj.isoformat(),
    }
    optional = {"telephone": item.telephone, "email": item.courriel, "url": item.site_web,
                "description": item.presentation_resume,
                "openingHours": item.horaires_accueil.source if item.horaires_accueil else ""}
    data.update({key: value for key, value in optional.items() if value})
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/").replace("<!--", "<\\!--")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')
