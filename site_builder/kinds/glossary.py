"""data/glossaire.yml: the territory's own acronyms, added to the national table (site_builder/reference).

    SIVOM: Syndicat intercommunal à vocation multiple
    CLS: Contrat local de santé du Pithiverais   # replaces the national explanation

A sigle is written in capitals (digits and « & » allowed); its explanation is one line of plain text.
"""

from __future__ import annotations

import re

from site_builder.load import Mapping, Node, Scalar
from site_builder.models import GlossaryTerm
from site_builder.schema import Context

SIGLE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý0-9&]{1,11}$")
HINT = "écrivez une ligne « SIGLE: explication », par exemple « CLIC: Centre local d'information et de coordination »."


def parse(root: Node, ctx: Context) -> list[GlossaryTerm]:
    """One term per key; every mistake located, the good lines kept."""
    if not isinstance(root, Mapping):
        ctx.error(root, "", "liste de sigles attendue (« SIGLE: explication », une par ligne).", HINT)
        return []
    terms = []
    for sigle, expansion in root.items():
        line = root.key_lines.get(sigle, root.line)
        if not SIGLE.match(sigle):
            ctx.error(Scalar(sigle, line), sigle, f"« {sigle} » n'est pas un sigle (2 à 12 majuscules ou chiffres).",
                      HINT)
        elif not isinstance(expansion, str) or not expansion.strip() or "\n" in expansion.strip():
            ctx.error(Scalar(sigle, line), sigle, "explication attendue : une ligne de texte après « : ».", HINT)
        else:
            terms.append(GlossaryTerm(str(sigle), expansion.strip()))
    return terms
