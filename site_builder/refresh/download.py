"""Fetch a national file with a conditional request, a total deadline and a host that cannot change under us.

The cache (`.cache/sources/<source>/`, outside data/, not committed) keeps the last good file with its
ETag and Last-Modified: the next run sends If-None-Match / If-Modified-Since and a 304 costs nothing.
Only the standard library (urllib), with explicit timeouts. Every failure is a `DownloadError` whose
message, in French, goes to the change report; the source's data are then left as they are.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import http.client
import json
import os
import socket
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

CHUNK = 1 << 16
MAX_RETRY_WAIT = 60  # a 429 asking to wait longer than this (seconds) fails the source for this run
# A redirect may stay on the declared host or go to an official one (www.data.gouv.fr → static.data.gouv.fr).
OFFICIAL_DOMAINS = ("gouv.fr", "sante.fr")
DOWNLOADED = "telechargement"  # the file as received (an archive, or the text an importer reads)
USER_AGENT = "cls-site-rafraichir (site d'un contrat local de santé)"


class DownloadError(Exception):
    """A source that could not be fetched; the message says why, in French."""


@dataclass
class Cached:
    """What the cache remembers of the last good file of a source."""

    url: str
    etag: str = ""
    last_modified: str = ""
    fetched: str = ""  # ISO date and time of the last successful check
    sha256: str = ""
    size: int = 0


@dataclass
class Fetched:
    """The file to import and whether the server said it had not changed."""

    path: Path
    unchanged: bool
    cached: Cached


def fetch(url: str, folder: Path, deadline_s: float, now: dt.datetime) -> Fetched:
    """The source's file in `folder`: downloaded when it changed, the cached one on a 304."""
    folder.mkdir(parents=True, exist_ok=True)
    target, meta_path = folder / DOWNLOADED, folder / "meta.json"
    old = _read_meta(meta_path)
    if old and (old.url != url or not target.exists()):
        old = None  # another address, or a lost file: no conditional request
    deadline = time.monotonic() + deadline_s
    headers = {"User-Agent": USER_AGENT}
    if old and old.etag:
        headers["If-None-Match"] = old.etag
    if old and old.last_modified:
        headers["If-Modified-Since"] = old.last_modified
    response = _open(url, headers, deadline)
    if response is None:  # 304 Not Modified
        old.fetched = now.isoformat(timespec="seconds")
        return Fetched(target, True, old)
    with response:
        temp = _save(response, folder, deadline)
        meta = Cached(url, response.headers.get("ETag", ""), response.headers.get("Last-Modified", ""),
                      now.isoformat(timespec="seconds"), *_digest(temp))
    return Fetched(temp, False, meta)


def keep(fetched: Fetched, folder: Path) -> None:
    """Make a checked download the cached file, with its validators, for the next conditional request."""
    target = folder / DOWNLOADED
    if fetched.path != target:
        os.replace(fetched.path, target)
        fetched.path = target
    (folder / "meta.json").write_text(json.dumps(asdict(fetched.cached), indent=1, ensure_ascii=False) + "\n",
                                      encoding="utf-8")


def discard(fetched: Fetched) -> None:
    """Remove a download that failed its checks (the cached file stays)."""
    if not fetched.unchanged:
        fetched.path.unlink(missing_ok=True)


