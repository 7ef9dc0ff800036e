"""`cls-site geocoder` against a local server replaying recorded Géoplateforme answers (no network)."""

from __future__ import annotations

import csv
import io
import shutil
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, HTTPServer
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
        Replay.requests.append(fields | {"path": [self.path]})
        recorded = {(r["adresse"], r["code_insee"]): r for r in csv.DictReader(
            (FIXTURES / "geocodage-reponses.csv").open(encoding="utf-8"))}
        out = io.StringIO()
        writer = csv.DictWriter(out, ["adresse", "code_postal", "code_insee", *fields["result_columns"]])
        writer.writeheader()
        for row in csv.DictReader(io.StringIO(upload)):
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
    Replay.requests = []
    httpd = HTTPServer(("127.0.0.1", 0), Replay)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/geocodage"
    httpd.shutdown()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    for source, name in (("finess", "finess-1.csv"), ("annuaire", "annuaire.json")):
        result = CliRunner().invoke(main, ["importer", source, str(FIXTURES / name), "--data", str(target)])
        assert result.exit_code == 0, result.output
    return target


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
