"""MkDocs glue: load and validate the data, add the generated pages, post-process, publish atomically.

The pipeline itself (validate → model → render) is plain Python, called here and by the CLI and tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from site_builder import (
    acronyms,
    build_messages,
    figures,
    page_cache,
    placeholders,
    sanitize,
    search,
    sections,
    site_identity,
    theme,
    typography,
    urls,
)
from site_builder.checks import load_project
from site_builder.config import ClsPluginConfig
from site_builder.errors import DataValidationError
from site_builder.headerlinks import HeaderLinksExtension
from site_builder.kinds import cost_scale
from site_builder.models import SiteModel
from site_builder.output import AtomicSiteDir, PublicationError
from site_builder.pdf import find_chromium, print_cached
from site_builder.prepare import prepare_pages
from site_builder.preview import show_errors
from site_builder.render import directives, newsletter_pages
from site_builder.render.glossary_page import URI as GLOSSARY

log = logging.getLogger("mkdocs.plugins.cls")


class ClsPlugin(BasePlugin[ClsPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.chromium: str | None = None
        self.model: SiteModel | None = None
        self.pages: list = []
        self.facets: dict[str, search.Facets] = {}
        self.glossary: dict[str, str] = {}
        self.pagefind: str | None = None
        self.indexing: search.Indexing | None = None
        self.pdf_cache = Path(".cache")
        self.output: AtomicSiteDir | None = None
        self.built = False
        self.error: Exception | None = None
        self.dirty_serve = False  # `cls-site serve`: rebuild only the pages whose Markdown changed
        self.page_cache: Path | None = None  # then generated pages are files there, see page_cache.py

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty_serve = command == "serve" and dirty
        if self.dirty_serve:
            build_messages.quiet_dirty_warning()
            log.info("Aperçu : à chaque enregistrement, seules les pages modifiées sont reconstruites. Un "
                     "changement du menu apparaît sur les autres pages au prochain lancement de la commande.")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate all data before anything is written; stage the output of a real build."""
        self.error = None
        root = Path(config.config_file_path).parent
        data_dir = root / self.config.data_dir
        self.pdf_cache = root / ".cache" / "guide-pdf"
        self.page_cache = root / ".cache" / "pages" if self.dirty_serve else None
        if str(data_dir) not in config.watch:
            config.watch.append(str(data_dir))
        if not any(isinstance(ext, HeaderLinksExtension) for ext in config.markdown_extensions):
            config.markdown_extensions.append(HeaderLinksExtension())  # « ¶ » out of the tab order
        self.chromium = find_chromium() if self.config.guide_pdf and self.command != "serve" else None
        if self.command != "serve":  # first put back a site an interrupted publication may have left aside
            self.output = AtomicSiteDir(Path(config.site_dir))
            _publishing(self.output.recover)
            build_messages.log_notes(self.output)
        try:
            self.model = self._model(data_dir, Path(config.docs_dir), root, config.site_url or "")
            self.model = dataclasses.replace(self.model, nav_trails=sections.nav_trails(config.nav))
            newsletter_pages.email_image_errors(self.model, root)
            self.pages = prepare_pages(self.model, Path(config.docs_dir), root)
            site_identity.check_logo(self.model, Path(config.docs_dir), data_dir, root)
        except DataValidationError as error:
            raise PluginError(f"Données invalides :\n{error}") from None
        build_messages.warn_stale(self.model)
        placeholders.warn(placeholders.find(self.model.contract, data_dir, Path(config.docs_dir), root), log)
        for mismatch in figures.mismatches(self.model):
            log.warning("Chiffres : %s", mismatch)
        if self.model.cost_scale and (stale_scale := cost_scale.staleness(self.model.cost_scale, self.model.today)):
            log.warning("Guide seniors : %s", stale_scale)
        site_identity.say_territory(config, self.model)
        self.facets = search.page_facets(self.model)
        self.glossary = acronyms.terms(self.model)
        self.pagefind = search.find_pagefind()
        if not self.pagefind:
            log.warning("Pagefind est introuvable (paquet « pagefind[bin] ») : le site sera construit sans recherche.")
        elif self.dirty_serve and (Path(config.site_dir) / search.INDEX_DIR).is_dir():
            self.pagefind = None  # the preview keeps the index of its first build: re-indexing costs seconds
        if self.output:
            config.site_dir = str(_publishing(self.output.prepare))
            build_messages.log_notes(self.output)
        return config

    def _model(self, data_dir: Path, docs_dir: Path, root: Path, site_url: str) -> SiteModel:
        today = self.config.date or dt.date.today()
        model = load_project(data_dir, docs_dir, root, today=today, edition=self.config.edition,
                             stale_after_months=self.config.mise_a_jour_mois)
        pdf = bool(self.chromium and model.senior_establishments)
        report = root / "rapport-rafraichissement.md"  # written by `cls-site rafraichir`: a page of the pro edition
        return dataclasses.replace(model, site_url=site_url, guide_pdf=pdf, map_tiles=self.config.carte_fond,
                                   repertoire_group_above=self.config.repertoire_seuil,
                                   refresh_report=report.read_text(encoding="utf-8")
                                   if self.config.edition == "pro" and report.is_file() else "")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        present = sections.present(self.model)
        for file in [f for f in files.documentation_pages() if sections.left_out(f.src_uri, present)]:
            files.remove(file)
        if self.page_cache:
            _rebuild_with_data(files)
        for page in self.pages:
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(self._generated(config, page.uri, page.content, inclusion))
        if self.model.structures:
            files.append(self._generated(config, search.SHORTCUTS, search.typology_shortcuts(self.model)))
        contract = self.model.contract
        if contract.couleur_principale:
            files.append(self._generated(config, theme.CSS_URI,
                                         theme.css(contract.couleur_principale, contract.couleur_accent)))
        if config.nav:  # the menu of mkdocs.yml lists only the sections this territory's data fills
            config.nav = sections.prune_nav(config.nav, lambda uri: files.get_file_from_path(uri) is not None)
        return files

    def _generated(self, config: MkDocsConfig, uri: str, content: str,
                   inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
        """A page held in memory; in `serve --dirty`, a cache file that is newer only when its content changed."""
        if not self.page_cache:
            return File.generated(config, uri, content=content, inclusion=inclusion)
        path = page_cache.write_if_changed(self.page_cache, uri, content)
        return File.generated(config, uri, abs_src_path=str(path), inclusion=inclusion)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - jinja2 types
        if self.model.newsletter:
            env.globals["cls_feed"] = {"title": f"La lettre du {self.model.contract.nom}", "path": urls.FEED}
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        page.meta["recherche"] = self.facets.get(page.file.src_uri, search.Facets())
        return directives.expand(markdown, page.file.src_uri, self.model)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Newsletter issues (the coordinator's Markdown) through the allow-list of `sanitize`; acronyms explained."""
        if page.file.src_uri in {urls.issue(issue) for issue in self.model.newsletter}:
            html = sanitize.clean(html)
        return acronyms.explain_first(html, self.glossary) if page.file.src_uri != GLOSSARY else html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """No line breaks before « ? ! : ; », inside « » and numbers, in every page's text (templates included)."""
        return typography.french_spaces_html(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page is a theme template, not a page: the same French spaces."""
        return typography.french_spaces_html(output_content) if template_name.endswith(".html") else output_content

    @event_priority(-100)  # every page is written
    def _start_search(self, *, config: MkDocsConfig) -> None:
        if not self.pagefind:
            return
        try:
            self.indexing = search.Indexing(self.pagefind, Path(config.site_dir))
        except OSError as error:
            raise build_messages.search_failed(error) from None

    @event_priority(-500)  # after every page is written
    def _print_guide(self, *, config: MkDocsConfig) -> None:
        if not self.model.guide_pdf:
            return
        site = Path(config.site_dir)
        page = site / urls.page_url(urls.SENIOR_PRINT) / "index.html"
        try:
            printed = print_cached(self.chromium, site, page, site / urls.SENIOR_PDF, self.model.today, self.pdf_cache)
        except (OSError, subprocess.SubprocessError) as error:
            raise PluginError(f"Le guide seniors n'a pas pu être imprimé en PDF ({error}). "
                              "Mettez « guide_pdf: false » sous le greffon cls pour construire sans PDF.") from None
        log.info("Guide seniors %s : %s", "imprimé" if printed else "inchangé, PDF repris du cache", urls.SENIOR_PDF)

    @event_priority(-600)  # the guide is printed: now wait for the index, built meanwhile
    def _finish_search(self, *, config: MkDocsConfig) -> None:
        indexing, self.indexing = self.indexing, None
        if not indexing:
            return
        try:
            indexing.finish()
        except (OSError, subprocess.CalledProcessError) as error:
            raise build_messages.search_failed(error) from None

    @event_priority(-1000)  # last: every step wrote; MkDocs may still abort (--strict) after this event
    def _ready(self, *, config: MkDocsConfig) -> None:
        self.built = True

    on_post_build = CombinedEvent(_start_search, _print_guide, _finish_search, _ready)

    @event_priority(-1000)  # last: other plugins clean up first, then the French message replaces MkDocs' one
    def on_build_error(self, *, error: Exception) -> None:
        self.built = False
        if self.indexing:  # the guide's PDF failed while Pagefind was indexing
            self.indexing.cancel()
            self.indexing = None
        if self.output:
            self.output.abort()
            self.output = None
        self.error = error
        if isinstance(error, BuildError | Abort):  # ours or --strict: say it in French instead of MkDocs
            if isinstance(error, BuildError):
                log.error(str(error))
            raise Abort(build_messages.failure_message(error)) from None
        log.error(build_messages.failure_message(error))  # a crash: MkDocs shows its traceback next

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # noqa: ANN001, ANN201 - MkDocs' server
        """A failed rebuild shows its report in the browser instead of leaving the page loading forever."""

        def build_or_show_errors() -> None:
            try:
                builder()
            except Exception as error:  # noqa: BLE001 - any failure: the browser must get an answer
                cause = self.error or error
                report = str(cause) if isinstance(cause, BuildError) else f"{type(cause).__name__} : {cause}"
                show_errors(Path(server.root), report)
                if self.page_cache:  # every page now shows the report: the next build must rewrite them all
                    shutil.rmtree(self.page_cache, ignore_errors=True)
                log.error("Les pages de l'aperçu affichent ces erreurs ; enregistrez une correction pour reconstruire.")

        server.builder = build_or_show_errors
        return server

    def on_shutdown(self) -> None:
        """Publish only now: MkDocs has finished, including its --strict check, and reported success."""
        if self.output and self.built:
            self.output.commit()
            log.info("Site publié dans %s", self.output.target)
            build_messages.log_notes(self.output)
        elif self.output:
            self.output.abort()
        self.output, self.built = None, False


def _publishing(step: Callable[[], Any]) -> Any:
    """A step of the site's folder the system may refuse (write-protected site/): a French build error."""
    try:
        return step()
    except PublicationError as error:
        raise PluginError(str(error)) from None


def _rebuild_with_data(files: Files) -> None:
    """Hand-written pages that pull in data blocks change with the data: hold them in memory (always rebuilt)."""
    for file in files.documentation_pages():
        if directives.DIRECTIVE.search(text := file.content_string):
            file.content_string = text
