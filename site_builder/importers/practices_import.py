"""`cls-site importer annuaire-sante`: read the extraction, group it into practices, say it in French by profession."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from site_builder.importers import Batch
from site_builder.importers.annuaire_sante import SOURCE, ReadReport, read_activities
from site_builder.importers.merge import Imported, MergeReport
from site_builder.importers.practices import fit_practice, practices, profession_summary, records
from site_builder.importers.territory_towns import read_towns
from site_builder.importers.yamlfile import read_records
from site_builder.kinds.professionals import SHARED_PLACES
from site_builder.terminal import ProgressBar
from site_builder.text import slug
from site_builder.yaml_files import written


def prepare(path: Path, data_dir: Path, today: dt.date) -> tuple[Batch, list[str]]:
    """The territory's practices as a batch, and the lines that say what the file holds (by profession)."""
    read, skipped = ReadReport(), []
    bar = ProgressBar("Lecture de l'Annuaire Santé", "Mo", scale=1_000_000)  # drawn on a terminal only
    places = practices(read_activities(path, read_towns(data_dir), read, bar), skipped)  # reads the whole file
    found = records(places, read.extracted or today)
    if read.replacements:
        kinds = ", ".join(f"{label} ({n})" for label, n in sorted(read.genres.items()))
        skipped.append(f"{read.replacements} activité(s) d'un autre genre que « Activité de soin et de pharmacie » "
                       f"(GENR01) : {kinds} — pas un lieu où consulter, non reprises.")
    if read.unplaced:
        skipped.append(f"{read.unplaced} activité(s) avec un code postal du territoire mais une commune non "
                       "reconnue : non reprises.")
    before = read_records(data_dir / "structures.yml")
    people = sum(len(item.fields["professionnels"]) for item in found)
    lines = [f"Annuaire Santé, fichier à {read.layout}, extrait le {_day(read.extracted)} : {read.rows} ligne(s) "
             f"lue(s), {len(found)} lieu(x) d'exercice et {people} présence(s) de professionnels dans vos communes.",
             profession_summary(before, found), *joined(before, found)]
    return Batch(SOURCE, found, skipped, fit=fit_practice), lines


def joined(records: list[CommentedMap], found: list[Imported]) -> Iterator[str]:
    """The practices that will join a structure of the repertoire on the site (kinds/professionals.py)."""
    hosts = [r for r in records if r.get("source") != SOURCE and r.get("typologie") != "cabinet"]
    by_finess = {written(r["finess"]): written(r["id"]) for r in hosts if r.get("finess")}
    by_address = {(written(r.get("code_insee")), slug(str(r.get("adresse", "")))): written(r["id"]) for r in hosts
                  if r.get("typologie") in SHARED_PLACES}
    lines = []
    for item in found:
        fields = item.fields
        host = by_finess.get(str(fields.get("finess") or "-")) or by_address.get(
            (fields["code_insee"], slug(fields["adresse"])))
        if host and fields["typologie"] == "cabinet":
            lines.append(f"  {fields['nom']} ({fields['commune']}) → {host}")
    if lines:
        yield (f"Rejoignent une structure du répertoire sur le site (même numéro FINESS ou même adresse : sa fiche "
               f"liste leurs professionnels, un seul repère sur la carte) ({len(lines)}) :")
        yield from lines


def tidy(report: MergeReport) -> MergeReport:
    """A changed list of professionals is summed up above, by profession: its line says only which practice."""
    marker = " — professionnels : "
    report.changed = [line.split(marker)[0] + " — liste des professionnels mise à jour" if marker in line else line
                      for line in report.changed]
    return report


def _day(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "date inconnue"
