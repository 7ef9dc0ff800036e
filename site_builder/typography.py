"""French typography in the pages as written: the spaces that must not break (issue 25 item 10).

French puts a space before « ? ! ; : », inside « », between the groups of a number and before « € » and « % »;
a line must never break there (a lone « ? » at the start of a line on a phone). The generator, the templates
and the coordinator all type ordinary spaces: this pass turns them into no-break spaces in the text of each
finished page, never in tags, attributes, comments, code, scripts or styles (an address or a URL keeps its
characters). Only spaces already there change: « 12:30 » or « 4.5:1 » get none added.
Pagefind splits words on every Unicode space, so « 10 000 habitants » is still found by « habitants ».
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

NARROW = "\u202f"  # espace fine insécable: before ; ! ? and between the groups of a number
NO_BREAK = "\u00a0"  # espace insécable (mot): before « : », inside « », before « € » and « % »

# What is not text: comments, elements whose content is code or not for reading, and tags (quoted attribute
# values may hold « > »). Everything between two of these is text, where spaces are set.
_ATTRIBUTES = r"""[^'">]*(?:(?:"[^"]*"|'[^']*')[^'">]*)*"""
RAW_ELEMENTS = ("script", "style", "pre", "code", "kbd", "samp", "textarea", "svg", "math")


@functools.cache
def _not_text(skipped: tuple[str, ...]) -> re.Pattern[str]:
    """Comments, the `skipped` elements whole, and any other tag."""
    return re.compile(
        r"<!--.*?-->"
        rf"|<({'|'.join(skipped)})\b{_ATTRIBUTES}>.*?</\1\s*>"
        rf"|<[!/?]?[a-zA-Z]{_ATTRIBUTES}>",
        re.DOTALL | re.IGNORECASE,
    )


_SPACES = r"[ \t\r\n]+"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_SPACES}(?=[?!;])"), NARROW),
    (re.compile(rf"{_SPACES}(?=:)"), NO_BREAK),
    (re.compile(rf"(?<=«){_SPACES}"), NO_BREAK),
    (re.compile(rf"{_SPACES}(?=»)"), NO_BREAK),
    (re.compile(rf"(?<=\d){_SPACES}(?=[€%])"), NO_BREAK),
)
# « 1 400 », « 10 000 »: groups of three digits after one to three digits; « 02 38 30 12 34 » is left alone.
_CANDIDATE = re.compile(r"[?!;:«»€%]|\d[ \u00a0]\d")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d])")


def french_spaces(text: str) -> str:
    """Text (no markup) with the spaces French typography keeps on the line made non-breaking."""
    if not _CANDIDATE.search(text):  # most runs of text (indentation between tags, words): nothing to do
        return text
    text = _NUMBER.sub(lambda match: re.sub("[ \u00a0]", NARROW, match.group()), text)
    for pattern, space in _RULES:
        text = pattern.sub(space, text)
    return text


_PHONE_LINK = re.compile(r"""<a\b[^>]*\bhref=["']?tel:""", re.IGNORECASE)


def french_spaces_html(page: str) -> str:
    """A whole HTML page with `french_spaces` applied to its text only. The text of a `tel:` link is a phone
    number, not a quantity: its groups keep a word-wide no-break space (« 116 117 », not « 116117 »)."""
    in_phone = False

    def see(tag: str) -> None:
        nonlocal in_phone
        in_phone = bool(_PHONE_LINK.match(tag)) or (in_phone and not tag.lower().startswith("</a"))

    def change(text: str) -> str:
        return re.sub(r"(?<=\d) (?=\d)", NO_BREAK, text) if in_phone else french_spaces(text)

    return map_text(page, change, seen=see)


def map_text(page: str, change: Callable[[str], str], skipped: tuple[str, ...] = RAW_ELEMENTS,
             seen: Callable[[str], None] | None = None) -> str:
    """`page` with `change` applied, in order, to each run of text outside tags, comments and `skipped` elements;
    `seen` is shown each of those before the text that follows it."""
    parts: list[str] = []
    position = 0
    for match in _not_text(skipped).finditer(page):
        parts.append(change(page[position:match.start()]))
        if seen:
            seen(match.group())
        parts.append(match.group())
        position = match.end()
    parts.append(change(page[position:]))
    return "".join(parts)
