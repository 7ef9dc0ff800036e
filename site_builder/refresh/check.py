"""Check a downloaded national file before any importer reads it: size, archive integrity, the member to read.

The kind of file is read from its first bytes, not from its address: a zip (Annuaire Santé), a tar.bz2
(DILA), or text (CSV or JSON). What the importer reads is written beside the download as `lu.csv`,
`lu.json` or the archive's member, since importers choose their format by the file's suffix. A file
that fails here is refused like a file an importer cannot read (`SourceFileError`, in French): the
source is named in the report and its records stay as they were.
"""

from __future__ import annotations

import shutil
import tarfile
import zipfile
import zlib
from pathlib import Path

from site_builder.importers.source_errors import SourceFileError

# The member of an archive the importer reads: DILA's tar holds « <date>-data.gouv_local.json »; the ANS zip holds
# PS_LibreAcces_Personne_activite_<date>.txt beside two other files.
ZIP_MEMBER, TAR_MEMBER = "PS_LibreAcces_Personne_activite", "data.gouv_local.json"
ZIP, BZIP2, GZIP = b"PK\x03\x04", b"BZh", b"\x1f\x8b"


def check(path: Path, min_bytes: int) -> Path:
    """The file the importer should read: the text itself, or the member extracted beside the archive."""
    size = path.stat().st_size
    if size < min_bytes:
        raise SourceFileError(f"fichier trop petit ({size} octets) : ce n'est pas le fichier national attendu "
                              "(page d'erreur ou fichier vide ?).")
    with path.open("rb") as handle:
        head = handle.read(64)
    if head.startswith(ZIP):
        return _from_zip(path)
    if head.startswith(BZIP2):
        return _from_tar(path)
    if head.startswith(GZIP):
        raise SourceFileError("fichier compressé en gzip : donnez l'adresse du fichier CSV ou JSON lui-même.")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return _copy(path, path.with_name("lu.json" if text[:1] in (b"{", b"[") else "lu.csv"))


def _copy(source: Path, target: Path) -> Path:
    target.unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def _from_zip(path: Path) -> Path:
    try:
        with zipfile.ZipFile(path) as archive:
            broken = archive.testzip()
            if broken:
                raise SourceFileError(f"archive zip endommagée (élément « {broken} »).")
            member = _choose(archive.namelist(), ZIP_MEMBER)
            target = path.with_name(Path(member).name)
            with archive.open(member) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise SourceFileError(f"archive zip illisible ou tronquée ({error}).") from None
    return target


def _from_tar(path: Path) -> Path:
    try:
        with tarfile.open(path, "r:bz2") as archive:
            names = [m.name for m in archive.getmembers() if m.isfile()]  # reads to the end: a cut file fails here
            member = _choose(names, TAR_MEMBER, fallback=".json")
            target = path.with_name(Path(member).name)
            with archive.extractfile(member) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise SourceFileError(f"archive tar.bz2 illisible ou tronquée ({error}).") from None
    return target


def _choose(names: list[str], wanted: str, fallback: str = "") -> str:
    """The member whose name holds `wanted` (else one ending with `fallback`), the latest by name."""
    chosen = [name for name in names if wanted in Path(name).name]
    if not chosen and fallback:
        chosen = [name for name in names if name.endswith(fallback)]
    if not chosen:
        shown = ", ".join(names[:10]) or "aucun fichier"
        raise SourceFileError(f"l'archive ne contient pas le fichier attendu (« {wanted} »). Trouvé : {shown}.")
    return sorted(chosen)[-1]  # names carry the extraction date: the latest
