"""What a resident meets on a phone: addresses that can be copied, urgent help, hours, shareable searches."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import local_context

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True}


def test_subscription_addresses_are_shown_verbatim(built_site: Path) -> None:
    html = (built_site / "s-abonner" / "index.html").read_text(encoding="utf-8")
    assert "<code>https://cls.exemple.fr/agenda.ics</code>" in html
    assert "<code>https://cls.exemple.fr/atom.xml</code>" in html
    assert "\\." not in html


@pytest.mark.browser
def test_near_me_without_javascript_links_to_the_communes(browser, site_url: str) -> None:
    context = local_context(browser, site_url, java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url + "/pres-de-chez-moi/")
    text = page.locator("article").inner_text()
    assert "](" not in text and "Me localiser" not in text, text
    page.get_by_role("link", name="Se soigner dans ma commune").click()
    assert page.url.endswith("/communes/")
    context.close()
