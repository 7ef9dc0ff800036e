"""Acronyms (issue 25 item 11): the first use of each on a page is explained in an `<abbr>`, a « Glossaire » page
lists them, and a territory adds its own in data/glossaire.yml (a mistake there is located, like any data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.acronyms import explain_first, national_terms
from site_builder.errors import DataValidationError
from site_builder.validate import load_model

TABLE = {"CMP": "Centre médico-psychologique", "CMPP": "Centre médico-psycho-pédagogique",
         "GIR": "Groupe iso-ressources", "APA": "Allocation personnalisée d'autonomie"}


def test_only_the_first_use_on_a_page_is_explained() -> None:
    page = "<h1>Le CMP</h1><p>Un CMP reçoit sans avance de frais ; le CMPP aussi.</p>"
    assert explain_first(page, TABLE) == (
        '<h1>Le <abbr title="Centre médico-psychologique">CMP</abbr></h1><p>Un CMP reçoit sans avance de frais ; '
        'le <abbr title="Centre médico-psycho-pédagogique">CMPP</abbr> aussi.</p>')


def test_words_only_and_never_in_code_menus_or_attributes() -> None:
    page = ('<a href="/cmp/" title="GIR">lien</a><option>GIR 1</option><code>GIR</code>'
            '<p>GIRONDE, GIRs, APA-plus, <abbr title="Allocation">APA</abbr>, APA</p>')
    assert explain_first(page, TABLE) == page  # APA is explained by the page's own <abbr> already


def test_an_explanation_is_an_attribute_that_cannot_break_out() -> None:
    assert explain_first("<p>XYZ</p>", {"XYZ": 'Dit "x" <b> & co'}) == \
        '<p><abbr title="Dit &quot;x&quot; &lt;b&gt; &amp; co">XYZ</abbr></p>'


def test_the_national_table_explains_what_residents_meet() -> None:
    terms = national_terms()
    for sigle in ("PETR", "GIR", "SSIAD", "MSP", "CPTS", "EPSM", "CMP", "EHPAD", "CLIC", "DAC", "PMI", "CCAS"):
        assert terms[sigle][0].isupper() and len(terms[sigle]) > len(sigle), sigle
    assert terms["CPTS"] == "Communauté professionnelle territoriale de santé"


def test_a_territory_adds_and_replaces_acronyms(data_dir: Path) -> None:
    (data_dir / "glossaire.yml").write_text("SIVOM: Syndicat intercommunal à vocation multiple\n"
                                            "CLS: Contrat local de santé du Pithiverais\n", encoding="utf-8")
    model = load_model(data_dir)
    assert [(t.sigle, t.explication) for t in model.glossary] == [
        ("SIVOM", "Syndicat intercommunal à vocation multiple"), ("CLS", "Contrat local de santé du Pithiverais")]


@pytest.mark.parametrize(("text", "line", "said"), [
    ("SIVOM: Syndicat\nsivom: minuscules\n", 2, "« sivom » n'est pas un sigle"),
    ("SIVOM: Syndicat\nSMA:\n", 2, "explication attendue"),
    ("- SIVOM\n", 1, "liste de sigles attendue"),
])
def test_a_mistake_in_the_territory_s_glossary_is_located(data_dir: Path, text: str, line: int, said: str) -> None:
    (data_dir / "glossaire.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        load_model(data_dir)
    report = str(caught.value)
    assert f"data/glossaire.yml:{line}" in report and said in report, report


def test_every_page_explains_its_first_acronym_and_the_footer_links_the_glossary(built_site: Path) -> None:
    fiche = (built_site / "repertoire" / "msp-pithiviers" / "index.html").read_text(encoding="utf-8")
    assert fiche.count('<abbr title="Maison de santé pluriprofessionnelle">MSP</abbr>') == 1
    glossary = (built_site / "glossaire" / "index.html").read_text(encoding="utf-8")
    assert '<dt id="ssiad">SSIAD</dt>' in glossary
    assert "<dd>Service de soins infirmiers à domicile</dd>" in glossary
    assert 'href="../glossaire/"' in (built_site / "le-cls" / "index.html").read_text(encoding="utf-8")
