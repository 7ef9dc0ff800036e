"""Benchmark: `cls-site importer finess` on a national-size file (100,000 establishments), 80 communes.

Generates a FINESS-format file (Latin-1, `;`, metadata line, `structureet` then `geolocalisation` rows,
Lambert-93) spread over every département, with about 1 % of the rows in an 80-commune territory, then
times the import (read, merge, write) in a child process and reports its peak resident memory.

    .venv/bin/python benchmarks/import_finess.py [ROWS]
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CATEGORIES = ("620", "603", "500", "354", "611", "124", "183", "355")
TERRITORY_SHARE = 0.01


def communes_yml(count: int) -> str:
    lines = ["communes:"]
    for n in range(1, count + 1):
        lines += [f'  - code_insee: "45{n:03d}"', f"    nom: Commune {n}", '    code_postal: "45300"',
                  "    epci: cc-test", "    latitude: 48.1", "    longitude: 2.2"]
    return "\n".join(lines) + "\n"


def finess_file(path: Path, rows: int, communes: int) -> None:
    rng = random.Random(42)
    with path.open("w", encoding="latin-1", newline="") as out:
        out.write("finess;etalab;98;2025-09-30\r\n")
        for n in range(rows):
            local = rng.random() < TERRITORY_SHARE
            dep, com = ("45", f"{rng.randint(1, communes):03d}") if local else (f"{rng.randint(1, 95):02d}", "999")
            fields = ["structureet", f"{n:09d}", f"{n:09d}", f"ÉTABLISSEMENT {n}", f"ÉTABLISSEMENT DE SANTÉ {n}",
                      "", "", str(n % 90 + 1), "R", "DE LA RÉPUBLIQUE", "", "", com, dep, "DÉPARTEMENT",
                      f"{dep}300 VILLE", "0238300000", "", rng.choice(CATEGORIES), "Catégorie", "", "", "", "", "",
                      "", "", "", "2001-01-01", "2001-01-01", "2025-01-01", ""]
            out.write(";".join(fields) + "\r\n")
        for n in range(rows):
            x, y = 640000 + rng.uniform(-9000, 9000), 6785000 + rng.uniform(-9000, 9000)
            out.write(f"geolocalisation;{n:09d};{x:.1f};{y:.1f};1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;"
                      "2025-01-01\r\n")


def main(rows: int = 100_000, communes: int = 80) -> None:
    with tempfile.TemporaryDirectory() as temp:
        data = Path(temp) / "data"
        data.mkdir()
        (data / "communes.yml").write_text(communes_yml(communes), encoding="utf-8")
        source = Path(temp) / "finess.csv"
        finess_file(source, rows, communes)
        size = source.stat().st_size / 1e6
        cli = [sys.executable, "-m", "site_builder", "importer", "finess", str(source), "--data", str(data)]
        start = time.perf_counter()
        result = subprocess.run(cli, capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        added = result.stdout.count("\n  + ")
        print(f"{rows} lignes structureet + {rows} géolocalisations ({size:.0f} Mo), {communes} communes : "
              f"{added} établissements ajoutés en {elapsed:.1f} s ({cpu:.1f} s de processeur), "
              f"pic mémoire {peak:.0f} Mo.")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
