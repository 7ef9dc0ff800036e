"""The README documents what the code accepts: every field of an action, every block, every command."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from helpers import ROOT

from site_builder.cli import main
from site_builder.kinds.professionals import PROFESSIONAL
from site_builder.kinds.programme import ACTION, INDICATOR, LEVERS
from site_builder.kinds.seniors import SENIORS
from site_builder.kinds.structures import PRO, STRUCTURE
from site_builder.render.directives import BLOCKS
from site_builder.spreadsheet.columns import REVIEW_TEMPLATE, review_sheet
from site_builder.spreadsheet.read import SHEETS
from site_builder.validate import KINDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ACTION.names() + INDICATOR.names() + LEVERS.names())
def test_every_action_field_is_documented(name: str) -> None:
    assert f"`{name}`" in README


@pytest.mark.parametrize("name", STRUCTURE.names() + PRO.names() + SENIORS.names() + PROFESSIONAL.names())
def test_every_structure_field_is_documented(name: str) -> None:
    assert f"`{name}`" in README


@pytest.mark.parametrize("name", list(BLOCKS))
def test_every_block_is_documented(name: str) -> None:
    assert f"<!-- cls:{name} -->" in README


WORKBOOK = [*SHEETS.values(), review_sheet(REVIEW_TEMPLATE.removeprefix("bilan "))]


@pytest.mark.parametrize("sheet", WORKBOOK, ids=[sheet.name for sheet in WORKBOOK])
def test_every_column_of_the_workbook_is_documented_in_its_order(sheet) -> None:
    """The README lists each sheet's exact headers, in the order of the columns (lines wrap anywhere)."""
    listed = " ".join(re.search(rf"(?ms)^- `{sheet.name}`[^:]*: (.*?)\.(?=\s+[A-Z`-]|\s*$)", README).group(1).split())
    headers = [part.replace(" ¹", "") for part in listed.split(" · ")]
    assert headers == [column.header for column in sheet.columns]


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_every_data_file_is_documented(kind) -> None:
    assert f"data/{kind.pattern}" in README or f"data/{kind.pattern.replace('*', 'axe-N')}" in README


def test_readme_error_example_is_what_validate_prints(tmp_path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    axe = data / "programme" / "axe-1.yml"
    text = axe.read_text(encoding="utf-8")
    text = text.replace("        titre: Créer des ateliers", "        titr: Créer des ateliers", 1)
    axe.write_text(text.replace("partenaires: [caf, relais", "partenaires: [caff, relais"), encoding="utf-8")
    cls = data / "cls.yml"
    cls.write_text(cls.read_text(encoding="utf-8").replace("debut: 2023", "debut: deux mille"), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    example = re.search(r"\$ \.venv/bin/cls-site validate\n(.*?)```", README, re.S).group(1)
    assert result.output.strip() == example.strip()
