"""French grammar for texts built from labels and names: « à » and « de » contract (au, aux, du, des) and elide (d')."""

from __future__ import annotations

# « à le » is written « au », « à les » « aux » (and « de le » « du », « de les » « des »).
_CONTRACTIONS = {("à", "le"): "au", ("à", "les"): "aux", ("de", "le"): "du", ("de", "les"): "des"}


def count(number: int, singular: str, plural: str = "") -> str:
    """« 0 action », « 1 action », « 2 actions »: French puts 0 and 1 in the singular."""
    return f"{number} {singular if abs(number) < 2 else plural or singular + 's'}"


def listing(items: list[str]) -> str:
    """« anglais », « anglais et arabe », « anglais, arabe et espagnol »."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def to(label: str) -> str:
    """« à » followed by `label`: « au répertoire des structures », « aux leviers », « à une action »."""
    return _contract("à", label)


def place(preposition: str, name: str) -> str:
    """« à » or « de » before a place name: « au Malesherbois », « des Choux », « d'Ascoux », « à Pithiviers »."""
    article, _, rest = name.partition(" ")
    short = _CONTRACTIONS.get((preposition, article.lower())) if rest else None
    if short:
        return f"{short} {rest}"
    if preposition == "de" and name[:1] in "AEIOUYÉÈÊÂÎÔÛ" and name[:1]:  # elided before a vowel: « d'Ascoux »
        return f"d'{name}"
    return f"{preposition} {name}"


def _contract(preposition: str, label: str) -> str:
    article, _, rest = label.partition(" ")
    short = _CONTRACTIONS.get((preposition, article))
    return f"{short} {rest}" if short and rest else f"{preposition} {label}"
