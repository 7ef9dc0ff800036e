"""Imports can be trusted with a coordinator's data (issue 22): a file that cannot be read changes nothing,
impossible positions and prices are refused, `garder` means what a coordinator thinks, homonyms and vanished
records are handled once. Each test names the planted bug it catches in scripts/mutants.py."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import errors_of, replace_in

from site_builder.cli import main
from site_builder.importers import SHRINK_FROM, Batch, check_complete, run
from site_builder.importers.merge import Imported
from site_builder.importers.source_errors import SourceFileError
from site_builder.validate import load_model

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "importers"
FIRST, SECOND = FIXTURES / "finess-1.csv", FIXTURES / "finess-2.csv"
DAY = dt.date(2025, 10, 1)
PITHIVIERS = {"nom": "Maison de santé du Faubourg", "typologie": "msp", "adresse": "3 rue du Faubourg",
              "code_postal": "45300", "code_insee": "45252", "commune": "Pithiviers", "date_maj": DAY}
PITHIVIERS_CENTRE = (48.1719, 2.2519)  # data/communes.yml


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def finess(data: Path, source: Path, day: str = "2025-10-01", *extra: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, ["importer", "finess", str(source), "--data", str(data), "--date", day, *extra])
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output


def records(data: Path) -> dict[str, dict]:
    """Every record of data/structures.yml by its id in its source (or its own id), as text."""
    loaded = yaml.load((data / "structures.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["structures"]
    return {r.get("id_source") or r["id"]: r for r in loaded}


# --- 1. An import that cannot read its file changes nothing --------------------------------------------------

def _empty(text: bytes) -> bytes:
    return b""


def _truncated(text: bytes) -> bytes:
    return text[:900]  # the metadata line and three establishments, cut in the middle of the fourth


def _short(text: bytes) -> bytes:
    """A well-formed extract holding only three of the territory's thirteen establishments."""
    keep = (b"finess;", b"structureet;450099001", b"structureet;450099002", b"structureet;450099003",
            b"geolocalisation;450099001", b"geolocalisation;450099002", b"geolocalisation;450099003")
    return b"".join(line for line in text.splitlines(keepends=True) if line.startswith(keep))


def _commas(text: bytes) -> bytes:
    return text.replace(b";", b",")


def _binary(text: bytes) -> bytes:
    return bytes(range(256)) * 20


# The reader may refuse such a file itself (its own French message) or hand `run` too few records: either way,
# exit 1 and not a byte changed.
@pytest.mark.parametrize("spoil", [_empty, _truncated, _short, _commas, _binary])
def test_unreadable_finess_file_changes_nothing(data: Path, tmp_path: Path, spoil):
    finess(data, FIRST)
    before = (data / "structures.yml").read_bytes()
    bad = tmp_path / "finess.csv"
    bad.write_bytes(spoil(FIRST.read_bytes()))
    for extra in ((), ("--simuler",)):
        out = finess(data, bad, "2025-11-02", *extra, code=1)
        assert "Erreur : " in out and "Rien n'a été écrit" in out and "Traceback" not in out
        assert "Disparues" not in out
        assert (data / "structures.yml").read_bytes() == before


@pytest.mark.parametrize("spoil", [_empty, _commas, _binary])
def test_first_import_of_an_unreadable_file_changes_nothing(data: Path, tmp_path: Path, spoil):
    before = (data / "structures.yml").read_bytes()  # no FINESS record yet: nothing to compare the count with
    bad = tmp_path / "finess.csv"
    bad.write_bytes(spoil(FIRST.read_bytes()))
    out = finess(data, bad, code=1)
    assert "Erreur : " in out and "Rien n'a été écrit" in out
    assert (data / "structures.yml").read_bytes() == before


