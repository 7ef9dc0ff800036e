"""The W3C Nu Html Checker finds no error of ours on any page type (scripts/tests.sh downloads it)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpers import ROOT
from test_browser import PAGE_TYPES

VNU = ROOT / ".cache" / "vnu-26.9.27" / "package" / "build" / "dist" / "vnu.jar"
# Errors in Material's own templates (base.html, nav), the same on every page and not ours to fix here:
# its drawer and search toggles are checkboxes with autocomplete="off" (kept so Firefox does not reopen
# them on « back »), the overlay labels point at those hidden toggles, and section labels of the
# navigation carry an empty tabindex.
MATERIAL = ("Attribute “autocomplete” is only allowed when the input type is",
            "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
            "Bad value “” for attribute “tabindex” on element “label”")


def test_every_page_type_and_the_newsletter_email_are_valid_html(built_site: Path) -> None:
    assert VNU.is_file(), "validateur absent : lancez ./scripts/tests.sh, qui le télécharge"
    pages = [built_site / path.split("?")[0] / "index.html" for path in PAGE_TYPES.values()]
    pages.append(built_site / "lettre" / "numero-1" / "courriel.html")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')} {m['message']}" for m in messages
            if not m["message"].startswith(MATERIAL)]
    assert ours == [], "\n".join(ours[:20])
    assert len(pages) >= 30
