"""Safety and honesty of the output, grouped by class (issue 15), with values computed independently of the code
under test. Each test is named in scripts/mutants.py beside the deliberate bug it must catch."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from html import unescape
from pathlib import Path

import markdown as markdown_lib
import pytest
from helpers import MINIMAL, ROOT, assert_reported, errors_of, replace_in

from site_builder.exports import inert, spreadsheet_csv
from site_builder.kinds.structures import distance_km
from site_builder.opening_hours import in_french, parse
from site_builder.render import render_pages
from site_builder.render.markdown import escape
from site_builder.render.tracking_pages import changes
from site_builder.validate import load_model

# --- Unsafe values are refused where they are written ---------------------------------------------------------

MSP_MAIL = "    courriel: msp@exemple.fr"
UNSAFE = {
    "NUL inside a URL": (
        "structures.yml", MSP_MAIL, MSP_MAIL + '\n    site_web: "https://www.exemple.fr/a\\0b"',
        "data/structures.yml:13 structures[1].site_web: adresse web refusée : elle contient un caractère de contrôle"),
    "carriage return inside a URL": (
        "evenements.yml", "inscription: https://www.exemple.fr/inscription",
        'inscription: "https://www.exemple.fr/ins\\rcription"',
        "data/evenements.yml:13 evenements[1].inscription: adresse web refusée : elle contient un caractère de"),
    "user and password in a URL": (
        "structures.yml", MSP_MAIL, MSP_MAIL + "\n    site_web: https://admin:secret@www.exemple.fr/",
        "data/structures.yml:13 structures[1].site_web: adresse web refusée : elle contient un identifiant ou un "
        "mot de passe avant « @ »"),
    "host disguised behind @": (
        "evenements.yml", "inscription: https://www.exemple.fr/inscription",
        "inscription: https://www.ars.sante.fr@evil.example/",
        "data/evenements.yml:13 evenements[1].inscription: adresse web refusée"),
    "port 99999 in a URL": (
        "structures.yml", MSP_MAIL, MSP_MAIL + "\n    site_web: https://www.exemple.fr:99999/",
        "data/structures.yml:13 structures[1].site_web: adresse web refusée : le port « 99999 » n'existe pas"),
    "port 0 in a URL": (
        "evenements.yml", "inscription: https://www.exemple.fr/inscription",
        "inscription: https://www.exemple.fr:0/inscription",
        "data/evenements.yml:13 evenements[1].inscription: adresse web refusée : le port « 0 » n'existe pas"),
    "port that is not a number": (
        "structures.yml", MSP_MAIL, MSP_MAIL + "\n    site_web: https://www.exemple.fr:8o8o/",
        "data/structures.yml:13 structures[1].site_web: adresse web refusée : le port « 8o8o » n'existe pas"),
    "host with an empty label": (
        "structures.yml", MSP_MAIL, MSP_MAIL + "\n    site_web: https://www.exemple..fr/",
        "data/structures.yml:13 structures[1].site_web: adresse web refusée : le nom de domaine « www.exemple..fr » "
        "n'est pas valide"),
    "host without a domain": (
        "structures.yml", MSP_MAIL, MSP_MAIL + "\n    site_web: http://intranet/",
        "data/structures.yml:13 structures[1].site_web: adresse web refusée : le nom de domaine « intranet »"),
    "IPv4 address out of range": (
        "structures.yml", MSP_MAIL, MSP_MAIL + "\n    site_web: http://192.168.1.300/",
        "data/structures.yml:13 structures[1].site_web: adresse web refusée : le nom de domaine « 192.168.1.300 »"),
    "bidi override in a name": (
        "structures.yml", "nom: Maison de santé de test", 'nom: "Maison de santé \\u202eedcba"',
        "data/structures.yml:3 structures[1].nom: caractère invisible U+202E interdit dans le texte."),
    "bidi isolate in a title": (
        "evenements.yml", "titre: Atelier de test", 'titre: "Atelier \\u2066de test"',
        "data/evenements.yml:3 evenements[1].titre: caractère invisible U+2066 interdit dans le texte."),
    "zero-width space in a name": (
        "organisations.yml", "nom: PETR de test", 'nom: "PETR\\u200b de test"',
        "data/organisations.yml:3 organisations[1].nom: caractère invisible U+200B interdit dans le texte."),
    "control character in a newsletter body": (
        "lettres/2025-t4.md", "## Édito\n\nLe contrat", "## Édito\n\nLe \x07contrat",
        "data/lettres/2025-t4.md:14 corps: caractère de contrôle U+0007 interdit dans le texte de la lettre."),
    "bidi override in a newsletter body": (
        "lettres/2025-t4.md", "## Édito\n\nLe contrat", "## Édito\n\nLe \u202econtrat",
        "data/lettres/2025-t4.md:14 corps: caractère invisible U+202E interdit dans le texte de la lettre."),
}


@pytest.mark.parametrize("case", UNSAFE, ids=list(UNSAFE))
def test_unsafe_values_are_located_errors(data_dir: Path, case: str) -> None:
    assert_reported(data_dir, *UNSAFE[case])


def test_joiners_and_ordinary_urls_stay_accepted(data_dir: Path) -> None:
    replace_in(data_dir / "structures.yml", "nom: Maison de santé de test", 'nom: "Maison de santé 👩\\u200d⚕️"')
    replace_in(data_dir / "structures.yml", MSP_MAIL, MSP_MAIL + "\n    site_web: https://www.exemple.fr/a?b=c@d#e")
    assert errors_of(data_dir) == []


@pytest.mark.parametrize("address", ["https://www.exemple.fr:8443/", "https://www.exemple.fr:65535/",
                                     "https://www.ville-épernon.fr/", "http://192.168.1.30/", "http://[2001:db8::1]/",
                                     "https://mairie.exemple.fr./", "https://xn--pernon-gva.fr/"])
def test_ports_and_hosts_a_browser_reaches_stay_accepted(data_dir: Path, address: str) -> None:
    replace_in(data_dir / "structures.yml", MSP_MAIL, MSP_MAIL + f"\n    site_web: {address}")
    assert errors_of(data_dir) == []


# --- CSV cells cannot run as formulas (OWASP « CSV injection ») -------------------------------------------------

def test_csv_cells_cannot_run_as_formulas() -> None:
    hostile = ["=HYPERLINK(\"https://evil.example\";\"x\")", "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0",
               "-2+3", "@SUM(A1:A9)", "\tx", "\rx", "+33 2 38 30 00 00"]
    numbers = ["-1.5", "+3", "-2,25", "42", -7, 2.5]
    plain = ["Maison de santé", "02 38 30 00 00", "a=b", ""]
    text = spreadsheet_csv(["valeur"], [[value] for value in hostile + numbers + plain])
    cells = [row[0] for row in csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";")][1:]
    assert cells == ["'" + value for value in hostile] + [str(n) for n in numbers] + plain
    assert inert("+33 2 38 30 00 00") == "'+33 2 38 30 00 00"  # read as text, not as =33 2 38…


# --- Opening hours: a day range over the end of the week is valid OSM (tests/test_horaires.py has the rest) --------

HOURS = 'horaires_accueil: "Mo-Fr 08:30-12:30,14:00-18:00; Sa 09:00-12:00"'


@pytest.mark.parametrize(("days", "french"), [("Fr-Mo", "Du vendredi au lundi"), ("Su-Mo", "Dimanche et lundi"),
                                               ("Tu-Mo", "Du lundi au dimanche")])
def test_wrapping_day_range_is_valid(data_dir: Path, days: str, french: str) -> None:
    replace_in(data_dir / "structures.yml", HOURS, f'horaires_accueil: "{days} 08:00-12:00"')
    assert errors_of(data_dir) == []
    assert in_french(parse(f"{days} 08:00-12:00")) == [f"{french} : 8 h – 12 h"]


def test_day_ranges_in_order_are_said_in_french() -> None:
    assert in_french(parse("Mo-Fr 08:00-12:00; Sa-Su off")) == ["Du lundi au vendredi : 8 h – 12 h",
                                                                 "Samedi et dimanche : fermé"]


# --- The territory box: each of its four sides, on both sides of the line ---------------------------------------
# Communes of the minimal data: latitudes 48.1286–48.172, longitudes 2.252–2.2542, plus a margin of 0.15°.

SIDES = {"north": (48.33, 2.25, 48.31, 2.25), "south": (47.97, 2.25, 47.99, 2.25),
         "east": (48.15, 2.41, 48.15, 2.40), "west": (48.15, 2.09, 48.15, 2.11)}


@pytest.mark.parametrize("side", SIDES)
def test_position_outside_each_side_of_the_territory(data_dir: Path, side: str) -> None:
    out_lat, out_lon, in_lat, in_lon = SIDES[side]
    original = (data_dir / "structures.yml").read_text(encoding="utf-8")
    for lat, lon, outside in ((out_lat, out_lon, True), (in_lat, in_lon, False)):
        moved = original.replace("latitude: 48.173\n    longitude: 2.251", f"latitude: {lat}\n    longitude: {lon}")
        (data_dir / "structures.yml").write_text(moved, encoding="utf-8")
        found = [e for e in errors_of(data_dir) if "hors du territoire" in e]
        assert bool(found) is outside, (side, lat, lon, found)


# --- Distances between two real communes, computed here by another formula ------------------------------------
# Pithiviers (45252) and Beaune-la-Rolande (45035): their centres in data/communes.yml.

def _commune(code: str) -> tuple[float, float]:
    text = (ROOT / "data" / "communes.yml").read_text(encoding="utf-8")
    block = text.split(f'code_insee: "{code}"', 1)[1].split("- code_insee", 1)[0]
    return (float(re.search(r"latitude: ([\d.]+)", block).group(1)),
            float(re.search(r"longitude: ([\d.]+)", block).group(1)))


def _spherical_law_of_cosines(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (map(math.radians, a)), (map(math.radians, b))
    return 6371.0 * math.acos(math.sin(la1) * math.sin(la2) + math.cos(la1) * math.cos(la2) * math.cos(lo2 - lo1))


PITHIVIERS, BEAUNE = _commune("45252"), _commune("45035")
EXPECTED_KM = _spherical_law_of_cosines(PITHIVIERS, BEAUNE)


def test_python_distance_between_two_real_communes() -> None:
    assert 15 < EXPECTED_KM < 25  # about 20 km as the crow flies, mostly east-west: cos(48°) matters
    assert distance_km(*PITHIVIERS, *BEAUNE) == pytest.approx(EXPECTED_KM, abs=0.01)


@pytest.mark.browser
def test_browser_distance_between_two_real_communes(browser) -> None:
    tab = browser.new_page()
    try:
        tab.set_content("<!DOCTYPE html><title>geo</title>")
        tab.add_script_tag(path=str(ROOT / "content" / "assets" / "javascripts" / "geo.js"))
        km = tab.evaluate("([a, b]) => window.clsGeo.distanceKm(a[0], a[1], b[0], b[1])", [PITHIVIERS, BEAUNE])
    finally:
        tab.close()
    assert km == pytest.approx(EXPECTED_KM, abs=0.01)


# --- Markdown escaping of block markers at the start of a line --------------------------------------------------

def test_line_start_markers_are_escaped() -> None:
    def html(value: str) -> str:  # the value alone on a line after a paragraph line, as templates place it
        return markdown_lib.markdown(f"Terme\n{escape(value)}\n", extensions=["def_list", "fenced_code"])

    assert "<dl>" not in html(": une définition") and ": une définition" in unescape(html(": une définition"))
    assert "<h1>" not in html("=====") and "=====" in unescape(html("====="))
    assert "<pre>" not in markdown_lib.markdown(f"{escape('~~~')}\ncode\n{escape('~~~')}\n",
                                                extensions=["fenced_code"])
    assert str(escape("~~~")).startswith("&#126;")


# --- Programme: neighbours, reviews, dashboard ----------------------------------------------------------------

def test_action_neighbours_in_order() -> None:
    pages = {page.uri: page.content for page in render_pages(load_model(MINIMAL))}

    def pager(uri: str) -> list[tuple[str, str]]:
        """(arrow, target) of each link of the « Actions voisines » block, in order."""
        block = pages[uri].split('class="cls-pager"', 1)[1]
        return [(("←" if "←" in text else "") + ("→" if "→" in text else ""), target)
                for text, target in re.findall(r"\[([^\]]*)\]\(([\w-]+)\.md\)", block)]

    assert pager("programme/action-1-1-1.md") == [("→", "action-1-1-2")]
    assert pager("programme/action-1-1-2.md") == [("←", "action-1-1-1")]


def test_first_review_of_an_action_counts_as_a_change(data_dir: Path) -> None:
    replace_in(data_dir / "suivi" / "2024.yml", '  "1-1-2":\n    statut: non-demarree\n', "")
    found = [(c.action.id, c.before, c.after) for c in changes(load_model(data_dir))]
    assert found == [("1-1-1", "en-cours", "realisee"), ("1-1-2", "", "en-cours")]


def test_dashboard_counts_match_a_hand_counted_axe(built_site: Path) -> None:
    # data/suivi/2025.yml, counted by hand: axe 1 has 12 actions, 1-1-2 réalisée; 1-1-1, 1-1-3 to 1-1-6, 1-2-1 to
    # 1-2-3 and 1-3-2 en cours (9); 1-3-1 non démarrée; 1-1-7 début prévu plus tard.
    page = (built_site / "suivi" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr>\s*<td>Axe 1</td>(.*?)</tr>", page, re.S).group(1)
    assert [int(n) for n in re.findall(r">(\d+)</td>", row)] == [1, 9, 1, 1, 12]
    title = "Axe 1 : Mettre en place des actions de prévention et de promotion de la santé"  # bars name their axe
    assert f"{title} : 1 réalisée, 9 en cours, 1 non démarrée" in unescape(page)


# --- Staleness at exactly `mise_a_jour_mois`, both sides ------------------------------------------------------
# Both structures of the minimal data were updated on 2026-01-15: ten months old on 2026-11-15, nine the day before.

@pytest.mark.parametrize(("today", "expected"), [("2026-11-14", []), ("2026-11-15", ["ehpad-test", "msp-test"])])
def test_staleness_boundary(today: str, expected: list[str]) -> None:
    model = load_model(MINIMAL, today=dt.date.fromisoformat(today), edition="pro", stale_after_months=10)
    assert [s.id for s, _ in model.stale_structures()] == expected
    page = next(p.content for p in render_pages(model) if p.uri == "coordination/fiches-a-mettre-a-jour.md")
    assert re.findall(r"\]\(\.\./repertoire/([\w-]+)\.md\) \|", page) == expected



def test_an_escaped_value_keeps_one_space_at_its_edges_and_still_escapes_line_starts() -> None:
    """`{{ " « " ~ titre ~ " »" }}` after « de l'axe 2 » gave « de l'axe 2« Accès aux soins »»."""
    assert str(escape(" « Accès aux soins »")) == " « Accès aux soins »"
    assert str(escape("  un  nom \n")) == " un nom "
    assert "<ul>" not in markdown_lib.markdown(f"Terme\n\n{escape(' - pas une liste')}\n")
