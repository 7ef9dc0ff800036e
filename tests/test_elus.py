"""What an elected official asks (issue 25 item 6): how far each axe has got, the yearly review by axe with
each axe printable alone, and dashboard bars that name their axe."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import ROOT, plain

from site_builder.render.tracking_pages import counts, progress_phrase
from site_builder.validate import load_model

MODEL = load_model(ROOT / "data", ROOT)
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True}


def _text(page_html: str) -> str:
    return plain(html.unescape(re.sub(r"<[^>]+>", "", page_html)))


def test_progress_phrase_counts_and_agrees() -> None:
    assert progress_phrase({"realisee": 1, "en-cours": 3, "non-demarree": 0, "a-venir": 2}) == \
        "1 réalisée, 3 en cours et 2 à démarrer plus tard, sur 6 actions"
    assert progress_phrase({"realisee": 2, "en-cours": 0, "non-demarree": 1, "a-venir": 0}) == \
        "2 réalisées et 1 non démarrée, sur 3 actions"
    assert progress_phrase({"realisee": 0, "en-cours": 0, "non-demarree": 0, "a-venir": 0}) == "aucune action suivie"


@pytest.mark.parametrize("axis", MODEL.axes, ids=lambda axis: f"axe-{axis.numero}")
def test_each_axe_page_shows_its_progress(built_site: Path, axis) -> None:
    latest = MODEL.latest_review
    page = (built_site / "programme" / f"axe-{axis.numero}" / "index.html").read_text(encoding="utf-8")
    text = _text(page)
    assert f"Avancement au bilan {latest.annee} : {progress_phrase(counts(MODEL, latest, axis.actions))}" in text
    for action in axis.actions:  # every action of the list wears its status, in words
        found = latest.of(action.id)
        if found:
            line = re.search(rf'href="[^"]*action-{re.escape(action.id)}/"[^\n]*', page).group(0)
            assert f"cls-status--{found.statut}" in line


def test_dashboard_bars_name_their_axe(built_site: Path) -> None:
    page = (built_site / "suivi" / "index.html").read_text(encoding="utf-8")
    labels = [html.unescape(label) for label in re.findall(r'<span class="cls-bars__label">(.*?)</span>', page)]
    assert labels[:len(MODEL.axes)] == [axis.label for axis in MODEL.axes]
    assert all(" : " in label for label in labels[:len(MODEL.axes)])  # « Axe 2 : … », not « Axe 2 »


def test_the_yearly_review_is_grouped_by_axe(built_site: Path) -> None:
    latest = MODEL.latest_review
    page = (built_site / "suivi" / f"bilan-{latest.annee}" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="cls-review__axis" id="axe-(\d+)"[^>]*>(.*?)</section>', page, re.S)
    assert [int(n) for n, _ in sections] == [axis.numero for axis in MODEL.axes]
    for axis, (_, body) in zip(MODEL.axes, sections, strict=True):
        assert axis.label in _text(body)
        ids = re.findall(r'<th scope="row"><a href="[^"]*">([\w-]+)</a>', body)
        assert ids == [action.id for action in axis.actions]
        assert progress_phrase(counts(MODEL, latest, axis.actions)) in _text(body)


@pytest.mark.browser
def test_one_axe_prints_alone_from_a_phone(browser, site_url: str) -> None:
    from helpers import local_context

    context = local_context(browser, site_url, **PHONE)
    page = context.new_page()
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(f"{site_url}/suivi/bilan-{MODEL.latest_review.annee}/")
    second = page.locator("#axe-2")
    page.wait_for_selector("#axe-2 [data-cls-print][data-ready]")  # a busy phone: the script has started
    page.wait_for_load_state("load")  # nothing left to shift the link from under the finger
    link = second.get_by_role("link", name=re.compile("Imprimer cet axe seul"))
    link.scroll_into_view_if_needed()
    link.tap()
    # The click handler sets the target synchronously and prints 50 ms later: the first wait tells a missed
    # tap from a print that never came.
    page.wait_for_function("document.querySelector('#axe-2:target') !== null")  # the axe the sheet prints
    page.wait_for_function("window.__printed === 1")
    page.emulate_media(media="print")
    assert second.is_visible()
    assert not page.locator("#axe-1").is_visible() and not page.locator("#axe-3").is_visible()
    page.goto(f"{site_url}/suivi/bilan-{MODEL.latest_review.annee}/")  # without an axe chosen: all of them
    assert page.locator("#axe-1").is_visible() and page.locator("#axe-3").is_visible()
    context.close()
