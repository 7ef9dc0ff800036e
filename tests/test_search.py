"""Site search (Pagefind): what the build indexes, and what a visitor finds, by keyboard too, in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import MINIMAL, ROOT, local_context, plain

from site_builder import search
from site_builder.validate import load_model

AXE_SCRIPT = (ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


# --- what the build writes -------------------------------------------------------------------------------------

def test_the_site_has_a_pagefind_index_and_no_material_index(built_site: Path) -> None:
    bundle = built_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["fr"]["page_count"] > 300
    assert (bundle / "pagefind.js").exists()
    assert not (built_site / "search" / "search_index.json").exists()  # Material's whole-site index is gone
    assert not [name for name in search.UNUSED_FILES if (bundle / name).exists()]


def test_no_page_loads_the_search_engine_before_a_search(built_site: Path) -> None:
    page = html(built_site, "repertoire")
    assert "pagefind/pagefind.js" not in page  # only recherche.js imports it, on the first search
    assert 'id="cls-recherche"' in page and "data-cls-recherche-ouvrir" in page
    assert "search_index.json" not in page


def test_records_carry_their_kind_and_commune(built_site: Path) -> None:
    fiche = html(built_site, "repertoire/msp-pithiviers")
    assert 'data-pagefind-filter="Structure:oui"' in fiche
    assert re.search(r'data-pagefind-meta="commune" hidden>Pithiviers<', fiche)
    assert "médecin" in re.search(r'data-pagefind-weight="10" hidden>(.*?)<', fiche).group(1)
    assert 'data-pagefind-filter="Action:oui"' in html(built_site, "programme/action-1-1-4")
    assert 'data-pagefind-filter="Événement:oui"' in html(built_site, "agenda/atelier-sommeil-seniors-2026")
    assert 'data-pagefind-filter="Lettre:oui"' in html(built_site, "lettre/numero-1")
    assert 'data-pagefind-filter="Page:oui"' in html(built_site, "le-cls")


def test_the_printable_guide_is_not_indexed(built_site: Path) -> None:
    """It repeats every establishment of the guide: indexed, it would crowd out their own fiches."""
    assert "data-pagefind-body" not in html(built_site, "bien-vieillir/guide-a-imprimer")
    assert "data-pagefind-body" in html(built_site, "bien-vieillir/ehpad")


def test_words_repeated_on_every_fiche_are_not_indexed_there(built_site: Path) -> None:
    """The urgent numbers, the breadcrumb and « Itinéraire… Signaler une erreur » say nothing of one fiche."""
    def urgent_box(page: str) -> str:
        return re.search(r'<aside [^>]*class="cls-urgent"[^>]*>', html(built_site, page)).group(0)

    assert 'data-pagefind-ignore="all"' in urgent_box("repertoire/msp-pithiviers")
    assert "data-pagefind-ignore" not in urgent_box("")  # the home page: found there
    for selector in (".cls-breadcrumb", ".cls-fiche-actions", ".headerlink"):
        assert selector in search.EXCLUDED


def test_typology_shortcuts_name_the_kinds_present_with_their_words() -> None:
    model = load_model(MINIMAL, MINIMAL.parent)
    shortcuts = json.loads(search.typology_shortcuts(model))
    present = {s.typologie for s in model.structures}
    assert len(shortcuts) == len(present)
    msp = next(s for s in shortcuts if s["url"].endswith("?type=msp"))
    assert msp["nombre"] == sum(1 for s in model.structures if s.typologie == "msp")
    assert "medecin" in msp["mots"].split()  # folded: typed with or without its accent
    assert msp["url"].startswith("pres-de-chez-moi/")


def test_facets_give_each_record_page_its_kind() -> None:
    model = load_model(MINIMAL, MINIMAL.parent)
    facets = search.page_facets(model)
    structure = model.structures[0]
    line = f"EHPAD · {structure.adresse}, {structure.code_postal} {structure.commune} · {structure.telephone}"
    assert facets[f"repertoire/{structure.id}.md"] == search.Facets(
        "Structure", structure.commune, facets[f"repertoire/{structure.id}.md"].words, fiche=line)
    action = model.axes[0].actions[0]
    assert facets[f"programme/action-{action.id}.md"].type == "Action"
    assert not facets["bien-vieillir/guide-a-imprimer.md"].indexed


# --- what a visitor does ---------------------------------------------------------------------------------------

def open_search(page, site_url: str, path: str = "") -> None:
    page.goto(f"{site_url}/{path}")
    page.get_by_role("button", name="Rechercher sur le site").click()


def results_for(page, query: str) -> list[str]:
    """Type `query` and return the result lines: title, then « kind · commune »."""
    page.get_by_label("Mots recherchés").fill(query)
    page.wait_for_function("q => document.querySelector('.cls-recherche__etat').textContent.includes(q)", arg=query)
    return page.locator(".cls-recherche__resultats li").all_inner_texts()


@pytest.mark.browser
def test_accents_and_case_do_not_matter(page, site_url: str) -> None:
    open_search(page, site_url)
    counts = {}
    for query in ("dépistage", "depistage", "DÉPISTAGE", "DEPISTAGE"):
        lines = results_for(page, query)
        # « depistage » is written nowhere without its accent: only folding finds these.
        assert any(line.startswith("Centre régional de coordination des dépistages") for line in lines), (query, lines)
        counts[query] = page.locator(".cls-recherche__etat").inner_text().split()[0]
    assert len(set(counts.values())) == 1, counts


@pytest.mark.browser
def test_medecin_offers_the_kinds_of_structure_where_doctors_are(page, site_url: str) -> None:
    open_search(page, site_url)
    results_for(page, "medecin")
    shortcuts = page.locator(".cls-recherche__raccourcis a").all_inner_texts()
    assert shortcuts[0].startswith("Maison de santé pluriprofessionnelle (")
    assert any(s.startswith("Centre de santé (") for s in shortcuts)
    assert not any("Pharmacie" in s for s in shortcuts)
    page.locator(".cls-recherche__raccourcis a").first.click()
    page.wait_for_url("**/pres-de-chez-moi/?type=msp")
    assert page.locator("#cls-near-kind").input_value() == "msp"


@pytest.mark.browser
def test_a_result_shows_its_kind_and_commune_and_filters_by_kind(page, site_url: str) -> None:
    open_search(page, site_url)
    lines = results_for(page, "Puiseaux")
    assert any("Structure · Puiseaux" in line for line in lines), lines
    page.get_by_label("Afficher").select_option("Commune")
    page.wait_for_function("() => { const items = [...document.querySelectorAll('.cls-recherche__resultats li')];"
                           " return items.length > 0 && items.every(li => li.textContent.includes('Commune')); }")
    lines = page.locator(".cls-recherche__resultats li").all_inner_texts()
    assert lines and lines[0].startswith("Se soigner à Puiseaux"), lines


@pytest.mark.browser
def test_the_urgent_numbers_are_found_on_their_page_not_on_every_fiche(page, site_url: str) -> None:
    """« 3114 » (suicide prevention) is in the box of every fiche: the search gives the page that shows it."""
    open_search(page, site_url)
    lines = results_for(page, "suicide")
    assert lines and len(lines) <= 3, lines
    assert not any("Structure ·" in line for line in lines), lines


@pytest.mark.browser
def test_a_typo_at_the_end_of_a_word_still_finds(page, site_url: str) -> None:
    open_search(page, site_url)
    lines = results_for(page, "pharmcie")
    assert "commençant par « phar »" in plain(page.locator(".cls-recherche__etat").inner_text())
    assert any("Pharmacie" in line for line in lines[:3]), lines[:3]


@pytest.mark.browser
def test_keyboard_only_search_and_open_a_result(page, site_url: str) -> None:
    page.goto(site_url + "/programme/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "cls-recherche-q"
    page.keyboard.type("diabete")
    page.wait_for_function("document.querySelector('.cls-recherche__etat').textContent.includes('diabete')")
    target = page.locator(".cls-recherche__resultats a").first
    title = target.inner_text()
    for _ in range(10):  # Tab from the box to the first result, past the kind selector
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.cls-recherche__resultats') !== null"):
            break
    page.keyboard.press("Enter")
    page.wait_for_function("t => document.querySelector('h1') && document.querySelector('h1').textContent.includes(t)",
                           arg=title[:30])
    assert not page.locator("#cls-recherche").is_visible()
    page.keyboard.press("/")
    page.keyboard.press("Escape")
    assert not page.locator("#cls-recherche").is_visible()


@pytest.mark.browser
def test_search_works_after_instant_navigation_and_lives_in_the_address(page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.get_by_role("link", name="Le contrat", exact=True).first.click()
    page.wait_for_url("**/le-cls/")
    page.get_by_role("button", name="Rechercher sur le site").click()
    assert results_for(page, "tabac")
    assert "recherche=tabac" in page.url
    shared = page.url
    page.goto(shared)  # a shared address opens the search with its words
    page.wait_for_function("document.querySelector('.cls-recherche__etat').textContent.includes('tabac')")
    assert page.get_by_label("Mots recherchés").input_value() == "tabac"


@pytest.mark.browser
def test_hostile_excerpt_markup_is_shown_as_text(page, site_url: str) -> None:
    open_search(page, site_url)
    results_for(page, "vaccination")
    marks = page.locator(".cls-recherche__extrait mark")
    assert marks.count() >= 1
    assert page.locator(".cls-recherche__extrait *:not(mark)").count() == 0


@pytest.mark.browser
def test_first_search_downloads_little(browser, site_url: str) -> None:
    """The engine and the index arrive only with the first search, and stay small (sizes as served, no gzip)."""
    context = local_context(browser, site_url)
    tab = context.new_page()
    sizes: dict[str, int] = {}
    tab.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
    tab.goto(site_url + "/repertoire/")
    tab.wait_for_load_state("networkidle")
    assert not [url for url in sizes if "/pagefind/" in url]
    tab.get_by_role("button", name="Rechercher sur le site").click()
    results_for(tab, "pharmacie")
    search_bytes = sum(size for url, size in sizes.items() if "/pagefind/" in url or "/recherche/" in url)
    assert search_bytes < 400_000, sizes
    context.close()


@pytest.mark.browser
def test_open_search_dialog_has_no_axe_violation(page, site_url: str) -> None:
    open_search(page, site_url)
    results_for(page, "dépistage")
    page.add_script_tag(content=AXE_SCRIPT)
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document.querySelector('#cls-recherche'), {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)}));
    }""", AXE_TAGS)
    assert result == [], json.dumps(result, indent=1, ensure_ascii=False)


@pytest.mark.browser
def test_without_javascript_there_is_no_dead_search_button(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "/")
    assert not tab.locator("[data-cls-recherche-ouvrir]").is_visible()
    context.close()
