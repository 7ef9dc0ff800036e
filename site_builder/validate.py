"""Load every data file, validate it against its kind, resolve references, and build the SiteModel.

Everything is gathered before anything is rendered: a build either has a complete, consistent model
or a report of every mistake in the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from site_builder.errors import DataValidationError, ErrorReport, Location, cascade, relative, suggest
from site_builder.kinds import (
    campaigns,
    cost_scale,
    events,
    glossary,
    newsletter,
    organisations,
    programme,
    refresh_state,
    structures,
    territory,
    tracking,
)
from site_builder.kinds.organisations import suggest_organisation
from site_builder.kinds.professionals import attach_practices
from site_builder.load import Mapping, Node, load_file, load_markdown, load_text
from site_builder.models import Organisation, SiteModel
from site_builder.schema import Context, Reference
from site_builder.text import fold

REFERENCE_LABELS = {"organisation": "organisation (data/organisations.yml)", "commune": "commune (data/communes.yml)",
                    "action": "action du programme (ex. 2-1-1)",
                    "structure": "structure du répertoire (data/structures.yml)",
                    "lettre": "lettre", "bilan": "bilan"}
MASCULINE = {"bilan", "evenement"}  # « aucun bilan », « aucune lettre »

# The kind whose files define the ids of each kind of reference. When one of its files cannot be read, a
# reference to an unknown id may well point into it: only the unreadable file is reported, not a cascade.
SOURCES = {"organisation": "organisations", "commune": "communes", "action": "axes", "structure": "structures",
           "lettre": "newsletter", "bilan": "reviews", "evenement": "events"}


@dataclass(frozen=True)
class Kind:
    """A kind of data: which files hold it, how to parse one file, whether the site needs it."""

    name: str
    pattern: str
    parse: Callable[[Node, Context], list[Any]]
    required: bool = True
    read: Callable[[Path, str, ErrorReport], Node] = load_file


KINDS: tuple[Kind, ...] = (
    Kind("contract", "cls.yml", territory.parse_contract),
    Kind("organisations", "organisations.yml", organisations.parse),
    Kind("communes", "communes.yml", territory.parse_communes),
    Kind("neighbours", "communes-voisines.yml", territory.parse_neighbours, required=False),
    Kind("axes", "programme/*.yml", programme.parse),
    Kind("structures", "structures.yml", structures.parse_structures, required=False),
    Kind("events", "evenements.yml", events.parse_events, required=False),
    Kind("newsletter", "lettres/*.md", newsletter.parse_issue, required=False, read=load_markdown),
    Kind("reviews", "suivi/*.yml", tracking.parse_review, required=False),
    Kind("refreshes", "rafraichissement.yml", refresh_state.parse, required=False),
    Kind("campaigns", "campagnes.yml", campaigns.parse, required=False),
    Kind("glossary", "glossaire.yml", glossary.parse, required=False),
)


def load_model(data_dir: Path, root: Path | None = None, *, today: dt.date | None = None,
               edition: str = "public", stale_after_months: int = 12,
               texts: dict[str, str | None] | None = None) -> SiteModel:
    """Read `data_dir` and return the model, or raise DataValidationError with every error found.
    `texts` replaces files (path relative to `data_dir` → YAML text, None: removed) without writing them:
    the spreadsheet import validates what it would write."""
    root = root or data_dir.parent
    today = today or dt.date.today()
    report = ErrorReport()
    ctx = Context(file="", report=report)
    found: dict[str, list[Any]] = {}
    absent: dict[str, str] = {}  # kind → the file it lacks, for a kind without any file
    for kind in KINDS:
        if not _paths(kind, data_dir, texts or {}):
            absent[kind.name] = relative(data_dir / kind.pattern, root)
        found[kind.name] = _load_kind(kind, data_dir, root, ctx, texts or {})
    _check_references(ctx, absent, found["organisations"])
    scale = cost_scale.load_scale(data_dir, root, ctx) if any(s.seniors for s in found["structures"]) else None
    structures.check_structures(found["communes"], ctx, today)
    tracking.check_reviews(found["reviews"], found["axes"], found["contract"], ctx)
    if report:
        raise DataValidationError(report)
    axes = tuple(sorted(found["axes"], key=lambda axis: axis.numero))
    communes = tuple(sorted(found["communes"], key=lambda c: fold(c.nom)))
    at_events = {event.lieu.structure for event in found["events"]}
    repertoire = tuple(sorted(attach_practices(found["structures"], at_events), key=lambda s: (fold(s.commune),
                                                                                               fold(s.nom))))
    neighbours = tuple(sorted(found["neighbours"], key=lambda n: fold(n.nom)))
    return SiteModel(found["contract"][0], tuple(found["organisations"]), communes, axes, repertoire, edition, today,
                     neighbours, stale_after_months, events=tuple(found["events"]),
                     newsletter=tuple(sorted(found["newsletter"], key=lambda i: i.date, reverse=True)),
                     reviews=tuple(sorted(found["reviews"], key=lambda r: r.annee)), cost_scale=scale,
                     refreshes=tuple(found["refreshes"]), campaigns=tuple(found["campaigns"]),
                     glossary=tuple(found["glossary"]),
                     sources={(kind, str(ident)): where for kind, ids in ctx.ids.items()
                              for ident, where in ids.items()})


def _paths(kind: Kind, data_dir: Path, texts: dict[str, str | None]) -> list[Path]:
    """The files of `kind`, as on disk or as `texts` would leave them."""
    paths = sorted(data_dir.glob(kind.pattern))
    if texts:
        replaced = {data_dir / name for name in texts if PurePosixPath(name).match(kind.pattern)}
        paths = sorted({*paths, *replaced} - {data_dir / name for name, text in texts.items() if text is None})
    return paths


def _load_kind(kind: Kind, data_dir: Path, root: Path, ctx: Context, texts: dict[str, str | None]) -> list[Any]:
    paths = _paths(kind, data_dir, texts)
    if not paths and kind.required:
        ctx.report.add(Location(relative(data_dir / kind.pattern, root)), "", "fichier de données manquant.",
                       "créez-le à partir de l'exemple fourni dans le dépôt (dossier data/).", first=True)
        ctx.unreadable.add(kind.name)
    items: list[Any] = []
    for path in paths:
        ctx.file = relative(path, root)
        text = texts.get(path.relative_to(data_dir).as_posix()) if texts else None
        node = load_text(text, ctx.file, ctx.report) if text is not None else kind.read(path, ctx.file, ctx.report)
        if node is not None:
            items.extend(kind.parse(node, ctx))
        elif not ctx.report.unreadable(ctx.file):
            ctx.report.add(Location(ctx.file), "", "fichier vide.", _expected_keys(kind, ctx.file), first=True)
        if ctx.report.unreadable(ctx.file):
            ctx.unreadable.add(kind.name)
    return items


def _expected_keys(kind: Kind, file: str) -> str:
    """What an empty file of `kind` should hold: the fields its schema reports missing from an empty mapping."""
    scratch = Context(file=file, report=ErrorReport())
    kind.parse(Mapping(), scratch)
    keys = [error.field for error in scratch.report.errors if error.field.isidentifier()]
    return f"clés attendues : {', '.join(f'« {key}: … »' for key in keys)} (voir l'exemple fourni dans data/)."


def _check_references(ctx: Context, absent: dict[str, str], organisations: list[Organisation]) -> None:
    """Each unknown id once: its first reference carries the error and counts the others (a renamed id is one
    cause, not 249 errors); references into a file that does not exist are one error at that file."""
    missing: dict[tuple[str, str], list[Reference]] = {}
    for ref in sorted(ctx.references, key=lambda ref: (ref.location.file, ref.location.line)):
        known = ctx.ids.get(ref.kind, {})
        if ref.target not in known and SOURCES.get(ref.kind) not in ctx.unreadable:
            missing.setdefault((ref.kind, ref.target), []).append(ref)
    for kind in dict.fromkeys(kind for kind, _ in missing):
        refs = [ref for (k, _), found in missing.items() if k == kind for ref in found]
        if SOURCES.get(kind) in absent:
            _report_absent(absent[SOURCES[kind]], refs, ctx.report)
            continue
        for (k, _), found in missing.items():
            if k == kind:
                _report_missing(found[0], ctx.ids.get(kind, {}), ctx.report, found[1:], organisations)


def _report_absent(file: str, refs: list[Reference], report: ErrorReport) -> None:
    refs = sorted(refs, key=lambda ref: (ref.location.file, ref.location.line))
    places = [str(ref.location) for ref in refs]
    shown = ", ".join(places[:5]) + (f" et {len(places) - 5} autre(s)" if len(places) > 5 else "")
    report.add(Location(file), "", f"fichier absent, alors que {len(refs)} référence(s) y renvoient : {shown}.",
               f"remettez le fichier {file} (ou retirez ces références).", first=True)


def _report_missing(ref: Reference, known: dict[str, Location], report: ErrorReport,
                    others: list[Reference] | None = None,
                    organisations: list[Organisation] | tuple[()] = ()) -> None:
    label = REFERENCE_LABELS.get(ref.kind, ref.kind)
    none, it = ("aucun", "le") if ref.kind in MASCULINE else ("aucune", "la")
    others = others or []
    message = f"« {ref.target} » ne correspond à {none} {label}." + cascade([r.location for r in [ref, *others]])
    close = (suggest_organisation(ref.target, organisations) if ref.kind == "organisation" else "") or suggest(
        ref.target, tuple(known))
    hint = close or f"ajoutez-{it} dans le fichier des {ref.kind}s ou corrigez l'identifiant."
    if close and others:
        hint += " Si l'identifiant a été renommé, remettez l'ancien : une seule correction suffit."
    report.add(ref.location, ref.field, message, hint)
