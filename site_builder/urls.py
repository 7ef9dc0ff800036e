"""Where each generated page lives (source paths, as if in content/): the one place to change URLs."""

from __future__ import annotations

from site_builder.action_plan import Action, Axis, Fiche, Review
from site_builder.directory import Structure
from site_builder.models import Commune, Organisation
from site_builder.news import Event, Issue
from site_builder.text import slug

PROGRAMME = "programme/index.md"
ORGANISATIONS = "partenaires/index.md"
CONTRACT = "le-cls.md"
HOME = "index.md"
REPERTOIRE = "repertoire/index.md"
COMMUNES = "communes/index.md"
PROFESSIONALS = "communes/professionnels-de-sante.md"  # the territory's practitioners in figures
CSV = "repertoire/structures.csv"
GEOJSON = "repertoire/structures.geojson"
INCLUSION_STRUCTURES = "repertoire/structures.json"  # data·inclusion v1
INCLUSION_SERVICES = "repertoire/services.json"
MAP = "carte/index.md"
MSP_MAP = "carte/maisons-de-sante.md"
NEAR_ME = "pres-de-chez-moi.md"
STALE = "coordination/fiches-a-mettre-a-jour.md"
CAMPAIGN = "coordination/campagne.md"  # the pro edition only, as STALE and REFRESH_REPORT
REFRESH_REPORT = "coordination/rapport-rafraichissement.md"
SENIORS = "bien-vieillir/index.md"
SENIOR_COSTS = "bien-vieillir/couts-et-aides.md"
SENIOR_TABLE = "bien-vieillir/comparer.md"
SENIOR_MAP = "bien-vieillir/carte.md"
SENIOR_PRINT = "bien-vieillir/guide-a-imprimer.md"
SENIOR_PDF = "bien-vieillir/guide-bien-vieillir.pdf"
SENIOR_SIDE_BY_SIDE = "bien-vieillir/cote-a-cote.md"
SENIOR_ADMISSION = "bien-vieillir/entrer-en-etablissement.md"
REPERTOIRE_AZ = "repertoire/a-z.md"  # every structure by name: the search that works without JavaScript


SENIOR_TABLE_ORDERS = ("nom", "commune", "prix", "places")  # the orders of the table that have their own page


def senior_table_sorted(key: str) -> str:
    """The comparison table in one order, for the visitor without JavaScript (« Trier par » links)."""
    return f"bien-vieillir/comparer/par-{key}.md"


AGENDA = "agenda/index.md"
AGENDA_ICS = "agenda.ics"
SUBSCRIBE = "s-abonner.md"
NEWSLETTER = "lettre/index.md"
# At the root: Material reads every link[rel=alternate] as a language version and fetches the sitemap
# beside it, which only exists at the root.
FEED = "atom.xml"


DASHBOARD = "suivi/index.md"


def review(item: Review) -> str:
    return f"suivi/bilan-{item.annee}.md"


def review_csv(item: Review) -> str:
    return f"suivi/bilan-{item.annee}.csv"


def issue(item: Issue) -> str:
    return f"lettre/numero-{item.numero}.md"


def issue_email(item: Issue) -> str:
    return f"lettre/numero-{item.numero}/courriel.html"


def issue_text(item: Issue) -> str:
    return f"lettre/numero-{item.numero}/courriel.txt"


def event(item: Event | str) -> str:
    ident = item if isinstance(item, str) else item.id
    return f"agenda/{ident}.md"


def event_ics(item: Event) -> str:
    return f"agenda/{item.id}.ics"


def senior_kind(kind: str) -> str:
    return f"bien-vieillir/{kind}.md"


def axis(item: Axis) -> str:
    return f"programme/axe-{item.numero}.md"


def fiche(item: Fiche) -> str:
    return f"programme/fiche-{item.id}.md"


def action(item: Action) -> str:
    return f"programme/action-{item.id}.md"


def organisation(item: Organisation | str) -> str:
    ident = item if isinstance(item, str) else item.id
    return f"partenaires/{ident}.md"


def structure(item: Structure | str) -> str:
    ident = item if isinstance(item, str) else item.id
    return f"repertoire/{ident}.md"


def commune(item: Commune) -> str:
    return f"communes/{item.slug or slug(item.nom)}.md"


def repertoire_kind(key: str) -> str:
    """Page of one type of structure, when the repertoire is too large for one page."""
    return f"repertoire/par-type/{key}.md"


def repertoire_commune(item: Commune) -> str:
    """Page of the structures of one commune, when the repertoire is too large for one page."""
    return f"repertoire/par-commune/{item.slug or slug(item.nom)}.md"


def absolute(site_url: str, uri: str) -> str:
    """The full address of the page or file built from `uri` on a site published at `site_url`."""
    return site_url.rstrip("/") + "/" + page_url(uri)


def page_url(uri: str) -> str:
    """The URL MkDocs gives a source file (directory URLs): `a/b.md` → `a/b/`, `a/index.md` → `a/`."""
    if not uri.endswith(".md"):
        return uri
    stem = uri[: -len(".md")]
    return "" if stem == "index" else (stem.removesuffix("/index") + "/")
