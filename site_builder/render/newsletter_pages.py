"""The newsletter: archive by year, one page per issue with its automatic sections, the e-mail version
(HTML and plain text) beside each page, and the Atom feed.

Why not mkdocs-material's blog plugin: its posts live in content/ where our validation cannot check the
front matter (period, focus structure) with located French errors, it has no feed of its own (another
plugin), and the e-mail version needs the same model of an issue anyway. The archive it would give is a
page by year, which is what `newsletter.md.j2` renders.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterator
from functools import cache
from itertools import groupby
from pathlib import Path
from xml.etree import ElementTree as ET

import jinja2
import markdown as markdown_lib
from markupsafe import Markup

from site_builder import sanitize, urls
from site_builder.emoji import EMAIL_EMOJI, characters
from site_builder.errors import DataValidationError, ErrorReport, Location
from site_builder.models import SiteModel
from site_builder.news import Issue
from site_builder.render.environment import GeneratedPage, render
from site_builder.render.tracking_pages import changes
from site_builder.text import date_fr, span_fr
from site_builder.vocabularies import ACTION_STATUSES, TYPOLOGIES

ATOM = "http://www.w3.org/2005/Atom"
EXTENSIONS = ["abbr", "attr_list", "def_list", "tables"]
# Inline styles of the e-mail: mail clients drop <style> blocks and external CSS.
EMAIL_STYLES = {
    "h2": "font-size:20px;line-height:1.3;color:#1a237e;margin:24px 0 8px;",
    "h3": "font-size:17px;line-height:1.3;color:#1a237e;margin:18px 0 6px;",
    "p": "margin:0 0 12px;",
    "ul": "margin:0 0 12px;padding-left:20px;",
    "li": "margin:0 0 6px;",
    "a": "color:#1a237e;text-decoration:underline;",
}


def pages(model: SiteModel) -> Iterator[GeneratedPage]:
    if not model.newsletter:
        return
    years = [(year, list(items)) for year, items in groupby(model.newsletter, key=lambda i: i.date.year)]
    yield render("newsletter.md.j2", urls.NEWSLETTER, model=model, years=years, in_nav=True)
    for issue in model.newsletter:
        context = sections(model, issue)
        yield render("issue.md.j2", urls.issue(issue), model=model, issue=issue, body=Markup(issue.corps),
                     **context)
        yield GeneratedPage(urls.issue_email(issue), email_html(model, issue, context))
        yield GeneratedPage(urls.issue_text(issue), email_text(model, issue, context))
    yield GeneratedPage(urls.FEED, atom_feed(model))


def sections(model: SiteModel, issue: Issue) -> dict[str, object]:
    """What the builder adds to the coordinator's prose: the quarter's agenda, the focus structure, and the
    actions whose status changed at a yearly review adopted during the period."""
    reviews = [(index, r) for index, r in enumerate(model.reviews)
               if r.date and issue.periode_debut <= r.date <= issue.periode_fin]
    review = reviews[-1][1] if reviews else None
    previous = model.reviews[reviews[-1][0] - 1] if reviews and reviews[-1][0] else None
    return {"events": model.events_between(issue.periode_debut, issue.periode_fin),
            "review": review, "statuses": ACTION_STATUSES,
            "review_changes": changes(model, review, previous) if review else [],
            "focus": model.structure_by_id.get(issue.focus), "kinds": TYPOLOGIES, "published": date_fr(issue.date),
            "period": f"du {date_fr(issue.periode_debut)} au {date_fr(issue.periode_fin)}"}


def absolute(model: SiteModel, target: str, page: str) -> str:
    """The absolute URL of a link written in an issue's page (`../programme/action-1-1-4.md`, `#x`, https…)."""
    if target.startswith("//"):  # another server, whatever the scheme: never read as a path of the site
        return "https:" + target
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or not model.site_url:
        return target
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    return urls.absolute(model.site_url, resolved) + ("#" + anchor if anchor else "")


def body_html(model: SiteModel, issue: Issue) -> str:
    """The prose as HTML with absolute links, for the e-mail and the feed, reduced to the allow-list of
    `sanitize` (no script, no tracking image)."""
    html = markdown_lib.markdown(issue.corps, extensions=[*EXTENSIONS, *EMAIL_EMOJI], extension_configs=EMAIL_EMOJI,
                                 output_format="html")  # « :smile: » drawn as on the page (emoji.py)
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    page = urls.issue(issue)
    html = re.sub(r'(href|src)="([^"]*)"', lambda m: f'{m.group(1)}="{absolute(model, m.group(2), page)}"', html)
    return sanitize.clean(html, model.site_url)


