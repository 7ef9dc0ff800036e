"""Data files as the data tools write them (the workbook, the importers, the geocoder, campaigns, refresh):
ruamel's round trip with one set of settings, the text of a value as the file writes it, and a file replaced in
one step.

PyYAML (load.py) stays the reader of the build; ruamel is used only to rewrite a file, because it keeps comments,
quotes, folded text and flow lists (checked: every example data file dumps back identical).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarint import ScalarInt


def round_trip(*, expand_aliases: bool = False) -> YAML:
    """The round-trip reader and writer; `expand_aliases` writes a value two records share out in full each time
    (an importer's records may share a date or a list, and validate refuses an anchor and its alias)."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never rewrap a long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    if expand_aliases:
        yaml.representer.ignore_aliases = lambda *args: True
    return yaml


def dump(document: Any, *, expand_aliases: bool = False) -> str:
    buffer = io.StringIO()
    round_trip(expand_aliases=expand_aliases).dump(document, buffer)
    return buffer.getvalue()


def written(value: Any) -> str:
    """A YAML scalar as the file writes it, which is what a build reads (load.py keeps every scalar as text):
    ruamel reads an unquoted « 0238000000 », « 01000 » or FINESS « 010000065 » as a number and keeps its width,
    not its zeros. Every text taken from a round-trip record (an id, a code, a number to match) goes through here."""
    width = getattr(value, "_width", None)
    if type(value) is ScalarInt and width and value >= 0:
        return f"{int(value):0{width}d}"
    return str(value)


def write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step: a failed run never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temp, path)
