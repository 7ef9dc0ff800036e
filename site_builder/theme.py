"""The territory's colours (data/cls.yml `couleurs`) as CSS custom properties over Material's palette.

Colours are checked for contrast (WCAG 2.1 level AA, 4.5:1 for text): white text on the main colour (the
header and the tabs), and the main and accent colours as link text on the white page.
"""

from __future__ import annotations

import re

from site_builder.load import Node
from site_builder.schema import Context

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
AA = 4.5
WHITE = "#ffffff"
CSS_URI = "assets/territoire.css"


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour written #rrggbb (WCAG 2.1 definition)."""
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """Contrast ratio between two colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour(node: Node, ctx: Context, path: str) -> str:
    """A colour written #rrggbb, dark enough to carry white text and to be read as text on white."""
    value = str(node).strip()
    if not HEX.match(value):
        return ctx.error(node, path, f"couleur attendue sous la forme #rrggbb, reçu « {value} ».",
                         "exemple : « #1a5276 » (six chiffres hexadécimaux après #).")
    ratio = contrast(value, WHITE)
    if ratio < AA:
        return ctx.error(node, path, f"couleur trop claire : contraste {ratio:.2f}:1 avec le blanc, il faut au "
                         f"moins {AA}:1 (RGAA, critère 3.2) pour le texte blanc du bandeau et les liens.",
                         "choisissez une teinte plus foncée de la même couleur.")
    return value.lower()


def css(principale: str, accent: str) -> str:
    """Custom properties that win over Material's named palettes (`[data-md-color-primary=indigo]`)."""
    accent = accent or principale
    return (f"body[data-md-color-primary], body[data-md-color-accent] {{\n"
            f"  --md-primary-fg-color: {principale};\n"
            f"  --md-primary-fg-color--light: {principale};\n"
            f"  --md-primary-fg-color--dark: {principale};\n"
            f"  --md-primary-bg-color: #ffffff;\n"
            f"  --md-accent-fg-color: {accent};\n"
            f"  --md-typeset-a-color: {principale};\n"
            f"}}\n")
