"""`cls-site geocoder` against a local server replaying recorded Géoplateforme answers (no network)."""

from __future__ import annotations

import csv
import io
import shutil
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.importers.geocoder import GeocodeReport, _place

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "importers"


class Replay(BaseHTTPRequestHandler):
    """POST /geocodage/search/csv: answers each address of the uploaded file from the recorded answers."""

    requests: list[dict[str, list[str]]] = []
    answers: dict[tuple[str, str], dict[str, str]] = {}  # (adresse, code_insee) → answer; else the recorded file

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body)
        fields: dict[str, list[str]] = {}
        upload = ""
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if name == "data":
                upload = part.get_payload(decode=True).decode("utf-8")
            else:
                fields.setdefault(name, []).append(part.get_content().strip())
        rows = list(csv.DictReader(io.StringIO(upload)))
        Replay.requests.append(fields | {"path": [self.path], "adresses": [row["adresse"] for row in rows]})
        recorded = Replay.answers or {(r["adresse"], r["code_insee"]): r for r in csv.DictReader(
            (FIXTURES / "geocodage-reponses.csv").open(encoding="utf-8"))}
        out = io.StringIO()
        writer = csv.DictWriter(out, ["adresse", "code_postal", "code_insee", *fields["result_columns"]])
        writer.writeheader()
        for row in rows:
            answer = recorded.get((row["adresse"], row["code_insee"]), {})
            writer.writerow(row | {k: answer.get(k, "") for k in fields["result_columns"]})
        payload = out.getvalue().encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/csv; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    Replay.requests, Replay.answers = [], {}
    httpd = HTTPServer(("127.0.0.1", 0), Replay)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/geocodage"
    httpd.shutdown()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's data after a FINESS and an Annuaire import (new records without a position), made once."""
    target = tmp_path_factory.mktemp("imported") / "data"
    shutil.copytree(ROOT / "data", target)
    for source, name in (("finess", "finess-1.csv"), ("annuaire", "annuaire.json")):
        result = CliRunner().invoke(main, ["importer", source, str(FIXTURES / name), "--data", str(target)])
        assert result.exit_code == 0, result.output
    return target


@pytest.fixture
def data(imported: Path, tmp_path: Path) -> Path:
    """A copy of `imported` of the test's own."""
    return Path(shutil.copytree(imported, tmp_path / "data"))


