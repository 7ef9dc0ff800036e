"""The YAML data files the workbook covers, as ruamel round-trip documents (yaml_files.py): loaded and dumped
back byte for byte when unchanged; and the same files through the build's fast reader, to compare first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.error import YAMLError

from site_builder import yaml_files
from site_builder.errors import DataValidationError, ErrorReport, Location
from site_builder.load import load_file, load_text
from site_builder.yaml_files import written

PROGRAMME = "programme/*.yml"
REVIEWS = "suivi/*.yml"
LISTS = {"organisations": "organisations.yml", "structures": "structures.yml", "evenements": "evenements.yml"}


def load(path: Path) -> Any:
    return yaml_files.round_trip().load(path.read_text(encoding="utf-8"))


def load_chunk(text: str) -> Any:
    """A piece of a data file (some records of a list) through the round trip; raises YAMLError."""
    return yaml_files.round_trip().load(text)


def _paths(data_dir: Path) -> list[Path]:
    """The files the spreadsheet covers that exist."""
    paths = [*sorted(data_dir.glob(PROGRAMME)), *sorted(data_dir.glob(REVIEWS)),
             *(data_dir / name for name in LISTS.values()), data_dir / "communes.yml"]
    return [path for path in paths if path.is_file()]


def load_all(data_dir: Path, only: set[str] | None = None) -> dict[str, Any]:
    """Every file the spreadsheet covers (or those of `only`), by path relative to `data_dir`; a file that cannot
    be read raises DataValidationError with its located French errors (the same messages as a build)."""
    report = ErrorReport()
    docs = {}
    for path in _paths(data_dir):
        name = path.relative_to(data_dir).as_posix()
        if only is None or name in only:
            docs[name] = _load_checked(path, data_dir, report)
    if report:
        raise DataValidationError(report)
    return docs


def load_plain(data_dir: Path) -> dict[str, Any] | None:
    """The same files through the build's fast reader (every scalar a string), to find which ones a workbook
    changes before paying for ruamel's round trip (75 % of an import of 10,000 rows); None when one of them
    cannot be read (the round-trip reader then says why)."""
    report = ErrorReport()
    docs = {path.relative_to(data_dir).as_posix(): load_file(path, path.name, report) for path in _paths(data_dir)}
    return None if report.errors else docs


def _load_checked(path: Path, data_dir: Path, report: ErrorReport) -> Any:
    """One file through ruamel; when it refuses the file, the build's reader says why (French, located)."""
    display = f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        report.add(Location(display), "", f"fichier illisible ({error.__class__.__name__}).",
                   "enregistrez-le en UTF-8 depuis votre éditeur.", first=True)
        return None
    try:
        return yaml_files.round_trip().load(text)
    except YAMLError as error:
        checked = ErrorReport()
        load_text(text, display, checked)
        if checked.errors:
            report.errors.extend(checked.errors)
            return None
        mark = getattr(error, "problem_mark", None)  # refused by ruamel only: said with ruamel's line
        report.add(Location(display, mark.line + 1 if mark else 0), "", "fichier YAML illisible pour le classeur.",
                   "corrigez la ligne indiquée (guillemets, indentation), puis relancez.", first=True)
        return None


def ids(documents: dict[str, Any], file: str, key: str, field: str = "id") -> list[str]:
    """The ids of the records of a list file (organisations, structures…), for dropdowns."""
    records = (documents.get(file) or {}).get(key) or []
    return [written(item[field]) for item in records if isinstance(item, dict) and item.get(field) is not None]


def nested(record: dict[str, Any], key: str) -> Any:
    """The value of « a.b » (a key of a nested mapping) or of a plain key."""
    for part in key.split("."):
        if not isinstance(record, dict):
            return None
        record = record.get(part)
    return record
