"""Write the site into a temporary directory and swap it in only when the whole build succeeded.

A coordinator who breaks a data file, or a crash half-way, must never leave a half-written site.
The swap is one atomic exchange where the system offers it (Linux `renameat2`); elsewhere it is two
renames, and `recover` (run before each build) rolls back one interrupted between them.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import time
from pathlib import Path

_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


class PublicationError(Exception):
    """The system refused to write or swap the site's folder; the message is French and says what to do."""


def refused(target: Path, error: OSError) -> str:
    """Why the site could not be written, in French, naming the file the system refused."""
    where = error.filename or target
    cause = "permission refusée" if isinstance(error, PermissionError) else f"refus du système ({error.strerror})"
    return (f"Impossible d'écrire le site dans {target} : {cause} sur {where}. Le site précédent est conservé "
            "tel quel. Vérifiez que ce dossier et son dossier parent ne sont pas protégés en écriture (droits, "
            "fichier ouvert ou verrouillé par un autre programme), puis relancez la construction.")


class AtomicSiteDir:
    """The build writes to `staging`; `commit` replaces `target` with it, `abort` throws it away."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.staging = target.with_name(f".{target.name}.en-cours")
        self._old = target.with_name(f".{target.name}.ancien")
        self.notes: list[str] = []
        """What recovery did, in French, for the log."""

    def recover(self) -> None:
        """Finish or roll back a commit that was interrupted, and clear what an earlier run left behind;
        PublicationError when the system refuses."""
        if self._old.exists() and not self.target.exists():  # stopped between the two renames
            try:
                self._old.rename(self.target)
            except OSError as error:
                raise PublicationError(refused(self.target, error)) from None
            self.notes.append(f"publication interrompue : le site précédent a été remis en place dans {self.target}.")
        _discard(self._old, self.notes)
        _discard(self.staging, self.notes)

    def prepare(self) -> Path:
        """The empty folder the build writes into; PublicationError when the system refuses to create it."""
        try:
            self.recover()
            self.staging.mkdir(parents=True)
        except OSError as error:
            raise PublicationError(refused(self.target, error)) from None
        return self.staging

    def commit(self) -> None:
        """Put the staged site in place of the target in one step, then remove the old one; a swap the system
        refuses (a write-protected site/, a folder in use) raises PublicationError with the previous site kept."""
        try:
            self._swap()
        except OSError as error:
            self.abort()
            raise PublicationError(refused(self.target, error)) from None

    def _swap(self) -> None:
        if self.target.exists() and _exchange(self.staging, self.target):
            _discard(self.staging, self.notes)
            return
        moved = self.target.exists()
        if moved:
            self.target.rename(self._old)
        try:
            self.staging.rename(self.target)
        except OSError:
            if moved:  # put the previous site back before saying why
                self._old.rename(self.target)
            raise
        _discard(self._old, self.notes)

    def abort(self) -> None:
        _discard(self.staging, self.notes)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two directories atomically (Linux); False when the system cannot, so the caller renames."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return done == 0


def _discard(path: Path, notes: list[str]) -> None:
    """Remove a directory; one that cannot be fully removed is moved aside so it never blocks a build."""
    if not path.exists():
        return
    shutil.rmtree(path, ignore_errors=True)
    if path.exists():
        aside = path.with_name(f"{path.name}-{time.time_ns()}")
        try:
            path.rename(aside)
        except OSError:  # not even movable: it stays, and the next build tries again
            aside = path
        notes.append(f"le dossier {aside} n'a pas pu être supprimé entièrement : supprimez-le à la main.")
