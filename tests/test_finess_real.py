"""FINESS on the real extract of the Ain (100 establishments): imported into a territory made by `cls-site nouveau`,
validated, and read as a visitor would read it — postcodes of the commune, no CEDEX or BP, names in good French,
every category mapped or reported. Then the JSON flow and the files the reader must refuse (issue 22)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.cli import main
from site_builder.importers.addresses import postcode, street_line
from site_builder.importers.finess import new_id, read_finess
from site_builder.importers.names import cased, choose_name, place_names
from site_builder.importers.source_errors import SourceFileError
from site_builder.importers.territory_towns import read_towns

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real" / "finess-ain-2020-cs1100507.csv"
JSON_FLOW = ROOT / "tests" / "fixtures" / "importers" / "finess-structures.json"
# The 46 communes of the file: the territory the real rows belong to.
COMMUNES = ("01004", "01005", "01007", "01014", "01021", "01022", "01024", "01025", "01031", "01032", "01033",
            "01034", "01043", "01049", "01053", "01071", "01072", "01074", "01079", "01093", "01108", "01109",
            "01138", "01142", "01143", "01148", "01157", "01159", "01160", "01173", "01185", "01244", "01249",
            "01262", "01264", "01266", "01283", "01289", "01303", "01305", "01306", "01360", "01420", "01427",
            "01433", "01451")
DAY = "2026-12-07"


@pytest.fixture(scope="module")
def territory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ain") / "cls-ain"
    result = CliRunner().invoke(main, ["nouveau", str(folder), "--communes", ",".join(COMMUNES), "--nom", "Essai Ain"],
                                input="")
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture
def data(territory: Path, tmp_path: Path) -> Path:
    """A fresh copy of the territory's data, so each test imports into an empty repertoire."""
    target = tmp_path / "data"
    shutil.copytree(territory / "data", target)
    return target


def run(data: Path, source: Path, *extra: str, day: str = DAY, code: int = 0) -> str:
    result = CliRunner().invoke(main, ["importer", "finess", str(source), "--data", str(data), "--date", day, *extra])
    assert result.exit_code == code, result.output
    return result.output


