"""Publication: site/ changes only when MkDocs has finished with success, in one step, and recovers from a crash."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BUILD_DATE, ROOT, minimal_project

from site_builder import output
from site_builder.cli import main
from site_builder.output import AtomicSiteDir


def build(project: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml"), "--date", BUILD_DATE, *options])
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once, with a marker the next build would remove: copy it for each test."""
    project = minimal_project(tmp_path_factory.mktemp("publication") / "projet")
    code, text = build(project, "--strict")
    assert code == 0, text
    (project / "site" / "marque-du-site-precedent.txt").write_text("avant\n", encoding="utf-8")
    return project


@pytest.fixture
def project(first_build: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "projet"
    shutil.copytree(first_build, copy, symlinks=True)
    return copy


def assert_untouched(project: Path, before: dict[str, bytes]) -> None:
    assert snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == ["content", "data", "mkdocs.yml", "overrides", "site"]


# --- a build that fails after writing its pages publishes nothing ---------------------------------------------

def test_a_warning_under_strict_fails_after_writing_and_keeps_the_previous_site(project: Path) -> None:
    before = snapshot(project / "site")
    (project / "content" / "le-cls.md").write_text("# Test\n\n[lien cassé](nulle-part.md)\n", encoding="utf-8")
    code, text = build(project, "--strict")
    assert code == 1
    assert "nulle-part.md" in text  # MkDocs' warning, raised while writing pages
    assert "Construction interrompue en mode strict (1 avertissement)." in text
    assert "la version précédente est conservée telle quelle" in text
    assert "Aborted" not in text and "Site publié" not in text
    assert_untouched(project, before)


def test_a_failing_post_build_step_keeps_the_previous_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The step runs after MkDocs wrote every page: a build writing straight into site/ fails this test."""
    from mkdocs.exceptions import PluginError

    seen: list[Path] = []

    def fail(indexing: object) -> None:
        site_dir = indexing.site_dir
        seen.append(site_dir)
        assert (site_dir / "programme" / "action-1-1-1" / "index.html").is_file()  # pages were written
        raise PluginError("étape simulée en échec")

    before = snapshot(project / "site")
    monkeypatch.setattr("site_builder.search.Indexing.finish", fail)  # the search step, after every page is written
    code, text = build(project)
    assert code == 1 and seen, text
    assert "étape simulée en échec" in text
    assert "La construction a échoué. Le site n'a pas été reconstruit" in text
    assert "Aborted with a BuildError" not in text
    assert_untouched(project, before)


def test_a_guide_that_cannot_be_printed_stops_the_search_index_built_meanwhile(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind indexes while Chromium prints the guide: when printing fails, Pagefind is stopped, not orphaned."""
    from site_builder import search

    started: list[search.Indexing] = []
    real_init = search.Indexing.__init__

    def start(indexing: search.Indexing, executable: str, site_dir: Path) -> None:
        real_init(indexing, executable, site_dir)
        started.append(indexing)

    def cannot_print(*args: object) -> bool:
        assert started and started[0].process.returncode is None  # the index is being built meanwhile
        raise OSError("Chromium s'est arrêté")

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("guide_pdf: false", "guide_pdf: true"),
                      encoding="utf-8")
    before = snapshot(project / "site")
    monkeypatch.setattr(search.Indexing, "__init__", start)
    monkeypatch.setattr("site_builder.plugin.find_chromium", lambda: "chromium")
    monkeypatch.setattr("site_builder.plugin.print_cached", cannot_print)
    code, text = build(project)
    assert code == 1, text
    assert "Le guide seniors n'a pas pu être imprimé en PDF (Chromium s'est arrêté)" in text
    assert started[0].process.returncode is not None  # stopped and reaped
    assert_untouched(project, before)


def test_a_good_build_replaces_the_whole_site(project: Path) -> None:
    code, text = build(project, "--strict")
    assert code == 0, text
    assert not (project / "site" / "marque-du-site-precedent.txt").exists()
    assert (project / "site" / "programme" / "action-1-1-1" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir()) == ["content", "data", "mkdocs.yml", "overrides", "site"]


def test_plain_mkdocs_build_strict_also_publishes_only_on_success(project: Path) -> None:
    before = snapshot(project / "site")
    (project / "content" / "le-cls.md").write_text("# Test\n\n[lien cassé](nulle-part.md)\n", encoding="utf-8")
    run = subprocess.run([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "-f",
                          str(project / "mkdocs.yml")], capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "Construction interrompue en mode strict" in run.stderr + run.stdout
    assert "Aborted with" not in run.stderr + run.stdout
    assert_untouched(project, before)


def test_the_next_build_puts_back_a_site_an_interrupted_publication_left_aside(project: Path) -> None:
    """Even when that next build stops on a data error: the site is back before the data is read."""
    before = snapshot(project / "site")
    (project / "site").rename(project / ".site.ancien")  # stopped between the two renames
    (project / ".site.en-cours").mkdir()
    (project / "data" / "cls.yml").write_text("nom: [\n", encoding="utf-8")
    code, text = build(project)
    assert code == 1
    assert "le site précédent a été remis en place" in text
    assert_untouched(project, before)


def test_a_leftover_old_site_does_not_crash_the_build(project: Path) -> None:
    (project / ".site.ancien" / "assets").mkdir(parents=True)
    (project / ".site.ancien" / "assets" / "reste.css").write_text("", encoding="utf-8")
    code, text = build(project)
    assert code == 0, text
    assert sorted(p.name for p in project.iterdir()) == ["content", "data", "mkdocs.yml", "overrides", "site"]


# --- a site/ the system will not let us write: French error, previous site kept (issue 22) -----------------------
# The tests run as root, whom file modes do not stop: the system's refusal is simulated where it would happen.

def refuse(monkeypatch: pytest.MonkeyPatch, method: str, refused: Callable[[Path], bool]) -> None:
    """Path.<method> raises the PermissionError a non-owner gets, for the paths `refused` picks."""
    real = getattr(Path, method)

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if refused(self):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, guarded)


