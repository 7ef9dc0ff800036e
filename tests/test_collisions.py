"""No silent page loss: no page of the site is made by two sources; slugs are unique; checked before writing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import BUILD_DATE, minimal_project

from site_builder.cli import main
from site_builder.collisions import output_path
from site_builder.text import unique_slugs


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return minimal_project(tmp_path_factory.mktemp("collisions") / "projet")


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "projet"
    shutil.copytree(template, copy)
    return copy


def rename_everywhere(data: Path, old: str, new: str) -> None:
    """Rename an id in every data file (its references too), so the only problem left is the name itself."""
    for path in [*data.rglob("*.yml"), *data.rglob("*.md")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new), encoding="utf-8")


def validate(project: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", "-f", str(project / "mkdocs.yml"), "--date", BUILD_DATE])
    return result.exit_code, result.output


def write(project: Path, uri: str, text: str = "# Écrite à la main\n") -> None:
    path = project / "content" / uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- records named like a generated index ------------------------------------------------------------------------

ID_CASES = {
    "structure": ("msp-test", "data/structures.yml:2 la structure « index » produirait le fichier "
                  "« repertoire/index.html », déjà produit par la page générée repertoire/index.md."),
    "event": ("atelier-test", "data/evenements.yml:2 le rendez-vous « index » produirait le fichier "
              "« agenda/index.html », déjà produit par la page générée agenda/index.md."),
    "organisation": ("id: ars", "data/organisations.yml:5 l'organisation « index » produirait le fichier "
                     "« partenaires/index.html », déjà produit par la page générée partenaires/index.md."),
}


@pytest.mark.parametrize("kind", ID_CASES)
def test_an_id_named_index_is_refused_where_it_is_written(project: Path, kind: str) -> None:
    old, expected = ID_CASES[kind]
    if old.startswith("id: "):
        rename_everywhere(project / "data", old, "id: index")
        rename_everywhere(project / "data", "[ars", "[index")
        rename_everywhere(project / "data", ", ars]", ", index]")
    else:
        rename_everywhere(project / "data", old, "index")
    code, text = validate(project)
    assert code == 1, text
    assert expected + "\n    → choisissez un autre identifiant" in text, text


# --- hand-written pages of content/ taking a generated page's place -----------------------------------------------

CONTENT_CASES = {
    "agenda index": ("agenda/index.md", "content/agenda/index.md la page écrite à la main produirait le fichier "
                     "« agenda/index.html », déjà produit par la page générée agenda/index.md."),
    "README as agenda index": ("agenda/README.md", "content/agenda/README.md la page écrite à la main produirait le "
                               "fichier « agenda/index.html »"),
    "fiche of a structure": ("repertoire/msp-test.md", "content/repertoire/msp-test.md la page écrite à la main "
                             "produirait le fichier « repertoire/msp-test/index.html », déjà produit par la structure "
                             "« msp-test » (data/structures.yml:2)."),
    "fiche as a folder index": ("repertoire/msp-test/index.md", "content/repertoire/msp-test/index.md la page écrite "
                                "à la main produirait le fichier « repertoire/msp-test/index.html »"),
    "commune page": ("communes/pithiviers.md", "content/communes/pithiviers.md la page écrite à la main produirait le "
                     "fichier « communes/pithiviers/index.html », déjà produit par la commune « Pithiviers » "
                     "(data/communes.yml:2)."),
    "event calendar file": ("agenda/atelier-test.ics", "content/agenda/atelier-test.ics la page écrite à la main "
                            "produirait le fichier « agenda/atelier-test.ics », déjà produit par le rendez-vous "
                            "« atelier-test » (data/evenements.yml:2)."),
    "newsletter e-mail": ("lettre/numero-1/courriel.html", "content/lettre/numero-1/courriel.html la page écrite à la "
                          "main produirait le fichier « lettre/numero-1/courriel.html », déjà produit par la lettre "
                          "n° 1 (data/lettres/2025-t4.md:2)."),
    "CSV export": ("repertoire/structures.csv", "content/repertoire/structures.csv la page écrite à la main produirait "
                   "le fichier « repertoire/structures.csv », déjà produit par la page générée "
                   "repertoire/structures.csv."),
    "search shortcuts": ("recherche/types.json", "content/recherche/types.json la page écrite à la main "
                         "produirait le fichier « recherche/types.json », déjà produit par le fichier "
                         "recherche/types.json du thème."),
    "search engine": ("pagefind/pagefind.js", "content/pagefind/pagefind.js la page écrite à la main "
                      "produirait le fichier « pagefind/pagefind.js », déjà produit par le fichier "
                      "pagefind/pagefind.js du thème."),
}


@pytest.mark.parametrize("case", CONTENT_CASES)
def test_a_hand_written_page_in_a_generated_place_is_refused(project: Path, case: str) -> None:
    uri, expected = CONTENT_CASES[case]
    write(project, uri)
    code, text = validate(project)
    assert code == 1, text
    assert expected in text, text
    assert "→ renommez ou supprimez ce fichier de content/" in text


def test_hand_written_pages_beside_generated_ones_are_fine(project: Path) -> None:
    write(project, "agenda/comment-venir.md")
    write(project, "repertoire/msp-test.html")  # a different file than the fiche's repertoire/msp-test/index.html
    write(project, ".brouillon/agenda/index.md")  # hidden: MkDocs does not read it
    code, text = validate(project)
    assert code == 0, text


def test_every_collision_comes_in_one_report_and_the_build_writes_nothing(project: Path) -> None:
    write(project, "agenda/index.md")
    write(project, "repertoire/msp-test.md")
    rename_everywhere(project / "data", "id: ars", "id: index")
    rename_everywhere(project / "data", "[ars", "[index")
    rename_everywhere(project / "data", ", ars]", ", index]")
    code, text = validate(project)
    assert code == 1 and "3 erreurs dans les données." in text, text
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml"), "--date", BUILD_DATE])
    assert result.exit_code == 1
    assert "3 erreurs dans les données." in result.output
    assert sorted(p.name for p in project.iterdir()) == ["content", "data", "mkdocs.yml", "overrides"]


# --- commune pages: one unique name per commune -------------------------------------------------------------------

COMMUNE_CASES = {
    "homonyms get their INSEE code": ("Pithiviers", ["communes/pithiviers-45010/", "communes/pithiviers-45252/"]),
    "a commune named Index": ("Index", ["communes/index-45010/", "communes/pithiviers/"]),
    "a name that slugifies to nothing": ("—", ["communes/45010/", "communes/pithiviers/"]),
}


@pytest.mark.parametrize("case", COMMUNE_CASES)
def test_each_commune_has_its_own_page(project: Path, case: str) -> None:
    name, expected = COMMUNE_CASES[case]
    path = project / "data" / "communes.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("nom: Ascoux", f'nom: "{name}"'), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml"), "--date", BUILD_DATE])
    assert result.exit_code == 0, result.output
    site = project / "site"
    pages = sorted(f"{p.parent.relative_to(site).as_posix()}/" for p in site.glob("communes/*/index.html"))
    assert pages == expected
    index = (site / "communes" / "index.html").read_text(encoding="utf-8")
    assert ">Se soigner dans ma commune" in index  # still the index of the communes
    for page in expected:
        assert f'href="{page.removeprefix("communes/")}"' in index  # and it links to both pages


def test_unique_slugs() -> None:
    names = {"45252": "Pithiviers", "45010": "Pithiviers", "45011": "Index", "45012": "—", "45013": "Saint-Éloi",
             "45014": "Pithiviers 45010"}
    assert unique_slugs(names) == {"45252": "pithiviers-45252", "45010": "pithiviers-45010-45010",
                                   "45011": "index-45011", "45012": "45012", "45013": "saint-eloi",
                                   "45014": "pithiviers-45010-45014"}
    slugs = unique_slugs({str(n): name for n, name in enumerate(["A", "a", "À", "", "", "index", "index-2", "b"])})
    assert len(set(slugs.values())) == len(slugs) and "" not in slugs.values() and "index" not in slugs.values()


@pytest.mark.parametrize(("uri", "path"), [
    ("index.md", "index.html"), ("a/index.md", "a/index.html"), ("a/README.md", "a/index.html"),
    ("a/b.md", "a/b/index.html"), ("a/b.markdown", "a/b/index.html"), ("a/b.csv", "a/b.csv"),
    ("a/readme.md", "a/readme/index.html"), ("a/b.html", "a/b.html")])
def test_output_path_is_where_mkdocs_writes(uri: str, path: str) -> None:
    assert output_path(uri) == path


@pytest.mark.parametrize("guide", [True, False], ids=["guide printed", "no guide"])
def test_a_hand_file_where_the_guide_pdf_goes_is_refused_only_when_the_guide_is_printed(tmp_path: Path,
                                                                                         guide: bool) -> None:
    """The printed senior guide is an output too (issue 22: its entry could be dropped and no test saw it)."""
    import dataclasses

    from helpers import ROOT

    from site_builder import urls
    from site_builder.collisions import check_collisions
    from site_builder.errors import ErrorReport
    from site_builder.validate import load_model

    docs = tmp_path / "content"
    (docs / urls.SENIOR_PDF).parent.mkdir(parents=True)
    (docs / urls.SENIOR_PDF).write_bytes(b"%PDF-1.4\n")
    model = dataclasses.replace(load_model(ROOT / "data"), guide_pdf=guide)
    report = ErrorReport()
    check_collisions(model, [], docs, tmp_path, report)
    expected = [f"content/{urls.SENIOR_PDF} la page écrite à la main produirait le fichier « {urls.SENIOR_PDF} », "
                f"déjà produit par le guide seniors en PDF ({urls.SENIOR_PDF}).\n    → renommez ou supprimez ce "
                "fichier de content/ : cette page est produite à partir des données."]
    assert [str(error) for error in report.errors] == (expected if guide else [])
