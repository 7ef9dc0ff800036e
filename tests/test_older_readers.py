"""Readers of 70+ (issue 25 item 11): form controls are targets of at least 44 × 44 px on a phone, and a phone number's
target never covers another link."""

from __future__ import annotations

import pytest

SMALL_TARGETS = """sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null).map(e => {
  const target = e.closest("label") || e, box = target.getBoundingClientRect();
  return [e.outerHTML.slice(0, 80), Math.round(box.width), Math.round(box.height)];
}).filter(([, w, h]) => w < 44 || h < 44)"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "pres-de-chez-moi/", "repertoire/", "repertoire/msp-pithiviers/",
                                  "bien-vieillir/comparer/"])
def test_form_controls_are_big_enough_to_tap(phone, site_url: str, path: str) -> None:
    phone.goto(f"{site_url}/{path}")
    phone.wait_for_load_state("load")
    assert phone.evaluate(SMALL_TARGETS, ".md-content select, .md-content input:not([type=hidden])") == []


@pytest.mark.browser
def test_a_phone_number_s_target_covers_no_other_link(phone, site_url: str) -> None:
    phone.goto(f"{site_url}/repertoire/")
    phone.locator(".cls-structures li").nth(3).scroll_into_view_if_needed()  # a list of names with phones
    covered = phone.evaluate("""() => [...document.querySelectorAll(".md-content a:not([href^='tel:'])")]
      .filter(a => a.offsetParent !== null).filter(a => {
        const r = a.getBoundingClientRect(), x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
        if (y < 0 || y > innerHeight) return false;
        const hit = document.elementFromPoint(x, y);
        return hit && hit.closest("a[href^='tel:']");
      }).map(a => a.textContent.trim())""")
    assert covered == []  # a tap on a name opens its page, never dials the number below or above it


# --- type, titles, reflow, French spaces, acronyms (issue 25 items 10 and 11) -----------------------------------

PAGE_TYPES = ["", "repertoire/", "repertoire/msp-pithiviers/", "repertoire/pharmacie-faubourg-pithiviers/", "carte/",
              "pres-de-chez-moi/", "pres-de-chez-moi/?lieu=Puiseaux%20(45390)", "communes/",
              "communes/ascoux/", "bien-vieillir/", "bien-vieillir/ehpad/", "bien-vieillir/comparer/",
              "bien-vieillir/cote-a-cote/", "bien-vieillir/couts-et-aides/", "agenda/",
              "agenda/atelier-sommeil-seniors-2026/", "lettre/", "lettre/numero-1/", "programme/",
              "programme/action-2-1-1/", "suivi/", "suivi/bilan-2025/", "partenaires/", "le-cls/", "s-abonner/",
              "mentions-legales/", "glossaire/", "404.html"]

# Every visible run of text: [its element, font size in px, its first words].
TEXT_SIZES = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), found = [];
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement, text = walker.currentNode.textContent.trim();
    if (!text || !element.getClientRects().length || getComputedStyle(element).visibility === "hidden") continue;
    const box = element.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;  // visually hidden (skip link, screen-reader text)
    found.push([element.tagName.toLowerCase() + "." + element.className, parseFloat(getComputedStyle(element).fontSize),
                text.slice(0, 40)]);
  }
  return found;
}"""
# Texts with an ordinary space where French typography wants one that does not break.
BREAKABLE = """() => [...document.querySelectorAll("main :is(p, li, h1, h2, h3, td, label, summary)")]
  .map(e => e.textContent).filter(t => /[ \\n][?!;:»]|« /.test(t)).map(t => t.slice(0, 60))"""
# Lines that are labels, not running text (14 px or more is enough there): a list's opening hours, the breadcrumb,
# the date of a fiche, a map's legend and filter.
LABELS = ".cls-structures, .cls-breadcrumb, .cls-updated, .cls-map__legend, .cls-map__filter, .cls-map__status"
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# SIDEWAYS once the page has been laid out again (after a resize or a new text size).
AFTER_LAYOUT = ("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame("
                f"() => done(({SIDEWAYS})()))))")


