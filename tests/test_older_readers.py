"""Readers of 70+ (issue 25 item 11): phone numbers and form controls are targets of at least 44 × 44 px on a phone."""

from __future__ import annotations

import pytest

SMALL_TARGETS = """sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null).map(e => {
  const target = e.closest("label") || e, box = target.getBoundingClientRect();
  return [e.outerHTML.slice(0, 80), Math.round(box.width), Math.round(box.height)];
}).filter(([, w, h]) => w < 44 || h < 44)"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "pres-de-chez-moi/", "repertoire/", "repertoire/msp-pithiviers/",
                                  "bien-vieillir/comparer/"])
def test_phone_numbers_and_controls_are_big_enough_to_tap(phone, site_url: str, path: str) -> None:
    phone.goto(f"{site_url}/{path}")
    phone.wait_for_load_state("load")
    assert phone.evaluate(SMALL_TARGETS, ".md-content a[href^='tel:']") == []
    assert phone.evaluate(SMALL_TARGETS, ".md-content select, .md-content input:not([type=hidden])") == []


@pytest.mark.browser
def test_the_text_around_a_phone_number_does_not_move(phone, site_url: str) -> None:
    phone.goto(f"{site_url}/")
    heights = phone.evaluate("""() => {
      const box = document.querySelector(".cls-urgent__main"), before = box.getBoundingClientRect().height;
      box.querySelectorAll("a[href^='tel:']").forEach(a => { a.style.padding = "0"; a.style.margin = "0"; });
      return [before, box.getBoundingClientRect().height];
    }""")
    assert abs(heights[0] - heights[1]) < 2, heights  # the padding is taken back: the box is as tall as without it
