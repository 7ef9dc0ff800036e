"""Benchmark: `cls-site importer annuaire-sante` on a national-size extraction (2 million activity rows).

Generates a `PS_LibreAcces_Personne_activite` file with the real 56-column header (UTF-8, `|`, trailing `|`),
rows spread over every département, about 400 practitioners' activities in the example territory's communes
(a fifth with an empty commune code: found by postcode + town name), then times the import (read, group,
merge, write) in a child process and reports its peak resident memory. Invented rows, fictitious numbers.

    .venv/bin/python benchmarks/import_annuaire_sante.py [ROWS] [LOCAL]
"""

from __future__ import annotations

import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HEADER = (ROOT / "tests" / "fixtures" / "real" / "annuaire-sante-personne-activite-header-56.txt").read_text(
    encoding="utf-8").strip().rstrip("|").split("|")
PROFESSIONS = (("10", "Médecin", "SM54", "Médecine Générale"), ("60", "Infirmier", "", ""),
               ("70", "Masseur-Kinésithérapeute", "", ""), ("40", "Chirurgien-Dentiste", "", ""),
               ("50", "Sage-Femme", "", ""), ("21", "Pharmacien", "", ""), ("10", "Médecin", "SM02", "Anesthésie"))


def template() -> list[str]:
    """A row with every column filled as the national file fills it (about 450 bytes once completed)."""
    values = dict.fromkeys(HEADER, "")
    values.update({
        "Type d'identifiant PP": "8", "Code civilité": "M", "Libellé civilité": "Monsieur",
        "Code catégorie professionnelle": "C", "Libellé catégorie professionnelle": "Civil",
        "Code mode exercice": "L", "Libellé mode exercice": "Libéral, indépendant, artisan, commerçant",
        "Numéro Voie (coord. structure)": "12", "Code type de voie (coord. structure)": "R",
        "Libellé type de voie (coord. structure)": "Rue", "Libellé Voie (coord. structure)": "DE LA REPUBLIQUE",
        "Code pays (coord. structure)": "99000", "Libellé pays (coord. structure)": "France",
        "Téléphone (coord. structure)": "0261910000", "Libellé Département (structure)": "Département",
        "Code secteur d'activité": "SA07", "Libellé secteur d'activité": "Cabinet individuel",
        "Code genre activité": "GENR01", "Libellé genre activité": "Activité standard",
    })
    return [values[column] for column in HEADER]


AT = {column: n for n, column in enumerate(HEADER)}


def row(cells: list[str], rng: random.Random, n: int, place: tuple[str, str, str]) -> str:
    """One activity row: the template with this person, profession and place."""
    code, label, skill, skill_label = rng.choice(PROFESSIONS)
    for column, value in (
            ("Identifiant PP", f"199{n:08d}"), ("Identification nationale PP", f"8199{n:08d}"),
            ("Code civilité d'exercice", "DR" if code == "10" else ""),
            ("Libellé civilité d'exercice", "Docteur" if code == "10" else ""),
            ("Nom d'exercice", f"NOM{n}"), ("Prénom d'exercice", f"PRENOM{n}"), ("Code profession", code),
            ("Libellé profession", label), ("Code type savoir-faire", "S" if skill else ""),
            ("Code savoir-faire", skill), ("Libellé savoir-faire", skill_label),
            ("Identifiant technique de la structure", f"C999{n // 2:08d}"),
            ("Raison sociale site", f"CABINET {n // 2}"),
            ("Code postal (coord. structure)", place[1]), ("Code commune (coord. structure)", place[0]),
            ("Libellé commune (coord. structure)", place[2]), ("Code Département (structure)", place[1][:2]),
            ("Adresse e-mail (coord. structure)", f"nom{n}@medecin.mssante.fr")):
        cells[AT[column]] = value
    return "|".join(cells) + "|\n"


def activity_file(path: Path, rows: int, local: int, communes: list[dict]) -> None:
    rng = random.Random(23)
    cells = template()
    chosen = set(rng.sample(range(rows), local))
    others = [d for d in range(1, 96) if d != 45]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("|".join(HEADER) + "|\n")
        for n in range(rows):
            if n in chosen:
                commune = rng.choice(communes)
                blank = rng.random() < 0.2  # the commune code is often empty: postcode + town name
                place = ("" if blank else commune["code_insee"], commune["code_postal"], commune["nom"].upper())
            else:
                dep = others[n % len(others)]
                place = (f"{dep:02d}{n % 300:03d}", f"{dep:02d}{n % 9 * 100:03d}", f"VILLE {n % 300}")
            out.write(row(cells, rng, n, place))


def main(rows: int = 2_000_000, local: int = 400) -> None:
    communes = yaml.safe_load((ROOT / "data" / "communes.yml").read_text(encoding="utf-8"))["communes"]
    for commune in communes:
        commune["code_insee"], commune["code_postal"] = str(commune["code_insee"]), str(commune["code_postal"])
    with tempfile.TemporaryDirectory() as temp:
        data = Path(temp) / "data"
        data.mkdir()
        shutil.copy(ROOT / "data" / "communes.yml", data / "communes.yml")
        source = Path(temp) / "PS_LibreAcces_Personne_activite_202612070000.txt"
        started = time.perf_counter()
        activity_file(source, rows, local, communes)
        print(f"Fichier généré : {rows} lignes, {source.stat().st_size / 1e6:.0f} Mo "
              f"en {time.perf_counter() - started:.0f} s.")
        cli = [sys.executable, "-m", "site_builder", "importer", "annuaire-sante", str(source), "--data", str(data)]
        start = time.perf_counter()
        result = subprocess.run(cli, capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print("\n".join(result.stdout.splitlines()[:2]))
        print(f"Import : {elapsed:.1f} s écoulées, {usage.ru_utime + usage.ru_stime:.1f} s de processeur, "
              f"pic de mémoire {usage.ru_maxrss / 1024:.0f} Mo.")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:]))
