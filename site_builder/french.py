"""French grammar for messages built from labels: « à » before an article contracts (au, aux)."""

from __future__ import annotations

# « à le » is written « au », « à les » « aux » (and « de le » « du », « de les » « des »).
_CONTRACTIONS = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def to(label: str) -> str:
    """« à » followed by `label`: « au répertoire des structures », « aux leviers », « à une action »."""
    return _contract("à", label)


def _contract(preposition: str, label: str) -> str:
    article, _, rest = label.partition(" ")
    short = _CONTRACTIONS.get((preposition, article))
    return f"{short} {rest}" if short and rest else f"{preposition} {label}"