def test_a_batch_without_records_is_refused_even_on_a_first_import(data: Path):
    before = (data / "structures.yml").read_bytes()
    with pytest.raises(SourceFileError) as refused:
        run(Batch("finess", [], ["catégorie hors correspondance : 3 établissements"]), data, DAY, simulate=False)
    assert str(refused.value) == (
        "le fichier n'apporte aucun enregistrement de vos communes (vide, tronqué, mauvais séparateur, ou pas un "
        "fichier « finess » ?). Rien n'a été écrit. Si c'est bien le bon fichier, relancez avec --forcer.")
    assert (data / "structures.yml").read_bytes() == before


def test_short_file_names_both_counts(data: Path, tmp_path: Path):
    finess(data, FIRST)
    bad = tmp_path / "finess.csv"
    bad.write_bytes(_short(FIRST.read_bytes()))
    out = finess(data, bad, "2025-11-02", code=1)
    assert ("le fichier n'apporte que 3 enregistrement(s) de vos communes, alors que le répertoire en tient 13 "
            "venus de « finess »") in out


def test_forcer_imports_the_short_file_and_flags_the_rest(data: Path, tmp_path: Path):
    finess(data, FIRST)
    bad = tmp_path / "finess.csv"
    bad.write_bytes(_short(FIRST.read_bytes()))
    out = finess(data, bad, "2025-11-02", "--forcer")
    assert "Disparues de la source (gardées, marquées « disparu_de_la_source ») (10)" in out
    assert records(data)["450099012"]["disparu_de_la_source"] == "2025-11-02"


def test_every_importer_command_has_forcer():
    for command in ("finess", "cnsa", "annuaire", "data-inclusion"):
        result = CliRunner().invoke(main, ["importer", command, "--help"])
        assert "--forcer" in result.output and "moitié" in result.output


def _held(count: int, vanished: int = 0) -> list[dict]:
    return ([{"source": "finess"}] * count + [{"source": "finess", "disparu_de_la_source": DAY}] * vanished
            + [{"source": "annuaire"}] * 50)


def _items(count: int) -> list[Imported]:
    return [Imported(str(n), {}) for n in range(count)]


@pytest.mark.parametrize(("held", "vanished", "brought", "refused"), [
    (12, 0, 6, False), (12, 0, 5, True),            # half is enough, one fewer is not
    (SHRINK_FROM, 0, 5, False), (SHRINK_FROM, 0, 4, True),
    (SHRINK_FROM - 1, 0, 1, False),                 # below ten records, any non-empty file is believed
    (10, 6, 5, False),                              # records already gone from the source do not count
    (0, 0, 0, True), (12, 0, 0, True),              # nothing recognised: always refused
])
def test_shrink_threshold(held: int, vanished: int, brought: int, refused: bool):
    try:
        check_complete("finess", _items(brought), _held(held, vanished))
    except SourceFileError:
        assert refused
    else:
        assert not refused


# --- 2. Impossible positions and prices are refused, the rest of the record is written -------------------------

def _import(data: Path, items: list[Imported], source: str = "data-inclusion", **batch: object):
    report, _ = run(Batch(source, items, [], **batch), data, DAY, simulate=False)
    return report


@pytest.mark.parametrize(("latitude", "longitude", "reason"), [
    (40.7128, -74.0060, "hors de France"),                      # New York
    (float("nan"), 2.25, "ce ne sont pas des nombres finis"),
    (1e308, 1e308, "hors de France"),
    (float("inf"), 2.25, "ce ne sont pas des nombres finis"),
    (123.0, 2.25, "hors de France"),
    (2.2519, 48.1719, "latitude et longitude inversées"),
    (43.2963, 5.3650, "hors du territoire (latitudes 47.87 à 48.46, longitudes 1.79 à 2.68"),  # Marseille
    (48.1719, None, "ce ne sont pas des nombres"),
])
def test_impossible_position_of_a_new_record_is_refused(data: Path, latitude, longitude, reason: str):
    report = _import(data, [Imported("m-1", PITHIVIERS | {"latitude": latitude, "longitude": longitude})])
    refused = [line for line in report.refused if "m-1 (Maison de santé du Faubourg)" in line]
    assert len(refused) == 1 and refused[0].startswith("refusée : position (") and reason in refused[0]
    record = records(data)["m-1"]
    assert (float(record["latitude"]), float(record["longitude"])) == PITHIVIERS_CENTRE
    assert record["adresse"] == "3 rue du Faubourg"  # the rest of the record is written
    load_model(data, data.parent, today=dt.date(2026, 12, 1))


