"""Converters for the formats of French public data: postcodes, INSEE codes, phones, e-mails, URLs."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

from site_builder.converters import invisible, is_control
from site_builder.load import Node, Scalar
from site_builder.schema import Context, _describe


def _pattern(regex: str, label: str, example: str):
    def convert(node: Node, ctx: Context, path: str) -> str:
        raw = node.strip() if isinstance(node, Scalar) else ""
        if not re.fullmatch(regex, raw):
            return ctx.error(node, path, f"{label} invalide : {_describe(node)}.", f"exemple : {example}.")
        return raw

    return convert


postcode = _pattern(r"\d{5}", "code postal", "« 45300 » (5 chiffres, entre guillemets si la valeur commence par 0)")
finess = _pattern(r"\d{9}|2[AB]\d{7}", "numéro FINESS", "« 450000013 » (9 caractères, entre guillemets)")
siren = _pattern(r"\d{9}", "numéro SIREN", "« 200075869 » (9 chiffres, entre guillemets)")
siret = _pattern(r"\d{14}", "numéro SIRET", "« 13002526500013 » (14 chiffres, entre guillemets)")
# National numbers of a health professional (Annuaire Santé): kept for the pro edition, never published.
RPPS, ADELI = r"\d{11}", r"\d[0-9AB]\d{7}"
rpps = _pattern(RPPS, "numéro RPPS", "« 10001234567 » (11 chiffres, entre guillemets)")
adeli = _pattern(ADELI, "numéro ADELI", "« 459912345 » (9 caractères, entre guillemets)")
insee_code = _pattern(r"\d{5}|2[AB]\d{3}", "code INSEE", "« 45252 » (5 caractères)")


def url(node: Node, ctx: Context, path: str) -> str:
    """An absolute http(s) address; anything else (javascript:, relative) is refused."""
    raw = node.strip() if isinstance(node, Scalar) else ""
    try:
        parts = urlsplit(raw)
    except ValueError:  # an unclosed IPv6 bracket, « http://[::1 »
        parts = urlsplit("")
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in raw for c in " <>\"'\n"):
        return ctx.error(node, path, f"adresse web invalide : {_describe(node)}.",
                         "une adresse complète commençant par https://, ex. https://www.exemple.fr/page")
    if problem := _unsafe_url(raw, parts.netloc) or _bad_host(parts):
        return ctx.error(node, path, f"adresse web refusée : {problem}.",
                         "recopiez l'adresse publique depuis la barre du navigateur, ex. https://www.exemple.fr/page")
    return raw


def _unsafe_url(raw: str, netloc: str) -> str:
    """Why an address that parses would still be unsafe to publish, or ""."""
    if any(is_control(c) for c in raw):
        return "elle contient un caractère de contrôle (caractère nul, retour chariot…)"
    if hidden := invisible(raw):
        return f"elle contient le caractère invisible {hidden}"
    if "@" in netloc:  # https://user:password@host: credentials published, or a host disguised behind "@"
        return "elle contient un identifiant ou un mot de passe avant « @ »"
    return ""


HOST_LABEL = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")  # letters (accented too: IDN), digits, « - » not at an end
IPV4 = re.compile(r"\d{1,3}(\.\d{1,3}){3}")


def _bad_host(parts: SplitResult) -> str:
    """Why the host or port of an address cannot be reached by a visitor, or "" (a browser refuses port 99999)."""
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None and not 0 < port <= 65535:
        written = parts.netloc.rpartition(":")[2]
        return f"le port « {written} » n'existe pas (un port va de 1 à 65535 ; le plus souvent, il n'en faut aucun)"
    host = (parts.hostname or "").removesuffix(".")
    if ":" in host or (IPV4.fullmatch(host) and all(int(n) <= 255 for n in host.split("."))):
        return ""  # an IPv6 literal (urlsplit checked its brackets) or an IPv4 address
    labels = host.split(".")
    if len(labels) < 2 or not all(HOST_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return f"le nom de domaine « {parts.hostname or ''} » n'est pas valide (ex. www.exemple.fr)"
    return ""


def email(node: Node, ctx: Context, path: str) -> str:
    raw = node.strip() if isinstance(node, Scalar) else ""
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", raw):
        return ctx.error(node, path, f"adresse électronique invalide : {_describe(node)}.",
                         "exemple : contact@exemple.fr")
    return raw


def phone(node: Node, ctx: Context, path: str) -> str:
    """A French number, stored normalised as "02 38 30 00 00"."""
    raw = node.strip() if isinstance(node, Scalar) else ""
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    if re.fullmatch(r"1\d{1,3}|3\d{3}", digits):  # short numbers: 15, 112, 3919…
        return digits
    if re.fullmatch(r"116\d{3}", digits):  # European harmonised numbers: 116 117, 116 006…
        return f"{digits[:3]} {digits[3:]}"
    return ctx.error(node, path, f"numéro de téléphone invalide : {_describe(node)}.",
                     "10 chiffres, ex. « 02 38 30 00 00 » (entre guillemets).")
