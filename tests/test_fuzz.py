"""Property-based tests: whatever a data file contains, validation answers with located errors, never a crash."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from helpers import MINIMAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.errors import DataValidationError
from site_builder.validate import load_model

FILES = sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*") if p.suffix in (".yml", ".md"))
SCALARS = st.one_of(
    st.text(max_size=40), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.sampled_from(["01000", "12:30", "NO", "2026-02-30", "~", "[", "{a: 1", "- -", "&a", "*a", "!!python/object",
                     "\t", "---", "'", '"', "\x00", "‮", "😀", "javascript:alert(1)", "-1e9", "1e400"]))


def _check(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data"
        shutil.copytree(MINIMAL, data)
        for name, text in files.items():
            (data / name).write_text(text, encoding="utf-8")
        try:
            load_model(data, Path(work))
        except DataValidationError as error:
            assert error.report.errors
            for found in error.report.errors:
                assert found.location.file.startswith("data/") and found.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), line=st.integers(min_value=0, max_value=60), value=SCALARS,
       how=st.sampled_from(["replace", "insert", "delete", "value"]))
def test_a_mangled_line_gives_located_errors(name: str, line: int, value: object, how: str) -> None:
    lines = (MINIMAL / name).read_text(encoding="utf-8").split("\n")
    index = line % len(lines)
    text = str(value)
    if how == "replace":
        lines[index] = text
    elif how == "insert":
        lines.insert(index, text)
    elif how == "delete":
        del lines[index]
    elif ":" in lines[index]:  # keep the key, change the value
        lines[index] = lines[index].split(":", 1)[0] + ": " + text
    _check({name: "\n".join(lines)})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), content=st.text(max_size=300))
def test_any_text_as_a_data_file_gives_located_errors(name: str, content: str) -> None:
    _check({name: content})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(FILES), content=st.binary(max_size=200))
def test_any_bytes_as_a_data_file_give_located_errors(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data"
        shutil.copytree(MINIMAL, data)
        (data / name).write_bytes(content)
        try:
            load_model(data, Path(work))
        except DataValidationError as error:
            assert error.report.errors  # `all()` alone would pass on an empty report
            assert all(found.location.file.startswith("data/") and found.message for found in error.report.errors)
