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
