"""What is still « à compléter » in a project: the marks `nouveau` leaves and the legal facts not yet given.

A fresh project must preview (so these are notices, and `validate` and `build` exit 0), but a site must not go
live with placeholders: the plugin logs each one as a warning, which `build --strict` turns into a failure.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import relative
from site_builder.models import Contract
from site_builder.text import fold

MARK = re.compile(r"\ba\s+completer\b")  # on folded text: « À COMPLÉTER », « à compléter », « A completer »

# Facts the legal notice (LCEN art. 6: address, director of publication, host), the privacy page and the
# accessibility statement print: field of cls.yml → what it is. The SIREN is printed when given, not required.
LEGAL_FIELDS = {
    "editeur_adresse": "adresse postale de la structure porteuse (mentions légales)",
    "directeur_publication": "directrice ou directeur de la publication (mentions légales)",
    "hebergeur": "nom, adresse et téléphone de l'hébergeur du site (mentions légales)",
    "courriel": "adresse de contact de la coordination (données personnelles, accessibilité)",
    "declaration_accessibilite": "date de la déclaration d'accessibilité",
}


@dataclass(frozen=True)
class Gap:
    """One thing left to fill, where the coordinator finds it."""

    file: str
    line: int | None
    what: str

    def __str__(self) -> str:
        where = f"{self.file}, ligne {self.line}" if self.line else self.file
        return f"{where} : {self.what}"


def find(contract: Contract | None, data_dir: Path, docs_dir: Path | None, root: Path) -> list[Gap]:
    """Every « à compléter » of the data files and pages, then every legal fact of cls.yml still empty."""
    files = sorted(p for p in data_dir.rglob("*") if p.suffix in (".yml", ".yaml", ".md"))
    if docs_dir and docs_dir.is_dir():
        files += sorted(docs_dir.rglob("*.md"))
    gaps = [gap for path in files for gap in marks(path, relative(path, root))]
    if contract is not None:
        flagged = {gap.line for gap in gaps if gap.file.endswith("cls.yml")}
        gaps += missing_legal(contract, data_dir / "cls.yml", root, flagged)
    return gaps


def marks(path: Path, display: str) -> list[Gap]:
    """The lines of one file that still say « à compléter », each quoted from the mark on."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # an unreadable file is reported by the data checks, with its reason
    gaps = []
    for number, line in enumerate(lines, start=1):
        folded = fold(line)
        if match := MARK.search(folded):
            said = line[match.start():].strip(" *_:#") if len(folded) == len(line) else line.strip()
            if fold(said) == "a completer":  # a bare mark after a value: the value is what to check
                said = line.strip()
            gaps.append(Gap(display, number, f"« {_shorten(said)} »"))
    return gaps


def missing_legal(contract: Contract, cls_file: Path, root: Path, flagged: set[int | None]) -> list[Gap]:
    """The legal facts cls.yml does not give yet (a line already flagged by its mark is not repeated)."""
    try:
        lines = cls_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    gaps = []
    for field, what in LEGAL_FIELDS.items():
        if getattr(contract, field):
            continue
        line = next((n for n, text in enumerate(lines, start=1) if text.startswith(f"{field}:")), None)
        if line is None or line not in flagged:
            gaps.append(Gap(relative(cls_file, root), line, f"« {field} » à compléter : {what}"))
    return gaps


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def heading(count: int) -> str:
    """The line above the list, in validate and build."""
    return (f"{count} élément{'s' * (count > 1)} à compléter avant la mise en ligne (« cls-site build --strict » "
            "échoue tant qu'il en reste) :")


def warn(gaps: list[Gap], log: logging.Logger) -> None:
    """Each gap as a warning of the build: it goes on (a fresh project previews), --strict fails."""
    if gaps:
        log.info(heading(len(gaps)))
        for gap in gaps:
            log.warning("À compléter : %s", gap)
