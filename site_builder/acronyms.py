"""Acronyms explained: the first use of each on a page becomes `<abbr title="…">`, and the « Glossaire » page
lists them all (issue 25 item 11: PETR, GIR, SSIAD… left unexplained where a resident meets them).

One table: site_builder/reference/glossaire.yml (the field's national acronyms), which the territory extends or
overrides in data/glossaire.yml (kinds/glossary.py).
"""

from __future__ import annotations

import functools
import html
import re
from importlib import resources

import yaml

from site_builder.models import SiteModel
from site_builder.text import fold
from site_builder.typography import RAW_ELEMENTS, map_text

# `<abbr>` may not sit in an option (text only), in another abbr or in the document's title.
_SKIPPED = (*RAW_ELEMENTS, "option", "abbr", "title")
_EXPLAINED = re.compile(r"<abbr\b[^>]*>\s*([^<]+?)\s*</abbr>", re.IGNORECASE)


@functools.cache
def national_terms() -> dict[str, str]:
    """The table shipped with the generator (our own file: plain YAML, every key a capitalised word)."""
    text = resources.files("site_builder").joinpath("reference/glossaire.yml").read_text(encoding="utf-8")
    return {str(sigle): str(expansion) for sigle, expansion in yaml.safe_load(text).items()}


def terms(model: SiteModel) -> dict[str, str]:
    """Every acronym of the site and its explanation: the territory's own words win over the national table."""
    merged = dict(national_terms())
    merged.update((term.sigle, term.explication) for term in model.glossary)
    return dict(sorted(merged.items(), key=lambda item: fold(item[0])))


def explain_first(content: str, table: dict[str, str]) -> str:
    """The page's HTML with the first use of each acronym (outside code, menus and links' addresses) in `<abbr>`;
    an acronym the page already explains (Markdown's `*[SIGLE]: …`) is left as it is."""
    if not table:
        return content
    done = {match.group(1) for match in _EXPLAINED.finditer(content)}
    pattern = _pattern(tuple(table))

    def first_use(match: re.Match[str]) -> str:
        sigle = match.group()
        if sigle in done:
            return sigle
        done.add(sigle)
        title = html.escape(table[sigle], quote=False).replace('"', "&quot;")  # « d'autonomie » stays readable
        return f'<abbr title="{title}">{sigle}</abbr>'

    return map_text(content, lambda text: pattern.sub(first_use, text), _SKIPPED)


@functools.cache
def _pattern(sigles: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words only: « CMP » is not found in « CMPP », nor « MSA » in « MSAP »."""
    ordered = sorted(sigles, key=len, reverse=True)
    return re.compile(rf"(?<![\w&-])(?:{'|'.join(map(re.escape, ordered))})(?![\w&])")
