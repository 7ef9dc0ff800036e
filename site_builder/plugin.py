"""MkDocs glue: load and validate the data, add the generated pages, post-process, publish atomically.

The pipeline itself (validate → model → render) is plain Python, called here and by the CLI and tests.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from site_builder import search, urls
from site_builder.checks import load_project
from site_builder.config import ClsPluginConfig
from site_builder.errors import DataValidationError
from site_builder.kinds import cost_scale
from site_builder.models import SiteModel
from site_builder.output import AtomicSiteDir
from site_builder.pdf import find_chromium, print_cached
from site_builder.render import directives, render_pages

log = logging.getLogger("mkdocs.plugins.cls")
KEPT = "Le site n'a pas été reconstruit : la version précédente est conservée telle quelle."


class ClsPlugin(BasePlugin[ClsPluginConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.chromium: str | None = None
        self.model: SiteModel | None = None
        self.facets: dict[str, search.Facets] = {}
        self.pagefind: str | None = None
        self.pdf_cache = Path(".cache")
        self.output: AtomicSiteDir | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate all data before anything is written; stage the output of a real build."""
        root = Path(config.config_file_path).parent
        data_dir = root / self.config.data_dir
        self.pdf_cache = root / ".cache" / "guide-pdf"
        try:
            today = self.config.date or dt.date.today()
            self.model = load_project(data_dir, Path(config.docs_dir), root, today=today, edition=self.config.edition,
                                      stale_after_months=self.config.mise_a_jour_mois)
        except DataValidationError as error:
            raise PluginError(f"Données invalides :\n{error}\n{KEPT}") from None
        _warn_stale(self.model)
        if self.model.cost_scale and (stale_scale := cost_scale.staleness(self.model.cost_scale, self.model.today)):
            log.warning("Guide seniors : %s", stale_scale)
        self.model = dataclasses.replace(self.model, site_url=config.site_url or "")
        self.facets = search.page_facets(self.model)
        self.pagefind = search.find_pagefind()
        if not self.pagefind:
            log.warning("Pagefind est introuvable (paquet « pagefind[bin] ») : le site sera construit sans recherche.")
        self.chromium = find_chromium() if self.config.guide_pdf and self.command != "serve" else None
        if self.chromium and self.model.senior_establishments:
            self.model = dataclasses.replace(self.model, guide_pdf=True)
        if str(data_dir) not in config.watch:
            config.watch.append(str(data_dir))
        if self.command != "serve":
            self.output = AtomicSiteDir(Path(config.site_dir))
            config.site_dir = str(self.output.prepare())
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in render_pages(self.model):
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.uri, content=page.content, inclusion=inclusion))
        if self.model.structures:
            files.append(File.generated(config, search.SHORTCUTS, content=search.typology_shortcuts(self.model)))
        return files

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - jinja2 types
        if self.model.newsletter:
            env.globals["cls_feed"] = {"title": f"La lettre du {self.model.contract.nom}", "path": urls.FEED}
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        page.meta["recherche"] = self.facets.get(page.file.src_uri, search.Facets())
        return directives.expand(markdown, page.file.src_uri, self.model)

    @event_priority(-100)  # every page is written
    def _index_search(self, *, config: MkDocsConfig) -> None:
        if not self.pagefind:
            return
        try:
            search.index_site(self.pagefind, Path(config.site_dir))
        except (OSError, subprocess.CalledProcessError) as error:
            details = getattr(error, "stderr", "") or error
            raise PluginError(f"L'index de recherche n'a pas pu être construit (Pagefind) : {details}\n"
                              + KEPT) from None

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
                              "Mettez « guide_pdf: false » sous le greffon cls pour construire sans PDF.\n"
                              + KEPT) from None
        log.info("Guide seniors %s : %s", "imprimé" if printed else "inchangé, PDF repris du cache", urls.SENIOR_PDF)

    @event_priority(-1000)  # last: publish only a complete site
    def _publish(self, *, config: MkDocsConfig) -> None:
        if self.output:
            self.output.commit()
            config.site_dir = str(self.output.target)
            log.info("Site publié dans %s", self.output.target)

    on_post_build = CombinedEvent(_index_search, _print_guide, _publish)

    def on_build_error(self, *, error: Exception) -> None:
        if self.output:
            self.output.abort()
            if not isinstance(error, PluginError):  # a data error already says so
                log.error("La construction a échoué : le site précédent est conservé tel quel.")


def _warn_stale(model: SiteModel) -> None:
    """The coordinator sees at each build how many fiches need checking (obstacle named by fiche 2-1-1)."""
    stale = model.stale_structures()
    if not stale:
        return
    page = urls.page_url(urls.STALE)
    where = f"voir la page {page}" + ("" if model.edition == "pro" else " de l'édition pro (option « edition: pro »)")
    plural = len(stale) > 1
    log.warning("%d fiche%s du répertoire %s pas été mise%s à jour depuis %d mois ou plus : %s.", len(stale),
                "s" if plural else "", "n'ont" if plural else "n'a", "s" if plural else "", model.stale_after_months,
                where)
