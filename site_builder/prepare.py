"""Everything checked before a single file is written, shared by `build` (the plugin) and `validate`.

The data model is valid (validate.load_model); here the pages are rendered and the hand-written pages
checked: no page takes the place of another (collisions).
"""

from __future__ import annotations

from pathlib import Path

from site_builder.collisions import check_collisions
from site_builder.errors import DataValidationError, ErrorReport
from site_builder.models import SiteModel
from site_builder.render import render_pages
from site_builder.render.environment import GeneratedPage


def prepare_pages(model: SiteModel, docs_dir: Path, root: Path) -> list[GeneratedPage]:
    """Every generated page, or DataValidationError listing every problem of the hand-written pages and URLs."""
    report = ErrorReport()  # the data and the hand-written pages' blocks are checked already (checks.py)
    pages = render_pages(model)
    check_collisions(model, pages, docs_dir, root, report)
    if report:
        raise DataValidationError(report)
    return pages
