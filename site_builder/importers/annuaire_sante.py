"""ANS « Annuaire Santé » extraction (PS_LibreAcces): the activities of health professionals in the territory.

The download is a zip of three UTF-8, `|`-separated files without quotes, every line ending with a `|`; we read
`PS_LibreAcces_Personne_activite_*.txt`, one row per person × place of practice × specialty. Columns are found
by their names (the 2021–2022 files had 52, today's have 56). The national file is about 2 GB: it is read one
line at a time and a row is kept only when its place is in one of the territory's communes. The e-mail column
(MSSanté secure addresses) is never read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.importers.source_errors import SourceFileError, match_layout
from site_builder.importers.territory_towns import Town
from site_builder.reference import load_reference
from site_builder.text import fold

SOURCE = "annuaire-sante"
PROGRESS_ROWS = 100_000  # the national file has about 2 million: the bar moves every 5 %
MEMBER = re.compile(r"PS_LibreAcces_Personne_activite.*\.txt$", re.I)
WHAT = "Fichier de l'Annuaire Santé (PS_LibreAcces_Personne_activite)"

# Our name → the column's name in the file. Every one is in both layouts (the first 52 columns).
COLUMNS = {
    "type_id": "Type d'identifiant PP", "id_pp": "Identifiant PP",
    "civilite": "Libellé civilité d'exercice", "sexe": "Code civilité",
    "nom": "Nom d'exercice", "prenom": "Prénom d'exercice",
    "profession_code": "Code profession", "profession": "Libellé profession",
    "savoir_faire_code": "Code savoir-faire", "savoir_faire": "Libellé savoir-faire",
    "mode": "Code mode exercice", "finess_site": "Numéro FINESS site",
    "structure": "Identifiant technique de la structure",
    "raison_sociale": "Raison sociale site", "enseigne": "Enseigne commerciale site",
    "complement": "Complément point géographique (coord. structure)",
    "numero": "Numéro Voie (coord. structure)", "indice": "Indice répétition voie (coord. structure)",
    "type_voie_code": "Code type de voie (coord. structure)", "type_voie": "Libellé type de voie (coord. structure)",
    "voie": "Libellé Voie (coord. structure)", "lieu_dit": "Mention distribution (coord. structure)",
    "code_postal": "Code postal (coord. structure)", "code_commune": "Code commune (coord. structure)",
    "commune": "Libellé commune (coord. structure)", "telephone": "Téléphone (coord. structure)",
}
# Only in the files published since 2023: the kind of activity (genre d'activité).
GENRE = {"genre_code": "Code genre activité", "genre": "Libellé genre activité"}
LAYOUTS = {"56 colonnes (depuis 2023)": [*COLUMNS.values(), *GENRE.values()],
           "52 colonnes (2021-2022)": list(COLUMNS.values())}
# The ANS nomenclature TRE_R22-GenreActivite (Nomenclatures des objets de santé, NOS 1.2.0,
# https://interop.esante.gouv.fr/ig/nos/1.2.0/CodeSystem-TRE-R22-GenreActivite.html, read 2026-12-07):
# GENR01 « Activité de soin et de pharmacie » is the only genre where a resident is seen at that place;
# GENR02 « … en tant que remplaçant », GENR03 « Remplacement dans une activité de soins », GENR04 « Activité non
# soignante », GENR06 « Délégation de responsabilité pour continuité de service », GENR08 « Coordination et
# orientation » (GENR05 and GENR07 are closed codes) are not a practice. The files' own label for GENR01 has
# varied (« Activité standard »): the code decides; a label is read only when a row has no code.
STANDARD_GENRE = "GENR01"
STANDARD_LABELS = ("activite de soin", "standard")


@dataclass(frozen=True)
class Activity:
    """One row of the file kept for the territory, by our names, with its commune resolved."""

    values: dict[str, str]
    town: Town

    def __getitem__(self, name: str) -> str:
        return self.values.get(name, "")


@dataclass
class ReadReport:
    """What reading the file left out, counted, for the coordinator."""

    layout: str = ""
    extracted: dt.date | None = None  # from the file's name: PS_LibreAcces_Personne_activite_AAAAMMJJhhmm.txt
    rows: int = 0
    replacements: int = 0  # activities of another genre than GENR01 (replacements, non-care, coordination…)
    genres: dict[str, int] = field(default_factory=dict)  # their genres, as the file labels them
    unplaced: int = 0  # a postcode of the territory with a town name we could not match


def read_activities(path: Path, towns: dict[str, Town], report: ReadReport,
                    progress: Callable[[int, int], None] | None = None) -> Iterator[Activity]:
    """The standard activities placed in the territory's communes, one row at a time; `progress` is told
    (characters read, size of the file) every PROGRESS_ROWS rows and at the end (2 million rows nationally)."""
    places = TownIndex(towns)
    with _open_text(path) as (name, handle, size):
        read = 0
        report.extracted = extraction_date(name)
        header = handle.readline().rstrip("\r\n").rstrip("|").split("|")
        report.layout = match_layout(header, LAYOUTS, WHAT)
        positions = {name: header.index(column) for name, column in {**COLUMNS, **GENRE}.items() if column in header}
        postal, commune_code = positions["code_postal"], positions["code_commune"]
        for line in handle:
            report.rows += 1
            read += len(line)  # characters: bytes give or take the accents, enough for a bar
            if progress and report.rows % PROGRESS_ROWS == 0:
                progress(read, size)
            cells = line.rstrip("\r\n").split("|")
            if len(cells) <= max(postal, commune_code):
                continue
            # Cheap test first: nearly every row of the national file is elsewhere.
            if cells[commune_code] not in towns and cells[postal] not in places.postcodes:
                continue
            values = {name: cells[at].strip() for name, at in positions.items() if at < len(cells)}
            town = places.find(values)
            if town is None:
                report.unplaced += 1
            elif not _standard(values):
                report.replacements += 1
                genre = values.get("genre") or values.get("genre_code") or "genre non précisé"
                report.genres[genre] = report.genres.get(genre, 0) + 1
            else:
                yield Activity(values, town)
        if progress:
            progress(size, size)


def _standard(values: dict[str, str]) -> bool:
    """An activity of care at that place (GENR01, see STANDARD_GENRE); the 52-column files have no genre."""
    code, label = values.get("genre_code", ""), fold(values.get("genre", ""))
    if code:
        return code == STANDARD_GENRE
    return not label or any(word in label for word in STANDARD_LABELS)


class TownIndex:
    """The territory's communes by INSEE code, and by postcode + folded name for rows without a commune code."""

    def __init__(self, towns: dict[str, Town]) -> None:
        self.towns = towns
        reference = load_reference().communes
        self.by_name: dict[tuple[str, str], Town] = {}
        for town in towns.values():
            known = reference.get(town.code_insee)
            postcodes = set(town.codes_postaux) | set(known.codes_postaux if known else ())
            names = {town.nom, known.nom if known else town.nom}
            for postcode in postcodes:
                for name in names:
                    self.by_name[(postcode, town_key(name))] = town
        self.postcodes = {postcode for postcode, _ in self.by_name}

    def find(self, values: dict[str, str]) -> Town | None:
        """The commune of a row: its code when the file gives one, else its postcode and town name."""
        if values["code_commune"]:
            return self.towns.get(values["code_commune"])
        return self.by_name.get((values["code_postal"], town_key(values["commune"])))


