"""The FINESS CSV extract (etalab-cs1100507), read without trusting it: encoding, layout, rows, positions.

The file: `;`-separated, no header, Latin-1 (UTF-8 files exist: the encoding is detected, never assumed).
Line 1 is metadata (`finess;etalab;<n>;<date>`), then `structureet` rows (32 fields) and `geolocalisation`
rows (`nofinesset; x; y; source of the coordinates; date`). Coordinates are projected: Lambert-93
(EPSG:2154) in mainland France, UTM zones overseas; the projection is read on each row. Two passes over the
file keep memory bounded by the territory, not the country.
"""

from __future__ import annotations

import codecs
import csv
import math
import re
from collections.abc import Callable
from pathlib import Path

from pyproj import Transformer
from pyproj.exceptions import CRSError

from site_builder.importers.source_errors import SourceFileError

FIELDS = ("section", "nofinesset", "nofinessej", "rs", "rslongue", "complrs", "compldistrib", "numvoie", "typvoie",
          "voie", "compvoie", "lieuditbp", "commune", "departement", "libdepartement", "ligneacheminement",
          "telephone", "telecopie", "categetab", "libcategetab", "categagretab", "libcategagretab", "siret",
          "codeape", "codemft", "libmft", "codesph", "libsph", "dateouv", "dateautor", "datemaj", "numuai")
# The last field (numuai) is often cut by the export: a row needs the 31 before it.
NEEDED = len(FIELDS) - 1
# Overseas départements are letters in FINESS (9A Guadeloupe … 9F Mayotte); their INSEE codes start with 97,
# and Saint-Barthélemy and Saint-Martin kept their old Guadeloupe codes.
OVERSEAS = re.compile(r"9[A-F]")
RENUMBERED = {"97123": "97701", "97127": "97801"}
ENCODINGS = {"utf-8-sig": "UTF-8 avec BOM", "utf-8": "UTF-8", "latin-1": "Latin-1 (ISO-8859-1)"}
Plausible = Callable[[float, float], bool]


def detect_encoding(path: Path) -> str:
    """`utf-8-sig`, `utf-8` or `latin-1`: UTF-8 when every byte of the file decodes as UTF-8, else Latin-1.
    An empty or binary file is refused."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, size = True, 0
    with path.open("rb") as handle:
        head = handle.read(4096)
        if not head.strip():
            raise SourceFileError(f"{path.name} est vide : ce n'est pas un extrait FINESS. Rien n'a été écrit.")
        if b"\x00" in head or sum(byte < 9 or 13 < byte < 32 for byte in head) > len(head) // 100:
            raise SourceFileError(f"{path.name} n'est pas un fichier texte (fichier binaire, archive ?) : "
                                  "décompressez-le ou téléchargez l'extrait CSV FINESS. Rien n'a été écrit.")
        handle.seek(0)
        while utf8 and (chunk := handle.read(1 << 20)):
            size += len(chunk)
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    if head.startswith(codecs.BOM_UTF8):
        if not utf8:  # a BOM says UTF-8, the bytes after it do not: no reading of it would give the right names
            raise SourceFileError(f"{path.name} commence comme un fichier UTF-8 mais contient des caractères d'un "
                                  "autre encodage (Latin-1 ?) : encodage mélangé. Retéléchargez l'extrait FINESS "
                                  "sans l'ouvrir dans un tableur. Rien n'a été écrit.")
        return "utf-8-sig"
    return "utf-8" if utf8 else "latin-1"


def establishments(path: Path, encoding: str, wanted: Callable[[str], bool],
                   skipped: list[str]) -> tuple[str, list[dict[str, str]]]:
    """The extraction date and the `structureet` rows whose INSEE code is `wanted`, checked for their layout."""
    extracted, kept, seen, short = "", [], 0, []
    with path.open(encoding=encoding, newline="") as handle:
        _check_layout(path, handle.readline())
        handle.seek(0)
        reader = csv.reader(handle, delimiter=";")
        cells: list[str] = []
        for cells in reader:
            if cells and cells[0] == "finess":
                extracted = cells[3] if len(cells) > 3 else ""
            if not cells or cells[0] != "structureet":
                continue
            seen += 1
            if len(cells) < NEEDED:
                number = cells[1] if len(cells) > 1 else "?"
                short.append(f"ligne {reader.line_num} (n° {number}) : {len(cells)} champs au lieu de {len(FIELDS)}, "
                             "ligne ignorée.")
                continue
            row = dict(zip(FIELDS, (cell.strip() for cell in cells), strict=False))
            row["code_insee"] = insee_code(row["departement"], row["commune"])
            if not re.fullmatch(r"\d{9}|2[AB]\d{7}", row["nofinesset"]):
                skipped.append(f"ligne {reader.line_num} : numéro FINESS « {row['nofinesset']} » invalide, "
                               "ligne ignorée.")
            elif wanted(row["code_insee"]):
                kept.append(row)
    _check_whole(path, cells)
    if not seen:
        raise SourceFileError(f"{path.name} n'a aucune ligne « structureet » : ce n'est pas l'extrait des "
                              "établissements FINESS (etalab-cs1100507). Rien n'a été écrit.")
    skipped.extend(short)
    return extracted, kept


def _check_layout(path: Path, first: str) -> None:
    """A comma-separated file, or text without any `;`, is not the FINESS extract."""
    if ";" in first:
        return
    if "," in first:
        raise SourceFileError(f"{path.name} est séparé par des virgules : l'extrait FINESS est séparé par des "
                              "points-virgules (« ; »). Téléchargez-le à nouveau sans l'ouvrir dans un tableur. "
                              "Rien n'a été écrit.")
    raise SourceFileError(f"{path.name} n'a pas la forme de l'extrait FINESS (lignes « structureet;… » séparées "
                          "par des points-virgules). Rien n'a été écrit.")


def _check_whole(path: Path, last: list[str]) -> None:
    """A file whose last line is cut short and has no final line break was cut off while downloading."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        handle.seek(max(0, handle.tell() - 1))
        ends_cleanly = handle.read(1) in (b"\n", b"\r", b"")
    expected = {"structureet": NEEDED, "geolocalisation": 6}.get(last[0] if last else "", 0)
    if not ends_cleanly and len(last) < expected:
        raise SourceFileError(f"{path.name} est incomplet : sa dernière ligne s'arrête au champ {len(last)} sur "
                              f"{expected} (téléchargement interrompu ?). Téléchargez-le à nouveau. "
                              "Rien n'a été écrit.")


