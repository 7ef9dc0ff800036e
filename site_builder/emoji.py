"""Emoji shortcodes of hand-written pages without a third-party request.

Material's `to_svg` inlines its icons (`:material-phone:`) but turns every emoji (`:smile:`) into an
`<img>` loaded from cdn.jsdelivr.net: a request to a third party on each visit, which the site promises
not to make. Here icons stay inline SVG and emoji become their Unicode character, drawn by the visitor's
own fonts. (Shortcodes in data never reach this: `render.markdown.escape` neutralises them.)
"""

from __future__ import annotations

from typing import Any

from material.extensions import emoji as material
from pymdownx import emoji


def icon_or_character(index: str, shortname: str, alias: str, uc: str | None, alt: str, title: str,
                      category: str, options: dict[str, Any], md: Any) -> Any:
    """The `emoji_generator` of mkdocs.yml: an icon inline, an emoji as its character."""
    if not uc:  # Material's icons have no code point
        return material.to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    return emoji.to_alt(index, shortname, alias, uc, alt, title, category, options, md)
