"""`cls-site campagne importer`: the answers noted in campagne.xlsx applied to the data, as the workbook import does.

« confirmée » sets the structure's `verifie_le` (its own confirmation, distinct from `date_maj`, the source's);
« corrigée » also changes the fields whose cells were edited and adds them to `garder`, so the next national
import keeps the structure's word; « sans réponse » changes no fiche. Every answer is noted in data/campagnes.yml.
The files are validated as a build would before anything is written; errors point at cells.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from site_builder import yaml_files
from site_builder.campaigns.campaign_file import FILE, dump, latest_entries
from site_builder.campaigns.campaign_sheet import CAMPAIGN_SHEET, CORRECTABLE_SHEET
from site_builder.directory import ANSWERS, Campaign, CampaignEntry
from site_builder.errors import ErrorReport, Location, suggest
from site_builder.spreadsheet import documents
from site_builder.spreadsheet.cells import canonical
from site_builder.spreadsheet.importer import Plan, check
from site_builder.spreadsheet.read import Row, Table, read
from site_builder.spreadsheet.row_merge import Merge, Origin, unique_rows
from site_builder.text import date_fr, fold
from site_builder.validate import load_model
from site_builder.yaml_files import written

STRUCTURES = documents.LISTS["structures"]
ANSWER_BY_WORD = {fold(label): key for key, label in ANSWERS.items() if key != "envoyee"} | {
    fold(key): key for key in ANSWERS if key != "envoyee"}


def plan(source: Path, data_dir: Path, root: Path, day: dt.date) -> Plan:
    """Every change the answers make (nothing written); `report` holds the located errors."""
    result = Plan()
    if source.suffix.lower() != ".xlsx":
        result.report.add(Location(source.name), "", "ce n'est pas un classeur .xlsx.",
                          "donnez le fichier campagne.xlsx écrit par « cls-site campagne preparer ».")
        return result
    tables = read(source, result.report, {CAMPAIGN_SHEET.name: CAMPAIGN_SHEET})
    if not tables and not result.report:
        result.report.add(Location(source.name), "", "aucune feuille « campagne » dans ce classeur.",
                          "donnez le fichier campagne.xlsx écrit par « cls-site campagne preparer ».")
    if result.report:
        return result
    campaigns = load_model(data_dir, root).campaigns  # a data folder that does not validate stops here
    merge = Merge({STRUCTURES: documents.load(data_dir / STRUCTURES)}, result.report)
    answered = _apply(tables[0], merge, campaigns, day)
    result.changes = merge.changes
    if result.report:
        return result
    if STRUCTURES in merge.touched:
        result.texts[STRUCTURES] = yaml_files.dump(merge.docs[STRUCTURES])
    if answered != campaigns:
        result.texts[FILE] = dump(answered)
    if result.texts:
        check(result, data_dir, root, merge.origins)
    return result


def _apply(table: Table, merge: Merge, campaigns: tuple[Campaign, ...], day: dt.date) -> tuple[Campaign, ...]:
    """Apply each row's answer to its structure; return the campaigns with the answers noted."""
    records = {written(item.get("id")): item for item in (merge.docs[STRUCTURES] or {}).get("structures") or []}
    latest = latest_entries(campaigns)
    updated: dict[tuple[dt.date, str], CampaignEntry] = {}
    for ident, row in unique_rows(table, ("id",), merge.report):
        if not _known(ident, row, records, latest, merge.report):
            continue
        if not (answer := _answer(row, records[ident], merge.report)):
            continue
        campaign, entry = latest[ident]
        edited = _edited(records[ident], row)
        if not _consistent(answer, edited, row, merge.report, entry.reponse):
            continue
        if (when := _answered_on(row, day, entry.envoye_le, merge.report)) is None:
            continue
        if answer != "sans-reponse":
            _confirm(merge, records[ident], row, ident, when, edited)
        new = CampaignEntry(ident, entry.envoye_le, answer, when if answer != "sans-reponse" else None)
        if new != entry:
            merge.note(FILE, "~", f"campagne du {date_fr(campaign.date)} · {ident}",
                       f"réponse : {ANSWERS[entry.reponse]} → {ANSWERS[answer]}")
            updated[(campaign.date, ident)] = new
    return tuple(Campaign(c.date, tuple(updated.get((c.date, e.structure), e) for e in c.structures))
                 for c in campaigns)


def _answer(row: Row, record: Any, report: ErrorReport) -> str:
    """The answer's key; "" for an empty cell (no answer yet: « envoyée ») or an unknown word (reported)."""
    text = row.text("reponse")
    if not text:
        if edited := _edited(record, row):
            report.add(Location(row.ref(edited[0])), edited[0], "cellule modifiée, mais la réponse est vide.",
                       "écrivez « corrigée » dans la colonne Réponse, ou remettez la valeur de la fiche.")
        return ""
    key = ANSWER_BY_WORD.get(fold(text).replace("-", " ").strip()) or ANSWER_BY_WORD.get(fold(text).strip())
    if key is None:
        choices = [label for key, label in ANSWERS.items() if key != "envoyee"]
        report.add(Location(row.ref("reponse")), "reponse", f"réponse inconnue « {text} ».",
                   suggest(text, choices) or "réponses possibles : " + ", ".join(choices) + ".")
    return key or ""


