"""The site's bilan CSV as a person sends it back: downloaded as is (UTF-8 with BOM, « ; », CRLF) or saved
again by a spreadsheet (Excel on Windows writes Windows-1252; « Unicode text » is UTF-16 with a BOM)."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Any

MAX_BYTES = 5_000_000  # a review of a few hundred actions weighs well under 1 MB


class CsvFileError(Exception):
    """A CSV that cannot be read; args are the French message and the hint."""


def decode(raw: bytes) -> tuple[str, str]:
    """The text of `raw` and the French name of its encoding: a BOM decides, else UTF-8, else Windows-1252."""
    for bom, encoding, name in ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
                                (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), name
            except UnicodeDecodeError as error:
                raise CsvFileError(f"fichier déclaré {name} mais illisible (octet {error.start}).",
                                   "enregistrez-le à nouveau en « CSV UTF-8 » depuis votre tableur.") from None
    if b"\0" in raw:
        raise CsvFileError("ce fichier n'est pas un texte CSV (il contient des octets nuls).",
                           "enregistrez le bilan en « CSV UTF-8 » depuis votre tableur.")
    for encoding, name in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            return raw.decode(encoding), name
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")


def rows(path: Path) -> tuple[list[list[Any]], str]:
    """The rows of the CSV and its encoding; a file too large or not CSV raises CsvFileError."""
    if path.stat().st_size > MAX_BYTES:
        raise CsvFileError(f"fichier trop volumineux ({path.stat().st_size / 1e6:.1f} Mo, au plus "
                           f"{MAX_BYTES / 1e6:.0f} Mo).", "le CSV d'un bilan téléchargé sur le site pèse moins d'1 Mo.")
    text, encoding = decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [list(row) for row in reader], encoding
    except csv.Error:  # a cell over the csv module's 128 KiB limit
        raise CsvFileError(f"ligne {reader.line_num} illisible (cellule trop longue).",
                           "une cellule fait au plus 32 767 caractères ; enregistrez à nouveau le fichier en CSV "
                           "depuis votre tableur.") from None
