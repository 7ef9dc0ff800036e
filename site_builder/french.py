"""French grammar for messages built from labels: « à » before an article contracts (au, aux)."""

from __future__ import annotations

# « à le » is written « au », « à les » « aux » (and « de le » « du », « de les » « des »).
_CONTRACTIONS = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def count(number: int, singular: str, plural: str = "") -> str:
    """« 0 action », « 1 action », « 2 actions »: French puts 0 and 1 in the singular."""
    return f"{number} {singular if abs(number) < 2 else plural or singular + 's'}"


def to(label: str) -> str:
    """« à » followed by `label`: « au répertoire des structures », « aux leviers », « à une action »."""
    return _contract("à", label)


def _contract(preposition: str, label: str) -> str:
    article, _, rest = label.partition(" ")
    short = _CONTRACTIONS.get((preposition, article))
    return f"{short} {rest}" if short and rest else f"{preposition} {label}"
