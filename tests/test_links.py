"""Every internal link and asset of the built example site resolves to a file of the site."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

REFERENCE = re.compile(r'(?:href|src)="([^"]+)"')


def _target(page: Path, link: str, site: Path) -> Path | None:
    """The file `link` (relative, as written in `page`) points to, or None for external and special links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "tel:", "data:")):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    # Root-relative links (the 404 page's) are relative to the site_url, whose path is « / » here.
    target = (site / path.lstrip("/")).resolve() if path.startswith("/") else (page.parent / path).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def test_no_broken_internal_link(built_site: Path) -> None:
    site = built_site.resolve()
    broken = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for link in set(REFERENCE.findall(text)):
            target = _target(page, link, site)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(site)} → {link}")
    assert len(pages) > 300
    assert broken == [], "\n".join(broken[:30])
