"""Hostile or mistaken inputs that used to end in a Python traceback: each gives a located French error from
`cls-site validate` and from `cls-site build`, and validation catches all that the build would fail on."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BUILD_DATE, MINIMAL, ROOT, replace_in

from site_builder.cli import main

BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else '1, 2, 3, 4, 5, 6, 7, 8, 9'}]\n"
               for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True))  # 9⁹ items once expanded


def _write(file: str, text: str | bytes) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return apply


def _edit(file: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda project: replace_in(project / "data" / file, old, new)


def _directory(file: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / "data" / file
        if path.exists():
            path.unlink()
        path.mkdir()
    return apply


def _append(file: str, text: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / file
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return apply


ORGS = "data/organisations.yml"
# name → (the mistake, what the report must say: the start of one error, location first)
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    # YAML that expands or recurses without end
    "alias bomb": (_write(ORGS, BOMB), "data/organisations.yml:2 alias YAML (*nom) refusé (lignes 2, 3, 4, 5, 6…)."),
    "recursive alias": (_write(ORGS, "organisations: &a\n  - *a\n"), "data/organisations.yml:2 alias YAML"),
    "one harmless alias": (_write(ORGS, "x: &n petr\norganisations:\n  - id: *n\n"),
                           "data/organisations.yml:3 alias YAML (*nom) refusé (ligne 3)."),
    "merge key": (_write(ORGS, "a: &o {type: petr}\norganisations:\n  - <<: *o\n"), "data/organisations.yml:3 alias"),
    "5,000-deep flow nesting": (_write(ORGS, "organisations: " + "[" * 5000 + "]" * 5000 + "\n"),
                                "data/organisations.yml:1 imbrication trop profonde"),
    "5,000-deep block nesting": (_write(ORGS, "".join("  " * i + "a:\n" for i in range(5000))),
                                 "data/organisations.yml:1000 imbrication trop profonde"),
    "60-deep nesting": (_write(ORGS, "organisations: " + "[" * 60 + "]" * 60 + "\n"),
                        "data/organisations.yml:1 imbrication trop profonde"),
    # text no output can hold
    "lone surrogate in a value": (_edit("evenements.yml", "titre: Atelier de test", 'titre: "Atelier \\ud800"'),
                                  "data/evenements.yml:3 evenements[1].titre: caractère invalide"),
    "lone surrogate in a key": (_edit("cls.yml", "territoire:", '"terr\\udfff": x\nterritoire:'),
                                "data/cls.yml:2 terr\ufffd: caractère invalide"),
    "NUL byte": (_write(ORGS, b"organisations:\n  - id: petr\x00\n"),
                 "data/organisations.yml:2 caractère de contrôle invisible interdit (U+0000) colonne 13"),
    "BEL byte": (_write(ORGS, b"organisations:\n\n  - id: \x07petr\n"),
                 "data/organisations.yml:3 caractère de contrôle invisible interdit (U+0007) colonne 9"),
    # dates no calendar can hold
    "all-day event in 9999": (_edit("evenements.yml", 'fin: "2025-11-21"', 'fin: "9999-12-31"'),
                              "data/evenements.yml:18 evenements[2].fin: année 9999 invraisemblable"),
    "timed event in 9999": (_edit("evenements.yml", 'debut: "2026-12-03 14:00"', 'debut: "9999-12-31 23:30"'),
                            "data/evenements.yml:5 evenements[1].debut: année 9999 invraisemblable"),
    "event in year 1": (_edit("evenements.yml", 'debut: "2025-11-20"', 'debut: "0001-01-01"'),
                        "data/evenements.yml:17 evenements[2].debut: année 1 invraisemblable"),
    "lettre dated 9999": (_edit("lettres/2025-t4.md", "date: 2026-01-10", "date: 9999-01-10"),
                          "data/lettres/2025-t4.md:4 date: année 9999 invraisemblable"),
    # numbers and addresses the standard library refuses
    "unclosed IPv6 address": (_edit("evenements.yml", "https://www.exemple.fr/inscription", "http://[::1"),
                              "data/evenements.yml:13 evenements[1].inscription: adresse web invalide"),
    "unclosed IPv6 address in a site": (_edit("organisations.yml", "    sigle: ARS\n",
                                              "    sigle: ARS\n    site_web: https://[fe80::1/\n"),
                                        "data/organisations.yml:8 organisations[2].site_web: adresse web invalide"),
    "5,000-digit integer": (_edit("structures.yml", "places_permanentes: 80", "places_permanentes: " + "9" * 5000),
                            "data/structures.yml:37 structures[2].seniors.places_permanentes: nombre entier attendu"),
    "5,000-digit lettre number": (_edit("lettres/2025-t4.md", "numero: 1", "numero: " + "1" * 5000),
                                  "data/lettres/2025-t4.md:2 numero: nombre entier attendu"),
    "5,000-digit decimal": (_edit("structures.yml", "latitude: 48.173", "latitude: 48." + "1" * 5000),
                            "data/structures.yml:9 structures[1].latitude: nombre attendu"),
    # files that are not files, or not text
    "structures.yml is a directory": (_directory("structures.yml"),
                                      "data/structures.yml c'est un dossier, pas un fichier de données."),
    "a programme file is a directory": (_directory("programme/axe-2.yml"),
                                        "data/programme/axe-2.yml c'est un dossier"),
    "a lettre is a directory": (_directory("lettres/2026-t1.md"), "data/lettres/2026-t1.md c'est un dossier"),
    "data file not in UTF-8": (_write(ORGS, "organisations:\n  - id: é\n".encode("latin-1")),
                               "data/organisations.yml le fichier n'est pas en UTF-8 (octet 23)."),
    "page of content/ not in UTF-8": (_write("content/autre.md", "# Titre\n\nÉté\n".encode("latin-1")),
                                      "content/autre.md:3 la page n'est pas en UTF-8 (octet 9)."),
    # a hand page's front matter MkDocs cannot read: it would publish its lines as text (issue 22)
    "page front matter never closed": (_write("content/autre.md", "---\ntitle: Autre\n\n# Titre\n\nTexte.\n"),
                                       "content/autre.md:1 en-tête de page (front matter) jamais fermé."),
    "page front matter with a YAML slip": (_write("content/autre.md", "---\ntitle: Autre\nhide: [toc\n---\n\n# T\n"),
                                           "content/autre.md:3 erreur de syntaxe YAML"),
    "page front matter with an impossible date": (_write("content/autre.md",
                                                         "---\ntitle: Autre\ndate: 2025-13-45\n---\n\n# T\n"),
                                                  "content/autre.md:3 valeur de l'en-tête refusée par MkDocs"),
    "page front matter that is a list": (_write("content/autre.md", "---\n- title\n---\n\n# T\n"),
                                         "content/autre.md:2 en-tête de page sans champs « clé: valeur »"),
    # blocks the build cannot expand
    "unknown block in a lettre": (_append("data/lettres/2025-t4.md", "\n<!-- cls:inconnu -->\n"),
                                  "data/lettres/2025-t4.md:16 cls:inconnu: bloc inconnu."),
    "unknown block in a page": (_append("content/index.md", "\n<!-- cls:agendaa -->\n"),
                                "content/index.md:7 cls:agendaa: bloc inconnu."),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project on the minimal data set whose pages only use blocks that data set can fill."""
    shutil.copytree(MINIMAL, tmp_path / "data")
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for page in ("index.md", "le-cls.md"):  # the example's pages link to example data
        (tmp_path / "content" / page).write_text("# Test\n\n<!-- cls:agenda -->\n\n<!-- cls:lettre -->\n",
                                                 encoding="utf-8")
    shutil.rmtree(tmp_path / "content" / "bien-vieillir")
    return tmp_path


