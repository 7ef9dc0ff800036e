"""Update campaigns (issue 26, item 3): prepare letters and a workbook, import the answers, show them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from click.testing import CliRunner
from helpers import CHROMIUM, plain
from openpyxl import load_workbook

from site_builder.campaigns.campaign_sheet import CAMPAIGN_SHEET
from site_builder.campaigns.due import due
from site_builder.campaigns.fields import CORRECTABLE
from site_builder.cli import main
from site_builder.render import render_pages
from site_builder.validate import load_model

SENT = dt.date(2026, 11, 2)  # the campaign
ANSWERED = dt.date(2026, 11, 20)  # the import
BUILT = dt.date(2026, 11, 23)  # the site built after it
ANSWER = CAMPAIGN_SHEET.column("reponse").header

# Four structures beside the minimal set's two examples: one imported from FINESS and never confirmed, one confirmed
# exactly 12 months before the campaign (due), one confirmed 13 months before, one 11 months and 30 days before.
EXTRA = """
  - id: pharmacie-test
    nom: Pharmacie de test
    typologie: pharmacie
    adresse: 3 place du Martroi
    code_postal: "45300"
    code_insee: "45252"
    commune: Pithiviers
    latitude: 48.172
    longitude: 2.250
    telephone: "02 38 30 00 01"
    courriel: pharmacie@exemple.fr
    horaires_accueil: "Mo-Sa 09:00-19:00"
    date_maj: 2026-06-30
    source: finess
    id_source: "450000001"
  - id: cmp-test
    nom: CMP de test
    typologie: cmp
    adresse: 4 rue de l'Hôpital
    code_postal: "45300"
    code_insee: "45252"
    commune: Pithiviers
    latitude: 48.174
    longitude: 2.252
    telephone: "02 38 30 00 02"
    date_maj: 2025-01-10
    verifie_le: 2025-11-02
  - id: ccas-test
    nom: CCAS de test
    typologie: ccas
    adresse: 5 rue de la Mairie
    code_postal: "45300"
    code_insee: "45252"
    commune: Pithiviers
    latitude: 48.173
    longitude: 2.253
    courriel: ccas@exemple.fr
    date_maj: 2025-01-10
    verifie_le: 2025-10-01
  - id: clic-test
    nom: CLIC de test
    typologie: clic
    adresse: 6 rue de la Gare
    code_postal: "45300"
    code_insee: "45252"
    commune: Pithiviers
    latitude: 48.171
    longitude: 2.254
    date_maj: 2025-01-10
    verifie_le: 2025-11-03
