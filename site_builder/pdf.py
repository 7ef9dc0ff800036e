"""Print a page of the built site to PDF with headless Chromium, when the machine has it.

Used for the senior guide, which élus hand out on paper. Chromium's own print engine gives the same result
as « Imprimer » in a browser, so the print CSS is the single layout of the booklet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer")
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


def find_chromium() -> str | None:
    """$CLS_CHROMIUM if set, else the first Chromium or Chrome on the PATH."""
    configured = os.environ.get("CLS_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return next((found for name in NAMES if (found := shutil.which(name))), None)


def print_to_pdf(chromium: str, page: Path, target: Path, day: dt.date) -> None:
    """Write `page` (an HTML file of the site) as `target`; the PDF is dated `day` so builds stay reproducible."""
    subprocess.run([chromium, *FLAGS, f"--print-to-pdf={target}", page.resolve().as_uri()],
                   check=True, capture_output=True, timeout=180)
    stamp = day.strftime("%Y%m%d000000").encode()
    # Same length as Chromium's timestamp: the byte offsets of the PDF's cross-reference table stay valid.
    target.write_bytes(PDF_DATE.sub(lambda match: b"/" + match.group(1) + b" (D:" + stamp, target.read_bytes()))


def print_cached(chromium: str, site: Path, page: Path, target: Path, day: dt.date, cache: Path) -> bool:
    """Print `page` of `site` as `print_to_pdf` does, unless the same page with the same styles was printed
    before: then copy that PDF (printing starts a browser, and the guide changes only with the data).
    Return True when Chromium printed."""
    key = hashlib.sha256(f"{day.isoformat()} {' '.join(FLAGS)}".encode())
    for path in (page, *sorted(site.rglob("*.css"))):
        key.update(path.read_bytes())
    cached = cache / f"{key.hexdigest()}.pdf"
    if cached.exists():
        shutil.copyfile(cached, target)
        return False
    print_to_pdf(chromium, page, target, day)
    shutil.rmtree(cache, ignore_errors=True)  # one guide at a time: the cache never grows
    cache.mkdir(parents=True)
    shutil.copyfile(target, cached)
    return True
