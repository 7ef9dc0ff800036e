"""Messages that used to mislead: a syntax error setting off a cascade, English from the YAML parser, errors
hidden until the next run, grammar. Each is reported once, in French, where the coordinator should look."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import errors_of, replace_in

from site_builder import french
from site_builder.errors import DataValidationError, ErrorReport
from site_builder.kinds import (
    cost_scale,
    events,
    newsletter,
    organisations,
    programme,
    seniors,
    structures,
    territory,
    tracking,
)
from site_builder.load import load_text
from site_builder.schema import Schema
from site_builder.validate import load_model

# --- one syntax error is one error, said first ------------------------------------------------------------

# (slip, where it goes in organisations.yml / structures.yml, the line to point at)
SLIPS = {
    "indentation": ("    nom: PETR de test", "     nom: PETR de test", 3),
    "unquoted colon": ("    nom: PETR de test", "    nom: PETR : de test", 3),
    "apostrophe inside apostrophes": ("    nom: PETR de test", "    nom: 'l'exemple'", 3),
    "unclosed quote": ("    nom: PETR de test", '    nom: "PETR de test', 3),
}
STRUCTURE_SLIPS = {
    "indentation": ("    nom: Maison de santé de test", "      nom: Maison de santé de test", 3),
    "unquoted colon": ("    nom: Maison de santé de test", "    nom: Maison : santé", 3),
    "apostrophe inside apostrophes": ("    nom: Maison de santé de test", "    nom: 'Maison de l'exemple'", 3),
    "unclosed quote": ("    nom: Maison de santé de test", "    nom: 'Maison de santé", 3),
}


@pytest.mark.parametrize("slip", SLIPS)
def test_a_syntax_error_in_organisations_is_the_only_error(data_dir: Path, slip: str) -> None:
    old, new, line = SLIPS[slip]
    replace_in(data_dir / "organisations.yml", old, new)
    [error] = errors_of(data_dir)  # not one « ne correspond à aucune organisation » per reference
    assert error.startswith(f"data/organisations.yml:{line} erreur de syntaxe YAML : ")


@pytest.mark.parametrize("slip", STRUCTURE_SLIPS)
def test_a_syntax_error_in_structures_is_the_only_error(data_dir: Path, slip: str) -> None:
    old, new, line = STRUCTURE_SLIPS[slip]
    replace_in(data_dir / "structures.yml", old, new)
    [error] = errors_of(data_dir)  # the lettre's focus and the event's place point into the unreadable file
    assert error.startswith(f"data/structures.yml:{line} erreur de syntaxe YAML : ")


def test_an_unreadable_file_comes_first_and_other_files_still_report(data_dir: Path) -> None:
    replace_in(data_dir / "organisations.yml", "    nom: PETR de test", "    nom: 'l'exemple'")
    replace_in(data_dir / "cls.yml", "debut: 2023", "debut: 2O23")
    with pytest.raises(DataValidationError) as raised:
        load_model(data_dir, data_dir.parent)
    lines = raised.value.report.format().splitlines()
    assert lines[0].startswith("data/organisations.yml:3 erreur de syntaxe YAML")  # although "cls" sorts first
    assert any(line.startswith("data/cls.yml:3 debut: nombre entier attendu") for line in lines)
    assert lines[-1] == "2 erreurs dans les données."


def test_a_wrong_commune_record_does_not_make_structures_homeless(data_dir: Path) -> None:
    replace_in(data_dir / "communes.yml", 'code_postal: "45300"', "code_postal: 4530")  # Pithiviers
    assert [e.split(" ")[0] for e in errors_of(data_dir)] == ["data/communes.yml:4"]


# --- YAML slips worded in French ---------------------------------------------------------------------------

# (text, line to point at, French words). The parser's English may follow, in parentheses, after « original : ».
YAML_SLIPS = [
    ("a: 1\n\tb: 2\n", 2, "tabulation interdite"),
    ("a: 1\nb: texte: avec\n", 2, "deux-points inattendu"),
    ("a: 1\n b: 2\n", 2, "deux-points inattendu"),
    ('a: "pas fermé\nb: 2\n', 1, "guillemet ouvert jamais refermé (ouvert ligne 1, remarqué ligne 3)"),
    ("a: 'pas fermé\nb: 2\n", 1, "guillemet ouvert jamais refermé"),
    ("liste:\n  - a\n - b\n", 3, "liste mal indentée"),
    ("nom: 'l'exemple'\n", 1, "apostrophe à l'intérieur d'un texte entre apostrophes (écrivez 'l''exemple'"),
    ("a: [1, 2\nb: 3\n", 1, "liste entre crochets « [ » jamais refermée, ou virgule manquante"),
    ("a: {b: 1\nc: 2\n", 1, "ensemble entre accolades « { » jamais refermé"),
    ("a: @x\n", 1, "une valeur ne peut pas commencer par « @ »"),
    ("a: `x\n", 1, "une valeur ne peut pas commencer par « ` »"),
    ("a: %x\n", 1, "une valeur ne peut pas commencer par « % »"),
    ("a: b\nc\nd: e\n", 3, "deux-points manquant après une clé"),
    ("a:\n  - b\n  c: d\n", 3, "liste et clés mélangées au même niveau"),
    ('a: "x\\q"\n', 1, "barre oblique inverse « \\ » suivie d'un caractère inconnu"),
    ("a: &\n", 1, "nom manquant après « & » ou « * »"),
    ("a: ]\n", 1, "valeur attendue à cet endroit"),
    ("a: b\n---\nc: d\n", 2, "une ligne « --- » coupe le fichier en deux documents"),
    ("a: *x\n", 1, "alias (*nom) inconnu"),
    ("a: -\n", 1, "tiret de liste inattendu"),
    ("a: > x\n", 1, "texte inattendu après « | » ou « > »"),
]
ENGLISH = re.compile(r"\b(expected|found|while|scanning|parsing|mapping|token|character|stream)\b")


@pytest.mark.parametrize(("text", "line", "words"), YAML_SLIPS, ids=[s[2][:30] for s in YAML_SLIPS])
def test_yaml_slips_are_worded_in_french(text: str, line: int, words: str) -> None:
    report = ErrorReport()
    assert load_text(text, "data/f.yml", report) is None
    [error] = report.errors
    assert error.location.line == line
    assert error.message.startswith("erreur de syntaxe YAML : ") and words in error.message
    french_part = error.message.split(" (original : « ")[0]
    assert not ENGLISH.search(french_part), french_part
    assert "indentation" in error.hint


@pytest.mark.parametrize(("text", "expected"), [
    ("? [a, b]\n: x\n", "data/f.yml:1 clé complexe (liste ou ensemble) refusée."),
    ("x:\n  {a: 1}: b\n", "data/f.yml:2 x: clé complexe (liste ou ensemble) refusée."),
    ("a: b\x00\n", "data/f.yml:1 caractère de contrôle invisible interdit (U+0000) colonne 5"),
    ("a: 1\nb: c\x07d\n", "data/f.yml:2 caractère de contrôle invisible interdit (U+0007) colonne 5"),
])
def test_keys_and_control_characters_are_explained(text: str, expected: str) -> None:
    report = ErrorReport()
    load_text(text, "data/f.yml", report)
    [error] = report.errors
    assert str(error).startswith(expected)
    assert "Node(" not in str(error)


@pytest.mark.parametrize("file", ["lettres/2025-t4.md", "cls.yml"])
def test_a_byte_order_mark_is_accepted(data_dir: Path, file: str) -> None:
    path = data_dir / file
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # what Windows Notepad writes
    assert errors_of(data_dir) == []


# --- all the errors of one run -----------------------------------------------------------------------------

# Fourteen distinct mistakes in every kind of file; four sit in one structure whose date is also wrong.
MISTAKES = [
    ("structures.yml", "date_maj: 2026-01-15", "date_maj: 15/01/2026",
     "data/structures.yml:18 structures[1].date_maj"),
    ("structures.yml", 'code_postal: "45300"', 'code_postal: "45000"',
     "data/structures.yml:6 structure « msp-test ».code_postal"),
    ("structures.yml", "commune: Pithiviers", "commune: Pithivier",
     "data/structures.yml:8 structure « msp-test ».commune"),
    ("structures.yml", "latitude: 48.173\n    longitude: 2.251", "latitude: 2.251\n    longitude: 48.173",
     "data/structures.yml:9 structure « msp-test ».latitude"),
    ("structures.yml", 'telephone: "02 61 91 00 03"', 'telephone: "02 61"',
     "data/structures.yml:32 structures[2].telephone"),
    ("cls.yml", "debut: 2023", "debut: 2023-01-01", "data/cls.yml:3 debut"),
    ("organisations.yml", "    sigle: PETR", "    sigl: PETR", "data/organisations.yml:4 organisations[1].sigl"),
    ("communes.yml", "latitude: 48.1286", "latitude: 48,12,86", "data/communes.yml:13 communes[2].latitude"),
    ("programme/axe-1.yml", "cible: 40", "cible: -4",
     "data/programme/axe-1.yml:19 fiches[1].actions[1].indicateurs[2].cible"),
    ("programme/axe-1.yml", "partenaires: [ars, communes]", "partenaires: [ars, comunes]",
     "data/programme/axe-1.yml:14 fiches[1].actions[1].partenaires[2]"),
    ("evenements.yml", "https://www.exemple.fr/inscription", "javascript:alert(1)",
     "data/evenements.yml:13 evenements[1].inscription"),
    ("evenements.yml", 'fin: "2025-11-21"', 'fin: "9999-11-21"', "data/evenements.yml:18 evenements[2].fin"),
    ("lettres/2025-t4.md", "focus: msp-test", "focus: msp-tset", "data/lettres/2025-t4.md:8 focus"),
    ("suivi/2025.yml", "statut: realisee", "statut: realise", "data/suivi/2025.yml:5 actions.1-1-1.statut"),
]


def test_fourteen_mistakes_give_fourteen_errors_in_one_run(data_dir: Path) -> None:
    for file, old, new, _ in MISTAKES:
        replace_in(data_dir / file, old, new)
    found = [error.split(":", 2)[0] + ":" + error.split(":", 2)[1] for error in errors_of(data_dir)]
    assert sorted(found) == sorted(where for *_, where in MISTAKES)


def test_a_wrong_date_does_not_hide_the_other_checks_of_its_record(data_dir: Path) -> None:
    for file, old, new, _ in MISTAKES[:4]:
        replace_in(data_dir / file, old, new)
    errors = errors_of(data_dir)
    assert len(errors) == 4
    assert "la latitude et la longitude semblent inversées." in errors[2]


# --- wording (issue 11) ------------------------------------------------------------------------------------

SCHEMAS = [value for module in (cost_scale, events, newsletter, organisations, programme, seniors, structures,
                                     territory, tracking)
           for value in vars(module).values() if isinstance(value, Schema)]


def test_every_label_is_contracted_after_a() -> None:
    assert len(SCHEMAS) >= 20
    for schema in SCHEMAS:
        phrase = french.to(schema.label)
        assert not re.search(r"\bà (le|les) ", phrase), phrase
    assert french.to("le répertoire des structures") == "au répertoire des structures"
    assert french.to("les leviers") == "aux leviers"
    assert french.to("une action") == "à une action"
    assert french.to("l'agenda") == "à l'agenda"


def test_a_missing_list_says_au_repertoire(data_dir: Path) -> None:
    (data_dir / "structures.yml").write_text("structure:\n  - id: x\n", encoding="utf-8")
    (data_dir / "evenements.yml").write_text("autre: 1\n", encoding="utf-8")
    errors = errors_of(data_dir)
    assert "data/structures.yml:1 structure: champ inconnu.\n    → vouliez-vous dire « structures » ?" in errors
    assert ("data/evenements.yml:1 evenements: champ obligatoire manquant ou vide.\n"
            "    → ajoutez « evenements: … » à l'agenda.") in errors


def test_an_empty_file_names_the_keys_it_needs(data_dir: Path) -> None:
    (data_dir / "cls.yml").write_text("# à remplir\n", encoding="utf-8")
    [error] = errors_of(data_dir)
    assert error == ("data/cls.yml fichier vide.\n    → clés attendues : « nom: … », « territoire: … », « debut: … », "
                     "« fin: … », « porteur: … », « signataires: … », « epci: … » (voir l'exemple fourni dans data/).")


@pytest.mark.parametrize(("written", "hint"), [
    ("2023-01-01", "seule l'année est attendue ici, ex. « 2023 »."),
    ("01/09/2023", "seule l'année est attendue ici, ex. « 2023 »."),
])
def test_a_date_typed_where_a_year_goes_gets_a_hint(data_dir: Path, written: str, hint: str) -> None:
    replace_in(data_dir / "cls.yml", "debut: 2023", f"debut: {written}")
    assert errors_of(data_dir) == [f"data/cls.yml:3 debut: nombre entier attendu, reçu « {written} ».\n    → {hint}"]


@pytest.mark.parametrize("written", ["2026", "46023"])
def test_a_number_typed_where_a_date_goes_gets_a_hint(data_dir: Path, written: str) -> None:
    replace_in(data_dir / "structures.yml", "date_maj: 2026-01-15", f"date_maj: {written}")
    assert errors_of(data_dir) == [f"data/structures.yml:18 structures[1].date_maj: date attendue au format "
                                   f"AAAA-MM-JJ, reçu « {written} ».\n    → une date complète, pas un nombre : "
                                   "année-mois-jour, ex. 2025-03-31."]


def test_a_missing_review_is_aucun_bilan() -> None:
    from site_builder.errors import Location
    from site_builder.schema import Reference
    from site_builder.validate import _report_missing

    report = ErrorReport()
    _report_missing(Reference("bilan", "2019", Location("data/x.yml", 3), "bilan"), {}, report)
    _report_missing(Reference("lettre", "9", Location("data/x.yml", 4), "lettre"), {}, report)
    assert [str(e) for e in report.errors] == [
        "data/x.yml:3 bilan: « 2019 » ne correspond à aucun bilan.\n"
        "    → ajoutez-le dans le fichier des bilans ou corrigez l'identifiant.",
        "data/x.yml:4 lettre: « 9 » ne correspond à aucune lettre.\n"
        "    → ajoutez-la dans le fichier des lettres ou corrigez l'identifiant."]


def test_a_wrong_record_does_not_hide_the_checks_of_the_next_one(data_dir: Path) -> None:
    replace_in(data_dir / "evenements.yml", "https://www.exemple.fr/inscription", "javascript:alert(1)")
    replace_in(data_dir / "evenements.yml", 'fin: "2025-11-21"', 'fin: "2025-11-19"')
    assert [e.split(" ")[0] for e in errors_of(data_dir)] == ["data/evenements.yml:13", "data/evenements.yml:18"]


# --- one cause, one error (issue 22: a renamed id gave 249 errors, a missing structures.yml 24) ----------------

def test_a_renamed_organisation_is_one_error_counting_the_references_it_breaks(data_dir: Path) -> None:
    replace_in(data_dir / "organisations.yml", "- id: petr\n", "- id: petr-bgp\n")
    assert errors_of(data_dir) == [
        "data/cls.yml:5 porteur: « petr » ne correspond à aucune organisation (data/organisations.yml). 3 autre(s) "
        "erreur(s) en découle(nt) : le même identifiant est cité à data/cls.yml:6, data/evenements.yml:12, "
        "data/programme/axe-1.yml:13.\n"
        "    → c'est le sigle de « petr-bgp » (PETR de test) : écrivez son identifiant, « petr-bgp ». Si l'identifiant "
        "a été renommé, remettez l'ancien : une seule correction suffit."]


def test_two_unknown_ids_are_two_errors(data_dir: Path) -> None:
    replace_in(data_dir / "cls.yml", "signataires: [petr, ars]", "signataires: [petr, arss, cc-tst]")
    errors = errors_of(data_dir)
    assert [e.split(" → ")[0].split("\n")[0] for e in errors] == [
        "data/cls.yml:6 signataires[2]: « arss » ne correspond à aucune organisation (data/organisations.yml).",
        "data/cls.yml:6 signataires[3]: « cc-tst » ne correspond à aucune organisation (data/organisations.yml)."]


def test_a_missing_structures_file_is_one_error_at_that_file(data_dir: Path) -> None:
    (data_dir / "structures.yml").unlink()
    errors = errors_of(data_dir)
    assert len(errors) == 1, errors
    assert errors[0].startswith("data/structures.yml fichier absent, alors que ")
    assert "référence(s) y renvoient : data/evenements.yml:" in errors[0]
    assert "→ remettez le fichier data/structures.yml (ou retirez ces références)." in errors[0]


def test_a_commune_code_missing_from_communes_is_one_error_for_all_its_structures(data_dir: Path) -> None:
    path = data_dir / "structures.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('code_insee: "45252"', 'code_insee: "45999"'),
                    encoding="utf-8")
    errors = errors_of(data_dir)
    assert len(errors) == 1, errors
    assert errors[0].startswith(
        "data/structures.yml:7 structure « msp-test ».code_insee: « 45999 » n'est pas une commune du territoire "
        "(data/communes.yml). 1 autre(s) erreur(s) en découle(nt) : le même identifiant est cité à "
        "data/structures.yml:28.\n"), errors[0]
