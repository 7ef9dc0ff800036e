"""The French change report of a refresh (rapport-rafraichissement.md): what each source changed, or why it failed.

It is the text of the monthly pull/merge request: the coordinator reads it before the changes go live.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from site_builder.importers.merge import MergeReport
from site_builder.refresh.sources import SourceSpec
from site_builder.text import date_fr

EXIT_UNCHANGED, EXIT_ERROR, EXIT_CHANGED = 0, 1, 3


@dataclass
class Outcome:
    """What happened to one source during a refresh."""

    spec: SourceSpec
    url: str
    merge: MergeReport | None = None
    error: str = ""
    unchanged_file: bool = False  # the server answered 304: same file as last time
    file_date: dt.date | None = None  # the file's Last-Modified, when the server gives it


@dataclass
class Refresh:
    """Every source's outcome, the geocoding and validation that followed, and what was written."""

    day: dt.date
    outcomes: list[Outcome] = field(default_factory=list)
    geocoding: str = ""
    invalid: str = ""
    simulated: bool = False
    written: list[str] = field(default_factory=list)
    blocked: bool = False  # the data did not validate before the refresh: nothing was downloaded

    @property
    def changed(self) -> bool:
        return any(o.merge and o.merge.writes for o in self.outcomes)

    @property
    def exit_code(self) -> int:
        """1 when a source failed or the result did not validate; else 3 when data changed; else 0."""
        if self.invalid or any(o.error for o in self.outcomes) or not self.outcomes:
            return EXIT_ERROR
        return EXIT_CHANGED if self.written or (self.simulated and self.changed) else EXIT_UNCHANGED


def render(refresh: Refresh) -> str:
    """The whole report as Markdown."""
    lines = [f"# Rafraîchissement des données nationales du {date_fr(refresh.day)}", "", _summary(refresh), ""]
    for outcome in refresh.outcomes:
        lines += _source(outcome)
    if refresh.geocoding:
        lines += ["## Géocodage des nouvelles fiches", "", *_block(refresh.geocoding), ""]
    if refresh.invalid:
        why = ("Rien n'a été téléchargé : les données ont déjà des erreurs, corrigez-les d'abord "
               "(`cls-site validate`)." if refresh.blocked else
               "Les changements n'ont **pas** été écrits : les données obtenues ne passent pas la "
               "vérification (`cls-site validate`).")
        lines += ["## Données refusées à la vérification", "", why, "", "```text", refresh.invalid, "```", ""]
    if refresh.written:
        lines += ["## Fichiers modifiés", "", *(f"- `{name}`" for name in refresh.written), ""]
    lines.append(f"Code de sortie : {refresh.exit_code} ({EXIT_MEANINGS[refresh.exit_code]}).")
    return "\n".join(lines) + "\n"


EXIT_MEANINGS = {EXIT_UNCHANGED: "rien n'a changé", EXIT_CHANGED: "des changements sont à relire",
                 EXIT_ERROR: "au moins une source n'a pas pu être mise à jour, ou les données sont refusées"}


def _summary(refresh: Refresh) -> str:
    failed = [o.spec.label for o in refresh.outcomes if o.error]
    if refresh.blocked:
        return "**Rien n'a été fait** : les données ont des erreurs à corriger avant le rafraîchissement."
    if not refresh.outcomes:
        return ("Aucune source déclarée : ajoutez une rubrique `sources:` à data/cls.yml "
                "(voir le README, « Publier et tenir à jour »).")
    parts = []
    if refresh.simulated:
        parts.append("**Simulation** : rien n'a été écrit.")
    changes = sum(_count(o.merge) for o in refresh.outcomes if o.merge)
    parts.append(f"{changes} changement(s) à relire." if changes else "Aucune fiche modifiée.")
    if failed:
        parts.append(f"**Non mises à jour** : {', '.join(failed)} (leurs fiches restent telles quelles).")
    return " ".join(parts)


def _count(merge: MergeReport) -> int:
    return len(merge.added) + len(merge.changed) + len(merge.vanished) + len(merge.back)


def _source(outcome: Outcome) -> list[str]:
    lines = [f"## {outcome.spec.label}", "", f"Adresse : <{outcome.url}>", ""]
    if outcome.error:
        return lines + [f"**Non mise à jour** : {outcome.error} Ses fiches n'ont pas été modifiées.", ""]
    dated = f" (fichier du {date_fr(outcome.file_date)})" if outcome.file_date else ""
    state = "fichier inchangé depuis le dernier téléchargement" if outcome.unchanged_file else "nouveau fichier"
    lines += [f"Téléchargement réussi : {state}{dated}.", ""]
    merge = outcome.merge
    sections = (("Ajoutées", merge.added), ("Modifiées, champ par champ", merge.changed),
                ("Disparues de la source (gardées, marquées « disparu_de_la_source »)", merge.vanished),
                ("De retour dans la source", merge.back),
                ("À régler : conflits avec « garder » (votre valeur est gardée) et fiches d'exemple", merge.conflicts),
                ("Non reprises", merge.skipped))
    for title, items in sections:
        if items:
            lines += [f"### {title} ({len(items)})", "", *(f"- {_code(item)}" for item in items), ""]
    if not merge.writes:
        lines += ["Aucun changement pour cette source.", ""]
    return lines


def _code(item: str) -> str:
    """A report line without its leading sign (+, ~, -, =): Markdown would read « - » as a nested list."""
    return item[2:] if item[:2] in ("+ ", "~ ", "- ", "= ") else item


def _block(text: str) -> list[str]:
    return [f"    {line}" if line.startswith("  ") else line for line in text.splitlines()]
