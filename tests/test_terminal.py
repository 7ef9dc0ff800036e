"""The coordinator's terminal speaks French: Click's usage lines and errors, MkDocs' progress (issue 24 item 6)."""

from __future__ import annotations

import logging
import re

import click
import pytest
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.terminal import console_line

# Words of Click's and MkDocs' English that a coordinator must not meet.
ENGLISH = re.compile(r"Usage:|Show this message|Commands:|COMMAND\b|\[ARGS\]|\bTEXT\b|Aborted|Error:|Missing argument"
                     r"|No such|Try '|does not exist|Cleaning site|Building documentation|Documentation built"
                     r"|\bINFO\b|\bWARNING\b")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("words", _commands(main), ids=lambda words: " ".join(words) or "cls-site")
def test_every_help_is_french(words: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*words, "--help"], prog_name="cls-site")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Utilisation : cls-site")
    assert "Affiche cette aide." in result.output
    assert not ENGLISH.search(result.output), ENGLISH.search(result.output)


@pytest.mark.parametrize(("args", "expected"), [
    (["importer", "finess"], "Erreur : Argument manquant 'FICHIER'."),
    (["build", "--foo"], "Erreur : Option inconnue : '--foo'."),
    (["importer", "finess", "/nulle/part.csv"], "introuvable."),
    (["buld"], "Erreur : Commande inconnue : 'buld'."),
])
def test_usage_errors_are_french(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, args, prog_name="cls-site")
    assert result.exit_code == 2
    assert expected in result.output, result.output
    assert not ENGLISH.search(result.output), result.output


def test_an_aborted_prompt_says_so_in_french(tmp_path) -> None:
    result = CliRunner().invoke(main, ["nouveau", str(tmp_path / "cls")], input="", prog_name="cls-site")
    assert result.exit_code == 1 and "Interrompu." in result.output, result.output  # input closed at the question
    assert "Aborted" not in result.output and not (tmp_path / "cls").exists()


@pytest.mark.parametrize(("name", "level", "message", "expected"), [
    ("mkdocs.commands.build", logging.INFO, "Cleaning site directory", None),
    ("mkdocs.commands.build", logging.INFO, "Building documentation to directory: /tmp/x", "Construction du site…"),
    ("mkdocs.commands.build", logging.INFO, "Documentation built in 24.03 seconds", "Site construit en 24,0 s."),
    ("mkdocs.livereload", logging.INFO, "Serving on http://127.0.0.1:8000/", "Aperçu du site : http://127.0.0.1:8000/ "
     "(Ctrl+C pour arrêter)"),
    ("mkdocs.commands.build", logging.WARNING, "Doc file 'a.md' has a link", "Attention : Doc file 'a.md' has a link"),
    ("mkdocs.plugins.cls", logging.INFO, "Site publié dans site", "Site publié dans site"),
    ("mkdocs.plugins.cls", logging.ERROR, "Cleaning site directory", "Erreur : Cleaning site directory"),
])
def test_console_lines(name: str, level: int, message: str, expected: str | None) -> None:
    record = logging.LogRecord(name, level, __file__, 1, message, None, None)
    assert console_line(record) == expected


@pytest.mark.parametrize(("number", "expected"), [(0, "0 action"), (1, "1 action"), (2, "2 actions"),
                                                  (28, "28 actions")])
def test_counts_agree_in_french(number: int, expected: str) -> None:
    from site_builder.french import count

    assert count(number, "action") == expected


def test_validate_counts_agree(tmp_path) -> None:
    project = tmp_path / "cls"  # one commune, the scaffold's one action, no structure: « 1 actions » before
    assert CliRunner().invoke(main, ["nouveau", str(project), "--communes", "38185", "--nom", "Test"]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", "-f", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert "Données valides : 1 action, " in result.output and " 1 commune, 0 structure, " in result.output
