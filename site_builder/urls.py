"""Where each generated page lives (source paths, as if in content/): the one place to change URLs."""

from __future__ import annotations

from site_builder.models import Action, Axis, Fiche, Organisation

PROGRAMME = "programme/index.md"
ORGANISATIONS = "partenaires/index.md"
CONTRACT = "le-cls.md"
HOME = "index.md"


def axis(item: Axis) -> str:
    return f"programme/axe-{item.numero}.md"


def fiche(item: Fiche) -> str:
    return f"programme/fiche-{item.id}.md"


def action(item: Action) -> str:
    return f"programme/action-{item.id}.md"


def organisation(item: Organisation | str) -> str:
    ident = item if isinstance(item, str) else item.id
    return f"partenaires/{ident}.md"
