"""Helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

from click.testing import CliRunner

from site_builder.cli import main
from site_builder.errors import DataValidationError
from site_builder.validate import load_model

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def plain(text: str) -> str:
    """Text with the no-break spaces the pages write (typography.py: « 1 400 € », « Horaires : ») as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit a data file in place; fail loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors_of(data_dir: Path) -> list[str]:
    """The formatted errors of loading `data_dir` (empty when valid)."""
    try:
        load_model(data_dir, data_dir.parent)
    except DataValidationError as error:
        return [str(e) for e in sorted(set(error.report.errors))]
    return []


BUILD_DATE = "2026-11-23"  # « à venir » and staleness depend on it: fixed so the tests' expectations hold


def assert_reported(data_dir: Path, file: str, old: str, new: str, expected: str) -> None:
    """Make one mistake in a data file; validation must report it (the start or a part of its message)."""
    replace_in(data_dir / file, old, new)
    errors = errors_of(data_dir)
    assert any(e.startswith(expected) or expected in e for e in errors), errors


def run_importer(source: str, data: Path, *args: Path | str, code: int = 0) -> str:
    """`cls-site importer SOURCE ARGS… --data DATA`: its output, the exit code checked and never a traceback."""
    result = CliRunner().invoke(main, ["importer", source, *map(str, args), "--data", str(data)])
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.output


def refused_untouched(source: str, data: Path, path: Path, content: bytes) -> str:
    """Import `content` written at `path`: refused (exit 1) in French, « Rien n'a été écrit. » and
    data/structures.yml byte-identical; the output, for the test to check the reason."""
    path.write_bytes(content)
    before = (data / "structures.yml").read_bytes()
    out = run_importer(source, data, path, code=1)
    assert "Rien n'a été écrit." in out, out
    assert (data / "structures.yml").read_bytes() == before
    return out


def build_example(site_dir: Path) -> str:
    """`cls-site build --strict` of the example into `site_dir`; what it printed (the exit code checked)."""
    result = CliRunner().invoke(main, ["build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site_dir),
                                       "--date", BUILD_DATE])
    assert result.exit_code == 0, result.output
    return result.output


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page: object, exclude: tuple[str, ...] = ()) -> list[dict[str, object]]:
    """Run the vendored axe-core on the page as it is now (but `exclude`d parts); each violation with up to three
    of its nodes."""
    page.add_script_tag(content=(ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
    return page.evaluate("""async ([tags, exclude]) => {
        const context = exclude.length ? {include: [document], exclude: exclude.map(s => [s])} : document;
        const r = await axe.run(context, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""", [AXE_TAGS, list(exclude)])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a test that closes its page mid-download (tiles refused, page left) is not a server error


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """A built site served on a free loopback port, for the duration of the block; yields its base URL."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def local_context(browser: object, site_url: str, **options: object) -> object:
    """A browser context whose requests may only reach the local server (no tiles, no CDN)."""
    context = browser.new_context(locale="fr-FR", **options)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    return context


def minimal_project(root: Path) -> Path:
    """The example's pages and theme over the minimal data set: a small site that builds in seconds."""
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copytree(MINIMAL, root / "data")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("      data_dir: data", "      data_dir: data\n      guide_pdf: false")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    for page in ("index.md", "le-cls.md"):  # the example's pages link to the example's own actions
        (root / "content" / page).write_text("# Test\n\n<!-- cls:axes -->\n", encoding="utf-8")
    text = (root / "content" / "bien-vieillir" / "index.md").read_text(encoding="utf-8")
    (root / "content" / "bien-vieillir" / "index.md").write_text(  # no warning: the first build passes --strict
        text.replace("../repertoire/clic-pithiverais.md", "../repertoire/index.md"), encoding="utf-8")
    return root


def bare_scripts_site(root: Path, *names: str) -> Path:
    """A one-page site holding only the project's real scripts `names` (from content/assets/javascripts), to call
    their functions in the browser without building the example."""
    for name in names:
        shutil.copy2(ROOT / "content" / "assets" / "javascripts" / name, root / name)
    tags = "".join(f'<script src="{name}"></script>' for name in names)
    page = f'<!doctype html><html lang="fr"><meta charset="utf-8"><title>Scripts</title>{tags}'
    (root / "index.html").write_text(page, encoding="utf-8")
    return root


LEGAL = {"editeur_adresse": "1 place de la Mairie, 19230 Arnac-Pompadour",
         "directeur_publication": "le président de la communauté de communes",
         "hebergeur": "Hébergeur de test, 2 rue du Serveur, 19000 Tulle, 05 55 00 00 00",
         "courriel": "coordination@mon-territoire.fr"}


def fill_placeholders(folder: Path) -> Path:
    """What a coordinator does after `nouveau`: the legal facts typed in cls.yml and every « À COMPLÉTER » mark
    removed once its value is checked (then `build --strict` passes)."""
    for path in sorted((folder / "data").rglob("*.yml")):
        text = re.sub(r"[ \t]+# À COMPLÉTER.*$", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
        if path.name == "cls.yml":
            for field, value in LEGAL.items():
                text = re.sub(rf'(?m)^{field}: ""$', f'{field}: "{value}"', text)
        path.write_text(text, encoding="utf-8")
    return folder
