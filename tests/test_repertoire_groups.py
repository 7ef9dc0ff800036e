"""A repertoire above its threshold: the index lists types and communes, each with its own filterable page.

The data set is the benchmark's generator (benchmarks/generate.py) at 100 structures, with the threshold
(`repertoire_seuil`) lowered to 50 so the split happens without building 10,000 structures.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BUILD_DATE, ROOT, served

from site_builder.cli import main

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

SIZE = 100
THRESHOLD = 50
AXE_SCRIPT = (ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture(scope="module")
def grouped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("grouped")
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, root / name)
    generate(root / "data", SIZE)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("      data_dir: data", f"      data_dir: data\n      guide_pdf: false\n"
                                                 f"      repertoire_seuil: {THRESHOLD}")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site"),
                                       "--date", BUILD_DATE])
    assert result.exit_code == 0, result.output
    return root / "site"


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _group_links(index: str, kind: str) -> list[tuple[str, int]]:
    """(link, count) of each group the index lists: `par-type` or `par-commune`."""
    return [(link, int(count)) for link, count in
            re.findall(rf'<li><a href="({kind}/[^"]+/)">(?:[^<]|</?abbr[^>]*>)+</a> \((\d+)\)</li>', index)]


def _fiches(page: str) -> list[str]:
    """The fiches a group page lists (one per `.cls-structures` item)."""
    return re.findall(r'<li [^>]*data-typologie="[^"]+"[^>]*><a href="\.\./\.\./([^"/]+)/"', page)


def test_index_lists_groups_not_structures(grouped_site: Path) -> None:
    index = _html(grouped_site, "repertoire")
    assert 'class="cls-structures"' not in index  # no structure listed: the page does not grow with them
    assert f"Les <strong>{SIZE} structures</strong>" in index
    assert len(_group_links(index, "par-type")) == 12  # the generator's twelve kinds
    assert len(_group_links(index, "par-commune")) == 77  # 100 structures over the territory's 77 communes


@pytest.mark.parametrize("kind", ["par-type", "par-commune"])
def test_every_group_page_exists_and_counts_add_up(grouped_site: Path, kind: str) -> None:
    index = _html(grouped_site, "repertoire")
    seen: list[str] = []
    for link, count in _group_links(index, kind):
        fiches = _fiches(_html(grouped_site, f"repertoire/{link}"))
        assert len(fiches) == count, link
        seen += fiches
    on_disk = {p.name for p in (grouped_site / "repertoire").glob("structure-*") if p.is_dir()}
    assert len(on_disk) == SIZE
    assert sorted(seen) == sorted(on_disk)  # each structure once, reached by plain links from the index
    pages = {p.name for p in (grouped_site / "repertoire" / kind).iterdir()}
    assert {link.split("/")[1] for link, _ in _group_links(index, kind)} == pages  # no page left unlinked


def test_group_page_keeps_its_filters_and_leads_back(grouped_site: Path) -> None:
    page = _html(grouped_site, "repertoire/par-type/pharmacie")
    assert '<option value="pharmacie" data-href="./" selected>' in page
    assert '<option value="" data-href="../../">Tous</option>' in page
    assert 'select name="commune">' in page  # filters the page itself
    trail = page.split('class="cls-breadcrumb"')[1].split("</nav>")[0]
    assert 'href="../../"' in trail  # back to the index
    commune = _html(grouped_site, "repertoire/par-commune/pithiviers")
    assert 'select name="commune" data-cls-navigate>' in commune and 'select name="typologie">' in commune
    assert 'name="epci"' not in commune  # one commune is in one communauté de communes


def test_group_pages_are_left_out_of_the_search(grouped_site: Path) -> None:
    """They repeat the fiches' names: indexed, they would crowd out the fiches themselves."""
    assert "data-pagefind-body" not in _html(grouped_site, "repertoire/par-type/pharmacie")
    assert "data-pagefind-body" not in _html(grouped_site, "repertoire/par-commune/pithiviers")
    assert "data-pagefind-body" in _html(grouped_site, "repertoire/structure-00000")


