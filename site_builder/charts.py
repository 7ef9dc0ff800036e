"""Static SVG charts drawn at build time: no chart library for visitors to download, nothing to run.

Each chart is an image with a title and a text description (role="img", aria-labelledby); the pages put
the same numbers in a table beside it. Colours are dark enough for white text (contrast above 4.5:1) and
every segment is also labelled in words in the legend.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup
from markupsafe import escape as html_escape

from site_builder.vocabularies import ACTION_STATUSES

STATUS_COLOURS = {"realisee": "#1b5e20", "en-cours": "#0d47a1", "non-demarree": "#8e1b1b", "a-venir": "#5d4037"}
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
    """One horizontal bar per row (an axe, a year…), split by status; the legend names each colour."""
    label_width, bar_width, row_height, width = 150, 410, 34, 600
    body: list[str] = []
    for index, (label, counts) in enumerate(rows):
        y = index * row_height
        total = sum(counts.values()) or 1
        body.append(f'<text x="0" y="{y + 21}" font-size="13" fill="#222">{escape(label)}</text>')
        if not sum(counts.values()):
            body.append(f'<text x="{label_width}" y="{y + 21}" font-size="13" fill="#555">aucune action</text>')
        x = float(label_width)
        for status in ACTION_STATUSES:
            count = counts.get(status, 0)
            if not count:
                continue
            size = bar_width * count / total
            body.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{size:.1f}" height="24" '
                        f'fill="{STATUS_COLOURS[status]}"><title>{escape(ACTION_STATUSES[status])} : {count}</title>'
                        "</rect>")
            if size >= 18:
                body.append(f'<text x="{x + size / 2:.1f}" y="{y + 21}" font-size="13" fill="#fff" '
                            f'text-anchor="middle">{count}</text>')
            x += size
        body.append(f'<text x="{label_width + bar_width + 8}" y="{y + 21}" font-size="13" fill="#222">'
                    f'{sum(counts.values())}</text>')
    legend_y = len(rows) * row_height + 8
    x = 0
    for status, name in ACTION_STATUSES.items():
        body.append(f'<rect x="{x}" y="{legend_y}" width="14" height="14" fill="{STATUS_COLOURS[status]}"/>'
                    f'<text x="{x + 19}" y="{legend_y + 12}" font-size="12" fill="#222">{escape(name)}</text>')
        x += 150
    description = " ; ".join(f"{label} : " + ", ".join(f"{counts.get(s, 0)} {ACTION_STATUSES[s].lower()}"
                                                         for s in ACTION_STATUSES) for label, counts in rows)
    return _frame(ident, width, legend_y + 22, title, description, body)


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