def insee_code(departement: str, commune: str) -> str:
    """The INSEE code of a FINESS row: « 01 » + « 451 » → « 01451 », « 9A » + « 105 » → « 97105 »."""
    code = ("97" if OVERSEAS.fullmatch(departement) else departement) + commune
    return RENUMBERED.get(code, code)


def positions(path: Path, encoding: str, wanted: dict[str, Plausible],
              skipped: list[str]) -> dict[str, tuple[float, float]]:
    """WGS84 (lat, lon) of the wanted establishments that have a plausible `geolocalisation` row."""
    transformers: dict[str, Transformer | None] = {}
    found = {}
    with path.open(encoding=encoding, newline="") as handle:
        for cells in csv.reader(handle, delimiter=";"):
            if len(cells) < 5 or cells[0] != "geolocalisation" or cells[1] not in wanted:
                continue
            number, crs = cells[1], projection(cells[4])
            try:
                x, y = float(cells[2]), float(cells[3])
            except ValueError:
                skipped.append(f"{number} : coordonnées illisibles (« {cells[2]} », « {cells[3]} »), refusées.")
                continue
            if crs is None:
                skipped.append(f"{number} : projection des coordonnées inconnue (« {cells[4]} »).")
                continue
            if crs not in transformers:
                try:
                    transformers[crs] = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
                except CRSError:  # a code no projection has (EPSG:99999): this row's position only is unusable
                    transformers[crs] = None
            if transformers[crs] is None:
                skipped.append(f"{number} : projection des coordonnées inconnue (« {cells[4]} »).")
                continue
            lon, lat = transformers[crs].transform(x, y)
            if not (math.isfinite(lat) and math.isfinite(lon) and wanted[number](lat, lon)):
                skipped.append(f"{number} : coordonnées impossibles pour sa commune ({x}, {y}), refusées.")
                continue
            found[number] = (round(lat, 5), round(lon, 5))
    return found


def projection(source: str) -> str | None:
    """The projection named in `sourcecoordet`: « …,LAMBERT_93 » → EPSG:2154, « …,UTM_N20 » → EPSG:32620."""
    if match := re.search(r"EPSG:(\d{4,5})", source):
        return f"EPSG:{match[1]}"
    if re.search(r"LAMBERT[ _-]?93", source, re.I):
        return "EPSG:2154"
    if match := re.search(r"UTM[ _]?(?:zone[ _]?)?([NS])?[ _]?(\d{1,2})([NS])?", source, re.I):
        hemisphere = (match[1] or match[3] or "N").upper()
        return f"EPSG:{(32600 if hemisphere == 'N' else 32700) + int(match[2])}"
    return None