def _open(context: object, site_url: str, path: str) -> object:
    """A page of `context`, loaded."""
    tab = context.new_page()
    tab.goto(f"{site_url}/{path}")
    tab.wait_for_load_state("load")
    return tab


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_text_sizes_and_no_sideways_scroll_at_320_px_or_at_200_percent_text(browser, site_url: str,
                                                                             path: str) -> None:
    """One visit per page type on a phone: text 16 px and nothing under 14 px; no sideways scroll at 390 px, then
    with the phone narrowed to 320 px, then back at 390 px with the browser's text size at 200 % (what « Taille du
    texte » in the settings does: rem and em grow, px do not; Chromium applies it to the open page). The same
    checks as four visits, in a quarter of the suite's time."""
    from helpers import local_context

    context = local_context(browser, site_url, viewport={"width": 390, "height": 844}, has_touch=True)
    tab = _open(context, site_url, path)
    sizes = tab.evaluate(TEXT_SIZES)
    paragraphs = tab.evaluate("""labels => [...document.querySelectorAll("article p, article li")]
      .filter(e => e.offsetParent !== null && !e.closest(labels))
      .map(e => parseFloat(getComputedStyle(e).fontSize))""", LABELS)
    overflow = {"390 px": tab.evaluate(SIDEWAYS)}
    tab.set_viewport_size({"width": 320, "height": 640})
    tab.wait_for_function("() => innerWidth === 320")
    overflow["320 px"] = tab.evaluate(AFTER_LAYOUT)
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.wait_for_function("() => innerWidth === 390")
    tab.context.new_cdp_session(tab).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    overflow["200 %"] = tab.evaluate(AFTER_LAYOUT)
    root = tab.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    context.close()
    assert [entry for entry in sizes if entry[1] < 14] == []
    assert paragraphs and min(paragraphs) >= 16
    assert root == 40  # Material's 125 % of the reader's 32 px: the text really is twice as big
    assert max(overflow.values()) <= 0, overflow


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "bien-vieillir/", "suivi/", "repertoire/msp-pithiviers/"])
def test_titles_are_dark_and_bold(phone, site_url: str, path: str) -> None:
    from site_builder.theme import contrast

    phone.goto(f"{site_url}/{path}")
    titles = phone.evaluate("""() => [...document.querySelectorAll("article h1, article h2")].map(h => {
      const s = getComputedStyle(h), [r, g, b, a = 1] = s.color.match(/[\\d.]+/g).map(Number);
      const mix = c => Math.round(c * a + 255 * (1 - a));  // the colour as drawn on the white page
      return [h.textContent.trim(), "#" + [r, g, b].map(c => mix(c).toString(16).padStart(2, "0")).join(""),
              Number(s.fontWeight)];
    })""")
    assert titles
    for title, colour, weight in titles:
        assert contrast(colour, "#ffffff") >= 4.5 and weight >= 600, (title, colour, weight)


@pytest.mark.browser
def test_a_question_mark_never_starts_a_line(browser, site_url: str) -> None:
    """« Où en est le programme ? » at 320 px: the « ? » stays on the line of « programme », and no text of the
    pages tried has an ordinary (breakable) space before « ? ! ; : » or inside « »."""
    from helpers import local_context

    context = local_context(browser, site_url, viewport={"width": 320, "height": 640}, has_touch=True)
    breakable = []
    for path in ("suivi/", "bien-vieillir/", "bien-vieillir/couts-et-aides/", "repertoire/msp-pithiviers/"):
        tab = _open(context, site_url, path)
        breakable += [(path, text) for text in tab.evaluate(BREAKABLE)]
        if path == "suivi/":
            lines = tab.evaluate("""() => {
              const h1 = document.querySelector("article h1"), text = h1.firstChild, at = text.data.indexOf("?");
              const top = i => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                                 return Math.round(r.getBoundingClientRect().top); };
              return [text.data, top(at - 2), top(at)];
            }""")
    context.close()
    assert lines[0].startswith("Où en est le programme")
    assert lines[1] == lines[2], lines  # « e » and « ? » on the same line
    assert breakable == []


@pytest.mark.browser
@pytest.mark.parametrize(("path", "sigle", "explained"), [
    ("repertoire/msp-pithiviers/", "MSP", "Maison de santé pluriprofessionnelle"),
    ("", "PETR", "Pôle d'équilibre territorial et rural"),
    ("bien-vieillir/", "EHPAD", "Établissement d'hébergement pour personnes âgées dépendantes"),
])
def test_the_first_acronym_of_a_page_is_explained(phone, site_url: str, path: str, sigle: str,
                                                  explained: str) -> None:
    phone.goto(f"{site_url}/{path}")
    first = phone.evaluate("""sigle => {
      const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) if (new RegExp("\\\\b" + sigle + "\\\\b").test(walker.currentNode.data)) {
        const abbr = walker.currentNode.parentElement.closest("abbr");
        return abbr ? abbr.title : "(sans explication)";
      }
      return "(absent)";
    }""", sigle)
    assert first.startswith(explained)
    phone.get_by_role("link", name="Glossaire").click()
    assert phone.locator("#" + sigle.lower()).inner_text() == sigle


@pytest.mark.browser
def test_words_beside_a_no_break_space_are_still_found(page, site_url: str) -> None:
    """Pagefind splits on every Unicode space: « exemplaires » (after « 1 500 ») and « stagiaire » (before « ? »)."""
    page.goto(f"{site_url}/")
    page.get_by_role("button", name="Rechercher sur le site").click()
    for query in ("exemplaires", "stagiaire"):
        page.get_by_label("Mots recherchés").fill(query)
        page.wait_for_function("q => document.querySelector('.cls-recherche__etat').textContent.includes(q)",
                               arg=query)
        results = page.locator(".cls-recherche__resultats li").all_inner_texts()
        assert results, query
