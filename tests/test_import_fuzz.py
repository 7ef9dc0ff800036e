"""Property-based tests: whatever file a coordinator hands an importer, the answer is a report (exit 0) or a
French refusal (exit 1, data/structures.yml byte for byte as it was), never a traceback (issue 22)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from site_builder.cli import main
from site_builder.cli_data import UNFORESEEN

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# Each command with the files it is meant to read: the seeds the mutations start from.
SEEDS = {
    "finess": [FIXTURES / "importers" / "finess-1.csv", FIXTURES / "real" / "finess-ain-2020-cs1100507.csv"],
    "cnsa": [FIXTURES / "importers" / "cnsa.json", FIXTURES / "real" / "cnsa-prix-ehpad-2020-brute.csv"],
    "annuaire": [FIXTURES / "importers" / "annuaire.json",
                 FIXTURES / "real" / "dila-annuaire-france-services-grenoble.json"],
    "data-inclusion": [FIXTURES / "importers" / "data-inclusion-structures.json"],
}
SEED_BYTES = 6000  # the start of a large real file is enough to mutate, and keeps each example fast
# Names the readers look for, so random CSV and JSON reach past the first check now and then.
KEYS = ["nofinesset", "finessEt", "noFinesset", "legal_status", "capacity", "ehpadPrice", "raPrice", "prixHebPermCs",
        "id", "nom", "siret", "code_insee", "code_postal", "commune", "adresse", "latitude", "longitude", "telephone",
        "typologie", "pivotLocal", "type_organisme", "adresse_courriel", "plage_ouverture", "service", "source",
        "reseaux_porteurs", "date_maj", "structureet", "geolocalisation", "finess", "etalab", "data"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
                    st.sampled_from(["", "45252", "45300", "450099001", "NaN", "1e308", "-74.006", "2025-13-45",
                                     "\x00", "‮", "=HYPERLINK(\"x\")", "Mo-Fr 08:00-12:00"]))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6), max_leaves=30)


@st.composite
def spoiled(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed file with a few cuts, insertions, replaced bytes, changed separators or re-encodings."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["cut", "insert", "replace", "separator", "encoding", "line"]))
        if how == "cut":
            del data[at:]
        elif how == "insert":
            data[at:at] = draw(st.binary(max_size=30))
        elif how == "replace":
            data[at:at + draw(st.integers(1, 40))] = draw(st.binary(max_size=40))
        elif how == "separator":
            old, new = draw(st.permutations([b";", b",", b"\t", b"|", b'"', b"\n"]))[:2]
            data = bytearray(bytes(data).replace(old, new))
        elif how == "encoding":
            text = bytes(data).decode("latin-1")
            data = bytearray(draw(st.sampled_from([text.encode("utf-8"), text.encode("utf-16"),
                                                   b"\xef\xbb\xbf" + bytes(data)])))
        else:
            lines = bytes(data).split(b"\n")
            lines.insert(at % (len(lines) + 1), draw(st.text(max_size=60)).encode("utf-8"))
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def random_csv(separator: str) -> st.SearchStrategy[bytes]:
    header = st.lists(st.sampled_from(KEYS) | st.text(max_size=10), min_size=1, max_size=8)
    rows = st.lists(st.lists(SCALARS.map(lambda v: "" if v is None else str(v)), max_size=9), max_size=8)
    return st.tuples(header, rows).map(
        lambda hr: "\n".join(separator.join(row) for row in [hr[0], *hr[1]]).encode("utf-8", "surrogatepass"))


def files(command: str) -> st.SearchStrategy[tuple[bytes, str]]:
    """A file for `command` and the suffix it is given."""
    seeds = [path.read_bytes()[:SEED_BYTES] for path in SEEDS[command]]
    content = st.one_of(
        st.binary(max_size=3000),
        st.sampled_from(seeds).flatmap(spoiled),
        st.sampled_from([";", ",", "|"]).flatmap(random_csv),
        JSON.map(lambda value: json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    )
    return st.tuples(content, st.sampled_from([".csv", ".json", ".txt"]))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The territory's communes and a repertoire holding one FINESS import (12 records): small, so fast."""
    data = tmp_path_factory.mktemp("fuzz") / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "communes.yml", data / "communes.yml")
    result = CliRunner().invoke(main, ["importer", "finess", str(SEEDS["finess"][0]), "--data", str(data),
                                       "--date", "2025-10-01"])
    assert result.exit_code == 0, result.output
    return data


def check_import(command: str, content: bytes, suffix: str, project: Path, folder: Path) -> None:
    """Import `content` with `command`: a report, or a French refusal that leaves structures.yml as it was."""
    saved = (project / "structures.yml").read_bytes()
    source = folder / f"fichier{suffix}"
    source.write_bytes(content)
    try:
        result = CliRunner().invoke(main, ["importer", command, str(source), "--data", str(project),
                                           "--date", "2025-11-02"])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"traceback in « importer {command} »: {result.exception!r}")
        assert result.exit_code in (0, 1), result.output
        # The importer group turns an unforeseen exception into a French sentence for the coordinator; here it is
        # a failure all the same: each file a reader cannot read deserves its own message.
        assert UNFORESEEN not in result.output, f"importer {command}: {result.output}"
        if result.exit_code == 1:
            assert "Erreur : " in result.output and "Traceback" not in result.output, result.output
            assert (project / "structures.yml").read_bytes() == saved, "exit 1 but structures.yml changed"
    finally:
        (project / "structures.yml").write_bytes(saved)


COMMANDS = ["finess", "annuaire", "cnsa", "data-inclusion"]


@pytest.mark.parametrize("command", COMMANDS)
def test_any_file_gives_a_report_or_a_french_refusal(project: Path, tmp_path_factory: pytest.TempPathFactory,
                                                     command: str) -> None:
    folder = tmp_path_factory.mktemp(command)

    # No shrinking: a failing file is shown as found (the hostile files below are the minimal ones).
    @settings(max_examples=50, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(file=files(command))
    def check(file: tuple[bytes, str]) -> None:
        check_import(command, *file, project, folder)

    check()


# The smallest files the fuzzing found that broke a reader (2026-12-07), kept so each stays fixed.
HOSTILE = {
    "empty": (b"", ".json"),
    "one non-UTF-8 byte": (b"\x88", ".json"),
    "null": (b"null", ".json"),
    "a list of nulls": (b"[null, null]", ".json"),
    "a list of false and a mapping": (b'[false, {"telephone": 1}]', ".json"),
    "a list of numbers": (b"[897336]", ".json"),
    "an unclosed list": (b"[", ".json"),
    "a cut string": (b'{\n "results', ".json"),
    "a control character in a key": (b'{\n\n "0\x03', ".json"),
    "JSON after a UTF-8 BOM": (b"\xef\xbb\xbf" + SEEDS["data-inclusion"][0].read_bytes(), ".json"),
    "one non-UTF-8 byte as CSV": (b"\x9f", ".csv"),
    "FINESS with commas": ((FIXTURES / "importers" / "finess-1.csv").read_bytes().replace(b";", b","), ".csv"),
    "FINESS in UTF-16": ((FIXTURES / "importers" / "finess-1.csv").read_bytes().decode("latin-1").encode("utf-16"),
                         ".csv"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("command", COMMANDS)
def test_hostile_file(project: Path, tmp_path: Path, command: str, name: str) -> None:
    check_import(command, *HOSTILE[name], project, tmp_path)
