"""The printed senior guide, read from its PDF as a reader holds it: numbered pages, a 12 pt body, a cover
that names the contract, tagged for screen readers (pdftotext and pdfinfo from Debian's poppler-utils)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from helpers import ROOT

from site_builder.validate import load_model

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"),
                                reason="poppler-utils absent (scripts/tests.sh l'installe)")


def _pdf(built_site: Path) -> Path:
    return built_site / "bien-vieillir" / "guide-bien-vieillir.pdf"


def test_every_page_is_numbered_and_the_pdf_is_tagged(built_site: Path) -> None:
    pdf = _pdf(built_site)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert re.search(r"Tagged:\s+yes", info)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert [int(n) for n in re.findall(rf"Page (\d+) / {pages}\b", text)] == list(range(1, pages + 1))


def test_the_body_is_at_least_12_points(built_site: Path) -> None:
    """Word boxes of Liberation Sans are 1.117 × the font size high: 12 pt gives 13.4 pt boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(_pdf(built_site)), "-"], capture_output=True, text=True,
                          check=True).stdout
    heights = Counter(round(float(y2) - float(y1), 1)
                      for y1, y2 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html))
    body = heights.most_common(1)[0][0]
    assert body >= 12 * 1.11, heights.most_common(5)


def test_the_cover_names_the_contract_and_its_carrier(built_site: Path) -> None:
    model = load_model(ROOT / "data")
    text = subprocess.run(["pdftotext", "-l", "1", str(_pdf(built_site)), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert model.organisation_by_id[model.contract.porteur].label in flat
    assert f"{model.contract.debut}-{model.contract.fin}" in flat


def _page_text(pdf: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_contents_give_the_page_of_each_section(built_site: Path) -> None:
    """Each line of the printed contents names a page on which that heading is really printed."""
    pdf = _pdf(built_site)
    contents = _page_text(pdf, 2)
    entries = re.findall(r"^\s*(?:\d+|[a-z])\.\s+(.+?)\s+p\.\s(\d+)$",
                         subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"],
                                        capture_output=True, text=True, check=True).stdout, re.M)
    assert "Sommaire" in contents and len(entries) >= 10, entries
    for title, number in entries:
        assert title.strip() in " ".join(_page_text(pdf, int(number)).split()), (title, number)
