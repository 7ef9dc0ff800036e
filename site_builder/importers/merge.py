"""Merge the records of a national source into data/structures.yml, never clobbering the coordinator's work.

Rules (written in the README, « Données nationales ») :
- a record is matched by its source and its id in that source (`source`, `id_source`); an importer may also
  match on another key (CNSA matches the `finess` number of any record);
- an import only writes the fields it brings; every other field (courriel, horaires, présentation, actions,
  pro…) belongs to the coordinator and is never touched;
- a field named in the record's `garder:` (one word or a list) keeps the coordinator's value; when the source
  says something else the report lists it as a conflict, every run, until the coordinator settles it. A position
  is kept whole (`latitude`, `longitude` or `position`: both), `seniors` keeps the whole senior section;
- a record gone from the source is kept and marked `disparu_de_la_source: AAAA-MM-JJ`, never deleted;
- a record marked `exemple: oui` is never updated by an import; a source record that matches it is not
  added either, and the report asks the coordinator to remove the example.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap

from site_builder.importers.yamlfile import plain, to_yaml
from site_builder.kinds.structures import kept_names
from site_builder.text import slug
from site_builder.yaml_files import written

# Field order of a new record (the order of the README and of the schema).
ORDER = ("id", "nom", "typologie", "adresse", "complement_adresse", "code_postal", "code_insee", "commune",
         "latitude", "longitude", "telephone", "courriel", "site_web", "horaires_accueil", "finess", "date_maj",
         "source", "id_source")
TRUE_WORDS = frozenset({"oui", "vrai", "true", "yes"})


@dataclass
class Imported:
    """One record as a source gives it, already in our keys and formats."""

    id_source: str
    fields: dict[str, Any]


@dataclass
class MergeReport:
    """What an import adds, changes, flags and refuses; printed in French before anything is written."""

    source: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    back: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def writes(self) -> bool:
        return bool(self.added or self.changed or self.vanished or self.back)

    def text(self) -> str:
        sections = (
            ("Ajoutées", self.added), ("Modifiées (champ par champ)", self.changed),
            ("Disparues de la source (gardées, marquées « disparu_de_la_source »)", self.vanished),
            ("De retour dans la source", self.back),
            ("Conflits : votre valeur est gardée, la source dit autre chose", self.conflicts),
            ("Non reprises", self.skipped),
            ("Valeurs refusées, non écrites", self.refused),
        )
        lines = [f"Import « {self.source} »"]
        for title, items in sections:
            if items:
                lines.append(f"{title} ({len(items)}) :")
                lines.extend(f"  {item}" for item in items)
        if not self.writes:
            lines.append("Aucun changement dans data/structures.yml.")
        return "\n".join(lines)


def is_example(record: CommentedMap) -> bool:
    return str(record.get("exemple", "")).strip().lower() in TRUE_WORDS


def own_key(source: str) -> Callable[[CommentedMap], str | None]:
    """Match on (source, id_source) only."""
    return lambda record: written(record["id_source"]) if record.get("source") == source and "id_source" in record \
        else None


def merge(records: list[CommentedMap], imported: Iterable[Imported], report: MergeReport, today: dt.date, *,
          key_of: Callable[[CommentedMap], str | None], section: str | None = None, add_new: bool = True,
          fit: Callable[[CommentedMap, dict[str, Any]], dict[str, Any]] | None = None) -> None:
    """Apply `imported` to `records` in place and describe every change in `report`."""
    index = {key: record for record in records if (key := key_of(record))}
    taken = {written(record.get("id")) for record in records}
    seen: set[str] = set()
    new: list[CommentedMap] = []
    missing = 0
    for item in imported:
        seen.add(item.id_source)
        record = index.get(item.id_source)
        if record is None:
            if add_new:
                new.append(_new_record(item, report.source, taken))
                fields = item.fields
                report.added.append(f"+ {new[-1]['id']} — {fields.get('nom', '')} ({fields.get('commune', '')})")
            else:
                missing += 1
        elif is_example(record):
            report.conflicts.append(f"{record['id']} est une fiche d'exemple (exemple: oui) qui porte le numéro "
                                    f"{item.id_source} : l'import ne la modifie pas et n'ajoute pas la fiche réelle. "
                                    "Supprimez la fiche d'exemple (ou retirez « exemple: oui ») puis relancez.")
        elif fit and not (fields := fit(record, item.fields)):
            report.skipped.append(f"{record['id']} (n° {item.id_source}) : rien à reprendre pour une structure de "
                                  f"type « {record.get('typologie')} ».")
        else:
            _update(record, Imported(item.id_source, fields) if fit else item, report, section)
    records.extend(new)
    if missing:
        report.skipped.append(f"{missing} établissement(s) du fichier sans fiche de même numéro dans le répertoire.")
    if add_new:
        _flag_vanished(index, seen, report, today)
    examples = sum(1 for record in records if is_example(record))
    if new and examples:
        report.conflicts.append(f"le répertoire garde {examples} fiche(s) d'exemple (exemple: oui), publiées avec "
                                "la mention « exemple » à côté des fiches importées : supprimez-les quand le "
                                "répertoire réel les remplace.")


def _new_record(item: Imported, source: str, taken: set[str]) -> CommentedMap:
    """A record for an item the repertoire lacks, with an id not in `taken` (added to it): a homonym in the
    same commune gets « -2 », « -3 »…"""
    base = _short(slug(str(item.fields.get("nom", ""))), 50) or source
    town = slug(str(item.fields.get("commune", "")))
    if town and town not in base:
        base = f"{base}-{town}"
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    values = {"id": ident, **item.fields, "source": source, "id_source": item.id_source}
    ordered = [k for k in ORDER if k in values] + sorted(k for k in values if k not in ORDER)
    return CommentedMap((k, to_yaml(k, values[k])) for k in ordered if values[k] not in (None, "", ()))


def _short(ident: str, limit: int) -> str:
    """Cut a long slug at a hyphen, never in the middle of a word."""
    return ident if len(ident) <= limit else ident[:limit].rsplit("-", 1)[0]


def _update(record: CommentedMap, item: Imported, report: MergeReport, section: str | None) -> None:
    kept = kept_names(record.get("garder"))
    target = record.get(section) if section else record
    if not section and record.get("source") != report.source:
        _adopt(record, item, report)
    for key, value in item.fields.items():
        if isinstance(value, dict) and not section:  # a section (`seniors:`) is updated key by key, never replaced
            _update(record, Imported(item.id_source, value), report, key)
            continue
        name = f"{section}.{key}" if section else key
        old = target.get(key) if target is not None else None
        if value in (None, "", ()) or plain(old) == plain(value):
            continue
        if name in kept or section in kept:
            yours = f"« {_show(old)} »" if _show(old) else "le champ vide"
            report.conflicts.append(f"{record['id']} — {name} : vous gardez {yours}, "
                                    f"la source indique « {_show(value)} ».")
            continue
        if target is None:  # the section is created only when something is written in it
            target = record[section] = CommentedMap()
        target[key] = to_yaml(key, value)
        report.changed.append(f"~ {record['id']} — {name} : « {_show(old)} » → « {_show(value)} »")


def _adopt(record: CommentedMap, item: Imported, report: MergeReport) -> None:
    """A hand-typed record with the same number becomes the source's record (its other fields stay)."""
    for key, value in (("source", report.source), ("id_source", item.id_source)):
        report.changed.append(f"~ {record['id']} — {key} : « {_show(record.get(key))} » → « {value} »")
        record[key] = to_yaml(key, value)


def _flag_vanished(index: dict[str, CommentedMap], seen: set[str], report: MergeReport, today: dt.date) -> None:
    for key, record in sorted(index.items()):
        if record.get("source") != report.source:
            continue
        if key not in seen and record.get("disparu_de_la_source") is None:
            record["disparu_de_la_source"] = today
            report.vanished.append(f"- {record['id']} — {record.get('nom', '')} (n° {key})")
        elif key in seen and record.get("disparu_de_la_source") is not None:
            del record["disparu_de_la_source"]
            report.back.append(f"= {record['id']} — {record.get('nom', '')} (n° {key})")


def _show(value: Any) -> str:
    shown = plain(value)
    if isinstance(shown, list):
        return ", ".join(str(v) for v in shown)
    if isinstance(shown, float):
        return f"{shown:g}".replace(".", ",")
    return "" if shown is None else str(shown)