def records(data: Path) -> dict[str, dict]:
    loaded = yaml.load((data / "structures.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return {r["finess"]: r for r in loaded["structures"] if r.get("finess")}


def validate(data: Path) -> str:
    result = CliRunner().invoke(main, ["validate", "--data", str(data), "--contenu", str(data.parent / "content")])
    assert result.exit_code == 0, result.output
    return result.output


# --- The real file, end to end -------------------------------------------------------------------------------


def test_simulation_then_import_then_validate(data: Path):
    before = (data / "structures.yml").read_bytes()
    out = run(data, REAL, "--simuler")
    assert out.startswith("Fichier FINESS CSV, encodage Latin-1 (ISO-8859-1), extrait le 2020-12-31 : "
                          "93 établissement(s) dans les communes du territoire.")
    assert "Ajoutées (93)" in out and (data / "structures.yml").read_bytes() == before
    run(data, REAL)
    assert len(records(data)) == 93
    assert "93 structures" in validate(data)


def test_unmapped_categories_are_reported_with_label_and_count(data: Path):
    out = run(data, REAL, "--simuler")
    reported = [line.strip() for line in out.splitlines() if "hors correspondance" in line]
    assert [line.split(" — ")[0] for line in reported] == [
        "catégorie FINESS hors correspondance : 286 Club Equipe de Prévention (1 établissement(s))",
        "catégorie FINESS hors correspondance : 300 Ecoles Formant aux Professions Sanitaires (2 établissement(s))",
        "catégorie FINESS hors correspondance : 330 Ecoles Formant aux Professions Sociales (3 établissement(s))",
        "catégorie FINESS hors correspondance : 379 Etablissement Expérimental pour Adultes Handicapés "
        "(1 établissement(s))",
    ]


def test_every_category_of_the_file_lands_on_its_typology(data: Path):
    run(data, REAL)
    kinds = {number: r["typologie"] for number, r in records(data).items()}
    assert {kinds[n] for n in ("010000024", "010000032", "010000081")} == {"hopital"}  # 355 and 106
    assert (kinds["010000495"], kinds["010002251"]) == ("hopital-psychiatrique", "hopital-psychiatrique")  # 292
    assert (kinds["010002244"], kinds["010002236"], kinds["010002129"]) == ("cattp", "cmp", "smr")
    assert (kinds["010001733"], kinds["010002160"]) == ("laboratoire", "laboratoire")  # 610 and 611
    disability = {n: kinds[n] for n in ("010002038", "010003218", "010002319", "010001261", "010001741", "010002848",
                                        "010003069")}
    assert disability == {"010002038": "sessad", "010003218": "ime", "010002319": "iem", "010001261": "esat",
                          "010001741": "fam", "010002848": "samsah", "010003069": "savs"}
    assert (kinds["010002228"], kinds["010001360"], kinds["010002269"]) == ("ehpad", "residence-autonomie", "ssiad")


def test_postcodes_are_the_communes_and_no_box_reaches_an_address(data: Path):
    run(data, REAL)
    found = records(data)
    # Routing lines « 01606 TREVOUX CEDEX », « 01012 BOURG EN BRESSE CEDEX », « 01105 OYONNAX CEDEX »:
    assert found["010000065"]["code_postal"] == "01600"
    assert found["010000495"]["code_postal"] == "01000"
    assert found["010002038"]["code_postal"] == "01100"
    assert found["010000081"]["code_postal"] == "01170"
    for record in found.values():
        for key in ("adresse", "complement_adresse"):
            text = record.get(key, "")
            assert not any(word in text.upper().split() for word in ("CEDEX", "BP", "CS", "TSA")), (key, text)
    assert found["010000032"]["adresse"] == "700 avenue de Narvik"  # « BP 139 » dropped
    assert "complement_adresse" not in found["010000032"]


def test_addresses_read_as_a_visitor_writes_them(data: Path):
    run(data, REAL)
    found = records(data)
    shown = {n: (found[n]["adresse"], found[n].get("complement_adresse", "")) for n in (
        "010000024", "010003507", "010003317", "010002244", "010002251", "010001246", "010001261", "010002160",
        "010000065", "010000107", "010002400", "010003754")}
    assert shown == {
        "010000024": ("900 route de Paris", ""),
        "010003507": ("100 Grande Rue", ""),                      # typvoie GR, no street name
        "010003317": ("Résidence de Cessy", ""),                  # RES
        "010002244": ("3 & 5 boulevard Jules Ferry", ""),         # compldistrib repeats the street with its numbers
        "010002251": ("289 A avenue Dubanchet", ""),              # no street: compldistrib is the address
        "010001246": ("100 rue de la Mairie", "Le Bourg"),        # compldistrib kept as the complement
        "010001261": ("Les Brosses", ""),                         # a lieu-dit and nothing else
        "010002160": ("Route de Mâcon", "Les Luyers"),            # lieu-dit (not a box) as the complement
        "010000065": ("14 rue de l'Hôpital", ""),                 # « BP 615 » dropped, accent restored
        "010000107": ("Chemin des Nivres", ""),
        "010002400": ("112 Grand Rue", ""),                       # written by a person: left as it is
        "010003754": ("Zone Artisanale de la Poterie", ""),
    }


def test_the_ehpad_010002228_as_a_visitor_reads_it(data: Path):
    out = run(data, REAL)
    assert "010002228 : habilité" not in out  # its libmft says « non habilité aide sociale »
    ehpad = records(data)["010002228"]
    assert {k: ehpad.get(k) for k in ("id", "nom", "typologie", "adresse", "code_postal", "code_insee", "commune",
                                      "telephone", "siret", "date_maj")} == {
        "id": "ehpad-l-ambarroise-amberieu-amberieu-en-bugey", "nom": "EHPAD l'Ambarroise Amberieu",
        "typologie": "ehpad", "adresse": "58 avenue Paul Painlevé", "code_postal": "01500", "code_insee": "01004",
        "commune": "Ambérieu-en-Bugey", "telephone": "04 74 46 11 11", "siret": "49085207600010",
        "date_maj": "2020-08-04"}
    assert (float(ehpad["latitude"]), float(ehpad["longitude"])) == pytest.approx((45.95762, 5.34158), abs=1e-5)
    # « non habilité aide sociale » is not « habilité », and FINESS gives no status: no senior section invented.
    assert "seniors" not in ehpad


def test_disability_records_get_their_publics_and_ids_are_whole(data: Path):
    run(data, REAL)
    found = records(data)
    assert found["010003218"]["publics"] == ["enfants", "personnes-handicap"]
    assert found["010001261"]["publics"] == ["adultes", "personnes-handicap"]
    assert "publics" not in found["010003036"]  # a pharmacy serves everyone: nothing said
    units = [found[n]["id"] for n in ("010000180", "010000198", "010000214")]
    assert units == ["centre-hospitalier-public-de-hauteville-unite-esperance-plateau-d-hauteville",
                     "centre-hospitalier-public-de-hauteville-unite-interdept-plateau-d-hauteville",
                     "centre-hospitalier-public-de-hauteville-unite-albarine-plateau-d-hauteville"]
    assert not any(r["id"].endswith(("-2", "-3")) for r in found.values())


def test_ids_and_coordinator_fields_survive_a_re_import(data: Path):
    run(data, REAL)
    ids = {n: r["id"] for n, r in records(data).items()}
    path = data / "structures.yml"
    before, after = path.read_text(encoding="utf-8").split(f"  - id: {ids['010003218']}\n", 1)
    after = after.replace('    publics: ["enfants", "personnes-handicap"]\n', "    publics: [enfants]\n", 1)
    path.write_text(f"{before}  - id: {ids['010003218']}\n{after}", encoding="utf-8")
    out = run(data, REAL, day="2026-12-08")
    assert "Aucun changement" in out
    assert {n: r["id"] for n, r in records(data).items()} == ids
    assert records(data)["010003218"]["publics"] == ["enfants"]  # the coordinator's publics are theirs


def test_a_missing_position_row_keeps_the_position_in_the_file(data: Path, tmp_path: Path):
    run(data, REAL)
    path = data / "structures.yml"
    text = path.read_text(encoding="utf-8").replace("    latitude: 46.22274\n", "    latitude: 46.2228\n", 1)
    path.write_text(text, encoding="utf-8")
    lines = REAL.read_bytes().split(b"\n")
    cut = tmp_path / "sans-position.csv"
    cut.write_bytes(b"\n".join(line for line in lines if not line.startswith(b"geolocalisation;010000024;")))
    out = run(data, cut, day="2026-12-08")
    assert "Aucun changement" in out  # the position the coordinator corrected stays
    assert records(data)["010000024"]["latitude"] == "46.2228"


def test_a_new_record_without_position_gets_its_commune_centre_said_in_the_report(data: Path, tmp_path: Path):
    lines = REAL.read_bytes().split(b"\n")
    cut = tmp_path / "sans-position.csv"
    cut.write_bytes(b"\n".join(line for line in lines if not line.startswith(b"geolocalisation;010000024;")))
    out = run(data, cut)
    assert ("010000024 : pas de position dans le fichier, centre de Viriat en attendant (lancez « cls-site "
            "geocoder »).") in out
    viriat = read_towns(data)["01451"]
    assert (float(records(data)["010000024"]["latitude"]), float(records(data)["010000024"]["longitude"])) == (
        viriat.latitude, viriat.longitude)


def test_impossible_coordinates_are_refused_and_reported(data: Path, tmp_path: Path):
    text = REAL.read_bytes().replace(b"geolocalisation;010000024;870215.7;6571590.5;",
                                     b"geolocalisation;010000024;nan;6571590.5;")
    text = text.replace(b"geolocalisation;010000032;908351.7;6520414.1;",
                        b"geolocalisation;010000032;-8239000.0;4970000.0;")  # New York, in metres
    bad = tmp_path / "coordonnees.csv"
    bad.write_bytes(text)
    skipped: list[str] = []
    found = {i.id_source: i.fields for i in read_finess(bad, read_towns(data), skipped).imported}
    assert "latitude" not in found["010000024"] and "latitude" not in found["010000032"]
    assert sum("coordonnées impossibles pour sa commune" in line for line in skipped) == 2


def test_a_senior_section_is_updated_key_by_key(data: Path, tmp_path: Path):
    run(data, REAL)
    path = data / "structures.yml"
    text = path.read_text(encoding="utf-8")
    ident = records(data)["010001360"]["id"]
    text = text.replace(f"  - id: {ident}\n", f"  - id: {ident}\n    seniors:\n      statut: prive-commercial\n"
                        "      prix_mensuel: 690\n", 1)
    path.write_text(text, encoding="utf-8")
    changed = tmp_path / "statut.csv"
    row = next(line for line in REAL.read_bytes().split(b"\n") if line.startswith(b"structureet;010001360;"))
    cells = row.split(b";")
    cells[25], cells[27] = "Tarif libre, habilité aide sociale".encode("latin-1"), b"Etab. public"
    changed.write_bytes(REAL.read_bytes().replace(row, b";".join(cells)))
    out = run(data, changed, day="2026-12-08")
    assert f"~ {ident} — seniors.statut : « prive-commercial » → « public »" in out
    seniors = records(data)["010001360"]["seniors"]
    assert seniors == {"statut": "public", "prix_mensuel": "690", "aide_sociale": "oui"}  # the price stays


def test_siret_reaches_the_data_inclusion_export(data: Path):
    import datetime as dt
    import json

    from site_builder.inclusion_export import structures_json
    from site_builder.validate import load_model

    run(data, REAL)
    model = load_model(data, data.parent, today=dt.date(2026, 12, 7))
    exported = {r["nom"]: r for r in json.loads(structures_json(model))}
    assert exported["EHPAD l'Ambarroise Amberieu"]["siret"] == "49085207600010"
    schema = pytest.importorskip("data_inclusion.schema.v1")
    schema.Structure.model_validate(exported["EHPAD l'Ambarroise Amberieu"], strict=False)
    assert "siret" not in exported["Résidence la Fruitière"]  # FINESS gives none: no empty key


@pytest.mark.parametrize(("siret", "valid"), [("49085207600010", True), ("4908520760001", False),
                                             ("490852076000100", False), ("4908520760001A", False)])
def test_siret_is_fourteen_digits(tmp_path: Path, siret: str, valid: bool):
    from helpers import errors_of, replace_in

    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    replace_in(target / "structures.yml", "  - id: msp-pithiviers\n", f'  - id: msp-pithiviers\n    siret: "{siret}"\n')
    found = [e for e in errors_of(target) if "SIRET" in e]
    assert (not found) if valid else any(f"numéro SIRET invalide : « {siret} »" in e for e in found), found


def test_readme_shows_the_report_of_the_real_file(data: Path):
    out = run(data, REAL, "--simuler")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ .venv/bin/cls-site importer finess finess-ain-2020-cs1100507.csv --simuler\n", 1)[1]
    assert shown.split("```", 1)[0] == out


# --- Names ------------------------------------------------------------------------------------------------------

AIN = place_names(("01",))
NAMES = [  # real names of the file (rs or rslongue) → as written on the site
    ("CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT", "Centre hospitalier de Bourg-en-Bresse Fleyriat"),
    ("CENTRE HOSPITALIER HAUT BUGEY", "Centre hospitalier Haut Bugey"),
    ("CENTRE HOSPITALIER DE TREVOUX - MONTPENSIER", "Centre hospitalier de Trévoux - Montpensier"),
    ("CENTRE HOSPITALIER DU PAYS DE GEX", "Centre hospitalier du Pays de Gex"),
    ("CENTRE HOSPITALIER DE PONT DE VAUX", "Centre hospitalier de Pont-de-Vaux"),
    ("CH INTERCOMMUNAL AIN VAL DE SAONE - PONT DE VEYLE", "CH intercommunal Ain Val de Saône - Pont-de-Veyle"),
    ("CHI AIN VAL DE SAONE - THOISSEY", "CHI Ain Val de Saône - Thoissey"),
    ("CENTRE HOSPITALIER PUBLIC DE HAUTEVILLE - UNITE ESPERANCE",
     "Centre hospitalier public de Hauteville - Unité Espérance"),
    ("CH PUBLIC HAUTEVILLE - UNITE ALBARINE", "CH public Hauteville - Unité Albarine"),
    ("CENTRE PSYCHOTHERAPIQUE DE L'AIN", "Centre psychothérapique de l'Ain"),
    ("MARPA DE BAGE-LA-VILLE", "MARPA de Bage-la-Ville"),
    ("MARPA ANNEXE DE LA MARPA DE MANZIAT", "MARPA annexe de la MARPA de Manziat"),
    ("ESAT LES BROSSES", "ESAT les Brosses"),
    ("SERVICE DE PREVENTION SPECIALISEE", "Service de prévention spécialisée"),
    ("MARPA LA VALETTE", "MARPA la Valette"),
    ("SERVICE  DE SOINS INFIRMIERS A DOMICILE DE PONT DE VEYLE", "Service de soins infirmiers à domicile de "
     "Pont-de-Veyle"),
    ("SSIAD DU CHAVS - PONT DE VEYLE", "SSIAD du CHAVS - Pont-de-Veyle"),
    ("LBM CROIX BLANCHE BOURG EN B", "LBM Croix Blanche Bourg en B"),
    ("FAM PRE LA TOUR", "FAM Pré la Tour"),
    ("S.S.I.S. ADAPEI", "SSIS ADAPEI"),
    ("SESSAD BELLEVUE LES ESSENTIELS", "SESSAD Bellevue les Essentiels"),
    ("CLINIQUE DE READAPTATION LES ARBELLES", "Clinique de réadaptation les Arbelles"),
    ("LBM NOVELAB MONTREVEL EN BRESSE", "LBM Novelab Montrevel-en-Bresse"),
    ("EHPAD L'AMBARROISE AMBERIEU", "EHPAD l'Ambarroise Amberieu"),
    ("CMP ENFANTS-ADO BOURG-EN-BRESSE", "CMP enfants-ado Bourg-en-Bresse"),
    ("CATTP AGORA", "CATTP Agora"),
    ("HDJ ADULTES CHATILLON", "HDJ adultes Chatillon"),
    ("SERVICE DE SOINS INFIRMIERS A DOMICILE MIRIBEL", "Service de soins infirmiers à domicile Miribel"),
    ("PHARMACIE DU CHAMP DE MARS", "Pharmacie du Champ de Mars"),
    ("PHARMACIE VOLLENWEIDER", "Pharmacie Vollenweider"),
    ("INSTITUT EDUCATION MOTRICE HANDAS", "Institut éducation motrice Handas"),
    ("SELARL PHARMACIE VINOIS", "SELARL pharmacie Vinois"),
    ("SARL GABRIELLE GROSS", "SARL Gabrielle Gross"),
    ("I.R.E.I.S DE L'AIN", "IREIS de l'Ain"),
    ("PHARMACIE D'ARS ET DOMBES", "Pharmacie d'Ars et Dombes"),
    ("PHARMACIE D'ATTIGNAT", "Pharmacie d'Attignat"),
    ("PHARMACIE DE BELIGNEUX", "Pharmacie de Béligneux"),
    ("GRANDE PHARMACIE DE BELLEGARDE", "Grande pharmacie de Bellegarde"),
    ("PHARMACIE DE LA VALSERINE", "Pharmacie de la Valserine"),
    ("PHARMACIE  CAVAGNA", "Pharmacie Cavagna"),
    ("GRETA DE L'AIN", "GRETA de l'Ain"),
    ("D2L - PHARMACIE BELLEYSANNE", "D2L - Pharmacie Belleysanne"),
    ("PHARMACIE AFRESNE - GENTHIAL", "Pharmacie Afresne - Genthial"),
    ("SAMSAH CTRE RESSOURCES LESES CEREBRAUX", "SAMSAH Centre ressources lésés cérébraux"),
    ("PHARMACIE DE LA PREFECTURE", "Pharmacie de la Préfecture"),
    ("PHARMACIE DE LA CROIX BLANCHE", "Pharmacie de la Croix Blanche"),
    ("PHARMACIE LA REYSSOUZE", "Pharmacie la Reyssouze"),
    ("SAVS VIVRE EN VILLE 01 BOURG-EN BRESSE", "SAVS Vivre en Ville 01 Bourg-en-Bresse"),
    ("SERVICE D'ACCUEIL DE JOUR EMILE BRUN", "Service d'accueil de jour Émile Brun"),
    ("RESIDENCE LA FRUITIERE", "Résidence la Fruitière"),
    ("IME HENRI LAFAY", "IME Henri Lafay"),
    ("PHARMACIE DE CEYZERIAT", "Pharmacie de Ceyzériat"),
    ("RESIDENCE DALLEX ALLOMBERT", "Résidence Dallex Allombert"),
    ("PHARMACIE OLIVA-SEVAIN", "Pharmacie Oliva-Sevain"),
    ("PHIE LUGINBUHL-BERNADAC & ASSOCIES", "Pharmacie Luginbuhl-Bernadac & associés"),
    ("ECOLE SANITAIRE DU CH FLEYRIAT", "École sanitaire du CH Fleyriat"),
    ("EURL PHARMACIE XAVIER GUYOT", "EURL pharmacie Xavier Guyot"),
    ("IFAS CH DU HAUT BUGEY", "IFAS CH du Haut Bugey"),
    ("PHARMACIE CENTRALE", "Pharmacie centrale"),
    ("SIAAM01 - SAFEP - SAAAIS", "SIAAM01 - SAFEP - SAAAIS"),
    ("MAISON FAMILIALE RURALE DE LA DOMBES", "Maison familiale rurale de la Dombes"),
    ("INST. REG ET EUROPEEN DES METIERS DE L'INTERVENTION SOCIALE",
     "Inst. Reg et européen des métiers de l'intervention sociale"),
    ("GRETA DE L'AIN", "GRETA de l'Ain"),
    ("PLATEAU D HAUTEVILLE", "Plateau d'Hauteville"),
    ("E.H.P.A.D. EDMAR LAMA", "EHPAD Edmar Lama"),  # the name quoted in issue 21 (Cayenne)
    ("Pharmacie Bedoy", "Pharmacie Bedoy"),  # written by a person: left alone
]


@pytest.mark.parametrize(("raw", "expected"), NAMES)
def test_names_in_good_french(raw: str, expected: str):
    assert cased(raw, places=AIN) == expected


def test_the_name_table_has_sixty_real_names():
    assert len({raw for raw, _ in NAMES}) >= 60


@pytest.mark.parametrize(("raw", "expected"), [
    ("DE L'HOPITAL", "de l'Hôpital"), ("DE L HOPITAL", "de l'Hôpital"), ("DE LA REPUBLIQUE", "de la République"),
    ("MARC PANISSOD", "Marc Panissod"), ("DU DOCTEUR BOYER", "du Docteur Boyer"), ("GRANDE RUE", "Grande Rue"),
    ("DE LA MAIRIE", "de la Mairie"), ("Jean Marie Vianney", "Jean Marie Vianney"),
])
def test_street_names_keep_their_capitals(raw: str, expected: str):
    assert cased(raw, start=False, common=False, places=AIN) == expected


@pytest.mark.parametrize(("short", "long", "chosen"), [
    ("CH DE FLEYRIAT", "CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT", "long"),
    ("CH DU PAYS DE GEX", "CENTRE HOSPITALIER DU PAYS DE GEX", "long"),
    ("CHI AIN VAL DE SAONE - THOISSEY", "CH INTERCOMMUNAL AIN VAL DE SAONE - THOISSEY", "long"),
    ("SSIAD MIRIBEL", "SERVICE DE SOINS INFIRMIERS A DOMICILE MIRIBEL", "long"),
    ("LBM CROIX BLANCHE BOURG EN B", "LBM CROIX BLANCHE BOURG EN BRESSE", "long"),
    ("CATTP AGORA", "CATTP ADULTES", "short"),                      # « Agora » is only in the short name
    ("MARPA DE BAGE-LA-VILLE", "MARPA ANNEXE DE LA MARPA DE MANZIAT", "short"),
    ("SSIAD DU CHAVS - PONT DE VEYLE", "SERVICE  DE SOINS INFIRMIERS A DOMICILE DE PONT DE VEYLE", "short"),
    ("E.H.P.A.D. EDMAR LAMA", "E.H.P.A.D. DU CENTRE HOSPITALIER DE CAYENNE", "short"),
    ("IME HENRI LAFAY", "", "short"),
    ("", "CENTRE HOSPITALIER HAUT BUGEY", "long"),
])
def test_short_or_long_name(short: str, long: str, chosen: str):
    assert choose_name(short, long) == " ".join((short if chosen == "short" else long).split())


# --- Addresses and ids --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("routing", "codes", "expected"), [
    ("01606 TREVOUX CEDEX", ("01600",), "01600"),
    ("13008 MARSEILLE", ("13001", "13008"), "13008"),                # several postcodes: the one the line names
    ("13295 MARSEILLE CEDEX 08", ("13001", "13008"), "13001"),       # a CEDEX code: the commune's main one
    ("13099 MARSEILLE", ("13001", "13008"), "13001"),                # not the commune's: the main one
    ("", ("01440",), "01440"),
])
def test_postcode_of_the_commune(routing: str, codes: tuple[str, ...], expected: str):
    assert postcode(routing, codes) == expected


