"""Figures the coordinator writes in prose, checked against the data: « 28 actions en 4 axes » in cls.yml beside
a programme of 5 axes tells two stories on one site. Pages count from the data; the prose cannot, so each build
says where it disagrees (a warning: the text may be right and the data late, the coordinator decides)."""

from __future__ import annotations

import re

from site_builder.models import SiteModel

# « 5 axes », « 28 actions » (plural only: « 1 axe de plus » is not a count); « 11 fiches actions » is not matched
_PATTERNS = {"axes": re.compile(r"\b(\d+)\s+axes\b"), "actions": re.compile(r"\b(\d+)\s+actions\b")}


def mismatches(model: SiteModel) -> list[str]:
    """One French sentence per figure of the current contract's prose that the data contradicts."""
    contract = model.contract
    counts = {"axes": len(model.axes), "actions": len(model.actions)}
    current = f"{contract.debut}-{contract.fin}"
    texts = [("présentation", t) for t in contract.presentation] + [("accroche", t) for t in contract.accroche]
    texts += [(f"historique {p.periode}", t) for p in contract.historique if p.periode == current for t in p.resume]
    found = []
    for where, text in texts:
        for what, pattern in _PATTERNS.items():
            for match in pattern.finditer(text):
                if int(match.group(1)) != counts[what]:
                    found.append(f"data/cls.yml, {where} : le texte dit « {match.group(0)} », le programme en "
                                 f"compte {counts[what]}. Corrigez le texte (ou le programme).")
    return found