def _known(ident: str, row: Row, records: dict[str, Any], latest: dict[str, Any], report: ErrorReport) -> bool:
    """The row names a structure of the repertoire that a campaign asked."""
    if ident not in records:
        report.add(Location(row.ref("id")), "id", f"« {ident} » n'est pas une structure du répertoire.",
                   "gardez l'identifiant écrit par « cls-site campagne preparer ».")
    elif ident not in latest:
        report.add(Location(row.ref("id")), "id", f"aucune campagne n'a interrogé « {ident} ».",
                   "préparez d'abord une campagne qui la comprend (cls-site campagne preparer).")
    return ident in records and ident in latest


def _answered_on(row: Row, day: dt.date, sent: dt.date, report: ErrorReport) -> dt.date | None:
    """The day of the answer: its cell, or the import's day; never before the letter nor after the import."""
    text = row.text("repondu_le")
    try:
        when = dt.date.fromisoformat(text) if text else day
    except ValueError:
        report.add(Location(row.ref("repondu_le")), "repondu_le", f"date illisible « {text} ».",
                   "écrivez la date AAAA-MM-JJ, par exemple 2026-12-20, ou laissez la cellule vide.")
        return None
    if not sent <= when <= day:
        report.add(Location(row.ref("repondu_le") or row.ref("reponse")), "repondu_le",
                   f"réponse datée du {date_fr(when)}, hors de la campagne (lettre du {date_fr(sent)}, import du "
                   f"{date_fr(day)}).", "corrigez la date de la réponse.")
        return None
    return when


def _edited(record: Any, row: Row) -> list[str]:
    """The keys of the correctable cells that differ from the YAML."""
    return [column.key for column in CORRECTABLE_SHEET.columns if column.key in row.cells
            and canonical(record.get(column.key), column.kind) != canonical(row.text(column.key), column.kind)]


def _consistent(answer: str, edited: list[str], row: Row, report: ErrorReport, noted: str) -> bool:
    """A confirmation or a silence edits no cell; a correction edits one at least, unless it was imported already
    (`noted`: the answer data/campagnes.yml holds; importing the same workbook twice changes nothing)."""
    if answer == "corrigee" and not edited and noted != "corrigee":
        report.add(Location(row.ref("reponse")), "reponse", "réponse « corrigée », mais aucune cellule n'a changé.",
                   "modifiez les cellules que la structure corrige, ou écrivez « confirmée ».")
        return False
    if answer != "corrigee" and edited:
        column = CORRECTABLE_SHEET.column(edited[0])
        report.add(Location(row.ref(edited[0])), edited[0], f"réponse « {ANSWERS[answer]} », mais la cellule "
                   f"« {column.header} » a changé.", "écrivez « corrigée », ou remettez la valeur de la fiche.")
        return False
    return True


def _confirm(merge: Merge, record: CommentedMap, row: Row, ident: str, when: dt.date, edited: list[str]) -> None:
    """Apply the corrections, keep them against the next import, and date the structure's confirmation."""
    what = f"structure {ident}"
    if edited:
        merge.fill(STRUCTURES, what, record, row, CORRECTABLE_SHEET)
        if record.get("id_source"):  # an imported record: the structure's word outlives the next import
            _keep(merge, record, what, edited)
    before = record.get("verifie_le")
    if before != when:
        _set_after(record, "verifie_le", dt.date.fromordinal(when.toordinal()), "date_maj")  # a copy: one shared
        # date object would be written once with an anchor and then as aliases, which the build refuses
        merge.note(STRUCTURES, "~", what, f"confirmée par la structure : {_day(before)} → « {when.isoformat()} »")
    merge.origins.append(Origin(STRUCTURES, ("structures", ("id", ident)), row))


def _set_after(record: CommentedMap, key: str, value: Any, after: str) -> None:
    """Set `key` just after `after` (the date of the source beside the structure's own), or in place if present."""
    if key in record or after not in record:
        record[key] = value
    else:
        record.insert(list(record).index(after) + 1, key, value)


def _keep(merge: Merge, record: CommentedMap, what: str, keys: list[str]) -> None:
    kept = record.get("garder")
    names = [kept] if isinstance(kept, str) else list(kept or [])
    new = [key for key in keys if key not in names]
    if new:
        seq = CommentedSeq([*names, *new])
        seq.fa.set_flow_style()
        record["garder"] = seq
        merge.note(STRUCTURES, "~", what, "gardé contre le prochain import : " + ", ".join(new))


def _day(value: Any) -> str:
    return f"« {value} »" if value else "(jamais)"

