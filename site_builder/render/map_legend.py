"""Families of structures on a map: each a colour, a shape and a letter, shown on the markers and in the legend.

A colour alone does not tell a marker's family to a colour-blind visitor or on a grey screen, so each family
also has its own shape and a letter drawn inside it. The families are the groups of the repertoire's
typology vocabulary (`TYPOLOGY_GROUPS`), or of the senior guide (`SENIOR_FAMILIES`) on its own map. Every
colour keeps at least a 4.5:1 contrast with the white letter and with OpenStreetMap's pale background.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Style:
    letter: str
    colour: str
    shape: str
    words: str  # the symbol said in words, for screen readers: « un rond bleu marqué S »


# SVG shapes in a 32 × 32 box, and the baseline of the letter inside each (lower in the shapes wider at the bottom).
SHAPES: dict[str, tuple[str, float]] = {
    "rond": ('<circle cx="16" cy="16" r="13.5"/>', 21),
    "carré": ('<rect x="3" y="3" width="26" height="26" rx="3"/>', 21),
    "losange": ('<path d="M16 1.5 30.5 16 16 30.5 1.5 16z"/>', 21),
    "hexagone": ('<path d="M16 1.5 29 9v14l-13 7.5L3 23V9z"/>', 21),
    "maison": ('<path d="M16 2 30 14.5V30H2V14.5z"/>', 24.5),
    "écusson": ('<path d="M16 2 29 6.5V15c0 8-6 13-13 15C9 28 3 23 3 15V6.5z"/>', 20.5),
    "triangle": ('<path d="M16 2 31 29.5H1z"/>', 25.5),
    "pentagone": ('<path d="M16 1.5 30.5 12 25 30H7L1.5 12z"/>', 23),
    "croix": ('<path d="M9.5 1.5h13v8h8v13h-8v8h-13v-8h-8v-13h8z"/>', 21),
    "octogone": ('<path d="M10.5 1.5h11l9 9v11l-9 9h-11l-9-9v-11z"/>', 21),
}

FAMILY_STYLES: dict[str, Style] = {
    # The repertoire's groups (vocabularies.TYPOLOGY_GROUPS)
    "Garde et urgences": Style("U", "#bf360c", "croix", "une croix rouge orangé marquée U (urgences, garde)"),
    "Soins de proximité": Style("S", "#0d47a1", "rond", "un rond bleu marqué S"),
    "Hôpitaux et santé mentale": Style("H", "#b71c1c", "carré", "un carré rouge marqué H"),
    "Enfance et famille": Style("E", "#6a1b9a", "hexagone", "un hexagone violet marqué E"),
    "Coordination des soins": Style("C", "#ad1457", "losange", "un losange rose marqué C"),
    "Personnes âgées": Style("A", "#9a4a00", "maison", "une maison orange brun marquée A"),
    "Handicap": Style("I", "#005f73", "pentagone", "un pentagone bleu canard marqué I (inclusion, handicap)"),
    "Accès aux droits et insertion": Style("D", "#37474f", "écusson", "un écusson gris marqué D"),
    "Prévention et sport-santé": Style("P", "#2e7d32", "triangle", "un triangle vert marqué P"),
    "Professionnels de santé": Style("M", "#00695c", "octogone",
                                     "un octogone vert bleu marqué M (médecins et soignants)"),
    # The senior guide's families (vocabularies.SENIOR_FAMILIES), on its own map
    "Rester chez soi": Style("D", "#00695c", "rond", "un rond vert bleu marqué D (domicile)"),
    "Vivre dans un logement adapté": Style("L", "#9a4a00", "maison", "une maison orange brun marquée L"),
    "Être accueilli dans un établissement médicalisé": Style("M", "#6a1b9a", "carré",
                                                             "un carré violet marqué M"),
}


@dataclass(frozen=True)
class Family:
    """The layers of one map that belong to one family, by their number in the map."""

    label: str
    style: Style
    layers: tuple[int, ...]
    count: int


def families(kinds: Sequence[str], counts: Sequence[int], grouping: Mapping[str, tuple[str, ...]]) -> list[Family]:
    """The families present among a map's layers (`kinds[n]` is the type of layer n), in the grouping's order."""
    found = []
    for label, members in grouping.items():
        numbers = tuple(n for n, kind in enumerate(kinds) if kind in members)
        if numbers:
            found.append(Family(label, FAMILY_STYLES[label], numbers, sum(counts[n] for n in numbers)))
    return found


def icon_svg(style: Style) -> str:
    """The marker's picture: the family's shape in its colour, outlined in white, with its letter."""
    shape, baseline = SHAPES[style.shape]
    return (f'<svg class="cls-symbol" viewBox="0 0 32 32" width="30" height="30" aria-hidden="true" focusable="false">'
            f'<g fill="{style.colour}" stroke="#fff" stroke-width="2">{shape}</g>'
            f'<text x="16" y="{baseline}" text-anchor="middle" fill="#fff" font-size="14" font-weight="700" '
            f'font-family="sans-serif">{style.letter}</text></svg>')


def legend(name: str, found: Sequence[Family], labels: Sequence[str], *, filters: bool) -> Markup:
    """The list of families with their symbol; with `filters`, each family is a button that shows only it.

    On a map of one type (the MSPs), the family's name alone would not say what the markers are: the type
    follows it."""
    items = []
    for family in found:
        symbol = Markup(icon_svg(family.style))
        label = family.label if filters or len(family.layers) > 1 else f"{family.label} : {labels[family.layers[0]]}"
        text = (Markup('{} <span class="cls-map__count">({})</span>'
                       '<span class="cls-map__sr"> : {}</span>').format(label, family.count, family.style.words))
        if filters:
            layers = ",".join(str(n) for n in family.layers)
            text = Markup('<button type="button" class="cls-map__only" data-layers="{}" aria-pressed="false">'
                          '{}{}</button>').format(layers, symbol, text)
        else:
            text = symbol + text
        items.append(Markup("<li>{}</li>").format(text))
    intro = " : touchez une famille pour n'afficher qu'elle" if filters else ""
    return Markup('<div class="cls-map__legend"><p id="legende_{0}">Légende{1}</p>'
                  '<ul aria-labelledby="legende_{0}">{2}</ul></div>').format(name, intro, Markup("").join(items))


def type_filter(name: str, found: Sequence[Family], labels: Sequence[str], counts: Sequence[int]) -> Markup:
    """« N'afficher que » one type or one family, and « Tout afficher »: hidden until the map's script runs."""
    groups = []
    for family in found:
        options = [Markup('<option value="{}">{} : toute la famille ({})</option>').format(
            ",".join(str(n) for n in family.layers), family.label, family.count)] if len(family.layers) > 1 else []
        options += [Markup('<option value="{}">{} ({})</option>').format(n, labels[n], counts[n])
                    for n in family.layers]
        groups.append(Markup('<optgroup label="{}">{}</optgroup>').format(family.label, Markup("").join(options)))
    total = sum(counts)
    return Markup(
        '<div class="cls-map__filter" hidden><label for="filtre_{0}">N\'afficher que</label>'
        '<select id="filtre_{0}"><option value="">Tous les types ({1})</option>{2}</select>'
        '<button type="button" class="md-button cls-map__all">Tout afficher</button>'
        '<p class="cls-map__status" role="status"></p></div>').format(name, total, Markup("").join(groups))


def no_script(fallback: tuple[str, str]) -> Markup:
    """What a browser without JavaScript shows instead of the map (cartes.css hides the map's box without it).

    No `<style>` in the `<noscript>`: instant navigation parses the next page with scripting off, where a
    noscript's content is live markup — its style hid every map and legend after an in-page link."""
    text, link = fallback
    return Markup('<noscript><p class="cls-map__nojs">'
                  'La carte a besoin de JavaScript, qui est désactivé dans ce navigateur. '
                  '<a href="{}">{}</a></p></noscript>').format(link, escape(text))
