"""The refresh itself: fetch each declared national source, import it, geocode what is new, validate, report.

One source at a time and each on its own: a source that cannot be fetched or read is named in the report
and its records stay as they are, while the others go on. The imports go through `importers.run` (the
same merge and safeguards as `cls-site importer`); when the result does not validate, data/structures.yml
is put back as it was. Exit codes for CI are in report.py (0 nothing changed, 3 to review, 1 error).
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import json
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import DataValidationError
from site_builder.importers import run
from site_builder.importers.batches import PREPARE
from site_builder.importers.source_errors import SourceFileError
from site_builder.refresh import freshness_state
from site_builder.refresh.check import check
from site_builder.refresh.datagouv import resolve
from site_builder.refresh.download import DownloadError, discard, fetch, keep
from site_builder.refresh.report import Outcome, Refresh
from site_builder.refresh.sources import Declared, declared
from site_builder.yaml_files import write_atomically

CACHE = Path(".cache") / "sources"


@dataclass(frozen=True)
class Options:
    """How a refresh runs: the day it records, whether it writes, how long a source may take, the geocoder."""

    today: dt.date
    now: dt.datetime
    simulate: bool = False
    deadline_s: float = 900.0
    geocoder_url: str = "https://data.geopf.fr/geocodage"


def refresh(data_dir: Path, options: Options) -> Refresh:
    """Refresh every source declared in data/cls.yml; write (unless simulating) and return what happened."""
    root = data_dir.resolve().parent
    result = Refresh(options.today, simulated=options.simulate)
    result.invalid = _validate(data_dir, root, options.today)  # data already wrong: nothing to merge into
    if result.invalid:
        result.blocked = True
        return result
    structures = data_dir / "structures.yml"
    before = structures.read_text(encoding="utf-8") if structures.exists() else None
    result.outcomes = [_one(source, data_dir, root / CACHE / source.spec.name, options)
                       for source in declared(data_dir)]
    if not options.simulate:
        _settle(result, data_dir, before, options)
    return result


def _settle(result: Refresh, data_dir: Path, before: str | None, options: Options) -> None:
    """After the imports: geocode the new records, validate (else put structures.yml back), date the new files."""
    if result.changed:
        if any(o.merge and o.merge.added for o in result.outcomes):  # only new records can lack a position
            result.geocoding, answered = _geocode(data_dir, options.geocoder_url)
            if answered:
                result.written.append("data/geocodage.csv")
        result.invalid = _validate(data_dir, data_dir.resolve().parent, options.today)
        if result.invalid:
            _restore(data_dir / "structures.yml", before)
        else:
            result.written.append("data/structures.yml")
    if not result.invalid and freshness_state.record(data_dir, result.outcomes, options.today):
        result.written.append(f"data/{freshness_state.FILE}")


def _one(source: Declared, data_dir: Path, folder: Path, options: Options) -> Outcome:
    """Fetch, check, read and merge one source; any failure is the outcome's error, nothing written for it."""
    outcome = Outcome(source.spec, source.url)
    spec = source.spec
    try:
        url = resolve(source.url, spec.pick, spec.format, options.deadline_s)
        fetched = fetch(url, folder, options.deadline_s, options.now)
        try:
            batch = PREPARE[spec.name]([check(fetched.path, spec.min_bytes)], data_dir, options.today).batch
        except BaseException:
            discard(fetched)
            raise
        keep(fetched, folder)
        outcome.unchanged_file, outcome.file_date = fetched.unchanged, _http_date(fetched.cached.last_modified)
        outcome.merge, _written = run(batch, data_dir, options.today, simulate=options.simulate)
    except (DownloadError, SourceFileError) as error:
        outcome.error = f"{str(error).rstrip('.')}."
    except (ValueError, KeyError, IndexError, TypeError, csv.Error, json.JSONDecodeError) as error:
        outcome.error = (f"le fichier n'a pas pu être lu par l'importateur ({type(error).__name__} : {error}). "
                         "Signalez-le avec ce rapport.")
    return outcome


def _http_date(value: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(value).date() if value else None
    except (TypeError, ValueError):
        return None


def _geocode(data_dir: Path, base_url: str) -> tuple[str, bool]:
    """Place the records without a position of their own; return the report and whether the service answered
    (a geocoder that does not answer is only reported)."""
    from site_builder.importers.geocoder import GeocodeReport, geocode, read_cache, to_place, write_cache
    from site_builder.importers.territory_towns import read_towns
    from site_builder.importers.yamlfile import dump, read_structures

    path, cache_path = data_dir / "structures.yml", data_dir / "geocodage.csv"
    document = read_structures(path)
    records = to_place(document["structures"], read_towns(data_dir))
    if not records:
        return "", False
    cache, report = read_cache(cache_path), GeocodeReport()
    try:
        geocode(records, cache, base_url, report)
    except OSError as error:
        return (f"Le service de géocodage ne répond pas ({error}) : les nouvelles fiches restent au centre de "
                "leur commune. Relancez « cls-site geocoder » plus tard."), False
    write_cache(cache_path, cache)
    write_atomically(path, dump(document))
    return report.text(), True


def _validate(data_dir: Path, root: Path, today: dt.date) -> str:
    """The errors `cls-site validate` would report on the data as they now are, or ""."""
    from site_builder.validate import load_model

    try:
        load_model(data_dir, root, today=today)
    except DataValidationError as error:
        return str(error)
    return ""


def _restore(path: Path, text: str | None) -> None:
    """Put data/structures.yml back as it was before the refresh."""
    if text is None:
        path.unlink(missing_ok=True)
    else:
        write_atomically(path, text)
