"""Turn data text into Markdown that shows exactly that text: no markup, no link, no HTML from data.

Every `{{ value }}` of a page template goes through `escape`, unless the value is already `Markup`
(Markdown we built ourselves). That makes escaping the default instead of something to remember.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup

from site_builder.urls import page_url

# The characters Python-Markdown (with the tables extension) accepts behind a backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# Characters that start a block construct only at the start of a line, where a backslash does not help.
_LINE_START = {":": "&#58;", "~": "&#126;", "=": "&#61;"}
# The colon opening an emoji shortcode (`:smile:`, the pattern of pymdownx.emoji): text from data shows it as
# written instead of an emoji or an icon.
_SHORTCODE = re.compile(r":(?=(\\?[+\-\w])+:)")  # after escaping, so `-` and `+` may have a backslash


def escape(value: object) -> Markup:
    """Escape one value for an inline Markdown context (also safe inside HTML with md_in_html)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return _escape_text(str(value))


@lru_cache(maxsize=65536)  # the same names, communes and labels recur on thousands of pages
def _escape_text(value: str) -> Markup:
    text = " ".join(value.split())  # one line: no block structure can come from data
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = html.escape(text, quote=True).replace("&#x27;", "&#39;")
    if text[:1] in _LINE_START:
        text = _LINE_START[text[0]] + text[1:]
    text = _SHORTCODE.sub("&#58;", text)
    # A value that starts or ends with a space keeps one: `{{ " « " ~ titre ~ " »" }}` must not glue to its left.
    if text:
        text = (" " if value[:1].isspace() else "") + text + (" " if value[-1:].isspace() else "")
    return Markup(text)


def code_span(value: object) -> Markup:
    """Show a value verbatim as inline code: backslash escapes are not read inside a code span."""
    text = " ".join(str(value).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text[:1] == "`" or text[-1:] == "`" else ""
    return Markup(f"{fence}{padding}{text}{padding}{fence}")


def paragraphs(value: str | Iterable[str]) -> Markup:
    """Render text (paragraphs split on blank lines) or a list of texts as escaped paragraphs."""
    items = [value] if isinstance(value, str) else list(value)
    blocks = [escape(part) for item in items for part in re.split(r"\n\s*\n", item) if part.strip()]
    return Markup("\n\n".join(blocks))


def bullets(items: Iterable[str]) -> Markup:
    """A Markdown bullet list of escaped texts."""
    return Markup("\n".join(f"- {escape(item)}" for item in items))


def attribute(value: object) -> Markup:
    """Escape a value for an HTML attribute."""
    return Markup(html.escape("" if value is None else str(value), quote=True))


def yaml_string(value: object) -> Markup:
    """A front-matter string that Material prints as-is: HTML-escaped, then YAML-quoted."""
    return Markup(json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False))


def link(text: object, target: str, current: str) -> Markup:
    """A Markdown link from page `current` to page `target` (both source paths such as `a/b.md`)."""
    return Markup(f"[{escape(text)}]({_relative_link(target, posixpath.dirname(current))})")


@lru_cache(maxsize=65536)  # the same pairs recur on thousands of pages
def _relative_link(target: str, directory: str) -> str:
    return quote(relative_path(target, directory or "."))


def relative_path(path: str, start: str) -> str:
    """`posixpath.relpath` for two paths under the site's root, without its two calls to os.getcwd() per link."""
    path_parts = [part for part in posixpath.normpath(path).split("/") if part and part != "."]
    start_parts = [part for part in posixpath.normpath(start).split("/") if part and part != "."]
    common = len(posixpath.commonprefix([path_parts, start_parts]))
    return "/".join([".."] * (len(start_parts) - common) + path_parts[common:]) or "."


def external_link(text: object, url: str) -> Markup:
    """A link to an address validated as http(s); characters that end a Markdown URL are encoded."""
    return Markup(f"[{escape(text)}](<{quote(url, safe=':/?#&=%+@,;~')}>)")


def email_link(address: str, subject: str = "") -> Markup:
    """A mailto link for an address already validated by the schema, with a subject the mail app fills in."""
    query = f"?subject={quote(subject, safe='')}" if subject else ""
    return Markup(f"[{escape(address)}](<mailto:{quote(address, safe='@.+-_')}{query}>)")


def block(items: Iterable[str], empty: str = "Non précisé dans la fiche.") -> Markup:
    """One text as a paragraph, several as a bullet list, none as an italic notice."""
    items = list(items)
    if not items:
        return Markup(f"*{escape(empty)}*")
    return paragraphs(items) if len(items) == 1 else bullets(items)


def section(level: int, title: str, items: Iterable[str]) -> Markup:
    """A heading of `level` followed by `block(items)`; nothing for no items: a page shows no empty section."""
    items = list(items)
    if not items:
        return Markup("")
    return Markup(f"{'#' * level} {escape(title)}\n\n{block(items)}\n")


def href(target: str, current: str) -> str:
    """Relative URL from the page built from `current` to the one built from `target` (for raw HTML)."""
    here, there = page_url(current), page_url(target)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    relative = relative_path(there or ".", base or ".")
    is_directory = there.endswith("/") or not there
    if is_directory:
        relative = "./" if relative == "." else relative + "/"
    return quote(relative)


def phone_link(number: str) -> Markup:
    """A clickable `tel:` link for a number normalised by the schema (« 02 61 91 10 00 »)."""
    digits = number.replace(" ", "")
    international = "+33" + digits[1:] if len(digits) == 10 else digits
    return Markup(f"[{escape(number)}](tel:{international})")


def json_ld(data: dict[str, object]) -> Markup:
    """A schema.org block; `<`, `>`, `&` are escaped so no value can close the script."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')
