"""Read and write data/structures.yml round-trip, so an import keeps the coordinator's comments and layout.

ruamel.yaml re-writes an unchanged file byte for byte (tested); only the records an import touches change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from site_builder import yaml_files
from site_builder.errors import ErrorReport
from site_builder.importers.source_errors import SourceFileError
from site_builder.load import load_file

# Keys written bare (lowercase identifiers); every other text is quoted, so « 01000 » or « 12:30 » stay text.
BARE_KEYS = frozenset({"id", "typologie", "source", "statut", "aide_sociale", "apl", "alzheimer"})


def read_structures(path: Path) -> CommentedMap:
    """The whole file as a round-trip mapping with a `structures:` list (created if the file is absent); a file
    that is not such a list of records raises SourceFileError: an import or the geocoder cannot merge into it."""
    if not path.exists():
        return CommentedMap(structures=CommentedSeq())
    try:
        document = yaml_files.round_trip().load(path.read_text(encoding="utf-8")) or CommentedMap()
    except (YAMLError, UnicodeDecodeError) as error:
        raise SourceFileError(f"{path} est illisible ({_where(error)}) : corrigez-le (« cls-site validate » "
                              "dit quoi et où) puis relancez. Rien n'a été écrit.") from error
    if isinstance(document, CommentedMap) and document.get("structures") is None:
        document["structures"] = CommentedSeq()
    records = document.get("structures") if isinstance(document, CommentedMap) else None
    if not isinstance(records, CommentedSeq) or not all(isinstance(item, CommentedMap) for item in records):
        raise SourceFileError(f"{path} n'est pas une liste « structures: » de fiches : corrigez-le (« cls-site "
                              "validate » montre où) puis relancez. Rien n'a été écrit.")
    return document


def read_records(path: Path) -> list[Any]:
    """The records of data/structures.yml as the build reads them (every value the text as written), for lookups
    that change nothing: several times faster than the round trip, which the merge then does once. A file the
    build's reader refuses goes through read_structures, which says why in French."""
    if not path.exists():
        return []
    report = ErrorReport()
    document = load_file(path, path.name, report)
    records = document.get("structures") if isinstance(document, dict) else None
    if report.errors or not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        return list(read_structures(path)["structures"])
    return records


def _where(error: Exception) -> str:
    """Where the YAML error is (ruamel's own words are English: validate says it in French)."""
    if isinstance(error, UnicodeDecodeError):
        return "ce n'est pas un texte UTF-8"
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return f"erreur de syntaxe YAML ligne {mark.line + 1}" if mark is not None else "erreur de syntaxe YAML"


def dump(document: CommentedMap) -> str:
    return yaml_files.dump(document, expand_aliases=True)


def to_yaml(key: str, value: Any) -> Any:
    """A plain value as it should be written under `key`."""
    if isinstance(value, str) and key not in BARE_KEYS:
        return DoubleQuotedScalarString(value)
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq([to_yaml(key, item) for item in value])
        if not any(isinstance(item, dict) for item in value):  # a list of records reads better one per line
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap((k, to_yaml(k, v)) for k, v in value.items())
    return value


def plain(value: Any) -> Any:
    """A value read from YAML (or given by an importer) in a form two sources can be compared in."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float)):
        return round(float(value), 6)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return None if value is None else str(value)
