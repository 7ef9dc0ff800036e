"""`cls-site serve` rebuilds, after a save, the pages whose content changed and not the others."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BUILD_DATE, MINIMAL, ROOT, replace_in
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.cli import main

FICHE = Path("repertoire", "msp-test", "index.html")
OTHER_FICHE = Path("repertoire", "ehpad-test", "index.html")
WITH_DATA_BLOCK = Path("le-cls", "index.html")  # content/le-cls.md pulls in `<!-- cls:… -->` blocks
WITHOUT_DATA_BLOCK = Path("sans-donnees", "index.html")  # written by the fixture: prose only


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(MINIMAL, tmp_path / "data")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # serve never prints the guide: build without it too
    config = config.replace("      data_dir: data\n", "      data_dir: data\n      guide_pdf: false\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "content" / "sans-donnees.md").write_text("# Sans données\n\nDu texte seulement.\n", encoding="utf-8")
    yield tmp_path


def _build(project: Path, site: Path, *, command: str, dirty: bool) -> None:
    """Build as `cls-site serve` (command="serve", dirty=True) or `cls-site build` does, without a server."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins["cls"].config.date = dt.date.fromisoformat(BUILD_DATE)
    config.plugins["cls"].config.guide_pdf = False  # serve never prints it; compare like with like
    config.plugins.on_startup(command=command, dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # the plugin instance outlives this config


def _mtimes(site: Path) -> dict[Path, int]:
    return {path: (site / path).stat().st_mtime_ns for path in (FICHE, OTHER_FICHE, WITH_DATA_BLOCK,
                                                                 WITHOUT_DATA_BLOCK)}


def test_a_save_rebuilds_the_changed_fiche_and_not_the_others(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "apercu"
    _build(project, site, command="serve", dirty=True)
    assert "tel:+33261910001" in (site / FICHE).read_text(encoding="utf-8")
    before = _mtimes(site)

    replace_in(project / "data" / "structures.yml", '"02 61 91 00 01"', '"02 61 91 00 99"')
    _build(project, site, command="serve", dirty=True)
    after = _mtimes(site)

    assert "tel:+33261910099" in (site / FICHE).read_text(encoding="utf-8")
    assert after[FICHE] > before[FICHE]
    assert after[WITH_DATA_BLOCK] > before[WITH_DATA_BLOCK]  # its blocks may show the changed data
    assert after[OTHER_FICHE] == before[OTHER_FICHE]
    assert after[WITHOUT_DATA_BLOCK] == before[WITHOUT_DATA_BLOCK]


def test_the_preview_does_not_repeat_mkdocs_english_warning(project: Path, tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs warns at each rebuild that a dirty build's navigation may be wrong; the French notice says it once."""
    caplog.set_level(logging.INFO)
    _build(project, tmp_path / "apercu", command="serve", dirty=True)
    messages = [record.getMessage() for record in caplog.records]
    assert "Aperçu : à chaque enregistrement, seules les pages modifiées sont reconstruites" in "\n".join(messages)
    assert not [m for m in messages if "dirty" in m], messages


def test_pages_read_from_the_cache_make_the_same_site_as_a_build(project: Path, tmp_path: Path) -> None:
    _build(project, tmp_path / "apercu", command="serve", dirty=True)
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "site"),
                                       "--date", BUILD_DATE])  # the command publishes the staged site
    assert result.exit_code == 0, result.output
    preview = {p.relative_to(tmp_path / "apercu"): p.read_bytes() for p in (tmp_path / "apercu").rglob("*")
               if p.is_file()}
    built = {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*")
             if p.is_file()}
    assert preview.keys() == built.keys()
    assert [str(path) for path in built if built[path] != preview[path]] == []
    assert (project / ".cache" / "pages" / "repertoire" / "msp-test.md").is_file()
