"""`serve` with a mistake in the data: every page of the preview shows the report instead of hanging.

MkDocs' live server waits for a successful build before answering (a failed rebuild leaves every browser
request pending). So a failed rebuild writes this page over each page of the preview and counts as done:
the browser reloads and shows what to fix; the next save that fixes it rebuilds the site normally.
"""

from __future__ import annotations

import html
from pathlib import Path

PAGE = """<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Erreurs dans les données — aperçu du site</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
pre{{white-space:pre-wrap;background:#fff4f4;border-left:.3rem solid #b00020;padding:1rem;font-size:1rem}}</style>
</head>
<body>
<main>
<h1>Erreurs dans les données</h1>
<p>L'aperçu n'a pas pu être reconstruit. Corrigez ces erreurs puis enregistrez le fichier :
cette page se rechargera d'elle-même avec le site.</p>
<pre>{report}</pre>
</main>
</body>
</html>
"""


def show_errors(site_dir: Path, report: str) -> int:
    """Write the report over every page of the preview (and its home and 404 page); return how many."""
    page = PAGE.format(report=html.escape(report))
    targets = {*site_dir.rglob("*.html"), site_dir / "index.html", site_dir / "404.html"}
    site_dir.mkdir(parents=True, exist_ok=True)
    for path in targets:
        path.write_text(page, encoding="utf-8")
    return len(targets)
