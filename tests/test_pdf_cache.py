"""The senior guide's PDF is printed once per change of the guide, then taken from the project's cache."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import CHROMIUM

from site_builder import pdf

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "assets").mkdir(parents=True)
    (root / "assets" / "style.css").write_text("h1 { color: #222; }", encoding="utf-8")
    (root / "guide.html").write_text("<!doctype html><title>Guide</title><h1>Guide</h1>", encoding="utf-8")
    return root


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_a_pdf_is_printed_once_then_reused_until_the_page_or_its_styles_change(site: Path, tmp_path: Path) -> None:
    cache, target = tmp_path / "cache", site / "guide.pdf"
    assert pdf.print_cached(str(CHROMIUM), site, site / "guide.html", target, DAY, cache)
    first = target.read_bytes()
    target.unlink()
    assert not pdf.print_cached(str(CHROMIUM), site, site / "guide.html", target, DAY, cache)
    assert target.read_bytes() == first
    (site / "assets" / "style.css").write_text("h1 { color: #000; }", encoding="utf-8")
    assert pdf.print_cached(str(CHROMIUM), site, site / "guide.html", target, DAY, cache)
    (site / "guide.html").write_text("<!doctype html><title>Guide</title><h1>Guide 2</h1>", encoding="utf-8")
    assert pdf.print_cached(str(CHROMIUM), site, site / "guide.html", target, DAY, cache)
    assert pdf.print_cached(str(CHROMIUM), site, site / "guide.html", target, DAY + dt.timedelta(days=1), cache)
    assert len(list(cache.iterdir())) == 2  # the latest guide only: its PDF and its numbered page


def test_a_cache_shared_by_two_builds_keeps_the_other_builds_copy_in_progress(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preview and a build may print at once: neither removes the other's half-copied entry, nor fails."""
    monkeypatch.setattr(pdf, "print_guide", lambda chromium, page, target, day: target.write_bytes(b"%PDF-1.4 guide"))
    cache, target = tmp_path / "cache", site / "guide.pdf"
    cache.mkdir()
    (cache / "0123.pdf").write_bytes(b"an older guide")
    (cache / ".4567.pdf.999").write_bytes(b"another build copying")
    assert pdf.print_cached("chromium", site, site / "guide.html", target, DAY, cache)
    names = sorted(path.name for path in cache.iterdir())
    assert ".4567.pdf.999" in names and "0123.pdf" not in names
    assert len([name for name in names if not name.startswith(".")]) == 2
    target.unlink()
    assert not pdf.print_cached("chromium", site, site / "guide.html", target, DAY, cache)
    assert target.read_bytes() == b"%PDF-1.4 guide"