def assert_refused_in_french(code: int, text: str, project: Path, before: dict[str, bytes]) -> None:
    assert code == 1
    assert f"Impossible d'écrire le site dans {project / 'site'} : permission refusée sur" in text, text
    assert "Le site précédent est conservé tel quel." in text
    assert "Traceback" not in text and "PermissionError" not in text and "Site publié" not in text
    assert_untouched(project, before)


def test_a_parent_folder_that_refuses_the_staging_folder_is_a_french_error(project: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(project / "site")
    refuse(monkeypatch, "mkdir", lambda path: path.name == ".site.en-cours")
    assert_refused_in_french(*build(project), project, before)


def test_a_site_folder_that_refuses_the_swap_keeps_the_previous_site(project: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The last step, after every page is written: the staged site cannot take site/'s place."""
    before = snapshot(project / "site")
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    refuse(monkeypatch, "rename", lambda path: path.name == ".site.en-cours")
    assert_refused_in_french(*build(project), project, before)


def test_a_refused_second_rename_puts_the_previous_site_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    site_with(tmp_path / "site", "ancien")
    out = AtomicSiteDir(tmp_path / "site")
    site_with(out.prepare(), "nouveau")
    refuse(monkeypatch, "rename", lambda path: path == out.staging)
    with pytest.raises(output.PublicationError, match="permission refusée sur .*site.en-cours"):
        out.commit()
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "ancien"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


# --- the swap itself: one step, resumable, recovered at the next start -------------------------------------------

def site_with(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic exchange", "two renames"])
def test_commit_swaps_the_staged_site_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    site_with(tmp_path / "site", "ancien")
    out = AtomicSiteDir(tmp_path / "site")
    site_with(out.prepare(), "nouveau")
    out.commit()
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_crash_between_the_two_renames_is_rolled_back_at_next_start(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    site_with(tmp_path / "site", "ancien")
    out = AtomicSiteDir(tmp_path / "site")
    site_with(out.prepare(), "nouveau")
    real_rename = Path.rename

    def crash_on_second(self: Path, target: Path) -> Path:
        if self == out.staging:
            raise KeyboardInterrupt  # the process dies here
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        out.commit()
    assert not (tmp_path / "site").exists()  # the state the issue found: no site at all
    monkeypatch.setattr(Path, "rename", real_rename)

    again = AtomicSiteDir(tmp_path / "site")
    again.prepare()
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "ancien"
    assert "remis en place" in again.notes[0]


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic exchange", "two renames"])
def test_a_leftover_that_cannot_be_removed_does_not_block_later_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                        exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    site_with(tmp_path / "site", "ancien")
    site_with(tmp_path / ".site.ancien", "reste d'une publication")  # e.g. an immutable file inside
    monkeypatch.setattr(output.shutil, "rmtree", lambda path, ignore_errors=False: None)  # nothing can be removed
    for run in ("premier", "second"):
        out = AtomicSiteDir(tmp_path / "site")
        site_with(out.prepare(), run)
        out.commit()
        assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == run
        assert any("supprimez-le à la main" in note for note in out.notes)


def test_an_interrupted_build_leaves_no_staging_behind(tmp_path: Path) -> None:
    site_with(tmp_path / "site", "ancien")
    site_with(tmp_path / ".site.en-cours", "à moitié écrit")
    out = AtomicSiteDir(tmp_path / "site")
    assert list(out.prepare().iterdir()) == []
    out.abort()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_stale_fiches_are_information_and_do_not_fail_strict(example_build: tuple[Path, str]) -> None:
    """At the tests' date the example has fiches older than 12 months: --strict still publishes (the session's
    build of the example is a --strict one; helpers.build_example checks its exit code)."""
    site, output = example_build
    assert "\n24 fiches du répertoire n'ont pas été mises à jour depuis 12 mois" in "\n" + output
    assert "Attention" not in output and "WARNING" not in output
    assert (site / "index.html").is_file()


# --- the live preview ---------------------------------------------------------------------------------------------

def fetch(url: str) -> str:
    """The page, or the error; a request that hangs fails the test after 60 s instead of blocking it."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


def wait_for(url: str, text: str) -> str:
    """Poll the live server until the page holds `text` (the rebuild runs when the file change is seen)."""
    for _ in range(240):
        try:
            page = fetch(url)
        except urllib.error.URLError:  # the server is still building its first version
            page = ""
        if text in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared on {url}")


def test_serve_shows_data_errors_in_the_page_then_the_fixed_site(tmp_path: Path) -> None:
    project = minimal_project(tmp_path / "projet")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "cls-site"), "serve", "-f", str(project / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/repertoire/msp-test/"
        wait_for(url, "Maison de santé de test")
        structures = project / "data" / "structures.yml"
        good = structures.read_text(encoding="utf-8")
        structures.write_text(good.replace('"02 61 91 00 01"', '"02 61 91 00"'), encoding="utf-8")
        page = wait_for(url, "Erreurs dans les données")
        assert "data/structures.yml:11 structures[1].telephone: numéro de téléphone invalide" in page
        assert "livereload" in page  # the page reloads itself once the data is fixed
        assert "Erreurs dans les données" in fetch(f"http://127.0.0.1:{port}/agenda/")  # every page says so
        structures.write_text(good, encoding="utf-8")
        page = wait_for(url, "Maison de santé de test")
        assert "Erreurs dans les données" not in page
    finally:
        server.terminate()
        server.wait(timeout=30)
