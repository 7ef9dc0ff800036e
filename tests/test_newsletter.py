"""The newsletter: issue validation, pages and automatic sections, e-mail versions, Atom feed."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
from helpers import ROOT, assert_reported, errors_of

from site_builder.validate import load_model

ISSUE = "lettres/2025-t4.md"
MODEL = load_model(ROOT / "data")

CASES = {
    "missing front matter": (
        "---\nnumero: 1\n", "numero: 1\n",
        "data/lettres/2025-t4.md:1 en-tête manquant"),
    "impossible date": (
        "date: 2026-01-10", "date: 2026-13-10",
        "data/lettres/2025-t4.md:4 date: date attendue au format AAAA-MM-JJ, reçu « 2026-13-10 »."),
    "period ending before it starts": (
        "periode_fin: 2025-12-31", "periode_fin: 2025-09-30",
        "data/lettres/2025-t4.md:6 periode_fin: la fin de la période (2025-09-30) précède son début"),
    "unknown focus structure": (
        "focus: msp-test", "focus: msp-tset",
        "data/lettres/2025-t4.md:8 focus: « msp-tset » ne correspond à aucune structure du répertoire"),
    "misspelt field": (
        "resume:", "resumé:",
        "data/lettres/2025-t4.md:9 resumé: champ inconnu.\n    → vouliez-vous dire « resume » ?"),
    "empty body": (
        "## Édito\n", "", ""),
}


@pytest.mark.parametrize("case", [c for c in CASES if c != "empty body"])
def test_issue_mistakes_are_located(data_dir: Path, case: str) -> None:
    assert_reported(data_dir, ISSUE, *CASES[case])


def test_an_issue_without_prose_is_reported(data_dir: Path) -> None:
    path = data_dir / ISSUE
    path.write_text(path.read_text(encoding="utf-8").split("## Édito")[0], encoding="utf-8")
    assert any("la lettre n'a pas de texte après l'en-tête" in e for e in errors_of(data_dir))


def test_two_issues_with_the_same_number_are_reported(data_dir: Path) -> None:
    (data_dir / "lettres" / "copie.md").write_text((data_dir / ISSUE).read_text(encoding="utf-8"), encoding="utf-8")
    assert any("identifiant « 1 » déjà utilisé" in e for e in errors_of(data_dir))


def test_example_has_four_quarterly_issues() -> None:
    assert len(MODEL.newsletter) >= 4
    assert [i.date for i in MODEL.newsletter] == sorted((i.date for i in MODEL.newsletter), reverse=True)
    assert all(i.focus in MODEL.structure_by_id for i in MODEL.newsletter)


def _issue_files(built_site: Path, numero: int) -> tuple[str, str, str]:
    folder = built_site / "lettre" / f"numero-{numero}"
    names = ("index.html", "courriel.html", "courriel.txt")
    return tuple((folder / name).read_text(encoding="utf-8") for name in names)


def test_auto_sections_pick_the_events_of_the_period_and_the_focus(built_site: Path) -> None:
    for issue in MODEL.newsletter:
        page_html, email, text = _issue_files(built_site, issue.numero)
        inside = [e for e in MODEL.events if issue.periode_debut <= e.first_day <= issue.periode_fin]
        outside = [e for e in MODEL.events if e not in inside]
        for event in inside:
            assert f"agenda/{event.id}/" in page_html and f"/agenda/{event.id}/" in email and event.titre in text
        for event in outside:
            assert f"agenda/{event.id}/" not in page_html.split("Focus sur")[0].split("L'agenda du trimestre")[-1]
        focus = MODEL.structure_by_id[issue.focus]
        assert f"Focus sur {focus.nom}".replace("'", "&#39;") in page_html


def test_email_version_is_self_contained(built_site: Path) -> None:
    for issue in MODEL.newsletter:
        _, email, text = _issue_files(built_site, issue.numero)
        assert len(email.encode("utf-8")) < 100_000
        assert "<script" not in email.lower() and "<style" not in email.lower()
        for target in re.findall(r'(?:href|src)="([^"]*)"', email):
            assert target.startswith(("https://", "mailto:", "tel:")), target
        assert all('alt="' in img for img in re.findall(r"<img[^>]*>", email))
        assert "<table" in email and 'style="' in email
        assert "https://cls.exemple.fr/lettre/" in text and "<" not in text.replace("<-", "")


def test_feed_is_valid_atom_and_linked_from_every_page(built_site: Path) -> None:
    feed = feedparser.parse((built_site / "atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    links = [f"https://cls.exemple.fr/lettre/numero-{i.numero}/" for i in MODEL.newsletter]
    assert [e.link for e in feed.entries] == links
    assert all(e.summary and e.content[0].value for e in feed.entries)
    for page in ("index.html", "agenda/index.html"):
        head = (built_site / page).read_text(encoding="utf-8").split("</head>")[0]
        feed_link = r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="[^"]*atom.xml"'
        assert re.search(feed_link, head), page


def test_archive_and_home_show_the_issues(built_site: Path) -> None:
    archive = (built_site / "lettre" / "index.html").read_text(encoding="utf-8")
    positions = [archive.index(f'href="numero-{i.numero}/"') for i in MODEL.newsletter]
    assert positions == sorted(positions)  # newest first
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="lettre/numero-{MODEL.newsletter[0].numero}/"' in home


@pytest.mark.browser
def test_archive_navigation_reaches_an_issue_and_its_email_version(page, site_url: str) -> None:
    latest = MODEL.newsletter[0]
    page.goto(site_url + "/")
    page.get_by_role("link", name="Toutes les lettres").click()
    page.wait_for_url("**/lettre/")
    page.locator(".md-content").get_by_role("link", name=re.compile(f"^N° {latest.numero} ")).click()
    page.wait_for_url(f"**/lettre/numero-{latest.numero}/")
    assert latest.titre in page.locator("h1").inner_text()
    page.get_by_role("link", name="Version courriel (HTML)").click()
    page.wait_for_url("**/courriel.html")
    assert latest.titre in page.locator("h1").inner_text()


def test_an_issue_reports_the_review_adopted_during_its_period(built_site: Path) -> None:
    for issue in MODEL.newsletter:
        page_html, email, text = _issue_files(built_site, issue.numero)
        reviews = [r for r in MODEL.reviews if issue.periode_debut <= r.date <= issue.periode_fin]
        assert ("Où en sont les actions" in page_html) == bool(reviews)
        assert ("OÙ EN SONT LES ACTIONS" in text) == bool(reviews)
        for review in reviews:
            assert f"bilan-{review.annee}/" in page_html and f"/suivi/bilan-{review.annee}/" in email


# --- what the page draws, the e-mail and the feed draw too (issue 22) ---------------------------------------------

def _model_with_body(data_dir: Path, body: str, site_url: str = "https://cls.exemple.fr/"):
    import dataclasses

    path = data_dir / ISSUE
    path.write_text(path.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    return dataclasses.replace(load_model(data_dir), site_url=site_url)


def _issue_outputs(model) -> dict[str, str]:
    from site_builder.render import newsletter_pages as pages

    issue = model.newsletter[0]
    context = pages.sections(model, issue)
    return {"e-mail": pages.email_html(model, issue, context), "text": pages.email_text(model, issue, context),
            "feed": pages.atom_feed(model)}


def test_emoji_shortcodes_are_characters_in_the_email_and_the_feed(data_dir: Path) -> None:
    model = _model_with_body(data_dir, "Bravo :smile: :+1: :woman_health_worker: :material-phone: à 12:30:45.")
    for name, text in _issue_outputs(model).items():
        assert "Bravo 😄 👍 👩\u200d⚕️" in text, name  # the characters the page draws (site_builder/emoji.py)
        assert ":smile:" not in text and ":material-phone:" not in text and "à 12:30:45." in text, name
        assert "twemoji" not in text and "cdn.jsdelivr" not in text, name


def test_a_protocol_relative_image_is_dropped_and_a_link_made_https(data_dir: Path) -> None:
    model = _model_with_body(data_dir, "![pixel](//tracker.example/p.gif) [un site](//www.exemple.org/page)")
    outputs = _issue_outputs(model)
    for name in ("e-mail", "feed"):
        assert "tracker.example" not in outputs[name], name
        assert "https://www.exemple.org/page" in outputs[name].replace("&quot;", '"'), name
        assert "cls.exemple.fr///" not in outputs[name] and "cls.exemple.fr//www" not in outputs[name], name


def test_a_relative_image_is_absolute_in_the_email_with_a_site_url(data_dir: Path) -> None:
    from site_builder.render.newsletter_pages import email_image_errors

    model = _model_with_body(data_dir, "![photo](../assets/photo.png)")
    email_image_errors(model, data_dir.parent)  # nothing to say
    assert 'src="https://cls.exemple.fr/assets/photo.png"' in _issue_outputs(model)["e-mail"]


def test_a_relative_image_without_a_site_url_is_a_located_error(data_dir: Path) -> None:
    from site_builder.errors import DataValidationError
    from site_builder.render.newsletter_pages import email_image_errors

    model = _model_with_body(data_dir, "Texte.\n\n![photo](../assets/photo.png)", site_url="")
    with pytest.raises(DataValidationError) as caught:
        email_image_errors(model, data_dir.parent)
    assert [str(e) for e in caught.value.report.errors] == [
        "data/lettres/2025-t4.md:18 image « ../assets/photo.png » : dans le courriel de la lettre, une adresse "
        "relative ne s'affiche pas.\n    → indiquez l'adresse du site (site_url dans mkdocs.yml) : l'image y sera "
        "écrite avec son adresse complète ; ou retirez l'image de la lettre."]
