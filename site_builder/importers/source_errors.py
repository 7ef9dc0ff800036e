"""The one way an importer refuses a file: a French message, and nothing written.

Every reader of a national file raises `SourceFileError` when the file is not what it expects (unknown
columns, empty, binary, truncated, wrong encoding…); `cls-site importer` prints the message and exits 1
before data/structures.yml is touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class SourceFileError(Exception):
    """A file an importer cannot read; the message is for the coordinator, in French."""


def match_layout(found: Iterable[str], layouts: Mapping[str, Iterable[str]], what: str) -> str:
    """The name of the first layout whose required columns are all in `found`, else a French error naming both."""
    columns = [str(column).strip() for column in found]
    present = set(columns)
    for name, required in layouts.items():
        if set(required) <= present:
            return name
    expected = " ; ou ".join(", ".join(required) for required in layouts.values())
    shown = ", ".join(columns[:20]) + (" …" if len(columns) > 20 else "") if columns else "aucune"
    raise SourceFileError(f"{what} : colonnes non reconnues. Colonnes attendues : {expected}. "
                          f"Colonnes trouvées : {shown}. Rien n'a été écrit.")
