"""`cls-site rafraichir` against a local server on 127.0.0.1 replaying the national files (no network).

The server answers each path from a table the test fills: a file with its ETag (and 304 when the client
sends it back), or a failure (404, 429, 500, slow, cut short, redirected to another host).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.refresh.download import retry_after
from site_builder.refresh.pipeline import Options, refresh
from site_builder.refresh.report import render

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "importers"
REAL = ROOT / "tests" / "fixtures" / "real"
DAY = dt.date(2026, 12, 7)
NOW = dt.datetime(2026, 12, 7, 5, 0, tzinfo=dt.UTC)


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    etag: str = ""
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    cut: bool = False  # announce the whole body, send half, close
    then: Route | None = None  # the answer after this one was given once


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.seen: list[tuple[str, str]] = []  # (path, If-None-Match)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.server_address[1]}{path}"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.seen.append((self.path, self.headers.get("If-None-Match", "")))
        route = self.server.routes.get(self.path) or Route(status=404)
        if route.then:
            self.server.routes[self.path] = route.then
        time.sleep(route.delay)
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(route.status)
        for name, value in route.headers:
            self.send_header(name, value)
        if route.etag:
            self.send_header("ETag", route.etag)
        self.send_header("Last-Modified", "Mon, 30 Nov 2026 04:00:00 GMT")
        self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        self.wfile.write(route.body[: len(route.body) // 2] if route.cut else route.body)
        if route.cut:
            self.close_connection = True

    do_POST = do_GET  # the geocoder: answered 503 unless a route says otherwise

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def declare(data: Path, **sources: str) -> None:
    """Add a `sources:` block to the copy's cls.yml."""
    lines = "".join(f'  {name.replace("_", "-")}: "{url}"\n' for name, url in sources.items())
    with (data / "cls.yml").open("a", encoding="utf-8") as out:
        out.write("\nsources:\n" + lines)


def run(data: Path, server: Server, *, simulate: bool = False, deadline: float = 20.0):
    return refresh(data, Options(DAY, NOW, simulate, deadline, server.url("/geocodage")))