def test_position_at_the_territory_margin_is_kept(data: Path):
    # The territory box is widened by MARGIN (0.15°), as validate does: just inside it passes, just outside not.
    report = _import(data, [Imported("m-1", PITHIVIERS | {"latitude": 48.46, "longitude": 2.68}),
                            Imported("m-2", PITHIVIERS | {"latitude": 48.47, "longitude": 2.68})])
    assert [line.split(" de ")[1].split(" ")[0] for line in report.refused] == ["m-2"]
    assert records(data)["m-1"]["latitude"] == "48.46"


def test_impossible_position_of_a_known_record_keeps_the_old_one(data: Path):
    _import(data, [Imported("m-1", PITHIVIERS | {"latitude": 48.1731, "longitude": 2.2504})])
    report = _import(data, [Imported("m-1", PITHIVIERS | {"latitude": 40.7128, "longitude": -74.006,
                                                          "telephone": "02 38 30 00 99"})])
    assert report.refused == ["refusée : position (40.7128, -74.006) de m-1 (Maison de santé du Faubourg) — hors de "
                              "France ; la position déjà dans le répertoire est gardée."]
    record = records(data)["m-1"]
    assert (record["latitude"], record["longitude"], record["telephone"]) == ("48.1731", "2.2504", "02 38 30 00 99")
    assert "Valeurs refusées, non écrites (1) :" in report.text()


def test_impossible_prices_are_refused_and_the_rest_written(data: Path):
    finess(data, FIRST)
    ident = records(data)["450099002"]["id"]
    prices = {"statut": "public", "places_permanentes": 84, "prix_journalier": 1500.0,
              "tarif_dependance_gir56": float("nan"), "tarif_dependance_gir12": 1e308, "tarif_dependance_gir34": 9.5,
              "tarifs_au": dt.date(2025, 7, 1)}
    report = _import(data, [Imported("450099002", prices)], "cnsa",
                     key_of=lambda r: str(r["finess"]) if r.get("finess") else None, section="seniors",
                     add_new=False)
    assert sorted(report.refused) == [
        "refusée : seniors.prix_journalier « 1500 » de 450099002 — 1500.0 hors des valeurs admises (entre 15 et 400).",
        "refusée : seniors.tarif_dependance_gir12 « 1e+308 » de 450099002 — nombre attendu (ex. 48.17), "
        "reçu « 1e+308 ».",
        "refusée : seniors.tarif_dependance_gir56 « nan » de 450099002 — ce n'est pas un nombre fini."]
    seniors = records(data)["450099002"]["seniors"]
    assert seniors == {"statut": "public", "places_permanentes": "84", "tarif_dependance_gir34": "9.5",
                       "tarifs_au": "2025-07-01"}
    assert ident == records(data)["450099002"]["id"]


@pytest.mark.parametrize(("key", "value", "refused"), [
    ("prix_journalier", 15.0, False), ("prix_journalier", 400.0, False),
    ("prix_journalier", 14.99, True), ("prix_journalier", 400.01, True),
    ("prix_mensuel", 6000, False), ("prix_mensuel", 6001, True), ("tarif_horaire", -1.0, True),
])
def test_price_bounds_are_the_schema_bounds(key: str, value: float, refused: bool):
    from site_builder.importers.plausible import price_refusal

    assert bool(price_refusal(key, value)) is refused


# --- 3. `garder`: a word or a list, a position kept whole, an unknown name located --------------------------