def read_json(url: str, deadline_s: float) -> object:
    """A small JSON document (a data.gouv.fr dataset description), within the deadline."""
    deadline = time.monotonic() + deadline_s
    response = _open(url, {"User-Agent": USER_AGENT, "Accept": "application/json"}, deadline)
    if response is None:
        raise DownloadError(f"réponse 304 inattendue pour {url}.")
    with response:
        try:
            return json.loads(_read_all(response, deadline).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise DownloadError(f"la description du jeu de données n'est pas du JSON lisible ({error}).") from None


def allowed_host(declared: str, host: str) -> bool:
    """A redirect may stay on the declared host or go to an official domain."""
    host = host.lower()
    return host == declared.lower() or any(host == d or host.endswith("." + d) for d in OFFICIAL_DOMAINS)


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to the declared host or an official domain: a hijacked address is refused."""

    def __init__(self, host: str) -> None:
        self.host = host

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 (urllib's signature)
        new_host = urlsplit(newurl).hostname or ""
        if not allowed_host(self.host, new_host):
            raise DownloadError(f"le serveur redirige vers un autre site ({new_host}) : téléchargement refusé "
                                "par prudence. Vérifiez l'adresse de la source dans data/cls.yml.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _open(url: str, headers: dict[str, str], deadline: float, retried: bool = False) -> http.client.HTTPResponse | None:
    """The open response, None on 304; one retry after a short Retry-After; DownloadError otherwise."""
    opener = urllib.request.build_opener(_SameHostRedirects(urlsplit(url).hostname or ""))
    try:
        return opener.open(urllib.request.Request(url, headers=headers), timeout=_left(deadline))
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return None
        wait = retry_after(error.headers.get("Retry-After", ""), time.time())
        if error.code in (429, 503) and wait is not None and not retried and wait <= min(MAX_RETRY_WAIT,
                                                                                          _left(deadline) - 1):
            time.sleep(wait)
            return _open(url, headers, deadline, retried=True)
        raise DownloadError(_http_message(error.code, wait)) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        raise DownloadError(_network_message(error)) from None


def retry_after(value: str, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (a number of seconds or an HTTP date), or None."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def _http_message(code: int, wait: float | None) -> str:
    if code == 429:
        later = f" dans {round(wait)} s" if wait is not None else " plus tard"
        return f"le serveur limite les téléchargements (HTTP 429) et demande de réessayer{later}."
    if code == 404:
        return "fichier introuvable à cette adresse (HTTP 404) : l'adresse a peut-être changé."
    return f"le serveur a répondu par une erreur (HTTP {code})."


def _network_message(error: BaseException) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, DownloadError):
        return str(reason)
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return "le serveur n'a pas répondu à temps (délai dépassé)."
    if isinstance(error, http.client.IncompleteRead):
        return "téléchargement interrompu : le fichier reçu est incomplet."
    if isinstance(reason, socket.gaierror):
        return "nom de serveur introuvable (pas de connexion au réseau, ou adresse mal écrite)."
    return f"serveur injoignable ({reason})."


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise DownloadError("le téléchargement a dépassé le délai permis pour cette source.")
    return left


def _save(response: http.client.HTTPResponse, folder: Path, deadline: float) -> Path:
    """Stream the body to a temporary file of `folder`; a body shorter than announced is an error."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=".telechargement-")
    try:
        with os.fdopen(handle, "wb") as out:
            received = _copy(response, out, deadline)
        expected = response.headers.get("Content-Length")
        if expected and expected.isdigit() and received != int(expected):
            raise DownloadError(f"téléchargement interrompu : {received} octets reçus sur {expected} annoncés.")
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _copy(response: http.client.HTTPResponse, out, deadline: float) -> int:  # noqa: ANN001 (a binary file)
    received = 0
    while True:
        _sock_timeout(response, _left(deadline))
        try:
            chunk = response.read(CHUNK)
        except (OSError, http.client.HTTPException) as error:
            raise DownloadError(_network_message(error)) from None
        if not chunk:
            return received
        out.write(chunk)
        received += len(chunk)


def _read_all(response: http.client.HTTPResponse, deadline: float) -> bytes:
    parts = []
    while chunk := _read_chunk(response, deadline):
        parts.append(chunk)
    return b"".join(parts)


def _read_chunk(response: http.client.HTTPResponse, deadline: float) -> bytes:
    _sock_timeout(response, _left(deadline))
    try:
        return response.read(CHUNK)
    except (OSError, http.client.HTTPException) as error:
        raise DownloadError(_network_message(error)) from None


def _sock_timeout(response: http.client.HTTPResponse, seconds: float) -> None:
    """Shorten the socket's timeout to what is left of the deadline (a slow trickle cannot last for ever)."""
    sock = getattr(getattr(response, "fp", None), "raw", None)
    sock = getattr(sock, "_sock", None)
    if sock is not None:
        sock.settimeout(max(0.1, seconds))


def _digest(path: Path) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def _read_meta(path: Path) -> Cached | None:
    try:
        return Cached(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
