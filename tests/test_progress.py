"""A French progress bar on long steps (issue 24): drawn on a terminal only, told by the geocoder after each request."""

from __future__ import annotations

import csv
import io

import pytest
from ruamel.yaml.comments import CommentedMap

from site_builder.importers import geocoder
from site_builder.importers.geocoder import GeocodeReport, geocode
from site_builder.terminal import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_is_french_full_at_the_last_step_and_ends_its_line() -> None:
    screen = Terminal()
    bar = ProgressBar("Géocodage", "adresses", screen)
    bar(0, 3)
    bar(3, 3)
    assert screen.getvalue() == (f"\rGéocodage : [{'-' * 30}] 0 / 3 adresses"
                                 f"\rGéocodage : [{'#' * 30}] 3 / 3 adresses\n")


def test_nothing_is_drawn_where_nobody_watches() -> None:
    log = io.StringIO()  # a CI log, a test, a cron mail: no \r lines
    ProgressBar("Géocodage", "adresses", log)(1, 2)
    assert log.getvalue() == ""


def _answer(url: str, body: bytes, content_type: str, seconds: float) -> str:
    """The service's CSV answer: every address asked, found at the same point."""
    text = body.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text[text.index("adresse,code_postal"):].split("\r\n--")[0])))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=geocoder.CACHE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "latitude": "48.17", "longitude": "2.25", "result_label": row["adresse"],
                         "result_score": "0.95", "result_type": "housenumber", "result_citycode": row["code_insee"]})
    return out.getvalue()


def test_the_geocoder_tells_its_progress_after_each_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geocoder, "BATCH_ROWS", 2)
    monkeypatch.setattr(geocoder, "MIN_INTERVAL", 0)
    records = [CommentedMap(adresse=f"{n} rue de la Gare", code_postal="45300", code_insee="45252") for n in (1, 2, 3)]
    told: list[tuple[int, int]] = []
    geocode(records, {}, "http://127.0.0.1:9", GeocodeReport(), post=_answer,
            progress=lambda done, total: told.append((done, total)))
    assert told == [(2, 3), (3, 3)]  # two requests: the bar ends full, on the last address asked
    assert [(r["latitude"], r["longitude"]) for r in records] == [(48.17, 2.25)] * 3