def finess_records(data: Path) -> dict[str, dict]:
    records = yaml.load((data / "structures.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["structures"]
    return {r["id_source"]: r for r in records if r.get("source") == "finess"}


def with_new_pharmacy(text: bytes) -> bytes:
    """finess-2 plus one pharmacy opened in Pithiviers (and its position)."""
    row = ("structureet;450099099;450099990;PHARMACIE DES REMPARTS;PHARMACIE DES REMPARTS;;;1;R;DES REMPARTS;;;252;45;"
           "LOIRET;45300 PITHIVIERS;0238309999;;620;Pharmacie d'Officine;3301;Pharmacies d'Officine;;;;;;;"
           "2026-11-02;2026-11-02;2026-11-02;\n")
    return text + row.encode("latin-1")


def test_second_run_gets_304_then_one_change_is_reported_exactly(data: Path, server: Server, tmp_path: Path):
    server.routes["/finess.csv"] = Route(FIRST := (FIXTURES / "finess-1.csv").read_bytes(), etag='"v1"')
    declare(data, finess=server.url("/finess.csv"))
    first = run(data, server)
    assert first.exit_code == 3 and not first.outcomes[0].error
    assert len(first.outcomes[0].merge.added) == 13  # the IME (FINESS 183) is mapped
    assert "data/structures.yml" in first.written
    before = (data / "structures.yml").read_text(encoding="utf-8")

    second = run(data, server)
    assert server.seen[-1] == ("/finess.csv", '"v1"')  # the cached ETag was sent back
    assert second.exit_code == 0 and second.written == []
    assert second.outcomes[0].unchanged_file
    assert (data / "structures.yml").read_text(encoding="utf-8") == before
    assert "fichier inchangé depuis le dernier téléchargement" in render(second)

    server.routes["/finess.csv"] = Route(with_new_pharmacy((FIXTURES / "finess-2.csv").read_bytes()), etag='"v2"')
    third = run(data, server)
    merge = third.outcomes[0].merge
    assert third.exit_code == 3
    assert merge.added == ["+ pharmacie-des-remparts-pithiviers — Pharmacie des Remparts (Pithiviers)"]
    assert merge.changed == [
        "~ maison-de-sante-pluriprofessionnelle-de-pithiviers — telephone : « 02 38 30 00 01 » → « 02 38 30 00 99 »",
        "~ maison-de-sante-pluriprofessionnelle-de-pithiviers — date_maj : « 2025-03-01 » → « 2025-10-01 »"]
    # (the short name « PHARMACIE FERMEE » holds a word the long one lacks: FINESS's name rule keeps it)
    assert [line.split(" (n°")[0] for line in merge.vanished] == ["- pharmacie-fermee-pithiviers-le-vieil "
                                                                  "— Pharmacie Fermée"]
    records = finess_records(data)
    assert records["450099001"]["telephone"] == "02 38 30 00 99"
    assert records["450099012"]["disparu_de_la_source"] == "2026-12-07"
    report = render(third)
    assert "### Ajoutées (1)" in report and "Pharmacie des Remparts (Pithiviers)" in report
    assert "telephone : « 02 38 30 00 01 » → « 02 38 30 00 99 »" in report
    assert "### Disparues de la source" in report and FIRST  # noqa: PT018 (FIRST only names the first file)


def test_failing_source_is_named_and_its_records_untouched_while_others_go_on(data: Path, server: Server):
    server.routes["/finess.csv"] = Route((FIXTURES / "finess-1.csv").read_bytes(), etag='"v1"')
    server.routes["/annuaire.json"] = Route((FIXTURES / "annuaire.json").read_bytes(), etag='"a1"')
    declare(data, finess=server.url("/finess.csv"), annuaire=server.url("/annuaire.json"))
    assert run(data, server).exit_code == 3
    annuaire_before = {k: v for k, v in _by_source(data, "annuaire").items()}
    assert annuaire_before  # the first run imported the offices

    server.routes["/finess.csv"] = Route((FIXTURES / "finess-2.csv").read_bytes(), etag='"v2"')
    server.routes["/annuaire.json"] = Route(status=500)
    result = run(data, server)
    assert result.exit_code == 1
    failed = {o.spec.name: o.error for o in result.outcomes if o.error}
    assert failed == {"annuaire": "le serveur a répondu par une erreur (HTTP 500)."}
    assert _by_source(data, "annuaire") == annuaire_before  # untouched
    assert finess_records(data)["450099001"]["telephone"] == "02 38 30 00 99"  # FINESS went on
    report = render(result)
    assert "**Non mises à jour** : Annuaire de l'administration (DILA)" in report
    assert "Code de sortie : 1" in report


def _by_source(data: Path, source: str) -> dict[str, dict]:
    records = yaml.load((data / "structures.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["structures"]
    return {r["id_source"]: r for r in records if r.get("source") == source}


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


FINESS = (FIXTURES / "finess-1.csv").read_bytes()
FAILURES = [
    (Route(status=404), "fichier introuvable à cette adresse (HTTP 404)"),
    (Route(status=429, headers=(("Retry-After", "3600"),)), "(HTTP 429) et demande de réessayer dans 3600 s"),
    (Route(status=500), "le serveur a répondu par une erreur (HTTP 500)"),
    (Route(FINESS, delay=3), "délai"),
    (Route(FINESS, cut=True), "téléchargement interrompu : 2998 octets reçus sur 5996 annoncés"),
    (Route(b"<html>Service indisponible</html>"), "fichier trop petit"),
]


@pytest.mark.parametrize(("route", "message"), FAILURES, ids=["404", "429", "500", "lent", "tronque", "page"])
def test_each_failure_leaves_the_data_untouched(data: Path, server: Server, route: Route, message: str):
    server.routes["/finess.csv"] = route
    declare(data, finess=server.url("/finess.csv"))
    before = (data / "structures.yml").read_bytes()
    result = run(data, server, deadline=1.5)
    assert result.exit_code == 1
    assert message in result.outcomes[0].error
    assert (data / "structures.yml").read_bytes() == before
    assert not (data / "rafraichissement.yml").exists()


def test_redirect_to_another_host_is_refused(data: Path, server: Server):
    server.routes["/finess.csv"] = Route(status=302, headers=(("Location", server.url("/ailleurs.csv", "localhost")),))
    server.routes["/ailleurs.csv"] = Route(FINESS)
    declare(data, finess=server.url("/finess.csv"))
    result = run(data, server)
    assert "redirige vers un autre site (localhost)" in result.outcomes[0].error
    assert [path for path, _ in server.seen] == ["/finess.csv"]  # the other host was never asked


def test_redirect_on_the_same_host_is_followed(data: Path, server: Server):
    server.routes["/finess.csv"] = Route(status=302, headers=(("Location", server.url("/stock.csv")),))
    server.routes["/stock.csv"] = Route(FINESS)
    declare(data, finess=server.url("/finess.csv"))
    assert run(data, server).exit_code == 3


def test_short_retry_after_is_waited_once(data: Path, server: Server):
    server.routes["/finess.csv"] = Route(status=429, headers=(("Retry-After", "1"),), then=Route(FINESS))
    declare(data, finess=server.url("/finess.csv"))
    result = run(data, server)
    assert result.exit_code == 3 and [p for p, _ in server.seen if p == "/finess.csv"] == ["/finess.csv"] * 2


def test_truncated_zip_is_refused_before_any_importer(data: Path, server: Server):
    header = (REAL / "annuaire-sante-personne-activite-header-56.txt").read_bytes()
    whole = _zip({"PS_LibreAcces_Personne_activite_202612070800.txt": header * 40})
    server.routes["/ps.zip"] = Route(whole[: len(whole) - 200])
    declare(data, annuaire_sante=server.url("/ps.zip"))
    result = run(data, server)
    assert result.outcomes[0].error.startswith("archive zip illisible ou tronquée")


def test_unrecognised_file_is_named_not_imported(data: Path, server: Server):
    server.routes["/cnsa.json"] = Route(b'{"autre": "chose", "sans": "rapport"}' * 10)
    declare(data, cnsa=server.url("/cnsa.json"))
    before = (data / "structures.yml").read_bytes()
    result = run(data, server)
    assert result.exit_code == 1 and result.outcomes[0].error
    assert (data / "structures.yml").read_bytes() == before


def test_data_gouv_dataset_gives_its_newest_resource(data: Path, server: Server):
    resources = [{"title": "cnsa-export-prix-ehpad-2020-brute.csv", "format": "csv", "url": server.url("/2020.csv"),
                  "last_modified": "2021-01-18T17:50:21"},
                 {"title": "Prix retraités", "format": "csv", "url": server.url("/autre.csv"),
                  "last_modified": "2026-11-01T00:00:00"},
                 {"title": "cnsa-export-prix-ehpad-2019-brute.csv", "format": "csv", "url": server.url("/2019.csv"),
                  "last_modified": "2020-11-27T15:57:33"}]
    server.routes["/api/1/datasets/prix/"] = Route(json.dumps({"resources": resources}).encode())
    server.routes["/2020.csv"] = Route((REAL / "cnsa-prix-ehpad-2020-brute.csv").read_bytes())
    declare(data, cnsa=server.url("/api/1/datasets/prix/"))
    run(data, server)
    assert [path for path, _ in server.seen][:2] == ["/api/1/datasets/prix/", "/2020.csv"]


def test_simulation_downloads_and_reports_without_writing(data: Path, server: Server, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    server.routes["/finess.csv"] = Route(FINESS, etag='"v1"')
    declare(data, finess=server.url("/finess.csv"))
    before = (data / "structures.yml").read_bytes()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["rafraichir", "--data", str(data), "--simuler", "--date", "2026-12-07",
                                       "--geocodage", server.url("/geocodage")])
    assert result.exit_code == 3, result.output
    assert "**Simulation** : rien n'a été écrit." in result.output and "### Ajoutées (13)" in result.output
    assert (data / "structures.yml").read_bytes() == before
    assert not (tmp_path / "rapport-rafraichissement.md").exists()
    assert not (data / "rafraichissement.yml").exists()


def test_command_writes_the_report_and_exits_3_then_0(data: Path, server: Server, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    server.routes["/finess.csv"] = Route(FINESS, etag='"v1"')
    declare(data, finess=server.url("/finess.csv"))
    monkeypatch.chdir(tmp_path)
    args = ["rafraichir", "--data", str(data), "--date", "2026-12-07", "--geocodage", server.url("/geocodage")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 3, first.output
    report = (tmp_path / "rapport-rafraichissement.md").read_text(encoding="utf-8")
    assert report.startswith("# Rafraîchissement des données nationales du 7 décembre 2026")
    assert "Le service de géocodage ne répond pas" in report  # the local server answers 404: reported, not fatal
    assert (data / "rafraichissement.yml").read_text(encoding="utf-8").endswith(
        "finess: {fichier_du: 2026-11-30, importe_le: 2026-12-07}\n")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert CliRunner().invoke(main, ["validate", "--data", str(data)]).exit_code == 0


def test_no_declared_source_is_an_error(data: Path, server: Server):
    result = run(data, server)
    assert result.exit_code == 1 and "Aucune source déclarée" in render(result)


def test_sources_are_checked_by_validate(data: Path):
    declare(data, finess="oui", cnsa="peut-être")
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert "sources.cnsa" in result.output and "« oui », « non » ou une adresse https://" in result.output


@pytest.mark.parametrize(("value", "expected"), [("120", 120.0), ("Mon, 07 Dec 2026 05:01:00 GMT", 60.0),
                                                 ("bientôt", None)])
def test_retry_after_reads_seconds_and_dates(value: str, expected: float | None):
    now = dt.datetime(2026, 12, 7, 5, 0, tzinfo=dt.UTC).timestamp()
    assert retry_after(value, now) == expected


def test_home_and_repertoire_say_which_national_files_the_fiches_come_from(data: Path, server: Server):
    from site_builder.render import render_pages
    from site_builder.render.directives import expand
    from site_builder.validate import load_model

    home = (ROOT / "content" / "index.md").read_text(encoding="utf-8")
    example = load_model(data, data.parent, today=DAY)
    assert "Données nationales" not in expand(home, "index.md", example)  # a repertoire typed by hand: no line
    server.routes["/finess.csv"] = Route(FINESS, etag='"v1"')
    declare(data, finess=server.url("/finess.csv"))
    run(data, server)
    model = load_model(data, data.parent, today=DAY)
    line = ("Données nationales : FINESS, fichier du 30 novembre 2026 (13 fiches). "
            "Dernière mise à jour le 7 décembre 2026.")
    assert line in expand(home, "index.md", model)
    repertoire = next(page.content for page in render_pages(model) if page.uri == "repertoire/index.md")
    assert line in repertoire


def test_refresh_state_is_validated(data: Path):
    (data / "rafraichissement.yml").write_text("finess: {fichier_du: 2026-13-01, importe_le: 2026-12-07}\n"
                                               "finnes: {fichier_du: 2026-11-30, importe_le: 2026-12-07}\n",
                                               encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert "rafraichissement.yml:1 finess.fichier_du" in result.output
    assert "finnes" in result.output and "finess" in result.output.split("finnes", 1)[1]


def test_result_that_does_not_validate_is_not_written(data: Path, server: Server, monkeypatch: pytest.MonkeyPatch):
    from site_builder.refresh import pipeline

    server.routes["/finess.csv"] = Route(FINESS, etag='"v1"')
    declare(data, finess=server.url("/finess.csv"))
    answers = iter(["", "data/structures.yml:12 structures[1].telephone : numéro invalide."])
    monkeypatch.setattr(pipeline, "_validate", lambda *args: next(answers))  # valid before, not after the import
    before = (data / "structures.yml").read_bytes()
    result = run(data, server)
    assert result.exit_code == 1 and "numéro invalide" in result.invalid
    assert (data / "structures.yml").read_bytes() == before
    assert "Les changements n'ont **pas** été écrits" in render(result)


def test_data_with_errors_stop_the_refresh_before_any_download(data: Path, server: Server):
    server.routes["/finess.csv"] = Route(FINESS, etag='"v1"')
    declare(data, finess=server.url("/finess.csv"))
    cls = data / "cls.yml"
    cls.write_text(cls.read_text(encoding="utf-8").replace("debut: 2023", "debut: deux mille"), encoding="utf-8")
    result = run(data, server)
    assert result.exit_code == 1 and server.seen == []
    assert "cls.yml" in result.invalid and "debut" in result.invalid
    assert "Rien n'a été téléchargé : les données ont déjà des erreurs" in render(result)


def test_new_records_are_geocoded_and_the_answers_kept(data: Path, server: Server):
    server.routes["/finess.csv"] = Route(with_new_pharmacy((FIXTURES / "finess-2.csv").read_bytes()))
    server.routes["/geocodage/search/csv"] = Route(
        b"adresse,code_postal,code_insee,latitude,longitude,result_label,result_score,result_type\n"
        b"1 rue des Remparts,45300,45252,48.171234,2.251234,1 Rue des Remparts 45300 Pithiviers,0.95,housenumber\n")
    declare(data, finess=server.url("/finess.csv"))
    result = run(data, server)
    assert result.exit_code == 3
    assert result.written == ["data/geocodage.csv", "data/structures.yml", "data/rafraichissement.yml"]
    pharmacy = finess_records(data)["450099099"]
    assert (pharmacy["latitude"], pharmacy["longitude"]) == ("48.171234", "2.251234")
    assert "Positionnées (1) :" in result.geocoding and "1 Rue des Remparts 45300 Pithiviers" in result.geocoding
    assert "1 rue des Remparts,45300,45252,48.171234" in (data / "geocodage.csv").read_text(encoding="utf-8")


def _tar_bz2(members: dict[str, bytes]) -> bytes:
    import tarfile

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:bz2") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def test_dila_archive_is_opened_and_a_cut_one_refused(data: Path, server: Server):
    offices = (FIXTURES / "annuaire.json").read_bytes()
    whole = _tar_bz2({"2026-12-07_data.gouv_national.json": b"{}", "2026-12-07_data.gouv_local.json": offices})
    server.routes["/all_latest.tar.bz2"] = Route(whole[: len(whole) * 2 // 3])  # a download cut short, no length
    declare(data, annuaire=server.url("/all_latest.tar.bz2"))
    cut = run(data, server)
    assert cut.outcomes[0].error.startswith("archive tar.bz2 illisible ou tronquée")
    server.routes["/all_latest.tar.bz2"] = Route(whole)
    result = run(data, server)
    assert result.exit_code == 3 and len(result.outcomes[0].merge.added) == len(_by_source(data, "annuaire")) > 0


def test_unknown_server_name_is_said_plainly(data: Path, server: Server, monkeypatch: pytest.MonkeyPatch):
    import socket

    def no_such_name(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)  # what a machine without network answers; no DNS asked
    declare(data, finess="http://serveur-inexistant.invalid/finess.csv")
    result = run(data, server)
    assert result.outcomes[0].error == ("nom de serveur introuvable (pas de connexion au réseau, ou adresse mal "
                                        "écrite).")
