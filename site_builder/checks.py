"""Everything a build would stop on, checked before it writes anything: the data, then the Markdown the build
expands (hand-written pages of content/ and the lettres' prose), all in one report.

`cls-site validate` and the MkDocs plugin call the same function, so validation catches whatever the build
would fail on. It sits above the pipeline (it needs the block names of render/), beside cli and plugin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from site_builder.errors import DataValidationError, ErrorReport, Location, relative
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
            check_markdown(path, relative(path, root), report)
    if report or model is None:
        raise DataValidationError(report)
    return model


def check_markdown(path: Path, display: str, report: ErrorReport) -> None:
    """Report a page MkDocs could not read (not UTF-8) and every unknown `<!-- cls:… -->` block, with its line."""
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
    directives.check(text, display, report)
