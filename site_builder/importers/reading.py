"""Open a national file as published, or refuse it in French: the shared first step of the CNSA, DILA and
data·inclusion readers.

Every way a file can be unreadable (empty, binary, truncated or malformed JSON, an unknown delimiter, a cell
beyond the CSV limit) becomes a `SourceFileError`, so the coordinator never sees a traceback and nothing is
written. The encoding is detected (UTF-8 with or without BOM, UTF-16 with BOM, else Latin-1/Windows-1252)
and named, so the report can say how the file was read.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import math
import re
from pathlib import Path
from typing import Any

from site_builder.errors import ErrorReport
from site_builder.formats import email, url
from site_builder.importers.source_errors import SourceFileError
from site_builder.importers.territory_towns import Town
from site_builder.load import Scalar
from site_builder.schema import Context, Converter

# The delimiters national CSV files use, in the order a tie is settled.
DELIMITERS = (";", ",", "\t", "|")
# A position that is not a number, or not on Earth, is refused; further than this from its commune's centre
# (in degrees, ~30 km), it is somewhere else (another town of the same name, swapped coordinates…).
NEAR_TOWN = 0.3


def decode(data: bytes, what: str) -> tuple[str, str]:
    """The text of a file and the name of its encoding; empty and binary files are refused."""
    text, name = _guess(data, what)
    if not text.strip("\ufeff \t\r\n"):
        raise SourceFileError(f"{what} : le fichier est vide. Rien n'a été écrit.")
    return text, name


def _guess(data: bytes, what: str) -> tuple[str, str]:
    for boms, codec, name in (((codecs.BOM_UTF8,), "utf-8-sig", "UTF-8"),
                              ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16", "UTF-16")):
        if data.startswith(boms):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError:
                raise SourceFileError(f"{what} : fichier annoncé en {name} mais illisible dans cet encodage. "
                                      "Rien n'a été écrit.") from None
    if b"\0" in data[:4096]:
        raise SourceFileError(f"{what} : fichier binaire (ni texte ni JSON) ; vérifiez que c'est le bon fichier, "
                              "décompressé. Rien n'a été écrit.")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Latin-1 (Windows-1252)"


def read_text(path: Path, what: str) -> tuple[str, str]:
    """`decode` of a file on disk."""
    return decode(path.read_bytes(), what)


def load_json(text: str, what: str) -> Any:
    """A JSON document, or a French error saying where it breaks."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceFileError(f"{what} : JSON illisible ligne {error.lineno}, colonne {error.colno} "
                              f"(fichier tronqué ou mal formé). Rien n'a été écrit.") from None
    except RecursionError:
        raise SourceFileError(f"{what} : JSON trop imbriqué pour être lu. Rien n'a été écrit.") from None


def read_csv(text: str, what: str) -> tuple[list[str], list[dict[str, str]]]:
    """The columns and rows of a CSV whose delimiter is sniffed on its header line."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header.count)
    if not header.count(delimiter):
        raise SourceFileError(f"{what} : une seule colonne lue (séparateur attendu : point-virgule, virgule, "
                              f"tabulation ou barre verticale). En-tête trouvé : « {header[:120]} ». "
                              "Rien n'a été écrit.")
    try:
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
        rows = [row for row in reader if any((value or "").strip() for value in row.values() if isinstance(value, str))]
    except csv.Error as error:
        raise SourceFileError(f"{what} : CSV illisible ligne {reader.line_num} ({error}). Rien n'a été écrit.") \
            from None
    return [str(name).strip() for name in reader.fieldnames or ()], rows


def coordinate(value: Any) -> float | None:
    """A finite number from a JSON number or a text with a point or a comma, else None."""
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def position_or_centre(raw: tuple[Any, Any], town: Town, ident: str, skipped: list[str]) -> tuple[float, float]:
    """The source's position when it lies near its commune, else the commune's centre (a refused one reported)."""
    latitude, longitude = coordinate(raw[0]), coordinate(raw[1])
    if near(latitude, longitude, (town.latitude, town.longitude)):
        return latitude, longitude
    if latitude is not None or longitude is not None:
        skipped.append(f"{ident} : position ({raw[0]}, {raw[1]}) refusée, loin de {town.nom} : centre de la commune "
                       "en attendant le géocodage.")
    return town.latitude, town.longitude


def near(latitude: float | None, longitude: float | None, centre: tuple[float, float]) -> bool:
    """Whether a position is given and lies close to its commune's centre."""
    if latitude is None or longitude is None:
        return False
    return abs(latitude - centre[0]) <= NEAR_TOWN and abs(longitude - centre[1]) <= NEAR_TOWN


def checked(convert: Converter, value: Any) -> str:
    """`value` as `cls-site validate` would accept it with this converter (url, email…), else "": an import
    never writes what validation would then refuse."""
    text = str(value or "").strip()
    if not text:
        return ""
    ctx = Context(file="", report=ErrorReport())
    result = convert(Scalar(text), ctx, "")
    return "" if ctx.report else str(result)


def iso_day(value: Any) -> dt.date | None:
    """The day a national file gives as « AAAA-MM-JJ », possibly followed by a time; None for anything else."""
    try:
        return dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return None


def web_address(value: Any) -> str:
    return checked(url, value)


def mail_address(value: Any) -> str:
    return checked(email, value)


def french_phone(text: Any) -> str:
    """« 06 65 74 40 30 », « +33 2 38 30 00 01 », « +33 (0)2 38… », « 0238300001 » → « 02 38 30 00 01 »; else ""."""
    digits = re.sub(r"\D", "", str(text or ""))
    if digits.startswith("330") and len(digits) == 12:
        digits = digits[2:]
    elif digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0[1-9]\d{8}", digits):
        return ""
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