@pytest.mark.parametrize(("number", "kind", "name", "expected"), [
    ("900", "RTE", "DE PARIS", "900 route de Paris"), ("12", "GR", "", "12 Grande Rue"),
    ("", "RES", "DE CESSY", "Résidence de Cessy"), ("", "LD", "LES ORMES", "Lieu-dit les Ormes"),
    ("4", "IMP", "DES LILAS", "4 impasse des Lilas"), ("", "HAM", "DE CHAMPAGNE", "Hameau de Champagne"),
    ("2", "ALL", "DES TILLEULS", "2 allée des Tilleuls"), ("1", "QUA", "DU LAC", "1 quartier du Lac"),
    ("", "ZI", "NORD", "Zone industrielle Nord"), ("3", "PROM", "DU LAC", "3 promenade du Lac"),
    ("5", "FG", "SAINT-JEAN", "5 faubourg Saint-Jean"), ("7", "RPT", "DE L'EUROPE", "7 rond-point de l'Europe"),
])
def test_street_types_are_expanded(number: str, kind: str, name: str, expected: str):
    assert street_line(number, "", kind, name, AIN) == expected


def test_a_taken_id_gets_the_finess_number_not_a_counter():
    fields = {"nom": "Pharmacie du Centre", "commune": "Gex"}
    assert new_id(fields, "010003770", set()) == "pharmacie-du-centre-gex"
    assert new_id(fields, "010003770", {"pharmacie-du-centre-gex"}) == "pharmacie-du-centre-gex-010003770"