def test_the_map_is_framed_before_its_markers(grouped_site: Path) -> None:
    """Framing after the markers re-clustered them all at a new zoom, animated: the map of 1,000 took seconds."""
    script = _html(grouped_site, "carte").split('id="map_carte_structures_0"')[1]
    framed = script.index("map_carte_structures_0.fitBounds(")
    assert framed < script.index("window.clsCartes.addMarkers(")
    assert script[framed:script.index(";", framed)].endswith("{padding: [20, 20], animate: false})")


@pytest.fixture(scope="module")
def site_url(grouped_site: Path) -> Iterator[str]:
    """In this module the served site is the grouped one: conftest's `page` and `phone` open it."""
    with served(grouped_site) as url:
        yield url


@pytest.mark.browser
def test_a_filter_on_the_index_opens_the_group_with_the_other_filters(phone, site_url: str) -> None:
    phone.goto(site_url + "/repertoire/")
    phone.locator("select[name=epci]").select_option(label="Communauté de communes du Pithiverais")
    assert "epci=cc-pithiverais" in phone.url
    assert phone.locator(".cls-epci:not([hidden])").count() == 1  # the other communautés' communes are hidden
    phone.locator("select[name=typologie]").select_option(label="Pharmacie")
    phone.wait_for_url("**/repertoire/par-type/pharmacie/?epci=cc-pithiverais")
    shown = phone.locator(".cls-structures li:not([hidden])")
    assert shown.count() >= 1
    assert set(shown.evaluate_all("items => items.map(i => i.dataset.epci + ' ' + i.dataset.typologie)")) == {
        "cc-pithiverais pharmacie"}
    assert phone.locator(".cls-structures li").count() > shown.count()  # the page has others, filtered out
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shown.first.get_by_role("link").first.click()
    phone.wait_for_url("**/repertoire/structure-*/")
    assert "Pharmacie" in phone.locator("article").inner_text()


@pytest.mark.browser
def test_a_shared_address_of_the_index_opens_the_right_group(phone, grouped_site: Path, site_url: str) -> None:
    code = re.search(r'data-commune="(\d+)"', _html(grouped_site, "repertoire/par-type/ehpad")).group(1)
    slug = re.search(rf'<option value="{code}" data-href="par-commune/([^/]+)/"', _html(grouped_site, "repertoire"))
    phone.goto(site_url + f"/repertoire/?typologie=ehpad&commune={code}&ouvert=samedi")
    phone.wait_for_url(f"**/repertoire/par-type/ehpad/?commune={code}&ouvert=samedi")
    assert phone.locator("select[name=commune]").input_value() == code
    assert phone.get_by_label("Ouvert le samedi").is_checked()
    items = phone.locator(".cls-structures li:not([hidden])")
    assert set(items.evaluate_all("items => items.map(i => i.dataset.commune)")) <= {code}
    phone.locator("select[name=typologie]").select_option("")  # « Tous » : back to the index, then the commune
    phone.wait_for_url(f"**/repertoire/par-commune/{slug.group(1)}/?ouvert=samedi")
    assert phone.locator("select[name=commune]").input_value() == code


@pytest.mark.browser
def test_without_javascript_every_group_is_a_link(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(site_url + "/repertoire/")
    assert not tab.locator("[data-cls-filters]").is_visible()
    tab.get_by_role("link", name="Pithiviers", exact=True).click()
    tab.wait_for_url("**/repertoire/par-commune/pithiviers/")
    assert tab.locator(".cls-structures li").count() >= 1
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["repertoire/", "repertoire/par-type/pharmacie/",
                                  "repertoire/par-commune/pithiviers/"])
def test_axe_core_finds_no_violation_on_the_grouped_repertoire(page, site_url: str, path: str) -> None:
    # At 390 px, axe reports Material's own drawer navigation (landmark-unique) on every page of the site,
    # the example's too: the audit runs at page width, as test_browser's does.
    page.goto(f"{site_url}/{path}")
    page.add_script_tag(content=AXE_SCRIPT)
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""", AXE_TAGS)
    assert result == []
