"""Time the README's sub-step « remplir le programme dans le tableur »: export, 30 action rows written into
the `actions` sheet (as a person would type them), import, build. Run from the project root:

    .venv/bin/python benchmarks/classeur_30_actions.py . /tmp/classeur-mesure
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from openpyxl import load_workbook

# axe, fiche, numero, titre, pilotes, publics, indicateurs: what a coordinator types at least
COLUMNS = "ABCDEGT"


def main(root: Path, work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    for name in ("content", "overrides", "data"):
        shutil.copytree(root / name, work / name)
    shutil.copy(root / "mkdocs.yml", work / "mkdocs.yml")
    # A new territory has no review yet, and nothing in its repertoire or agenda points at actions.
    shutil.rmtree(work / "data/suivi")
    for name in ("structures.yml", "evenements.yml"):
        path = work / "data" / name
        path.write_text(re.sub(r"(?m)^    actions: \[.*\]\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    cls = str(root.resolve() / ".venv/bin/cls-site")

    def run(*args: str) -> float:
        start = time.perf_counter()
        result = subprocess.run([cls, *args], cwd=work, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
        print((result.stdout.strip().splitlines() or [""])[-1])
        return time.perf_counter() - start

    exported = run("classeur", "exporter", "classeur.xlsx")
    book = load_workbook(work / "classeur.xlsx")
    for name in book.sheetnames:
        if name in ("structures", "événements") or name.startswith("bilan"):
            del book[name]
    sheet = book["actions"]
    fiches = [(row[0].value, row[1].value) for row in book["fiches"].iter_rows(min_row=2) if row[0].value]
    sheet.delete_rows(2, sheet.max_row)
    counts: dict[tuple[object, object], int] = {}
    for number in range(1, 31):
        axe, fiche = fiches[(number - 1) % len(fiches)]
        counts[(axe, fiche)] = counts.get((axe, fiche), 0) + 1
        values = (axe, fiche, counts[(axe, fiche)], f"Action saisie n° {number}", "petr", "tous-publics",
                  "Nombre de participants")
        for column, value in zip(COLUMNS, values, strict=True):
            sheet[f"{column}{number + 1}"] = value
    book.save(work / "classeur.xlsx")
    imported = run("classeur", "importer", "classeur.xlsx")
    built = run("build")
    print(f"export {exported:.1f} s, import {imported:.1f} s, construction {built:.1f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
