"""Before anything is written: no two sources may make the same file of the site.

A generated page that takes the place of another generated page, of a hand-written page of content/ or
of a file of the theme would silently replace it. Every output path is computed here from the source
paths (as MkDocs computes them) and every clash is a located error naming both sources.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from site_builder import urls
from site_builder.errors import ErrorReport, Location, relative
from site_builder.models import SiteModel
from site_builder.render.environment import GeneratedPage
from site_builder.search import SHORTCUTS

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # MkDocs' documentation pages
# Files the theme and the search index write (Pagefind writes its own under pagefind/, with hashed names).
THEME_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind.js", "pagefind/pagefind-entry.json",
               SHORTCUTS)
KIND_LABELS = {"structure": "la structure « {} »", "evenement": "le rendez-vous « {} »",
               "organisation": "l'organisation « {} »", "commune": "la commune « {} »", "lettre": "la lettre n° {}"}


@dataclass(frozen=True)
class Source:
    """What makes one file of the site: a data record, a page of content/, or the generator itself."""

    label: str
    location: Location | None = None  # a file the coordinator can edit
    hand_written: bool = False

    def __str__(self) -> str:
        return f"{self.label} ({self.location})" if self.location else self.label


def output_path(uri: str) -> str:
    """The file MkDocs writes for a source path, with directory URLs: `a/b.md` → `a/b/index.html`."""
    stem, extension = posixpath.splitext(uri)
    if extension not in MARKDOWN:
        return uri
    parent, name = posixpath.split(stem)
    if name in ("index", "README"):
        return posixpath.join(parent, "index.html")
    return posixpath.join(stem, "index.html")


def check_collisions(model: SiteModel, pages: list[GeneratedPage], docs_dir: Path, root: Path,
                     report: ErrorReport) -> None:
    """Report every output path made by two sources."""
    records = _record_sources(model)
    made: dict[str, Source] = {path: Source(f"le fichier {path} du thème") for path in THEME_FILES}
    if model.guide_pdf:
        made[urls.SENIOR_PDF] = Source(f"le guide seniors en PDF ({urls.SENIOR_PDF})")
    # Two pages of one path (a record named « index » and the index itself): the record claims one of them.
    candidates = [(page.uri, records.pop(page.uri, None) or Source(f"la page générée {page.uri}")) for page in pages]
    candidates += [(uri, Source("la page écrite à la main", Location(relative(docs_dir / uri, root)),
                                hand_written=True)) for uri in _content_files(docs_dir)]
    for uri, source in candidates:
        path = output_path(uri)
        first = made.setdefault(path, source)
        if first is not source:
            _report(path, first, source, report)


def _report(path: str, first: Source, second: Source, report: ErrorReport) -> None:
    editable = second if second.location else first
    other = first if editable is second else second
    if editable.hand_written:
        hint = "renommez ou supprimez ce fichier de content/ : cette page est produite à partir des données."
    else:
        hint = "choisissez un autre identifiant (ou un autre nom) pour l'un des deux."
    report.add(editable.location or Location("mkdocs.yml"), "",
               f"{editable.label} produirait le fichier « {path} », déjà produit par {other}.", hint)


def _record_sources(model: SiteModel) -> dict[str, Source]:
    """The data record behind each page named after a record, with the record's file and line."""
    named = [(urls.structure(s), "structure", s.id) for s in model.structures]
    named += [(urls.organisation(o), "organisation", o.id) for o in model.organisations]
    named += [(uri, "evenement", e.id) for e in model.events for uri in (urls.event(e), urls.event_ics(e))]
    named += [(urls.commune(c), "commune", c.code_insee) for c in model.communes]
    named += [(uri, "lettre", str(i.numero)) for i in model.newsletter
              for uri in (urls.issue(i), urls.issue_email(i), urls.issue_text(i))]
    names = {("commune", c.code_insee): c.nom for c in model.communes}
    return {uri: Source(KIND_LABELS[kind].format(names.get((kind, ident), ident)), model.sources.get((kind, ident)))
            for uri, kind, ident in named}


def _content_files(docs_dir: Path) -> list[str]:
    """Files MkDocs takes from content/ (it skips hidden ones)."""
    files = (path.relative_to(docs_dir).as_posix() for path in sorted(docs_dir.rglob("*")) if path.is_file())
    return [uri for uri in files if not any(part.startswith(".") for part in uri.split("/"))]
