"""`cls-site nouveau`: a complete, building project for a new territory, from its EPCI or communes.

The project gets the generic pages and settings of this repository (mkdocs.yml, content/) and data files
written from the national commune reference (site_builder/reference.py): the communes with their centres,
the EPCI as organisations, a contract with the fields to fill marked « À COMPLÉTER », and the optional
kinds (structures, évènements…) empty but valid, so that their sections stay hidden until filled.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from site_builder import newfolder
from site_builder.ci_files import write_ci_files
from site_builder.converters import invisible, is_control
from site_builder.errors import os_reason
from site_builder.reference import RefCommune, Reference
from site_builder.text import fold

# The repository this package runs from: its mkdocs.yml and content/ are the project's starting point.
REPO = Path(__file__).resolve().parent.parent
TODO = "# À COMPLÉTER"
SHORT_NAME = 24  # characters of the header's name a 390 px phone shows whole


class ScaffoldError(Exception):
    """A request `nouveau` cannot fulfil, worded for the coordinator."""


@dataclass(frozen=True)
class Territory:
    nom: str
    communes: tuple[RefCommune, ...]
    epci: tuple[str, ...]  # SIREN, in the order given
    adresse: str = ""  # the site's public address (site_url), « https://sante.mon-territoire.fr/ », or ""


def select(reference: Reference, epci: list[str], communes: list[str], departement: str = "") -> Territory:
    """The communes of the EPCI and the communes given, limited to the département if one is given."""
    unknown = [siren for siren in epci if siren not in reference.epci]
    unknown += [code for code in communes if code not in reference.communes]
    if unknown:
        raise ScaffoldError("code inconnu du référentiel national : " + ", ".join(unknown)
                            + " (un EPCI s'écrit avec son SIREN à 9 chiffres, une commune avec son code INSEE).")
    chosen = {c.code_insee: c for siren in epci for c in reference.members(siren)}
    chosen.update((code, reference.communes[code]) for code in communes)
    if not epci and not communes and departement:
        chosen = {c.code_insee: c for c in reference.in_departement(departement)}
    if departement:
        chosen = {code: c for code, c in chosen.items() if c.departement == departement}
    if not chosen:
        raise ScaffoldError("aucune commune choisie : donnez au moins un EPCI, une commune ou un département.")
    siren = tuple(dict.fromkeys([*epci, *(c.epci for c in chosen.values() if c.epci)]))
    name = reference.epci[siren[0]] if len(siren) == 1 else "Territoire à nommer"
    return Territory(name, tuple(sorted(chosen.values(), key=lambda c: c.code_insee)), siren)


def slug(text: str) -> str:
    """An identifier for data/organisations.yml: « CC du Pays de Mauges » → « cc-du-pays-de-mauges »."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")[:60]


def create(folder: Path, territory: Territory, reference: Reference, today: dt.date, force: bool = False
           ) -> list[Path]:
    """Write the project, complete, into `folder` (new or empty, unless `force`); return the files written."""
    check_name(territory.nom)
    try:
        newfolder.check_target(folder, force)
        with newfolder.staged(folder) as staging:
            names = _write(staging, territory, reference, today)
    except newfolder.FolderError as error:
        raise ScaffoldError(str(error)) from None
    except OSError as error:
        raise ScaffoldError(f"écriture impossible dans {error.filename or folder} ({os_reason(error)}) ; "
                            "rien n'a été créé.") from None
    return [folder / name for name in names]


def check_name(name: str) -> None:
    """A territory name is shown on every page: no control or invisible character, not empty."""
    if not name.strip():
        raise ScaffoldError("le nom du territoire est vide.")
    hidden = next((f"U+{ord(c):04X}" for c in name if is_control(c)), "") or invisible(name)
    if hidden:
        raise ScaffoldError(f"le nom du territoire contient un caractère invisible ou de contrôle ({hidden}) : "
                            "retapez-le sans copier-coller.")


