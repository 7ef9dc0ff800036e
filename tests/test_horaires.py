"""Opening hours (issue 22): the OSM subset we accept, and « Ouvert maintenant » giving the same answer in Python
(site_builder/open_now.py) and in the browser (horaires.js), from the shared vectors of
tests/fixtures/horaires/vecteurs.json."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT, assert_reported, bare_scripts_site, errors_of, local_context, plain, served

from site_builder.directory import Closure
from site_builder.models import Commune
from site_builder.open_now import public_holidays, rules, status, today_line, weekly
from site_builder.opening_hours import in_french, parse
from site_builder.validate import load_model

VECTORS = json.loads((ROOT / "tests" / "fixtures" / "horaires" / "vecteurs.json").read_text(encoding="utf-8"))
CASES = VECTORS["vecteurs"]
HOURS = 'horaires_accueil: "Mo-Fr 08:30-12:30,14:00-18:00; Sa 09:00-12:00"'


def rules_of(case: dict) -> dict:
    """What the build emits for the case's hours and closure (as open_now.rules does for a structure)."""
    data = weekly(parse(case["horaires"])) if case["horaires"] else {"inconnu": True}
    if case.get("fermeture"):
        data["fermeture"] = case["fermeture"]
    return data


def test_the_vectors_holidays_are_the_loiret_ones() -> None:
    loiret = Commune(code_insee="45252", nom="Pithiviers", code_postal="45300", epci="cc", latitude=48.17,
                     longitude=2.25)
    assert VECTORS["feries"] == public_holidays([loiret], dt.date(2026, 11, 23))


@pytest.mark.parametrize("case", CASES, ids=[c["cas"] for c in CASES])
def test_open_now_in_python(case: dict) -> None:
    now = dt.datetime.fromisoformat(case["maintenant"])
    said = status(rules_of(case), now, VECTORS["feries"])
    assert (said["text"] if said else None) == case["texte"]
    assert bool(said and said["open"]) is case["ouvert"]
    if "aujourdhui" in case:
        assert today_line(rules_of(case), now, VECTORS["feries"]) == case["aujourdhui"]


@pytest.fixture(scope="module")
def scripts_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A bare page with the site's real horaires.js, served on the loopback."""
    with served(bare_scripts_site(tmp_path_factory.mktemp("scripts"), "horaires.js")) as url:
        yield url


@pytest.fixture
def scripts_page(browser, scripts_url: str) -> Iterator[object]:
    context = local_context(browser, scripts_url, timezone_id="Europe/Paris")
    page = context.new_page()
    page.goto(scripts_url + "/index.html")
    yield page
    context.close()


@pytest.mark.browser
def test_open_now_in_the_browser(scripts_page) -> None:
    """Every vector through window.clsHoraires, the visitor's clock built from the local date and time."""
    got = scripts_page.evaluate("""([cases, holidays]) => cases.map(([rules, when]) => {
        const [d, t] = when.split("T"), [y, mo, da] = d.split("-").map(Number), [h, mi] = t.split(":").map(Number);
        const now = new Date(y, mo - 1, da, h, mi);
        const s = window.clsHoraires.status(rules, now, holidays);
        return [s ? s.text : null, !!s && s.open, window.clsHoraires.today(rules, now, holidays)];
    })""", [[[rules_of(c), c["maintenant"]] for c in CASES], VECTORS["feries"]])
    for case, (text, is_open, today) in zip(CASES, got, strict=True):
        assert (text and plain(text), is_open) == (case["texte"], case["ouvert"]), case["cas"]
        if "aujourdhui" in case:
            assert plain(today) == case["aujourdhui"], case["cas"]


# --- What we accept, what we refuse (each refusal a located French error that says what to write) -------------

@pytest.mark.parametrize(("hours", "expected"), [
    ("Sa-Mo 10:00-12:00", ["Du samedi au lundi : 10 h – 12 h"]),
    ("Fr-Tu 10:00-12:00", ["Du vendredi au mardi : 10 h – 12 h"]),
    ("Fr 22:00-02:00", ["Vendredi : 22 h – 2 h le lendemain"]),
    ("Mo-Sa 18:00-24:00", ["Du lundi au samedi : 18 h – 24 h"]),
    ("Mo-Fr 08:30-12:00, 13:30-17:00", ["Du lundi au vendredi : 8 h 30 – 12 h et 13 h 30 – 17 h"]),
    ("Mo-Fr 08:00-12:00, We 14:00-18:00", ["Du lundi au vendredi : 8 h – 12 h", "Mercredi : 14 h – 18 h"]),
    ("Mo-Fr,PH 08:00-12:00", ["Du lundi au vendredi et jours fériés : 8 h – 12 h"]),
    ("Mo-Fr 08:30-18:00; We 08:30-12:30; PH off",
     ["Du lundi au vendredi : 8 h 30 – 18 h", "Mercredi : 8 h 30 – 12 h 30", "Jours fériés : fermé"]),
])
def test_valid_osm_hours_are_accepted_and_said_in_french(hours: str, expected: list[str]) -> None:
    assert in_french(parse(hours)) == expected


