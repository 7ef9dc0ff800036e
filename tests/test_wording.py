"""Words that fit what a visitor looks at, and that say how fresh they are: labels per kind of senior service,
old prices, the latest newsletter's age, one count of axes, breadcrumbs that follow the menu (issue 13, item 7)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import yaml
from helpers import ROOT

from site_builder import figures, sanitize, sections, urls
from site_builder.render import directives, programme_pages, render_pages
from site_builder.render.senior_facts import facts, price_notice, prices_are_old
from site_builder.text import age_fr
from site_builder.validate import load_model

MODEL = load_model(ROOT / "data", today=dt.date(2026, 11, 23))
NAV = yaml.safe_load(re.search(r"^nav:\n(?:  .*\n)+", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                               re.M).group(0))["nav"]


def _text(built_site: Path, page: str) -> str:
    """The visible text of a built page's article, tags removed and entities decoded."""
    source = (built_site / page / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", source, re.S).group(0)
    article = re.sub(r"<(script|style)\b.*?</\1>", " ", article, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def _pages(today: dt.date) -> dict[str, str]:
    return {page.uri: page.content for page in render_pages(dataclasses.replace(MODEL, today=today))}


# --- labels per kind ----------------------------------------------------------------------------------------

def test_a_home_help_fiche_and_its_row_have_no_hosting_words(built_site: Path) -> None:
    fiche = _text(built_site, "repertoire/saad-malesherbois")
    senior_part = fiche[fiche.index("Accueil des personnes âgées"):fiche.index("Services ¶")]
    assert "Tarif horaire : 26,50 € de l'heure" in senior_part
    assert "hébergement" not in senior_part.lower()
    table = (built_site / "bien-vieillir" / "comparer" / "index.html").read_text(encoding="utf-8")
    row = next(r for r in re.findall(r"<tr data-kinds.*?</tr>", table, re.S) if "saad-malesherbois" in r)
    cells = [html.unescape(re.sub(r"<[^>]+>", " ", c)).split() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    price, places = " ".join(cells[4]), " ".join(cells[6])
    assert price == "26,50 € de l'heure" and places == "sans objet"


def test_nursing_at_home_is_paid_by_the_assurance_maladie_in_the_table(built_site: Path) -> None:
    table = _text(built_site, "bien-vieillir/comparer")
    ssiad = table[table.index("SSIAD du Pithiverais"):][:300]
    assert "soins payés par l'Assurance maladie" in ssiad and "non communiqué" not in ssiad


def test_an_ehpad_listed_under_day_care_shows_day_care_facts() -> None:
    ehpad = next(s for s in MODEL.seniors_of_kind("accueil-jour") if s.typologie == "ehpad")
    labels = dict(facts(ehpad, "accueil-jour"))
    assert labels["Proposé par"] == "EHPAD"
    assert labels["Places"] == f"{ehpad.seniors.places_accueil_jour} d'accueil de jour"
    assert not [label for label in labels if "hébergement" in label.lower() or label == "Unité Alzheimer"]
    assert price_notice(ehpad, dt.date(2030, 1, 1), "accueil-jour") == ""  # its room prices are not shown


def test_the_day_care_page_has_no_hosting_price_nor_empty_alzheimer_line(built_site: Path) -> None:
    page = _text(built_site, "bien-vieillir/accueil-jour")
    listing = page[page.index("Sur le territoire"):page.index("Voir aussi")]
    assert "Prix de l'hébergement" not in listing and "Unité Alzheimer" not in listing
    assert ": Non " not in listing and ": aucune" not in listing


# --- old prices ---------------------------------------------------------------------------------------------

def test_old_prices_carry_a_visible_notice_fresh_ones_none(built_site: Path) -> None:
    # Build date of the tests: 23 November 2026. Les Tilleuls: prices of January 2025; Paul Cabanis: January 2026.
    old = _text(built_site, "repertoire/ehpad-les-tilleuls-malesherbois")
    assert "Prix à vérifier Tarifs de janvier 2025, il y a plus d'un an : ils ont pu changer depuis" in old
    fresh = _text(built_site, "repertoire/ehpad-ch-beaune-la-rolande")
    assert "Prix à vérifier" not in fresh and "plus d'un an" not in fresh
    kind = (built_site / "bien-vieillir" / "ehpad" / "index.html").read_text(encoding="utf-8")
    assert kind.count('class="cls-price-notice"') == sum(
        1 for s in MODEL.seniors_of_kind("ehpad") if prices_are_old(s.seniors, MODEL.today)) >= 2
    table = _text(built_site, "bien-vieillir/comparer")
    assert "68,20 € par jour tarif de janvier 2025, à vérifier" in table
    assert "63,75 € par jour 6,18 €" in table  # Paul Cabanis, fresh: no notice beside its price


def test_the_notice_follows_the_build_date() -> None:
    fresh = _pages(dt.date(2025, 12, 1))  # every price of the example is less than a year old then
    later = _pages(dt.date(2028, 1, 1))  # and every one is older
    for uri in (urls.senior_kind("ehpad"), urls.SENIOR_TABLE, urls.SENIOR_PRINT):
        assert "ont pu changer" not in fresh[uri] and "à vérifier" not in fresh[uri], uri
        assert "ont pu changer" in later[uri] or "à vérifier" in later[uri], uri
    saad = next(s for s in MODEL.structures if s.id == "saad-malesherbois")
    assert "demandez les tarifs actuels au service" in later[urls.structure(saad)]


# --- newsletter age -----------------------------------------------------------------------------------------

def test_age_in_words() -> None:
    assert age_fr(dt.date(2025, 7, 15), dt.date(2026, 11, 23)) == "il y a 16 mois"
    assert age_fr(dt.date(2025, 7, 15), dt.date(2027, 8, 1)) == "il y a 2 ans"
    assert age_fr(dt.date(2026, 11, 20), dt.date(2026, 11, 23)) == "il y a 3 jours"
    assert age_fr(dt.date(2026, 11, 23), dt.date(2026, 11, 23)) == "aujourd'hui"


def test_the_latest_newsletter_says_its_age(built_site: Path) -> None:
    archive = _text(built_site, "lettre")
    assert "Dernier numéro : juillet 2025, il y a 16 mois — n° 4 : À mi-parcours" in archive
    home = _text(built_site, "")
    assert "parue le 15 juillet 2025 (il y a 16 mois)" in home


# --- axes ---------------------------------------------------------------------------------------------------

def test_one_count_of_axes_on_the_home_page_and_the_contract(built_site: Path) -> None:
    count = len(MODEL.axes)
    for page in ("", "le-cls", "programme"):
        text = _text(built_site, page)
        said = {int(n) for n in re.findall(r"(\d+) axes? stratégiques?", text)}
        assert said <= {count}, (page, said)
    current = next(p for p in MODEL.contract.historique
                   if p.periode == f"{MODEL.contract.debut}-{MODEL.contract.fin}")
    said = {int(n) for n in re.findall(r"(\d+) axes?\b", " ".join(current.resume))}
    assert said <= {count}, said  # the coordinator's own words about the current contract agree with the data


def test_figures_are_plural_correct() -> None:
    model = dataclasses.replace(MODEL, axes=MODEL.axes[:1])
    home = next(p.content for p in programme_pages.pages(model) if p.uri == urls.PROGRAMME)
    assert " 1 axe stratégique." in home


# --- breadcrumbs --------------------------------------------------------------------------------------------

def test_nav_trails_follow_sections_and_index_pages() -> None:
    trails = sections.nav_trails(NAV)
    assert trails[urls.REPERTOIRE] == (("Trouver un soin", ""), ("Répertoire", urls.REPERTOIRE))
    assert trails[urls.SENIOR_MAP] == (("Bien vieillir", urls.SENIORS), ("Carte", urls.SENIOR_MAP))
    assert trails[urls.SENIORS] == (("Bien vieillir", urls.SENIORS),)
    assert trails[urls.DASHBOARD][0] == ("Programme d'actions", urls.PROGRAMME)


def test_every_breadcrumb_starts_in_the_menu_section_of_its_page(built_site: Path) -> None:
    """The first words of each generated page's breadcrumb are the menu section it belongs to."""
    expected = {
        "bien-vieillir/carte": "Bien vieillir", "bien-vieillir/ehpad": "Bien vieillir",
        "bien-vieillir/comparer": "Bien vieillir", "bien-vieillir/cote-a-cote": "Bien vieillir",
        "bien-vieillir/entrer-en-etablissement": "Bien vieillir",
        "carte": "Trouver un soin", "carte/maisons-de-sante": "Trouver un soin",
        "repertoire/saad-malesherbois": "Trouver un soin › Répertoire",
        "communes/ascoux": "Trouver un soin › Ma commune",
        "programme/axe-2": "Programme d'actions", "programme/fiche-2-1": "Programme d'actions",
        "programme/action-2-1-1": "Programme d'actions", "suivi/bilan-2025": "Programme d'actions › Tableau de bord",
        "partenaires/cpam": "Partenaires", "agenda/atelier-sommeil-seniors-2026": "Agenda et lettre",
        "lettre/numero-1": "Agenda et lettre › La lettre du CLS",
    }
    sections_of_nav = {next(iter(item)) for item in NAV if isinstance(item, dict)}
    for page, start in expected.items():
        source = (built_site / page / "index.html").read_text(encoding="utf-8")
        crumb = re.search(r'<nav aria-label="Fil d\'Ariane" class="cls-breadcrumb">(.*?)</nav>', source, re.S).group(1)
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", crumb)).split())
        assert words.startswith(start), (page, words)
        assert words.split(" › ")[0] in sections_of_nav, (page, words)


def test_breadcrumbs_without_a_menu_fall_back_to_the_parent_page() -> None:
    structure = next(s for s in MODEL.structures if s.id == "saad-malesherbois")
    page = next(p.content for p in render_pages(MODEL) if p.uri == urls.structure(structure))
    assert '<nav class="cls-breadcrumb" aria-label="Fil d\'Ariane" markdown="span">[Répertoire](' in page


def test_the_guide_home_warns_when_some_prices_are_old(built_site: Path) -> None:
    """« à jour au 3 novembre 2026 » must not hide prices of 2025: the guide's home says how many are old."""
    home = _text(built_site, "bien-vieillir")
    old = sum(1 for s in MODEL.senior_establishments if prices_are_old(s.seniors, MODEL.today))
    assert old == 5
    assert f"Tarifs à vérifier : ceux de {old} services et établissements datent de plus d'un an" in home
    block = "<!-- cls:seniors-mise-a-jour -->"
    assert "Tarifs à vérifier" not in directives.expand(block, urls.SENIORS, dataclasses.replace(
        MODEL, today=dt.date(2025, 12, 1)))


def test_the_side_by_side_page_without_javascript_links_to_the_table(built_site: Path) -> None:
    source = (built_site / "bien-vieillir" / "cote-a-cote" / "index.html").read_text(encoding="utf-8")
    nojs = re.search(r'<div class="cls-side__nojs">(.*?)</div>', source, re.S).group(1)
    assert '<a href="../comparer/">le tableau comparatif</a>' in nojs and "](" not in nojs


def test_prose_figures_that_contradict_the_programme_are_reported() -> None:
    assert figures.mismatches(MODEL) == []  # the example's prose agrees with its 5 axes and 28 actions
    contract = MODEL.contract
    period = dataclasses.replace(contract.historique[-1], resume=("Il réunit 28 actions en 4 axes.",))
    wrong = dataclasses.replace(MODEL, contract=dataclasses.replace(
        contract, historique=(*contract.historique[:-1], period), accroche=("Un contrat, 30 actions.",)))
    assert figures.mismatches(wrong) == [
        "data/cls.yml, accroche : le texte dit « 30 actions », le programme en compte 28. "
        "Corrigez le texte (ou le programme).",
        "data/cls.yml, historique 2023-2026 : le texte dit « 4 axes », le programme en compte 5. "
        "Corrigez le texte (ou le programme).",
    ]


def test_a_newsletter_issue_keeps_its_breadcrumb_and_quiet_permalinks(built_site: Path) -> None:
    """Issues go through the sanitizer (the coordinator's prose): it keeps the breadcrumb's <nav> and the
    permalinks' tabindex="-1" aria-hidden="true", and nothing else of the kind."""
    source = (built_site / "lettre" / "numero-1" / "index.html").read_text(encoding="utf-8")
    assert '<nav aria-label="Fil d\'Ariane" class="cls-breadcrumb">' in source
    links = re.findall(r"<a[^>]*headerlink[^>]*>", source)
    assert links and all('tabindex="-1"' in a and 'aria-hidden="true"' in a for a in links)
    assert sanitize.clean('<a href="x" tabindex="3" aria-hidden="false">y</a>') == '<a href="x">y</a>'