def _write(folder: Path, territory: Territory, reference: Reference, today: dt.date) -> list[str]:
    """Every file of the project into the (empty) folder `folder`; the names written."""
    for generic in ("content", "overrides"):
        shutil.copytree(REPO / generic, folder / generic, ignore=shutil.ignore_patterns("__pycache__"))
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(with_site_url(config, territory.adresse), encoding="utf-8")
    epci_ids = organisation_ids(territory, reference)
    files = {
        "data/cls.yml": contract_yaml(territory, epci_ids, today),
        "data/organisations.yml": organisations_yaml(territory, reference, epci_ids),
        "data/communes.yml": communes_yaml(territory, epci_ids, reference.former_names),
        "data/programme/axe-1.yml": AXIS_YAML.format(pilote=next(iter(epci_ids.values()))),
        "data/structures.yml": "# Le répertoire des structures (voir README). Vide : la rubrique est masquée.\n"
                               "structures: []\n",
        "data/evenements.yml": "# L'agenda (voir README). Vide : la rubrique est masquée.\nevenements: []\n",
    }
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for empty in ("data/lettres", "data/suivi"):
        (folder / empty).mkdir(parents=True, exist_ok=True)
    ci = [str(path.relative_to(folder)) for path in write_ci_files(folder)]  # CI ready from day one (issue 26)
    return [*files, *ci]


def site_address(text: str) -> str:
    """The site's public address as typed (« sante.pays-x.fr », « https://sante.pays-x.fr ») in the form MkDocs
    wants, « https://sante.pays-x.fr/ »; "" for ""; ScaffoldError when it is not a web address."""
    text = text.strip()
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or "." not in (parts.hostname or "") or any(c.isspace() for c in text):
        raise ScaffoldError(f"« {text} » n'est pas une adresse de site : écrivez par exemple "
                            "https://sante.mon-territoire.fr (ou rien, pour la donner plus tard dans mkdocs.yml).")
    return text if text.endswith("/") else text + "/"


def with_site_url(config: str, address: str) -> str:
    """mkdocs.yml with the site's address, or without the example's: a site with no address gets no canonical
    link and no sitemap pointing at another domain."""
    line = f"site_url: {address}" if address else ("# site_url: https://sante.mon-territoire.fr/   "
                                                   "# l'adresse publique du site, une fois connue")
    return re.sub(r"(?m)^site_url:.*$", line, config, count=1)


def organisation_ids(territory: Territory, reference: Reference) -> dict[str, str]:
    """The organisation id of each EPCI by SIREN; a territory of communes without EPCI (Île-de-Sein) gets
    one organisation for its commune(s), under the SIREN "", so that the contract has a porteur."""
    if territory.epci:
        return {siren: slug(reference.epci[siren]) for siren in territory.epci}
    return {"": slug("commune " + territory.communes[0].nom) if len(territory.communes) == 1 else "communes"}


def _organisation_name(siren: str, territory: Territory, reference: Reference) -> str:
    if siren:
        return reference.epci[siren]
    if len(territory.communes) > 1:
        return "Communes du territoire"
    name = territory.communes[0].nom
    return ("Commune d'" if fold(name[:1]) in "aeiouy" else "Commune de ") + name


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def contract_yaml(territory: Territory, epci_ids: dict[str, str], today: dt.date) -> str:
    ids = list(epci_ids.values())
    short = "CLS " + territory.nom  # too long to be read whole on a phone: the coordinator shortens it
    short_note = ("# c" if len(short) <= SHORT_NAME else TODO + " : l") + ("e nom en haut des pages sur un téléphone, "
                                                                           "une vingtaine de lettres")
    siren = (f'"{territory.epci[0]}"   # SIREN de la structure porteuse proposée (l\'EPCI) : à changer avec le porteur'
             if territory.epci else f'""   {TODO} : SIREN à 9 chiffres de la structure porteuse (facultatif)')
    return f"""# Le contrat local de santé du territoire. Les lignes qui restent à remplir portent une marque en fin de
# ligne : vérifiez ou remplacez la valeur, puis effacez la marque (« cls-site validate » liste celles qui restent).
nom: {_quote("Contrat local de santé " + territory.nom)}   {TODO} : le nom du contrat
territoire: {_quote(territory.nom)}   {TODO} : le nom du territoire
nom_court: {_quote(short)}   {short_note}
debut: {today.year}   {TODO} : année de signature
fin: {today.year + 4}   {TODO} : dernière année du contrat
porteur: {ids[0]}   {TODO} : identifiant de la structure porteuse (data/organisations.yml)
signataires: [{", ".join([ids[0], "ars", *ids[1:]])}]   {TODO} : les signataires, dans l'ordre du contrat
epci: [{", ".join(ids)}]
exemple: false   # true affiche « Données d'exemple » sur le tableau de bord, les bilans et les actions
presentation: []   {TODO} : quelques paragraphes sur le territoire
coordination: []   {TODO} : qui coordonne le contrat, comment le joindre
courriel: ""   {TODO} : adresse de la coordination
declaration_accessibilite: {today.isoformat()}   # date de la déclaration d'accessibilité
# Mentions légales et déclaration d'accessibilité (pages « Mentions légales » et « Accessibilité »).
editeur_adresse: ""   {TODO} : adresse postale de la structure porteuse
editeur_siren: {siren}
directeur_publication: ""   {TODO} : « la présidente de … » ou « le président de … »
hebergeur: ""   {TODO} : nom, adresse et téléphone de l'hébergeur du site
conformite_rgaa: non   # non, partielle ou totale (après un audit) ; taux_rgaa : le pourcentage de critères respectés
# Facultatif : les couleurs du site (assez foncées pour le texte blanc : le contraste est vérifié) et un logo
# placé dans content/assets/.
# couleurs: {{principale: "#1a5276", accent: "#7d3c98"}}
# logo: assets/logo.svg
# Les fichiers nationaux que « cls-site rafraichir » télécharge chaque mois : oui (adresse officielle), non, ou une
# autre adresse https://… (voir le README, « Publier et tenir à jour »).
sources:
  finess: oui
  cnsa: oui
  annuaire: oui
  annuaire-sante: non
  data-inclusion: non
"""