def _run(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.output


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_validate_gives_a_located_error(project: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    mistake, expected = CASES[case]
    mistake(project)
    code, output = _run(project, monkeypatch, "validate")
    assert code == 1
    assert "Traceback" not in output
    assert expected in output, output


# What validation used to pass and the build crashed on, and one of each kind of loader refusal.
BUILT = ["alias bomb", "lone surrogate in a value", "all-day event in 9999", "unknown block in a lettre",
         "page of content/ not in UTF-8", "structures.yml is a directory", "page front matter never closed",
         "page front matter with a YAML slip"]


@pytest.mark.parametrize("case", BUILT)
def test_build_gives_the_same_error_and_writes_nothing(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                       case: str) -> None:
    mistake, expected = CASES[case]
    mistake(project)
    code, output = _run(project, monkeypatch, "build", "--date", BUILD_DATE)
    assert code == 1
    assert "Traceback" not in output
    assert expected in output, output
    assert not (project / "site").exists()


def test_a_closed_front_matter_and_a_page_of_dashes_are_fine(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a front matter MkDocs would publish as text is refused: a valid one, or a rule further down, is not."""
    (project / "content" / "autre.md").write_text("---\ntitle: Autre\nhide: [toc]\n...\n\n# T\n\n---\n\nFin.\n",
                                                  encoding="utf-8")
    (project / "content" / "trait.md").write_text("# Titre\n\n---\n\nTexte.\n", encoding="utf-8")
    code, output = _run(project, monkeypatch, "validate")
    assert code == 0, output


def test_the_untouched_project_is_valid(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _run(project, monkeypatch, "validate")
    assert code == 0, output
