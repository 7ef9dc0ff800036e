"""The agenda: event validation, iCalendar files a phone can subscribe to, pages, and what a visitor does."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from helpers import BUILD_DATE, ROOT, assert_reported

from site_builder.validate import load_model

FILE = "evenements.yml"
PARIS = ZoneInfo("Europe/Paris")
MODEL = load_model(ROOT / "data", today=dt.date.fromisoformat(BUILD_DATE))

CASES = {
    "end before start": (
        'fin: "2026-12-03 16:30"', 'fin: "2026-12-03 11:00"',
        "data/evenements.yml:6 evenements[1].fin: la fin (2026-12-03 11:00) précède le début (2026-12-03 14:00)."),
    "impossible date": (
        'debut: "2026-12-03 14:00"', 'debut: "2026-02-30 14:00"',
        "data/evenements.yml:5 evenements[1].debut: date ou date et heure attendue, reçu « 2026-02-30 14:00 »."),
    "date and date-time mixed": (
        'fin: "2026-12-03 16:30"', 'fin: "2026-12-04"',
        "data/evenements.yml:6 evenements[1].fin: début et fin doivent être tous deux des dates"),
    "unknown place": (
        "structure: msp-test", "structure: msp-tset",
        "data/evenements.yml:8 evenements[1].lieu.structure: « msp-tset » ne correspond à aucune structure du "
        "répertoire (data/structures.yml).\n    → vouliez-vous dire « msp-test » ?"),
    "unknown commune of an address": (
        'code_insee: "45252"', 'code_insee: "45999"',
        "data/evenements.yml:22 evenements[2].lieu.code_insee: « 45999 » ne correspond à aucune commune"),
    "both a structure and an address": (
        "      structure: msp-test\n", "      structure: msp-test\n      code_insee: \"45252\"\n",
        "evenements[1].lieu: indiquez soit « structure »"),
    "unknown action": (
        'actions: ["1-1-1"]', 'actions: ["9-9-9"]',
        "data/evenements.yml:11 evenements[1].actions[1]: « 9-9-9 » ne correspond à aucune action du programme"),
    "invalid registration URL": (
        "inscription: https://www.exemple.fr/inscription", "inscription: www.exemple.fr/inscription",
        "data/evenements.yml:13 evenements[1].inscription: adresse web invalide"),
    "unknown status with suggestion": (
        "statut: annule", "statut: anulé",
        "data/evenements.yml:23 evenements[2].statut: valeur inconnue « anulé »."),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_event_mistakes_are_located(data_dir: Path, case: str) -> None:
    assert_reported(data_dir, FILE, *CASES[case])


def test_valid_events(data_dir: Path) -> None:
    model = load_model(data_dir, today=dt.date(2026, 11, 23))
    assert [e.id for e in model.upcoming_events] == ["atelier-test"]
    assert [e.id for e in model.past_events] == ["forum-test"]
    forum = model.past_events[0]
    assert forum.all_day and forum.last_day == dt.date(2025, 11, 21) and forum.statut == "annule"


def test_example_agenda_spans_past_and_future() -> None:
    assert len(MODEL.events) >= 12
    assert len(MODEL.upcoming_events) >= 4 and len(MODEL.past_events) >= 4
    assert {e.statut for e in MODEL.events} == {"prevu", "annule", "reporte"}


def _calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_agenda_feed_is_valid_icalendar_with_stable_uids(built_site: Path) -> None:
    feed = _calendar(built_site / "agenda.ics")
    events = feed.walk("VEVENT")
    assert len(events) == len(MODEL.events)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(uid.endswith("@cls.exemple.fr") for uid in uids)
    assert {str(e["UID"]).split("@")[0] for e in events} == {e.id for e in MODEL.events}
    by_uid = {str(e["UID"]).split("@")[0]: e for e in events}
    for event in MODEL.events:
        item = by_uid[event.id]
        assert str(item["URL"]) == f"https://cls.exemple.fr/agenda/{event.id}/"
        start = item.decoded("DTSTART")
        if event.all_day:
            assert start == event.debut and item.decoded("DTEND") == event.fin + dt.timedelta(days=1)
        else:
            assert start.tzinfo is not None  # UTC: no floating time a phone would misplace
            assert start == event.debut.replace(tzinfo=PARIS)  # same instant as Paris local time
    cancelled = [e for e in events if str(e["STATUS"]) == "CANCELLED"]
    assert cancelled and all(str(e["SUMMARY"]).startswith("[ANNULÉ]") for e in cancelled)


def test_each_event_has_its_own_calendar_file(built_site: Path) -> None:
    for event in MODEL.events:
        (item,) = _calendar(built_site / "agenda" / f"{event.id}.ics").walk("VEVENT")
        assert str(item["UID"]) == f"{event.id}@cls.exemple.fr"


def test_event_page_has_json_ld_status_and_place(built_site: Path) -> None:
    cancelled = next(e for e in MODEL.events if e.statut == "annule")
    page_html = (built_site / "agenda" / cancelled.id / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S).group(1))
    assert data["@type"] == "Event" and data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["address"]["addressCountry"] == "FR"
    assert "Ce rendez-vous est annulé" in page_html
    assert "Ajouter à mon agenda" not in page_html


def test_agenda_lists_upcoming_first_then_past(built_site: Path) -> None:
    page_html = (built_site / "agenda" / "index.html").read_text(encoding="utf-8")
    upcoming, past = page_html.split('id="passes"', 1)
    for event in MODEL.upcoming_events:
        assert f'href="{event.id}/"' in upcoming
    for event in MODEL.past_events:
        assert f'href="{event.id}/"' in past
    positions = [upcoming.index(f'href="{e.id}/"') for e in MODEL.upcoming_events]
    assert positions == sorted(positions)


def test_upcoming_events_appear_on_home_action_and_structure_pages(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    first = next(e for e in MODEL.upcoming_events if e.statut != "annule")
    assert f'href="agenda/{first.id}/"' in home
    with_action = next(e for e in MODEL.upcoming_events if e.actions)
    action_page = (built_site / "programme" / f"action-{with_action.actions[0]}" / "index.html").read_text("utf-8")
    assert f"../../agenda/{with_action.id}/" in action_page
    hosted = next(e for e in MODEL.upcoming_events if e.lieu.structure)
    fiche = (built_site / "repertoire" / hosted.lieu.structure / "index.html").read_text(encoding="utf-8")
    assert "Prochains rendez-vous ici" in fiche and f"../../agenda/{hosted.id}/" in fiche


@pytest.mark.browser
def test_agenda_filter_by_commune_narrows_the_list(page, site_url: str) -> None:
    page.goto(site_url + "/agenda/")
    items = page.locator(".cls-events li")
    total = items.count()
    page.get_by_label("Commune").select_option(label="Puiseaux")
    visible = page.locator(".cls-events li:not([hidden])")
    assert 1 <= visible.count() < total
    assert all("Puiseaux" in text for text in visible.all_inner_texts())
    assert not page.locator(".cls-month:not([hidden])", has_text="Octobre 2025").count()


@pytest.mark.browser
def test_ajouter_a_mon_agenda_downloads_a_calendar_file(page, site_url: str) -> None:
    event = next(e for e in MODEL.upcoming_events if e.statut == "prevu")
    page.goto(site_url + f"/agenda/{event.id}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ajouter à mon agenda").click()
    assert download.value.suggested_filename == f"{event.id}.ics"
    (item,) = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
    assert item["UID"] == f"{event.id}@cls.exemple.fr"