# --- The JSON flow ------------------------------------------------------------------------------------------------


def test_the_json_flow_is_detected_and_read(data: Path):
    skipped: list[str] = []
    found = read_finess(JSON_FLOW, read_towns(data), skipped)
    assert (found.layout, found.encoding) == ("JSON (flux « structures »)", "UTF-8")
    fields = {i.id_source: i.fields for i in found.imported}
    hospital = fields["010000024"]
    assert (hospital["nom"], hospital["adresse"], hospital["complement_adresse"], hospital["code_postal"]) == (
        "Centre hospitalier de Bourg-en-Bresse Fleyriat", "900 route de Paris", "", "01440")
    assert (hospital["siret"], hospital["telephone"], str(hospital["date_maj"])) == (
        "26010004500012", "04 74 45 46 47", "2026-11-30")
    # WGS84 in the right order, WGS84 swapped, Lambert-93 swapped: the same places, told apart by magnitude.
    assert (hospital["latitude"], hospital["longitude"]) == pytest.approx((46.22274, 5.2086), abs=1e-5)
    assert (fields["010002228"]["latitude"], fields["010002228"]["longitude"]) == pytest.approx((45.95762, 5.34158))
    assert (fields["010003036"]["latitude"], fields["010003036"]["longitude"]) == pytest.approx((46.20944, 5.23343),
                                                                                               abs=1e-4)
    assert "latitude" not in fields["010003333"]  # New York is refused
    assert "010003333 : coordonnées impossibles pour sa commune, refusées." in skipped
    assert any(line.startswith("010002228 : habilité à l'aide sociale selon FINESS, mais sans statut")
               for line in skipped)


