"""The YAML loader keeps French data as written, and locates every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.errors import ErrorReport
from site_builder.load import Mapping, Scalar, Sequence, load_file


def load(tmp_path: Path, text: str) -> tuple[object, ErrorReport]:
    path = tmp_path / "f.yml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    report = ErrorReport()
    return load_file(path, "data/f.yml", report), report


@pytest.mark.parametrize("written", ["01000", "010000024", "0612345670", "12:30", "NO", "oui", "1e3", "0x1F",
                                     "2024-13-45"])
def test_scalars_stay_exactly_as_written(tmp_path: Path, written: str) -> None:
    # YAML 1.1 would turn these into 512, 2097172, 103402424, 750, False…
    node, report = load(tmp_path, f"valeur: {written}\n")
    assert not report
    assert node["valeur"] == written
    assert isinstance(node["valeur"], Scalar)


def test_every_value_knows_its_line(tmp_path: Path) -> None:
    node, _ = load(tmp_path, "a: 1\nliste:\n  - x\n  - y\nsous:\n  b: z\n")
    assert isinstance(node, Mapping) and isinstance(node["liste"], Sequence)
    assert node.key_lines == {"a": 1, "liste": 2, "sous": 5}
    assert [item.line for item in node["liste"]] == [3, 4]
    assert node["sous"]["b"].line == 6


def test_empty_value_is_none(tmp_path: Path) -> None:
    node, _ = load(tmp_path, "a:\nb: ~\nc: ''\nd: null\ne: NULL\nf: \"null\"\ng: '~'\nh: nulle\ni: !!str\n")
    assert [node[key] for key in "abde"] == [None, None, None, None]
    assert [node[key] for key in "cfghi"] == ["", "null", "~", "nulle", ""]  # quoted or tagged: written text


def test_repeated_key_is_an_error_with_both_lines(tmp_path: Path) -> None:
    node, report = load(tmp_path, "nom: A\nautre: x\nnom: B\n")
    assert node["nom"] == "A"
    assert [str(e) for e in report.errors] == [
        "data/f.yml:3 nom: clé répétée (déjà présente ligne 1) : seule une valeur serait gardée.\n"
        "    → supprimez ou renommez l'une des deux."]


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a: 1\n\tb: 2\n", 2, "tabulation interdite"),
    ("a: 1\nb: texte: avec deux-points\n", 2, "deux-points inattendu"),
    ("a: \"pas fermé\nb: 2\n", 1, "guillemet ouvert jamais refermé (ouvert ligne 1, remarqué ligne 3)"),
    ("liste:\n  - a\n - b\n", 3, "syntaxe YAML"),
])
def test_syntax_errors_are_located_and_in_french(tmp_path: Path, text: str, line: int, words: str) -> None:
    node, report = load(tmp_path, text)
    assert node is None
    [error] = report.errors
    assert error.location.line == line
    assert words in error.message
    assert "indentation" in error.hint


def test_file_not_in_utf8(tmp_path: Path) -> None:
    node, report = load(tmp_path, "nom: Pithiviers-le-Vieil é\n".encode("latin-1"))
    assert node is None
    assert "UTF-8" in report.errors[0].message