def positions(data: Path) -> dict[str, tuple[str, str]]:
    records = yaml.load((data / "structures.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["structures"]
    return {r.get("id_source", r["id"]): (r["latitude"], r["longitude"]) for r in records}


def run(data: Path, url: str, *extra: str) -> str:
    result = CliRunner().invoke(main, ["geocoder", "--data", str(data), "--url", url, *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_places_records_at_their_commune_centre_and_caches_every_answer(data: Path, server: str):
    unplaced = (data / "structures.yml").read_text(encoding="utf-8")
    out = run(data, server)
    assert len(Replay.requests) == 1
    request = Replay.requests[0]
    assert request["path"] == ["/geocodage/search/csv"]
    assert request["columns"] == ["adresse"] and request["citycode"] == ["code_insee"]
    assert request["postcode"] == ["code_postal"]
    assert positions(data)["450099014"] == ("48.073812", "2.428934")   # house number, good score: placed
    assert positions(data)["8f1c2a3e-0007"] == ("48.071544", "2.431877")  # a street: placed, for review
    assert "Positionnées (1)" in out and "À vérifier (score faible ou pas un numéro) (1)" in out
    assert "type « street »" in out
    cache = (data / "geocodage.csv").read_text(encoding="utf-8")
    assert "15 rue du Faubourg,45340,45030,48.073812,2.428934" in cache
    # The same addresses again: the service is not asked, the answers come from the committed cache.
    (data / "structures.yml").write_text(unplaced, encoding="utf-8")
    Replay.requests = []
    out = run(data, server)
    assert Replay.requests == [] and "0 adresse(s) demandée(s)" in out
    assert positions(data)["450099014"] == ("48.073812", "2.428934")


def test_simulation_writes_nothing(data: Path, server: str):
    before = (data / "structures.yml").read_bytes()
    out = run(data, server, "--simuler")
    assert "Simulation" in out and (data / "structures.yml").read_bytes() == before
    assert not (data / "geocodage.csv").exists()


def test_unreachable_service_is_a_clear_error(data: Path):
    result = CliRunner().invoke(main, ["geocoder", "--data", str(data), "--url", "http://127.0.0.1:9/geocodage"])
    assert result.exit_code == 1 and "ne répond pas" in result.output


@pytest.mark.parametrize(("answer", "placed"), [
    ({"latitude": "48.1", "longitude": "2.2", "result_score": "0.95", "result_type": "municipality"}, False),
    ({"latitude": "48.1", "longitude": "2.2", "result_score": "0.49", "result_type": "housenumber"}, False),
    ({"latitude": "48.1", "longitude": "2.2", "result_score": "0.50", "result_type": "housenumber"}, True),
    (None, False),
])
def test_poor_answers_are_not_used(answer: dict | None, placed: bool):
    record = {"id": "x", "adresse": "1 rue A", "latitude": 1.0, "longitude": 1.0}
    report = GeocodeReport()
    _place(record, answer, report)
    assert (record["latitude"] == 48.1) is placed
    assert bool(report.unplaced) is not placed


# --- Issue 22: records the coordinator keeps, examples, garbage answers, impossible places, deadlines -----------

def structures_text(data: Path) -> str:
    return (data / "structures.yml").read_text(encoding="utf-8")


def add_to_record(data: Path, source_id: str, lines: str) -> None:
    """Insert `lines` in the record whose id_source is `source_id`."""
    text = structures_text(data)
    ident = next(r["id"] for r in yaml.load(text, Loader=yaml.BaseLoader)["structures"]
                 if r.get("id_source") == source_id)
    (data / "structures.yml").write_text(text.replace(f"  - id: {ident}\n", f"  - id: {ident}\n{lines}", 1),
                                         encoding="utf-8")


@pytest.mark.parametrize("lines", ["    garder: position\n", "    garder: [latitude]\n", "    garder: longitude\n",
                                   "    exemple: oui\n"])
def test_kept_positions_and_examples_are_left_alone(data: Path, server: str, lines: str):
    add_to_record(data, "450099014", lines)
    before = positions(data)["450099014"]
    out = run(data, server)
    assert [r["adresses"] for r in Replay.requests] == [["3 rue de la Mairie"]]  # only the other record is asked
    assert positions(data)["450099014"] == before and "15 rue du Faubourg" not in out
    assert positions(data)["8f1c2a3e-0007"] == ("48.071544", "2.431877")


def test_example_records_are_never_asked(data: Path, server: str):
    run(data, server)
    asked = sorted(a for r in Replay.requests for a in r["adresses"])
    assert asked == ["15 rue du Faubourg", "3 rue de la Mairie"]  # the 69 examples of data/ are not sent


HOMONYMS = """  - id: cabinet-gare-pithiviers
    nom: "Cabinet infirmier de la gare"
    typologie: cabinet-infirmier
    adresse: "1 rue de la Gare"
    code_postal: "45300"
    code_insee: "45252"
    commune: "Pithiviers"
    latitude: 48.1719
    longitude: 2.2519
    date_maj: 2025-10-01
  - id: cabinet-gare-puiseaux
    nom: "Cabinet infirmier de la gare"
    typologie: cabinet-infirmier
    adresse: "1 rue de la Gare"
    code_postal: "45390"
    code_insee: "45258"
    commune: "Puiseaux"
    latitude: 48.2046
    longitude: 2.4703
    date_maj: 2025-10-01
"""


@pytest.fixture
def homonyms(tmp_path: Path) -> Path:
    """The example data and two records on a street of the same name in two communes (no import: faster)."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    (target / "structures.yml").write_text(structures_text(target) + HOMONYMS, encoding="utf-8")
    return target


def answer(latitude: str, longitude: str, citycode: str, score: str = "0.95", kind: str = "housenumber") -> dict:
    return {"latitude": latitude, "longitude": longitude, "result_label": "1 Rue de la Gare",
            "result_score": score, "result_type": kind, "result_citycode": citycode}


def test_homonymous_streets_in_two_communes_are_not_confused(homonyms: Path, server: str):
    data = homonyms
    Replay.answers = {("1 rue de la Gare", "45252"): answer("48.170101", "2.250202", "45252"),
                      ("1 rue de la Gare", "45258"): answer("48.206303", "2.471404", "45258")}
    run(data, server)
    assert Replay.requests[0]["citycode"] == ["code_insee"]
    assert positions(data)["cabinet-gare-pithiviers"] == ("48.170101", "2.250202")
    assert positions(data)["cabinet-gare-puiseaux"] == ("48.206303", "2.471404")
    cache = (data / "geocodage.csv").read_text(encoding="utf-8")
    assert "1 rue de la Gare,45300,45252,48.170101,2.250202" in cache
    assert "1 rue de la Gare,45390,45258,48.206303,2.471404" in cache


def test_an_answer_in_another_commune_is_refused(homonyms: Path, server: str):
    data = homonyms
    Replay.answers = {("1 rue de la Gare", "45252"): answer("48.206303", "2.471404", "45258"),
                      ("1 rue de la Gare", "45258"): answer("48.206303", "2.471404", "45258")}
    out = run(data, server)
    assert positions(data)["cabinet-gare-pithiviers"] == ("48.1719", "2.2519")
    assert ("refusée : cabinet-gare-pithiviers — 1 rue de la Gare, Pithiviers → 1 Rue de la Gare (48.206303, "
            "2.471404) — dans une autre commune (code INSEE 45258).") in out
    assert "Positionnées (1)" in out and "cabinet-gare-puiseaux" in out.split("Positionnées (1)")[1]


@pytest.mark.parametrize(("latitude", "longitude", "reason"), [
    ("40.7128", "-74.0060", "hors de France"),
    ("43.2963", "5.3650", "hors du territoire"),
])
def test_impossible_positions_are_refused_never_placed(homonyms: Path, server: str, latitude: str, longitude: str,
                                                        reason: str):
    data = homonyms
    Replay.answers = {("1 rue de la Gare", "45252"): answer(latitude, longitude, "45252")}
    out = run(data, server)
    assert positions(data)["cabinet-gare-pithiviers"] == ("48.1719", "2.2519")
    assert "Positionnées" not in out and "À vérifier" not in out
    refused = out.split("Positions refusées, non écrites (1) :\n")[1]
    assert refused.startswith("  refusée : cabinet-gare-pithiviers") and reason in refused.splitlines()[0]


class Canned(BaseHTTPRequestHandler):
    """Answers every POST with `payload` and `status`: what a broken service or a captive portal sends."""

    payload = b""
    status = 200

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(Canned.status)
        self.send_header("Content-Length", str(len(Canned.payload)))
        self.end_headers()
        self.wfile.write(Canned.payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def canned():
    httpd = HTTPServer(("127.0.0.1", 0), Canned)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/geocodage"
    httpd.shutdown()


@pytest.mark.parametrize(("status", "payload", "expected"), [
    (200, b"<!DOCTYPE html><html><body>Maintenance</body></html>", "réponse illisible du service de géocodage : "
     "colonnes attendues adresse, code_postal, code_insee, latitude, longitude, result_label, result_score, "
     "result_type ; manquantes : adresse"),
    (200, b"adresse,code_postal,code_insee,lat,lon\n15 rue du Faubourg,45340,45030,48.07,2.42\n",
     "manquantes : latitude, longitude, result_label, result_score, result_type ; trouvées : adresse, code_postal, "
     "code_insee, lat, lon"),
    (200, b"", "réponse illisible du service de géocodage"),
    (200, b"\xff\xfe\x00garbage", "pas un texte UTF-8"),
    (200, b"a,b\n\"x\0y\",2\n", "réponse illisible du service de géocodage"),
    (500, b"Internal Server Error", "le service a répondu 500"),
])
def test_garbage_answer_is_said_as_such(homonyms: Path, canned: str, status: int, payload: bytes, expected: str):
    Canned.status, Canned.payload = status, payload
    data = homonyms
    before = structures_text(data)
    result = CliRunner().invoke(main, ["geocoder", "--data", str(data), "--url", canned])
    assert result.exit_code == 1 and expected in result.output, result.output
    assert "trop imprécise" not in result.output and "Rien n'a été écrit" in result.output
    assert structures_text(data) == before and not (data / "geocodage.csv").exists()


def test_garbage_score_is_unreadable_not_imprecise_and_not_cached(homonyms: Path, server: str):
    Replay.answers = {("1 rue de la Gare", "45252"): {**answer("48.170101", "2.250202", "45252"),
                                                      "result_score": "abc"}}
    out = run(homonyms, server)
    assert ("Non positionnées (réponse illisible du service, demandée à nouveau au prochain passage) (1) :\n"
            "  cabinet-gare-pithiviers — 1 rue de la Gare, Pithiviers (score « abc », position « 48.170101, "
            "2.250202 »)") in out
    assert "(réponse trop imprécise) (1) :\n  cabinet-gare-puiseaux" in out
    assert "45252" not in (homonyms / "geocodage.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(("given", "unreadable", "refused"), [
    ({"result_score": "abc"}, "score « abc »", ""),
    ({"result_score": "nan"}, "score « nan » hors de 0 à 1", ""),
    ({"result_score": "7"}, "score « 7 » hors de 0 à 1", ""),
    ({"latitude": "quarante-huit"}, "position « quarante-huit, 2.2 »", ""),
    ({"latitude": "nan"}, "", "ce ne sont pas des nombres finis"),
    ({"latitude": "1e308", "longitude": "1e308"}, "", "hors de France"),
    ({"latitude": "123"}, "", "hors de France"),
    ({"latitude": "2.2", "longitude": "48.1"}, "", "hors de France (latitude et longitude inversées ?)"),
    ({"latitude": "43.2963", "longitude": "5.3650"}, "", "hors du territoire"),
    ({"latitude": "48.1", "longitude": "2.2", "result_citycode": "45258"}, "", "dans une autre commune"),
])
def test_garbage_and_impossible_answers(given: dict, unreadable: str, refused: str):
    record = {"id": "x", "adresse": "1 rue A", "code_insee": "45252", "latitude": 48.17, "longitude": 2.25}
    report = GeocodeReport()
    good = {"latitude": "48.1", "longitude": "2.2", "result_score": "0.9", "result_type": "housenumber",
            "result_citycode": "45252"}
    _place(record, good | given, report, (47.87, 1.79, 48.46, 2.68))
    assert (record["latitude"], record["longitude"]) == (48.17, 2.25)
    assert not report.placed and not report.review and not report.unplaced
    assert unreadable in "".join(report.unreadable) and bool(report.unreadable) is bool(unreadable)
    assert refused in "".join(report.refused) and bool(report.refused) is bool(refused)


def test_codes_typed_without_quotes_are_sent_and_compared_as_written():
    """An Ain coordinator's `code_postal: 01000` and `code_insee: 01053`, unquoted: ruamel reads numbers (1000,
    1053); the service is asked for « 01000 », « 01053 », and its answer in 01053 is the record's own commune."""
    from site_builder.importers.geocoder import ANSWER_COLUMNS, geocode
    from site_builder.yaml_files import round_trip

    records = round_trip().load("structures:\n  - id: cabinet-bourg\n    adresse: 1 rue Alphonse Baudin\n"
                           "    code_postal: 01000\n    code_insee: 01053\n")["structures"]
    sent: list[str] = []

    def post(url: str, body: bytes, content_type: str, seconds: float) -> str:
        sent.append(body.decode())
        row = {"adresse": "1 rue Alphonse Baudin", "code_postal": "01000", "code_insee": "01053",
               "latitude": "46.2052", "longitude": "5.2255", "result_label": "1 Rue Alphonse Baudin 01000 Bourg",
               "result_score": "0.97", "result_type": "housenumber", "result_citycode": "01053"}
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, [*ANSWER_COLUMNS, "result_citycode"], extrasaction="ignore")
        writer.writeheader()
        writer.writerow(row)
        return buffer.getvalue()

    report = GeocodeReport()
    geocode(list(records), {}, "http://geocodage.invalid", report, post=post)
    assert "1 rue Alphonse Baudin,01000,01053" in sent[0]
    assert not report.refused and not report.unplaced, (report.refused, report.unplaced)
    assert (records[0]["latitude"], records[0]["longitude"]) == (46.2052, 5.2255)


class Trickle(BaseHTTPRequestHandler):
    """Sends its answer one byte per second, from the status line (`headers`) or after the headers (`body`)."""

    mode = "body"

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        head = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
        trickled = head + b"x" * 100 if Trickle.mode == "headers" else b"x" * 100
        if Trickle.mode == "body":
            self.wfile.write(head)
        for byte in trickled[:30]:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return  # the client gave up: what the deadline is for
            time.sleep(1)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def trickle():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/geocodage"
    httpd.shutdown()


@pytest.mark.parametrize("mode", ["body", "headers"])
def test_a_server_that_trickles_bytes_does_not_hang_the_run(homonyms: Path, trickle: str, mode: str):
    Trickle.mode = mode
    data = homonyms
    before = structures_text(data)
    start = time.monotonic()
    result = CliRunner().invoke(main, ["geocoder", "--data", str(data), "--url", trickle, "--delai", "2"])
    assert time.monotonic() - start < 8
    assert result.exit_code == 1 and "n'a pas répondu à temps" in result.output, result.output
    assert "réponse incomplète après 2 s" in result.output and "Rien n'a été écrit" in result.output
    assert structures_text(data) == before and not (data / "geocodage.csv").exists()


def test_each_request_has_its_own_deadline(trickle: str):
    from site_builder.importers.deadline import Deadline, post

    Trickle.mode = "body"
    deadline = Deadline(total=60, per_request=1.5)
    start = time.monotonic()
    with pytest.raises(TimeoutError, match="après 1.5 s"):
        post(trickle + "/search/csv", b"a", "text/csv", deadline.next_request())
    assert 1.4 < time.monotonic() - start < 5


def test_the_whole_run_has_a_deadline():
    from site_builder.importers.deadline import Deadline

    deadline = Deadline(total=0.2, per_request=10)
    assert deadline.next_request() <= 0.2
    time.sleep(0.25)
    with pytest.raises(TimeoutError, match="délai total de 0.2 s écoulé"):
        deadline.next_request()