def _keep(data: Path, source_id: str, garder: str) -> str:
    ident = records(data)[source_id]["id"]
    replace_in(data / "structures.yml", f"  - id: {ident}\n", f"  - id: {ident}\n    garder: {garder}\n")
    return ident


def test_garder_as_a_single_word(data: Path):
    finess(data, FIRST)
    ident = _keep(data, "450099001", "telephone")
    assert errors_of(data) == []
    out = finess(data, SECOND, "2025-11-02")
    assert records(data)["450099001"]["telephone"] == "02 38 30 00 01"
    assert f"{ident} — telephone : vous gardez « 02 38 30 00 01 », la source indique « 02 38 30 00 99 »." in out


@pytest.mark.parametrize("garder", ["[latitude]", "[longitude]", "position", "[position, telephone]"])
def test_a_kept_position_is_kept_whole(data: Path, tmp_path: Path, garder: str):
    finess(data, FIRST)
    _keep(data, "450099001", garder)
    moved = tmp_path / "finess.csv"
    moved.write_bytes(FIRST.read_bytes().replace(b"geolocalisation;450099001;644478.8;6786067.0",
                                                 b"geolocalisation;450099001;645478.8;6787067.0"))
    before = records(data)["450099001"]
    out = finess(data, moved, "2025-11-02")
    after = records(data)["450099001"]
    assert (after["latitude"], after["longitude"]) == (before["latitude"], before["longitude"])
    assert "— latitude : vous gardez" in out and "— longitude : vous gardez" in out
    assert errors_of(data) == []


def test_a_position_not_kept_moves_whole(data: Path, tmp_path: Path):
    finess(data, FIRST)
    moved = tmp_path / "finess.csv"
    moved.write_bytes(FIRST.read_bytes().replace(b"geolocalisation;450099001;644478.8;6786067.0",
                                                 b"geolocalisation;450099001;645478.8;6787067.0"))
    before = records(data)["450099001"]
    finess(data, moved, "2025-11-02")
    after = records(data)["450099001"]
    assert after["latitude"] != before["latitude"] and after["longitude"] != before["longitude"]


@pytest.mark.parametrize(("garder", "expected"), [
    ("[telephon]", "« garder » nomme « telephon », qui n'est pas un champ d'une structure.\n"
                   "    → vouliez-vous dire « telephone » ?"),
    ("seniors.prix_journalie", "vouliez-vous dire « seniors.prix_journalier » ?"),
    ("[nom, positon]", "vouliez-vous dire « position » ?"),
    ("[id_source]", "« garder » nomme « id_source », qui n'est pas un champ d'une structure."),
])
def test_unknown_name_in_garder_is_a_located_error(data: Path, garder: str, expected: str):
    lines = (data / "structures.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  - id: msp-pithiviers") + 2  # the garder line, written just under the id
    replace_in(data / "structures.yml", "  - id: msp-pithiviers\n", f"  - id: msp-pithiviers\n    garder: {garder}\n")
    errors = errors_of(data)
    assert len(errors) == 1 and errors[0].startswith(f"data/structures.yml:{line} structures[1].garder[")
    assert expected in errors[0]


@pytest.mark.parametrize("garder", ["telephone", "[nom, telephone]", "position", "[latitude]", "seniors",
                                    "[seniors.prix_journalier, seniors.tarif_dependance_gir56]", "[]"])
def test_known_names_in_garder_validate(data: Path, garder: str):
    replace_in(data / "structures.yml", "  - id: msp-pithiviers\n", f"  - id: msp-pithiviers\n    garder: {garder}\n")
    assert errors_of(data) == []


def test_garder_seniors_keeps_the_whole_section(data: Path):
    finess(data, FIRST)
    ident = _keep(data, "450099002", "seniors")
    report = _import(data, [Imported("450099002", {"statut": "public", "prix_journalier": 70.0,
                                                   "tarifs_au": dt.date(2025, 7, 1)})], "cnsa",
                     key_of=lambda r: str(r["finess"]) if r.get("finess") else None, section="seniors",
                     add_new=False)
    assert "seniors" not in records(data)["450099002"] and not report.changed
    assert (f"{ident} — seniors.prix_journalier : vous gardez le champ vide, la source indique « 70 »."
            in report.conflicts)


