"""A data.gouv.fr dataset whose newest file changes address each month: ask the dataset, take its newest resource.

`https://www.data.gouv.fr/api/1/datasets/<slug>/` describes the dataset with its `resources` (title,
format, url, last_modified). A stable resource address (`…/datasets/r/<id>`) or any other address is
used as it is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from site_builder.refresh.download import DownloadError, allowed_host, read_json


def is_dataset(url: str) -> bool:
    """A data.gouv.fr API dataset description (not a resource)."""
    path = urlsplit(url).path
    return "/api/1/datasets/" in path and "/datasets/r/" not in path


def resolve(url: str, pick: str, wanted: str, deadline_s: float) -> str:
    """The address of the file to download: the dataset's newest resource titled with `pick`, in format `wanted`."""
    if not is_dataset(url):
        return url
    document = read_json(url, deadline_s)
    resources = document.get("resources", []) if isinstance(document, dict) else []
    chosen = [r for r in resources if isinstance(r, dict) and pick.lower() in str(r.get("title", "")).lower()
              and str(r.get("format", "")).lower() == wanted]
    if not chosen:
        raise DownloadError(f"aucun fichier « {pick} » au format {wanted} dans le jeu de données ({url}).")
    newest = max(chosen, key=lambda r: str(r.get("last_modified") or r.get("created_at") or ""))
    address = str(newest.get("url", ""))
    if not allowed_host(urlsplit(url).hostname or "", urlsplit(address).hostname or ""):
        raise DownloadError(f"le jeu de données renvoie vers un autre site ({urlsplit(address).hostname}) : "
                            "téléchargement refusé par prudence.")
    return address
