"""The coordinator's terminal in French: Click's own words and MkDocs' progress lines.

Click marks its texts for gettext (`from gettext import gettext as _` in each module) but ships no catalogue,
and the coordinator's machine may not be in French anyway: `speak_french` gives those modules a French `_`
and `ngettext`. It is called by `cls-site` only, never on import, so MkDocs used on its own is unchanged.
`ConsoleHandler` writes MkDocs' log in French: our plugin's lines as they are, MkDocs' known progress lines
translated, its chatter dropped, and « Attention : » / « Erreur : » in place of WARNING / ERROR.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable

import click

CLICK_TEXTS: dict[str, str] = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Show this message and exit.": "Affiche cette aide.",
    "Show the version and exit.": "Affiche la version.",
    "Aborted!": "Interrompu.",
    "Error: {message}": "Erreur : {message}",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} illisible (droits d'accès).",
    "{name} {filename!r} is not writable.": "{name} {filename!r} non modifiable (droits d'accès).",
    "{name} {filename!r} is not executable.": "{name} {filename!r} non exécutable.",
    "file": "Le fichier",
    "directory": "Le dossier",
    "path": "Le chemin",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide.",
    "{value} is not in the range {range}.": "{value} est hors de l'intervalle {range}.",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux valeurs ne correspondent pas.",
    "Error: invalid input": "Erreur : saisie invalide",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "Could not open file {filename!r}: {message}": "Impossible d'ouvrir {filename!r} : {message}",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
}
CLICK_PLURALS: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": ("Argument en trop : {args}", "Arguments en trop : {args}"),
    "Option {name!r} requires an argument.": ("L'option {name!r} attend une valeur.",
                                              "L'option {name!r} attend {nargs} valeurs."),
    "{value!r} is not {choice}.": ("{value!r} n'est pas {choice}.", "{value!r} n'est pas parmi : {choices}."),
    "{value!r} does not match the format {format}.": ("{value!r} ne suit pas le format {format}.",
                                                      "{value!r} ne suit aucun des formats {formats}."),
    "Did you mean {possibility}?": ("Vouliez-vous dire {possibility} ?",
                                    "(Vouliez-vous dire l'une de celles-ci : {possibilities} ?)"),
}
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def _french(message: str) -> str:
    return CLICK_TEXTS.get(message, message)


def _french_plural(singular: str, plural: str, count: int) -> str:
    forms = CLICK_PLURALS.get(singular)
    if forms is None:
        return singular if count == 1 else plural
    return forms[0] if count == 1 else forms[1]


def speak_french(root: click.Command) -> None:
    """Give Click's modules a French `_` and `ngettext` (the names they call at run time), and French
    placeholders to the commands under `root` (« COMMANDE [ARGUMENTS]… », « TEXTE »)."""
    for name in CLICK_MODULES:
        module = sys.modules.get(f"click.{name}") or __import__(f"click.{name}", fromlist=["_"])
        if hasattr(module, "_"):
            module._ = _french
        if hasattr(module, "ngettext"):
            module.ngettext = _french_plural
    _french_placeholders(root)


def _french_placeholders(command: click.Command) -> None:
    if isinstance(command, click.Group):
        command.subcommand_metavar = "COMMANDE [ARGUMENTS]…"
        for sub in command.commands.values():
            _french_placeholders(sub)
    for param in command.params:
        if isinstance(param, click.Option) and param.metavar is None and param.type is click.STRING:
            param.metavar = "TEXTE"


# MkDocs' own progress lines: a French line, or None to drop it. Anything else of MkDocs' keeps its words.
MKDOCS_LINES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (re.compile(r"Cleaning site directory"), lambda m: None),
    (re.compile(r"Building documentation to directory: (.*)"), lambda m: "Construction du site…"),
    (re.compile(r"Building documentation\.\.\."), lambda m: "Construction du site…"),
    (re.compile(r"Documentation built in ([\d.]+) seconds"),
     lambda m: f"Site construit en {float(m[1]):.1f} s.".replace(".", ",", 1)),
    (re.compile(r"Serving on (\S+)"), lambda m: f"Aperçu du site : {m[1]} (Ctrl+C pour arrêter)"),
    (re.compile(r"Watching paths for changes: .*"), lambda m: None),
    (re.compile(r"Start watching changes|Start detecting changes"), lambda m: None),
    (re.compile(r"Detected file changes"), lambda m: "Modification détectée : reconstruction…"),
    (re.compile(r"Reloading browsers|Browser connected: .*|Reloading page"), lambda m: None),
    (re.compile(r"Shutting down\.\.\."), lambda m: "Arrêt de l'aperçu."),
)
LEVELS = {logging.WARNING: "Attention : ", logging.ERROR: "Erreur : ", logging.CRITICAL: "Erreur : "}


def console_line(record: logging.LogRecord) -> str | None:
    """The line a coordinator reads for one log record, or None when it says nothing to them."""
    message = record.getMessage()
    if not record.name.startswith("mkdocs.plugins.cls"):
        for pattern, say in MKDOCS_LINES:
            if match := pattern.fullmatch(message.strip()):
                message = say(match)
                break
    if message is None:
        return None
    return LEVELS.get(record.levelno, "") + message


class ConsoleHandler(logging.Handler):
    """Log through click (so messages go to the current stderr, also under CliRunner), in French."""

    def emit(self, record: logging.LogRecord) -> None:
        line = console_line(record)
        if line is not None:
            click.echo(line, err=True)


class ProgressBar:
    """A French progress bar on the coordinator's terminal for a long step (« Géocodage : [#####-----] 120 / 240
    adresses »), redrawn in place; nothing at all when stderr is not a terminal (CI logs, tests, a cron mail)."""

    WIDTH = 30

    def __init__(self, label: str, unit: str, stream: object | None = None, scale: int = 1) -> None:
        self.label, self.unit, self.scale = label, unit, scale  # scale: 1_000_000 to count bytes in « Mo »
        self.stream = stream or sys.stderr
        self.shown = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        """Draw the bar at `done` of `total`; the last step ends the line."""
        if not self.shown or total <= 0:
            return
        filled = round(self.WIDTH * min(done, total) / total)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        end = "\n" if done >= total else ""
        done, total = round(min(done, total) / self.scale), round(total / self.scale)
        self.stream.write(f"\r{self.label} : [{bar}] {done} / {total} {self.unit}{end}")
        self.stream.flush()
