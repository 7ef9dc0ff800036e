"""Hostile text in every kind of data: the built site shows it as text and never runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT, local_context, replace_in

from site_builder.cli import main

HOSTILE = ("<script>alert(1)</script> \"><img src=x onerror=alert(2)> [clic](javascript:alert(3)) "
           "</title><svg onload=alert(4)> עברית 😀 " + "très long " * 40)

# (file, text to replace, replacement): one text field of each kind of data.
INJECTIONS = [
    ("organisations.yml", "nom: PETR de test", "nom: '{}'"),
    ("programme/axe-1.yml", "titre: Ateliers cuisine", "titre: '{}'"),
    ("structures.yml", "nom: Maison de santé de test", "nom: '{}'"),
    ("structures.yml", "adresse: 1 rue de l'Exemple", "adresse: '{}'"),
    ("evenements.yml", "titre: Atelier de test", "titre: '{}'"),
    ("evenements.yml", "resume: Un atelier pour tester l'agenda.", "resume: '{}'"),
    ("lettres/2025-t4.md", 'titre: "Première lettre de test"', "titre: '{}'"),
    ("lettres/2025-t4.md", 'resume: "Une lettre pour tester."', "resume: '{}'"),
    ("suivi/2025.yml", "avancees: [Dix ateliers menés.]", "avancees: ['{}']"),
    ("cls.yml", "nom: Contrat local de santé de test", "nom: '{}'"),
]
PAGES = ("", "programme/action-1-1-1/", "repertoire/", "repertoire/msp-test/", "carte/", "agenda/",
         "agenda/atelier-test/", "lettre/numero-1/", "suivi/", "suivi/bilan-2025/", "partenaires/petr/",
         "pres-de-chez-moi/")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", project / "data")
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for page in ("index.md", "le-cls.md"):  # the example's pages link to example data
        (project / "content" / page).write_text("# Test\n\n<!-- cls:agenda -->\n\n<!-- cls:lettre -->\n",
                                                encoding="utf-8")
    for file, old, new in INJECTIONS:
        replace_in(project / "data" / file, old, new.format(HOSTILE.replace("'", "''")))
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml"), "--date", "2026-11-23"])
    assert result.exit_code == 0, result.output
    return project / "site"


def test_no_hostile_markup_reaches_any_file(hostile_site: Path) -> None:
    # Plain-text formats (iCalendar, the e-mail's text version, JSON read with textContent) carry the text as is.
    files = [p for p in hostile_site.rglob("*") if p.suffix in (".html", ".xml")]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        for needle in ("<script>alert", "<img src=x", "<svg onload", 'href="javascript:'):
            assert needle not in text, (path, needle)
    assert "alert(1)" in (hostile_site / "repertoire" / "msp-test" / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_no_dialog_opens_on_any_page(browser, hostile_site: Path) -> None:
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site_url = f"http://127.0.0.1:{server.server_address[1]}"
    context = local_context(browser, site_url)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(f"{tab.url}: {dialog.message}"), dialog.dismiss()))
    try:
        for page in PAGES:
            tab.goto(f"{site_url}/{page}")
            tab.wait_for_timeout(150)
            for link in tab.locator(".leaflet-marker-icon").all()[:2]:
                link.click()  # opens the popup built from the data
        # search results show the indexed text and Pagefind's excerpts: as text, never as markup
        tab.get_by_role("button", name="Rechercher sur le site").click()
        tab.get_by_label("Mots recherchés").fill("alert onerror")
        tab.locator(".cls-recherche__resultats li").first.wait_for()
        assert tab.locator(".cls-recherche__resultats :is(img, svg, script)").count() == 0
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []
