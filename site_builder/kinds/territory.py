"""The contract itself (data/cls.yml) and the communes of its territory (data/communes.yml)."""

from __future__ import annotations

from site_builder.converters import (
    boolean,
    choice,
    date,
    identifier,
    integer,
    list_of,
    number,
    reference,
    registered,
    text,
    text_list,
)
from site_builder.formats import email, insee_code, phone, postcode, siren, url
from site_builder.load import Node, Scalar
from site_builder.models import Body, Commune, Contract, Neighbour, Period, UrgentContact
from site_builder.refresh.sources import NAMES as SOURCE_NAMES
from site_builder.schema import INVALID, Context, Field, Schema, list_file, record, valid
from site_builder.text import unique_slugs
from site_builder.theme import colour

# Wide enough for any commune of metropolitan France and the overseas départements.
LATITUDE = number(-90, 90)
LONGITUDE = number(-180, 180)

PERIOD = Schema("une période de l'historique", (
    Field("periode", text, required=True),
    Field("titre", text, required=True),
    Field("resume", text_list, default=()),
))

BODY = Schema("une instance de gouvernance", (
    Field("id", identifier("instance"), required=True),
    Field("nom", text, required=True),
    Field("sigle", text, default=""),
    Field("presidence", text, default=""),
    Field("missions", text_list, default=()),
    Field("composition", text_list, default=()),
    Field("frequence", text, default=""),
))

COLOURS = Schema("les couleurs du site", (
    Field("principale", colour, required=True),
    Field("accent", colour, default=""),
))

URGENT_CONTACT = Schema("un recours hors des heures d'ouverture", (
    Field("nom", text, required=True),
    Field("telephone", phone, required=True),
    Field("quand", text, required=True),
))



def source_setting(node: Node, ctx: Context, path: str) -> str:
    """A national source in `sources:`: « oui » (its official address), « non », or another https address."""
    if isinstance(node, Scalar) and node.strip().lower() in ("oui", "vrai", "true", "yes", "non", "faux", "false",
                                                               "no"):
        return "" if boolean(node, ctx, path) is False else "oui"
    if isinstance(node, Scalar) and "://" in node:
        return url(node, ctx, path)
    return ctx.error(node, path, f"« oui », « non » ou une adresse https:// attendu, reçu « {node} ».",
                     "« oui » prend l'adresse officielle du fichier national (voir le README).")


# The national files `cls-site rafraichir` downloads (site_builder/refresh/sources.py has their addresses).
SOURCES = Schema("les sources nationales", tuple(Field(name, source_setting, default="") for name in SOURCE_NAMES))

# State of conformity of the accessibility statement (RGAA 4.1): the words the statement prints.
RGAA_STATES = {"non": "non conforme", "partielle": "partiellement conforme", "totale": "totalement conforme"}

CONTRACT = Schema("le contrat local de santé", (
    Field("nom", text, required=True),
    Field("nom_court", text, default=""),  # the header on a phone: « CLS du Montargois »
    Field("territoire", text, required=True),
    Field("debut", integer(2000, 2100), required=True),
    Field("fin", integer(2000, 2100), required=True),
    Field("porteur", reference("organisation"), required=True),
    Field("signataires", list_of(reference("organisation")), required=True),
    Field("epci", list_of(reference("organisation")), required=True),
    Field("presentation", text_list, default=()),
    Field("historique", list_of(record(PERIOD), unique=False), default=()),
    Field("gouvernance", list_of(record(BODY), unique=False), default=()),
    Field("coordination", text_list, default=()),
    Field("courriel", email, default=""),
    Field("site_web", url, default=""),
    Field("lettre_inscription", url, default=""),
    Field("accroche", text_list, default=()),
    Field("declaration_accessibilite", date, default=None),
    # The legal notice (mentions légales, LCEN art. 6) and the accessibility statement's state (RGAA).
    Field("editeur_adresse", text, default=""),
    Field("editeur_siren", siren, default=""),
    Field("directeur_publication", text, default=""),
    Field("hebergeur", text, default=""),
    Field("conformite_rgaa", choice(RGAA_STATES), default="non"),
    Field("taux_rgaa", integer(0, 100), default=None),
    Field("exemple", boolean, default=False),
    Field("urgences", list_of(record(URGENT_CONTACT), unique=False), default=()),
    Field("viatrajectoire", boolean, default=False),
    Field("couleurs", record(COLOURS), default=None),
    Field("logo", text, default=""),
    Field("sources", record(SOURCES), default=None),
))

COMMUNE = Schema("une commune", (
    Field("code_insee", registered(insee_code, "commune"), required=True),
    Field("nom", text, required=True),
    Field("code_postal", postcode, required=True),
    Field("codes_postaux", list_of(postcode), default=()),
    Field("epci", reference("organisation"), required=True),
    Field("population", integer(0), default=None),
    Field("latitude", LATITUDE, required=True),
    Field("longitude", LONGITUDE, required=True),
    Field("anciens_noms", text_list, default=()),  # communes déléguées, former communes: « Malesherbes »
))

COMMUNES_FILE = list_file("le fichier des communes", "communes", COMMUNE)

NEIGHBOUR = Schema("une commune voisine", (
    Field("nom", text, required=True),
    Field("code_postal", postcode, required=True),
    Field("code_insee", insee_code, required=True),
    Field("departement", text, required=True),
    Field("latitude", LATITUDE, required=True),
    Field("longitude", LONGITUDE, required=True),
))

NEIGHBOURS_FILE = list_file("le fichier des communes voisines", "communes_voisines", NEIGHBOUR,
                            allow_empty=True)


def parse_contract(root: Node, ctx: Context) -> list[Contract]:
    """Build the contract; its period must run forwards."""
    values = CONTRACT.parse(root, ctx, "")
    if values is INVALID:
        return []
    if values["fin"] < values["debut"]:
        ctx.error(root.get("fin"), "fin",
                  f"l'année de fin ({values['fin']}) précède l'année de début ({values['debut']}).")
        return []
    values["historique"] = tuple(Period(**p) for p in values["historique"])
    values["gouvernance"] = tuple(Body(**b) for b in values["gouvernance"])
    colours = values.pop("couleurs") or {}
    values["couleur_principale"], values["couleur_accent"] = colours.get("principale", ""), colours.get("accent", "")
    values["urgences"] = tuple(UrgentContact(**u) for u in values["urgences"])
    values["sources"] = tuple(name for name, setting in (values["sources"] or {}).items() if setting)
    return [Contract(**values)]


def parse_communes(root: Node, ctx: Context) -> list[Commune]:
    """Build the communes; an INSEE code is an id, so it must be unique, and so is each commune's page name."""
    values = COMMUNES_FILE.parse(root, ctx, "")
    if values is INVALID:
        return []
    communes = valid(values["communes"])
    slugs = unique_slugs({c["code_insee"]: c["nom"] for c in communes})
    return [Commune(**c, slug=slugs[c["code_insee"]]) for c in communes]


def parse_neighbours(root: Node, ctx: Context) -> list[Neighbour]:
    values = NEIGHBOURS_FILE.parse(root, ctx, "")
    return [] if values is INVALID else [Neighbour(**n) for n in valid(values["communes_voisines"])]
