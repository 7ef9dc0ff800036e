"""The YAML data files as ruamel round-trip documents: loaded and dumped back byte for byte when unchanged.

PyYAML (load.py) stays the reader of the build; ruamel is used only here because it keeps comments, quotes,
folded text and flow lists when a file is rewritten (checked: every example data file dumps back identical).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

PROGRAMME = "programme/*.yml"
REVIEWS = "suivi/*.yml"
LISTS = {"structures": "structures.yml", "evenements": "evenements.yml"}


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never rewrap a long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(path: Path) -> Any:
    return _yaml().load(path.read_text(encoding="utf-8"))


def dump(document: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(document, buffer)
    return buffer.getvalue()


def load_all(data_dir: Path) -> dict[str, Any]:
    """Every file the spreadsheet covers, by path relative to `data_dir`."""
    paths = [*sorted(data_dir.glob(PROGRAMME)), *sorted(data_dir.glob(REVIEWS)),
             *(data_dir / name for name in LISTS.values()), data_dir / "organisations.yml", data_dir / "communes.yml"]
    return {path.relative_to(data_dir).as_posix(): load(path) for path in paths if path.is_file()}


def ids(documents: dict[str, Any], file: str, key: str, field: str = "id") -> list[str]:
    """The ids of the records of a list file (organisations, structures…), for dropdowns."""
    records = (documents.get(file) or {}).get(key) or []
    return [str(item[field]) for item in records if isinstance(item, dict) and item.get(field) is not None]


def nested(record: dict[str, Any], key: str) -> Any:
    """The value of « a.b » (a key of a nested mapping) or of a plain key."""
    for part in key.split("."):
        if not isinstance(record, dict):
            return None
        record = record.get(part)
    return record
