"""`cls-site nouveau` never writes into a folder in use or a system folder, and never leaves half a project."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from helpers import BUILD_DATE, fill_placeholders

from site_builder import scaffold
from site_builder.cli import main


def _nouveau(folder: Path | str, *args: str) -> Result:
    return CliRunner().invoke(main, ["nouveau", str(folder), "--communes", "19011", "--nom", "Essai", *args],
                              input="")


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _refused(result: Result, *expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.output.startswith("Impossible de créer le projet : "), result.output
    for text in expected:
        assert text in result.output, result.output


@pytest.mark.parametrize("name", ["content", "data", "mkdocs.yml", "notes.txt"])
def test_a_folder_in_use_is_refused_unless_forcer(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "projet"
    folder.mkdir()
    if "." in name:
        (folder / name).write_text("à garder", encoding="utf-8")
    else:
        (folder / name).mkdir()
        (folder / name / "page.md").write_text("à garder", encoding="utf-8")
    before = _listing(tmp_path)
    expected = "contient déjà un projet" if name != "notes.txt" else "n'est pas vide"
    _refused(_nouveau(folder), f"le dossier {folder} {expected}", "--forcer")
    assert _listing(tmp_path) == before

    result = _nouveau(folder, "--forcer")
    assert result.exit_code == 0, result.output
    assert (folder / "data" / "cls.yml").is_file() and (folder / "mkdocs.yml").is_file()
    if name == "notes.txt":
        assert (folder / name).read_text(encoding="utf-8") == "à garder"  # only the project's own parts replaced
    elif name == "mkdocs.yml":
        assert (folder / name).read_text(encoding="utf-8") != "à garder"
    else:
        assert not (folder / name / "page.md").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["projet"]  # no staging folder left beside it


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    folder = tmp_path / "vide"
    folder.mkdir()
    result = _nouveau(folder)
    assert result.exit_code == 0, result.output
    assert "Projet créé dans" in result.output and "1 commune, 1 EPCI" in result.output
    assert sorted(p.name for p in folder.iterdir()) == [".github", ".gitignore", ".gitlab-ci.yml", "content", "data",
                                                        "mkdocs.yml", "overrides", "requirements-site.txt"]


@pytest.mark.parametrize("target", ["/", "/proc", "/proc/cls", "/etc/cls", "/usr/local/cls", "/sys/x/..", "/dev"])
def test_system_folders_are_refused(target: str) -> None:
    _refused(_nouveau(target), "est un dossier du système")


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    _refused(_nouveau(tmp_path / "fichier", "--forcer"), "est un fichier, pas un dossier")


@pytest.mark.parametrize("name", ["Pays\x1bde test", "Pays\u202ede test", "Pays\x85", " "])
def test_a_name_with_a_control_character_is_refused(tmp_path: Path, name: str) -> None:
    result = CliRunner().invoke(main, ["nouveau", str(tmp_path / "p" / "q"), "--communes", "19011", "--nom", name])
    _refused(result, "le nom du territoire")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device", "data/communes.yml"),
                                     RuntimeError("panne")])
def test_a_failing_step_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              failure: Exception) -> None:
    def fail(*args: object) -> str:
        raise failure

    monkeypatch.setattr(scaffold, "communes_yaml", fail)
    empty = tmp_path / "vide"
    empty.mkdir()
    for folder in (tmp_path / "nouveau" / "sous-dossier", empty):
        result = _nouveau(folder)
        assert result.exit_code == 1
        if isinstance(failure, OSError):
            _refused(result, "écriture impossible dans data/communes.yml (disque plein) ; rien n'a été créé.")
        else:
            assert result.exception is failure
    assert _listing(tmp_path) == ["vide"]


def test_a_commune_without_epci_builds_strict(tmp_path: Path) -> None:
    folder = tmp_path / "sein"
    result = CliRunner().invoke(main, ["nouveau", str(folder), "--communes", "29083"], input="")
    assert result.exit_code == 0, result.output
    assert "1 commune, 0 EPCI" in result.output
    organisations = yaml.safe_load((folder / "data" / "organisations.yml").read_text(encoding="utf-8"))
    assert {"id": "commune-ile-de-sein", "nom": "Commune d'Île-de-Sein", "type": "organisation"} in organisations[
        "organisations"]
    contract = yaml.safe_load((folder / "data" / "cls.yml").read_text(encoding="utf-8"))
    assert contract["porteur"] == "commune-ile-de-sein" and contract["epci"] == ["commune-ile-de-sein"]
    fill_placeholders(folder)
    built = CliRunner().invoke(main, ["build", "-f", str(folder / "mkdocs.yml"), "--strict", "--date", BUILD_DATE])
    assert built.exit_code == 0, built.output
    assert "Île-de-Sein" in (folder / "site" / "index.html").read_text(encoding="utf-8")
