"""Where `cls-site nouveau` may write, and how: built beside the target, moved into place only when complete.

Run on `/` as root, `nouveau` once wrote /content, /data and /mkdocs.yml; run on an existing project it wrote
into it; a failing step left half a project. So the target is checked first (never a system folder, never a
folder already in use unless `--forcer`), the project is written into a hidden folder next to it (same
file system, so the final move is a rename), and that folder is removed whatever happens.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Folders of the operating system: a project never goes there (nor in a folder under them).
SYSTEM = tuple(Path(p) for p in ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc",
                                 "/run", "/sbin", "/sys", "/usr", "/var"))
PROJECT_PARTS = ("content", "data", "mkdocs.yml")


class FolderError(Exception):
    """A target folder `nouveau` must not write into; the message is French."""


def check_target(folder: Path, force: bool) -> None:
    """Refuse `/`, a system folder, a file, and (unless `force`) a folder that is not empty."""
    resolved = folder.resolve()
    if resolved == Path(resolved.anchor) or any(resolved == s or s in resolved.parents for s in SYSTEM):
        raise FolderError(f"« {folder} » est un dossier du système : choisissez un dossier à vous, par exemple "
                          "~/cls-mon-territoire.")
    if resolved.exists() and not resolved.is_dir():
        raise FolderError(f"« {folder} » est un fichier, pas un dossier : choisissez un autre nom.")
    if force or not resolved.is_dir():
        return
    present = [name for name in PROJECT_PARTS if (resolved / name).exists()]
    if present:
        raise FolderError(f"le dossier {folder} contient déjà un projet ({', '.join(present)}) : choisissez un "
                          "dossier vide ou nouveau, ou ajoutez --forcer pour remplacer ce projet.")
    if any(resolved.iterdir()):
        raise FolderError(f"le dossier {folder} n'est pas vide : choisissez un dossier vide ou nouveau, ou ajoutez "
                          "--forcer pour y créer le projet (content/, data/, overrides/ et mkdocs.yml y seraient "
                          "remplacés).")


@contextlib.contextmanager
def staged(folder: Path) -> Iterator[Path]:
    """A hidden folder beside `folder` to write the project into; moved into `folder` if the block succeeds,
    removed in every case (with the parent folders this call created, when the block fails)."""
    created = [parent for parent in reversed(folder.absolute().parents) if not parent.exists()]
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.nouveau-", dir=folder.parent))
    done = False
    try:
        yield staging
        move_into_place(staging, folder)
        done = True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for parent in reversed(created if not done else []):
            with contextlib.suppress(OSError):
                parent.rmdir()  # only when empty: nothing but what this call made


def move_into_place(staging: Path, folder: Path) -> None:
    """Rename `staging` to `folder`; into an existing folder, each item replaces the one of the same name."""
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    if not folder.exists():
        os.rename(staging, folder)
        return
    for item in sorted(staging.iterdir()):
        target = folder / item.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        os.rename(item, target)
