"""The one place a cell's value becomes part of a file name: a data file from a validated id, never a path.

A year or an axe number typed in the workbook names a file (`suivi/2025.yml`, `programme/axe-2.yml`); a cell
holding `../../mkdocs` once replaced mkdocs.yml. Ids are checked as ASCII digits (str.isdigit() accepts « ² »
and other scripts' digits), and the resolved path must stay inside the data folder.
"""

from __future__ import annotations

import re
from pathlib import Path

# kind → (file name pattern, accepted id, what the coordinator types, an example)
PATTERNS = {
    "bilan": ("suivi/{}.yml", re.compile(r"[0-9]{4}"), "une année en quatre chiffres", "2025"),
    "axe": ("programme/axe-{}.yml", re.compile(r"[0-9]{1,3}"), "un numéro d'axe en chiffres", "2"),
}


class UnsafePathError(ValueError):
    """A value that cannot name a data file; the message says what to type instead, in French."""


def data_file(kind: str, ident: str) -> str:
    """The file of the `kind` record numbered `ident`, relative to the data folder (« suivi/2025.yml »)."""
    pattern, accepted, expected, example = PATTERNS[kind]
    if not accepted.fullmatch(ident):
        raise UnsafePathError(f"« {ident} » n'est pas {expected}.", f"écrivez {expected}, par exemple {example}.")
    return pattern.format(ident)


def inside(data_dir: Path, file: str) -> Path:
    """`data_dir / file`, refused when it resolves outside `data_dir` (a link, or a name that climbs out)."""
    root = data_dir.resolve()
    target = (data_dir / file).resolve()
    if target == root or root not in target.parents:
        raise UnsafePathError(f"le fichier « {file} » sortirait du dossier des données.",
                              "rien n'a été écrit ; signalez ce message, il ne devrait pas arriver.")
    return data_dir / file
