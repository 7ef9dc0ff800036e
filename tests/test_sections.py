"""Sections follow the data: the menu lists only filled sections; labels and counts follow the data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from helpers import replace_in

from site_builder import sections, urls
from site_builder.models import SiteModel
from site_builder.render import directives, render_pages
from site_builder.validate import load_model

NAV = [
    {"Accueil": "index.md"},
    {"Trouver un soin": [{"Près de chez moi": "pres-de-chez-moi.md"}, {"Répertoire": "repertoire/index.md"}]},
    {"Agenda et lettre": [{"Agenda": "agenda/index.md"}, {"Lettre": "lettre/index.md"}]},
    {"Site du porteur": "https://exemple.fr/"},
    "le-cls.md",
]


def test_prune_nav_drops_missing_pages_and_emptied_sections() -> None:
    exists = {"index.md", "lettre/index.md", "le-cls.md"}.__contains__
    assert sections.prune_nav(NAV, exists) == [
        {"Accueil": "index.md"},
        {"Agenda et lettre": [{"Lettre": "lettre/index.md"}]},
        {"Site du porteur": "https://exemple.fr/"},
        "le-cls.md",
    ]


def test_hand_written_pages_of_an_empty_section_are_left_out() -> None:
    present = frozenset({"agenda"})
    assert sections.left_out("bien-vieillir/couts-et-aides.md", present)
    assert not sections.left_out(urls.SUBSCRIBE, frozenset({"abonnement"}))
    assert sections.left_out(urls.SUBSCRIBE, frozenset())
    assert not sections.left_out("le-cls.md", frozenset())


def _page(data_dir: Path, uri: str) -> str:
    model = load_model(data_dir)
    return next(page.content for page in render_pages(model) if page.uri == uri)


def _block(data_dir: Path, name: str) -> str:
    return directives.expand(f"<!-- cls:{name} -->", "index.md", load_model(data_dir))


def test_counts_are_singular_for_one(data_dir: Path) -> None:
    for axis in sorted((data_dir / "programme").glob("*.yml"))[1:]:
        axis.unlink()
    many = _block(data_dir, "chiffres")
    assert "actions\n" in many and "1** action\n" not in many
    # keep only the first action of the first fiche: one action, one axe
    text = (data_dir / "programme" / "axe-1.yml").read_text(encoding="utf-8")
    head, _, rest = text.partition("      - numero: 2")
    (data_dir / "programme" / "axe-1.yml").write_text(head, encoding="utf-8")
    for review in (data_dir / "suivi").glob("*.yml"):
        review.unlink()
    one = _block(data_dir, "chiffres")
    assert "- **1** action\n" in one and "- **1** axe stratégique\n" in one
    assert "**1 action** en 1 fiche action et 1 axe stratégique." in _page(data_dir, urls.PROGRAMME)
    assert "deux indicateurs" not in _page(data_dir, urls.PROGRAMME)


def test_example_label_follows_the_exemple_flags(data_dir: Path) -> None:
    assert "Données d'exemple" not in _page(data_dir, urls.DASHBOARD)
    assert "Données d'exemple" not in _page(data_dir, "suivi/bilan-2025.md")
    replace_in(data_dir / "suivi" / "2025.yml", "date: 2025-12-09", "date: 2025-12-09\nexemple: true")
    assert "Données d'exemple" in _page(data_dir, urls.DASHBOARD)
    assert "Données d'exemple" in _page(data_dir, "suivi/bilan-2025.md")
    assert "Données d'exemple" not in _page(data_dir, "suivi/bilan-2024.md")


def test_repertoire_label_follows_the_structures_flags(data_dir: Path) -> None:
    """Small and large repertoires alike (the index, or its pages by type and by commune)."""
    groups = ("repertoire/par-type/", "repertoire/par-commune/")

    def labelled(model: SiteModel) -> dict[str, bool]:
        return {page.uri: "Données d'exemple" in page.content for page in render_pages(model)
                if page.uri == urls.REPERTOIRE or page.uri.startswith(groups)}

    assert set(labelled(load_model(data_dir)).values()) == {True}
    grouped = labelled(dataclasses.replace(load_model(data_dir), repertoire_group_above=0))
    assert len(grouped) > 2 and set(grouped.values()) == {True}
    structures = data_dir / "structures.yml"
    structures.write_text(structures.read_text(encoding="utf-8").replace("exemple: oui", "exemple: non"),
                          encoding="utf-8")
    assert set(labelled(load_model(data_dir)).values()) == {False}
    assert set(labelled(dataclasses.replace(load_model(data_dir), repertoire_group_above=0)).values()) == {False}


def test_contract_wide_exemple_flag_labels_every_review(data_dir: Path) -> None:
    (data_dir / "cls.yml").write_text((data_dir / "cls.yml").read_text(encoding="utf-8") + "exemple: true\n",
                                      encoding="utf-8")
    assert "Données d'exemple" in _page(data_dir, "suivi/bilan-2024.md")


def test_empty_optional_lists_hide_their_sections(data_dir: Path) -> None:
    (data_dir / "evenements.yml").write_text("evenements: []\n", encoding="utf-8")
    (data_dir / "structures.yml").write_text("structures: []\n", encoding="utf-8")
    for issue in (data_dir / "lettres").glob("*.md"):
        issue.unlink()
    model = load_model(data_dir)
    assert sections.present(model) == {"suivi"}
    uris = {page.uri for page in render_pages(model)}
    assert not uris & {urls.AGENDA, urls.REPERTOIRE, urls.NEAR_ME, urls.NEWSLETTER}
    home = directives.expand("<!-- cls:accueil -->\n<!-- cls:profils -->\n<!-- cls:rendez-vous -->", "index.md", model)
    for absent in ("pres-de-chez-moi.md", "repertoire/", "agenda/", "lettre/", "s-abonner.md", "bien-vieillir/"):
        assert absent not in home, absent


def test_contrast_follows_wcag_on_both_sides_of_aa() -> None:
    from site_builder.theme import contrast
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the lightest grey that passes AA on white
    assert contrast("#777777", "#ffffff") < 4.5


def test_colours_are_checked_at_validation(data_dir: Path) -> None:
    from helpers import errors_of
    cls = data_dir / "cls.yml"
    cls.write_text(cls.read_text(encoding="utf-8") + 'couleurs: {principale: "#767676", accent: "#777777"}\n',
                   encoding="utf-8")
    errors = errors_of(data_dir)
    assert len(errors) == 1 and "couleurs.accent: couleur trop claire : contraste 4.48:1" in errors[0], errors


def test_each_optional_list_emptied_alone_hides_only_its_sections() -> None:
    """One at a time (issue 22): emptying everything at once hid which list drives which section; « S'abonner »
    stays for an agenda without newsletter, and for a newsletter without agenda."""
    from helpers import ROOT

    full = load_model(ROOT / "data")
    assert sections.present(full) == {"repertoire", "seniors", "agenda", "lettre", "abonnement", "suivi"}
    emptied = {"structures": {"repertoire", "seniors"}, "events": {"agenda"}, "newsletter": {"lettre"},
               "reviews": {"suivi"}}
    for field, hidden in emptied.items():
        model = dataclasses.replace(full, **{field: ()})
        assert sections.present(model) == sections.present(full) - hidden, field
    both = dataclasses.replace(full, events=(), newsletter=())
    assert "abonnement" not in sections.present(both)
