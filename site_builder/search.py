"""Site search with Pagefind: a static, chunked index that a visitor's browser loads only when they search.

Material's own search makes every page download one index of the whole site (1.45 MB raw for the example,
23.6 MB at 10,000 structures) and is blind to French accents. Pagefind splits the index into chunks, folds
accents and stems French. We tell it, per page, what kind of thing the page is and where it is, so results
say « Structure · Ville » and can be filtered by kind; a structure also carries the words people use
for its type (« médecin » for a maison de santé), which its own text may never say.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import cbor2

from site_builder import urls
from site_builder.directory import Structure
from site_builder.models import SiteModel
from site_builder.text import fold
from site_builder.vocabularies import (
    ALZHEIMER_UNITS,
    PROFESSION_SEARCH_WORDS,
    PROFESSIONS,
    TYPOLOGIES,
    TYPOLOGY_SEARCH_WORDS,
)

INDEX_DIR = "pagefind"
SHORTCUTS = "recherche/types.json"
PAGE = "Page"
# Not indexed: words repeated on hundreds of pages that say nothing of the page (the « ¶ » of heading permalinks,
# breadcrumbs, a fiche's « Itinéraire… Signaler une erreur »). They made the index heavier and results noisier.
EXCLUDED = ".headerlink, .cls-breadcrumb, .cls-fiche-actions"
# Pagefind writes these ready-made interfaces beside its engine; the site has its own light search box.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


@dataclass(frozen=True)
class Facets:
    """What the search shows and filters on for one page."""

    type: str = PAGE
    commune: str = ""
    words: str = ""  # extra words to index, never shown in results
    indexed: bool = True
    fiche: str = ""  # a structure's result line: « Pharmacie · 2 rue X, 45300 Pithiviers · 02 38 … »


def page_facets(model: SiteModel) -> dict[str, Facets]:
    """The facets of each generated page that is a record (structure, action, event, issue, commune)."""
    facets: dict[str, Facets] = {}
    for s in model.structures:
        words = " ".join((TYPOLOGIES[s.typologie], TYPOLOGY_SEARCH_WORDS.get(s.typologie, ""), *_professions(s),
                          _unit_words(s)))
        line = " · ".join(filter(None, (TYPOLOGIES[s.typologie], f"{s.adresse}, {s.code_postal} {s.commune}",
                                        s.telephone)))
        facets[urls.structure(s)] = Facets("Structure", s.commune, words.strip(), fiche=line)
    for axis in model.axes:
        for action in axis.actions:
            facets[urls.action(action)] = Facets("Action")
    for event in model.events:
        place = model.structure_by_id[event.lieu.structure] if event.lieu.structure else event.lieu
        commune = model.commune_by_code.get(place.code_insee)
        facets[urls.event(event)] = Facets("Événement", commune.nom if commune else "")
    for issue in model.newsletter:
        facets[urls.issue(issue)] = Facets("Lettre")
    for commune in model.communes:
        facets[urls.commune(commune)] = Facets("Commune", commune.nom)
    facets[urls.SENIOR_PRINT] = Facets(indexed=False)  # repeats every establishment of the guide
    # The comparison table again, in another order.
    facets.update((urls.senior_table_sorted(key), Facets(indexed=False)) for key in urls.SENIOR_TABLE_ORDERS)
    facets[urls.REPERTOIRE_AZ] = Facets(indexed=False)  # names of fiches that are indexed themselves
    if model.repertoire_grouped:  # lists of fiches that are indexed themselves
        facets.update((urls.repertoire_kind(s.typologie), Facets(indexed=False)) for s in model.structures)
        facets.update((urls.repertoire_commune(model.commune_by_code[s.code_insee]), Facets(indexed=False))
                      for s in model.structures)
    facets.update((uri, Facets(indexed=False)) for uri in (urls.STALE, urls.CAMPAIGN, urls.REFRESH_REPORT))
    return facets


def _professions(item: Structure) -> list[str]:
    """The names and words of the professions practising at a place (« kiné » for a physiotherapist's cabinet)."""
    if not item.professionnels:  # a hand-written list of professions is already said on the fiche
        return []
    return [f"{PROFESSIONS[key]} {PROFESSION_SEARCH_WORDS.get(key, '')}" for key in item.professions]


def _unit_words(item: Structure) -> str:
    """« alzheimer » and the names of its units for a home with an Alzheimer unit (UVP, PASA, UHR)."""
    units = item.seniors.alzheimer if item.seniors else ()
    return " ".join(["alzheimer maladie d'Alzheimer", *(ALZHEIMER_UNITS[key] for key in units)]) if units else ""


def typology_shortcuts(model: SiteModel) -> str:
    """JSON of the kinds of structure present, with the words that name them: typing « médecin » offers
    « Maison de santé pluriprofessionnelle (6) » near the visitor, above the pages that merely mention it."""
    counts = Counter(s.typologie for s in model.structures)
    near_me = urls.page_url(urls.NEAR_ME)
    shortcuts = [{"libelle": label, "nombre": counts[key], "url": f"{near_me}?type={key}",
                  "mots": fold(f"{label} {TYPOLOGY_SEARCH_WORDS.get(key, '')}")}
                 for key, label in TYPOLOGIES.items() if counts[key]]
    # « kiné » offers « Masseurs-kinésithérapeutes (3) »: the places where they practise, nearest first.
    places = Counter(key for s in model.structures for key in {p.profession for p in s.professionnels})
    shortcuts += [{"libelle": label, "nombre": places[key], "url": f"{near_me}?profession={key}",
                   "mots": fold(f"{label} {PROFESSION_SEARCH_WORDS.get(key, '')}")}
                  for key, label in PROFESSIONS.items() if places[key]]
    return json.dumps(shortcuts, ensure_ascii=False, separators=(",", ":"))


def find_pagefind() -> str | None:
    """The Pagefind executable shipped by the `pagefind[bin]` wheel, if installed."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return str(get_executable())
    except FileNotFoundError:
        return None


class Indexing:
    """Pagefind indexing the written site in its own process while the build goes on (the guide's PDF prints
    meanwhile on the other core); `finish` waits for it, `cancel` stops it when the build fails."""

    def __init__(self, executable: str, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.process = subprocess.Popen([executable, "--site", str(site_dir), "--force-language", "fr", "--quiet",
                                         "--exclude-selectors", EXCLUDED],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish(self) -> None:
        """Wait for the index; raise CalledProcessError with Pagefind's output if it failed."""
        out, err = self.process.communicate()
        if self.process.returncode:
            raise subprocess.CalledProcessError(self.process.returncode, self.process.args, out, err)
        for name in UNUSED_FILES:
            (self.site_dir / INDEX_DIR / name).unlink(missing_ok=True)
        _sort_filter_list(self.site_dir / INDEX_DIR)

    def cancel(self) -> None:
        self.process.kill()
        self.process.communicate()


SIGNATURE = b"pagefind_dcd"


def _sort_filter_list(bundle: Path) -> None:
    """Make the index byte-identical from one build to the next (our quality bar; pagefind#638).

    Pagefind 1.5 lists the filters in its metadata file in hash-map order, which changes at every run. We sort
    that list, and name the file after its new content as Pagefind does, in its entry file too.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        old = bundle / f"pagefind.{language['hash']}.pf_meta"
        metadata = cbor2.loads(gzip.decompress(old.read_bytes()).removeprefix(SIGNATURE))
        metadata[3].sort()  # [version, pages, index chunks, filters [[name, file]…], sorts, meta fields]
        content = gzip.compress(SIGNATURE + cbor2.dumps(metadata), mtime=0)
        language["hash"] = f"{language['wasm']}_{hashlib.sha256(content).hexdigest()[:10]}"
        old.unlink()
        (bundle / f"pagefind.{language['hash']}.pf_meta").write_bytes(content)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def remove_index(site_dir: Path) -> None:
    shutil.rmtree(site_dir / INDEX_DIR, ignore_errors=True)