def test_rules_apply_in_order_as_osm_says() -> None:
    week = weekly(parse("Mo-Fr 08:30-18:00; We 08:30-12:30; PH off"))
    assert week["jours"][1] == [[510, 1080]] and week["jours"][2] == [[510, 750]] and week["feries"] == []
    assert weekly(parse("Mo-Fr 08:00-12:00, We 14:00-18:00"))["jours"][2] == [[480, 720], [840, 1080]]
    night = weekly(parse("Mo-Su 22:00-02:00; Su off"))["jours"]
    assert night[4] == [[1320, 1560]] and night[5] == [[1320, 1440]] and night[6] == []  # Saturday's night cut
    assert weekly(parse("Su 22:00-02:00"))["jours"][6] == [[1320, 1560]]
    assert weekly(parse("PH 10:00-12:00"))["feries"] == [[600, 720]]


@pytest.mark.parametrize(("hours", "message", "hint"), [
    ("Mo-Fr 08:00-12:00; Mo-Fr 14:00-18:00",
     "data/structures.yml:13 structures[1].horaires_accueil: horaires illisibles : « Mo-Fr 14:00-18:00 » "
     "remplace « Mo-Fr 08:00-12:00 » (du lundi au vendredi) : "
     "en OpenStreetMap, une règle après « ; » remplace les précédentes pour ses jours.",
     "écrivez « Mo-Fr 08:00-12:00,14:00-18:00 » pour ouvrir sur les deux plages."),
    ("Mo-Fr 08:00-12:00; Mo-Th 14:00-18:00",
     "« Mo-Th 14:00-18:00 » remplace « Mo-Fr 08:00-12:00 » (du lundi au jeudi)",
     "écrivez « Mo-Fr 08:00-12:00, Mo-Th 14:00-18:00 » (la virgule ajoute sans remplacer) ; si ces jours-là "
     "n'ont vraiment que « Mo-Th 14:00-18:00 », retirez-les de « Mo-Fr 08:00-12:00 »."),
    ("Mo-Fr 22:00-02:00; Sa 10:00-12:00",
     "« Sa 10:00-12:00 » efface la fin de nuit de « Mo-Fr 22:00-02:00 » (samedi après minuit)",
     "écrivez « Mo-Fr 22:00-02:00, Sa 10:00-12:00 »"),
    ("Mo-Fr", "horaires illisibles : « Mo-Fr » : jours sans heures.",
     "« Mo-Fr off » si c'est fermé, « Mo-Fr 00:00-24:00 » si c'est ouvert jour et nuit."),
    ("Mo-Fr 08:00-24:30", "horaires illisibles : heure « 24:30 » impossible.", "une plage peut passer minuit"),
    ("Mo-Fr 08:00-25:00", "heure « 25:00 » impossible (de 00:00 à 23:59, et 24:00 pour finir à minuit)", ""),
    ("Mo-Fr 08:00-12:60", "heure « 12:60 » impossible", ""),
    ("Mo-Fr 24:00-02:00", "heure « 24:00 » impossible", ""),
    ("Mo-Fr 08:00-08:00", "plage « 08:00-08:00 » vide", "pour jour et nuit, écrivez « 00:00-24:00 »."),
    ("Mo-Fr 08:00-12:00, Sa off", "« , Sa off » : une règle après une virgule ajoute des heures", "« ; Sa off »"),
])
def test_refused_hours_are_located_with_the_fix(data_dir: Path, hours: str, message: str, hint: str) -> None:
    assert_reported(data_dir, "structures.yml", HOURS, f'horaires_accueil: "{hours}"', message)
    assert hint in "\n".join(errors_of(data_dir))


def test_overlapping_narrower_rule_and_off_stay_valid() -> None:
    for hours in ("Mo-Fr 08:30-18:00; We 08:30-12:30", "Mo-Su 09:00-18:00; Su off", "Mo-Sa 09:00-12:00; PH off",
                  "Mo-Fr 08:00-12:00; Mo-Fr off; Mo-Fr 14:00-18:00"):
        parse(hours)


# --- The closure, emitted until its last day included ----------------------------------------------------------

def test_a_site_built_on_the_last_closure_day_still_says_closed() -> None:
    item = next(s for s in load_model(ROOT / "data", ROOT).structures if s.horaires_accueil)
    closed = dataclasses.replace(item, fermeture_temporaire=Closure(dt.date(2026, 12, 1), dt.date(2026, 12, 3)))
    assert rules(closed, dt.date(2026, 12, 3))["fermeture"] == {"du": "2026-12-01", "au": "2026-12-03", "motif": ""}
    assert "fermeture" not in rules(closed, dt.date(2026, 12, 4))


def test_directory_slots_sharing_days_add_up() -> None:
    """The DILA directory lists time slots that add up: joined by `, ` when they share days, not by `;`."""
    from site_builder.importers.annuaire import opening_hours

    def slot(first: str, last: str, start: str, end: str) -> dict:
        return {"nom_jour_debut": first, "nom_jour_fin": last, "valeur_heure_debut_1": start,
                "valeur_heure_fin_1": end}

    text = opening_hours([slot("Lundi", "Vendredi", "09:00:00", "12:00:00"), slot("Mardi", "", "14:00:00", "17:00:00")])
    assert text == "Mo-Fr 09:00-12:00, Tu 14:00-17:00"
    assert weekly(parse(text))["jours"][1] == [[540, 720], [840, 1020]]
    assert opening_hours([slot("Mardi", "", "09:00:00", "12:00:00"), slot("Jeudi", "", "13:30:00", "16:30:00")]) == \
        "Tu 09:00-12:00; Th 13:30-16:30"