"""


@pytest.fixture
def data(data_dir: Path) -> Path:
    """The minimal data set with the four structures above; mkdocs.yml beside it gives the site's address."""
    path = data_dir / "structures.yml"
    path.write_text(path.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    (data_dir.parent / "mkdocs.yml").write_text("site_name: Test\nsite_url: https://cls.test.fr/\n", encoding="utf-8")
    return data_dir


def cli(*args: str | Path, code: int = 0) -> str:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.output


def prepare(data: Path, *args: str) -> Path:
    folder = data.parent / "campagne"
    cli("campagne", "preparer", "--data", data, "--date", SENT.isoformat(), "--dossier", folder, "--sans-pdf", *args)
    return folder


def answer(workbook: Path, answers: dict[str, dict[str, str]]) -> None:
    """Fill cells of the campaign workbook as the coordinator does: {id: {header: value}}."""
    book = load_workbook(workbook)
    sheet = book["campagne"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    for ident, cells in answers.items():
        for header, value in cells.items():
            sheet.cell(rows[ident], columns[header], value)
    book.save(workbook)


def fiche(model, ident: str) -> str:
    """The Markdown of a fiche, without the backslashes that escape data for Markdown."""
    return next(p.content for p in render_pages(model) if p.uri == f"repertoire/{ident}.md").replace("\\", "")


def test_round_trip_confirmed_corrected_silent(data: Path) -> None:
    folder = prepare(data)
    sheet = load_workbook(folder / "campagne.xlsx")["campagne"]
    assert [sheet.cell(row, 1).value for row in range(2, sheet.max_row + 1)] == [
        "pharmacie-test", "ccas-test", "cmp-test"]  # never confirmed, then the oldest; examples and clic-test left
    assert "{id: \"cmp-test\", envoye_le: 2026-11-02, reponse: envoyee}" in (data / "campagnes.yml").read_text()
    letter = (folder / "lettres" / "pharmacie-test.html").read_text(encoding="utf-8")
    assert "Ces informations sont-elles exactes" in letter
    assert "<td>02 38 30 00 01</td>" in letter and "<td>Du lundi au samedi : 9 h – 19 h</td>" in letter
    assert "https://cls.test.fr/repertoire/pharmacie-test/" in letter
    mail = (folder / "courriels" / "pharmacie-test.txt").read_text(encoding="utf-8")
    link = urlsplit(mail.rsplit("Lien à ouvrir : ", 1)[1].strip())
    assert link.scheme == "mailto" and link.path == "pharmacie@exemple.fr"
    body = unquote(parse_qs(link.query)["body"][0])
    assert "Téléphone : 02 38 30 00 01\n" in body and "Horaires : Du lundi au samedi : 9 h – 19 h\n" in body
    assert 'href="mailto:pharmacie@exemple.fr?subject=' in (folder / "index.html").read_text(encoding="utf-8")

    before = (data / "structures.yml").read_text(encoding="utf-8")
    answer(folder / "campagne.xlsx", {
        "cmp-test": {ANSWER: "confirmée"},
        "pharmacie-test": {ANSWER: "corrigée", "Téléphone": "02 38 30 99 99"},
        "ccas-test": {ANSWER: "sans réponse"},
    })
    out = cli("campagne", "importer", folder / "campagne.xlsx", "--data", data, "--date", ANSWERED.isoformat())
    assert "structure pharmacie-test · Téléphone : « 02 38 30 00 01 » → « 02 38 30 99 99 »" in out
    assert "structure cmp-test · confirmée par la structure : « 2025-11-02 » → « 2026-11-20 »" in out
    assert "ccas-test · réponse : envoyée → sans réponse" in out
    after = (data / "structures.yml").read_text(encoding="utf-8")
    assert after.count("verifie_le: 2026-11-20") == 2 and "garder: [telephone]" in after
    assert "verifie_le: 2025-10-01" in after  # the silent one is untouched
    # Two lines more (the pharmacy's verifie_le and garder; the CMP's date changed in place), no YAML alias
    assert len(after.splitlines()) - len(before.splitlines()) == 2 and "&id" not in after and "*id" not in after

    model = load_model(data, today=BUILT, edition="pro")
    pharmacy = model.structure_by_id["pharmacie-test"]
    assert pharmacy.telephone == "02 38 30 99 99" and pharmacy.date_maj == dt.date(2026, 6, 30)  # source's date
    assert "Informations confirmées par la structure le 20 novembre 2026" in fiche(model, "pharmacie-test")
    assert "Informations confirmées par la structure le 20 novembre 2026" in fiche(model, "cmp-test")
    assert ("Informations à vérifier (dernière confirmation par la structure : 1er octobre 2025)"
            in fiche(model, "ccas-test"))
    assert "confirm" not in fiche(model, "msp-test")  # never asked: nothing said
    page = next(p.content for p in render_pages(model) if p.uri == "coordination/campagne.md")
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert [row.split(" | ")[1] for row in rows] == ["sans réponse", "confirmée", "corrigée"]  # oldest first:
    assert "CCAS de test" in rows[0] and "| 1er octobre 2025 |  |" in rows[0]  # 1 Oct 2025, then CMP, Pharmacie
    assert "Pharmacie de test" in rows[2] and "| 20 novembre 2026 | 20 novembre 2026 | 2 novembre 2026 |" in rows[2]
    assert "1 confirmée · 1 corrigée · 1 sans réponse." in page

    again = cli("campagne", "importer", folder / "campagne.xlsx", "--data", data, "--date", ANSWERED.isoformat())
    assert again.startswith("Aucun changement")  # importing the same answers twice changes nothing


@pytest.mark.parametrize(("months", "expected"), [
    (12, ["pharmacie-test", "ccas-test", "cmp-test"]),  # cmp-test: exactly 12 months; clic-test: a day short
    (13, ["pharmacie-test", "ccas-test"]),
    (11, ["pharmacie-test", "ccas-test", "cmp-test", "clic-test"]),
])
def test_older_than_counts_whole_months(data: Path, months: int, expected: list[str]) -> None:
    model = load_model(data, today=SENT)
    assert [s.id for s in due(model.structures, SENT, months)] == expected


def test_examples_only_when_asked(data: Path) -> None:
    model = load_model(data, today=SENT)
    assert {"msp-test", "ehpad-test"} <= {s.id for s in due(model.structures, SENT, 12, examples=True)}
    folder = prepare(data, "--exemples", "--plus-ancien-que", "13")
    assert sorted(p.stem for p in (folder / "lettres").glob("*-test.html")) == [
        "ccas-test", "ehpad-test", "msp-test", "pharmacie-test"]


def test_nothing_due_writes_nothing(data_dir: Path) -> None:
    out = cli("campagne", "preparer", "--data", data_dir, "--date", SENT.isoformat(),
              "--dossier", data_dir.parent / "c")
    assert out.startswith("Aucune structure à interroger") and "Rien n'a été écrit." in out  # examples only
    assert not (data_dir / "campagnes.yml").exists() and not (data_dir.parent / "c").exists()


def test_a_folder_in_use_is_refused(data: Path) -> None:
    (data.parent / "campagne").mkdir()
    (data.parent / "campagne" / "notes.txt").write_text("à garder", encoding="utf-8")
    out = cli("campagne", "preparer", "--data", data, "--date", SENT.isoformat(), "--dossier", data.parent / "campagne",
              code=1)
    assert "n'est pas vide : rien n'a été écrit" in out and not (data / "campagnes.yml").exists()


BAD_ANSWERS = {
    "unknown answer": ({"cmp-test": {ANSWER: "oui"}}, "campagne!E4 reponse: réponse inconnue « oui »"),
    "confirmed yet edited": ({"cmp-test": {ANSWER: "confirmée", "Téléphone": "02 38 30 00 09"}},
                             "réponse « confirmée », mais la cellule « Téléphone » a changé"),
    "corrected without edit": ({"cmp-test": {ANSWER: "corrigée"}}, "réponse « corrigée », mais aucune cellule"),
    "edit without answer": ({"cmp-test": {"Téléphone": "02 38 30 00 09"}},
                            "cellule modifiée, mais la réponse est vide"),
    "wrong phone": ({"pharmacie-test": {ANSWER: "corrigée", "Téléphone": "02 38 30"}}, "campagne!J2"),
    "date before the letter": ({"cmp-test": {ANSWER: "confirmée", CAMPAIGN_SHEET.column("repondu_le").header:
                                             "2026-10-01"}}, "hors de la campagne"),
    "formula": ({"cmp-test": {ANSWER: "=A1"}}, "formule sans valeur calculée"),
    "one bad row among good ones": ({"ccas-test": {ANSWER: "confirmée"}, "cmp-test": {ANSWER: "confimée"}},
                                    "vouliez-vous dire « confirmée » ?"),
}


@pytest.mark.parametrize("case", list(BAD_ANSWERS))
def test_a_bad_workbook_changes_nothing(data: Path, case: str) -> None:
    folder = prepare(data)
    cells, expected = BAD_ANSWERS[case]
    answer(folder / "campagne.xlsx", cells)
    before = {name: (data / name).read_bytes() for name in ("structures.yml", "campagnes.yml")}
    out = cli("campagne", "importer", folder / "campagne.xlsx", "--data", data, "--date", ANSWERED.isoformat(), code=1)
    assert expected in out and "Rien n'a été écrit." in out
    assert {name: (data / name).read_bytes() for name in before} == before


def test_a_file_that_is_no_workbook_is_refused(data: Path) -> None:
    prepare(data)
    (data.parent / "campagne.xlsx").write_text("id;reponse\ncmp-test;confirmée\n", encoding="utf-8")
    out = cli("campagne", "importer", data.parent / "campagne.xlsx", "--data", data, code=1)
    assert "classeur illisible" in out and "Rien n'a été écrit." in out


def test_the_report_link_of_a_fiche_uses_the_workbook_labels(data: Path) -> None:
    model = load_model(data, today=BUILT)
    model = dataclasses.replace(model, site_url="https://cls.test.fr/",
                                contract=dataclasses.replace(model.contract, courriel="cls@test.fr"))
    href = html.unescape(re.search(r'<a href="([^"]+)">Signaler une erreur', fiche(model, "pharmacie-test")).group(1))
    body = unquote(parse_qs(urlsplit(href).query)["body"][0])
    labels = [line.split(" : ", 1)[0] for line in body.splitlines() if " : " in line]
    assert {column.header for column in CORRECTABLE} <= set(labels)
    assert {column.header for column in CORRECTABLE} <= {column.header for column in CAMPAIGN_SHEET.columns}
    assert "Téléphone : 02 38 30 00 01\n" in body and "Complément d'adresse : (non renseigné)\n" in body


def test_home_and_repertoire_count_the_fiches_confirmed_in_the_last_12_months(data: Path) -> None:
    model = load_model(data, today=dt.date(2026, 11, 1))  # cmp-test 11 months, ccas-test 13, clic-test 11
    repertoire = next(p.content for p in render_pages(model) if p.uri == "repertoire/index.md")
    assert "2 fiches confirmées par leur structure ces 12 derniers mois." in repertoire
    model = load_model(data, today=dt.date(2026, 11, 2))  # cmp-test: 12 months to the day
    repertoire = next(p.content for p in render_pages(model) if p.uri == "repertoire/index.md")
    assert "1 fiche confirmée par sa structure ces 12 derniers mois." in repertoire


def test_pro_pages_only_in_the_pro_edition_and_the_report_is_quoted(data: Path) -> None:
    report = "# Rafraîchissement\n\n- <script>x</script> [lien](javascript:alert(1))\n\n```text\n<a & b>\n```\n"
    public = dataclasses.replace(load_model(data, today=BUILT), refresh_report=report)
    assert not [p for p in render_pages(public) if p.uri.startswith("coordination/")]
    pro = dataclasses.replace(public, edition="pro")
    page = next(p.content for p in render_pages(pro) if p.uri == "coordination/rapport-rafraichissement.md")
    assert "&lt;script&gt;x&lt;/script&gt; \\[lien\\](javascript:alert(1))" in page and "<script>" not in page
    assert "## Rafraîchissement" in page and "```text\n<a & b>\n```" in page  # a heading under the page's title


def test_campaign_file_is_validated(data: Path) -> None:
    (data / "campagnes.yml").write_text("campagnes:\n  - date: 2026-11-02\n    structures:\n"
                                        "      - {id: cmp-test, envoye_le: 2026-11-02, reponse: confirme}\n",
                                        encoding="utf-8")
    out = cli("validate", "--data", data, code=1)
    assert "campagnes.yml:4" in out and "vouliez-vous dire « confirmee » ?" in out


def test_confirmation_in_the_future_is_reported(data: Path) -> None:
    path = data / "structures.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("verifie_le: 2025-11-02", "verifie_le: 2099-01-01"),
                    encoding="utf-8")
    out = cli("validate", "--data", data, "--date", BUILT.isoformat(), code=1)
    assert "structure « cmp-test ».verifie_le: date de confirmation dans le futur (2099-01-01)." in out


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_letters_print_one_page_each(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv("CLS_CHROMIUM", str(CHROMIUM))
    folder = data.parent / "avec-pdf"
    cli("campagne", "preparer", "--data", data, "--date", SENT.isoformat(), "--dossier", folder, "--exemples")
    pages = PdfReader(folder / "lettres.pdf").pages
    assert len(pages) == 5  # the two examples and pharmacie (never confirmed), ccas, cmp: one A4 page each
    texts = [page.extract_text() for page in pages]
    assert ["Référence : ehpad-test" in texts[0], "Référence : pharmacie-test" in texts[2]] == [True, True]
    assert "EHPAD de test" in texts[0] and "Pharmacie de test" in texts[2] and "CMP de test" in texts[4]


def test_a_failing_browser_leaves_the_html_letters(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = data.parent / "chromium"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("CLS_CHROMIUM", str(broken))
    folder = data.parent / "sans-pdf"
    out = cli("campagne", "preparer", "--data", data, "--date", SENT.isoformat(), "--dossier", folder)
    assert "pas de PDF" in out and not (folder / "lettres.pdf").exists()
    assert (folder / "lettres" / "toutes.html").is_file() and (data / "campagnes.yml").is_file()


def pro_campaign_site(root: Path) -> Path:
    """The minimal project in the pro edition after the round trip above and a refresh report: its built site."""
    from helpers import minimal_project

    minimal_project(root)
    data = root / "data"
    (data / "structures.yml").write_text((data / "structures.yml").read_text(encoding="utf-8") + EXTRA,
                                         encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("      data_dir: data", "      data_dir: data\n      edition: pro"),
                                     encoding="utf-8")
    folder = prepare(data)
    answer(folder / "campagne.xlsx", {"cmp-test": {ANSWER: "confirmée"}, "ccas-test": {ANSWER: "sans réponse"},
                                      "pharmacie-test": {ANSWER: "corrigée", "Téléphone": "02 38 30 99 99"}})
    cli("campagne", "importer", folder / "campagne.xlsx", "--data", data, "--date", ANSWERED.isoformat())
    (root / "rapport-rafraichissement.md").write_text(
        "# Rafraîchissement des données nationales du 1er novembre 2026\n\n## FINESS\n\n"
        "- ~ Pharmacie de test · téléphone : gardé (garder)\n\nCode de sortie : 3.\n", encoding="utf-8")
    cli("build", "-f", root / "mkdocs.yml", "--date", BUILT.isoformat())
    return root / "site"


@pytest.mark.browser
def test_pro_campaign_pages_read_well_and_pass_axe(browser, tmp_path: Path) -> None:
    from helpers import axe_violations, local_context, served

    site = pro_campaign_site(tmp_path)
    with served(site) as url:
        context = local_context(browser, url, viewport={"width": 390, "height": 844}, has_touch=True)
        page = context.new_page()
        page.goto(f"{url}/coordination/campagne/")
        states = page.locator("table tbody tr td:nth-child(2)").all_inner_texts()
        assert states == ["sans réponse", "confirmée", "corrigée"]
        assert axe_violations(page) == []
        page.goto(f"{url}/coordination/rapport-rafraichissement/")
        heading = page.locator(".md-content h2").first.inner_text().rstrip("¶")
        assert heading == "Rafraîchissement des données nationales du 1er novembre 2026"
        assert axe_violations(page) == []
        page.goto(f"{url}/repertoire/ccas-test/")
        assert plain(page.locator(".cls-confirmed").inner_text()) == (
            "Informations à vérifier (dernière confirmation par la structure : 1er octobre 2025).")
        assert axe_violations(page) == []
        page.goto(f"{url}/repertoire/")
        line = page.locator(".cls-freshness").inner_text()
        assert "2 fiches confirmées par leur structure ces 12 derniers mois." in line
        context.close()
