"""French spaces (issue 25 item 10): no line break before « ? ! : ; », inside « » or a number, nor before « € » and
« % »; nothing changes in tags, attributes, code or scripts, and no space is added where there was none."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.typography import NARROW, NO_BREAK, french_spaces, french_spaces_html


@pytest.mark.parametrize(("typed", "printed"), [
    ("Quelle solution ?", f"Quelle solution{NARROW}?"),
    ("Ouvert ! Fermé ; demain", f"Ouvert{NARROW}! Fermé{NARROW}; demain"),
    ("Horaires : lundi", f"Horaires{NO_BREAK}: lundi"),
    ("« Ouvert maintenant »", f"«{NO_BREAK}Ouvert maintenant{NO_BREAK}»"),
    ("1 400 €", f"1{NARROW}400{NO_BREAK}€"),
    ("10 000 habitants", f"10{NARROW}000 habitants"),
    ("1 000 000", f"1{NARROW}000{NARROW}000"),
    ("45 %", f"45{NO_BREAK}%"),
    ("Qui contacter\n  ?", f"Qui contacter{NARROW}?"),  # a template's line break before the « ? »
])
def test_spaces_french_typography_keeps_on_the_line(typed: str, printed: str) -> None:
    assert french_spaces(typed) == printed


@pytest.mark.parametrize("left", [
    "12:30", "4.5:1", "https://cls.exemple.fr/?q=a;b", "Pourquoi?", "02 38 30 12 34", "45300 Pithiviers",
    "en 2025 125 personnes",  # a year then a count: not one number
])
def test_no_space_is_added_and_other_numbers_keep_theirs(left: str) -> None:
    assert french_spaces(left) == left


def test_only_the_text_of_a_page_changes() -> None:
    page = ('<!doctype html><html><head><title>Aide ?</title><style>a::after { content: " :" }</style>'
            '<script>const x = a ? b : c;</script></head><body>'
            '<a href="/recherche/?q=a ?" title="Lien : ici" data-x=\'1 > 0 ? 1 : 2\'>Aide ?</a>'
            '<!-- note : ici --><code>a ? b : c</code><pre><code>x : y</code></pre> Fin !</body></html>')
    expected = (f'<!doctype html><html><head><title>Aide{NARROW}?</title><style>a::after {{ content: " :" }}</style>'
                '<script>const x = a ? b : c;</script></head><body>'
                '<a href="/recherche/?q=a ?" title="Lien : ici" data-x=\'1 > 0 ? 1 : 2\'>'
                f'Aide{NARROW}?</a><!-- note : ici --><code>a ? b : c</code><pre><code>x : y</code></pre> '
                f'Fin{NARROW}!</body></html>')
    assert french_spaces_html(page) == expected


def test_a_question_after_a_link_stays_with_it() -> None:
    assert french_spaces_html('<p>Voir la <a href="/x/">carte</a> ?</p>') == \
        f'<p>Voir la <a href="/x/">carte</a>{NARROW}?</p>'


def test_the_built_site_has_no_breaking_space_before_a_question_mark(built_site: Path) -> None:
    guide = (built_site / "bien-vieillir" / "index.html").read_text(encoding="utf-8")
    assert f"Quelle est votre situation{NARROW}?" in guide
    costs = (built_site / "bien-vieillir" / "couts-et-aides" / "index.html").read_text(encoding="utf-8")
    assert f"Qui contacter{NARROW}?" in costs
    assert f"de 34,50{NO_BREAK}€" in costs
    for page in ("404.html", "index.html"):
        assert "Accessibilité : non conforme" not in (built_site / page).read_text(encoding="utf-8")


def test_a_phone_number_in_a_link_keeps_word_spaces_between_its_groups() -> None:
    page = ('<p>Médecin de garde : <a href="tel:116117">116 117</a> · <a class="x" href="tel:+33238301234">'
            "02 38 30 12 34</a> · 1 400 habitants</p>")
    assert french_spaces_html(page) == (
        '<p>Médecin de garde\u00a0: <a href="tel:116117">116\u00a0117</a> · <a class="x" href="tel:+33238301234">'
        "02\u00a038\u00a030\u00a012\u00a034</a> · 1\u202f400 habitants</p>")