# --- 5. Homonyms get two stable ids; a vanished record is flagged once, un-flagged once ------------------------

def test_homonyms_in_one_commune_get_two_stable_ids(data: Path, tmp_path: Path):
    here = {"latitude": 48.1731, "longitude": 2.2504}
    twins = [Imported("x-2", PITHIVIERS | here | {"telephone": "02 38 30 00 02"}),
             Imported("x-1", PITHIVIERS | here | {"telephone": "02 38 30 00 01"})]
    _import(data, twins)
    first = {k: (r["id"], r["telephone"]) for k, r in records(data).items() if k.startswith("x-")}
    assert first == {"x-1": ("maison-de-sante-du-faubourg-pithiviers", "02 38 30 00 01"),
                     "x-2": ("maison-de-sante-du-faubourg-pithiviers-2", "02 38 30 00 02")}
    other = tmp_path / "other"
    shutil.copytree(ROOT / "data", other)
    _import(other, list(reversed(twins)))  # the same file, rows in the other order: the same ids
    assert {k: (r["id"], r["telephone"]) for k, r in records(other).items() if k.startswith("x-")} == first
    load_model(data, data.parent, today=dt.date(2026, 12, 1))


def test_homonym_of_a_record_already_there_gets_its_own_id(data: Path):
    _import(data, [Imported("x-1", dict(PITHIVIERS))])
    report = _import(data, [Imported("x-1", dict(PITHIVIERS)), Imported("x-3", dict(PITHIVIERS))])
    assert report.added == ["+ maison-de-sante-du-faubourg-pithiviers-2 — Maison de santé du Faubourg (Pithiviers)"]
    assert records(data)["x-1"]["id"] == "maison-de-sante-du-faubourg-pithiviers"


def test_vanished_record_is_flagged_once_with_its_first_date(data: Path):
    finess(data, FIRST)
    finess(data, SECOND, "2025-11-02")
    before = (data / "structures.yml").read_bytes()
    out = finess(data, SECOND, "2025-12-03")
    assert records(data)["450099012"]["disparu_de_la_source"] == "2025-11-02"
    assert "Disparues" not in out and "Aucun changement" in out
    assert (data / "structures.yml").read_bytes() == before


def test_record_back_in_the_source_is_unflagged_once(data: Path):
    finess(data, FIRST)
    finess(data, SECOND, "2025-11-02")
    assert "De retour dans la source (1)" in finess(data, FIRST, "2025-12-01")
    out = finess(data, FIRST, "2025-12-02")
    assert "De retour" not in out and "Aucun changement" in out
    assert "disparu_de_la_source" not in records(data)["450099012"]


# --- No traceback when data/structures.yml itself is broken ----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("structures:\n  - id: a\n    nom: [x\n", "est illisible (erreur de syntaxe YAML ligne 4)"),
    ("structures:\n  - id: a\n    nom: x\n    nom: y\n", "est illisible (erreur de syntaxe YAML ligne 4)"),
    ("- id: a\n", "n'est pas une liste « structures: » de fiches"),
    ("structures:\n  - juste un texte\n", "n'est pas une liste « structures: » de fiches"),
])
def test_broken_structures_file_is_a_french_error(data: Path, text: str, expected: str):
    (data / "structures.yml").write_text(text, encoding="utf-8")
    for command in (["importer", "finess", str(FIRST)], ["geocoder", "--url", "http://127.0.0.1:9/geocodage"]):
        result = CliRunner().invoke(main, [*command, "--data", str(data)])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
        assert expected in result.output and "cls-site validate" in result.output
        assert "Rien n'a été écrit" in result.output
        assert (data / "structures.yml").read_text(encoding="utf-8") == text