def organisations_yaml(territory: Territory, reference: Reference, epci_ids: dict[str, str]) -> str:
    lines = ["# Organisations citées comme porteur, signataires, pilotes ou partenaires.",
             "organisations:",
             "  - id: ars",
             f"    nom: \"Agence régionale de santé\"   {TODO} : ajoutez le nom de la région",
             "    sigle: \"ARS\"",
             "    type: organisation"]
    for siren, ident in epci_ids.items():
        lines += [f"  - id: {ident}", f"    nom: {_quote(_organisation_name(siren, territory, reference))}",
                  "    type: organisation"]
    return "\n".join(lines) + "\n"


def communes_yaml(territory: Territory, epci_ids: dict[str, str],
                  former_names: dict[str, tuple[str, ...]] | None = None) -> str:
    lines = ["# Communes du territoire : noms, codes INSEE et postaux, EPCI, population (découpage administratif,",
             "# Etalab) ; coordonnées : un point du territoire de la commune (IGN ADMIN EXPRESS). Voir README.",
             "communes:"]
    for c in territory.communes:
        lat, lon, note = c.latitude, c.longitude, ""
        if lat is None or lon is None:
            lat, lon, note = *_middle(territory.communes), f"   {TODO} : coordonnées inconnues du référentiel"
        lines += [f"  - code_insee: \"{c.code_insee}\"", f"    nom: {_quote(c.nom)}",
                  f"    code_postal: \"{c.codes_postaux[0] if c.codes_postaux else ''}\""]
        if len(c.codes_postaux) > 1:
            lines.append("    codes_postaux: [" + ", ".join(f'"{p}"' for p in c.codes_postaux[1:]) + "]")
        lines.append(f"    epci: {epci_ids.get(c.epci, next(iter(epci_ids.values())))}")
        if c.population is not None:
            lines.append(f"    population: {c.population}")
        if (former_names or {}).get(c.code_insee):  # the names residents still type: « Malesherbes »
            lines.append("    anciens_noms: [" + ", ".join(_quote(n) for n in former_names[c.code_insee]) + "]")
        lines += [f"    latitude: {lat}{note}", f"    longitude: {lon}"]
    return "\n".join(lines) + "\n"


def _middle(communes: tuple[RefCommune, ...]) -> tuple[float, float]:
    known = [c for c in communes if c.latitude is not None and c.longitude is not None]
    if not known:
        return 0.0, 0.0
    return (round(sum(c.latitude for c in known) / len(known), 4),
            round(sum(c.longitude for c in known) / len(known), 4))


AXIS_YAML = """# Un fichier par axe du programme (axe-1.yml, axe-2.yml…). Voir README pour tous les champs d'une action.
numero: 1
titre: Premier axe du programme   # À COMPLÉTER
fiches:
  - numero: 1
    titre: Première fiche action   # À COMPLÉTER
    actions:
      - numero: 1
        titre: Première action   # À COMPLÉTER
        pilotes: [{pilote}]
"""
