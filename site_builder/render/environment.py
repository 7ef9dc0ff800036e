"""The Jinja environment shared by every page template."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from site_builder import urls
from site_builder.french import place
from site_builder.models import Commune
from site_builder.news import Event
from site_builder.open_now import holidays_json
from site_builder.render import markdown
from site_builder.render.freshness_line import confirmed_count, last_refresh, national_sources
from site_builder.text import age_fr, date_fr, month_fr, sort_key, span_fr
from site_builder.vocabularies import ACTION_STATUSES, EVENT_STATUSES, LIVING_PLACES, URGENT_NUMBERS


@dataclass(frozen=True)
class GeneratedPage:
    """A page produced from data: its source path (as if it were in content/) and Markdown text."""

    uri: str
    content: str
    in_nav: bool = False


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("site_builder", "render/templates"),
        finalize=markdown.escape,  # every {{ value }} is escaped unless it is Markup we built
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(paragraphs=markdown.paragraphs, bullets=markdown.bullets, attr=markdown.attribute,
                       yaml=markdown.yaml_string, block=markdown.block, code=markdown.code_span,
                       labelled=lambda keys, vocabulary: [vocabulary[key] for key in keys],
                       a=lambda name: place("à", name), de=lambda name: place("de", name))
    env.globals.update(external_link=markdown.external_link, email_link=markdown.email_link,
                       section=markdown.section, phone_link=markdown.phone_link, date_fr=date_fr, age_fr=age_fr,
                       month_fr=month_fr,
                       when=span_fr, status_badge=status_badge,
                       urgent_numbers=URGENT_NUMBERS, national_sources=national_sources, last_refresh=last_refresh,
                       confirmed_count=confirmed_count,
                       living_places=LIVING_PLACES, holidays_json=holidays_json, commune_choices=commune_choices)
    return env


def commune_choices(communes: Iterable[Commune]) -> list[tuple[str, Commune, bool]]:
    """The options of a commune menu: (label, commune, is its own name), former names included (« Malesherbes
    (Le Malesherbois) »), sorted as people look names up — « Le Malesherbois » under M."""
    choices = [(c.nom, c, True) for c in communes]
    choices += [(f"{name} ({c.nom})", c, False) for c in communes for name in c.anciens_noms]
    return sorted(choices, key=lambda choice: (sort_key(choice[0]), choice[0]))


def status_badge(status: str) -> Markup:
    """The status of an action in words (colour only repeats it): « En cours »."""
    if not status:
        return Markup("")
    return Markup(f'<span class="cls-status cls-status--{status}">{ACTION_STATUSES[status]}</span>')


def render(template: str, uri: str, *, in_nav: bool = False, **context: Any) -> GeneratedPage:
    """Render `template` as the page at `uri`; `link(text, target)` in templates is relative to it."""

    def link(text: object, target: str) -> markdown.Markup:
        return markdown.link(text, target, uri)

    def href(target: str) -> markdown.Markup:
        return markdown.attribute(markdown.href(target, uri))

    def organisation_links(ids: Iterable[str]) -> markdown.Markup:
        """Comma-separated links to the pages of these organisations."""
        model = context["model"]
        return markdown.Markup(", ").join(
            link(model.organisation_by_id[i].label, urls.organisation(i)) for i in ids)

    def event_item(event: Event) -> markdown.Markup:
        """« **samedi 10 octobre 2026, de 10 h à 17 h** — [title](page) (annulé) », for lists of events."""
        status = "" if event.statut == "prevu" else f" ({EVENT_STATUSES[event.statut].lower()})"
        return (markdown.Markup("**") + markdown.escape(span_fr(event.debut, event.fin)) + markdown.Markup("** — ")
                + link(event.titre, urls.event(event)) + status)

    def breadcrumb(parent: str, title: str) -> markdown.Markup:
        """The menu's path to this page (itself left out) when the menu lists it, else to `parent`; without a
        menu, a link to `parent` titled `title`. Sections without a page of their own are plain words."""
        trails = context["model"].nav_trails if "model" in context else {}
        trail = trails[uri][:-1] if uri in trails else trails.get(parent, ((title, parent),))
        return markdown.Markup(" › ").join(link(name, target) if target else markdown.escape(name)
                                            for name, target in trail)

    content = environment().get_template(template).render(
        uri=uri, link=link, href=href, organisation_links=organisation_links, event_item=event_item, urls=urls,
        breadcrumb=breadcrumb, **context)
    return GeneratedPage(uri, content, in_nav)


def render_snippet(template: str, uri: str, **context: Any) -> str:
    """Render a fragment inserted into a hand-written page at `uri`."""
    return render(template, uri, **context).content
