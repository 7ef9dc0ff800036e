"""The largest workbook `cls-site classeur importer` accepts: time and peak memory of export and import.

A territory of N structures (and N/5 events, benchmarks/generate.py) is exported to an .xlsx, imported back
unchanged, then imported with one cell changed, then with one row deleted and one added. Each step runs in its
own process; its peak memory is that process's `resource.getrusage(RUSAGE_SELF).ru_maxrss`, its CPU time
user + system (the wall time depends on what else the machine runs). Run from the project root:

    .venv/bin/python benchmarks/classeur_big.py /tmp/classeur-gros 10000 19990
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def step(args: list[str]) -> None:
    """Child mode: run one cls-site command in this process, then print its peak memory in MB."""
    from click.testing import CliRunner

    from site_builder.cli import main

    result = CliRunner().invoke(main, args)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"exit": result.exit_code, "peak_mb": round(usage.ru_maxrss / 1024),  # kilobytes on Linux
                      "cpu_s": round(usage.ru_utime + usage.ru_stime, 1), "tail": result.output[-300:]}))


def timed(args: list[str]) -> dict[str, object]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--step", *args], capture_output=True, text=True, check=True)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    return {**found, "seconds": round(time.perf_counter() - start, 1)}


def measure(work: Path, count: int) -> list[str]:
    from openpyxl import load_workbook

    from benchmarks.generate import generate

    data, book = work / f"data-{count}", work / f"classeur-{count}.xlsx"
    generate(data, count)
    lines = []
    export = timed(["classeur", "exporter", str(book), "--data", str(data)])
    lines.append(_line(count, "export", export, book))
    same = timed(["classeur", "importer", str(book), "--data", str(data), "--simuler"])
    lines.append(_line(count, "import inchangé", same, book))
    sheet = load_workbook(book)
    sheet["structures"]["B2"] = "Structure renommée"
    sheet.save(book)
    edited = timed(["classeur", "importer", str(book), "--data", str(data)])
    lines.append(_line(count, "import, une cellule changée", edited, book))
    sheet = load_workbook(book)
    structures = sheet["structures"]
    added = [cell.value for cell in structures[2]]
    added[:2] = ["structure-ajoutee", "Structure ajoutée"]
    structures.delete_rows(3)
    structures.append(added)
    sheet.save(book)
    moved = timed(["classeur", "importer", str(book), "--data", str(data)])
    lines.append(_line(count, "import, une ligne supprimée et une ajoutée", moved, book))
    return lines


def _line(count: int, what: str, found: dict[str, object], book: Path) -> str:
    size = book.stat().st_size / 1e6
    return (f"| {count} | {what} | {found['exit']} | {found['seconds']} | {found['cpu_s']} | {found['peak_mb']} | "
            f"{size:.1f} |"
            + ("" if found["exit"] == 0 else f" {str(found['tail']).strip().splitlines()[0]} |"))


def main(work: Path, counts: list[int]) -> None:
    work.mkdir(parents=True, exist_ok=True)
    print("| structures | étape | code de sortie | temps (s) | dont CPU (s) | pic mémoire (Mo) | classeur (Mo) |")
    print("|--:|--|--:|--:|--:|--:|--:|")
    for count in counts:
        for line in measure(work, count):
            print(line, flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "--step":
        step(sys.argv[2:])
    else:
        main(Path(sys.argv[1]), [int(n) for n in sys.argv[2:]] or [10_000])
