"""What the build tells the coordinator, in French: why it stopped, what was published, which fiches need
checking; and MkDocs' own English warning the preview does not need."""

from __future__ import annotations

import logging
import re

from mkdocs.exceptions import PluginError

from site_builder import urls
from site_builder.models import SiteModel
from site_builder.output import AtomicSiteDir

log = logging.getLogger("mkdocs.plugins.cls")
KEPT = "Le site n'a pas été reconstruit : la version précédente est conservée telle quelle."
DIRTY_WARNING = "A 'dirty' build is being performed"  # MkDocs 1.6, mkdocs/commands/build.py


def search_failed(error: Exception) -> PluginError:
    """Pagefind could not start, or failed: its own words (stderr) when it wrote any."""
    details = getattr(error, "stderr", "") or error
    return PluginError(f"L'index de recherche n'a pas pu être construit (Pagefind) : {details}")


def _drop_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    """MkDocs warns in English at every rebuild of the preview that its navigation may be inaccurate; our French
    message says once what the preview leaves out (the menu), so its warning only alarms the coordinator."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _drop_dirty_warning not in logger.filters:
        logger.addFilter(_drop_dirty_warning)


def failure_message(error: Exception) -> str:
    """Why the build stopped, in French (MkDocs would end with « Aborted with a BuildError! »)."""
    counts = re.findall(r"(\d+) (warning|error)s", str(error)) if str(error).endswith("strict mode!") else []
    if counts:
        words = {"warning": "avertissement", "error": "erreur"}
        said = ", ".join(f"{n} {words[kind]}{'s' if int(n) > 1 else ''}" for n, kind in counts)
        return f"Construction interrompue en mode strict ({said}). {KEPT}"
    return f"La construction a échoué. {KEPT}"


def log_notes(output: AtomicSiteDir) -> None:
    for note in output.notes:
        log.info("Publication : %s", note)
    output.notes.clear()


def warn_stale(model: SiteModel) -> None:
    """The coordinator sees at each build how many fiches need checking (obstacle named by fiche 2-1-1)."""
    stale = model.stale_structures()
    if not stale:
        return
    page = urls.page_url(urls.STALE)
    where = f"voir la page {page}" + ("" if model.edition == "pro" else " de l'édition pro (option « edition: pro »)")
    plural = len(stale) > 1
    # Information, not a warning: stale fiches must not stop a publication under --strict.
    log.info("%d fiche%s du répertoire %s pas été mise%s à jour depuis %d mois ou plus : %s.", len(stale),
                "s" if plural else "", "n'ont" if plural else "n'a", "s" if plural else "", model.stale_after_months,
                where)
