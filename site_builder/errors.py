"""Located data errors, collected over a whole build and reported at once, in French."""

from __future__ import annotations

import dataclasses
import difflib
import errno
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """Where a value sits in a data file: path relative to the project, 1-based line."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, order=True)
class DataError:
    """One mistake in the data, with its place, the field, what is wrong and how to fix it."""

    location: Location
    field: str
    message: str
    hint: str = ""
    first: bool = dataclasses.field(default=False, compare=False)
    """A file that could not be read at all: said before anything else."""

    def __str__(self) -> str:
        text = f"{self.location} {self.field}: {self.message}" if self.field else f"{self.location} {self.message}"
        return f"{text}\n    → {self.hint}" if self.hint else text


@dataclass
class ErrorReport:
    """Every error of one build, so the coordinator fixes them all in one pass."""

    errors: list[DataError] = field(default_factory=list)
    warnings: list[DataError] = field(default_factory=list)

    def add(self, location: Location, field_name: str, message: str, hint: str = "", *, first: bool = False) -> None:
        self.errors.append(DataError(location, field_name, message, hint, first))

    def unreadable(self, file: str) -> bool:
        """Whether `file` could not be read at all (the checks that need its content are skipped)."""
        return any(error.first and error.location.file == file for error in self.errors)

    def warn(self, location: Location, field_name: str, message: str, hint: str = "") -> None:
        self.warnings.append(DataError(location, field_name, message, hint))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def format(self) -> str:
        """Render the report: files that could not be read first, then errors sorted by file and line, then a count."""
        lines = [str(error) for error in sorted(set(self.errors), key=lambda error: (not error.first, error))]
        count = len(lines)
        noun = "erreur" if count == 1 else "erreurs"
        lines.append(f"\n{count} {noun} dans les données.")
        return "\n".join(lines)


class DataValidationError(Exception):
    """Raised once, after validation, when the report holds errors."""

    def __init__(self, report: ErrorReport) -> None:
        super().__init__(report.format())
        self.report = report


def cascade(locations: list[Location]) -> str:
    """« 3 autre(s) erreur(s) en découle(nt) : … cité à a.yml:5, b.yml:7. » for the places after the first one
    of a single cause (one error said once, not once per place), or "" when there is only one."""
    others = [str(location) for location in locations[1:]]
    if not others:
        return ""
    shown = ", ".join(others[:5]) + (f" et {len(others) - 5} autre(s)" if len(others) > 5 else "")
    return f" {len(others)} autre(s) erreur(s) en découle(nt) : le même identifiant est cité à {shown}."


def closest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice a mistyped word was most likely meant to be, if any is close enough."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """Return a French 'did you mean' hint for a mistyped name, or an empty string."""
    match = closest(word, choices)
    return f"vouliez-vous dire « {match} » ?" if match else ""


def relative(path: Path, root: Path) -> str:
    """Show a path relative to the project root when possible (shorter, clickable in editors)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


OS_REASONS = {errno.EACCES: "permission refusée", errno.EPERM: "opération non permise", errno.ENOSPC: "disque plein",
              errno.EROFS: "disque en lecture seule", errno.ENOENT: "fichier ou dossier introuvable",
              errno.EEXIST: "existe déjà", errno.ENOTDIR: "n'est pas un dossier", errno.EISDIR: "est un dossier"}


def os_reason(error: OSError) -> str:
    """Why the system refused, in French (Python's strerror follows the C locale: English here)."""
    return OS_REASONS.get(error.errno or 0, f"erreur système {error.errno}" if error.errno else str(error))
