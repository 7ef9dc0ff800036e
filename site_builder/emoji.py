"""Emoji shortcodes of hand-written pages without a third-party request.

Material's `to_svg` inlines its icons (`:material-phone:`) but turns every emoji (`:smile:`) into an
`<img>` loaded from cdn.jsdelivr.net: a request to a third party on each visit, which the site promises
not to make. Here icons stay inline SVG and emoji become their Unicode character, drawn by the visitor's
own fonts. (Shortcodes in data never reach this: `render.markdown.escape` neutralises them.)
"""

from __future__ import annotations

import re
from typing import Any

from material.extensions import emoji as material
from pymdownx import emoji


def icon_or_character(index: str, shortname: str, alias: str, uc: str | None, alt: str, title: str,
                      category: str, options: dict[str, Any], md: Any) -> Any:
    """The `emoji_generator` of mkdocs.yml: an icon inline, an emoji as its character."""
    if not uc:  # Material's icons have no code point
        return material.to_svg(index, shortname, alias, uc, alt, title, category, options, md)
    return emoji.to_alt(index, shortname, alias, uc, alt, title, category, options, md)


def character_or_nothing(index: str, shortname: str, alias: str, uc: str | None, alt: str, title: str,
                         category: str, options: dict[str, Any], md: Any) -> Any:
    """The generator for the e-mail and the feed: an emoji as its character, an icon left out (its inline SVG
    would not survive a mail client, and it is decoration)."""
    if not uc:
        return ""
    return emoji.to_alt(index, shortname, alias, uc, alt, title, category, options, md)


SHORTCODE = re.compile(r":[+\-\w]+:")


def characters(text: str) -> str:
    """Plain text with each emoji shortcode (`:smile:`) as its character, as the pages draw it; icons
    (`:material-phone:`) left out; anything else that looks like one stays as written."""
    index = material.twemoji({}, None)

    def replace(match: re.Match[str]) -> str:
        name = index["aliases"].get(match.group(), match.group())
        found = index["emoji"].get(name)
        if found is None:
            return match.group()
        code = found.get("unicode_alt") or found.get("unicode")
        return "".join(chr(int(part, 16)) for part in code.split("-")) if code else ""  # no code point: an icon

    return SHORTCODE.sub(replace, text)

# The options the e-mail's and the feed's Markdown give pymdownx.emoji (mkdocs.yml's index, characters only).
EMAIL_EMOJI = {"pymdownx.emoji": {"emoji_index": material.twemoji, "emoji_generator": character_or_nothing}}
