"""What real programmes and reviews look like: month-dated or undated reviews, a review label, axes and fiches
without titles, several avancées as a list, the contract's presentation, empty sections of « Le contrat »."""

from __future__ import annotations

from pathlib import Path

from helpers import replace_in

from site_builder import urls
from site_builder.render import directives, render_pages
from site_builder.validate import load_model


def _page(data_dir: Path, uri: str) -> str:
    """The page's Markdown without the backslashes that escape data text (« 1\\-1 » → « 1-1 »)."""
    content = next(page.content for page in render_pages(load_model(data_dir)) if page.uri == uri)
    return content.replace("\\", "").replace("&#39;", "'")


def test_a_review_dated_by_month_says_the_month(data_dir: Path) -> None:
    replace_in(data_dir / "suivi" / "2025.yml", "date: 2025-12-09", "date: décembre 2025")
    review = _page(data_dir, "suivi/bilan-2025.md")
    assert "Adopté par le comité de pilotage en décembre 2025." in review
    replace_in(data_dir / "suivi" / "2025.yml", "date: décembre 2025", "date: 2025-12")
    assert "Adopté par le comité de pilotage en décembre 2025." in _page(data_dir, "suivi/bilan-2025.md")


def test_a_review_without_copil_date_is_accepted(data_dir: Path) -> None:
    replace_in(data_dir / "suivi" / "2025.yml", "date: 2025-12-09\n", "")
    review = _page(data_dir, "suivi/bilan-2025.md")
    assert "Adopté" not in review and "# Bilan 2025 du programme d'actions" in review


def test_a_month_that_does_not_exist_is_an_error(data_dir: Path) -> None:
    from helpers import errors_of
    replace_in(data_dir / "suivi" / "2025.yml", "date: 2025-12-09", "date: juni 2025")
    errors = errors_of(data_dir)
    assert len(errors) == 1 and "date: date attendue" in errors[0], errors


def test_a_review_label_titles_its_pages(data_dir: Path) -> None:
    replace_in(data_dir / "suivi" / "2025.yml", "date: 2025-12-09", "date: 2025-12-09\nlibelle: bilan à mi-parcours")
    assert "# Bilan à mi-parcours 2025 du programme d'actions" in _page(data_dir, "suivi/bilan-2025.md")
    assert "bilan à mi-parcours 2025" in _page(data_dir, urls.DASHBOARD)


def test_axes_and_fiches_without_titles(data_dir: Path) -> None:
    replace_in(data_dir / "programme" / "axe-1.yml", "titre: Prévention\n", "")
    replace_in(data_dir / "programme" / "axe-1.yml", "    titre: Bien-être\n", "")
    programme = _page(data_dir, urls.PROGRAMME)
    assert "[Axe 1](axe-1.md)" in programme and "[Fiche 1-1](fiche-1-1.md)" in programme
    assert "Axe 1 :" not in programme and "None" not in programme


def test_several_avancees_are_a_list_one_stays_inline(data_dir: Path) -> None:
    replace_in(data_dir / "suivi" / "2025.yml", "avancees: [Dix ateliers menés.]",
               "avancees: [Dix ateliers menés., Un atelier l'été.]")
    action = _page(data_dir, "programme/action-1-1-1.md")
    assert "**+ Avancées :**\n\n- Dix ateliers menés.\n- Un atelier l'été.\n" in action
    assert "**− Difficultés :** Peu de familles rurales.\n" in action


def test_the_presentation_is_shown_and_empty_sections_are_not(data_dir: Path) -> None:
    cls = data_dir / "cls.yml"
    cls.write_text(cls.read_text(encoding="utf-8") + "presentation: [Un territoire rural de trois vallées.]\n",
                   encoding="utf-8")
    model = load_model(data_dir)
    page = directives.expand("<!-- cls:territoire -->\n\n<!-- cls:historique -->\n\n<!-- cls:gouvernance -->",
                             urls.CONTRACT, model)
    assert "Un territoire rural de trois vallées\\." in page
    assert not model.contract.historique and "## L'histoire du contrat" not in page
    assert not model.contract.gouvernance and "## La gouvernance" not in page


TWO_LEVELS = """numero: 2
titre: Accès aux soins
actions:
  - numero: 1
    titre: Accueillir les internes
    pilotes: [petr]
  - numero: 2
    titre: Une maison de santé de plus
    pilotes: [petr]
"""


def test_a_programme_without_fiches_axe_then_action(data_dir: Path) -> None:
    (data_dir / "programme" / "axe-2.yml").write_text(TWO_LEVELS, encoding="utf-8")
    model = load_model(data_dir)
    assert [a.id for a in model.axes[1].actions] == ["2-1", "2-2"]
    uris = {page.uri for page in render_pages(model)}
    assert "programme/action-2-1.md" in uris and "programme/fiche-2-0.md" not in uris
    programme = _page(data_dir, urls.PROGRAMME)
    assert "[2-1 · Accueillir les internes](action-2-1.md)" in programme and "Fiche 2" not in programme
    assert "en 1 fiche action et 2 axes stratégiques" in programme
    action = _page(data_dir, "programme/action-2-1.md")
    assert "[Axe 2](axe-2.md)</nav>" in action and "fiche-2" not in action


def test_an_axe_with_both_fiches_and_actions_is_an_error(data_dir: Path) -> None:
    from helpers import errors_of
    axe = data_dir / "programme" / "axe-1.yml"
    axe.write_text(axe.read_text(encoding="utf-8") + "actions:\n  - {numero: 9, titre: X, pilotes: [petr]}\n",
                   encoding="utf-8")
    errors = errors_of(data_dir)
    assert len(errors) == 1 and "actions: un axe a soit des fiches, soit des actions" in errors[0], errors
