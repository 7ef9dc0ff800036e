"""The « ¶ » permalink beside each heading, for the mouse only.

Python-Markdown's `toc` extension (mkdocs.yml `permalink: true`) adds `<a class="headerlink">¶</a>` to every
heading: one more Tab stop per heading for a keyboard user, and a « ¶ » read out at the end of every heading's
name by a screen reader. A treeprocessor run after `toc` takes the link out of the tab order and out of the
accessibility tree; a mouse still shows and copies it, and a heading's address stays in the table of contents.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

TOC_PRIORITY = 5  # python-markdown registers its toc treeprocessor at 5; lower runs later


class _HeaderLinks(Treeprocessor):
    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            if "headerlink" in link.get("class", "").split():
                link.set("tabindex", "-1")
                link.set("aria-hidden", "true")


class HeaderLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_HeaderLinks(md), "cls_headerlinks", TOC_PRIORITY - 1)


def makeExtension(**kwargs: object) -> HeaderLinksExtension:  # noqa: N802 - Python-Markdown's entry point
    return HeaderLinksExtension(**kwargs)
