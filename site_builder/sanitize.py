"""The trust model of Markdown written by the coordinator (the newsletter's issues).

The coordinator writes prose, not code: an issue is published on the site, pasted into a mailing tool and
read in feed readers, and the README promises it carries no script and no tracking pixel. So whatever the
Markdown holds (HTML pasted from a web page, a partner's text, a typo), the HTML it becomes goes through an
allow-list: text formatting, headings, lists, tables, links (http, https, mailto, tel and relative ones)
and images from the site itself. Script, iframes, forms, event handlers (`on…`), `style`, `javascript:`
links and images from another server are removed. nh3 (the Rust sanitiser ammonia) does the parsing.
"""

from __future__ import annotations

from functools import partial

import nh3

TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q",
        "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "time", "tr", "u", "ul"}
# A link may leave the tab order and the accessibility tree (the headings' « ¶ », headerlinks.py), nothing more.
ATTRIBUTES = {"*": {"class", "id", "title", "lang"}, "a": {"href", "tabindex", "aria-hidden"},
              "nav": {"aria-label"}, "img": {"src", "alt", "width", "height"},
              "td": {"colspan", "rowspan", "style"}, "th": {"colspan", "rowspan", "scope", "style"},
              "ol": {"start"}, "details": {"open"}, "time": {"datetime"}}
SCHEMES = {"http", "https", "mailto", "tel"}
# Dropped with their content (other refused tags are dropped, their text kept).
DROPPED = {"script", "style", "template", "iframe", "object", "embed", "noscript", "textarea", "select"}


def clean(html: str, site_url: str = "") -> str:
    """`html` reduced to the allow-list; an image stays only if it comes from the site (`site_url` or relative)."""
    return nh3.clean(html, tags=TAGS, clean_content_tags=DROPPED, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                     attribute_filter=partial(_filter, site_url), filter_style_properties={"text-align"},
                     link_rel=None)


def _filter(site_url: str, tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not is_local(value, site_url):
        return None  # an image from another server tells it who reads what, and when
    if tag == "a" and (attribute, value) in {("tabindex", "-1"), ("aria-hidden", "true")}:
        return value
    return None if attribute in ("tabindex", "aria-hidden") else value


def is_local(url: str, site_url: str = "") -> bool:
    """Whether `url` points into the site: relative, or under its own address."""
    if site_url and url.startswith(site_url):
        return True
    return not url.startswith("//") and ":" not in url.split("/", 1)[0]
