"""The continuous-integration files of a project (`cls-site ci`, and `cls-site nouveau` for a new one).

GitHub Actions (site.yml: build and publish on GitHub Pages on every push and every morning; rafraichir.yml:
the monthly refresh proposed as a pull request) and GitLab CI (the same with GitLab Pages, schedules and
a merge request). The templates live in site_builder/ci_templates/; the workflows install the generator
from requirements-site.txt, the one line to change to move the project to another version of cls-site.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "ci_templates"
FILES = {  # path in the project → template
    ".github/workflows/site.yml": "github-site.yml",
    ".github/workflows/rafraichir.yml": "github-rafraichir.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
}
REQUIREMENTS = "requirements-site.txt"
GITIGNORE = ("# Écrit par « cls-site ci » : ce que la construction et le rafraîchissement produisent.\n"
             "site/\npublic/\n.cache/\n")


class CiFilesError(Exception):
    """CI files `cls-site ci` will not overwrite; the message is in French."""


def requirement() -> str:
    """The generator as CI installs it: this very version."""
    try:
        version = metadata.version("site-builder-cls")
    except metadata.PackageNotFoundError:
        version = "0.1.0"
    return f"site-builder-cls=={version}"


def write_ci_files(folder: Path, *, replace: bool = False) -> list[Path]:
    """Write the workflows (refusing to overwrite unless `replace`), and requirements-site.txt and .gitignore if
    absent; return the files written."""
    existing = [name for name in FILES if (folder / name).exists()]
    if existing and not replace:
        raise CiFilesError("fichiers déjà présents : " + ", ".join(existing) + ". Relancez avec --remplacer pour les "
                           "remplacer (vos modifications seraient perdues).")
    written = []
    for name, template in FILES.items():
        written.append(_write(folder / name, (TEMPLATES / template).read_text(encoding="utf-8")))
    if not (folder / REQUIREMENTS).exists():
        written.append(_write(folder / REQUIREMENTS, _requirements_text()))
    if not (folder / ".gitignore").exists():
        written.append(_write(folder / ".gitignore", GITIGNORE))
    return written


def _requirements_text() -> str:
    return ("# Le générateur du site, installé par l'intégration continue (GitHub Actions, GitLab CI).\n"
            "# Pour une autre version, changez cette ligne ; pour l'installer depuis un dépôt git :\n"
            "#   site-builder-cls @ git+https://forge.example/organisation/site-cls@v0.2.0\n"
            f"{requirement()}\n")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
