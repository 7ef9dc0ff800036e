"""Generated pages written to disk for `cls-site serve`, so a save rebuilds only the pages it changed.

MkDocs' dirty mode rebuilds a page only when its source file is newer than its HTML. Pages held in
memory always count as changed; a page backed by a file that is rewritten only when its Markdown
changed is skipped, so one edited fiche is rebuilt alone instead of the whole site.
"""

from __future__ import annotations

from pathlib import Path


def write_if_changed(cache_dir: Path, uri: str, content: str) -> Path:
    """The file holding `content` under cache_dir; rewritten (hence newer) only if its content changed."""
    path = cache_dir / uri
    encoded = content.encode("utf-8")
    if not path.is_file() or path.read_bytes() != encoded:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encoded)
    return path
