"""Write the site into a temporary directory and swap it in only when the whole build succeeded.

A coordinator who breaks a data file, or a crash half-way, must never leave a half-written site.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class AtomicSiteDir:
    """The build writes to `staging`; `commit` replaces `target` with it, `abort` throws it away."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.staging = target.with_name(f".{target.name}.en-cours")
        self._old = target.with_name(f".{target.name}.ancien")

    def prepare(self) -> Path:
        shutil.rmtree(self.staging, ignore_errors=True)
        self.staging.mkdir(parents=True)
        return self.staging

    def commit(self) -> None:
        shutil.rmtree(self._old, ignore_errors=True)
        if self.target.exists():
            self.target.rename(self._old)
        self.staging.rename(self.target)
        shutil.rmtree(self._old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
