"""Print a page of the built site to PDF with headless Chromium, when the machine has it.

Used for the senior guide, which élus hand out on paper. Chromium's own print engine gives the same result
as « Imprimer » in a browser, so the print CSS is the single layout of the booklet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
         "--generate-pdf-document-outline")  # bookmarks from the headings: navigation, and the contents' pages
PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")
# A line of the printed contents waiting for its page number: <span class="cls-toc-page" data-heading="EHPAD">
TOC_PAGE = re.compile(r'(<span class="cls-toc-page" data-heading="([^"]*)">)[^<]*(</span>)')


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
    """Print the guide as `print_guide` does, unless the same page with the same styles was printed before:
    then reuse that PDF and that numbered page (printing starts a browser twice, and the guide changes only
    with the data). Return True when Chromium printed."""
    key = hashlib.sha256(f"{day.isoformat()} {' '.join(FLAGS)}".encode())
    for path in (page, *sorted(site.rglob("*.css"))):
        key.update(path.read_bytes())
    cached_pdf, cached_page = cache / f"{key.hexdigest()}.pdf", cache / f"{key.hexdigest()}.html"
    try:
        shutil.copyfile(cached_pdf, target)
        shutil.copyfile(cached_page, page)
        return False
    except FileNotFoundError:  # not printed yet, or replaced meanwhile by another build's guide
        pass
    print_guide(chromium, page, target, day)
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob("[!.]*"):  # one guide at a time: the cache never grows (copies in progress are dotted)
        old.unlink(missing_ok=True)
    # Two builds may share the cache (a preview and a build): each entry appears whole or not at all.
    _copy_atomically(page, cached_page)
    _copy_atomically(target, cached_pdf)
    return True


def _copy_atomically(source: Path, target: Path) -> None:
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


def print_guide(chromium: str, page: Path, target: Path, day: dt.date) -> None:
    """Print the guide, read on which page each heading fell, write those pages into its contents, print again.

    Chromium has no CSS target-counter(); its PDF outline gives each heading's page instead."""
    print_to_pdf(chromium, page, target, day)
    if number_contents(page, heading_pages(target)):
        print_to_pdf(chromium, page, target, day)


def heading_pages(pdf: Path) -> dict[str, int]:
    """The 1-based page of each heading of the PDF's outline (the first one of a repeated title)."""
    try:
        reader = PdfReader(pdf)
        found: dict[str, int] = {}
        pending = list(reader.outline)
        while pending:
            item = pending.pop(0)
            if isinstance(item, list):
                pending[:0] = item
            else:
                found.setdefault(" ".join(item.title.split()), reader.get_destination_page_number(item) + 1)
        return found
    except (PdfReadError, OSError, KeyError, ValueError):
        return {}


def number_contents(page: Path, pages: dict[str, int]) -> bool:
    """Fill the page numbers of the contents in the HTML page; True when anything changed."""
    text = page.read_text(encoding="utf-8")

    def fill(match: re.Match[str]) -> str:
        number = pages.get(" ".join(html.unescape(match.group(2)).split()))
        return match.group(1) + (f"p.\u00a0{number}" if number else "") + match.group(3)

    numbered = TOC_PAGE.sub(fill, text)
    if numbered == text:
        return False
    page.write_text(numbered, encoding="utf-8")
    return True