def test_the_json_flow_imports_and_validates(data: Path):
    out = run(data, JSON_FLOW)
    assert "Ajoutées (4)" in out
    validate(data)


# --- Files the reader refuses (issue 22) --------------------------------------------------------------------------


def refused(data: Path, path: Path, content: bytes) -> str:
    path.write_bytes(content)
    before = (data / "structures.yml").read_bytes()
    result = CliRunner().invoke(main, ["importer", "finess", str(path), "--data", str(data)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and (data / "structures.yml").read_bytes() == before
    return result.output


def test_unreadable_files_are_refused_in_french(data: Path, tmp_path: Path):
    real = REAL.read_bytes()
    assert "est vide" in refused(data, tmp_path / "vide.csv", b"")
    assert "séparé par des virgules" in refused(data, tmp_path / "virgules.csv", real.replace(b";", b","))
    assert "n'est pas un fichier texte" in refused(data, tmp_path / "x.csv", b"PK\x03\x04\x00\x00" + bytes(200))
    assert "est incomplet" in refused(data, tmp_path / "coupe.csv", real[:real.index(b"structureet;010000495") + 60])
    assert "est incomplet" in refused(data, tmp_path / "fin.csv", real[:real.index(b"geolocalisation;010000065") + 30])
    no_rows = b"\n".join(line for line in real.split(b"\n") if not line.startswith(b"structureet"))
    assert "aucune ligne « structureet »" in refused(data, tmp_path / "sans.csv", no_rows)
    assert "n'est pas un JSON lisible (erreur ligne" in refused(data, tmp_path / "coupe.json",
                                                                 JSON_FLOW.read_bytes()[:500])
    assert "une liste sans clé" in refused(data, tmp_path / "liste.json", b"[1, 2]")
    assert "clé « pmej »" in refused(data, tmp_path / "autre.json", b'{"data": []}')
    # a UTF-8 BOM before Latin-1 bytes (found by the importer fuzz): refused, not a decoding traceback
    assert "encodage mélangé" in refused(data, tmp_path / "melange.csv", b"\xef\xbb\xbf" + real)


def test_a_row_with_missing_fields_is_reported_not_a_traceback(data: Path, tmp_path: Path):
    real = REAL.read_bytes()
    row = next(line for line in real.split(b"\n") if line.startswith(b"structureet;010002285;"))
    short = tmp_path / "court.csv"
    short.write_bytes(real.replace(row, b";".join(row.split(b";")[:12])))
    out = run(data, short, "--simuler")
    assert "(n° 010002285) : 12 champs au lieu de 32, ligne ignorée." in out
    assert "92 établissement(s)" in out


def test_a_utf8_file_is_read_as_utf8(data: Path, tmp_path: Path):
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes(REAL.read_bytes().decode("latin-1").encode("utf-8"))
    out = run(data, utf8, "--simuler")
    assert "encodage UTF-8," in out and "Ã" not in out
    assert "+ centre-psychotherapique-de-l-ain-bourg-en-bresse — Centre psychothérapique de l'Ain" in out
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + utf8.read_bytes())
    assert "encodage UTF-8 avec BOM" in run(data, bom, "--simuler")


# --- Fuzz: whatever the file holds, a French refusal or a result, never a traceback -------------------------------

KEYS = ("pmej", "ege", "informationsGeneralesEGE", "numFinessEge", "nomEgeCourt", "nomEgeLong", "adresse",
        "cogCommune", "numeroVoie", "typeVoie", "libelleVoie", "lieuDit", "ligneAcheminement",
        "coordonneesGeographique", "coordonneeX", "coordonneeY", "contact", "telecom", "telephone",
        "categorieEntiteGeographiqueExercice", "code", "siret", "dateDerniereMaj", "dateEvenement",
        "modeFixationTarifaire", "libelle")
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.sampled_from(["620", "01053", "500", "1e308"])
           | st.text(max_size=12))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5), max_leaves=25)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(territory: Path, content: bytes) -> None:
    """Read `content` as a FINESS file: a result or a SourceFileError, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "finess.bin"
        path.write_bytes(content)
        try:
            found = read_finess(path, read_towns(territory / "data"), [])
        except SourceFileError as error:
            assert "Rien n'a été écrit" in str(error)
            return
        for item in found.imported:
            assert item.fields["code_postal"].isdigit() and item.fields["typologie"]


@FUZZ
@given(ege=st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8), cog=st.sampled_from(["01053", "01004", "x"]))
def test_fuzz_json_flow(territory: Path, ege: dict, cog: str):
    ege.setdefault("categorieEntiteGeographiqueExercice", {"code": "620"})
    ege.setdefault("informationsGeneralesEGE", {"numFinessEge": "010009999"})
    ege.setdefault("adresse", [{"cogCommune": cog}])
    read_or_refuse(territory, json.dumps({"pmej": [{"ege": [ege]}]}).encode())


@FUZZ
@given(cell=st.integers(min_value=1, max_value=31), value=st.text(max_size=30), cut=st.integers(0, 400))
def test_fuzz_csv_rows(territory: Path, cell: int, value: str, cut: int):
    real = REAL.read_bytes()
    row = next(line for line in real.split(b"\n") if line.startswith(b"structureet;010002228;"))
    cells = row.split(b";")
    cells[cell] = value.encode("utf-8", "replace")
    read_or_refuse(territory, real.replace(row, b";".join(cells)))
    read_or_refuse(territory, real[:len(real) - cut])


@FUZZ
@given(content=st.binary(max_size=300))
def test_fuzz_any_bytes(territory: Path, content: bytes):
    read_or_refuse(territory, content)


def test_ssiad_and_saad_are_not_swapped(data: Path, tmp_path: Path):
    """The file has SSIAD (354) but no SAAD (460): the real SSIAD row, copied as a SAAD, must land on « saad »
    (issue 22: the two categories swapped survived every test)."""
    lines = REAL.read_bytes().split(b"\n")
    ssiad = next(line for line in lines if line.startswith(b"structureet;010002269;"))
    position = next(line for line in lines if line.startswith(b"geolocalisation;010002269;"))
    saad = (ssiad.replace(b"010002269", b"010009999").replace(b";354;Service de Soins Infirmiers A Domicile "
            b"(S.S.I.A.D);", b";460;Service d'Aide et d'Accompagnement \xe0 Domicile (S.A.A.D);"))
    assert saad != ssiad.replace(b"010002269", b"010009999")
    source = tmp_path / "finess.csv"
    source.write_bytes(b"\n".join([lines[0], ssiad, saad, position, position.replace(b"010002269", b"010009999")])
                       + b"\n")
    run(data, source)
    kinds = {number: r["typologie"] for number, r in records(data).items()}
    assert kinds == {"010002269": "ssiad", "010009999": "saad"}
