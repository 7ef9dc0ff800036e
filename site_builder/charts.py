"""Static charts drawn at build time: no chart library for visitors to download, nothing to run.

Each chart is an image with a title and a text description (role="img", aria-labelledby); the pages put
the same numbers in a table beside it. Status bars are HTML (text stays readable on a phone), their colours
are the status badges' (cls.css, dark enough for white text) and every segment is also named in the legend;
an indicator's columns are SVG, narrow enough that their text keeps its size.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup
from markupsafe import escape as html_escape

from site_builder.vocabularies import ACTION_STATUSES

FONT = 'font-family="Roboto, Arial, sans-serif"'
# Python-Markdown does not treat <svg> as a block: it reads the text between its tags as Markdown, so a label
# « [x](javascript:…) » or « ![x](https://…) » from data would become a link or an image. Those characters are
# written as numeric references, which Markdown leaves alone and SVG reads as the same characters.
_MARKDOWN_CHARS = frozenset("\\`*_{}[]()#+-.!|:~=")


def escape(value: object) -> Markup:
    """Text for an SVG element inside a Markdown page: HTML-escaped, Markdown markers neutralised."""
    return Markup("".join(f"&#{ord(c)};" if c in _MARKDOWN_CHARS else html_escape(c) for c in str(value)))


def _frame(ident: str, width: int, height: int, title: str, description: str, body: list[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cls-chart" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ident}-titre {ident}-desc" {FONT}>'
        f'<title id="{ident}-titre">{escape(title)}</title><desc id="{ident}-desc">{escape(description)}</desc>'
        + "".join(body) + "</svg>")


def status_bars(ident: str, title: str, rows: Sequence[tuple[str, dict[str, int]]]) -> Markup:
    """One horizontal bar per row (an axe, a year…), split by status, in HTML rather than SVG.

    An SVG scales its text with its width (13 px at 600 units wide became 7 px on a phone); HTML bars keep the
    page's font size and reflow: the label goes above its bar on a narrow screen. Segments share the width in
    proportion to their counts (CSS flex-grow) and each shows its count; the legend names each colour.
    """
    body = [f'<span class="cls-visually-hidden" id="{ident}-titre">{escape(title)}</span>'
            f'<span class="cls-visually-hidden" id="{ident}-desc">{escape(_bars_description(rows))}</span>']
    body += [_bar_row(label, counts) for label, counts in rows]
    body.append('<span class="cls-bars__legend">' + "".join(
        f'<span><span class="cls-bars__key cls-status--{status}"></span>{escape(name)}</span>'
        for status, name in ACTION_STATUSES.items()) + "</span>")
    return Markup(f'<div class="cls-bars" id="{ident}" role="img" aria-labelledby="{ident}-titre {ident}-desc">'
                  + "".join(body) + "</div>")


def _bar_row(label: str, counts: dict[str, int]) -> str:
    total = sum(counts.values())
    parts = "".join(
        f'<span class="cls-bars__part cls-status--{status}" style="flex-grow: {counts[status]}" '
        f'title="{escape(ACTION_STATUSES[status])} : {counts[status]}">{counts[status]}</span>'
        for status in ACTION_STATUSES if counts.get(status, 0)) or '<span class="cls-bars__none">aucune action</span>'
    return (f'<span class="cls-bars__row"><span class="cls-bars__label">{escape(label)}</span>'
            f'<span class="cls-bars__bar">{parts}</span><span class="cls-bars__total">{total}</span></span>')


# How each status reads in a count, agreeing with it: (one or none, several) — « 2 réalisées », not « 2 réalisée ».
STATUS_COUNTED = {"realisee": ("réalisée", "réalisées"), "en-cours": ("en cours", "en cours"),
                  "non-demarree": ("non démarrée", "non démarrées"), "a-venir": ("à démarrer plus tard",) * 2}


def _bars_description(rows: Sequence[tuple[str, dict[str, int]]]) -> str:
    return " ; ".join(f"{label} : " + ", ".join(f"{counts.get(s, 0)} {STATUS_COUNTED[s][counts.get(s, 0) > 1]}"
                                                for s in ACTION_STATUSES) for label, counts in rows)


def indicator_chart(ident: str, title: str, points: Sequence[tuple[str, float]], target: float | None,
                    unit: str = "") -> Markup:
    """Bars of an indicator's value per review, with its target as a dashed line when there is one."""
    width, height, left, bottom, top = 320, 170, 10, 140, 22
    top_value = max([value for _, value in points] + ([target] if target else []) + [1])
    scale = (bottom - top) / top_value
    step = (width - left * 2) / max(len(points), 1)
    body: list[str] = [f'<line x1="{left}" y1="{bottom}" x2="{width - left}" y2="{bottom}" stroke="#555"/>']
    for index, (label, value) in enumerate(points):
        x = left + index * step + step * 0.2
        bar = value * scale
        body.append(f'<rect x="{x:.1f}" y="{bottom - bar:.1f}" width="{step * 0.6:.1f}" height="{bar:.1f}" '
                    'fill="#0d47a1"/>')
        body.append(f'<text x="{x + step * 0.3:.1f}" y="{bottom - bar - 5:.1f}" font-size="13" fill="#222" '
                    f'text-anchor="middle">{_number(value)}</text>')
        body.append(f'<text x="{x + step * 0.3:.1f}" y="{bottom + 17}" font-size="13" fill="#222" '
                    f'text-anchor="middle">{escape(label)}</text>')
    if target:
        y = bottom - target * scale
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - left}" y2="{y:.1f}" stroke="#8e1b1b" '
                    'stroke-width="2" stroke-dasharray="6 4"/>')
        body.append(f'<text x="{width - left}" y="{y - 5:.1f}" font-size="12" fill="#8e1b1b" text-anchor="end">'
                    f'cible {_number(target)}</text>')
    suffix = f" {unit}" if unit else ""
    description = ", ".join(f"{label} : {_number(value)}{suffix}" for label, value in points)
    if target:
        description += f" ; cible : {_number(target)}{suffix}"
    return _frame(ident, width, height + 10, title, description, body)


def _number(value: float) -> str:
    """« 12 », « 3,5 »: as French write numbers."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")
