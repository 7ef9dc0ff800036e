"""Everything a build would stop on, checked before it writes anything: the data, then the Markdown the build
expands (hand-written pages of content/ and the lettres' prose), all in one report.

`cls-site validate` and the MkDocs plugin call the same function, so validation catches whatever the build
would fail on. It sits above the pipeline (it needs the block names of render/), beside cli and plugin.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils import meta

from site_builder.errors import DataValidationError, ErrorReport, Location, relative
from site_builder.load import load_text
from site_builder.models import SiteModel
from site_builder.render import directives
from site_builder.validate import KINDS, load_model

LETTRES = next(kind.pattern for kind in KINDS if kind.name == "newsletter")


def load_project(data_dir: Path, docs_dir: Path | None, root: Path, **options: Any) -> SiteModel:
    """The model of `data_dir`, or DataValidationError listing the data's errors and the Markdown's together."""
    model: SiteModel | None = None
    try:
        model = load_model(data_dir, root, **options)
        report = ErrorReport()
    except DataValidationError as error:
        report = error.report
    pages = sorted(docs_dir.rglob("*.md")) if docs_dir and docs_dir.is_dir() else []
    for path in pages + sorted(data_dir.glob(LETTRES)):
        if not report.unreadable(relative(path, root)):  # a lettre that could not be read is reported already
            check_markdown(path, relative(path, root), report, front_matter=path.suffix == ".md" and path in pages)
    if report or model is None:
        raise DataValidationError(report)
    return model


def check_markdown(path: Path, display: str, report: ErrorReport, *, front_matter: bool = False) -> None:
    """Report a page MkDocs could not read (not UTF-8), a broken front matter (hand pages: a lettre's is data,
    checked by its kind) and every unknown `<!-- cls:… -->` block, with its line."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # MkDocs reads pages the same way
    except UnicodeDecodeError as error:
        line = path.read_bytes().count(b"\n", 0, error.start) + 1
        report.add(Location(display, line), "", f"la page n'est pas en UTF-8 (octet {error.start}).",
                   "enregistrez-la en UTF-8 depuis votre éditeur.", first=True)
        return
    except OSError as error:
        report.add(Location(display), "", f"page illisible ({error.strerror}).", first=True)
        return
    if front_matter:
        check_front_matter(text, display, report)
    directives.check(text, display, report)


OPENING = re.compile(r"-{3}[ \t]*\n")
CLOSING_HINT = "l'en-tête commence et finit par une ligne « --- » : ajoutez la ligne « --- » après ses champs."


def check_front_matter(text: str, display: str, report: ErrorReport) -> None:
    """A page that opens a front matter MkDocs cannot read: MkDocs would publish its lines as text, silently."""
    if not OPENING.match(text):
        return
    match = meta.YAML_RE.match(text)  # how MkDocs finds a front matter
    if not match:
        report.add(Location(display, 1), "", "en-tête de page (front matter) jamais fermé.", CLOSING_HINT)
        return
    located = ErrorReport()
    load_text("\n" + match.group(1), display, located)  # the blank line stands for « --- »: the file's lines
    try:
        value = yaml.load(match.group(1), meta.SafeLoader)  # noqa: S506 - MkDocs' safe loader, as MkDocs reads it
    except Exception as error:  # noqa: BLE001 - whatever MkDocs' reader refuses, MkDocs publishes as text
        if located.errors:
            report.errors.extend(located.errors)
        else:
            report.add(Location(display, _refused_line(match.group(1), error)), "", "valeur de l'en-tête refusée par "
                       f"MkDocs (date impossible ? détail : {error}).",
                       "corrigez la valeur (date au format AAAA-MM-JJ), ou mettez-la entre guillemets.")
        return
    if not isinstance(value, dict):
        report.add(Location(display, 2), "", "en-tête de page sans champs « clé: valeur » : MkDocs le publierait "
                   "comme du texte.", "écrivez des champs (ex. « title: Mon titre ») entre les deux lignes « --- », "
                   "ou supprimez ces deux lignes.")


def _refused_line(front: str, error: Exception) -> int:
    """The file line of the value MkDocs' reader refused (a date like 2025-13-45 raises with no position)."""
    if mark := getattr(error, "problem_mark", None):
        return mark.line + 2
    loader = meta.SafeLoader(front)
    try:
        root = loader.get_single_node()
        for _, node in root.value if isinstance(root, yaml.MappingNode) else []:
            try:
                loader.construct_object(node, deep=True)
            except Exception:  # noqa: BLE001 - the value that fails is the one to show
                return node.start_mark.line + 2
    finally:
        loader.dispose()
    return 1