def town_key(name: str) -> str:
    """« SAINT-MARTIN D'ABBAT CEDEX » and « Saint-Martin-d'Abbat » → « st martin d abbat »."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(name)).split()
    while words and (words[-1] == "cedex" or words[-1].isdigit()):
        words.pop()
    short = {"saint": "st", "sainte": "ste"}
    return " ".join(short.get(word, word) for word in words)


def extraction_date(name: str) -> dt.date | None:
    """The date in the file's name (« …_202612070845.txt » → 2026-12-07), if it has one."""
    match = re.search(r"_(\d{4})(\d{2})(\d{2})\d{0,6}\.txt$", name)
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        return None


@contextmanager
def _open_text(path: Path) -> Iterator[tuple[str, io.TextIOBase, int]]:
    """The activity file itself, or its member inside the zip as downloaded, as UTF-8 text, and its size."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = [name for name in archive.namelist() if MEMBER.search(Path(name).name)]
                if not names:
                    raise SourceFileError(f"{WHAT} : l'archive {path.name} ne contient pas de fichier "
                                          "« PS_LibreAcces_Personne_activite_….txt ». Rien n'a été écrit.")
                with archive.open(names[0]) as raw:
                    yield (Path(names[0]).name, io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""),
                           archive.getinfo(names[0]).file_size)
        else:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                yield path.name, handle, path.stat().st_size
    except UnicodeDecodeError as error:
        raise SourceFileError(f"{WHAT} : le fichier n'est pas en UTF-8 ({error.reason} à l'octet {error.start}). "
                              "Téléchargez-le à nouveau sans l'ouvrir dans un tableur. Rien n'a été écrit.") from None
    except zipfile.BadZipFile as error:
        raise SourceFileError(f"{WHAT} : archive zip illisible ({error}). Rien n'a été écrit.") from None
