"""Synthetic but valid territory data at a chosen size, for the benchmark.

The example territory (contract, organisations, communes, programme, reviews) is kept; structures, events
and newsletter issues are generated in proportion to the number of structures asked for, spread over the
territory's communes, with every field a real fiche has. Deterministic: the same size gives the same data.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("msp", "pharmacie", "centre-sante", "laboratoire", "pmi", "cmp", "ccas", "france-services", "ehpad",
         "ssiad", "saad", "mission-locale")
HOURS = ("Mo-Fr 08:30-12:30,14:00-18:00; Sa 09:00-12:00", "Mo-Fr 09:00-17:00", "Mo-Sa 08:00-20:00")


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '\\"') + '"'


def structures(count: int, communes: list[dict], actions: list[str], rng: random.Random) -> str:
    lines = ["structures:"]
    for number in range(count):
        commune = communes[number % len(communes)]
        kind = KINDS[number % len(KINDS)]
        name = f"Structure {number} de {commune['nom']}"
        lines += [
            f"  - id: structure-{number:05d}",
            f"    nom: {_quoted(name)}",
            f"    typologie: {kind}",
            f"    adresse: {_quoted(f'{number % 90 + 1} rue de l’Exemple')}",
            f"    code_postal: {_quoted(commune['code_postal'])}",
            f"    code_insee: {_quoted(commune['code_insee'])}",
            f"    commune: {_quoted(commune['nom'])}",
            f"    latitude: {commune['latitude'] + rng.uniform(-0.01, 0.01):.5f}",
            f"    longitude: {commune['longitude'] + rng.uniform(-0.01, 0.01):.5f}",
            f"    telephone: \"02 61 91 {number // 100 % 100:02d} {number % 100:02d}\"",
            f"    courriel: structure-{number:05d}@exemple.fr",
            "    presentation_resume: Une structure d'exemple générée pour mesurer le temps de construction.",
            f"    horaires_accueil: {_quoted(HOURS[number % len(HOURS)])}",
            "    publics: [tous-publics]",
            "    thematiques: [prevention]",
            f"    actions: [{_quoted(actions[number % len(actions)])}]",
            f"    date_maj: 2026-{number % 9 + 1:02d}-15",
            "    exemple: oui",
        ]
        if kind == "ehpad":
            lines += ["    seniors:", "      statut: public", "      places_permanentes: 80", "      gir: [1, 2, 3, 4]",
                      f"      prix_journalier: {60 + number % 20}.50", "      alzheimer: [uvp]",
                      "      tarifs_au: 2026-01-01"]
    return "\n".join(lines) + "\n"


def events(count: int, actions: list[str]) -> str:
    lines = ["evenements:"]
    for number in range(count):
        day = 1 + number % 27
        month = 1 + number // 27 % 12
        year = 2025 + number // (27 * 12) % 3
        lines += [
            f"  - id: evenement-{number:05d}",
            f"    titre: {_quoted(f'Atelier de prévention n° {number}')}",
            f"    debut: \"{year}-{month:02d}-{day:02d} 14:00\"",
            f"    fin: \"{year}-{month:02d}-{day:02d} 16:00\"",
            "    lieu:",
            f"      structure: structure-{number * 7 % max(count * 5, 1):05d}",
            f"    actions: [{_quoted(actions[number % len(actions)])}]",
            "    exemple: oui",
        ]
    return "\n".join(lines) + "\n"


def issue(number: int) -> str:
    year, quarter = 2024 + number // 4, number % 4
    start, end = f"{year}-{quarter * 3 + 1:02d}-01", f"{year}-{quarter * 3 + 3:02d}-28"
    return (f"---\nnumero: {number + 1}\ntitre: \"Lettre n° {number + 1}\"\ndate: {end}\n"
            f"periode_debut: {start}\nperiode_fin: {end}\nresume: \"Lettre générée.\"\n---\n\n"
            "## Édito\n\nUne lettre générée pour le banc d'essai.\n")


def generate(target: Path, count: int) -> None:
    """Write a data directory with `count` structures, count/5 events and count/100 issues into `target`."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("lettres", "evenements.yml",
                                                                         "structures.yml"))
    communes = yaml.safe_load((ROOT / "data" / "communes.yml").read_text(encoding="utf-8"))["communes"]
    for commune in communes:  # YAML 1.1 would read postcodes as numbers; they are codes
        commune["code_postal"], commune["code_insee"] = str(commune["code_postal"]), str(commune["code_insee"])
    sys.path.insert(0, str(ROOT))
    from site_builder.validate import load_model

    actions = [a.id for a in load_model(ROOT / "data").actions]
    rng = random.Random(count)
    (target / "structures.yml").write_text(structures(count, communes, actions, rng), encoding="utf-8")
    (target / "evenements.yml").write_text(events(max(count // 5, 1), actions), encoding="utf-8")
    (target / "lettres").mkdir()
    for number in range(max(count // 100, 1)):
        (target / "lettres" / f"{number:04d}.md").write_text(issue(number), encoding="utf-8")


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
