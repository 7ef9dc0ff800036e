"""`cls-site validate` fails on every mistake the suite makes: nothing is caught only by `build`.

The cases are gathered from the other test modules, not copied: every `CASES` dict of mistakes that
`helpers.assert_reported` (or `errors_of`) checks — `{name: (file, old, new, expected)}`, or
`{name: (old, new, expected)}` with the module's one data-file constant (`FILE`, `ISSUE`…), or
`{name: (function making the mistake in a project, expected)}` (test_errors_located). A new case
added anywhere in the suite is checked here too; a `CASES` dict this test cannot read fails it.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BUILD_DATE, MINIMAL, ROOT, minimal_project, replace_in

from site_builder.cli import main

HERE = Path(__file__).resolve().parent
DATA_FILES = {p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*") if p.is_file()}


def _mistakes() -> dict[str, tuple]:
    """Every (file, old, new, expected) mistake of the suite, by `module: case`."""
    found: dict[str, tuple] = {}
    for path in sorted(HERE.glob("test_*.py")):
        if path.stem == Path(__file__).stem or "\nCASES = {" not in path.read_text(encoding="utf-8"):
            continue
        module = importlib.import_module(path.stem)
        files = [value for value in vars(module).values() if isinstance(value, str) and value in DATA_FILES]
        for name, case in module.CASES.items():
            if len(case) == 2 and callable(case[0]):  # (a function making the mistake in a project, expected)
                found[f"{path.stem}: {name}"] = case
                continue
            if len(case) == 3 and len(set(files)) == 1:
                case = (files[0], *case)
            assert len(case) == 4 and case[0] in DATA_FILES, f"{path.name}: CASES[{name!r}] is not a data mistake"
            if case[3]:  # a case without expected text is a placeholder its module skips (or builds by hand)
                found[f"{path.stem}: {name}"] = case
    return found


MISTAKES = _mistakes()


def test_the_suite_s_mistakes_are_all_found() -> None:
    """Guard the gathering itself: the modules known today give at least this many cases."""
    modules = {name.split(":")[0] for name in MISTAKES}
    assert {"test_validate", "test_structures", "test_agenda", "test_newsletter", "test_seniors",
            "test_tracking"} <= modules
    assert len(MISTAKES) >= 58


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return minimal_project(tmp_path_factory.mktemp("validate") / "projet")


@pytest.mark.parametrize("case", MISTAKES)
def test_validate_fails_on_every_mistake_of_the_suite(template: Path, tmp_path: Path, case: str) -> None:
    project = tmp_path / "projet"
    shutil.copytree(template, project)
    if len(MISTAKES[case]) == 2:
        make_mistake, expected = MISTAKES[case]
        make_mistake(project)
    else:
        file, old, new, expected = MISTAKES[case]
        replace_in(project / "data" / file, old, new)
    result = CliRunner().invoke(main, ["validate", "-f", str(project / "mkdocs.yml"), "--date", BUILD_DATE])
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Données valides" not in result.output


def test_validate_passes_on_the_example_and_the_minimal_project(template: Path) -> None:
    """The other side: no false alarm where the build succeeds."""
    for config in (ROOT / "mkdocs.yml", template / "mkdocs.yml"):
        result = CliRunner().invoke(main, ["validate", "-f", str(config), "--date", BUILD_DATE])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Données valides")
