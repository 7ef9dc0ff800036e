"""data/rafraichissement.yml: the national file each source's records come from, for the site's freshness line.

Written by `cls-site rafraichir`, committed with the data (a build needs no cache): per source, the date
of the file in use (`fichier_du`, its Last-Modified) and the day it was imported (`importe_le`). Both
change only when a source publishes a new file, so a month without news leaves the file untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import yaml

from site_builder.refresh.report import Outcome
from site_builder.yaml_files import write_atomically

FILE = "rafraichissement.yml"
HEADER = ("# Écrit par « cls-site rafraichir » : pour chaque source nationale, la date du fichier dont viennent\n"
          "# les fiches (fichier_du) et le jour où il a été importé (importe_le). Affiché sur l'accueil et le\n"
          "# répertoire. Ne le modifiez pas à la main.\n")


def read(data_dir: Path) -> dict[str, dict[str, str]]:
    """The recorded dates by source, as text (BaseLoader keeps « 2026-12-07 » a string)."""
    path = data_dir / FILE
    if not path.exists():
        return {}
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return {str(k): dict(v) for k, v in (document or {}).items() if isinstance(v, dict)}


def record(data_dir: Path, outcomes: Iterable[Outcome], today: dt.date) -> bool:
    """Note the sources that brought a new file; return whether the file changed."""
    state = read(data_dir)
    before = dict(state)
    for outcome in outcomes:
        if outcome.error or outcome.merge is None:
            continue
        name = outcome.spec.name
        if outcome.unchanged_file and name in state:
            continue
        file_day = (outcome.file_date or today).isoformat()
        if state.get(name, {}).get("fichier_du") != file_day:
            state[name] = {"fichier_du": file_day, "importe_le": today.isoformat()}
    if state == before:
        return False
    lines = [f"{name}: {{fichier_du: {dates['fichier_du']}, importe_le: {dates['importe_le']}}}"
             for name, dates in sorted(state.items())]
    write_atomically(data_dir / FILE, HEADER + "\n".join(lines) + "\n")
    return True
