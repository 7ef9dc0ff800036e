"""Programme tracking: review validation, aggregation, SVG charts, dashboard, action pages and the bilan."""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import ROOT, assert_reported

from site_builder.render.tracking_pages import changes, counts, summary
from site_builder.validate import load_model

MODEL = load_model(ROOT / "data")
SVG = "{http://www.w3.org/2000/svg}"

CASES = {
    "unknown status with suggestion": (
        "suivi/2025.yml", "statut: realisee", "statut: realise",
        "data/suivi/2025.yml:5 actions.1-1-1.statut: valeur inconnue « realise ».\n"
        "    → vouliez-vous dire « realisee » ?"),
    "review dated outside the contract": (
        "suivi/2025.yml", "date: 2025-12-09", "date: 2031-12-09",
        "data/suivi/2025.yml:2 bilan « 2025 ».date: date 2031-12-09 hors de la période du contrat (2023-2026)."),
    "review adopted before its year": (
        "suivi/2025.yml", "date: 2025-12-09", "date: 2024-12-20",
        "data/suivi/2025.yml:2 bilan « 2025 ».date: le bilan 2025 ne peut pas être adopté en 2024."),
    "reviews out of order": (
        "suivi/2025.yml", "date: 2025-12-09", "date: 2024-12-01",
        "data/suivi/2025.yml:2 bilan « 2025 ».date: le bilan 2025 est daté du 2024-12-01, avant celui de 2024 "
        "(2024-12-10)."),
    "indicator the action does not define": (
        "suivi/2025.yml", "\"Nombre d'ateliers\": 10", "\"Nombre d'atelier\": 10",
        "data/suivi/2025.yml:10 indicateurs « 2025 1-1-1 ».Nombre d'atelier: l'action 1-1-1 ne définit pas "
        "l'indicateur « Nombre d'atelier ».\n    → vouliez-vous dire « Nombre d'ateliers » ?"),
    "negative count": (
        "suivi/2025.yml", "\"Nombre de familles\": 35", "\"Nombre de familles\": -3",
        "data/suivi/2025.yml:11 actions.1-1-1.indicateurs.Nombre de familles: -3 hors des valeurs admises"),
    "unknown action": (
        "suivi/2025.yml", '"1-1-2":', '"1-1-9":',
        "data/suivi/2025.yml:12 actions[1-1-9]: « 1-1-9 » ne correspond à aucune action du programme"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_review_mistakes_are_located(data_dir: Path, case: str) -> None:
    assert_reported(data_dir, *CASES[case])


def test_aggregation_counts_statuses_and_changes(data_dir: Path) -> None:
    model = load_model(data_dir)
    latest, previous = model.reviews[-1], model.reviews[0]
    assert counts(model, latest) == {"realisee": 1, "en-cours": 1, "non-demarree": 0, "a-venir": 0}
    assert counts(model, previous) == {"realisee": 0, "en-cours": 1, "non-demarree": 1, "a-venir": 0}
    assert [(c.action.id, c.before, c.after) for c in changes(model)] == [("1-1-1", "en-cours", "realisee"),
                                                                          ("1-1-2", "non-demarree", "en-cours")]
    assert summary(model) == "1 action réalisée et 1 en cours sur 2 au bilan 2025"


def test_example_has_two_reviews_of_every_action() -> None:
    assert [r.annee for r in MODEL.reviews] == [2024, 2025]
    for review in MODEL.reviews:
        assert {r.action for r in review.actions} == {a.id for a in MODEL.actions}


def _svgs(page_html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r'<svg [^>]*class="cls-chart".*?</svg>', page_html, re.S)]


def _bars(page_html: str) -> list[dict[str, object]]:
    """The dashboard's HTML status bars: accessible name parts and, per row, its label and segment counts."""
    found = []
    for ident, body in re.findall(r'<div class="cls-bars" id="([\w-]+)" role="img" '
                                  r'aria-labelledby="[\w-]+-titre [\w-]+-desc">(.*?)<span class="cls-bars__legend">',
                                  page_html, re.S):
        text = {part: html.unescape(re.search(rf'id="{ident}-{part}">(.*?)</span>', body).group(1))
                for part in ("titre", "desc")}
        rows = [(html.unescape(label), [int(n) for n in re.findall(r'class="cls-bars__part[^"]*"[^>]*>(\d+)<', bar)])
                for label, bar in re.findall(r'<span class="cls-bars__label">(.*?)</span>(.*?)cls-bars__total', body)]
        found.append({**text, "rows": rows})
    return found


def test_dashboard_charts_match_their_tables(built_site: Path) -> None:
    page_html = (built_site / "suivi" / "index.html").read_text(encoding="utf-8")
    charts = _bars(page_html)
    assert len(charts) == 2 and all(chart["titre"] for chart in charts)
    latest = MODEL.latest_review
    table_rows = re.findall(r"<tr>\s*<td>Axe \d</td>(.*?)</tr>", page_html, re.S)
    for axis, row, (label, segments) in zip(MODEL.axes, table_rows, charts[0]["rows"], strict=True):
        numbers = [int(n) for n in re.findall(r">(\d+)</td>", row)]
        expected = counts(MODEL, latest, axis.actions)
        assert numbers == [*expected.values(), sum(expected.values())]
        assert label == axis.label and segments == [n for n in expected.values() if n]  # « Axe 2 : titre »
        assert f"{axis.label} : {expected['realisee']} réalisée" in charts[0]["desc"]
    assert summary(MODEL) in page_html


def test_action_page_shows_badge_timeline_and_indicator_chart(built_site: Path) -> None:
    action = next(a for a in MODEL.actions if any(found.indicateurs for _, found in MODEL.history_of(a.id)))
    page_html = (built_site / "programme" / f"action-{action.id}" / "index.html").read_text(encoding="utf-8")
    status = MODEL.status_of(action.id)
    assert f'cls-status--{status}"' in page_html
    for review, _ in MODEL.history_of(action.id):
        assert f"Bilan {review.annee}" in page_html
    assert _svgs(page_html)


def test_bilan_csv_round_trips(built_site: Path) -> None:
    latest = MODEL.latest_review
    raw = (built_site / "suivi" / f"bilan-{latest.annee}.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [r["action"] for r in rows] == [a.id for a in MODEL.actions]
    assert rows[0]["statut"] in {"Réalisée", "En cours", "Non démarrée", "Début prévu plus tard"}


def test_one_status_change_reaches_dashboard_badge_bilan_and_csv(tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from site_builder.cli import main

    for name in ("content", "overrides", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    latest = MODEL.latest_review
    target = next(r for r in latest.actions if r.statut != "realisee")
    review_file = tmp_path / "data" / "suivi" / f"{latest.annee}.yml"
    text = review_file.read_text(encoding="utf-8")
    start = text.index(f'"{target.action}":')
    end = text.index("statut:", start)
    line_end = text.index("\n", end)
    review_file.write_text(text[:end] + "statut: realisee" + text[line_end:], encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(tmp_path / "mkdocs.yml"), "--date", "2026-11-23"])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    before = counts(MODEL, latest)["realisee"]
    assert f"{before + 1} actions réalisées" in (site / "suivi" / "index.html").read_text(encoding="utf-8")
    action_page = (site / "programme" / f"action-{target.action}" / "index.html").read_text(encoding="utf-8")
    assert 'cls-status--realisee">Réalisée</span> au' in action_page
    bilan = (site / "suivi" / f"bilan-{latest.annee}" / "index.html").read_text(encoding="utf-8")
    row = bilan.split(f">{target.action}</a>", 1)[1].split("</tr>", 1)[0]
    assert "cls-status--realisee" in row
    csv_text = (site / "suivi" / f"bilan-{latest.annee}.csv").read_bytes().decode("utf-8-sig")
    row = csv_text.split(f"\r\n{target.action};", 1)[1].split("\r\n")[0]
    assert "Réalisée" in row


@pytest.mark.browser
def test_dashboard_filters_by_status_and_pilot(page, site_url: str) -> None:
    page.goto(site_url + "/suivi/")
    total = page.locator(".cls-actions li").count()
    assert total == len(MODEL.actions)
    page.get_by_label("Statut").select_option("realisee")
    shown = page.locator(".cls-actions li:not([hidden])")
    assert shown.count() == counts(MODEL, MODEL.latest_review)["realisee"]
    assert all("Réalisée" in t for t in shown.all_inner_texts())
    page.get_by_label("Statut").select_option("")
    page.get_by_label("Pilote").select_option("petr")
    assert page.locator(".cls-actions li:not([hidden])").count() == len(MODEL.actions_led_by("petr"))


@pytest.mark.browser
def test_bilan_prints_in_landscape_without_navigation(page, site_url: str) -> None:
    page.goto(site_url + f"/suivi/bilan-{MODEL.latest_review.annee}/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert sizes and all(float(width) > float(height) for width, height in sizes)  # every sheet landscape


@pytest.mark.browser
def test_dashboard_filters_by_public(page, site_url: str) -> None:
    page.goto(site_url + "/suivi/")
    page.get_by_label("Public").select_option("personnes-agees")
    shown = page.locator(".cls-actions li:not([hidden])")
    assert shown.count() == sum("personnes-agees" in a.publics for a in MODEL.actions) > 0