IMAGE_SOURCE = re.compile(r'<img\b[^>]*?\bsrc="([^"]*)"')


def email_image_errors(model: SiteModel, root: Path) -> None:
    """Without `site_url`, an image of a lettre keeps a relative address in the e-mail, where no mail client can
    show it: DataValidationError located at the image's line (with `site_url` it becomes absolute)."""
    if model.site_url:
        return
    report = ErrorReport()
    for issue in model.newsletter:
        html = markdown_lib.markdown(issue.corps, extensions=EXTENSIONS, output_format="html")
        for source in IMAGE_SOURCE.findall(html):
            if sanitize.is_local(source) and not source.startswith(("data:", "#")):
                where = model.sources.get(("lettre", str(issue.numero)), Location(""))
                report.add(Location(where.file, _line_of(root / where.file, source)), "",
                           f"image « {source} » : dans le courriel de la lettre, une adresse relative "
                           "ne s'affiche pas.",
                           "indiquez l'adresse du site (site_url dans mkdocs.yml) : l'image y sera écrite avec son "
                           "adresse complète ; ou retirez l'image de la lettre.")
    if report:
        raise DataValidationError(report)


def _line_of(path: Path, text: str) -> int:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except OSError:
        return 0
    return content.count("\n", 0, content.find(text)) + 1 if text in content else 0


def _inline_styles(html: str) -> str:
    for tag, style in EMAIL_STYLES.items():
        html = re.sub(rf"<{tag}(?=[ >])", f'<{tag} style="{style}"', html)
    return html


@cache
def _email_environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("site_builder", "render/templates"),
                              autoescape=jinja2.select_autoescape(["html.j2"], default=False),
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def email_html(model: SiteModel, issue: Issue, context: dict[str, object]) -> str:
    """One self-contained HTML page to paste into a mailing tool: tables, inline CSS, absolute URLs, no script."""
    return _email_environment().get_template("issue_email.html.j2").render(
        model=model, issue=issue, body=Markup(_inline_styles(body_html(model, issue))), when=span_fr, date_fr=date_fr,
        url=lambda uri: urls.absolute(model.site_url, uri), urls=urls, styles=EMAIL_STYLES, **context)


def email_text(model: SiteModel, issue: Issue, context: dict[str, object]) -> str:
    """The plain-text version: the prose with links spelled out, then the automatic sections."""
    page = urls.issue(issue)
    text = characters(re.sub(r"<!--.*?-->\n?", "", issue.corps, flags=re.S))
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", lambda m: f"{m.group(1)} ({absolute(model, m.group(2), page)})", text)
    text = re.sub(r"^#+\s*(.+)$", lambda m: m.group(1).upper(), text, flags=re.M)
    text = text.replace("**", "")
    return _email_environment().get_template("issue_email.txt.j2").render(
        model=model, issue=issue, body=text.strip(), when=span_fr, date_fr=date_fr,
        url=lambda uri: urls.absolute(model.site_url, uri),
        urls=urls, **context)


def atom_feed(model: SiteModel) -> str:
    """Atom 1.0 feed of the issues, newest first; ids are the issues' page URLs, which never change."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "fr"})
    home = urls.absolute(model.site_url, urls.HOME)
    _sub(feed, "title", f"La lettre du {model.contract.nom}")
    _sub(feed, "subtitle", "Lettre d'information trimestrielle du contrat local de santé")
    feed_url = urls.absolute(model.site_url, urls.FEED)
    _sub(feed, "id", feed_url)
    _sub(feed, "updated", _timestamp(model.newsletter[0].date))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=home)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", model.organisation_by_id[model.contract.porteur].nom)
    for issue in model.newsletter:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        link = urls.absolute(model.site_url, urls.issue(issue))
        _sub(entry, "title", f"Lettre n° {issue.numero} : {issue.titre}")
        _sub(entry, "id", link)
        _sub(entry, "published", _timestamp(issue.date))
        _sub(entry, "updated", _timestamp(issue.date))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
        if issue.resume:
            _sub(entry, "summary", issue.resume)
        _sub(entry, "content", body_html(model, issue), type="html")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _sub(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T08:00:00+00:00"
